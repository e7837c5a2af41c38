// `framewatch channels remove`: a channel goes with everything stored about it, and every count
// stays exact, as if it had never been collected (issue 14, item 1).
import { describe, expect, it } from 'vitest';
import { channelFootprint, removeChannel } from '../../src/store/channel-removal.js';
import { createCollectionStore } from '../../src/store/collection-store.js';
import { syncFts } from '../../src/store/fts-index.js';
import type { Db } from '../../src/store/open-store.js';
import { aggregateDrift } from '../../src/store/post-writer.js';
import { rollupDrift } from '../../src/store/trend-queries.js';
import { seedInto, seedStore, type SeedPost } from '../query/seed.js';
import { tempStore } from '../helpers/temp-store.js';

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

/** Every aggregate, keyed by channel name rather than id, so two databases compare. */
function aggregates(db: Db) {
  return {
    posts: db
      .prepare('SELECT d.day, c.username, d.lang, d.posts FROM daily_post_counts d JOIN channels c ON c.id = d.channel_id ORDER BY 1, 2, 3')
      .all(),
    frames: db
      .prepare(
        `SELECT d.day, c.username, d.lang, d.frame, d.posts, d.flagged_posts FROM daily_frame_counts d
           JOIN channels c ON c.id = d.channel_id ORDER BY 1, 2, 3, 4`,
      )
      .all(),
    totals: db.prepare('SELECT day, posts FROM daily_totals ORDER BY day').all(),
    frameTotals: db.prepare('SELECT day, frame, posts, flagged_posts FROM daily_frame_totals ORDER BY day, frame').all(),
  };
}

const search = (db: Db, word: string): number[] =>
  db.prepare('SELECT rowid FROM posts_fts WHERE posts_fts MATCH ? ORDER BY rowid').pluck().all(`"${word}"`) as number[];

describe('removing a channel', () => {
  it('deletes its posts, tags, counts, index entries, ranges and history; what is left equals a database that never had it', () => {
    const { store } = seedStore([...KABUL, ...HERAT], { timezone: 'UTC' });
    const db = store.db;
    syncFts(db);
    seedInto(store, LATE, 'UTC');
    const cstore = createCollectionStore(db);
    const kabul = cstore.findChannelId('kabul_watch')!;
    const herat = cstore.findChannelId('herat_watch')!;
    cstore.addSegment(kabul, 1, 6);
    cstore.addSegment(herat, 10, 13);
    const run = cstore.startRun('cli', process.pid);
    for (const id of [kabul, herat]) {
      cstore.startRunChannel(run, id);
      cstore.finishRunChannel(run, id, 'ok', null, null);
    }
    cstore.finishRun(run, 'ok', {});
    const kabulPostIds = db.prepare('SELECT id FROM posts WHERE channel_id = ?').pluck().all(kabul) as number[];
    expect(search(db, 'ننگرهار')).toEqual([kabulPostIds[0]]);
    expect(db.prepare('SELECT count(*) FROM post_frames').pluck().get()).toBeGreaterThan(5);

    expect(channelFootprint(db, 'Kabul_Watch')).toMatchObject({ username: 'kabul_watch', posts: 6, tags: 8, runs: 1 });
    const removed = removeChannel(db, 'kabul_watch');
    expect(removed).toMatchObject({ posts: 6, tags: 8, runs: 1 });

    expect(aggregateDrift(db)).toEqual([]);
    expect(rollupDrift(db)).toEqual([]);
    expect(db.prepare('SELECT count(*) FROM posts WHERE channel_id = ?').pluck().get(kabul)).toBe(0);
    expect(db.prepare(`SELECT count(*) FROM post_frames WHERE post_id IN (${kabulPostIds.join(',')})`).pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM collect_segments WHERE channel_id = ?').pluck().get(kabul)).toBe(0);
    expect(db.prepare('SELECT count(*) FROM collection_run_channels WHERE channel_id = ?').pluck().get(kabul)).toBe(0);
    expect(cstore.findChannelId('kabul_watch')).toBeNull();
    // the full-text index: gone from it, consistent, and the late post is never indexed
    expect(search(db, 'ننگرهار')).toEqual([]);
    expect(search(db, 'بیگانه')).toHaveLength(0); // herat's late post is not indexed yet either
    db.prepare("INSERT INTO posts_fts(posts_fts) VALUES ('integrity-check')").run();
    syncFts(db);
    const heratLate = db.prepare('SELECT id FROM posts WHERE channel_id = ? AND message_id = 13').pluck().get(herat) as number;
    expect(search(db, 'بیگانه')).toEqual([heratLate]);
    // the run and the other channel are untouched
    expect(db.prepare('SELECT status FROM collection_runs WHERE id = ?').pluck().get(run)).toBe('ok');
    expect(cstore.segments(herat)).toEqual([{ lo: 10, hi: 13 }]);

    const { store: never } = seedStore([...HERAT], { timezone: 'UTC' });
    seedInto(never, LATE.filter((p) => p.channel === 'herat_watch'), 'UTC');
    expect(aggregates(db)).toEqual(aggregates(never.db));
  });

  it('of a channel that is not there changes nothing', () => {
    const store = tempStore('UTC');
    expect(removeChannel(store.db, 'nobody_here')).toBeNull();
  });
});
