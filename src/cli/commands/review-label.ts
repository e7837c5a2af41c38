// `framewatch review label`: label a recorded sample on the terminal, one post at a time. Keys only
// (raw mode, no mouse), so it works the same in tmux and over SSH. Each key is saved at once.
import type { Command } from 'commander';

interface LabelOpts {
  frame: string;
  sample?: string;
  labeller?: string;
}

export function register(review: Command): void {
  review
    .command('label')
    .description('label a review sample on the terminal: y yes, n no, s skip, u undo, q quit (resumes where you stopped)')
    .requiredOption('--frame <id>', 'the frame (any case)')
    .option('--sample <id>', 'the sample to label (default: the newest sample of the frame)')
    .option('--labeller <name>', 'who labels (default: your user name)')
    .addHelpText(
      'after',
      `
One post at a time with the evidence of the current lexicon highlighted; right-to-left posts are
shown right to left. Every key is saved at once: quit any time with q, and the next run starts at
the first post you have not labelled. u takes back your last answer of this session.`,
    )
    .action(async (opts: LabelOpts, cmd: Command) => {
      const { UserError } = await import('../../errors.js');
      const { parsePositiveInt } = await import('../parse-options.js');
      if (!process.stdin.isTTY || !process.stdout.isTTY) {
        throw new UserError('review label needs a terminal (run it in a terminal, tmux or ssh -t); or label the file of review sample --out and review import it');
      }
      const sampleId = opts.sample !== undefined ? parsePositiveInt(opts.sample, '--sample') : undefined;
      const { loadTagger } = await import('../../frames/load-tagger.js');
      const tagger = loadTagger();
      const { defaultLabeller } = await import('./review.js');
      const labeller = opts.labeller ?? (await defaultLabeller());
      const { withStore, out } = await import('../context.js');
      await withStore(cmd, async (store, config) => {
        const { resolveFrameIds, frameIdSource } = await import('../frame-ids.js');
        const [frame] = await resolveFrameIds([opts.frame], frameIdSource(store));
        const { LabelSession } = await import('../../review/label-session.js');
        const session = await LabelSession.open(store, tagger, { frame: frame!, sampleId, labeller });
        const summary = await runScreen(session, {
          frameLabel: tagger.frames().find((f) => f.id === frame)?.label,
          timezone: config.timezone,
        });
        const p = session.progress();
        out(`${summary}: ${p.labelled}/${p.total} labelled (y ${p.yes}, n ${p.no})${p.skipped ? `, ${p.skipped} skipped` : ''} in sample ${session.sample.id} by ${labeller}`);
        out(p.labelled < p.total ? `resume: framewatch review label --frame ${frame}` : `next: framewatch eval labels --frame ${frame}`);
      });
    });
}

/** Runs the screen until the labeller quits or nothing is left; returns how it ended. */
async function runScreen(session: import('../../review/label-session.js').LabelSession, opts: { frameLabel?: string; timezone: string }): Promise<string> {
  const { renderLabelScreen } = await import('../../review/label-screen.js');
  const { evidenceText } = await import('../../review/sample-rows.js');
  const { colorEnabled } = await import('../../config.js');
  const { localDateTime } = await import('../../util/day-in-zone.js');
  const { isTelegramUrl } = await import('../../util/telegram-link.js');
  const stdin = process.stdin;
  const stdout = process.stdout;
  const color = colorEnabled(stdout);
  let message = '';

  const draw = async (): Promise<boolean> => {
    const cur = await session.current();
    if (!cur) return false;
    const p = cur.post;
    const lines = renderLabelScreen(
      {
        frame: session.sample.frame,
        frameLabel: opts.frameLabel,
        sampleId: session.sample.id,
        labeller: session.labeller,
        position: cur.item.position,
        post: `${p.channel}/${p.messageId}`,
        url: p.permalink && isTelegramUrl(p.permalink) ? p.permalink : null,
        when: `${localDateTime(p.postedAt, opts.timezone).replace('T', ' ')} ${opts.timezone}`,
        lang: p.lang,
        text: p.text,
        spans: cur.hits,
        evidence: evidenceText(cur.hits),
        ...(cur.current === undefined ? {} : { current: cur.current }),
      },
      session.progress(),
      { width: stdout.columns || 80, height: stdout.rows || 24, color, message },
    );
    // Clear and draw from the top-left corner.
    stdout.write(`\x1b[H\x1b[2J${lines.join('\r\n')}`);
    return true;
  };

  // The alternate screen keeps the labeller's scrollback; the cursor is hidden while keys decide.
  stdout.write('\x1b[?1049h\x1b[?25l');
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  const restore = () => {
    stdin.setRawMode(false);
    stdin.pause();
    stdout.write('\x1b[?25h\x1b[?1049l');
  };
  try {
    if (!(await draw())) return 'every post of the sample is labelled';
    return await new Promise<string>((resolve, reject) => {
      let queue = Promise.resolve();
      let finished = false;
      const finish = (why: string) => {
        if (finished) return;
        finished = true;
        stdin.off('data', onData);
        stdout.off('resize', onResize);
        process.off('SIGTERM', onSignal);
        process.off('SIGHUP', onSignal);
        resolve(why);
      };
      const handle = async (key: string): Promise<void> => {
        if (finished) return;
        switch (key) {
          case 'y':
          case 'n':
            await session.answer(key === 'y');
            message = `saved ${key}`;
            break;
          case 's':
            session.skip();
            message = 'skipped';
            break;
          case 'u':
            message = (await session.undo()) ? 'took back the last answer' : 'nothing to undo in this session';
            break;
          case 'q':
          case '\u0003': // Ctrl-C
          case '\u0004': // Ctrl-D
            finish('stopped');
            return;
          default:
            message = `"${key.replace(/[^\x20-\x7e]/g, '?')}" is not a key here`;
        }
        if (!(await draw())) finish(session.progress().skipped ? 'no unlabelled post left but the skipped ones (run again to see them)' : 'every post of the sample is labelled');
      };
      const onData = (chunk: string) => {
        // An escape sequence (arrow keys, function keys) is one key the screen does not use.
        const keys = chunk.startsWith('\x1b') ? ['?'] : [...chunk.toLowerCase()];
        for (const k of keys) queue = queue.then(() => handle(k)).catch((err: unknown) => {
          finished = true;
          reject(err);
        });
      };
      const onResize = () => {
        queue = queue.then(async () => {
          if (!finished) await draw();
        });
      };
      // A closed SSH session or a kill: every answer is already saved.
      const onSignal = () => finish('interrupted');
      stdin.on('data', onData);
      stdout.on('resize', onResize);
      process.on('SIGTERM', onSignal);
      process.on('SIGHUP', onSignal);
      stdin.resume();
    });
  } finally {
    restore();
  }
}
