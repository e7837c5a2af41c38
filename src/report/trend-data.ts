// Frame volume over time from the store's daily aggregates (never from posts): the range cut to the
// days with posts, days rolled up into week/month buckets, every bucket listed so gaps are zeros.
import { UserError } from '../errors.js';
import { AGGREGATE_GROUPS, type AggregateGroup, type DayCount, type Store } from '../store/store.js';
import { bucketCount, bucketStart, bucketStarts, MAX_FILL_BUCKETS, type Interval } from '../util/time-buckets.js';

export type TrendGroup = AggregateGroup;
export const TREND_GROUPS: readonly TrendGroup[] = AGGREGATE_GROUPS;

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
export async function fillRange(store: Store, q: { since?: string; until?: string }): Promise<FillRange> {
  const span = await store.dataSpan();
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

export async function trendData(store: Store, q: TrendQuery): Promise<TrendData> {
  const by = [...new Set(q.by ?? [])];
  const { from, to, notes } = await fillRange(store, q);
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

  const bucketOf = new Map<string, string>();
  const bucket = (day: string) => {
    let b = bucketOf.get(day);
    if (b === undefined) {
      b = bucketStart(day, q.interval);
      bucketOf.set(day, b);
    }
    return b;
  };
  const groupOf = (r: DayCount): GroupValues => by.map((g) => (g === 'lang' ? String(r.lang) : String(r.channel)));
  const add = (m: Map<string, number>, k: string, n: number) => m.set(k, (m.get(k) ?? 0) + n);

  // All posts per day (and group): the denominator of the share, and the list of groups.
  const groups = new Map<string, GroupValues>();
  for (const r of await store.dailyPosts({ from, to, by })) {
    const g = groupOf(r);
    groups.set(g.join(SEP), g);
    add(data.totals, cellKey(bucket(r.day), g), r.posts);
  }
  data.groups = by.length ? [...groups.values()].sort((a, b) => compareGroups(a, b)) : [[]];

  const seen = new Set<string>();
  for (const r of await store.dailyFrames({ from, to, by, ...(wanted ? { frames: wanted } : {}) })) {
    if (r.posts === 0) continue;
    seen.add(r.frame);
    add(data.counts, cellKey(bucket(r.day), groupOf(r), r.frame), r.posts);
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
