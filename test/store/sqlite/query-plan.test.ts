// The plan SQLite picks for `query --frame F --lang L --since/--until` (the bench's query figure) under
// the planner statistics of the 1,000,000-post bench database: posts newest first through
// posts_posted_at, stopping at the limit. Joined the other way round it walked every channel's posts
// of the month and sorted them all (400 ms instead of a few).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPipeline } from '../../../src/pipeline.js';
import { inspectSqlite } from '../../../src/store/sqlite/sqlite-inspect.js';
import { openTestStore, tempDir, testTagger } from '../../helpers/temp-store.js';

/** sqlite_stat1 of the bench database after 1,000,000 posts (ANALYZE via `PRAGMA optimize` at close). */
const BENCH_STATS: [string, string, string][] = [
  ['post_frames', 'post_frames_frame', '1898076 401 1'],
  ['post_frames', 'post_frames', '1898076 3 1'],
  ['posts', 'posts_channel_posted_at', '1000000 401 1'],
  ['posts', 'posts_posted_at', '1000000 1'],
  ['posts', 'sqlite_autoindex_posts_1', '1000000 401 1'],
  ['channels', 'sqlite_autoindex_channels_1', '500 1'],
];

describe('query plan at the bench size', () => {
  it('a frame + language + month query reads posts_posted_at newest first, without sorting', async () => {
    const sqls: string[] = [];
    const store = openTestStore(join(tempDir(), 'plan.sqlite'), { timezone: 'Asia/Kabul', trace: (s) => sqls.push(s) });
    await createPipeline({ store, tagger: testTagger() }).ingest([
      { channel: 'mirsaad_re', messageId: 1, postedAt: '2024-06-10T08:00:00Z', text: 'د خوارجو ډله بیا ماته وخوړه.' },
      { channel: 'voice_re', messageId: 2, postedAt: '2024-06-11T08:00:00Z', text: 'The khawarij are the dogs of hellfire.' },
    ]);
    const sql = inspectSqlite(store);
    sql.exec('ANALYZE');
    sql.exec('DELETE FROM sqlite_stat1');
    sql.exec("DELETE FROM sqlite_stat4 WHERE tbl IN ('posts', 'post_frames', 'channels')");
    for (const [tbl, idx, stat] of BENCH_STATS) sql.run('INSERT INTO sqlite_stat1(tbl, idx, stat) VALUES (?, ?, ?)', tbl, idx, stat);
    sql.exec('ANALYZE sqlite_schema'); // reload the statistics

    const rows = await store.queryPosts({ frames: ['khawarij'], langs: ['pus'], since: '2024-06-01T00:00:00Z', until: '2024-07-01T00:00:00Z', limit: 100 });
    expect(rows.map((r) => `${r.channel}/${r.id}`)).toEqual(['mirsaad_re/1']);
    const main = sqls.find((s) => s.includes('EXISTS') && s.includes('ORDER BY'));
    expect(main).toBeDefined();
    const params = Array((main!.match(/\?/g) ?? []).length).fill(null);
    const plan = sql.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${main!}`, ...params).map((r) => r.detail);
    expect(plan[0]).toMatch(/^SEARCH p USING INDEX posts_posted_at \(posted_at>\? AND posted_at<\?\)/);
    expect(plan.join('\n')).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
  });
});
