// The storage port's behaviour, one suite for every adapter. An adapter plugs in with one line:
//   defineStoreContract('name', factory)
// in its own *.test.ts (see sqlite-store.test.ts). Everything here goes through the port (and the
// backend-neutral report/ code built on it); nothing knows which database is underneath.
import { afterEach, describe, expect, it } from 'vitest';
import { normalizeText } from '../../../src/language/normalize.js';
import { loadDigestData } from '../../../src/report/load-digest.js';
import { trendData, trendCount, trendTotal } from '../../../src/report/trend-data.js';
import type { IngestBatch, LabelRecord, PostRecord, Store } from '../../../src/store/store.js';
import { parseTextQuery } from '../../../src/store/text-query.js';
import type { FrameTag, Lang } from '../../../src/types.js';

export interface StoreFactory {
  /** A new, empty store whose days are in `timezone`. */
  create(opts: { timezone: string }): Promise<Store>;
  /** The same data opened anew, as another process would after `store` closed (and maybe in another zone). */
  reopen(store: Store, opts: { timezone: string }): Promise<Store>;
}

const KABUL = 'Asia/Kabul';
const ALL_DAYS = { from: '0000-01-01', to: '9999-12-31' };
const SEEN = '2026-05-01T00:00:00.000Z';

/** One hit of `term` in `text` (at its first occurrence) as the tagger would give it. */
function tag(frame: string, text: string, term: string, opts: { negated?: boolean; quoted?: boolean; score?: number } = {}): FrameTag {
  const start = text.indexOf(term);
  if (start < 0) throw new Error(`"${term}" is not in "${text}"`);
  const hit = { frame, term, matched: term, start, end: start + term.length, weight: 1, negated: !!opts.negated, quoted: !!opts.quoted };
  return { frame, score: opts.score ?? 1, hits: [hit], negated: hit.negated, quoted: hit.quoted };
}

function post(channel: string, messageId: number, postedAt: string, text: string, lang: Lang, frames: FrameTag[] = [], over: Partial<PostRecord> = {}): PostRecord {
  return {
    channel,
    messageId,
    postedAt,
    text,
    lang,
    langGuess: 'und',
    langConfidence: 1,
    langReason: 'test',
    views: 10,
    forwardedFrom: null,
    forwardedFromUrl: null,
    replyTo: null,
    edited: false,
    mediaKinds: [],
    permalink: `https://t.me/${channel}/${messageId}`,
    signature: null,
    links: [],
    linkPreview: null,
    isService: false,
    source: 'test',
    side: null,
    contentHash: JSON.stringify([text, postedAt]),
    frames,
    lexiconVersion: 'v1',
    ...over,
  };
}

const batch = (posts: PostRecord[], over: Partial<IngestBatch> = {}): IngestBatch => ({ posts, seenAt: SEEN, ...over });

async function* batches(list: IngestBatch[], failAfter = Infinity): AsyncGenerator<IngestBatch> {
  let n = 0;
  for (const b of list) {
    if (n++ >= failAfter) throw new Error('the file is broken here');
    yield b;
  }
}

/** Every daily aggregate row, by day, channel and language, and the per-day sums (channels by name, so two stores compare). */
export async function aggregates(store: Store) {
  return {
    posts: await store.dailyPosts({ ...ALL_DAYS, by: ['channel', 'lang'] }),
    frames: await store.dailyFrames({ ...ALL_DAYS, by: ['channel', 'lang'] }),
    days: await store.dailyPosts(ALL_DAYS),
    frameDays: await store.dailyFrames(ALL_DAYS),
  };
}

const sortBy = <T>(xs: T[], key: (x: T) => string) => [...xs].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

// Kabul is UTC+4:30: 20:00Z is already the next day there.
const A1 = 'The khawarij attacked a mosque in Kunduz.';
const A2 = 'Those apostates sold the religion; not khawarij, they say.';
const K1 = 'د خوارجو ډله بیا ماته وخوړه';
const N1 = 'Markets in Herat opened early today.';
function corpus(): PostRecord[] {
  return [
    post('alpha_chan', 1, '2026-03-31T20:00:00.000Z', A1, 'eng', [tag('khawarij', A1, 'khawarij', { score: 2 })]),
    post('alpha_chan', 2, '2026-04-01T06:00:00.000Z', A2, 'eng', [
      tag('apostasy', A2, 'apostates'),
      tag('khawarij', A2, 'khawarij', { negated: true }),
    ]),
    post('beta_chan', 7, '2026-03-31T10:00:00.000Z', K1, 'pus', [tag('khawarij', K1, 'خوارجو')]),
    post('beta_chan', 8, '2026-04-01T10:00:00.000Z', N1, 'eng'),
  ];
}

