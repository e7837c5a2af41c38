import type { Stats } from '../store/store.js';
import { localDateTime } from '../util/day-in-zone.js';

const pct = (n: number, total: number) => (total ? `${((100 * n) / total).toFixed(1)}%` : '-');

/** First and last post, in `timezone`, naming it. */
function dateSpan(s: Stats, timezone: string): string {
  if (!s.firstDate || !s.lastDate) return '-';
  const at = (iso: string) => localDateTime(iso, timezone).replace('T', ' ');
  return `${at(s.firstDate)} .. ${at(s.lastDate)} ${timezone}`;
}

export function renderStats(s: Stats, dbPath: string, timezone = 'UTC'): string {
  const lines = [
    `database: ${dbPath}`,
    `posts: ${s.posts} in ${s.channels} channel(s), ${s.taggedPosts} with at least one frame`,
    `dates: ${dateSpan(s, timezone)}`,
    '',
    'posts by language:',
    ...s.byLang.map((l) => `  ${l.lang.padEnd(4)} ${String(l.posts).padStart(8)}  ${pct(l.posts, s.posts)}`),
    '',
    'posts by frame (flagged = every hit negated or quoted):',
    ...(s.byFrame.length ? s.byFrame.map((f) => `  ${f.frame.padEnd(30)} ${String(f.posts).padStart(8)}  flagged ${f.flagged}`) : ['  (none)']),
    '',
    'posts by channel:',
    ...s.byChannel.slice(0, 20).map((c) => `  @${c.channel.padEnd(32)} ${String(c.posts).padStart(8)}`),
  ];
  if (s.lexiconVersions.length > 1) {
    lines.push('', `tags come from ${s.lexiconVersions.length} lexicon versions: run "framewatch reclassify"`);
  }
  return lines.join('\n');
}
