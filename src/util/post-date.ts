// The one rule for a post's date, shared by the importers and the pipeline: a real calendar date and
// time between Telegram's launch and one day from now. Nothing outside it is repaired; it is refused.

/** Telegram launched in August 2013; its first public channels came later. No post is older. */
export const EARLIEST_POST_DAY = '2013-08-01';
const EARLIEST_MS = Date.parse(`${EARLIEST_POST_DAY}T00:00:00Z`);
const DAY_MS = 86_400_000;

/** A date, or why it is none (`range`: a real date, but outside the years posts can have). */
export type PostDate = { ms: number } | DateProblem;
export interface DateProblem {
  problem: string;
  range: boolean;
  /** What the value probably is, said after it. */
  hint?: string;
}

/** One line for a user: `"date" is not a calendar date: "2024-02-30T00:00:00Z"`. */
export function dateProblemText(field: string, value: unknown, d: DateProblem): string {
  return `"${field}" ${d.problem}: ${JSON.stringify(value)}${d.hint ? ` ${d.hint}` : ''}`;
}

/** Why an instant (ms since 1970) cannot be a post's date, or null. */
export function postDateRangeProblem(ms: number, now: number = Date.now()): string | null {
  if (!Number.isFinite(ms)) return 'is not a date';
  if (ms < EARLIEST_MS) return `is before ${EARLIEST_POST_DAY} (before Telegram had channels)`;
  if (ms > now + DAY_MS) return 'is more than a day in the future';
  return null;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

function daysInMonth(year: number, month: number): number {
  return month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Strict ISO 8601 date-time: four-digit year, a day that exists in its month, a real clock time.
 * Text without an offset is refused unless `assumeUtc` (Telegram's "date" field, read as UTC).
 */
export function parseIsoPostDate(text: string, opts: { assumeUtc?: boolean; now?: number } = {}): PostDate {
  const m = ISO.exec(text.trim());
  if (!m) return { problem: 'is not an ISO 8601 date and time (e.g. 2024-01-01T10:00:00Z)', range: false };
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return { problem: 'is not a calendar date', range: false };
  if (hour > 23 || minute > 59 || second > 59) return { problem: 'is not a time of day', range: false };
  const zone = m[8];
  if (!zone && !opts.assumeUtc) return { problem: 'needs a time zone (e.g. 2024-01-01T10:00:00Z)', range: false };
  let offsetMin = 0;
  if (zone && zone.toUpperCase() !== 'Z') {
    const [, sign, oh, om] = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)!;
    if (Number(oh) > 14 || Number(om ?? 0) > 59) return { problem: 'has no valid time zone offset', range: false };
    offsetMin = (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om ?? 0));
  }
  const fraction = m[7] ? Math.floor(Number(m[7]) * 1000) : 0;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second, fraction) - offsetMin * 60_000;
  const problem = postDateRangeProblem(ms, opts.now);
  return problem ? { problem, range: true } : { ms };
}

/**
 * Seconds since 1970 (a number, or a string of digits as in Telegram's date_unixtime).
 * A value that only fits as milliseconds is refused with that hint, never divided by 1000.
 */
export function parseUnixPostDate(value: number | string, opts: { now?: number } = {}): PostDate {
  const seconds = typeof value === 'number' ? value : /^\d{1,16}$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isFinite(seconds)) return { problem: 'is not a number of seconds since 1970', range: false };
  const ms = seconds * 1000;
  const problem = postDateRangeProblem(ms, opts.now);
  if (problem && postDateRangeProblem(seconds, opts.now) === null) {
    return { problem, range: true, hint: 'looks like milliseconds; give seconds since 1970 or an ISO 8601 date' };
  }
  return problem ? { problem, range: true } : { ms };
}
