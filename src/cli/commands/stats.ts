import type { Command } from 'commander';
import type { Stats } from '../../store/store.js';
import type { RowColumn } from '../format-rows.js';
import { out, withStore } from '../context.js';

/** One figure of `stats` as a jsonl/csv row. */
export interface StatRow {
  kind: 'total' | 'lang' | 'frame' | 'channel' | 'lexicon_version';
  name: string;
  posts: number;
  flagged: number | null;
}

export function statRows(s: Stats): StatRow[] {
  return [
    { kind: 'total', name: 'posts', posts: s.posts, flagged: null },
    { kind: 'total', name: 'tagged_posts', posts: s.taggedPosts, flagged: null },
    ...s.byLang.map((l): StatRow => ({ kind: 'lang', name: l.lang, posts: l.posts, flagged: null })),
    ...s.byFrame.map((f): StatRow => ({ kind: 'frame', name: f.frame, posts: f.posts, flagged: f.flagged })),
    ...s.byChannel.map((c): StatRow => ({ kind: 'channel', name: c.channel, posts: c.posts, flagged: null })),
    ...s.lexiconVersions.map((v): StatRow => ({ kind: 'lexicon_version', name: v.version, posts: v.posts, flagged: null })),
  ];
}

const STAT_COLUMNS: RowColumn<StatRow>[] = [
  { header: 'kind', cell: (r) => r.kind },
  { header: 'name', cell: (r) => r.name },
  { header: 'posts', cell: (r) => r.posts },
  { header: 'flagged', cell: (r) => r.flagged },
];

export function register(program: Command): void {
  program
    .command('stats')
    .description('totals: posts by language, frame and channel')
    .option('--format <fmt>', 'table (default), json (one object), jsonl or csv (one row per figure)')
    .option('--json', 'same as --format json')
    .addHelpText(
      'after',
      `
jsonl and csv: one row per figure with kind (total, lang, frame, channel, lexicon_version), name,
posts, and flagged (for frames: posts whose hits of that frame are all negated or quoted).
Times in the table are in TIMEZONE; JSON keeps UTC instants.`,
    )
    .action(async (opts: { format?: string; json?: boolean }, cmd: Command) => {
      const { resolveRowFormat, renderRows } = await import('../format-rows.js');
      const format = resolveRowFormat(opts, 'table');
      await withStore(cmd, async (store, config) => {
        const s = await store.stats();
        if (format === 'json') return out(JSON.stringify(s, null, 2));
        if (format === 'table') {
          const { renderStats } = await import('../../report/render-stats.js');
          return out(renderStats(s, store.location, config.timezone));
        }
        process.stdout.write(renderRows(statRows(s), format, STAT_COLUMNS, (r) => r));
      });
    });
}
