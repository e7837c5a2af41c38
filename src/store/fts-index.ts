// The full-text index is filled in bulk: one INSERT ... SELECT over the posts above a watermark is
// several times cheaper than indexing each post as it is written (FTS5 builds one segment instead of
// merging many small ones). Call syncFts after bulk writes and before any search.
import { getSetting, setSetting, type Db } from './open-store.js';

const KEY = 'fts_indexed_upto';

/** Indexes every post not yet in posts_fts. Returns how many were added. Cheap when none are pending. */
export function syncFts(db: Db): number {
  const upto = Number(getSetting(db, KEY) ?? 0);
  const max = (db.prepare('SELECT max(id) FROM posts').pluck().get() as number | null) ?? 0;
  if (max <= upto) return 0;
  return db.transaction(() => {
    const r = db
      .prepare('INSERT INTO posts_fts(rowid, normalized_text) SELECT id, normalized_text FROM posts WHERE id > ? AND id <= ?')
      .run(upto, max);
    setSetting(db, KEY, String(max));
    return r.changes;
  })();
}
