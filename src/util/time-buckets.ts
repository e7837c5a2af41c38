// Calendar buckets over local days (YYYY-MM-DD strings that are already in the configured time zone).
// Pure date arithmetic on calendar days: no time zone is involved at this point.

export type Interval = 'day' | 'week' | 'month';
export const INTERVALS: readonly Interval[] = ['day', 'week', 'month'];

/**
 * The most buckets a range may be filled with (zeros included): about 55 years of days. Real
 * Telegram data spans a few years; more means a misdated post or a mistyped flag, and filling
 * millions of days would exhaust memory.
 */
export const MAX_FILL_BUCKETS = 20_000;

/** A calendar day as the store writes it: YYYY-MM-DD, years 0000-9999. */
export function isDay(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const ms = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === s; // no 30 February
}

function utc(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

function ymd(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Start day of the bucket holding `day`: itself, the Monday on or before it, or the 1st of its month. */
export function bucketStart(day: string, interval: Interval): string {
  if (interval === 'day') return day;
  if (interval === 'month') return `${day.slice(0, 7)}-01`;
  const d = utc(day);
  const back = (d.getUTCDay() + 6) % 7; // Monday = 0
  d.setUTCDate(d.getUTCDate() - back);
  return ymd(d);
}

/** Start day of the bucket after the one starting at `start`. */
export function nextBucket(start: string, interval: Interval): string {
  const d = utc(start);
  if (interval === 'day') d.setUTCDate(d.getUTCDate() + 1);
  else if (interval === 'week') d.setUTCDate(d.getUTCDate() + 7);
  else d.setUTCMonth(d.getUTCMonth() + 1, 1);
  return ymd(d);
}

/** How many buckets `bucketStarts(from, to, interval)` returns, computed without listing them. */
export function bucketCount(from: string, to: string, interval: Interval): number {
  if (from > to) return 0;
  const a = bucketStart(from, interval);
  const b = bucketStart(to, interval);
  if (interval === 'month') return (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7)) + 1;
  return (daySpan(a, b) - 1) / (interval === 'week' ? 7 : 1) + 1;
}

/**
 * Every bucket start from the bucket of `from` to the bucket of `to` (inclusive days). Refuses
 * (RangeError) anything but YYYY-MM-DD days and ranges over MAX_FILL_BUCKETS: callers clamp first.
 */
export function bucketStarts(from: string, to: string, interval: Interval): string[] {
  const out: string[] = [];
  if (!isDay(from) || !isDay(to)) throw new RangeError(`not a YYYY-MM-DD day range: ${from} .. ${to}`);
  if (from > to) return out;
  const n = bucketCount(from, to, interval);
  if (n > MAX_FILL_BUCKETS) throw new RangeError(`${from} .. ${to} has ${n} ${interval}s, over ${MAX_FILL_BUCKETS}`);
  const last = bucketStart(to, interval);
  for (let b = bucketStart(from, interval); b <= last; b = nextBucket(b, interval)) out.push(b);
  return out;
}

/** Number of calendar days from `from` to `to`, both included. */
export function daySpan(from: string, to: string): number {
  return Math.round((utc(to).getTime() - utc(from).getTime()) / 86_400_000) + 1;
}

/** A readable interval for a chart over this many days (about 10..200 points). */
export function autoInterval(from: string, to: string): Interval {
  const days = daySpan(from, to);
  if (days <= 120) return 'day';
  if (days <= 3 * 365) return 'week';
  return 'month';
}
