// The full-text index is filled in bulk: one INSERT ... SELECT over the posts above a watermark is
// several times cheaper than indexing each post as it is written (FTS5 builds one segment instead of
// merging many small ones).
//
// The catch-up belongs to the writers: import and collection call syncFts after their writes and
// wait for the write lock like any write. Searches call syncFtsIfFree, which catches up only when
// the lock is free at that moment; otherwise they search what is indexed and can say how many
// posts are left out (a reader never waits for, or fails on, a writer).
import { getSetting, setSetting, type Db } from './open-database.js';

const KEY = 'fts_indexed_upto';

function watermark(db: Db): number {
  return Number(getSetting(db, KEY) ?? 0);
}

function maxPostId(db: Db): number {
  return (db.prepare('SELECT max(id) FROM posts').pluck().get() as number | null) ?? 0;
}

/** Posts stored but not yet in the full-text index. */
export function ftsPending(db: Db): number {
  return db.prepare('SELECT count(*) FROM posts WHERE id > ?').pluck().get(watermark(db)) as number;
}

/** Indexes the posts above the watermark. Run inside a write transaction, so that two processes
 *  catching up at once cannot both index the same posts. */
function indexPending(db: Db): number {
  const upto = watermark(db);
  const max = maxPostId(db);
  if (max <= upto) return 0;
  const r = db
    .prepare('INSERT INTO posts_fts(rowid, normalized_text) SELECT id, normalized_text FROM posts WHERE id > ? AND id <= ?')
    .run(upto, max);
  setSetting(db, KEY, String(max));
  return r.changes;
}

/** Writers: indexes every post not yet in posts_fts, waiting for the write lock. Returns how many. */
export function syncFts(db: Db): number {
  if (maxPostId(db) <= watermark(db)) return 0;
  return db.transaction(() => indexPending(db)).immediate();
}

export interface FtsCatchUp {
  /** Posts indexed now. */
  indexed: number;
  /** Posts still not searchable (another process held the write lock). */
  pending: number;
}

function lockUnavailable(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_READONLY'));
}

/** Searches: catches up only if the write lock is free right now; never waits, never fails on a lock. */
export function syncFtsIfFree(db: Db): FtsCatchUp {
  if (maxPostId(db) <= watermark(db)) return { indexed: 0, pending: 0 };
  const timeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    return { indexed: db.transaction(() => indexPending(db)).immediate(), pending: 0 };
  } catch (err) {
    if (lockUnavailable(err)) return { indexed: 0, pending: ftsPending(db) };
    throw err;
  } finally {
    db.pragma(`busy_timeout = ${Number(timeout)}`);
  }
}
