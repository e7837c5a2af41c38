// Copies of a SQLite store's rows for `framewatch migrate` (the TransferPort), and their import.
// Posts go in through the post writer, so the aggregates stay exact exactly as on any ingest.
import type { ChannelRecord, DigestSend, PostRecord, RunRecord, SegmentRecord, StoredPost, TransferPost } from '../store.js';
import type { CollectionSql } from './collection-store.js';
import type { Db } from './open-database.js';
import { storedLastSeenSql } from './post-columns.js';
import type { PostWriter } from './post-writer.js';
import { getPosts } from './post-queries.js';

export function exportChannels(db: Db): ChannelRecord[] {
  return db
    .prepare(
      `SELECT username, title, description, subscribers, lang_hint AS hint, side, state, last_error AS lastError,
              last_run_id AS lastRunId, created_at AS createdAt, updated_at AS updatedAt
         FROM channels ORDER BY username`,
    )
    .all() as ChannelRecord[];
}

export function importChannels(db: Db, rows: readonly ChannelRecord[]): void {
  const upsert = db.prepare(
    `INSERT INTO channels(username, title, description, subscribers, lang_hint, side, state, last_error, last_run_id, created_at, updated_at)
     VALUES (@username, @title, @description, @subscribers, @hint, @side, @state, @lastError, @lastRunId, @createdAt, @updatedAt)
     ON CONFLICT(username) DO UPDATE SET title = excluded.title, description = excluded.description,
       subscribers = excluded.subscribers, lang_hint = excluded.lang_hint, side = excluded.side, state = excluded.state,
       last_error = excluded.last_error, last_run_id = excluded.last_run_id, created_at = excluded.created_at,
       updated_at = excluded.updated_at`,
  );
  db.transaction(() => {
    for (const r of rows) upsert.run(r);
  })();
}

export function exportPosts(db: Db, afterKey: number, limit: number): TransferPost[] {
  const keys = db
    .prepare(
      `SELECT p.id AS key, c.username AS channel, p.message_id AS messageId FROM posts p JOIN channels c ON c.id = p.channel_id
        WHERE p.id > ? ORDER BY p.id LIMIT ?`,
    )
    .all(afterKey, limit) as { key: number; channel: string; messageId: number }[];
  const posts = getPosts(db, keys);
  return posts.map((p, i) => ({ ...p, key: keys[i]!.key }));
}

/** A stored post as the writer takes it. */
export function storedToRecord(p: StoredPost): PostRecord {
  const { day: _d, firstSeen: _f, lastSeen: _l, frames, ...fields } = p;
  return {
    ...fields,
    frames: frames.map((f) => ({ frame: f.frame, score: f.score, negated: f.negated, quoted: f.quoted, hits: f.hits })),
  };
}

export function importPosts(db: Db, writer: PostWriter, posts: readonly StoredPost[]): void {
  const seen = db.prepare(
    `UPDATE posts SET first_seen = ?, last_seen = ${storedLastSeenSql('?')}, views = ?
      WHERE channel_id = (SELECT id FROM channels WHERE username = ?) AND message_id = ?`,
  );
  db.transaction(() => {
    for (const p of posts) {
      writer.writeBatch({ posts: [storedToRecord(p)], seenAt: p.firstSeen });
      seen.run(p.firstSeen, p.lastSeen, p.firstSeen, p.views, p.channel, p.messageId);
    }
  })();
}

export function exportRuns(db: Db, collection: CollectionSql, afterId: number, limit: number): RunRecord[] {
  const ids = db.prepare('SELECT id FROM collection_runs WHERE id > ? ORDER BY id LIMIT ?').pluck().all(afterId, limit) as number[];
  return ids.map((id) => collection.getRun(id)!);
}

export function importRuns(db: Db, runs: readonly RunRecord[]): void {
  const run = db.prepare(
    `INSERT OR REPLACE INTO collection_runs(id, started_at, finished_at, status, trigger, summary, pid)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const clear = db.prepare('DELETE FROM collection_run_channels WHERE run_id = ?');
  const channel = db.prepare(
    `INSERT INTO collection_run_channels(run_id, channel_id, state, error, pages, new_posts, updated_posts, started_at, finished_at, note)
     SELECT ?, id, ?, ?, ?, ?, ?, ?, ?, ? FROM channels WHERE username = ?`,
  );
  db.transaction(() => {
    for (const r of runs) {
      run.run(r.id, r.startedAt, r.finishedAt, r.status, r.trigger, r.summary === null ? null : JSON.stringify(r.summary), r.pid);
      clear.run(r.id);
      for (const c of r.channels) {
        channel.run(r.id, c.state, c.error, c.pages, c.newPosts, c.updatedPosts, c.startedAt, c.finishedAt, c.note, c.channel);
      }
    }
  })();
}

export function exportSegments(db: Db): SegmentRecord[] {
  return db
    .prepare('SELECT c.username AS channel, s.lo, s.hi FROM collect_segments s JOIN channels c ON c.id = s.channel_id ORDER BY c.username, s.hi DESC')
    .all() as SegmentRecord[];
}

export function importSegments(db: Db, rows: readonly SegmentRecord[]): void {
  const clear = db.prepare('DELETE FROM collect_segments WHERE channel_id = (SELECT id FROM channels WHERE username = ?)');
  const add = db.prepare('INSERT INTO collect_segments(channel_id, lo, hi) SELECT id, ?, ? FROM channels WHERE username = ?');
  const cursors = db.prepare(
    `UPDATE channels SET newest_id = (SELECT max(message_id) FROM posts WHERE channel_id = channels.id),
                         oldest_id = (SELECT min(message_id) FROM posts WHERE channel_id = channels.id)
      WHERE username = ?`,
  );
  db.transaction(() => {
    const names = [...new Set(rows.map((r) => r.channel))];
    for (const n of names) clear.run(n);
    for (const r of rows) add.run(r.lo, r.hi, r.channel);
    for (const n of names) cursors.run(n);
  })();
}

export function exportDigestSends(db: Db): DigestSend[] {
  const rows = db.prepare('SELECT day, chat_id, sent_at, messages, complete FROM digest_sends ORDER BY day, chat_id').all() as {
    day: string;
    chat_id: string;
    sent_at: string;
    messages: number;
    complete: number;
  }[];
  return rows.map((r) => ({ day: r.day, chatId: r.chat_id, sentAt: r.sent_at, messages: r.messages, complete: r.complete === 1 }));
}
