// Frame volume over time, read ONLY from the daily aggregate tables, never from posts:
//  - no grouping: daily_totals and daily_frame_totals (migration 004), one row per day (× frame);
//  - --by lang/channel: daily_post_counts and daily_frame_counts (001), whose primary keys start with
//    the local day, so a date range is an index range.
// Days are rolled up into week/month buckets here, in JS.
import { UserError } from '../errors.js';
import { bucketCount, bucketStart, bucketStarts, MAX_FILL_BUCKETS, type Interval } from '../report/time-buckets.js';
import type { Db } from './open-store.js';

export type TrendGroup = 'lang' | 'channel';
export const TREND_GROUPS: readonly TrendGroup[] = ['lang', 'channel'];

export interface TrendQuery {
  interval: Interval;
  /** Extra group columns besides the frame, in output order. */
  by?: TrendGroup[];
  /** Only these frames (always listed, zero-filled even when absent). */
  frames?: string[];
  /** First local day (YYYY-MM-DD), inclusive; default: the first day with posts. */
  since?: string;
  /** Last local day, inclusive; default: the last day with posts. */
  until?: string;
}

/** Values of the group columns, in `by` order. */
export type GroupValues = string[];

export interface TrendData {
  interval: Interval;
  by: TrendGroup[];
  /** The day range covered (null when there is no data and no range was given). */
  from: string | null;
  to: string | null;
  /** Every bucket start in the range, in order (zero-fill uses all of them). */
  buckets: string[];
  frames: string[];
  /** Every group (lang/channel combination) with posts in the range; [[]] when not grouped. */
  groups: GroupValues[];
  /** Frame posts by cellKey(bucket, group, frame); missing = 0. */
  counts: Map<string, number>;
  /** All posts by cellKey(bucket, group); missing = 0. Share = counts / totals. */
  totals: Map<string, number>;
  /** What was left out of the range asked for, and why (shown to the user). */
  notes?: string[];
}

const SEP = '\u0001';

export function cellKey(bucket: string, group: GroupValues, frame?: string): string {
  return frame === undefined ? `${bucket}${SEP}${group.join(SEP)}` : `${bucket}${SEP}${group.join(SEP)}${SEP}${frame}`;
}

export function trendCount(d: TrendData, bucket: string, group: GroupValues, frame: string): number {
  return d.counts.get(cellKey(bucket, group, frame)) ?? 0;
}

export function trendTotal(d: TrendData, bucket: string, group: GroupValues): number {
  return d.totals.get(cellKey(bucket, group)) ?? 0;
}

const rollupsKnown = new WeakMap<Db, boolean>();

/**
 * Whether the 004 rollups exist. Development databases that recorded an early 004 (an index only)
 * lack them; the detailed tables give the same numbers, only slower.
 */
export function hasRollups(db: Db): boolean {
  let known = rollupsKnown.get(db);
  if (known === undefined) {
    known = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('daily_totals', 'daily_frame_totals')").pluck().get() === 2;
    rollupsKnown.set(db, known);
  }
  return known;
}

// Days the store writes are YYYY-MM-DD; a date read as year 55840 is stored as "+055840-..",
// which sorts before "0000" and is left out of every range.
const FIRST_DAY = '0000-01-01';
const LAST_DAY = '9999-12-31';

export interface DataSpan {
  /** First and last day with posts (null when there are none). */
  first: string | null;
  last: string | null;
  /** Posts whose day is not a YYYY-MM-DD date of years 0000-9999 (misread dates). */
  outside: number;
}

/** The days with posts, from the per-day totals (index probes at both ends, no scan). */
export function dataSpan(db: Db): DataSpan {
  const table = hasRollups(db) ? 'daily_totals' : 'daily_post_counts';
  const end = (dir: 'ASC' | 'DESC') =>
    (db.prepare(`SELECT day FROM ${table} WHERE day >= ? AND day <= ? ORDER BY day ${dir} LIMIT 1`).pluck().get(FIRST_DAY, LAST_DAY) as
      | string
      | undefined) ?? null;
  const outside = db
    .prepare(`SELECT (SELECT coalesce(sum(posts), 0) FROM ${table} WHERE day < ?) + (SELECT coalesce(sum(posts), 0) FROM ${table} WHERE day > ?)`)
    .pluck()
    .get(FIRST_DAY, LAST_DAY) as number;
  return { first: end('ASC'), last: end('DESC'), outside };
}

