// Candidate example posts per frame (digest, report) on PostgreSQL; picking is the caller's.
import type { Lang } from '../../types.js';
import type { ExampleCandidate, ExampleQuery } from '../store.js';
import { rows, type Queryable } from './connection.js';
import { parseJsonHits } from '../query-rows.js';

interface CandidateRow {
  frame: string;
  channel: string;
  message_id: number;
  posted_at: string;
  lang: Lang;
  text: string;
  permalink: string | null;
  views: number | null;
  score: number;
  flagged: boolean;
  hits: string;
  negated: boolean;
  quoted: boolean;
}

const COLUMNS = `pf.frame, c.username AS channel, p.message_id, p.posted_at, p.lang, p.text, p.permalink, p.views,
  pf.score, pf.flagged, pf.hits, pf.negated, pf.quoted`;

export async function exampleCandidates(q: Queryable, e: ExampleQuery): Promise<ExampleCandidate[]> {
  const frames = [...new Set(e.frames)];
  if (!frames.length || e.perFrame <= 0) return [];
  // best: unflagged, higher score, more views, newer; recent: stored last (highest row id) first.
  const order =
    e.order === 'best' ? 'pf.flagged, pf.score DESC, coalesce(p.views, 0) DESC, p.posted_at DESC, p.id DESC' : 'p.id DESC';
  const found = await rows<CandidateRow & { rn: number }>(
    q,
    `SELECT * FROM (
       SELECT ${COLUMNS}, row_number() OVER (PARTITION BY pf.frame ORDER BY ${order}) AS rn
         FROM posts p JOIN post_frames pf ON pf.post_id = p.id JOIN channels c ON c.id = p.channel_id
        WHERE p.day >= $1 AND p.day <= $2 AND pf.frame = ANY($3::text[])) x
      WHERE rn <= $4 ORDER BY frame, rn`,
    [e.from, e.to, frames, e.perFrame],
  );
  return frames.flatMap((f) =>
    found
      .filter((r) => r.frame === f)
      .map((r) => ({
        frame: r.frame,
        channel: r.channel,
        messageId: r.message_id,
        postedAt: r.posted_at,
        lang: r.lang,
        text: r.text,
        url: r.permalink,
        views: r.views,
        score: r.score,
        flagged: r.flagged,
        negated: r.negated,
        quoted: r.quoted,
        hits: parseJsonHits(r.frame, r.hits),
      })),
  );
}
