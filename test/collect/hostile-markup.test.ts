// Pages an adversary (or a broken mirror) could serve: markup nested far deeper than any real post,
// posts that name another channel, and ids repeated on one page (issue 14, items 4 and 5).
import { describe, expect, it } from 'vitest';
import { parseChannelPage } from '../../src/collect/parse-channel-page.js';
import { PoliteFetcher, NetworkError } from '../../src/collect/polite-fetcher.js';
import { makePosts, pageOf, renderPage, type FakePost } from './fake-tme.js';
import { ALL, channelRow, expected, harness, runRow, serve, stored } from './harness.js';

const DEPTH = 10_000;
const nested = (inner: string, depth = DEPTH): string => `${'<div>'.repeat(depth)}${inner}${'</div>'.repeat(depth)}`;
const DEEP_TEXT = 'طالبان اعلام کردند که گذرگاه مرزی امروز باز شد';

/** Post `id` of `posts` with its text wrapped in DEPTH nested divs. */
function withDeepPost(posts: FakePost[], id: number): FakePost[] {
  return posts.map((p) => (p.id === id ? { ...p, text: DEEP_TEXT, html: nested(DEEP_TEXT) } : p));
}

describe('deeply nested markup (item 5)', () => {
  it(`${DEPTH} nested <div>s in a post: the parser does not throw and keeps the text and every post`, () => {
    const posts = withDeepPost(makePosts(20), 7);
    const page = parseChannelPage(renderPage('deep_channel', posts, false));
    expect(page.posts.map((p) => p.messageId)).toEqual(posts.map((p) => p.id));
    expect(page.posts.find((p) => p.messageId === 7)!.text).toBe(DEEP_TEXT);
    expect(page.posts.find((p) => p.messageId === 8)!.text).toBe(posts.find((p) => p.id === 8)!.text);
    expect(page.complete).toBe(true);
  });

  it('deep nesting outside the posts, inside a reply quote and around the older-page link is survived too', () => {
    const posts = makePosts(20, { firstId: 41 });
    let html = renderPage('deep_channel', posts, true);
    // around the whole message list (the document walk) ...
    html = html.replace('<section class="tgme_channel_history js-message_history">', `$&${'<div>'.repeat(DEPTH)}`);
    html = html.replace('</section>', `${'</div>'.repeat(DEPTH)}$&`);
    // ... and a reply quote nested deep inside one bubble (the per-message walk)
    const reply = `<a class="tgme_widget_message_reply" href="https://t.me/deep_channel/41">${nested('د ځواب متن')}</a>`;
    html = html.replace(/(data-post="deep_channel\/50"[\s\S]*?<div class="tgme_widget_message_bubble">)/, `$1${reply}`);
    const page = parseChannelPage(html);
    expect(page.posts).toHaveLength(20);
    expect(page.olderBefore).toBe(41);
    const p50 = page.posts.find((p) => p.messageId === 50)!;
    expect(p50.replyTo).toBe(41);
    expect(p50.text).toBe(posts.find((p) => p.id === 50)!.text); // never the quoted reply
  });

  it('a collected page with a deeply nested post stores all of its posts; the channel stays ok', async () => {
    const posts = withDeepPost(makePosts(45), 30);
    const tme = await serve({ deep_channel: posts });
    const h = harness(tme);
    const r = await h.run(['deep_channel'], ALL);
    expect(r.channels[0]).toMatchObject({ state: 'ok', error: null });
    expect(await stored(h.store, 'deep_channel')).toEqual(expected(posts));
    expect(tme.requests).toHaveLength(3); // no retries: nothing looked like a network failure
  });

  it('a page the parser cannot read is a parse failure, never a network failure, and is not retried', async () => {
    const posts = makePosts(45);
    const tme = await serve({ broken_parse: posts });
    const h = harness(tme);
    const r = await h.run(['broken_parse'], ALL, {}, undefined, {
      parsePage: (html) => {
        if (html.includes('data-post="broken_parse/25"')) throw new RangeError('Maximum call stack size exceeded');
        return parseChannelPage(html);
      },
    });
    const o = r.channels[0]!;
    expect(o.state).toBe('failing');
    expect(o.error).toBe('could not parse the page /s/broken_parse?before=26: Maximum call stack size exceeded');
    expect(o.error).not.toMatch(/network/);
    expect(tme.requests.filter((q) => q.before === 26)).toHaveLength(1);
    expect(await stored(h.store, 'broken_parse')).toEqual(expected(pageOf(posts).posts));
    expect((await channelRow(h.store, 'broken_parse')).lastError).toBe(o.error);
  });

  it('the fetcher passes an exception from validate through as it is: not a NetworkError, no retry', async () => {
    const tme = await serve({ some_channel: makePosts(5) });
    const fetcher = new PoliteFetcher({ baseUrl: tme.url, minIntervalMs: 0, backoffBaseMs: 1 });
    const err = await fetcher
      .get('/s/some_channel', {
        validate: () => {
          throw new RangeError('Maximum call stack size exceeded');
        },
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RangeError);
    expect(err).not.toBeInstanceOf(NetworkError);
    expect(tme.requests).toHaveLength(1);
  });
});

describe('foreign and repeated ids (item 4)', () => {
  it('a post whose data-post names another channel is skipped with a warning, never stored under the requested one', async () => {
    const posts = makePosts(45);
    const foreign = posts.map((p) => (p.id === 33 || p.id === 12 ? { ...p, dataPostChannel: 'other_channel' } : p));
    const tme = await serve({ own_channel: foreign });
    const h = harness(tme);
    const r = await h.run(['own_channel'], ALL);
    const o = r.channels[0]!;
    expect(o.state).toBe('ok');
    expect(await stored(h.store, 'own_channel')).toEqual(expected(posts.filter((p) => p.id !== 33 && p.id !== 12)));
    expect(o.counts.new).toBe(43);
    expect(o.notes).toContain('skipped 2 posts whose data-post names another channel (other_channel/33, other_channel/12)');
    expect((await runRow(h.store, r.runId, 'own_channel'))!.note).toContain('names another channel');
    // the foreign channel got nothing either
    expect(await stored(h.store, 'other_channel')).toEqual([]);
  });

  it('the case of the name does not make a post foreign', async () => {
    const posts = makePosts(25).map((p) => ({ ...p, dataPostChannel: 'Mixed_Case' }));
    const tme = await serve({ mixed_case: posts });
    const h = harness(tme);
    const r = await h.run(['mixed_case'], ALL);
    expect(r.channels[0]).toMatchObject({ state: 'ok', notes: [] });
    expect(await stored(h.store, 'mixed_case')).toHaveLength(25);
  });

  it('a page that repeats an id: one copy is stored (the first), counted once, with a warning', async () => {
    const posts = makePosts(45);
    const tme = await serve({ repeat_ids: posts });
    tme.faults.push(async (q, res) => {
      if (q.before !== 26) return false;
      const page = pageOf(posts, 26);
      const p20 = page.posts.find((p) => p.id === 20)!;
      // a second, different copy of post 20 after it
      const copy: FakePost = { ...p20, text: 'د همدې پوسټ بله نسخه: دا باید ونه ساتل شي.' };
      const list = [...page.posts.slice(0, 15), copy, ...page.posts.slice(15)];
      res.writeHead(200, { 'content-type': 'text/html' }).end(renderPage('repeat_ids', list, page.hasOlder));
      return true;
    });
    const h = harness(tme);
    const r = await h.run(['repeat_ids'], ALL);
    const o = r.channels[0]!;
    expect(o.state).toBe('ok');
    expect(await stored(h.store, 'repeat_ids')).toEqual(expected(posts));
    expect(o.counts).toMatchObject({ new: 45, updated: 0 });
    expect(o.notes).toContain('page before=26 repeats id 20 (2 copies, which differ); kept the first');
  });
});
