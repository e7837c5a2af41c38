// The digest for one day, from the store to Telegram-HTML messages (what the CLI, daemon, bot and demo call).
import type { Store } from '../store/store.js';
import type { FrameInfo } from '../types.js';
import { addDays, todayInZone } from '../util/day-in-zone.js';
import { renderDigest, renderDigestText } from './digest.js';
import { loadDigestData } from './load-digest.js';

export interface BuildDigestOptions {
  now?: Date;
  frames?: readonly FrameInfo[];
  /** Per-message limit (UTF-16 units); 4096 by default. */
  limit?: number;
}

/** Messages (each ≤ 4096 UTF-16 units, valid Telegram HTML) of the digest for `day` in `timezone`. */
export async function buildDigestForDay(store: Store, day: string, timezone: string, opts: BuildDigestOptions = {}): Promise<string[]> {
  return renderDigest(await loadDigestData(store, day, timezone, opts), { limit: opts.limit });
}

/** The digest for `day` as one plain text (terminal, e-mail). */
export async function buildDigestText(store: Store, day: string, timezone: string, opts: Omit<BuildDigestOptions, 'limit'> = {}): Promise<string> {
  return renderDigestText(await loadDigestData(store, day, timezone, opts));
}

/** The day a digest covers by default: the last full day in `timezone` (yesterday). */
export function defaultDigestDay(timezone: string, now: Date = new Date()): string {
  return addDays(todayInZone(timezone, now), -1);
}
