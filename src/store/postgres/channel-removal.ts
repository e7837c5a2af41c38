// Removing a channel and everything stored about it on PostgreSQL, keeping every aggregate exact.
import type { ChannelFootprint } from '../store.js';
import { applyRollups } from './aggregate-deltas.js';
import { one, rows, transaction, type Pool, type Queryable } from './connection.js';

interface FootprintRow extends ChannelFootprint {
  id: number;
}

async function footprint(q: Queryable, username: string, lock = false): Promise<FootprintRow | null> {
  const c = await one<{ id: number; username: string }>(q, `SELECT id, username FROM channels WHERE username = $1${lock ? ' FOR UPDATE' : ''}`, [
    username.replace(/^@/, '').toLowerCase(),
  ]);
  if (!c) return null;
  const r = await one<{ posts: number; tags: number; runs: number }>(
    q,
    `SELECT (SELECT count(*) FROM posts WHERE channel_id = $1) AS posts,
            (SELECT count(*) FROM post_frames pf JOIN posts p ON p.id = pf.post_id WHERE p.channel_id = $1) AS tags,
            (SELECT count(*) FROM collection_run_channels WHERE channel_id = $1) AS runs`,
    [c.id],
  );
  return { id: c.id, username: c.username, ...r! };
}

export async function channelFootprint(q: Queryable, username: string): Promise<ChannelFootprint | null> {
  const f = await footprint(q, username);
  return f && { username: f.username, posts: f.posts, tags: f.tags, runs: f.runs };
}

/**
 * Deletes the channel with its posts, tags, aggregate rows (every daily_* row is keyed by channel,
 * so its share is exactly its own rows; the rollups lose the same amounts), ranges, leases and
 * per-run history, in one transaction.
 */
export async function removeChannel(pool: Pool, username: string): Promise<ChannelFootprint | null> {
  return transaction(pool, async (c) => {
    const f = await footprint(c, username, true);
    if (!f) return null;
    const days = new Map<string, number>();
    for (const r of await rows<{ day: string; posts: number }>(c, 'DELETE FROM daily_post_counts WHERE channel_id = $1 RETURNING day, posts', [f.id])) {
      days.set(r.day, (days.get(r.day) ?? 0) - r.posts);
    }
    const frames = new Map<string, [number, number]>();
    for (const r of await rows<{ day: string; frame: string; posts: number; flagged_posts: number }>(
      c,
      'DELETE FROM daily_frame_counts WHERE channel_id = $1 RETURNING day, frame, posts, flagged_posts',
      [f.id],
    )) {
      const k = `${r.day}|${r.frame}`;
      const v = frames.get(k) ?? [0, 0];
      frames.set(k, [v[0] - r.posts, v[1] - r.flagged_posts]);
    }
    await applyRollups(c, days, frames);
    await c.query('DELETE FROM post_frames WHERE post_id IN (SELECT id FROM posts WHERE channel_id = $1)', [f.id]);
    await c.query('DELETE FROM posts WHERE channel_id = $1', [f.id]);
    await c.query('DELETE FROM collect_segments WHERE channel_id = $1', [f.id]);
    await c.query('DELETE FROM collection_run_channels WHERE channel_id = $1', [f.id]);
    await c.query('DELETE FROM channel_leases WHERE channel_id = $1', [f.id]);
    await c.query('DELETE FROM channels WHERE id = $1', [f.id]);
    return { username: f.username, posts: f.posts, tags: f.tags, runs: f.runs };
  });
}
