import { describe, expect, it } from 'vitest';
import { inspectSqlite } from '../../../src/store/sqlite/sqlite-inspect.js';
import type { SqliteStore } from '../../../src/store/sqlite/sqlite-store.js';
import type { IncomingPost } from '../../../src/types.js';
import { testPipeline } from '../../helpers/temp-store.js';

const post = (id: number, text: string): IncomingPost => ({ channel: 'fts_test', messageId: id, postedAt: `2026-05-0${id}T08:00:00Z`, text });
const search = (store: SqliteStore, q: string) => inspectSqlite(store).column('SELECT rowid FROM posts_fts WHERE posts_fts MATCH ? ORDER BY rowid', q);
const integrity = (store: SqliteStore) => inspectSqlite(store).run("INSERT INTO posts_fts(posts_fts, rank) VALUES ('integrity-check', 1)");
const del = (store: SqliteStore, messageId: number) => inspectSqlite(store).run('DELETE FROM posts WHERE message_id = ?', messageId);

describe('bulk full-text index', () => {
  it('indexes pending posts in one step, then follows edits and deletes', async () => {
    const { store, pipeline } = testPipeline();
    await pipeline.ingest([post(1, 'الخوارج في كابل'), post(2, 'Markets in Herat opened')]);
    expect(search(store, 'کابل')).toEqual([]); // not indexed yet
    expect(await store.syncTextIndex()).toBe(2);
    expect(await store.syncTextIndex()).toBe(0);
    expect(search(store, 'کابل')).toEqual([1]);
    // an edit of an indexed post re-indexes it; a new post waits for the next sync
    await pipeline.ingest([post(1, 'الخوارج في هرات'), post(3, 'Kabul weather today')]);
    expect(search(store, 'کابل')).toEqual([]);
    expect(search(store, 'هرات')).toEqual([1]);
    expect(search(store, 'weather')).toEqual([]);
    // an unindexed post edited before the sync is indexed with its latest text
    await pipeline.ingest([post(3, 'Kandahar weather today')]);
    await store.syncTextIndex();
    expect(search(store, 'kandahar')).toEqual([3]);
    expect(search(store, 'kabul')).toEqual([]);
    expect(search(store, 'herat')).toEqual([2]);
    del(store, 2);
    expect(search(store, 'herat')).toEqual([]);
    expect(search(store, 'هرات')).toEqual([1]);
    expect(() => integrity(store)).not.toThrow();
  });

  it('never reuses an id below the watermark after the newest post is deleted', async () => {
    const { store, pipeline } = testPipeline();
    await pipeline.ingest([post(1, 'first post'), post(2, 'second post')]);
    await store.syncTextIndex();
    del(store, 2);
    await pipeline.ingest([post(4, 'replacement arrives later')]);
    await store.syncTextIndex();
    expect(search(store, 'replacement')).toHaveLength(1);
    expect(() => integrity(store)).not.toThrow();
  });
});
