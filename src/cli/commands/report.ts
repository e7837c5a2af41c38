import type { Command } from 'commander';
import { collect } from '../parse-options.js';
import { info, withStore } from '../context.js';

interface ReportOpts {
  out: string;
  since?: string;
  until?: string;
  frame: string[];
  frames: string;
  interval?: string;
  examples: string;
}

export function register(program: Command): void {
  program
    .command('report')
    .description('write a self-contained HTML report with charts (works offline)')
    .requiredOption('--out <file>', 'the HTML file to write ("-" for stdout)')
    .option('--since <date>', 'first day, YYYY-MM-DD in TIMEZONE (default: first day with posts)')
    .option('--until <date>', 'last day, inclusive (default: last day with posts)')
    .option('--frame <id>', 'frames to show (repeatable or comma list; default: the busiest ones)', collect, [])
    .option('--frames <n>', 'without --frame: how many of the busiest frames to show', '8')
    .option('--interval <day|week|month>', 'bucket of the volume chart (default: from the length of the range)')
    .option('--examples <n>', 'example posts per frame', '3')
    .addHelpText(
      'after',
      `
The page has: frame volume over time (one line per frame), the language mix, the top channels per
frame, frame co-occurrence and example posts (right-to-left text shown right to left). Charts are
inline SVG/CSS with no script and no external resource; open it anywhere, offline.
A frame validated on your labels (framewatch eval labels: at least 20 labels, 5 tagged, 5 yes) has
its estimated true volume drawn as a shaded 95% band and P/R beside its name; the others are marked
"unvalidated" and get no band.`,
    )
    .action(async (opts: ReportOpts, cmd: Command) => {
      const { parseDay, parsePositiveInt, oneOf } = await import('../parse-options.js');
      const { UsageError, UserError } = await import('../../errors.js');
      const { INTERVALS } = await import('../../util/time-buckets.js');
      const since = opts.since ? parseDay(opts.since, '--since') : undefined;
      const until = opts.until ? parseDay(opts.until, '--until') : undefined;
      if (since && until && since > until) throw new UsageError(`--since ${since} is after --until ${until}`);
      const interval = opts.interval ? oneOf(opts.interval, INTERVALS, '--interval') : undefined;
      const maxFrames = parsePositiveInt(opts.frames, '--frames');
      const examplesPerFrame = parsePositiveInt(opts.examples, '--examples', { allowZero: true });
      const { reportData } = await import('../../report/report-data.js');
      const { renderHtmlReport } = await import('../../report/html-report.js');
      const { loadFrameInfos } = await import('../frame-labels.js');
      const infos = await loadFrameInfos();
      const frameInfo = infos && Object.fromEntries(infos.map((f) => [f.id, { label: f.label, definition: f.definition, actor: f.actor }]));
      await withStore(cmd, async (store, config) => {
        const { resolveFrameIds, frameIdSource } = await import('../frame-ids.js');
        // The lexicon is already loaded for the labels: check ids against it.
        const source = { ...frameIdSource(store), ...(frameInfo ? { lexicon: () => Object.keys(frameInfo) } : {}) };
        const frames = await resolveFrameIds(opts.frame, source);
        // Frames validated on the analysts' labels get their estimated band (needs the lexicon: re-tagging).
        let validation: Map<string, import('../../report/report-data.js').FrameCorrection> | undefined;
        if (infos) {
          const { loadTagger } = await import('../../frames/load-tagger.js');
          const { loadValidation } = await import('../../review/frame-validation.js');
          const v = await loadValidation(store, loadTagger());
          validation = new Map([...v].map(([f, x]) => [f, { labels: x.labels, precision: x.precision.estimate, recall: x.recall.estimate, correction: x.correction }]));
        }
        const data = await reportData(store, { since, until, frames, maxFrames, interval, examplesPerFrame, ...(validation ? { validation } : {}) });
        for (const note of data.notes) info(`note: ${note}`);
        const html = renderHtmlReport(data, { generatedAt: new Date().toISOString(), timezone: config.timezone, frameInfo, markValidation: validation !== undefined });
        if (opts.out === '-') {
          process.stdout.write(html);
          return;
        }
        const { writeFileSync } = await import('node:fs');
        try {
          writeFileSync(opts.out, html);
        } catch (err) {
          throw new UserError(`cannot write ${opts.out}: ${(err as Error).message}`);
        }
        info(
          `wrote ${opts.out}: ${data.from ?? '-'} .. ${data.to ?? '-'}, ${data.totalPosts} posts, ${data.frames.length} frame(s) charted, ${data.examples.length} example posts`,
        );
      });
    });
}
