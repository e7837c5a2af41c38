// The digest's data for one day from the store: counts from the daily aggregates, the frames ranked
// and the example posts picked here (DIGEST_RULES), health from the collection state.
import type { ExampleCandidate, Store } from '../store/store.js';
import type { FrameInfo } from '../types.js';
import { addDays, startOfDayUtc } from '../util/day-in-zone.js';
import { DIGEST_RULES, pickExampleFrames, rankFrames, type DigestData, type DigestExample, type DigestFrame } from './digest.js';

export interface LoadDigestOptions {
  /** Build time (decides "day not over yet"); default now. */
  now?: Date;
  /** Frame labels for the examples section. */
  frames?: readonly FrameInfo[];
  /** Measured precision of the validated frames; given, every frame line is marked (P 0.82 / unvalidated). */
  precision?: ReadonlyMap<string, number>;
}

/** Candidates the store offers per frame; the picking below chooses among them. */
const CANDIDATES_PER_FRAME = 10;

/** Everything renderDigest needs for `day` (YYYY-MM-DD in `timezone`). */
export async function loadDigestData(store: Store, day: string, timezone: string, opts: LoadDigestOptions = {}): Promise<DigestData> {
  const days = Array.from({ length: DIGEST_RULES.sparkDays }, (_, i) => addDays(day, i - DIGEST_RULES.sparkDays + 1));
  const first = days[0]!;
  const index = new Map(days.map((d, i) => [d, i]));

  const [perDay, perFrame, channels, langs, active, health] = await Promise.all([
    store.dailyPosts({ from: first, to: day }),
    store.dailyFrames({ from: first, to: day }),
    store.frameShares({ from: day, to: day, by: 'channel' }),
    store.langTotals({ from: day, to: day }),
    store.activity({ from: day, to: day }),
    store.collectionHealth(),
  ]);

  const postsPerDay = days.map(() => 0);
  for (const r of perDay) {
    const i = index.get(r.day);
    if (i !== undefined) postsPerDay[i] = r.posts;
  }

  const frames = new Map<string, DigestFrame>();
  for (const r of perFrame) {
    let f = frames.get(r.frame);
    if (!f) {
      f = { frame: r.frame, counts: days.map(() => 0), flaggedToday: 0, topChannels: [] };
      frames.set(r.frame, f);
    }
    const i = index.get(r.day);
    if (i !== undefined) f.counts[i] = r.posts;
    if (r.day === day) f.flaggedToday = r.flagged;
  }
  for (const r of channels) frames.get(r.frame)?.topChannels.push({ channel: r.key, posts: r.posts });
  for (const f of frames.values()) {
    f.topChannels.sort((a, b) => b.posts - a.posts || (a.channel < b.channel ? -1 : 1));
    f.topChannels.splice(DIGEST_RULES.topChannels);
  }

  const base = {
    day,
    timezone,
    generatedAt: (opts.now ?? new Date()).toISOString(),
    dayEndsAt: startOfDayUtc(addDays(day, 1), timezone).toISOString(),
    days,
    postsPerDay,
    langs,
    channelsActive: active.channels,
    frames: [...frames.values()],
    labels: opts.frames ? Object.fromEntries(opts.frames.map((f) => [f.id, f.label])) : undefined,
    ...(opts.precision ? { precision: Object.fromEntries(opts.precision) } : {}),
    health,
  };
  const exampleFrames = pickExampleFrames(rankFrames(base));
  const candidates = exampleFrames.length
    ? await store.exampleCandidates({ frames: exampleFrames, from: day, to: day, order: 'best', perFrame: CANDIDATES_PER_FRAME })
    : [];
  return { ...base, examples: pickDigestExamples(exampleFrames, candidates) };
}

/**
 * 1–2 example posts per frame from the store's best-first candidates, preferring a second example
 * from another channel and never a copy of the first.
 */
export function pickDigestExamples(
  frames: readonly string[],
  candidates: readonly ExampleCandidate[],
  perFrame: number = DIGEST_RULES.examplesPerFrame,
): DigestExample[] {
  const out: DigestExample[] = [];
  for (const frame of frames) {
    const cands = candidates.filter((r) => r.frame === frame);
    const picked: ExampleCandidate[] = [];
    for (const c of cands) {
      if (picked.length >= perFrame) break;
      // A second example from another channel (and not a copy of the first) shows more.
      const dup = picked.some((p) => p.channel === c.channel || p.text === c.text);
      if (!dup) picked.push(c);
    }
    for (const c of cands) if (picked.length < perFrame && !picked.includes(c) && !picked.some((p) => p.text === c.text)) picked.push(c);
    for (const r of picked) {
      const hits = [...r.hits].sort((a, b) => (a.start ?? 0) - (b.start ?? 0));
      const matched = [...new Set(hits.map((h) => h.matched).filter((m): m is string => !!m))];
      out.push({
        frame,
        channel: r.channel,
        messageId: r.messageId,
        postedAt: r.postedAt,
        lang: r.lang,
        text: r.text,
        url: r.url,
        matched,
        firstHitAt: hits[0]?.start ?? 0,
        negated: r.negated,
        quoted: r.quoted,
      });
    }
  }
  return out;
}
