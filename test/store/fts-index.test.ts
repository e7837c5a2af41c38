import { describe, expect, it } from 'vitest';
import { syncFts } from '../../src/store/fts-index.js';
import type { IncomingPost } from '../../src/types.js';
import { testPipeline } from '../helpers/temp-store.js';

const post = (id: number, text: string): IncomingPost => ({ channel: 'fts_test', messageId: id, postedAt: `2026-05-0${id}T08:00:00Z`, text });
const search = (db: import('better-sqlite3').Database, q: string) =>
  db.prepare('SELECT rowid FROM posts_fts WHERE posts_fts MATCH ? ORDER BY rowid').pluck().all(q);
const integrity = (db: import('better-sqlite3').Database) =>
  db.prepare("INSERT INTO posts_fts(posts_fts, rank) VALUES ('integrity-check', 1)").run();

describe('bulk full-text index', () => {
  it('indexes pending posts in one step, then follows edits and deletes', () => {
    const { store, pipeline } = testPipeline();
    const db = store.db;
    pipeline.ingest([post(1, 'الخوارج في كابل'), post(2, 'Markets in Herat opened')]);
    expect(search(db, 'کابل')).toEqual([]); // not indexed yet
    expect(syncFts(db)).toBe(2);
    expect(syncFts(db)).toBe(0);
    expect(search(db, 'کابل')).toEqual([1]);
    // an edit of an indexed post re-indexes it; a new post waits for the next sync
    pipeline.ingest([post(1, 'الخوارج في هرات'), post(3, 'Kabul weather today')]);
    expect(search(db, 'کابل')).toEqual([]);
    expect(search(db, 'هرات')).toEqual([1]);
    expect(search(db, 'weather')).toEqual([]);
    // an unindexed post edited before the sync is indexed with its latest text
    pipeline.ingest([post(3, 'Kandahar weather today')]);
    syncFts(db);
    expect(search(db, 'kandahar')).toEqual([3]);
    expect(search(db, 'kabul')).toEqual([]);
    expect(search(db, 'herat')).toEqual([2]);
    db.prepare('DELETE FROM posts WHERE message_id = 2').run();
    expect(search(db, 'herat')).toEqual([]);
    expect(search(db, 'هرات')).toEqual([1]);
    expect(() => integrity(db)).not.toThrow();
  });

  it('never reuses an id below the watermark after the newest post is deleted', () => {
    const { store, pipeline } = testPipeline();
    const db = store.db;
    pipeline.ingest([post(1, 'first post'), post(2, 'second post')]);
    syncFts(db);
    db.prepare('DELETE FROM posts WHERE message_id = 2').run();
    pipeline.ingest([post(4, 'replacement arrives later')]);
    syncFts(db);
    expect(search(db, 'replacement')).toHaveLength(1);
    expect(() => integrity(db)).not.toThrow();
  });
});
