import type { Command } from 'commander';
import { out, withStore } from '../context.js';

export function register(program: Command): void {
  program
    .command('stats')
    .description('totals: posts by language, frame and channel')
    .option('--json', 'print one JSON object')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const { stats } = await import('../../store/post-queries.js');
      const { renderStats } = await import('../../report/render-stats.js');
      await withStore(cmd, (store) => {
        const s = stats(store.db);
        out(opts.json ? JSON.stringify(s, null, 2) : renderStats(s, store.path));
      });
    });
}
