import type { Command } from 'commander';
import { withStore } from '../context.js';

export function register(program: Command): void {
  program
    .command('trend')
    .description('daily posts per frame as CSV (from the daily aggregates)')
    .option('--since <date>', 'first day (YYYY-MM-DD)')
    .option('--until <date>', 'last day (YYYY-MM-DD)')
    .option('--out <file>', 'write to a file instead of stdout')
    .action(async (opts: { since?: string; until?: string; out?: string }, cmd: Command) => {
      const { parseDay } = await import('../parse-options.js');
      const { dailyFrameCounts } = await import('../../store/post-queries.js');
      const { toCsv } = await import('../../report/csv.js');
      const since = opts.since ? parseDay(opts.since, '--since') : undefined;
      const until = opts.until ? parseDay(opts.until, '--until') : undefined;
      await withStore(cmd, async (store) => {
        const rows = dailyFrameCounts(store.db, since, until);
        const csv = toCsv(['date', 'frame', 'posts'], rows.map((r) => [r.day, r.frame, r.posts]));
        if (opts.out) {
          const { writeFileSync } = await import('node:fs');
          writeFileSync(opts.out, csv);
          process.stderr.write(`wrote ${rows.length} rows to ${opts.out}\n`);
        } else process.stdout.write(csv);
      });
    });
}