export function defineStoreContract(name: string, factory: StoreFactory): void {
  const open: Store[] = [];
  afterEach(async () => {
    for (const s of open.splice(0)) await s.close();
  });
  const create = async (timezone = KABUL) => {
    const s = await factory.create({ timezone });
    open.push(s);
    return s;
  };
  const reopen = async (store: Store, timezone = KABUL) => {
    await store.close();
    const s = await factory.reopen(store, { timezone });
    open.push(s);
    return s;
  };

  describe(`store contract: ${name}`, () => {
    describe('ingest keeps the daily aggregates exact', () => {
      it('an insert: days in TIMEZONE, counts by channel, language and frame, flagged apart', async () => {
        const store = await create();
        expect(await store.ingest(batch(corpus()))).toEqual({ new: 4, updated: 0, unchanged: 0 });
        expect(await store.aggregateDrift()).toEqual([]);
        const a = await aggregates(store);
        expect(sortBy(a.posts, (r) => `${r.day}|${r.channel}|${r.lang}`)).toEqual([
          { day: '2026-03-31', channel: 'beta_chan', lang: 'pus', posts: 1 },
          { day: '2026-04-01', channel: 'alpha_chan', lang: 'eng', posts: 2 },
          { day: '2026-04-01', channel: 'beta_chan', lang: 'eng', posts: 1 },
        ]);
        expect(sortBy(a.frames, (r) => `${r.day}|${r.frame}|${r.channel}`)).toEqual([
          { day: '2026-03-31', frame: 'khawarij', channel: 'beta_chan', lang: 'pus', posts: 1, flagged: 0 },
          { day: '2026-04-01', frame: 'apostasy', channel: 'alpha_chan', lang: 'eng', posts: 1, flagged: 0 },
          { day: '2026-04-01', frame: 'khawarij', channel: 'alpha_chan', lang: 'eng', posts: 2, flagged: 1 },
        ]);
        expect(a.days).toEqual([
          { day: '2026-03-31', posts: 1 },
          { day: '2026-04-01', posts: 3 },
        ]);
        expect(await store.frameTotals()).toEqual([
          { frame: 'khawarij', posts: 3, flagged: 1 },
          { frame: 'apostasy', posts: 1, flagged: 0 },
        ]);
        expect(await store.langTotals({ from: '2026-04-01', to: '2026-04-01' })).toEqual([{ lang: 'eng', posts: 3 }]);
        expect(await store.activity({ from: '2026-04-01', to: '2026-04-01' })).toEqual({ posts: 3, channels: 2 });
        expect(await store.sizes()).toEqual({ posts: 4, tags: 4, channels: 2 });
        expect(await store.dataSpan()).toEqual({ first: '2026-03-31', last: '2026-04-01', outside: 0 });
        expect(await store.overview()).toEqual({ posts: 4, channels: 2, firstDay: '2026-03-31', lastDay: '2026-04-01' });
        expect(await store.knownFrames()).toEqual(['apostasy', 'khawarij']);
      });

      it('keeps every field of a post and its evidence', async () => {
        const store = await create();
        const rich = post('alpha_chan', 5, '2026-04-02T08:00:00.000Z', A1, 'eng', [tag('khawarij', A1, 'khawarij', { quoted: true, score: 1.5 })], {
          views: 1200,
          forwardedFrom: 'Other',
          forwardedFromUrl: 'https://t.me/other/9',
          replyTo: 3,
          edited: true,
          mediaKinds: ['photo', 'link_preview'],
          signature: 'editor',
          links: ['https://example.org/a'],
          linkPreview: { url: 'https://example.org/a', title: 'A', description: null },
          side: 'taliban',
          langGuess: 'eng',
          langConfidence: 0.9,
        });
        await store.ingest(batch([rich]));
        const [got] = await store.getPosts([{ channel: 'alpha_chan', messageId: 5 }, { channel: 'alpha_chan', messageId: 404 }]);
        const { frames, ...fields } = rich;
        expect(got).toEqual({
          ...fields,
          normalizedText: normalizeText(A1),
          day: '2026-04-02',
          firstSeen: SEEN,
          lastSeen: SEEN,
          frames: [{ frame: 'khawarij', score: 1.5, negated: false, quoted: true, flagged: true, lexiconVersion: 'v1', hits: frames[0]!.hits }],
        });
        expect(await store.getPosts([{ channel: 'alpha_chan', messageId: 404 }])).toEqual([]);
      });

      it('the same content again is unchanged: only views and last seen move; null keeps what is stored', async () => {
        const store = await create();
        await store.ingest(batch(corpus()));
        const before = await aggregates(store);
        const again = corpus().map((p, i) => ({ ...p, views: i === 0 ? 99 : null, permalink: null }));
        expect(await store.ingest(batch(again, { seenAt: '2026-05-02T00:00:00.000Z' }))).toEqual({ new: 0, updated: 0, unchanged: 4 });
        expect(await aggregates(store)).toEqual(before);
        const [p1, p2] = await store.getPosts([{ channel: 'alpha_chan', messageId: 1 }, { channel: 'alpha_chan', messageId: 2 }]);
        expect(p1).toMatchObject({ views: 99, firstSeen: SEEN, lastSeen: '2026-05-02T00:00:00.000Z', permalink: 'https://t.me/alpha_chan/1' });
        expect(p2!.views).toBe(10);
      });

      it('an edit moves the post to its new day, language and frames', async () => {
        const store = await create();
        await store.ingest(batch(corpus()));
        const text = 'Those apostates again.';
        const edited = post('alpha_chan', 1, '2026-04-03T08:00:00.000Z', text, 'prs', [tag('apostasy', text, 'apostates', { quoted: true })], { views: null, edited: true });
        expect(await store.ingest(batch([edited]))).toEqual({ new: 0, updated: 1, unchanged: 0 });
        expect(await store.aggregateDrift()).toEqual([]);
        expect(await store.dailyFrames({ from: '2026-04-01', to: '2026-04-03', by: ['lang'] })).toEqual([
          { day: '2026-04-01', frame: 'apostasy', lang: 'eng', posts: 1, flagged: 0 },
          { day: '2026-04-01', frame: 'khawarij', lang: 'eng', posts: 1, flagged: 1 },
          { day: '2026-04-03', frame: 'apostasy', lang: 'prs', posts: 1, flagged: 1 },
        ]);
        const [p] = await store.getPosts([{ channel: 'alpha_chan', messageId: 1 }]);
        expect(p).toMatchObject({ text, day: '2026-04-03', lang: 'prs', edited: true, views: 10 });
        expect(p!.frames.map((f) => f.frame)).toEqual(['apostasy']);
      });

      it('a delete (removing a channel) leaves what a store that never had it holds', async () => {
        const store = await create();
        await store.ingest(batch(corpus()));
        expect(await store.channelFootprint('Alpha_Chan')).toEqual({ username: 'alpha_chan', posts: 2, tags: 3, runs: 0 });
        expect(await store.removeChannel('alpha_chan')).toEqual({ username: 'alpha_chan', posts: 2, tags: 3, runs: 0 });
        expect(await store.aggregateDrift()).toEqual([]);
        const never = await create();
        await never.ingest(batch(corpus().filter((p) => p.channel !== 'alpha_chan')));
        expect(await aggregates(store)).toEqual(await aggregates(never));
        expect(await store.stats()).toEqual(await never.stats());
        expect(await store.hasChannel('alpha_chan')).toBe(false);
        expect(await store.queryPosts({ text: parseTextQuery('khawarij') })).toEqual([]);
        expect(await store.removeChannel('alpha_chan')).toBeNull();
      });

      it('re-deriving replaces languages and tags exactly; a rebuild changes nothing', async () => {
        const store = await create();
        await store.ingest(batch(corpus()));
        const first = await store.rederiveSources(0, 3);
        expect(first).toHaveLength(3);
        expect(await store.rederiveSources(Number.MAX_SAFE_INTEGER, 3)).toEqual([]);
        const all = [...first, ...(await store.rederiveSources(first[2]!.key, 10))];
        expect(all.map((s) => s.text).sort()).toEqual([A1, A2, K1, N1].sort());
        // Each source carries the stored language in full (reclassify keeps it when only lexicons changed).
        for (const s of all) expect(s).toMatchObject({ langGuess: 'und', langConfidence: 1, langReason: 'test' });
        const items = all.map((s) => ({
          key: s.key,
          lang: s.text === N1 ? ('und' as const) : s.lang,
          langGuess: 'und',
          langConfidence: 1,
          langReason: 'test',
          frames: s.text === A2 ? [tag('apostasy', A2, 'apostates')] : s.text === N1 ? [tag('markets', N1, 'Markets')] : [],
          lexiconVersion: 'v2',
        }));
        // A1 and K1 lose khawarij, A2 loses it too, N1 changes language and gains a frame.
        expect(await store.replaceDerived(items)).toEqual({ changed: 4 });
        expect(await store.aggregateDrift()).toEqual([]);
        const before = await aggregates(store);
        await store.rebuildAggregates();
        expect(await aggregates(store)).toEqual(before);
        expect(await store.frameTotals()).toEqual([
          { frame: 'apostasy', posts: 1, flagged: 0 },
          { frame: 'markets', posts: 1, flagged: 0 },
        ]);
        expect(await store.replaceDerived(items)).toEqual({ changed: 0 });
      });
    });

    describe('import is idempotent and all or nothing', () => {
      it('ingestAll writes every batch in one transaction and reports each', async () => {
        const store = await create();
        const seen: number[] = [];
        const total = await store.ingestAll(batches([batch(corpus().slice(0, 2)), batch(corpus().slice(2))]), (r) => seen.push(r.new));
        expect(total).toEqual({ new: 4, updated: 0, unchanged: 0 });
        expect(seen).toEqual([2, 2]);
        const before = await aggregates(store);
        expect(await store.ingestAll(batches([batch(corpus())]))).toEqual({ new: 0, updated: 0, unchanged: 4 });
        expect(await aggregates(store)).toEqual(before);
        expect((await store.sizes()).posts).toBe(4);
      });

      it('a failure in the middle keeps nothing of the file: posts, tags, counts, channel rows, cursors', async () => {
        const store = await create();
        await store.upsertChannel({ username: 'gamma_chan' });
        const run = await store.startRun('cli');
        await store.startRunChannel(run, 'gamma_chan');
        const first = batch(corpus(), { channels: [{ username: 'delta_chan', side: 'iskp' }], page: { runId: run, channel: 'gamma_chan', covered: { lo: 1, hi: 9 } } });
        await expect(store.ingestAll(batches([first, batch([])], 1))).rejects.toThrow('the file is broken here');
        expect(await store.sizes()).toEqual({ posts: 0, tags: 0, channels: 1 });
        expect(await aggregates(store)).toEqual({ posts: [], frames: [], days: [], frameDays: [] });
        expect(await store.segments('gamma_chan')).toEqual([]);
        expect((await store.getRun(run))!.channels[0]).toMatchObject({ pages: 0, newPosts: 0 });
        // ... and the store still works.
        expect(await store.ingest(batch(corpus()))).toMatchObject({ new: 4 });
      });
    });

    describe('full-text search matches the Arabic-script variants', () => {
      const texts: Record<string, string> = {
        k13: 'مردم كابل از گراني شكايت دارند', // Arabic ك and ي
        k14: 'ولایت هلمند امروز آرام بود',
        k15: 'مقام‌های طالبان می‌گویند که خوارج شکست خوردند', // ZWNJ
        k16: 'میگویند که جنگ تمام شد', // no ZWNJ
        z22: 'قال الشيخ: الْخَوَارِجُ كِلَابُ النَّارِ', // vocalized
        z20: 'الخوارج عملاء المرتدين في كابل',
        e1: 'The khawarij of Kabul, again',
      };
      const fill = async () => {
        const store = await create();
        await store.ingest(
          batch(Object.entries(texts).map(([, text], i) => post(i % 2 ? 'fts_a' : 'fts_b', i + 1, `2026-04-0${i + 1}T08:00:00.000Z`, text, i === 6 ? 'eng' : 'prs'))),
        );
        return store;
      };
      const ids = (rows: { id: number }[]) => rows.map((r) => Object.keys(texts)[r.id - 1]).sort();

      it.each<[string, string, string[]]>([
        ['Persian ک finds Arabic ك', 'کابل', ['k13', 'z20']],
        ['Arabic ك finds Persian ک', 'كابل', ['k13', 'z20']],
        ['Persian ی finds Arabic ي', 'گرانی', ['k13']],
        ['Arabic ي finds Persian ی', 'ولايت', ['k14']],
        ['a plain query finds a vocalized post', 'كلاب النار', ['z22']],
        ['a vocalized query finds plain and vocalized posts', 'الْخَوَارِجُ', ['z20', 'z22']],
        ['without ZWNJ finds ZWNJ', 'مقامهای', ['k15']],
        ['a plural suffix typed apart finds ZWNJ', 'مقام های', ['k15']],
        ['ZWNJ finds with and without', 'می‌گویند', ['k15', 'k16']],
        ['a phrase in order', '"مردم کابل"', ['k13']],
        ['a phrase out of order', '"کابل مردم"', []],
        ['a prefix', 'خوار*', ['k15']],
        ['OR', 'هلمند OR جنگ', ['k14', 'k16']],
        ['an excluded word', 'کابل -مردم', ['z20']],
        ['Latin, any case', 'KHAWARIJ', ['e1']],
        ['syntax in the text is searched for, not run', 'NEAR(کابل هرات)', []],
      ])('%s: %s', async (_name, q, want) => {
        const store = await fill();
        expect(ids(await store.queryPosts({ text: parseTextQuery(q), limit: 100 }))).toEqual(want);
      });

      it('combines with the other filters, follows edits, and indexes everything a writer syncs', async () => {
        const store = await fill();
        expect(await store.syncTextIndex()).toBeGreaterThanOrEqual(0);
        expect(await store.pendingTextIndex()).toBe(0);
        const kabul = parseTextQuery('کابل');
        expect(ids(await store.queryPosts({ text: kabul, langs: ['prs'] }))).toEqual(['k13', 'z20']);
        expect(ids(await store.queryPosts({ text: kabul, langs: ['eng'] }))).toEqual([]);
        expect(ids(await store.queryPosts({ text: kabul, channels: ['fts_b'] }))).toEqual(['k13']);
        expect(ids(await store.queryPosts({ text: kabul, since: '2026-04-06T00:00:00Z' }))).toEqual(['z20']);
        expect((await store.queryPosts({ text: kabul, limit: 1 })).map((r) => r.id)).toEqual([6]); // newest first
        await store.ingest(batch([post('fts_a', 2, '2026-04-02T08:00:00.000Z', 'ولایت فراه امروز آرام بود', 'prs')]));
        expect(ids(await store.queryPosts({ text: parseTextQuery('هلمند') }))).toEqual([]);
        expect(ids(await store.queryPosts({ text: parseTextQuery('فراه') }))).toEqual(['k14']);
        await store.syncTextIndex();
        expect(await store.pendingTextIndex()).toBe(0);
      });
    });

    describe('trend: zero-filled buckets of days in TIMEZONE', () => {
      it('days, weeks (from Monday) and months follow the zone; empty buckets are zeros', async () => {
        const store = await create();
        await store.ingest(batch(corpus()));
        await store.ingest(batch([post('beta_chan', 9, '2026-04-10T10:00:00.000Z', N1, 'eng')]));
        const day = await trendData(store, { interval: 'day' });
        expect(day.buckets).toHaveLength(11);
        expect(day.frames).toEqual(['apostasy', 'khawarij']);
        expect(trendTotal(day, '2026-04-05', [])).toBe(0);
        expect(trendCount(day, '2026-04-01', [], 'khawarij')).toBe(2);
        const week = await trendData(store, { interval: 'week', by: ['lang'] });
        expect(week.buckets).toEqual(['2026-03-30', '2026-04-06']);
        expect(week.groups).toEqual([['eng'], ['pus']]);
        expect(trendTotal(week, '2026-03-30', ['eng'])).toBe(3);
        expect(trendCount(week, '2026-04-06', ['eng'], 'khawarij')).toBe(0);
        const month = await trendData(store, { interval: 'month', by: ['channel'], frames: ['khawarij', 'nothing'] });
        expect(month.buckets).toEqual(['2026-03-01', '2026-04-01']);
        expect(trendCount(month, '2026-03-01', ['beta_chan'], 'khawarij')).toBe(1);
        expect(trendCount(month, '2026-04-01', ['alpha_chan'], 'khawarij')).toBe(2);
        expect(trendTotal(month, '2026-04-01', ['beta_chan'])).toBe(2);
        // In UTC, 20:00Z on 31 March stays in March.
        const utc = await reopen(store, 'UTC');
        const m = await trendData(utc, { interval: 'month' });
        expect(trendTotal(m, '2026-03-01', [])).toBe(2);
        expect(trendCount(m, '2026-03-01', [], 'khawarij')).toBe(2);
        expect(await utc.aggregateDrift()).toEqual([]);
        expect((await utc.getPosts([{ channel: 'alpha_chan', messageId: 1 }]))[0]!.day).toBe('2026-03-31');
      });
    });

    describe('digest data', () => {
      it('counts, frames with flagged and top channels, examples best first, collection health', async () => {
        const store = await create();
        const D = '2026-04-01';
        const ex = (n: number, channel: string, score: number, opts: { quoted?: boolean } = {}) => {
          const text = `The apostates of report ${n}`;
          return post(channel, n, `${D}T0${n}:00:00.000Z`, text, 'eng', [tag('apostasy', text, 'apostates', { score, ...opts })], { views: n });
        };
        await store.ingest(batch([...corpus(), ex(3, 'alpha_chan', 5, { quoted: true }), ex(4, 'alpha_chan', 3), ex(5, 'gamma_chan', 2)]));
        const run = await store.startRun('cron');
        await store.startRunChannel(run, 'beta_chan');
        await store.finishRunChannel(run, 'beta_chan', { state: 'failing', error: 'HTTP 503', note: null });
        await store.finishRun(run, 'partial', {});
        const data = await loadDigestData(store, D, KABUL, { now: new Date('2026-04-02T06:00:00Z') });
        expect(data.days.at(-1)).toBe(D);
        expect(data.postsPerDay.slice(-2)).toEqual([1, 6]);
        expect(data.channelsActive).toBe(3);
        expect(data.langs).toEqual([{ lang: 'eng', posts: 6 }]);
        const ap = data.frames.find((f) => f.frame === 'apostasy')!;
        expect(ap.counts.slice(-1)).toEqual([4]);
        expect(ap.flaggedToday).toBe(1);
        expect(ap.topChannels).toEqual([
          { channel: 'alpha_chan', posts: 3 },
          { channel: 'gamma_chan', posts: 1 },
        ]);
        // Unflagged and higher-scoring first, the second from another channel.
        expect(data.examples.filter((e) => e.frame === 'apostasy').map((e) => `${e.channel}/${e.messageId}`)).toEqual(['alpha_chan/4', 'gamma_chan/5']);
        const best = await store.exampleCandidates({ frames: ['apostasy'], from: D, to: D, order: 'best', perFrame: 10 });
        expect(best.map((c) => c.messageId)).toEqual([4, 5, 2, 3]);
        expect(best[0]).toMatchObject({ url: 'https://t.me/alpha_chan/4', score: 3, flagged: false, hits: [{ matched: 'apostates' }] });
        expect(data.health).toMatchObject({
          totalChannels: 3,
          byState: { new: 2, failing: 1 },
          problems: [{ username: 'beta_chan', state: 'failing', lastError: 'HTTP 503' }],
          lastRun: { id: run, status: 'partial' },
        });
      });
    });

    describe('collection state, cursors and crash safety', () => {
      const page = (channel: string, ids: number[]) =>
        ids.map((id) => post(channel, id, `2026-04-0${1 + (id % 5)}T08:00:00.000Z`, `post ${id} of ${channel}`, 'eng'));

      it('pages commit their posts, ranges and run counters together; ranges merge', async () => {
        const store = await create();
        await store.upsertChannel({ username: 'kabul_now', hint: 'prs' });
        const run = await store.startRun('cli', 4242);
        expect(await store.openRuns()).toEqual([{ id: run, pid: 4242, startedAt: expect.any(String) }]);
        await store.startRunChannel(run, 'kabul_now');
        const p1 = { runId: run, channel: 'kabul_now', covered: { lo: 16, hi: 20 } };
        expect(await store.ingest(batch(page('kabul_now', [16, 17, 18, 19, 20]), { page: p1 }))).toMatchObject({ new: 5 });
        await store.ingest(batch(page('kabul_now', [11, 13, 15]), { page: { ...p1, covered: { lo: 11, hi: 15 } } }));
        await store.ingest(batch([], { page: { ...p1, covered: { lo: 1, hi: 5 } } }));
        await store.ingest(batch(page('kabul_now', [20]).map((p) => ({ ...p, text: 'edited', contentHash: 'edited' })), { page: { ...p1, covered: null } }));
        expect(await store.segments('kabul_now')).toEqual([
          { lo: 11, hi: 20 },
          { lo: 1, hi: 5 },
        ]);
        expect(await store.storedIdRange('kabul_now')).toEqual({ lo: 11, hi: 20 });
        expect(await store.countPostsFrom('kabul_now', 16)).toBe(5);
        expect(await store.postedAtOfLowestFrom('kabul_now', 12)).toBe('2026-04-04T08:00:00.000Z');
        expect(await store.postedAtOfLowestFrom('kabul_now', 21)).toBeNull();
        expect(await store.segments('nobody')).toEqual([]);
        expect(await store.storedIdRange('nobody')).toBeNull();
        await store.updateChannelInfo('kabul_now', { title: 'Kabul Now', subscribers: 1200 });
        await store.updateChannelInfo('kabul_now', { title: null, description: 'news' });
        await store.finishRunChannel(run, 'kabul_now', { state: 'ok', error: null, note: 'preview redirected' });
        await store.finishRun(run, 'ok', { requests: 4 });
        expect(await store.getRun(run)).toMatchObject({
          id: run,
          status: 'ok',
          trigger: 'cli',
          pid: 4242,
          finishedAt: expect.any(String),
          summary: { requests: 4 },
          channels: [{ channel: 'kabul_now', state: 'ok', error: null, note: 'preview redirected', pages: 4, newPosts: 8, updatedPosts: 1 }],
        });
        expect(await store.openRuns()).toEqual([]);
        const [listed] = await store.listChannels();
        expect(listed).toMatchObject({
          username: 'kabul_now',
          title: 'Kabul Now',
          subscribers: 1200,
          state: 'ok',
          lastError: null,
          newestId: 20,
          oldestId: 11,
          posts: 8,
          lastRunId: run,
          lastRunStatus: 'ok',
          lastRunNote: 'preview redirected',
        });
        expect(await store.channelProfiles()).toEqual([{ username: 'kabul_now', hint: 'prs', side: null }]);
        expect(await store.resetSegments('kabul_now')).toEqual([
          { lo: 11, hi: 20 },
          { lo: 1, hi: 5 },
        ]);
        expect(await store.segments('kabul_now')).toEqual([]);
        expect(await store.storedIdRange('kabul_now')).toEqual({ lo: 11, hi: 20 });
      });

      it('a run its process left behind: committed pages stay, a rerun adds no duplicate, the run is marked interrupted', async () => {
        let store = await create();
        const run = await store.startRun('cron', 999_999);
        await store.upsertChannel({ username: 'herat_live' });
        await store.startRunChannel(run, 'herat_live');
        await store.ingest(batch(page('herat_live', [8, 9, 10]), { page: { runId: run, channel: 'herat_live', covered: { lo: 8, hi: 10 } } }));
        // the process dies here: no finishRunChannel, no finishRun
        store = await reopen(store);
        expect(await store.openRuns()).toEqual([{ id: run, pid: 999_999, startedAt: expect.any(String) }]);
        expect((await store.getRun(run))!.channels).toEqual([
          expect.objectContaining({ channel: 'herat_live', state: 'failing', error: expect.stringMatching(/^interrupted/), pages: 1, newPosts: 3 }),
        ]);
        expect(await store.segments('herat_live')).toEqual([{ lo: 8, hi: 10 }]);
        await store.markInterrupted(run, { interrupted: 'its process had ended' });
        expect(await store.getRun(run)).toMatchObject({ status: 'interrupted', finishedAt: null, summary: { interrupted: 'its process had ended' } });
        expect(await store.openRuns()).toEqual([]);
        const next = await store.startRun('cron', 1);
        await store.startRunChannel(next, 'herat_live');
        expect(await store.ingest(batch(page('herat_live', [8, 9, 10, 11]), { page: { runId: next, channel: 'herat_live', covered: { lo: 8, hi: 11 } } }))).toEqual({
          new: 1,
          updated: 0,
          unchanged: 3,
        });
        expect((await store.sizes()).posts).toBe(4);
        expect(await store.segments('herat_live')).toEqual([{ lo: 8, hi: 11 }]);
        // marking a finished run changes nothing
        await store.finishRun(next, 'ok', {});
        await store.markInterrupted(next, { interrupted: 'no' });
        expect((await store.getRun(next))!.status).toBe('ok');
        expect(await store.getRun(12345)).toBeNull();
      });
    });

    describe('settings, digest deliveries, channel profiles', () => {
      it('keeps what it is given', async () => {
        const store = await create();
        expect(await store.getSetting('x')).toBeUndefined();
        await store.setSetting('x', '1');
        await store.setSetting('x', '2');
        expect(await store.getSetting('x')).toBe('2');
        expect(await store.lastDigestSend()).toBeUndefined();
        const s = { day: '2026-04-01', chatId: '1001', sentAt: '2026-04-01T12:00:00.000Z', messages: 2, complete: false };
        await store.recordDigestSend(s);
        await store.recordDigestSend({ ...s, chatId: '-100', sentAt: '2026-04-01T11:00:00.000Z' });
        expect(await store.getDigestSend('2026-04-01', '1001')).toEqual(s);
        await store.recordDigestSend({ ...s, sentAt: '2026-04-02T07:00:00.000Z', complete: true });
        expect(await store.getDigestSend('2026-04-01', '1001')).toEqual({ ...s, sentAt: '2026-04-02T07:00:00.000Z', complete: true });
        expect(await store.lastDigestSend()).toMatchObject({ chatId: '1001', complete: true });
        expect(await store.getDigestSend('2026-04-02', '1001')).toBeUndefined();
        await store.upsertChannel({ username: 'Side_Chan', side: 'iskp' });
        await store.upsertChannel({ username: 'side_chan', hint: 'pus' });
        await store.upsertChannel({ username: 'side_chan', side: null });
        expect(await store.channelProfiles()).toEqual([{ username: 'side_chan', hint: 'pus', side: null }]);
        expect(await store.hasChannel('side_chan')).toBe(true);
      });
    });

    describe('report aggregates', () => {
      it('frame shares, co-occurrence, recent examples and stats', async () => {
        const store = await create();
        await store.ingest(batch(corpus()));
        const range = { from: '2026-03-31', to: '2026-04-01' };
        expect(await store.frameShares({ ...range, by: 'lang' })).toEqual([
          { frame: 'apostasy', key: 'eng', posts: 1 },
          { frame: 'khawarij', key: 'eng', posts: 2 },
          { frame: 'khawarij', key: 'pus', posts: 1 },
        ]);
        expect(await store.frameShares({ ...range, by: 'channel', frames: ['khawarij'] })).toEqual([
          { frame: 'khawarij', key: 'alpha_chan', posts: 2 },
          { frame: 'khawarij', key: 'beta_chan', posts: 1 },
        ]);
        expect(await store.cooccurrence({ ...range, frames: ['khawarij', 'apostasy'] })).toEqual([{ a: 'apostasy', b: 'khawarij', posts: 1 }]);
        const recent = await store.exampleCandidates({ frames: ['khawarij'], ...range, order: 'recent', perFrame: 2 });
        expect(recent.map((c) => c.messageId)).toEqual([7, 2]);
        expect(await store.stats()).toMatchObject({
          posts: 4,
          channels: 2,
          taggedPosts: 3,
          firstDate: '2026-03-31T10:00:00.000Z',
          lastDate: '2026-04-01T10:00:00.000Z',
          byLang: [
            { lang: 'eng', posts: 3 },
            { lang: 'pus', posts: 1 },
          ],
          byFrame: [
            { frame: 'khawarij', posts: 3, flagged: 1 },
            { frame: 'apostasy', posts: 1, flagged: 0 },
          ],
          lexiconVersions: [{ version: 'v1', posts: 4 }],
        });
        expect(await store.queryPosts({ frames: ['khawarij'], flags: 'exclude', sort: 'score' })).toMatchObject([
          { channel: 'alpha_chan', id: 1, score: 2 },
          { channel: 'beta_chan', id: 7 },
        ]);
      });
    });

    describe('review samples and labels', () => {
      const labelOf = (messageId: number, over: Partial<LabelRecord> = {}): LabelRecord => ({
        post: { channel: 'alpha_chan', messageId },
        frame: 'khawarij',
        label: true,
        labeller: 'zarlasht',
        labelledAt: '2026-05-02T08:00:00.000Z',
        lexiconVersion: 'v1',
        sampleId: null,
        stratum: 'tagged',
        stratumSize: 2,
        weight: 1,
        ...over,
      });

      it('streams a scope by key: time, channel and language filters', async () => {
        const store = await create();
        await store.ingest(batch(corpus()));
        const all = await store.scopePosts({}, 0, 10);
        expect(all.map((p) => `${p.channel}/${p.messageId}`)).toEqual(['alpha_chan/1', 'alpha_chan/2', 'beta_chan/7', 'beta_chan/8']);
        expect(all[2]).toMatchObject({ lang: 'pus', text: K1, postedAt: '2026-03-31T10:00:00.000Z', side: null, permalink: 'https://t.me/beta_chan/7' });
        const page = await store.scopePosts({}, all[1]!.key, 1);
        expect(page.map((p) => p.messageId)).toEqual([7]);
        const scoped = await store.scopePosts({ since: '2026-03-31T12:00:00.000Z', until: '2026-04-01T10:00:00.000Z', langs: ['eng'] }, 0, 10);
        expect(scoped.map((p) => p.messageId)).toEqual([1, 2]);
        expect((await store.scopePosts({ channels: ['Beta_Chan'], langs: ['eng', 'pus'] }, 0, 10)).map((p) => p.messageId)).toEqual([7, 8]);
      });

      it('records samples with their items; an item on a missing post records nothing', async () => {
        const store = await create();
        await store.ingest(batch(corpus()));
        const items = [
          { post: { channel: 'beta_chan', messageId: 7 }, stratum: 'tagged' as const, stratumSize: 3, weight: 1.5 },
          { post: { channel: 'beta_chan', messageId: 8 }, stratum: 'rest' as const, stratumSize: 1, weight: 1 },
          { post: { channel: 'alpha_chan', messageId: 1 }, stratum: 'tagged' as const, stratumSize: 3, weight: 1.5 },
        ];
        const sample = { frame: 'khawarij', seed: 7, scope: { langs: ['pus', 'eng'] as Lang[] }, size: 60, lexiconVersion: 'v1', createdAt: SEEN, items };
        const first = await store.createSample(sample);
        const second = await store.createSample({ ...sample, frame: 'apostasy', seed: 8, items: items.slice(1) });
        expect((await store.samples()).map((s) => s.id)).toEqual([second, first]);
        expect(await store.samples('khawarij')).toEqual([{ id: first, frame: 'khawarij', seed: 7, scope: { langs: ['pus', 'eng'] }, size: 60, lexiconVersion: 'v1', createdAt: SEEN, items: 3 }]);
        expect(await store.sampleItems(first)).toEqual(items.map((it, i) => ({ ...it, sampleId: first, position: i + 1 })));
        expect(await store.sampleItems(9999)).toEqual([]);
        await expect(store.createSample({ ...sample, items: [...items, { ...items[0]!, post: { channel: 'beta_chan', messageId: 404 } }] })).rejects.toThrow(/beta_chan\/404/);
        expect((await store.samples()).length).toBe(2);
      });

      it('one current label per post, frame and labeller; answers replaced or older kept in the history', async () => {
        const store = await create();
        await store.ingest(batch(corpus()));
        const a = labelOf(1);
        const b = labelOf(7, { post: { channel: 'beta_chan', messageId: 7 }, label: false, labeller: 'omid' });
        expect(await store.putLabels([a, b])).toEqual({ added: 2, replaced: 0, unchanged: 0, older: 0 });
        // A re-import changes nothing, whatever its time.
        expect(await store.putLabels([{ ...a, labelledAt: '2026-05-09T00:00:00.000Z' }, b])).toEqual({ added: 0, replaced: 0, unchanged: 2, older: 0 });
        // A later, different answer replaces the current one; an earlier one only joins the history.
        const later = { ...a, label: false, labelledAt: '2026-05-03T08:00:00.000Z' };
        expect(await store.putLabels([later])).toEqual({ added: 0, replaced: 1, unchanged: 0, older: 0 });
        const earlier = { ...a, label: true, labelledAt: '2026-05-01T08:00:00.000Z' };
        expect(await store.putLabels([earlier])).toEqual({ added: 0, replaced: 0, unchanged: 0, older: 1 });
        expect(await store.putLabels([earlier])).toEqual({ added: 0, replaced: 0, unchanged: 1, older: 0 });
        expect(await store.labels({ frame: 'khawarij', labeller: 'zarlasht' })).toEqual([later]);
        const history = sortBy(await store.labelHistory({ labeller: 'zarlasht' }), (h) => h.labelledAt);
        expect(history.map((h) => [h.reason, h.label, h.labelledAt])).toEqual([
          ['older', true, earlier.labelledAt],
          ['replaced', true, a.labelledAt],
        ]);
        expect(await store.labels()).toEqual([b, later]);
        // One label on a post that is not stored: nothing of the call is written.
        await expect(store.putLabels([{ ...b, label: true, labelledAt: '2026-06-01T00:00:00.000Z' }, labelOf(404)])).rejects.toThrow(/alpha_chan\/404/);
        expect(await store.labels({ labeller: 'omid' })).toEqual([b]);
      });

      it('undo takes the current label back into the history; removing a channel removes its labels and items', async () => {
        const store = await create();
        await store.ingest(batch(corpus()));
        const id = await store.createSample({
          frame: 'khawarij',
          seed: 1,
          scope: {},
          size: 2,
          lexiconVersion: 'v1',
          createdAt: SEEN,
          items: [{ post: { channel: 'alpha_chan', messageId: 2 }, stratum: 'near', stratumSize: 1, weight: 1 }],
        });
        const label = labelOf(2, { stratum: 'near', stratumSize: 1, sampleId: id });
        await store.putLabels([label, labelOf(1)]);
        expect(await store.labels({ sampleId: id })).toEqual([label]);
        expect(await store.removeLabel({ channel: 'alpha_chan', messageId: 2 }, 'khawarij', 'zarlasht', '2026-05-05T00:00:00.000Z')).toBe(true);
        expect(await store.removeLabel({ channel: 'alpha_chan', messageId: 2 }, 'khawarij', 'zarlasht', '2026-05-05T00:00:01.000Z')).toBe(false);
        expect(await store.labels({ sampleId: id })).toEqual([]);
        expect(await store.labelHistory()).toEqual([{ ...label, reason: 'undone', archivedAt: '2026-05-05T00:00:00.000Z' }]);
        await store.removeChannel('alpha_chan');
        expect(await store.labels()).toEqual([]);
        expect(await store.labelHistory()).toEqual([]);
        expect(await store.sampleItems(id)).toEqual([]);
      });
    });
  });
}
