// The digest for one day, from the store to Telegram-HTML messages (what the CLI, daemon, bot and demo call).
import { loadDigestData } from '../store/digest-queries.js';
import type { Db } from '../store/open-store.js';
import type { FrameInfo } from '../types.js';
import { addDays, todayInZone } from '../util/day-in-zone.js';
import { renderDigest, renderDigestText } from './digest.js';

export interface BuildDigestOptions {
  now?: Date;
  frames?: readonly FrameInfo[];
  /** Per-message limit (UTF-16 units); 4096 by default. */
  limit?: number;
}

/** Messages (each ≤ 4096 UTF-16 units, valid Telegram HTML) of the digest for `day` in `timezone`. */
export function buildDigestForDay(db: Db, day: string, timezone: string, opts: BuildDigestOptions = {}): string[] {
  return renderDigest(loadDigestData(db, day, timezone, opts), { limit: opts.limit });
}

/** The digest for `day` as one plain text (terminal, e-mail). */
export function buildDigestText(db: Db, day: string, timezone: string, opts: Omit<BuildDigestOptions, 'limit'> = {}): string {
  return renderDigestText(loadDigestData(db, day, timezone, opts));
}

/** The day a digest covers by default: the last full day in `timezone` (yesterday). */
export function defaultDigestDay(timezone: string, now: Date = new Date()): string {
  return addDays(todayInZone(timezone, now), -1);
}
