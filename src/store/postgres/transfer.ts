// Copies of a PostgreSQL store's rows for `framewatch migrate` (the TransferPort), and their import.
import type { ChannelRecord, PostRecord, RunRecord, SegmentRecord, StoredPost } from '../store.js';
import { rows, transaction, type Pool, type Queryable } from './connection.js';
import { getRun } from './collection-store.js';
import { PgPostWriter, refreshCursors } from './post-writer.js';

export async function exportChannels(q: Queryable): Promise<ChannelRecord[]> {
  return rows<ChannelRecord>(
    q,
    `SELECT username, title, description, subscribers, lang_hint AS hint, side, state, last_error AS "lastError",
            last_run_id AS "lastRunId", created_at AS "createdAt", updated_at AS "updatedAt"
       FROM channels ORDER BY username`,
  );
}

export async function importChannels(pool: Pool, list: readonly ChannelRecord[]): Promise<void> {
  await transaction(pool, async (c) => {
    for (const r of list) {
      await c.query(
        `INSERT INTO channels(username, title, description, subscribers, lang_hint, side, state, last_error, last_run_id, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (username) DO UPDATE SET title = EXCLUDED.title, description = EXCLUDED.description,
           subscribers = EXCLUDED.subscribers, lang_hint = EXCLUDED.lang_hint, side = EXCLUDED.side, state = EXCLUDED.state,
           last_error = EXCLUDED.last_error, last_run_id = EXCLUDED.last_run_id, created_at = EXCLUDED.created_at,
           updated_at = EXCLUDED.updated_at`,
        [r.username, r.title, r.description, r.subscribers, r.hint, r.side, r.state, r.lastError, r.lastRunId, r.createdAt, r.updatedAt],
      );
    }
  });
}

function toRecord(p: StoredPost): PostRecord {
  const { day: _d, firstSeen: _f, lastSeen: _l, frames, ...fields } = p;
  return { ...fields, frames: frames.map((f) => ({ frame: f.frame, score: f.score, negated: f.negated, quoted: f.quoted, hits: f.hits })) };
}

export async function importPosts(pool: Pool, timezone: string, posts: readonly StoredPost[]): Promise<void> {
  await transaction(pool, async (c) => {
    const writer = new PgPostWriter(timezone);
    for (const p of posts) await writer.writePost(c, toRecord(p), { first: p.firstSeen, last: p.lastSeen }, true);
    await writer.deltas.apply(c);
  });
}

export async function exportRuns(q: Queryable, afterId: number, limit: number): Promise<RunRecord[]> {
  const ids = await rows<{ id: number }>(q, 'SELECT id FROM collection_runs WHERE id > $1 ORDER BY id LIMIT $2', [afterId, limit]);
  const out: RunRecord[] = [];
  for (const { id } of ids) out.push((await getRun(q, id))!);
  return out;
}

export async function importRuns(pool: Pool, runs: readonly RunRecord[]): Promise<void> {
  if (!runs.length) return;
  await transaction(pool, async (c) => {
    for (const r of runs) {
      await c.query(
        `INSERT INTO collection_runs(id, started_at, finished_at, status, trigger, summary, pid) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (id) DO UPDATE SET started_at = EXCLUDED.started_at, finished_at = EXCLUDED.finished_at, status = EXCLUDED.status,
           trigger = EXCLUDED.trigger, summary = EXCLUDED.summary, pid = EXCLUDED.pid`,
        [r.id, r.startedAt, r.finishedAt, r.status, r.trigger, r.summary === null ? null : JSON.stringify(r.summary), r.pid],
      );
      await c.query('DELETE FROM collection_run_channels WHERE run_id = $1', [r.id]);
      for (const ch of r.channels) {
        await c.query(
          `INSERT INTO collection_run_channels(run_id, channel_id, state, error, pages, new_posts, updated_posts, started_at, finished_at, note)
           SELECT $1, id, $2, $3, $4, $5, $6, $7, $8, $9 FROM channels WHERE username = $10`,
          [r.id, ch.state, ch.error, ch.pages, ch.newPosts, ch.updatedPosts, ch.startedAt, ch.finishedAt, ch.note, ch.channel],
        );
      }
    }
    // Ids were given: the next run the identity hands out comes after them.
    await c.query(`SELECT setval(pg_get_serial_sequence('collection_runs', 'id'), (SELECT max(id) FROM collection_runs))`);
  });
}

export async function exportSegments(q: Queryable): Promise<SegmentRecord[]> {
  return rows<SegmentRecord>(
    q,
    'SELECT c.username AS channel, s.lo, s.hi FROM collect_segments s JOIN channels c ON c.id = s.channel_id ORDER BY c.username, s.hi DESC',
  );
}

export async function importSegments(pool: Pool, list: readonly SegmentRecord[]): Promise<void> {
  await transaction(pool, async (c) => {
    const names = [...new Set(list.map((r) => r.channel))].sort();
    const ids = new Map<string, number>();
    for (const n of names) {
      const id = (await rows<{ id: number }>(c, 'SELECT id FROM channels WHERE username = $1', [n]))[0]?.id;
      if (id === undefined) continue;
      ids.set(n, id);
      await c.query('DELETE FROM collect_segments WHERE channel_id = $1', [id]);
    }
    for (const r of list) {
      const id = ids.get(r.channel);
      if (id !== undefined) await c.query('INSERT INTO collect_segments(channel_id, lo, hi) VALUES ($1, $2, $3)', [id, r.lo, r.hi]);
    }
    for (const id of ids.values()) await refreshCursors(c, id);
  });
}
