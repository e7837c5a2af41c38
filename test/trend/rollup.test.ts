// The per-day rollups of migration 004 stay exact through inserts, edits, deletes and re-bucketing.
import { describe, expect, it } from 'vitest';
import { renderTrendCsv } from '../../src/report/trend-csv.js';
import { trendData } from '../../src/report/trend-data.js';
import { inspectSqlite } from '../../src/store/sqlite/sqlite-inspect.js';
import type { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { openTestStore } from '../helpers/temp-store.js';
import { seedInto, seedStore, type SeedPost } from '../query/seed.js';

const BASE: SeedPost[] = [
  { channel: 'r_one', id: 1, date: '2026-05-01T10:00:00Z', lang: 'prs', text: 'خوارج و مرتد' },
  { channel: 'r_one', id: 2, date: '2026-05-01T21:00:00Z', lang: 'prs', text: 'نه مرتد' },
  { channel: 'r_two', id: 1, date: '2026-05-02T08:00:00Z', lang: 'arb', text: 'الخوارج عملاء' },
  { channel: 'r_two', id: 2, date: '2026-05-02T09:00:00Z', lang: 'arb', text: 'خبر عادي' },
];

const totals = (store: SqliteStore) => inspectSqlite(store).all('SELECT day, frame, posts, flagged_posts FROM daily_frame_totals ORDER BY day, frame');

describe('daily rollups (migration 004)', () => {
  it('match the daily aggregates after inserts, edits, deletes and a time zone change', async () => {
    const { store, pipeline } = await seedStore(BASE);
    const sql = inspectSqlite(store);
    // aggregateDrift covers the rollups too: posts → daily_* → daily_*totals.
    expect(await store.aggregateDrift()).toEqual([]);
    expect(totals(store)).toEqual([
      { day: '2026-05-01', frame: 'apostasy', posts: 1, flagged_posts: 0 },
      { day: '2026-05-01', frame: 'khawarij', posts: 1, flagged_posts: 0 },
      // 21:00Z is past midnight in Kabul; "نه مرتد" is negated.
      { day: '2026-05-02', frame: 'apostasy', posts: 1, flagged_posts: 1 },
      { day: '2026-05-02', frame: 'khawarij', posts: 1, flagged_posts: 0 },
      { day: '2026-05-02', frame: 'puppet', posts: 1, flagged_posts: 0 },
    ]);
    // An edit that changes the frames and moves the post to another day.
    await pipeline.ingest([{ channel: 'r_one', messageId: 1, postedAt: '2026-05-03T06:00:00Z', text: 'غلام و نوکر', edited: true }]);
    expect(await store.aggregateDrift()).toEqual([]);
    expect(sql.value("SELECT count(*) FROM daily_frame_totals WHERE day = '2026-05-01'")).toBe(0);
    expect(sql.value("SELECT posts FROM daily_totals WHERE day = '2026-05-03'")).toBe(1);
    sql.run("DELETE FROM posts WHERE message_id = 2 AND channel_id = (SELECT id FROM channels WHERE username = 'r_two')");
    sql.run('DELETE FROM post_frames WHERE frame_id = (SELECT id FROM vocab WHERE value = ?)', 'puppet');
    expect(await store.aggregateDrift()).toEqual([]);
    await store.rebuildAggregates();
    expect(await store.aggregateDrift()).toEqual([]);
    await store.close();
    const utc = openTestStore(store.location, { timezone: 'UTC' });
    expect(await utc.aggregateDrift()).toEqual([]);
    expect(inspectSqlite(utc).value("SELECT posts FROM daily_totals WHERE day = '2026-05-01'")).toBe(1);
  });

  it('give the same trend as the detailed aggregates', async () => {
    const { store } = await seedStore(BASE);
    await seedInto(store, [{ channel: 'r_three', id: 5, date: '2026-05-20T12:00:00Z', lang: 'eng', text: 'not khawarij but puppets' }]);
    const plain = await trendData(store, { interval: 'week' });
    const grouped = await trendData(store, { interval: 'week', by: ['lang'] });
    // Sum the per-language rows back up: they must equal the ungrouped rows.
    const summed = new Map<string, number>();
    for (const [k, n] of grouped.counts) {
      const [bucket, , frame] = k.split('\u0001');
      summed.set(`${bucket}|${frame}`, (summed.get(`${bucket}|${frame}`) ?? 0) + n);
    }
    const direct = new Map([...plain.counts].map(([k, n]) => [k.split('\u0001').filter(Boolean).join('|'), n]));
    expect(direct).toEqual(summed);
    expect(renderTrendCsv(plain)).toContain('2026-05-18,khawarij,1,1,1');
  });
});
