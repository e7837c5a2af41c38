// Removing a channel and everything stored about it, keeping every aggregate exact.
import type { ChannelFootprint } from '../store.js';
import type { Db } from './open-database.js';

/** With the channel's row id. */
interface FootprintRow extends ChannelFootprint {
  channelId: number;
}

function footprint(db: Db, username: string): FootprintRow | null {
  const row = db
    .prepare(
      `SELECT c.id AS channelId, c.username,
              (SELECT count(*) FROM posts p WHERE p.channel_id = c.id) AS posts,
              (SELECT count(*) FROM post_frames pf JOIN posts p ON p.id = pf.post_id WHERE p.channel_id = c.id) AS tags,
              (SELECT count(*) FROM collection_run_channels rc WHERE rc.channel_id = c.id) AS runs
         FROM channels c WHERE c.username = ?`,
    )
    .get(username.toLowerCase()) as FootprintRow | undefined;
  return row ?? null;
}

export function channelFootprint(db: Db, username: string): ChannelFootprint | null {
  const f = footprint(db, username);
  return f && { username: f.username, posts: f.posts, tags: f.tags, runs: f.runs };
}

/**
 * Deletes the channel, its posts, their tags, its share of the daily aggregates and their rollups,
 * its full-text index entries, its collected id ranges and its per-run history, in one transaction.
 *
 * Every daily_* row is keyed by channel, so the channel's share is exactly its own rows: they are
 * deleted first (the rollup triggers of 004 take the same amounts off daily_totals and
 * daily_frame_totals). The per-post triggers of 001 then find no aggregate row left to change, and
 * posts_ad_fts takes each indexed post out of posts_fts.
 */
export function removeChannel(db: Db, username: string): ChannelFootprint | null {
  return db.transaction(() => {
    const f = footprint(db, username);
    if (!f) return null;
    const id = f.channelId;
    db.prepare('DELETE FROM daily_frame_counts WHERE channel_id = ?').run(id);
    db.prepare('DELETE FROM daily_post_counts WHERE channel_id = ?').run(id);
    db.prepare('DELETE FROM post_frames WHERE post_id IN (SELECT id FROM posts WHERE channel_id = ?)').run(id);
    db.prepare('DELETE FROM posts WHERE channel_id = ?').run(id);
    db.prepare('DELETE FROM collect_segments WHERE channel_id = ?').run(id);
    db.prepare('DELETE FROM collection_run_channels WHERE channel_id = ?').run(id);
    db.prepare('DELETE FROM channels WHERE id = ?').run(id);
    return { username: f.username, posts: f.posts, tags: f.tags, runs: f.runs };
  })();
}
