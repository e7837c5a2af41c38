import { describe, expect, it } from 'vitest';
import { inspectSqlite } from '../../src/store/sqlite/sqlite-inspect.js';
import type { Store } from '../../src/store/store.js';
import type { IncomingPost } from '../../src/types.js';
import { openTestStore, testPipeline } from '../helpers/temp-store.js';
import { aggregates } from './contract/store-contract.js';

const posts: IncomingPost[] = [
  { channel: 'khurasan_test', messageId: 10, postedAt: '2026-03-01T21:00:00Z', text: 'The Taliban are apostates who sold the religion.', views: 1200 },
  { channel: 'khurasan_test', messageId: 11, postedAt: '2026-03-02T08:00:00Z', text: 'إن حكومة طالبان المرتدين لا تحكم بما أنزل الله' },
  { channel: 'mirsaad_test', messageId: 5, postedAt: '2026-03-02T09:30:00Z', text: 'د خوارجو ډله د اسلامي امارت پر وړاندې ماتې خوړلې ده' },
  { channel: 'mirsaad_test', messageId: 6, postedAt: '2026-03-02T10:00:00Z', text: 'امروز هوای کابل آفتابی است و بازارها باز هستند.' },
];

const keys = posts.map((p) => ({ channel: p.channel, messageId: p.messageId }));
const framePosts = async (store: Store, frame: string) => (await store.frameTotals()).find((f) => f.frame === frame)?.posts ?? 0;

describe('pipeline', () => {
  it('stores posts with language, frames and evidence, and exact aggregates', async () => {
    const { store, pipeline } = testPipeline('Asia/Kabul');
    const c = await pipeline.ingest(posts);
    expect(c).toMatchObject({ new: 4, updated: 0, unchanged: 0, skipped: 0 });
    const rows = await store.getPosts(keys);
    // 21:00 UTC on 1 March is 01:30 on 2 March in Kabul (UTC+4:30).
    expect(rows.find((r) => r.messageId === 10)?.day).toBe('2026-03-02');
    expect(rows.find((r) => r.messageId === 5)?.lang).toBe('pus');
    const frames = rows.flatMap((r) => r.frames.map((f) => ({ messageId: r.messageId, ...f }))).sort((a, b) => a.messageId - b.messageId);
    expect(frames.map((f) => [f.messageId, f.frame])).toEqual([
      [5, 'khawarij'],
      [10, 'apostasy'],
      [11, 'apostasy'],
    ]);
    const hit = frames.find((f) => f.messageId === 10)!.hits[0]!;
    expect(posts[0]!.text.slice(hit.start, hit.end)).toBe(hit.matched);
    expect(hit.matched.toLowerCase()).toBe('apostates');
    expect(await store.aggregateDrift()).toEqual([]);
    expect(await framePosts(store, 'apostasy')).toBe(2);
  });

  it('re-ingesting the same posts changes nothing', async () => {
    const { store, pipeline } = testPipeline();
    await pipeline.ingest(posts);
    const before = await aggregates(store);
    const c = await pipeline.ingest(posts);
    expect(c).toMatchObject({ new: 0, updated: 0, unchanged: 4 });
    expect(await store.sizes()).toMatchObject({ posts: 4, tags: 3 });
    expect(await aggregates(store)).toEqual(before);
  });

  it('an edit changes the text and the tags, and the aggregates stay exact', async () => {
    const { store, pipeline } = testPipeline();
    await pipeline.ingest(posts);
    const edited: IncomingPost = { ...posts[0]!, text: 'The khawarij attacked a mosque; the Emirate will answer.', edited: true, views: 1500 };
    const c = await pipeline.ingest([edited]);
    expect(c).toMatchObject({ new: 0, updated: 1 });
    expect((await store.sizes()).posts).toBe(4);
    const [row] = await store.getPosts([keys[0]!]);
    expect({ text: row!.text, edited: row!.edited, views: row!.views }).toEqual({ text: edited.text, edited: true, views: 1500 });
    expect(row!.frames.map((f) => f.frame)).toEqual(['khawarij']);
    expect(await framePosts(store, 'apostasy')).toBe(1);
    expect(await framePosts(store, 'khawarij')).toBe(2);
    expect(await store.aggregateDrift()).toEqual([]);
  });

  it('an edit that moves a post to another day and language moves its counts', async () => {
    const { store, pipeline } = testPipeline('UTC');
    await pipeline.ingest(posts);
    await pipeline.ingest([{ ...posts[1]!, postedAt: '2026-03-05T08:00:00Z', text: 'The apostates of Kabul have betrayed the religion.' }]);
    expect(await store.aggregateDrift()).toEqual([]);
    expect(await store.dailyFrames({ from: '2026-03-05', to: '2026-03-05', by: ['lang'] })).toEqual([
      { day: '2026-03-05', lang: 'eng', frame: 'apostasy', posts: 1, flagged: 0 },
    ]);
  });

  it('deleting a post removes it from every aggregate (the SQLite triggers, whatever code path deletes)', async () => {
    const { store, pipeline } = testPipeline();
    await pipeline.ingest(posts);
    inspectSqlite(store).run('DELETE FROM posts WHERE message_id = 11');
    expect(await store.aggregateDrift()).toEqual([]);
    expect((await store.activity()).posts).toBe(3);
  });

  it('skips invalid posts with a reason and keeps the valid ones', async () => {
    const { store, pipeline } = testPipeline();
    const c = await pipeline.ingest([
      posts[0]!,
      { ...posts[1]!, messageId: -3 },
      { ...posts[2]!, postedAt: 'yesterday' },
    ]);
    expect(c).toMatchObject({ new: 1, skipped: 2, skippedReasons: { 'bad message id': 1, 'bad date': 1 } });
    expect((await store.sizes()).posts).toBe(1);
  });

  it('a changed time zone re-buckets the stored days', async () => {
    const { store, pipeline } = testPipeline('UTC');
    await pipeline.ingest(posts);
    expect((await store.getPosts([keys[0]!]))[0]!.day).toBe('2026-03-01');
    await store.close();
    const again = openTestStore(store.location, { timezone: 'Asia/Kabul' });
    expect((await again.getPosts([keys[0]!]))[0]!.day).toBe('2026-03-02');
    expect(await again.aggregateDrift()).toEqual([]);
  });
});
