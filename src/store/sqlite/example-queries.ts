// Candidate example posts per frame for the digest and the report: bounded reads of the posts of a
// day range through posts_posted_at and the post_frames keys. The picking itself is the caller's (report/).
import type { Lang } from '../../types.js';
import { addDays } from '../../util/day-in-zone.js';
import type { ExampleCandidate, ExampleQuery } from '../store.js';
import { decodeHits } from './hits-codec.js';
import type { Db } from './open-database.js';
import { permalinkSql } from './post-columns.js';
import { frameIds } from './post-queries.js';
import { vocabOf } from './vocab.js';

/**
 * A local day is within a day of its UTC date (zones are UTC-12 to UTC+14): posts of the days
 * [from, to] were posted in [from - 1 day, to + 2 days) UTC. The indexed posted_at range narrows,
 * `day` decides exactly.
 */
export function postedAtBounds(from: string, to: string): [string, string] {
  return [`${addDays(from, -1)}T00:00:00.000Z`, `${addDays(to, 2)}T00:00:00.000Z`];
}

export const EXAMPLE_SQL = {
  // CROSS JOIN keeps posts (via posts_posted_at) as the outer loop: a day has far fewer posts than a
  // frame has over all time.
  best: (frames: number) => `SELECT * FROM (
      SELECT pf.frame_id, c.username AS channel, p.message_id, p.posted_at, p.lang, p.text, ${permalinkSql()} AS permalink, p.views,
             pf.score, pf.flagged, pf.hits, pf.negated, pf.quoted,
             row_number() OVER (PARTITION BY pf.frame_id
               ORDER BY pf.flagged, pf.score DESC, coalesce(p.views, 0) DESC, p.posted_at DESC, p.id DESC) AS rn
        FROM posts p CROSS JOIN post_frames pf ON pf.post_id = p.id
        JOIN channels c ON c.id = p.channel_id
       WHERE p.posted_at >= ? AND p.posted_at < ? AND p.day >= ? AND p.day <= ?
         AND pf.frame_id IN (${Array(frames).fill('?').join(', ')})
    ) WHERE rn <= ? ORDER BY frame_id, rn`,
  // Newest by row id: post_frames_frame(frame_id, post_id) yields that order without a sort. Ids first
  // (index only), then the rows by primary key: one query with both was far slower.
  recentIds: `SELECT pf.post_id FROM post_frames pf JOIN posts p ON p.id = pf.post_id
               WHERE pf.frame_id = ? AND p.day >= ? AND p.day <= ? ORDER BY pf.post_id DESC LIMIT ?`,
  recentRow: `SELECT pf.frame_id, c.username AS channel, p.message_id, p.posted_at, p.lang, p.text, ${permalinkSql()} AS permalink, p.views,
                     pf.score, pf.flagged, pf.hits, pf.negated, pf.quoted
                FROM posts p JOIN post_frames pf ON pf.post_id = p.id AND pf.frame_id = ?
                JOIN channels c ON c.id = p.channel_id
               WHERE p.id = ?`,
} as const;

interface CandidateRow {
  frame_id: number;
  channel: string;
  message_id: number;
  posted_at: string;
  lang: Lang;
  text: string;
  permalink: string | null;
  views: number | null;
  score: number;
  flagged: number;
  hits: Buffer | string;
  negated: number;
  quoted: number;
}

const candidate = (frame: string, r: CandidateRow, db: Db): ExampleCandidate => ({
  frame,
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
  hits: decodeHits(frame, r.hits, r.text, vocabOf(db)),
});

export function exampleCandidates(db: Db, q: ExampleQuery): ExampleCandidate[] {
  const frames = [...new Set(q.frames)];
  if (!frames.length || q.perFrame <= 0) return [];
  const idsOf = frameIds(vocabOf(db), frames);
  if (q.order === 'best') {
    const rows = db
      .prepare(EXAMPLE_SQL.best(frames.length))
      .all(...postedAtBounds(q.from, q.to), q.from, q.to, ...idsOf, q.perFrame) as CandidateRow[];
    return frames.flatMap((f, i) => rows.filter((r) => r.frame_id === idsOf[i]).map((r) => candidate(f, r, db)));
  }
  const ids = db.prepare(EXAMPLE_SQL.recentIds).pluck();
  const row = db.prepare(EXAMPLE_SQL.recentRow);
  return frames.flatMap((f, i) =>
    (ids.all(idsOf[i], q.from, q.to, q.perFrame) as number[]).map((id) => candidate(f, row.get(idsOf[i], id) as CandidateRow, db)),
  );
}
