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
formula injection.`,
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
      await withStore(cmd, async (store) => {
        const { resolveFrameIds, frameIdSource } = await import('../frame-ids.js');
        const frames = await resolveFrameIds(opts.frame, frameIdSource(store));
        const data = await trendData(store, { interval, by, frames, since, until });
        for (const note of data.notes ?? []) process.stderr.write(`note: ${note}\n`);
        const csv = renderTrendCsv(data, { wide: opts.wide ?? false, value, bom: opts.bom ?? false });
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
