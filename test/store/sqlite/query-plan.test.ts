// The plan SQLite picks for `query --frame F --lang L --since/--until` (the bench's query figure) under
// the planner statistics of the 1,000,000-post bench database: posts newest first through
// posts_posted_at, stopping at the limit. Joined the other way round it walked every channel's posts
// of the month and sorted them all (400 ms instead of a few).
// Also the grouped reads of daily_frame_counts (migration 009: keyed by frame id first, no second
// index): one primary-key range per frame, with or without statistics.
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

/** A small database of two tagged posts whose prepared SQL goes to `sqls`. */
async function planStore(sqls: string[]) {
  const store = openTestStore(join(tempDir(), 'plan.sqlite'), { timezone: 'Asia/Kabul', trace: (s) => sqls.push(s) });
  await createPipeline({ store, tagger: testTagger() }).ingest([
    { channel: 'mirsaad_re', messageId: 1, postedAt: '2024-06-10T08:00:00Z', text: 'د خوارجو ډله بیا ماته وخوړه.' },
    { channel: 'voice_re', messageId: 2, postedAt: '2024-06-11T08:00:00Z', text: 'The khawarij are the dogs of hellfire.' },
  ]);
  return store;
}

describe('query plan at the bench size', () => {
  it('a frame + language + month query reads posts_posted_at newest first, without sorting', async () => {
    const sqls: string[] = [];
    const store = await planStore(sqls);
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

/** sqlite_stat1 of daily_frame_counts in the bench database (009: keyed frame id, day, channel, lang). */
const FRAME_COUNTS_STATS = '1371877 401 161 1 1';

describe('aggregate plans: daily_frame_counts keyed by frame id, without a second index', () => {
  for (const stats of ['bench', 'none'] as const) {
    it(`grouped reads search one primary-key range per frame, never scan the table (statistics: ${stats})`, async () => {
      const sqls: string[] = [];
      const store = await planStore(sqls);
      const sql = inspectSqlite(store);
      if (stats === 'bench') {
        sql.exec('ANALYZE');
        sql.run("DELETE FROM sqlite_stat1 WHERE tbl = 'daily_frame_counts'");
        sql.run("INSERT INTO sqlite_stat1(tbl, idx, stat) VALUES ('daily_frame_counts', 'daily_frame_counts', ?)", FRAME_COUNTS_STATS);
        sql.exec('ANALYZE sqlite_schema');
      }
      const year = { from: '2024-01-01', to: '2024-12-31' };
      const reads = {
        // the digest's channels of one day, all frames
        digest: () => store.frameShares({ from: '2024-06-11', to: '2024-06-11', by: 'channel' }),
        // the report's shares of its frames over a year
        report: () => store.frameShares({ ...year, frames: ['khawarij'], by: 'lang' }),
        // trend --by lang [--frame X]
        trend: () => store.dailyFrames({ ...year, by: ['lang'] }),
        trendFrame: () => store.dailyFrames({ ...year, frames: ['khawarij'], by: ['lang', 'channel'] }),
      };
      for (const [name, read] of Object.entries(reads)) {
        sqls.length = 0;
        expect((await read()).length, name).toBeGreaterThan(0);
        const main = sqls.find((s) => /FROM daily_frame_counts/.test(s));
        expect(main, name).toBeDefined();
        const params = Array((main!.match(/\?/g) ?? []).length).fill(null);
        const plan = sql.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${main!}`, ...params).map((r) => r.detail);
        expect(plan.join('\n'), name).toMatch(/SEARCH (\w+ )?daily_frame_counts USING PRIMARY KEY \(frame_id=\? AND day>\? AND day<\?\)/);
        expect(plan.join('\n'), name).not.toMatch(/SCAN (\w+ )?daily_frame_counts/);
      }
    });
  }
});