export interface FillRange {
  from: string | null;
  to: string | null;
  notes: string[];
}

/**
 * The days a zero-filled series covers: the range asked for, cut to the days with posts (before
 * the first post nothing was collected; zeros there would say "frame absent"). The default is the
 * whole span of the data. Notes say what was cut.
 */
export function fillRange(db: Db, q: { since?: string; until?: string }): FillRange {
  const span = dataSpan(db);
  const notes: string[] = [];
  if (span.outside > 0) {
    notes.push(`${span.outside} post(s) dated outside the years 0000-9999 (a misread date) are left out`);
  }
  if (span.first === null || span.last === null) return { from: null, to: null, notes };
  if ((q.since && q.since > span.last) || (q.until && q.until < span.first)) {
    notes.push(`no posts between ${q.since ?? span.first} and ${q.until ?? span.last}: the posts run from ${span.first} to ${span.last}`);
    return { from: null, to: null, notes };
  }
  let from = span.first;
  let to = span.last;
  if (q.since && q.since > from) from = q.since;
  else if (q.since && q.since < from) notes.push(`no posts before ${span.first}: the range starts there, not on ${q.since}`);
  if (q.until && q.until < to) to = q.until;
  else if (q.until && q.until > to) notes.push(`no posts after ${span.last}: the range ends there, not on ${q.until}`);
  return { from, to, notes };
}

/** Refuses a range too long to fill bucket by bucket (a misdated post, usually), before any work. */
export function assertFillable(from: string, to: string, interval: Interval): void {
  const n = bucketCount(from, to, interval);
  if (n <= MAX_FILL_BUCKETS) return;
  const months = bucketCount(from, to, 'month');
  const longer = interval !== 'month' && months <= MAX_FILL_BUCKETS ? ' or a longer --interval' : '';
  throw new UserError(
    `${from} .. ${to} is ${n.toLocaleString('en-US')} ${interval}s, too long a range to fill in (at most ${MAX_FILL_BUCKETS.toLocaleString('en-US')}); ` +
      `if that is the span of the posts, one of them is probably misdated. Nothing was written: narrow the range with --since/--until${longer}.`,
  );
}

function channelNames(db: Db): Map<number, string> {
  const rows = db.prepare('SELECT id, username FROM channels').all() as { id: number; username: string }[];
  return new Map(rows.map((r) => [r.id, r.username]));
}

interface AggRow {
  day: string;
  frame?: string;
  lang?: string;
  channel_id?: number;
  posts: number;
}

