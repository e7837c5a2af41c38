// `framewatch channels remove`: a channel goes with everything stored about it, and every count
// stays exact, as if it had never been collected (issue 14, item 1).
import { describe, expect, it } from 'vitest';
import { inspectSqlite } from '../../src/store/sqlite/sqlite-inspect.js';
import type { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { parseTextQuery } from '../../src/store/text-query.js';
import { seedInto, seedStore, type SeedPost } from '../query/seed.js';
import { tempStore } from '../helpers/temp-store.js';
import { aggregates } from '../store/contract/store-contract.js';

const KABUL: SeedPost[] = [
  { channel: 'kabul_watch', id: 1, date: '2026-05-01T05:00:00Z', lang: 'prs', text: 'خوارج در ننگرهار شکست خوردند' },
  { channel: 'kabul_watch', id: 2, date: '2026-05-01T07:00:00Z', lang: 'prs', text: 'آنها مرتد نیستند، نه مرتد' },
  { channel: 'kabul_watch', id: 3, date: '2026-05-02T09:00:00Z', lang: 'pus', text: 'خوارجو بیا برید وکړ' },
  { channel: 'kabul_watch', id: 4, date: '2026-05-02T10:00:00Z', lang: 'arb', text: 'الخوارج عملاء للاستخبارات' },
  { channel: 'kabul_watch', id: 5, date: '2026-05-03T11:00:00Z', lang: 'eng', text: 'The khawarij are puppets of foreign spies' },
];
const HERAT: SeedPost[] = [
  { channel: 'herat_watch', id: 10, date: '2026-05-01T06:00:00Z', lang: 'prs', text: 'خوارج و مرتد در هرات' },
  { channel: 'herat_watch', id: 11, date: '2026-05-02T08:00:00Z', lang: 'arb', text: 'خبر عادي عن السوق' },
  { channel: 'herat_watch', id: 12, date: '2026-05-03T12:00:00Z', lang: 'eng', text: 'not khawarij, say the elders' },
];
// one more post of each, written after the full-text index was last brought up to date
const LATE: SeedPost[] = [
  { channel: 'kabul_watch', id: 6, date: '2026-05-03T13:00:00Z', lang: 'prs', text: 'غلام و نوکر بیگانه' },
  { channel: 'herat_watch', id: 13, date: '2026-05-03T14:00:00Z', lang: 'prs', text: 'نوکر بیگانه در هرات' },
];

/** Post ids the FTS5 index finds for a word (the SQLite adapter's index itself). */
const search = (store: SqliteStore, word: string): number[] =>
  inspectSqlite(store).column<number>('SELECT rowid FROM posts_fts WHERE posts_fts MATCH ? ORDER BY rowid', `"${word}"`);

/** A collection run over both channels, with their covered ranges. */
async function collected(store: Store): Promise<number> {
  const run = await store.startRun('cli', process.pid);
  for (const [channel, lo, hi] of [['kabul_watch', 1, 6], ['herat_watch', 10, 13]] as const) {
    await store.startRunChannel(run, channel);
    await store.ingest({ posts: [], seenAt: new Date().toISOString(), page: { runId: run, channel, covered: { lo, hi } } });
    await store.finishRunChannel(run, channel, { state: 'ok', error: null, note: null });
  }
  await store.finishRun(run, 'ok', {});
  return run;
}

describe('removing a channel', () => {
  it('deletes its posts, tags, counts, index entries, ranges and history; what is left equals a database that never had it', async () => {
    const { store } = await seedStore([...KABUL, ...HERAT], { timezone: 'UTC' });
    const sql = inspectSqlite(store);
    await store.syncTextIndex();
    await seedInto(store, LATE);
    const run = await collected(store);
    const kabulPostIds = sql.column<number>("SELECT id FROM posts WHERE channel_id = (SELECT id FROM channels WHERE username = 'kabul_watch')");
    expect(search(store, 'ننگرهار')).toEqual([kabulPostIds[0]]);
    expect((await store.sizes()).tags).toBeGreaterThan(5);

    expect(await store.channelFootprint('Kabul_Watch')).toMatchObject({ username: 'kabul_watch', posts: 6, tags: 8, runs: 1 });
    const removed = await store.removeChannel('kabul_watch');
    expect(removed).toMatchObject({ posts: 6, tags: 8, runs: 1 });

    expect(await store.aggregateDrift()).toEqual([]);
    expect(sql.value('SELECT count(*) FROM posts WHERE channel_id NOT IN (SELECT id FROM channels)')).toBe(0);
    expect(sql.value(`SELECT count(*) FROM post_frames WHERE post_id IN (${kabulPostIds.join(',')})`)).toBe(0);
    expect(sql.value('SELECT count(*) FROM collect_segments WHERE channel_id NOT IN (SELECT id FROM channels)')).toBe(0);
    expect(sql.value('SELECT count(*) FROM collection_run_channels WHERE channel_id NOT IN (SELECT id FROM channels)')).toBe(0);
    expect(await store.hasChannel('kabul_watch')).toBe(false);
    expect(await store.segments('kabul_watch')).toEqual([]);
    expect((await store.getRun(run))!.channels.map((c) => c.channel)).toEqual(['herat_watch']);
    // the full-text index: gone from it, consistent, and the late post is never indexed
    expect(search(store, 'ننگرهار')).toEqual([]);
    expect(search(store, 'بیگانه')).toHaveLength(0); // herat's late post is not indexed yet either
    sql.run("INSERT INTO posts_fts(posts_fts) VALUES ('integrity-check')");
    await store.syncTextIndex();
    const heratLate = sql.value<number>("SELECT id FROM posts WHERE message_id = 13 AND channel_id = (SELECT id FROM channels WHERE username = 'herat_watch')");
    expect(search(store, 'بیگانه')).toEqual([heratLate]);
    expect((await store.queryPosts({ text: parseTextQuery('بیگانه') })).map((r) => `${r.channel}/${r.id}`)).toEqual(['herat_watch/13']);
    // the run and the other channel are untouched
    expect((await store.getRun(run))!.status).toBe('ok');
    expect(await store.segments('herat_watch')).toEqual([{ lo: 10, hi: 13 }]);

    const { store: never } = await seedStore([...HERAT], { timezone: 'UTC' });
    await seedInto(never, LATE.filter((p) => p.channel === 'herat_watch'));
    expect(await aggregates(store)).toEqual(await aggregates(never));
  });

  it('of a channel that is not there changes nothing', async () => {
    const store = tempStore('UTC');
    expect(await store.removeChannel('nobody_here')).toBeNull();
  });
});
