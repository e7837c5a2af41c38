// What both adapters do the same way with rows they read or write: the JSON hits format, the --flags
// rule on a post's hits, when a tag counts as flagged, and the assembly of a query row. Pure; the SQL that reads the rows stays in each
// adapter.
import type { FrameHit, FrameTag, Lang } from '../types.js';
import type { FlagsMode, QueryRow } from './store.js';

/** A tag is flagged (counted apart in the aggregates) when every hit is negated or quoted. */
export function isFlagged(f: FrameTag): boolean {
  return f.hits.length > 0 && f.hits.every((h) => h.negated || h.quoted);
}

/** A JSON hits record with its frame put back; an unreadable record gives no hits. */
export function parseJsonHits(frame: string, json: string): FrameHit[] {
  let hits: Omit<FrameHit, 'frame'>[];
  try {
    hits = JSON.parse(json) as Omit<FrameHit, 'frame'>[];
  } catch {
    return [];
  }
  return hits.map((h) => ({ frame, ...h, negated: Boolean(h.negated), quoted: Boolean(h.quoted) }));
}

/** The hits of one tag that count under `flags` (exclude: the clean ones; only: all, when none is clean). */
export function countsUnder(hits: FrameHit[], flags: FlagsMode): FrameHit[] {
  if (flags === 'include') return hits;
  const clean = hits.filter((h) => !h.negated && !h.quoted);
  if (flags === 'exclude') return clean;
  return clean.length ? [] : hits;
}

/** A post as both adapters read it (`edited` already a boolean). */
export interface PostFields {
  channel: string;
  message_id: number;
  posted_at: string;
  lang: Lang;
  lang_guess: string | null;
  text: string;
  views: number | null;
  edited: boolean;
  forwarded_from: string | null;
  reply_to: number | null;
  media_kinds: string;
  permalink: string | null;
}

/**
 * A query row from a post and its tags (highest score first). Under `flags` exclude/only, tags and
 * hits that do not count are left out; the score adds the frames that count, only `scoreFrames`
 * when given.
 */
export function queryRow(
  r: PostFields,
  tags: readonly { frame: string; score: number; hits: FrameHit[] }[],
  flags: FlagsMode,
  scoreFrames: ReadonlySet<string> | null,
): QueryRow {
  const hits: FrameHit[] = [];
  const scores: Record<string, number> = {};
  const frames: string[] = [];
  let score = 0;
  for (const f of tags) {
    const kept = countsUnder(f.hits, flags);
    if (flags !== 'include' && kept.length === 0) continue;
    frames.push(f.frame);
    scores[f.frame] = f.score;
    if (!scoreFrames || scoreFrames.has(f.frame)) score += f.score;
    hits.push(...kept);
  }
  return {
    channel: r.channel,
    id: r.message_id,
    date: r.posted_at,
    lang: r.lang,
    langGuess: r.lang_guess,
    text: r.text,
    views: r.views,
    edited: r.edited,
    forwardedFrom: r.forwarded_from,
    replyTo: r.reply_to,
    mediaKinds: JSON.parse(r.media_kinds) as string[],
    url: r.permalink,
    frames,
    scores,
    score,
    hits,
  };
}
