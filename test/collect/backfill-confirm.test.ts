// An empty older page ("No posts found") ends a backfill only when it is confirmed: asked again
// after a pause, or the channel's first message reached. What is reported as collected is what is
// stored (issue 14, item 1).
import { describe, expect, it } from 'vitest';
import { EMPTY_PAGE_PAUSE_MS } from '../../src/collect/collect-channel.js';
import { makePosts, renderPage, times, type FakePost } from './fake-tme.js';
import { ALL, channelRow, expected, harness, segments, serve, stored } from './harness.js';

/** Answers the page before=`before` with "No posts found", `n` times. */
function emptyPage(channel: string, before: number, n: number) {
  return times(n, (q) => q.channel === channel && q.before === before, (res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(renderPage(channel, [], false));
  });
}

describe('an empty older page', () => {
  it('answered once, then normally: the backfill goes on to the end; all 600 posts are stored', async () => {
    const posts = makePosts(600);
    const tme = await serve({ kabul_now: posts });
    tme.faults.push(emptyPage('kabul_now', 581, 1));
    const h = harness(tme);
    const r = await h.run(['kabul_now'], ALL);
    const o = r.channels[0]!;
    expect(o).toMatchObject({ state: 'ok', oldestId: 1, newestId: 600, counts: { new: 600 } });
    expect(await stored(h.store, 'kabul_now')).toEqual(expected(posts));
    expect(await segments(h.store, 'kabul_now')).toEqual([{ lo: 1, hi: 600 }]);
    expect(tme.requests.filter((q) => q.before === 581)).toHaveLength(2);
    expect(h.sleeps).toContain(EMPTY_PAGE_PAUSE_MS); // asked again after a pause, not at once
    expect(o.notes).toContain('page before=581 was empty once, then had posts');
  });

  it('in a gap between stored ranges, answered once: the gap is filled, not marked done while empty', async () => {
    const posts = makePosts(100);
    const tme = await serve({ herat_live: posts });
    const h = harness(tme);
    await h.run(['herat_live'], { limit: 40 });
    expect(await segments(h.store, 'herat_live')).toEqual([{ lo: 61, hi: 100 }]);
    posts.push(...makePosts(60, { firstId: 101 }).map((p) => ({ ...p, service: false })));
    tme.faults.push(emptyPage('herat_live', 121, 1));
    const r = await h.run(['herat_live']);
    expect(r.channels[0]).toMatchObject({ state: 'ok', counts: { new: 60 }, oldestId: 61, newestId: 160 });
    expect(await stored(h.store, 'herat_live')).toEqual(expected(posts.filter((p) => p.id > 60)));
    expect(await segments(h.store, 'herat_live')).toEqual([{ lo: 61, hi: 160 }]);
  });

  it('answered twice: taken as the start of the channel, but the reported range is what is stored, and a hint says how to reopen it', async () => {
    const posts = makePosts(600);
    const tme = await serve({ kabul_now: posts });
    tme.faults.push(emptyPage('kabul_now', 581, 2));
    const h = harness(tme);
    const r = await h.run(['kabul_now'], ALL);
    const o = r.channels[0]!;
    expect(o).toMatchObject({ state: 'ok', oldestId: 581, newestId: 600 });
    expect(o.notes).toContain('no posts before id 581 (asked twice); if the channel is older, run framewatch channels reset kabul_now');
    expect(await stored(h.store, 'kabul_now')).toHaveLength(20);
    expect(await channelRow(h.store, 'kabul_now')).toMatchObject({ oldestId: 581, newestId: 600 });

    // reopening the backfill cursor: the next run reads back through the stored posts and further
    expect(await h.store.resetSegments('kabul_now')).toEqual([{ lo: 1, hi: 600 }]);
    expect(await segments(h.store, 'kabul_now')).toEqual([]);
    const again = await h.run(['kabul_now'], ALL);
    expect(again.channels[0]).toMatchObject({ state: 'ok', oldestId: 1, newestId: 600, counts: { new: 580, unchanged: 20 } });
    expect(await stored(h.store, 'kabul_now')).toEqual(expected(posts));
  });

  it("at the channel's first message (the \"Channel created\" service message) nothing older is asked for", async () => {
    const posts: FakePost[] = makePosts(41, { firstId: 5 }); // 5 is "Channel created"
    const tme = await serve({ jalalabad_fm: posts });
    const h = harness(tme);
    const r = await h.run(['jalalabad_fm'], ALL);
    expect(r.channels[0]).toMatchObject({ state: 'ok', oldestId: 5, newestId: 45, notes: [] });
    expect(await stored(h.store, 'jalalabad_fm')).toEqual(expected(posts));
    expect(tme.requests.map((q) => q.before)).toEqual([null, 26, 6]);
    expect(h.sleeps).not.toContain(EMPTY_PAGE_PAUSE_MS);
    expect(await segments(h.store, 'jalalabad_fm')).toEqual([{ lo: 1, hi: 45 }]);
  });
});
