import { describe, expect, it } from 'vitest';
import { aggregateDrift } from '../../src/store/post-writer.js';
import type { IncomingPost } from '../../src/types.js';
import { count, dump, testPipeline } from '../helpers/temp-store.js';

const posts: IncomingPost[] = [
  { channel: 'khurasan_test', messageId: 10, postedAt: '2026-03-01T21:00:00Z', text: 'The Taliban are apostates who sold the religion.', views: 1200 },
  { channel: 'khurasan_test', messageId: 11, postedAt: '2026-03-02T08:00:00Z', text: 'إن حكومة طالبان المرتدين لا تحكم بما أنزل الله' },
  { channel: 'mirsaad_test', messageId: 5, postedAt: '2026-03-02T09:30:00Z', text: 'د خوارجو ډله د اسلامي امارت پر وړاندې ماتې خوړلې ده' },
  { channel: 'mirsaad_test', messageId: 6, postedAt: '2026-03-02T10:00:00Z', text: 'امروز هوای کابل آفتابی است و بازارها باز هستند.' },
];

describe('pipeline', () => {
  it('stores posts with language, frames and evidence, and exact aggregates', () => {
    const { store, pipeline } = testPipeline('Asia/Kabul');
    const c = pipeline.ingest(posts);
    expect(c).toMatchObject({ new: 4, updated: 0, unchanged: 0, skipped: 0 });
    const rows = dump(store, 'SELECT message_id, day, lang FROM posts ORDER BY message_id') as { message_id: number; day: string; lang: string }[];
    // 21:00 UTC on 1 March is 01:30 on 2 March in Kabul (UTC+4:30).
    expect(rows.find((r) => r.message_id === 10)?.day).toBe('2026-03-02');
    expect(rows.find((r) => r.message_id === 5)?.lang).toBe('pus');
    const frames = dump(store, 'SELECT p.message_id, f.frame, f.hits FROM post_frames f JOIN posts p ON p.id = f.post_id ORDER BY 1') as {
      message_id: number;
      frame: string;
      hits: string;
    }[];
    expect(frames.map((f) => [f.message_id, f.frame])).toEqual([
      [5, 'khawarij'],
      [10, 'apostasy'],
      [11, 'apostasy'],
    ]);
    const hit = JSON.parse(frames.find((f) => f.message_id === 10)!.hits)[0];
    expect(posts[0]!.text.slice(hit.start, hit.end)).toBe(hit.matched);
    expect(hit.matched.toLowerCase()).toBe('apostates');
    expect(aggregateDrift(store.db)).toEqual([]);
    expect(dump(store, "SELECT sum(posts) AS n FROM daily_frame_counts WHERE frame = 'apostasy'")).toEqual([{ n: 2 }]);
  });

  it('re-ingesting the same posts changes nothing', () => {
    const { store, pipeline } = testPipeline();
    pipeline.ingest(posts);
    const before = [dump(store, 'SELECT * FROM daily_post_counts ORDER BY 1,2,3'), dump(store, 'SELECT * FROM daily_frame_counts ORDER BY 1,2,3,4')];
    const c = pipeline.ingest(posts);
    expect(c).toMatchObject({ new: 0, updated: 0, unchanged: 4 });
    expect(count(store, 'posts')).toBe(4);
    expect(count(store, 'post_frames')).toBe(3);
    expect([dump(store, 'SELECT * FROM daily_post_counts ORDER BY 1,2,3'), dump(store, 'SELECT * FROM daily_frame_counts ORDER BY 1,2,3,4')]).toEqual(before);
  });

  it('an edit changes the text and the tags, and the aggregates stay exact', () => {
    const { store, pipeline } = testPipeline();
    pipeline.ingest(posts);
    const edited: IncomingPost = { ...posts[0]!, text: 'The khawarij attacked a mosque; the Emirate will answer.', edited: true, views: 1500 };
    const c = pipeline.ingest([edited]);
    expect(c).toMatchObject({ new: 0, updated: 1 });
    expect(count(store, 'posts')).toBe(4);
    const row = dump(store, 'SELECT text, edited, views FROM posts WHERE message_id = 10')[0];
    expect(row).toEqual({ text: edited.text, edited: 1, views: 1500 });
    const f = dump(store, "SELECT f.frame FROM post_frames f JOIN posts p ON p.id = f.post_id WHERE p.message_id = 10");
    expect(f).toEqual([{ frame: 'khawarij' }]);
    expect(dump(store, "SELECT coalesce(sum(posts), 0) AS n FROM daily_frame_counts WHERE frame = 'apostasy'")).toEqual([{ n: 1 }]);
    expect(dump(store, "SELECT sum(posts) AS n FROM daily_frame_counts WHERE frame = 'khawarij'")).toEqual([{ n: 2 }]);
    expect(aggregateDrift(store.db)).toEqual([]);
  });

  it('an edit that moves a post to another day and language moves its counts', () => {
    const { store, pipeline } = testPipeline('UTC');
    pipeline.ingest(posts);
    pipeline.ingest([{ ...posts[1]!, postedAt: '2026-03-05T08:00:00Z', text: 'The apostates of Kabul have betrayed the religion.' }]);
    expect(aggregateDrift(store.db)).toEqual([]);
    expect(dump(store, "SELECT day, lang, frame, posts FROM daily_frame_counts WHERE day = '2026-03-05'")).toEqual([
      { day: '2026-03-05', lang: 'eng', frame: 'apostasy', posts: 1 },
    ]);
  });

  it('deleting a post removes it from every aggregate', () => {
    const { store, pipeline } = testPipeline();
    pipeline.ingest(posts);
    store.db.prepare('DELETE FROM posts WHERE message_id = 11').run();
    expect(aggregateDrift(store.db)).toEqual([]);
    expect(dump(store, 'SELECT sum(posts) AS n FROM daily_post_counts')).toEqual([{ n: 3 }]);
  });

  it('skips invalid posts with a reason and keeps the valid ones', () => {
    const { store, pipeline } = testPipeline();
    const c = pipeline.ingest([
      posts[0]!,
      { ...posts[1]!, messageId: -3 },
      { ...posts[2]!, postedAt: 'yesterday' },
    ]);
    expect(c).toMatchObject({ new: 1, skipped: 2, skippedReasons: { 'bad message id': 1, 'bad date': 1 } });
    expect(count(store, 'posts')).toBe(1);
  });

  it('a changed time zone re-buckets the stored days', async () => {
    const { store, pipeline } = testPipeline('UTC');
    pipeline.ingest(posts);
    expect(dump(store, 'SELECT day FROM posts WHERE message_id = 10')).toEqual([{ day: '2026-03-01' }]);
    store.close();
    const { openStore } = await import('../../src/store/open-store.js');
    const again = openStore(store.path, { timezone: 'Asia/Kabul' });
    expect(again.db.prepare('SELECT day FROM posts WHERE message_id = 10').get()).toEqual({ day: '2026-03-02' });
    expect(aggregateDrift(again.db)).toEqual([]);
    again.close();
  });
});
