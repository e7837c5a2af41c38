// Option parsers shared by commands: each throws a UsageError with a one-line message.
import { UsageError } from '../errors.js';
import { isLang, type Lang } from '../types.js';

export function parseDay(value: string, flag: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new UsageError(`${flag}: "${value}" is not a date (YYYY-MM-DD)`);
  }
  if (new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw new UsageError(`${flag}: "${value}" is not a calendar date`);
  }
  return value;
}

/** A date or an ISO instant. */
export function parseDateOrInstant(value: string, flag: string): { day?: string; instant?: string } {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return { day: parseDay(value, flag) };
  const ms = Date.parse(value);
  if (Number.isNaN(ms) || !/^\d{4}-\d{2}-\d{2}T/.test(value)) {
    throw new UsageError(`${flag}: "${value}" is not a date (YYYY-MM-DD) or an ISO 8601 time`);
  }
  return { instant: new Date(ms).toISOString() };
}

export function parsePositiveInt(value: string, flag: string, { allowZero = false } = {}): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || (!allowZero && n === 0)) {
    throw new UsageError(`${flag}: "${value}" is not a ${allowZero ? 'non-negative' : 'positive'} whole number`);
  }
  return n;
}

export function parseLangs(values: string[], flag = '--lang'): Lang[] {
  const out: Lang[] = [];
  for (const v of values.flatMap((x) => x.split(','))) {
    const s = v.trim();
    if (!s) continue;
    if (!isLang(s)) throw new UsageError(`${flag}: "${s}" is not one of prs, pus, arb, eng, und`);
    out.push(s);
  }
  return out;
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Repeatable options that also take comma lists: ["a,b", "c"] → ["a", "b", "c"], trimmed, once each. */
export function splitList(values: readonly string[]): string[] {
  return [...new Set(values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean))];
}

export function oneOf<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`${flag}: "${value}" must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}
