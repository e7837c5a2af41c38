// Reclassify writes only what changed (issue 15). The shipped lexicons, and the same lexicons with one
// term added (bench/lexicon-edit.ts, the bench's edit), over bench posts. Temporary triggers record
// every row reclassify writes to posts, post_frames and post_lexicon.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lexiconsWithTerm } from '../../../bench/lexicon-edit.js';
import { loadTagger } from '../../../src/frames/load-tagger.js';
import { LEXICON_DIR } from '../../../src/paths.js';
import { createPipeline, derive } from '../../../src/pipeline.js';
import { reclassify } from '../../../src/reclassify.js';
import { trendData } from '../../../src/report/trend-data.js';
import { inspectSqlite } from '../../../src/store/sqlite/sqlite-inspect.js';
import type { SqliteStore } from '../../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../../src/store/store.js';
import type { FrameTagger, IncomingPost } from '../../../src/types.js';
import { aggregates } from '../contract/store-contract.js';
import { benchPosts } from '../../helpers/bench-corpus.js';
import { tempStore } from '../../helpers/temp-store.js';

const SEEN = '2025-01-01T00:00:00.000Z';
let posts: IncomingPost[];
let shipped: FrameTagger;
let edited: FrameTagger;
let editedDir: string | undefined;

beforeAll(() => {
  posts = benchPosts(1500, 11);
  shipped = loadTagger(LEXICON_DIR);
  editedDir = lexiconsWithTerm(LEXICON_DIR);
  edited = loadTagger(editedDir);
}, 60_000);
afterAll(() => {
  if (editedDir) rmSync(editedDir, { recursive: true, force: true });
});

async function ingested(tagger: FrameTagger): Promise<SqliteStore> {
  const store = tempStore();
  await createPipeline({ store, tagger }).ingest(posts, { seenAt: SEEN });
  await store.syncTextIndex();
  return store;
}

/** Records every row written to the tables reclassify may write, as `table op channel/message`. */
function recordWrites(store: SqliteStore): () => string[] {
  const sql = inspectSqlite(store);
  sql.exec('CREATE TEMP TABLE written (tbl TEXT, op TEXT, post_id INTEGER)');
  for (const [tbl, id] of [['posts', 'id'], ['post_frames', 'post_id'], ['post_lexicon', 'post_id']] as const) {
    for (const op of ['INSERT', 'UPDATE', 'DELETE'] as const) {
      const row = op === 'DELETE' ? 'OLD' : 'NEW';
      sql.exec(`CREATE TEMP TRIGGER written_${tbl}_${op} AFTER ${op} ON main.${tbl}
                BEGIN INSERT INTO written VALUES ('${tbl}', '${op.toLowerCase()}', ${row}.${id}); END`);
    }
  }
  return () =>
    sql.column<string>(
      `SELECT w.tbl || ' ' || w.op || ' ' || c.username || '/' || p.message_id FROM written w
         JOIN posts p ON p.id = w.post_id JOIN channels c ON c.id = p.channel_id ORDER BY w.rowid`,
    );
}

/** What the application reads back: every post with its evidence, the aggregates, stats, a trend. */
async function everything(store: Store) {
  return {
    posts: await store.getPosts(posts.map((p) => ({ channel: p.channel, messageId: p.messageId }))),
    aggregates: await aggregates(store),
    stats: await store.stats(),
    trend: await trendData(store, { interval: 'week', by: ['lang'] }),
  };
}

const keyOf = (p: IncomingPost): string => `${p.channel.toLowerCase()}/${p.messageId}`;

describe('reclassify writes only what changed', () => {
  it('with the lexicons unchanged, it writes no row and changes nothing', async () => {
    const store = await ingested(shipped);
    const before = await everything(store);
    const written = recordWrites(store);
    const r = await reclassify(store, shipped);
    expect(r).toMatchObject({ posts: posts.length, changedPosts: 0, lexiconVersion: shipped.version });
    expect(written()).toEqual([]);
    expect(await everything(store)).toEqual(before);
    expect(await store.aggregateDrift()).toEqual([]);
  }, 120_000);

  it('with one term added, it rewrites the tags of exactly the posts the term changes, and ends where a fresh ingest does', async () => {
    expect(edited.version).not.toBe(shipped.version);
    // The posts whose derivation differs between the two lexicons: all of them contain the new term.
    const changed = posts.filter(
      (p) => JSON.stringify(derive(p.text, undefined, shipped).tags.frames) !== JSON.stringify(derive(p.text, undefined, edited).tags.frames),
    );
    expect(changed.length).toBeGreaterThan(3);
    for (const p of changed) expect(p.text.toLowerCase()).toContain('fruit lorries');

    const store = await ingested(shipped);
    const written = recordWrites(store);
    const r = await reclassify(store, edited);
    expect(r).toMatchObject({ posts: posts.length, changedPosts: changed.length, lexiconVersion: edited.version });
    const writes = written();
    // Tags: written for the changed posts only. Posts rows: untouched. The lexicon stamp: every post, once.
    const tagWrites = new Set(writes.filter((w) => w.startsWith('post_frames ')).map((w) => w.split(' ')[2]));
    expect([...tagWrites].sort()).toEqual(changed.map(keyOf).sort());
    expect(writes.filter((w) => w.startsWith('posts '))).toEqual([]);
    const stamps = writes.filter((w) => w.startsWith('post_lexicon '));
    expect(stamps.length).toBe(posts.length);
    expect(stamps.every((w) => w.startsWith('post_lexicon update '))).toBe(true);

    // Same evidence, aggregates and reads as a database ingested with the edited lexicons.
    const fresh = await ingested(edited);
    expect(await everything(store)).toEqual(await everything(fresh));
    expect(await store.aggregateDrift()).toEqual([]);
  }, 120_000);

  it('recounts every aggregate only when asked, which repairs a count changed by hand', async () => {
    const store = await ingested(shipped);
    const sql = inspectSqlite(store);
    const key = sql.get<{ day: string; frame_id: number }>('SELECT day, frame_id FROM daily_frame_counts ORDER BY posts DESC LIMIT 1')!;
    sql.run('UPDATE daily_frame_counts SET posts = posts + 5 WHERE day = ? AND frame_id = ?', key.day, key.frame_id);
    expect(await store.aggregateDrift()).not.toEqual([]);
    await reclassify(store, shipped);
    expect(await store.aggregateDrift()).not.toEqual([]); // the tags did not change: nothing moved the counts
    await reclassify(store, shipped, { recount: true });
    expect(await store.aggregateDrift()).toEqual([]);
  }, 120_000);

  it('stopped part-way, it leaves a consistent database that a second run completes', async () => {
    const store = await ingested(shipped);
    const stop = new Error('stopped');
    await expect(
      reclassify(store, edited, {
        batchSize: 200,
        onProgress: (done) => {
          if (done >= 600) throw stop;
        },
      }),
    ).rejects.toBe(stop);
    // Pages written so far are whole and counted exactly; the rest keep the old lexicon.
    const sql = inspectSqlite(store);
    expect(sql.value('PRAGMA integrity_check')).toBe('ok');
    expect(await store.aggregateDrift()).toEqual([]);
    expect((await store.stats()).lexiconVersions).toEqual([
      { version: shipped.version, posts: posts.length - 600 },
      { version: edited.version, posts: 600 },
    ]);

    const again = await reclassify(store, edited);
    expect(again.posts).toBe(posts.length);
    const fresh = await ingested(edited);
    expect(await everything(store)).toEqual(await everything(fresh));
    expect(await store.aggregateDrift()).toEqual([]);
  }, 120_000);
});