export function trendData(db: Db, q: TrendQuery): TrendData {
  const by = [...new Set(q.by ?? [])];
  const { from, to, notes } = fillRange(db, q);
  if (from && to) assertFillable(from, to, q.interval);
  const wanted = q.frames?.length ? [...new Set(q.frames)] : null;
  const data: TrendData = {
    interval: q.interval,
    by,
    from,
    to,
    buckets: from && to ? bucketStarts(from, to, q.interval) : [],
    frames: wanted ?? [],
    groups: [],
    counts: new Map(),
    totals: new Map(),
    notes,
  };
  if (!from || !to || from > to) return data;

  const names = by.includes('channel') ? channelNames(db) : new Map<number, string>();
  const groupCols = by.map((g) => (g === 'lang' ? 'lang' : 'channel_id'));
  // Without groups the per-day rollups hold the same sums in far fewer rows.
  const rollups = by.length === 0 && hasRollups(db);
  const extra = groupCols.map((c) => `, ${c}`).join('');
  const bucketOf = new Map<string, string>();
  const bucket = (day: string) => {
    let b = bucketOf.get(day);
    if (b === undefined) {
      b = bucketStart(day, q.interval);
      bucketOf.set(day, b);
    }
    return b;
  };
  const groupOf = (r: AggRow): GroupValues =>
    by.map((g) => (g === 'lang' ? String(r.lang) : (names.get(r.channel_id!) ?? `#${r.channel_id}`)));
  const add = (m: Map<string, number>, k: string, n: number) => m.set(k, (m.get(k) ?? 0) + n);

  // All posts per day (and group): the denominator of the share, and the list of groups.
  const totals = db
    .prepare(
      rollups
        ? 'SELECT day, posts FROM daily_totals WHERE day >= ? AND day <= ?'
        : `SELECT day${extra}, sum(posts) AS posts FROM daily_post_counts WHERE day >= ? AND day <= ? GROUP BY day${extra}`,
    )
    .all(from, to) as AggRow[];
  const groups = new Map<string, GroupValues>();
  for (const r of totals) {
    const g = groupOf(r);
    groups.set(g.join(SEP), g);
    add(data.totals, cellKey(bucket(r.day), g), r.posts);
  }
  data.groups = by.length ? [...groups.values()].sort((a, b) => compareGroups(a, b)) : [[]];

  const frameFilter = wanted ? ` AND frame IN (${wanted.map(() => '?').join(', ')})` : '';
  const rows = db
    .prepare(
      rollups
        ? `SELECT day, frame, posts FROM daily_frame_totals WHERE day >= ? AND day <= ?${frameFilter}`
        : `SELECT day, frame${extra}, sum(posts) AS posts FROM daily_frame_counts
            WHERE day >= ? AND day <= ?${frameFilter} GROUP BY day, frame${extra}`,
    )
    .all(from, to, ...(wanted ?? [])) as AggRow[];
  const seen = new Set<string>();
  for (const r of rows) {
    if (r.posts === 0) continue;
    seen.add(r.frame!);
    add(data.counts, cellKey(bucket(r.day), groupOf(r), r.frame!), r.posts);
  }
  if (!wanted) data.frames = [...seen].sort();
  return data;
}

function compareGroups(a: GroupValues, b: GroupValues): number {
  for (let i = 0; i < a.length; i++) {
    const c = (a[i] ?? '').localeCompare(b[i] ?? '');
    if (c !== 0) return c;
  }
  return 0;
}

/** Differences between the 004 rollups and a fresh sum of the daily aggregates; empty when exact. */
export function rollupDrift(db: Db): string[] {
  const rows = db
    .prepare(
      `WITH fresh AS (SELECT day, sum(posts) AS posts FROM daily_post_counts GROUP BY day)
       SELECT 'day ' || coalesce(f.day, t.day) || ': rollup ' || coalesce(t.posts, 0) || ', actual ' || coalesce(f.posts, 0) AS msg
         FROM fresh f FULL OUTER JOIN daily_totals t ON t.day = f.day
        WHERE coalesce(f.posts, 0) <> coalesce(t.posts, 0)
       UNION ALL
       SELECT 'frame ' || coalesce(f.frame, t.frame) || ' ' || coalesce(f.day, t.day) || ': rollup ' ||
              coalesce(t.posts, 0) || '/' || coalesce(t.flagged_posts, 0) || ', actual ' ||
              coalesce(f.posts, 0) || '/' || coalesce(f.flagged, 0)
         FROM (SELECT day, frame, sum(posts) AS posts, sum(flagged_posts) AS flagged FROM daily_frame_counts GROUP BY day, frame) f
         FULL OUTER JOIN daily_frame_totals t ON t.day = f.day AND t.frame = f.frame
        WHERE coalesce(f.posts, 0) <> coalesce(t.posts, 0) OR coalesce(f.flagged, 0) <> coalesce(t.flagged_posts, 0)`,
    )
    .all() as { msg: string }[];
  return rows.map((r) => r.msg);
}
