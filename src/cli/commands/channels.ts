import type { Command } from 'commander';

export function register(program: Command): void {
  program
    .command('channels')
    .description('list channels with their collection state, last post, last run and post count')
    .option('--format <fmt>', 'table or json', 'table')
    .action(async (opts: { format: string }, cmd: Command) => {
      const { oneOf } = await import('../parse-options.js');
      const { withStore, out } = await import('../context.js');
      const { createCollectionStore } = await import('../../store/collection-store.js');
      const format = oneOf(opts.format, ['table', 'json'] as const, '--format');
      await withStore(cmd, (store, config) => {
        const rows = createCollectionStore(store.db).listChannels();
        const known = new Set(rows.map((r) => r.username));
        // configured but never seen: listed too, so a typo in CHANNELS shows up
        for (const c of config.channels) {
          if (!known.has(c.name)) {
            rows.push({
              username: c.name, title: null, subscribers: null, state: 'new', lastError: null, newestId: null,
              oldestId: null, posts: 0, lastPostAt: null, lastRunId: null, lastRunAt: null, lastRunNote: null,
            });
          }
        }
        rows.sort((a, b) => a.username.localeCompare(b.username));
        if (format === 'json') {
          out(JSON.stringify(rows, null, 2));
          return;
        }
        if (rows.length === 0) {
          out('no channels yet: run framewatch collect NAME, or set CHANNELS');
          return;
        }
        const table = [
          ['CHANNEL', 'STATE', 'POSTS', 'LAST POST', 'LAST RUN', 'DETAIL'],
          ...rows.map((r) => [
            r.username,
            r.state,
            String(r.posts),
            r.lastPostAt ? r.lastPostAt.slice(0, 16).replace('T', ' ') : '-',
            r.lastRunAt ? `#${r.lastRunId} ${r.lastRunAt.slice(0, 16).replace('T', ' ')}` : '-',
            r.lastError ?? r.lastRunNote ?? '',
          ]),
        ];
        const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
        for (const row of table) out(row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd());
      });
    });
}
