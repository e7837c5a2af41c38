// `framewatch review sample|label|import|list`: validation on the analyst's own channels.
import type { Command } from 'commander';
import type { SampleRecord } from '../../store/store.js';
import { collect } from '../parse-options.js';
import { register as registerLabel } from './review-label.js';

interface SampleOpts {
  frame: string;
  n: string;
  seed?: string;
  since?: string;
  until?: string;
  channel: string[];
  lang: string[];
  out?: string;
  format?: string;
  bom?: boolean;
}

/** The OS user name: who labels, unless --labeller says otherwise. */
export async function defaultLabeller(): Promise<string> {
  const { userInfo } = await import('node:os');
  try {
    return userInfo().username || 'analyst';
  } catch {
    return 'analyst';
  }
}

export function register(program: Command): void {
  const review = program
    .command('review')
    .description('validate a frame on your own channels: draw a sample, label it, import labels (then: eval labels, lexicon suggest)');

  review
    .command('sample')
    .description('draw a stratified random sample of posts for one frame and record it (tagged, near misses, the rest)')
    .requiredOption('--frame <id>', 'the frame to validate (any case)')
    .option('--n <n>', 'posts to label', '60')
    .option('--seed <n>', 'random seed: the same seed, data and lexicon draw the same sample (default: a new one, printed)')
    .option('--since <date>', 'only posts from this local day (YYYY-MM-DD in TIMEZONE) or ISO instant')
    .option('--until <date>', 'only posts up to this local day, inclusive (or before this ISO instant)')
    .option('--channel <name>', 'only these channels (repeatable or comma list)', collect, [])
    .option('--lang <lang>', 'only these languages: prs, pus, arb, eng, und (repeatable or comma list)', collect, [])
    .option('--out <file>', 'also write the sample to FILE.csv or FILE.jsonl for labelling elsewhere ("-" = stdout)')
    .option('--format <csv|jsonl>', 'with --out -: the format (default csv)')
    .option('--bom', 'CSV with a UTF-8 byte order mark (Excel then shows Arabic script)')
    .addHelpText(
      'after',
      `
Three strata, each a simple random sample of its posts in scope, re-tagged with the current lexicon:
  tagged   posts the lexicon tags with the frame (they measure precision)
  near     near misses: a score above 0 under the threshold, a frame without its actor reference,
           or a rule that did not fire though all its parts (all but one, for 3+ parts) occurred
  rest     every other post (with the near misses, they measure recall)
The n labels are split evenly over the strata (a small stratum gives the rest to the others).
Each row carries its stratum, the stratum's size N and its weight N/n: every labelled post stands
for that many posts. Rows: sample, position, frame, post, channel, message_id, url, date (UTC),
lang, stratum, stratum_size, weight, evidence, text, label (empty: fill in y or n).
Label on the terminal with "framewatch review label --frame ID", or fill the label column and run
"framewatch review import FILE".`,
    )
    .action(async (opts: SampleOpts, cmd: Command) => {
      const { parsePositiveInt, parseDateOrInstant, parseLangs, splitList, oneOf } = await import('../parse-options.js');
      const { UsageError } = await import('../../errors.js');
      const n = parsePositiveInt(opts.n, '--n');
      const seed = opts.seed !== undefined ? parsePositiveInt(opts.seed, '--seed', { allowZero: true }) : (await import('node:crypto')).randomInt(1, 2 ** 31 - 1);
      const langs = parseLangs(opts.lang);
      const channels = splitList(opts.channel).map((c) => c.replace(/^@/, '').toLowerCase());
      const since = opts.since ? parseDateOrInstant(opts.since, '--since') : undefined;
      const until = opts.until ? parseDateOrInstant(opts.until, '--until') : undefined;
      let format: 'csv' | 'jsonl' | null = null;
      if (opts.out !== undefined) {
        const ext = opts.out === '-' ? (opts.format ?? 'csv') : (/\.(csv|jsonl|ndjson)$/i.exec(opts.out)?.[1]?.toLowerCase() ?? '');
        if (!ext) throw new UsageError(`--out ${opts.out}: name a .csv or .jsonl file (or - for stdout)`);
        format = ext === 'ndjson' ? 'jsonl' : oneOf(ext, ['csv', 'jsonl'] as const, '--format');
      } else if (opts.format !== undefined || opts.bom) throw new UsageError('--format and --bom are for --out');
      const { loadTagger } = await import('../../frames/load-tagger.js');
      const tagger = loadTagger();
      const { withStore, writeOutput, info } = await import('../context.js');
      await withStore(cmd, async (store, config) => {
        const { startOfDayUtc, addDays } = await import('../../util/day-in-zone.js');
        const { resolveFrameIds } = await import('../frame-ids.js');
        // Sampling re-tags with the current lexicon: the frame must be one of its frames.
        const [frame] = await resolveFrameIds([opts.frame], { lexicon: () => tagger.frames().map((f) => f.id) });
        const tz = config.timezone;
        const scope = {
          ...(since ? { since: since.instant ?? startOfDayUtc(since.day!, tz).toISOString() } : {}),
          ...(until ? { until: until.instant ?? startOfDayUtc(addDays(until.day!, 1), tz).toISOString() } : {}),
          ...(channels.length ? { channels } : {}),
          ...(langs.length ? { langs } : {}),
        };
        const { drawSample, describeStrata } = await import('../../review/draw-sample.js');
        const { progressReporter } = await import('../progress.js');
        const total = (await store.sizes()).posts;
        const progress = progressReporter('re-tagging the scope');
        const drawn = await drawSample(store, tagger, { frame: frame!, n, seed, scope, onProgress: (k) => progress.update(k, total) });
        progress.end();
        const s = drawn.sample;
        info(`sample ${s.id} of ${frame}: ${s.items} posts (${describeStrata(drawn)}), seed ${seed}, lexicon ${tagger.version}`);
        if (format) {
          const { sampleRows, renderSampleFile } = await import('../../review/sample-rows.js');
          const text = renderSampleFile(await sampleRows(store, tagger, s, drawn.items), format, { bom: opts.bom ?? false });
          if (await writeOutput(opts.out, text)) info(`wrote ${opts.out}`);
        }
        info(
          `next: framewatch review label --frame ${frame}` +
            (opts.out && opts.out !== '-' ? `   (or fill the label column with y/n and: framewatch review import ${opts.out})` : ''),
        );
      });
    });

  registerLabel(review);

  review
    .command('import')
    .argument('<file>', 'a labelled sample file (.csv or .jsonl, as review sample writes it)')
    .description('import labels (y/n per row) from a sample file; one bad row rejects the file and nothing is written')
    .option('--labeller <name>', 'who labelled rows without a labeller cell (default: your user name)')
    .option('--frame <id>', 'the frame of rows without a frame cell')
    .addHelpText(
      'after',
      `
Columns read: label (y/yes/1/true or n/no/0/false; blank or s = not labelled yet), post
(channel/id) or channel and message_id, frame, and optionally labeller, labelled_at (ISO) and sample.
A row joins the recorded sample it came from for its stratum and weight; a row from no recorded
sample needs stratum, stratum_size and weight cells. Importing the same file again changes
nothing; a later, different answer of the same labeller replaces the earlier one, which is kept in
the history.`,
    )
    .action(async (file: string, opts: { labeller?: string; frame?: string }, cmd: Command) => {
      const { UsageError, UserError } = await import('../../errors.js');
      const ext = /\.(csv|jsonl|ndjson)$/i.exec(file)?.[1]?.toLowerCase();
      if (!ext) throw new UsageError(`${file}: give a .csv or .jsonl file`);
      const { readFileSync } = await import('node:fs');
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (err) {
        throw new UserError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      }
      const { loadTagger } = await import('../../frames/load-tagger.js');
      const tagger = loadTagger();
      const labeller = opts.labeller ?? (await defaultLabeller());
      const { withStore, out } = await import('../context.js');
      await withStore(cmd, async (store) => {
        const { importLabels } = await import('../../review/import-labels.js');
        const frames = [...new Set([...tagger.frames().map((f) => f.id), ...(await store.knownFrames())])];
        let frame: string | undefined;
        if (opts.frame) {
          const { resolveFrameIds } = await import('../frame-ids.js');
          [frame] = await resolveFrameIds([opts.frame], { lexicon: () => frames });
        }
        let r;
        try {
          r = await importLabels(store, text, ext === 'csv' ? 'csv' : 'jsonl', { labeller, frame, frames, lexiconVersion: tagger.version, now: new Date() });
        } catch (err) {
          if (err instanceof UserError) throw new UserError(`${file} ${err.message}`);
          throw err;
        }
        out(
          `imported ${file}: ${r.labelled} label(s): ${r.added} new, ${r.replaced} replaced, ${r.unchanged} unchanged, ${r.older} older than the current one (kept in the history)` +
            `${r.blank ? `; ${r.blank} row(s) not labelled yet` : ''}`,
        );
        out('next: framewatch eval labels');
      });
    });

  review
    .command('list')
    .description('the recorded review samples, newest first, with how many of their posts are labelled')
    .option('--frame <id>', 'only this frame')
    .option('--format <format>', 'table (default), json, jsonl or csv')
    .option('--json', 'alias of --format json')
    .action(async (opts: { frame?: string; format?: string; json?: boolean }, cmd: Command) => {
      const { resolveRowFormat, renderRows } = await import('../format-rows.js');
      const format = resolveRowFormat(opts);
      const { withStore } = await import('../context.js');
      await withStore(cmd, async (store) => {
        let frame: string | undefined;
        if (opts.frame) {
          const { resolveFrameIds, frameIdSource } = await import('../frame-ids.js');
          [frame] = await resolveFrameIds([opts.frame], frameIdSource(store));
        }
        const rows: (SampleRecord & { labelled: number })[] = [];
        for (const s of await store.samples(frame)) {
          const labelled = new Set((await store.labels({ sampleId: s.id })).map((l) => `${l.post.channel}/${l.post.messageId}`)).size;
          rows.push({ ...s, labelled });
        }
        const scope = (r: (typeof rows)[number]) =>
          [
            r.scope.since ? `since ${r.scope.since}` : '',
            r.scope.until ? `until ${r.scope.until}` : '',
            r.scope.channels?.length ? `channels ${r.scope.channels.join(',')}` : '',
            r.scope.langs?.length ? `langs ${r.scope.langs.join(',')}` : '',
          ]
            .filter(Boolean)
            .join('; ') || 'all posts';
        process.stdout.write(
          renderRows(rows, format, [
            { header: 'SAMPLE', cell: (r) => r.id },
            { header: 'FRAME', cell: (r) => r.frame },
            { header: 'CREATED', cell: (r) => r.createdAt },
            { header: 'POSTS', cell: (r) => r.items },
            { header: 'LABELLED', cell: (r) => r.labelled },
            { header: 'SEED', cell: (r) => r.seed },
            { header: 'LEXICON', cell: (r) => r.lexiconVersion },
            { header: 'SCOPE', cell: scope },
          ]),
        );
      });
    });
}
