// Candidate example posts per frame for the digest and the report: bounded reads of the posts of a
// day range through posts_day and the post_frames keys. The picking itself is the caller's (report/).
import type { Lang } from '../../types.js';
import type { ExampleCandidate, ExampleQuery } from '../store.js';
import type { Db } from './open-database.js';
import { parseHits } from './post-queries.js';

export const EXAMPLE_SQL = {
  // CROSS JOIN keeps posts (via posts_day) as the outer loop: a day has far fewer posts than a
  // frame has over all time.
  best: (frames: number) => `SELECT * FROM (
      SELECT pf.frame, c.username AS channel, p.message_id, p.posted_at, p.lang, p.text, p.permalink, p.views,
             pf.score, pf.flagged, pf.hits, pf.negated, pf.quoted,
             row_number() OVER (PARTITION BY pf.frame
               ORDER BY pf.flagged, pf.score DESC, coalesce(p.views, 0) DESC, p.posted_at DESC, p.id DESC) AS rn
        FROM posts p CROSS JOIN post_frames pf ON pf.post_id = p.id
        JOIN channels c ON c.id = p.channel_id
       WHERE p.day >= ? AND p.day <= ? AND pf.frame IN (${Array(frames).fill('?').join(', ')})
    ) WHERE rn <= ? ORDER BY frame, rn`,
  // Newest by row id: post_frames_frame(frame, post_id) yields that order without a sort. Ids first
  // (index only), then the rows by primary key: one query with both was far slower.
  recentIds: `SELECT pf.post_id FROM post_frames pf JOIN posts p ON p.id = pf.post_id
               WHERE pf.frame = ? AND p.day >= ? AND p.day <= ? ORDER BY pf.post_id DESC LIMIT ?`,
  recentRow: `SELECT pf.frame, c.username AS channel, p.message_id, p.posted_at, p.lang, p.text, p.permalink, p.views,
                     pf.score, pf.flagged, pf.hits, pf.negated, pf.quoted
                FROM posts p JOIN post_frames pf ON pf.post_id = p.id AND pf.frame = ?
                JOIN channels c ON c.id = p.channel_id
               WHERE p.id = ?`,
} as const;

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
  flagged: number;
  hits: string;
  negated: number;
  quoted: number;
}

const candidate = (r: CandidateRow): ExampleCandidate => ({
  frame: r.frame,
  channel: r.channel,
  messageId: r.message_id,
  postedAt: r.posted_at,
  lang: r.lang,
  text: r.text,
  url: r.permalink,
  views: r.views,
  score: r.score,
  flagged: r.flagged === 1,
  negated: r.negated === 1,
  quoted: r.quoted === 1,
  hits: parseHits(r.frame, r.hits),
});

export function exampleCandidates(db: Db, q: ExampleQuery): ExampleCandidate[] {
  const frames = [...new Set(q.frames)];
  if (!frames.length || q.perFrame <= 0) return [];
  if (q.order === 'best') {
    const rows = db.prepare(EXAMPLE_SQL.best(frames.length)).all(q.from, q.to, ...frames, q.perFrame) as CandidateRow[];
    return frames.flatMap((f) => rows.filter((r) => r.frame === f).map(candidate));
  }
  const ids = db.prepare(EXAMPLE_SQL.recentIds).pluck();
  const row = db.prepare(EXAMPLE_SQL.recentRow);
  return frames.flatMap((f) =>
    (ids.all(f, q.from, q.to, q.perFrame) as number[]).map((id) => candidate(row.get(f, id) as CandidateRow)),
  );
}
