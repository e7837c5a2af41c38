// The collector against a real HTTP server on 127.0.0.1: every fault ends in the right channel
// state, with nothing lost or duplicated.
import { describe, expect, it } from 'vitest';
import { makePosts, pageOf, renderPage, times, type FakeTme } from './fake-tme.js';
import { inspectSqlite } from '../../src/store/sqlite/sqlite-inspect.js';
import { ALL, channelRow, expected, harness, olderPage, runRow, segments, serve, stored } from './harness.js';

/** How often the first older page was asked for (1 + retries). */
function firstOlderTries(tme: FakeTme): number {
  const first = tme.requests.find(olderPage)!.before;
  return tme.requests.filter((q) => q.before === first).length;
}

describe('collecting from a local t.me stand-in', () => {
  it('backfills a whole channel with gaps in its ids, through the pipeline, and records the run', async () => {
    const posts = makePosts(95, { deleted: [7, 8, 40, 41, 42, 77] });
    const tme = await serve({ kabul_daily: posts });
    const h = harness(tme);
    const r = await h.run(['kabul_daily'], ALL);
    expect(r.status).toBe('ok');
    expect(await stored(h.store, 'kabul_daily')).toEqual(expected(posts));
    expect(await channelRow(h.store, 'kabul_daily')).toMatchObject({ state: 'ok', lastError: null, newestId: 95, oldestId: 1, lastRunId: r.runId });
    expect(await runRow(h.store, r.runId, 'kabul_daily')).toMatchObject({ state: 'ok', error: null, pages: 5, newPosts: 89 });
    const langs = inspectSqlite(h.store).column('SELECT DISTINCT lang FROM posts WHERE is_service = 0 ORDER BY lang');
    expect(langs).toEqual(['arb', 'eng', 'prs', 'pus']);
    expect(tme.requests.every((q) => q.ua?.startsWith('framewatch'))).toBe(true);
    // a rerun fetches the latest page only and changes nothing
    const before = tme.requests.length;
    const again = await h.run(['kabul_daily'], ALL);
    expect(again.channels[0]).toMatchObject({ state: 'ok', counts: { new: 0, updated: 0 } });
    expect(tme.requests.length - before).toBe(1);
  });

  it('a first run backfills the newest 100 posts; later runs collect only the newer ones, down to the stored range', async () => {
    const posts = makePosts(130);
    const tme = await serve({ herat_news: posts });
    const h = harness(tme);
    await h.run(['herat_news']);
    expect((await stored(h.store, 'herat_news')).map((p) => p.id)).toEqual(posts.slice(-100).map((p) => p.id));
    posts.push(...makePosts(50, { firstId: 131 }).map((p) => ({ ...p, service: false })));
    const mark = tme.requests.length;
    const r = await h.run(['herat_news']);
    expect(r.channels[0]).toMatchObject({ state: 'ok', counts: { new: 50 } });
    expect((await stored(h.store, 'herat_news')).map((p) => p.id)).toEqual(posts.filter((p) => p.id > 30).map((p) => p.id));
    // it stopped at the stored range: 3 pages, none below it
    expect(tme.requests.slice(mark).map((q) => q.before)).toEqual([null, 161, 141]);
  });

  it('a small channel is collected whole on its first run, and stops at its first post', async () => {
    const posts = makePosts(33, { deleted: [1, 2] });
    const tme = await serve({ tiny_channel: posts });
    const h = harness(tme);
    const r = await h.run(['tiny_channel']);
    // the range reported is the range stored: ids 1 and 2 are gone
    expect(r.channels[0]).toMatchObject({ state: 'ok', oldestId: 3, newestId: 33 });
    expect(await stored(h.store, 'tiny_channel')).toEqual(expected(posts));
    // before=3: "No posts found", believed when it says so twice
    expect(tme.requests.map((q) => q.before)).toEqual([null, 14, 3, 3]);
    expect(r.channels[0]!.notes).toEqual(['no posts before id 3 (asked twice); if the channel is older, run framewatch channels reset tiny_channel']);
    expect(await segments(h.store, 'tiny_channel')).toEqual([{ lo: 1, hi: 33 }]);
    // later runs do not ask again
    const mark = tme.requests.length;
    await h.run(['tiny_channel']);
    expect(tme.requests.slice(mark).map((q) => q.before)).toEqual([null]);
  });

  it('--since backfills exactly the posts from that day on', async () => {
    const posts = makePosts(120); // 37 minutes apart from 2024-03-01 06:00Z
    const tme = await serve({ ghazni_post: posts });
    const h = harness(tme);
    const r = await h.run(['ghazni_post'], { sinceDay: '2024-03-02' });
    expect(r.status).toBe('ok');
    const want = posts.filter((p) => p.date >= '2024-03-02T00:00:00.000Z' || p.id > 100);
    expect(await stored(h.store, 'ghazni_post')).toEqual(expected(want));
  });

  it('--limit N keeps the newest N posts', async () => {
    const posts = makePosts(90);
    const tme = await serve({ balkh_wire: posts });
    const h = harness(tme);
    await h.run(['balkh_wire'], { limit: 45 });
    expect((await stored(h.store, 'balkh_wire')).map((p) => p.id)).toEqual(posts.slice(-45).map((p) => p.id));
  });

  it('429 with Retry-After (seconds or a date) is waited out, then collection goes on', async () => {
    const posts = makePosts(60);
    const tme = await serve({ kunduz_now: posts });
    tme.faults.push(
      times(1, olderPage, (res) => void res.writeHead(429, { 'retry-after': new Date(Date.now() + 30_000).toUTCString() }).end()),
    );
    tme.faults.push(times(1, olderPage, (res) => void res.writeHead(429, { 'retry-after': '7' }).end()));
    const h = harness(tme);
    const r = await h.run(['kunduz_now'], ALL);
    expect(r.channels[0]!.state).toBe('ok');
    expect(await stored(h.store, 'kunduz_now')).toEqual(expected(posts));
    expect(h.sleeps).toHaveLength(2);
    expect(h.sleeps[0]).toBeGreaterThan(28_000); // the HTTP date, one-second resolution
    expect(h.sleeps[0]).toBeLessThanOrEqual(30_000);
    expect(h.sleeps[1]).toBeGreaterThan(6_500); // 7 s, less the moments spent in between
    expect(h.sleeps[1]).toBeLessThanOrEqual(7_000);
  });

  it('429 asking for a longer wait than allowed fails the channel and keeps what was committed', async () => {
    const posts = makePosts(60);
    const tme = await serve({ kunduz_now: posts });
    tme.faults.push(times(99, olderPage, (res) => void res.writeHead(429, { 'retry-after': '3600' }).end()));
    const h = harness(tme);
    const r = await h.run(['kunduz_now'], ALL);
    expect(r.channels[0]).toMatchObject({ state: 'failing' });
    expect(r.channels[0]!.error).toMatch(/rate limited \(HTTP 429\).*Retry-After 3600 s/);
    expect(await stored(h.store, 'kunduz_now')).toEqual(expected(pageOf(posts).posts));
    expect(h.sleeps.filter((ms) => ms >= 3_600_000)).toEqual([]);
  });

  it('500s are retried with backoff; a server that keeps failing leaves the channel failing, and a rerun completes it', async () => {
    const posts = makePosts(70);
    const tme = await serve({ paktia_today: posts });
    tme.faults.push(times(2, olderPage, (res) => void res.writeHead(500).end('oops')));
    const h = harness(tme);
    const ok = await h.run(['paktia_today'], ALL);
    expect(ok.channels[0]!.state).toBe('ok');
    expect(firstOlderTries(tme)).toBe(3);
    expect(await stored(h.store, 'paktia_today')).toEqual(expected(posts));
    expect(h.sleeps.length).toBeGreaterThanOrEqual(2);

    const tme2 = await serve({ paktia_today: posts });
    const broken = times(99, (q) => q.before !== null && q.before < 40, (res) => void res.writeHead(503).end());
    tme2.faults.push(broken);
    const h2 = harness(tme2);
    const bad = await h2.run(['paktia_today'], ALL);
    expect(bad.status).toBe('failed');
    expect(bad.channels[0]!.error).toMatch(/HTTP 503 .*\(after 4 attempts\)/);
    expect(await channelRow(h2.store, 'paktia_today')).toMatchObject({ state: 'failing' });
    expect((await channelRow(h2.store, 'paktia_today')).lastError).toMatch(/HTTP 503/);
    const kept = await stored(h2.store, 'paktia_today');
    expect(kept.length).toBe(40); // pages above the broken one are committed
    tme2.faults.length = 0;
    const fixed = await h2.run(['paktia_today'], ALL);
    expect(fixed.channels[0]!.state).toBe('ok');
    expect(await stored(h2.store, 'paktia_today')).toEqual(expected(posts));
    expect(await channelRow(h2.store, 'paktia_today')).toMatchObject({ state: 'ok', lastError: null });
  });

  it('a request that hangs times out and is retried', async () => {
    const posts = makePosts(45);
    const tme = await serve({ bamyan_daily: posts });
    tme.faults.push(times(1, olderPage, () => undefined)); // never answers
    const h = harness(tme);
    const r = await h.run(['bamyan_daily'], ALL, { timeoutMs: 300 });
    expect(r.channels[0]!.state).toBe('ok');
    expect(firstOlderTries(tme)).toBe(2);
    expect(await stored(h.store, 'bamyan_daily')).toEqual(expected(posts));
  });

  it('a request that always hangs ends as failing with a timeout', async () => {
    const tme = await serve({ bamyan_daily: makePosts(45) });
    tme.faults.push(times(99, () => true, () => undefined));
    const h = harness(tme);
    const r = await h.run(['bamyan_daily'], ALL, { timeoutMs: 150, retries: 1 });
    expect(r.channels[0]).toMatchObject({ state: 'failing' });
    expect(r.channels[0]!.error).toMatch(/timed out after 150 ms/);
  });

  it('a connection reset (and a body cut off mid-transfer) is retried', async () => {
    const posts = makePosts(65);
    const tme = await serve({ zabul_voice: posts });
    tme.faults.push(times(1, olderPage, (_res, raw) => void raw.socket.destroy()));
    tme.faults.push(
      times(1, olderPage, (res, raw) => {
        const full = renderPage('zabul_voice', pageOf(posts, 46).posts, true);
        res.writeHead(200, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(full) });
        res.write(full.slice(0, 2000));
        setTimeout(() => raw.socket.destroy(), 20);
      }),
    );
    const h = harness(tme);
    const r = await h.run(['zabul_voice'], ALL);
    expect(r.channels[0]!.state).toBe('ok');
    expect(firstOlderTries(tme)).toBe(3);
    expect(await stored(h.store, 'zabul_voice')).toEqual(expected(posts));
  });

  it('truncated HTML is never stored: retried, and failing if it stays truncated', async () => {
    const posts = makePosts(65);
    const truncated = (res: import('node:http').ServerResponse, before: number) => {
      const full = renderPage('logar_news', pageOf(posts, before).posts, true);
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(full.slice(0, Math.floor(full.length * 0.6)));
    };
    const tme = await serve({ logar_news: posts });
    tme.faults.push(times(1, olderPage, (res) => truncated(res, 46)));
    const h = harness(tme);
    expect((await h.run(['logar_news'], ALL)).channels[0]!.state).toBe('ok');
    expect(firstOlderTries(tme)).toBe(2);
    expect(await stored(h.store, 'logar_news')).toEqual(expected(posts));

    const tme2 = await serve({ logar_news: posts });
    tme2.faults.push(async (q, res) => {
      if (q.before === null) return false;
      truncated(res, q.before);
      return true;
    });
    const h2 = harness(tme2);
    const r = await h2.run(['logar_news'], ALL);
    expect(r.channels[0]!.state).toBe('failing');
    expect(r.channels[0]!.error).toMatch(/incomplete response.*(cut short|no date)/);
    expect(await stored(h2.store, 'logar_news')).toEqual(expected(pageOf(posts).posts));
  });

  it('a redirect to /<channel> means no public preview; to a "Contact" page, not found', async () => {
    const tme = await serve({});
    const h = harness(tme);
    const r = await h.run(['herat_circle', 'nobody_at_all'], ALL);
    expect(r.channels.map((o) => [o.channel, o.state])).toEqual([
      ['herat_circle', 'no_preview'],
      ['nobody_at_all', 'not_found'],
    ]);
    expect(r.status).toBe('ok');
    expect(await channelRow(h.store, 'herat_circle')).toMatchObject({ state: 'no_preview' });
    expect((await channelRow(h.store, 'herat_circle')).lastError).toMatch(/no public preview \(redirected to \/herat_circle\)/);
    expect(await channelRow(h.store, 'nobody_at_all')).toMatchObject({ state: 'not_found' });
    expect(await runRow(h.store, r.runId, 'herat_circle')).toMatchObject({ state: 'no_preview' });
    expect(await stored(h.store, 'herat_circle')).toEqual([]);
  });

  it('a redirect within the preview (/s/old → /s/new) is followed and noted; posts stay under the configured name', async () => {
    const posts = makePosts(52);
    const tme = await serve({ new_name_chan: posts });
    tme.faults.push(times(99, (q) => q.channel === 'old_name_chan', (res) => void res.writeHead(301, { location: '/s/new_name_chan' }).end()));
    const h = harness(tme);
    const r = await h.run(['old_name_chan']);
    expect(r.channels[0]).toMatchObject({ state: 'ok', notes: ['preview redirected to /s/new_name_chan'] });
    expect(await stored(h.store, 'old_name_chan')).toEqual(expected(posts));
    expect(tme.requests.map((q) => q.path)).toEqual([
      '/s/old_name_chan',
      '/s/new_name_chan',
      '/s/new_name_chan?before=33',
      '/s/new_name_chan?before=13',
    ]);
  });

  it('a 200 landing page (no message list) is no public preview too', async () => {
    const tme = await serve({});
    tme.faults.push(async (q, res) => {
      if (q.channel !== 'group_chat_af') return false;
      const { landingPage } = await import('./fake-tme.js');
      res.writeHead(200, { 'content-type': 'text/html' }).end(landingPage('group_chat_af', true));
      return true;
    });
    const r = await harness(tme).run(['group_chat_af']);
    expect(r.channels[0]).toMatchObject({ state: 'no_preview' });
  });

  it('a redirect to another host is refused and recorded; that host never hears from us', async () => {
    const other = await serve({ kabul_daily: makePosts(30) });
    const tme = await serve({ kabul_daily: makePosts(30) });
    tme.faults.push(times(99, olderPage, (res) => void res.writeHead(302, { location: `${other.url}/s/kabul_daily?before=11` }).end()));
    const h = harness(tme);
    const r = await h.run(['kabul_daily'], ALL);
    expect(r.channels[0]!.state).toBe('failing');
    expect(r.channels[0]!.error).toContain(`refused redirect to another host`);
    expect(r.channels[0]!.error).toContain(other.url);
    expect((await channelRow(h.store, 'kabul_daily')).lastError).toContain('refused redirect to another host');
    expect((await runRow(h.store, r.runId, 'kabul_daily'))!.error).toContain(other.url);
    expect(other.requests).toEqual([]);
    expect((await stored(h.store, 'kabul_daily')).length).toBe(20);
  });

  it('an oversized body is cut off, declared or streamed', async () => {
    const tme = await serve({ big_page_one: makePosts(30), big_page_two: makePosts(30) });
    const big = 'x'.repeat(300_000);
    tme.faults.push(times(1, (q) => q.channel === 'big_page_one', (res) => void res.writeHead(200, { 'content-length': big.length }).end(big)));
    tme.faults.push(
      times(1, (q) => q.channel === 'big_page_two', (res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        const chunk = 'y'.repeat(16_384);
        let sent = 0;
        const pump = () => {
          if (res.destroyed || sent > 2_000_000) return void res.end();
          sent += chunk.length;
          res.write(chunk, () => setImmediate(pump));
        };
        pump();
      }),
    );
    const r = await harness(tme).run(['big_page_one', 'big_page_two'], ALL, { maxBytes: 100_000 });
    for (const o of r.channels) {
      expect(o.state).toBe('failing');
      expect(o.error).toMatch(/response larger than 100000 bytes/);
    }
  });

  it('a missing older-page link: the collector asks for before=<oldest id> itself and gets everything', async () => {
    const posts = makePosts(70);
    const tme = await serve({ kandahar_24: posts });
    tme.render.set('kandahar_24', (_page, before) => (before === 51 ? { noOlderLink: true } : {}));
    const h = harness(tme);
    const r = await h.run(['kandahar_24'], ALL);
    expect(r.channels[0]!.state).toBe('ok');
    expect(await stored(h.store, 'kandahar_24')).toEqual(expected(posts));
    expect((await runRow(h.store, r.runId, 'kandahar_24'))!.note).toMatch(/older-page link missing; before=31 still had older posts/);
  });

  it('a missing older-page link on a server that cannot page back: stops, no loop', async () => {
    const posts = makePosts(70);
    const tme = await serve({ kandahar_24: posts });
    tme.render.set('kandahar_24', () => ({ noOlderLink: true }));
    tme.faults.push(async (q, res) => {
      if (q.before === null) return false;
      res.writeHead(200, { 'content-type': 'text/html' }).end(renderPage('kandahar_24', pageOf(posts).posts, false, { noOlderLink: true }));
      return true;
    });
    const h = harness(tme);
    const r = await h.run(['kandahar_24'], ALL);
    expect(r.channels[0]!.state).toBe('ok');
    expect(tme.requests.length).toBe(2);
    expect(await stored(h.store, 'kandahar_24')).toEqual(expected(pageOf(posts).posts));
    expect(r.channels[0]!.notes.join(' ')).toMatch(/server ignored the cursor/);
  });

  it.each([
    ['an older page that repeats the one before it', (b: number | undefined) => (b === 31 ? 51 : b)],
    ['an older-page link that points at itself', (b: number | undefined) => b],
  ])('%s: stops without looping or duplicating', async (_name, servedBefore) => {
    const posts = makePosts(90);
    const tme = await serve({ nimroz_live: posts });
    tme.faults.push(async (q, res) => {
      if (q.before === null) return false;
      const b = servedBefore(q.before);
      const page = pageOf(posts, b);
      const html = renderPage('nimroz_live', page.posts, page.hasOlder, { olderBefore: _name.includes('itself') ? q.before : undefined });
      res.writeHead(200, { 'content-type': 'text/html' }).end(html);
      return true;
    });
    const h = harness(tme);
    const r = await h.run(['nimroz_live'], ALL);
    expect(r.channels[0]!.state).toBe('ok');
    expect(tme.requests.length).toBeLessThan(8);
    const ids = (await stored(h.store, 'nimroz_live')).map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => posts.some((p) => p.id === id))).toBe(true);
    expect(r.channels[0]!.notes.join(' ')).toMatch(/repeat|does not go back/);
  });

  it('one failing channel never stops the run; each channel gets its own state', async () => {
    const tme = await serve({ first_broken: makePosts(25), second_fine: makePosts(25) });
    tme.faults.push(times(99, (q) => q.channel === 'first_broken', (res) => void res.writeHead(500).end()));
    const h = harness(tme);
    const r = await h.run(['first_broken', 'second_fine', 'third_hidden', 'nobody_known'], ALL, { retries: 1 });
    expect(r.status).toBe('partial');
    expect(r.channels.map((o) => o.state)).toEqual(['failing', 'ok', 'no_preview', 'not_found']);
    expect(await stored(h.store, 'second_fine')).toHaveLength(25);
    const run = (await h.store.getRun(r.runId))!;
    expect(run.channels.map((c) => ({ username: c.channel, state: c.state }))).toEqual([
      { username: 'first_broken', state: 'failing' },
      { username: 'nobody_known', state: 'not_found' },
      { username: 'second_fine', state: 'ok' },
      { username: 'third_hidden', state: 'no_preview' },
    ]);
    expect(run.status).toBe('partial');
    expect(run.finishedAt).not.toBeNull();
  });

  it('a shutdown signal finishes the page in hand, then stops: the run is interrupted; the next run resumes and ends with the same posts', async () => {
    const posts = makePosts(100);
    const tme = await serve({ takhar_wire: posts, second_wire: makePosts(30) });
    const stop = new AbortController();
    tme.faults.push(async (q) => {
      if (q.before === 61) stop.abort(); // while the third page is on its way
      return false;
    });
    const h = harness(tme);
    const r = await h.run(['takhar_wire', 'second_wire'], ALL, {}, stop.signal);
    expect(r.stopped).toBe(true);
    expect(r.status).toBe('interrupted');
    expect(r.notCollected).toEqual(['second_wire']);
    expect(r.channels.map((o) => o.channel)).toEqual(['takhar_wire']);
    expect(r.channels[0]!.notes).toContain('stopped early: shutting down');
    const kept = (await stored(h.store, 'takhar_wire')).map((p) => p.id);
    // the two pages before the signal and the one in flight when it came
    expect(kept).toEqual(posts.filter((p) => p.id > 40).map((p) => p.id));
    const run = (await h.store.getRun(r.runId))!;
    expect(run).toMatchObject({ status: 'interrupted', finishedAt: expect.any(String) });
    expect(run.summary).toMatchObject({ stopped: true, notCollected: ['second_wire'] });
    expect(tme.requests.some((q) => q.channel === 'second_wire')).toBe(false);
    const again = await h.run(['takhar_wire', 'second_wire'], ALL);
    expect(again.status).toBe('ok');
    expect(await stored(h.store, 'takhar_wire')).toEqual(expected(posts));
  });
});
