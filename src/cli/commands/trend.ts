import type { Command } from 'commander';
import { collect } from '../parse-options.js';
import { withStore, writeOutput } from '../context.js';

interface TrendOpts {
  interval: string;
  by: string[];
  frame: string[];
  since?: string;
  until?: string;
  wide?: boolean;
  value: string;
  out?: string;
  bom?: boolean;
  estimate?: boolean;
}

export function register(program: Command): void {
  program
    .command('trend')
    .description('frame volume over time as CSV (from the daily aggregates)')
    .option('--interval <day|week|month>', 'bucket size; weeks start on Monday, days are in TIMEZONE', 'day')
    .option('--by <lang|channel>', 'also group by language and/or channel (repeatable or comma list)', collect, [])
    .option('--frame <id>', 'only these frames (repeatable or comma list); listed even when they have no posts', collect, [])
    .option('--since <date>', 'first day, YYYY-MM-DD in TIMEZONE (default: first day with posts)')
    .option('--until <date>', 'last day, inclusive (default: last day with posts)')
    .option('--wide', 'one row per bucket (and group), one column per frame')
    .option('--value <posts|share>', 'with --wide: what the frame columns hold', 'posts')
    .option('--out <file>', 'write to a file instead of stdout ("-" = stdout)')
    .option('--bom', 'start with a UTF-8 byte order mark (Excel then reads Arabic script correctly)')
    .option('--estimate', 'add the estimated true volume of validated frames: estimate, estimate_low, estimate_high (see below)')
    .addHelpText(
      'after',
      `
Long format (default), one row per bucket × group × frame:
  date,[lang],[channel],frame,posts,all_posts,share
Wide format (--wide):
  date,[lang],[channel],all_posts,<frame>,<frame>...

date is the first day of the bucket (a Monday for weeks, the 1st for months); the first and last
bucket only count days inside --since/--until. posts = posts tagged with the frame; all_posts =
every post of the bucket, tagged or not, in the same language/channel when grouped; share =
posts / all_posts (0 when the bucket is empty). Every bucket of the range is written, with zeros
where nothing was posted; the range is cut to the days with posts (a note says so), and a range
too long to fill in (over 20,000 buckets: usually a misdated post) is refused. Groups are the
languages/channels with posts in the range. A post with
two frames counts once for each. Cells starting with = + - @ are prefixed with ' against CSV
formula injection.

--estimate (long format, no --by) adds three columns: estimate = posts × precision / recall, and
estimate_low / estimate_high, its 95% interval, from the frame's labels (framewatch eval labels;
posterior simulation, a Bayesian bootstrap with Jeffreys priors). Only validated frames get them: at
least 20 labels, 5 labelled posts the current lexicon tags and 5 labelled yes. The cells of other
frames stay empty: no band is made up.`,
    )
    .action(async (opts: TrendOpts, cmd: Command) => {
      const { parseDay, oneOf } = await import('../parse-options.js');
      const { UsageError } = await import('../../errors.js');
      const { INTERVALS } = await import('../../util/time-buckets.js');
      const { trendData, TREND_GROUPS } = await import('../../report/trend-data.js');
      const { renderTrendCsv } = await import('../../report/trend-csv.js');
      const interval = oneOf(opts.interval, INTERVALS, '--interval');
      const by = splitList(opts.by).map((b) => oneOf(b, TREND_GROUPS, '--by'));
      const value = oneOf(opts.value, ['posts', 'share'] as const, '--value');
      const since = opts.since ? parseDay(opts.since, '--since') : undefined;
      const until = opts.until ? parseDay(opts.until, '--until') : undefined;
      if (since && until && since > until) throw new UsageError(`--since ${since} is after --until ${until}`);
      if (opts.estimate && (opts.wide || by.length > 0)) {
        throw new UsageError('--estimate writes the long format without --by: precision and recall are measured per frame, over all languages and channels');
      }
      await withStore(cmd, async (store) => {
        const { resolveFrameIds, frameIdSource } = await import('../frame-ids.js');
        const frames = await resolveFrameIds(opts.frame, frameIdSource(store));
        const data = await trendData(store, { interval, by, frames, since, until });
        for (const note of data.notes ?? []) process.stderr.write(`note: ${note}\n`);
        let corrections: Map<string, { estimate: number; low: number; high: number }> | undefined;
        if (opts.estimate) {
          const { loadTagger } = await import('../../frames/load-tagger.js');
          const { loadValidation } = await import('../../review/frame-validation.js');
          const validated = await loadValidation(store, loadTagger());
          corrections = new Map([...validated].map(([f, v]) => [f, v.correction]));
          const shown = data.frames.filter((f) => validated.has(f));
          process.stderr.write(
            `estimate: ${shown.length ? shown.map((f) => `${f} (P ${validated.get(f)!.precision.estimate.toFixed(2)}, R ${validated.get(f)!.recall.estimate.toFixed(2)})`).join(', ') : 'no frame is validated yet'}` +
              `${data.frames.length > shown.length ? `; ${data.frames.length - shown.length} frame(s) without enough labels keep empty estimate cells (framewatch review sample --frame ID)` : ''}\n`,
          );
        }
        const csv = renderTrendCsv(data, { wide: opts.wide ?? false, value, bom: opts.bom ?? false, ...(corrections ? { corrections } : {}) });
        if (await writeOutput(opts.out, csv)) {
          const lines = csv.split('\r\n').length - 2;
          process.stderr.write(`wrote ${lines} rows (${data.buckets.length} ${interval} buckets, ${data.frames.length} frames) to ${opts.out}\n`);
        }
      });
    });
}

function splitList(values: string[]): string[] {
  return [...new Set(values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean))];
}
