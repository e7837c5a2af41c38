// The digest for one day, from the store to Telegram-HTML messages (what the CLI, daemon, bot and demo call).
import type { Store } from '../store/store.js';
import type { FrameInfo, FrameTagger } from '../types.js';
import { addDays, todayInZone } from '../util/day-in-zone.js';
import { renderDigest, renderDigestText } from './digest.js';
import { loadDigestData } from './load-digest.js';

export interface BuildDigestOptions {
  now?: Date;
  frames?: readonly FrameInfo[];
  /** Per-message limit (UTF-16 units); 4096 by default. */
  limit?: number;
  /** The current lexicon: given, frames validated on the analysts' labels show their precision, the others "unvalidated". */
  tagger?: FrameTagger;
}

/** Measured precision per validated frame (labels re-tagged with the tagger's lexicon). */
async function precisionOf(store: Store, tagger: FrameTagger | undefined): Promise<Map<string, number> | undefined> {
  if (!tagger) return undefined;
  const { loadValidation } = await import('../review/frame-validation.js');
  return new Map([...(await loadValidation(store, tagger))].map(([f, v]) => [f, v.precision.estimate]));
}

/** Messages (each ≤ 4096 UTF-16 units, valid Telegram HTML) of the digest for `day` in `timezone`. */
export async function buildDigestForDay(store: Store, day: string, timezone: string, opts: BuildDigestOptions = {}): Promise<string[]> {
  const precision = await precisionOf(store, opts.tagger);
  return renderDigest(await loadDigestData(store, day, timezone, { ...opts, ...(precision ? { precision } : {}) }), { limit: opts.limit });
}

/** The digest for `day` as one plain text (terminal, e-mail). */
export async function buildDigestText(store: Store, day: string, timezone: string, opts: Omit<BuildDigestOptions, 'limit'> = {}): Promise<string> {
  const precision = await precisionOf(store, opts.tagger);
  return renderDigestText(await loadDigestData(store, day, timezone, { ...opts, ...(precision ? { precision } : {}) }));
}

/** The day a digest covers by default: the last full day in `timezone` (yesterday). */
export function defaultDigestDay(timezone: string, now: Date = new Date()): string {
  return addDays(todayInZone(timezone, now), -1);
}
