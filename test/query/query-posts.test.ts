import { describe, expect, it } from 'vitest';
import type { PostFilter } from '../../src/store/store.js';
import { toFtsQuery } from '../../src/store/sqlite/fts5-query.js';
import { parseTextQuery } from '../../src/store/text-query.js';
import { names, POSTS } from './posts.js';
import { seedStore } from './seed.js';

async function setup() {
  return (await seedStore(Object.values(POSTS))).store;
}

const sorted = (xs: string[]) => [...xs].sort();

describe('queryPosts filters', () => {
  const cases: [string, PostFilter, string[]][] = [
    ['no filter: every post', {}, Object.keys(POSTS)],
    ['one frame', { frames: ['khawarij'] }, ['a1', 'a2', 'k11', 'k12', 'k15', 'z20']],
    ['any of two frames', { frames: ['khawarij', 'puppet'] }, ['a1', 'a2', 'k10', 'k11', 'k12', 'k15', 'z20']],
    ['all of two frames', { frames: ['khawarij', 'puppet'], match: 'all' }, ['a2', 'z20']],
    ['all of three frames', { frames: ['khawarij', 'puppet', 'apostasy'], match: 'all' }, ['z20']],
    ['all with a single frame is that frame', { frames: ['puppet'], match: 'all' }, ['a2', 'k10', 'z20']],
    ['unknown frame', { frames: ['no_such_frame'] }, []],
    ['one language', { langs: ['prs'] }, ['k10', 'k11', 'k13', 'k14', 'k15', 'k16']],
    ['languages × frame', { langs: ['prs', 'arb'], frames: ['khawarij'] }, ['k11', 'k15', 'z20']],
    ['channel', { channels: ['almirsaad_t'] }, ['a1', 'a2', 'a3']],
    ['channel, any case and @', { channels: ['@Azaim_T'] }, ['z20', 'z21', 'z22']],
    ['two channels × language', { channels: ['almirsaad_t', 'azaim_t'], langs: ['arb'] }, ['z20', 'z21', 'z22']],
    ['channel × frame', { channels: ['khurasan_t'], frames: ['apostasy'] }, ['k10', 'k11', 'k12']],
    [
      'since/until instants (since inclusive, until exclusive)',
      { since: '2026-04-02T08:00:00Z', until: '2026-04-03T12:00:00Z' },
      ['k10', 'k11'],
    ],
    ['dates × frame × language', { since: '2026-04-02T00:00:00Z', frames: ['khawarij'], langs: ['pus'] }, ['a2']],
    // flags: k11 has khawarij only quoted and apostasy only negated; k12 has khawarij negated.
    ['frame, flags include', { frames: ['khawarij'], flags: 'include' }, ['a1', 'a2', 'k11', 'k12', 'k15', 'z20']],
    ['frame, flags exclude', { frames: ['khawarij'], flags: 'exclude' }, ['a1', 'a2', 'k15', 'z20']],
    ['frame, flags only', { frames: ['khawarij'], flags: 'only' }, ['k11', 'k12']],
    ['apostasy, flags exclude', { frames: ['apostasy'], flags: 'exclude' }, ['k10', 'k12', 'z20']],
    ['match all, flags exclude', { frames: ['khawarij', 'apostasy'], match: 'all', flags: 'exclude' }, ['z20']],
    ['match all, flags include', { frames: ['khawarij', 'apostasy'], match: 'all' }, ['k11', 'k12', 'z20']],
    ['no frame, flags exclude: posts with a frame that counts', { flags: 'exclude' }, ['a1', 'a2', 'k10', 'k12', 'k15', 'z20']],
    ['no frame, flags only', { flags: 'only' }, ['k11', 'k12']],
    ['flags exclude × language', { flags: 'exclude', langs: ['eng'] }, ['k12']],
  ];
  it.each(cases)('%s', async (_name, filter, expected) => {
    const store = await setup();
    expect(sorted(names(await store.queryPosts({ limit: 1000, ...filter })))).toEqual(sorted(expected));
  });

  it('sorts newest first and pages with limit/offset', async () => {
    const store = await setup();
    const all = names(await store.queryPosts({ limit: 1000 }));
    expect(all.slice(0, 4)).toEqual(['z22', 'k16', 'k15', 'k14']);
    expect(names(await store.queryPosts({ limit: 2, offset: 2 }))).toEqual(['k15', 'k14']);
    expect(names(await store.queryPosts({ limit: 5, offset: 11 }))).toEqual(all.slice(11));
    expect(await store.queryPosts({ limit: 5, offset: 100 })).toEqual([]);
  });

  it('sorts by score, ties newest first', async () => {
    const store = await setup();
    expect(names(await store.queryPosts({ sort: 'score', limit: 5 }))).toEqual(['z20', 'k12', 'k11', 'k10', 'a2']);
    // exclude: k11 drops out, k12 keeps only apostasy (score 1).
    expect(names(await store.queryPosts({ sort: 'score', flags: 'exclude', limit: 10 }))).toEqual(['z20', 'k10', 'a2', 'k15', 'k12', 'a1']);
    // score counts only the --frame frames: puppet is 1 everywhere, so newest first.
    expect(names(await store.queryPosts({ sort: 'score', frames: ['puppet'], limit: 10 }))).toEqual(['z20', 'k10', 'a2']);
  });

  it('rows carry frames, matched terms with offsets, and the permalink', async () => {
    const store = await setup();
    const [row] = await store.queryPosts({ channels: ['azaim_t'], frames: ['khawarij'] });
    expect(row).toBeDefined();
    expect(row!.url).toBe('https://t.me/azaim_t/20');
    expect(sorted(row!.frames)).toEqual(['apostasy', 'khawarij', 'puppet']);
    expect(row!.score).toBe(1);
    const hit = row!.hits.find((h) => h.frame === 'puppet')!;
    expect(row!.text.slice(hit.start, hit.end)).toBe('عملاء');
  });

  it('flags exclude drops the flagged frames and hits from the rows, only keeps just those', async () => {
    const store = await setup();
    const [k12] = await store.queryPosts({ channels: ['khurasan_t'], frames: ['apostasy'], flags: 'exclude', langs: ['eng'] });
    expect(k12!.frames).toEqual(['apostasy']);
    expect(k12!.hits.map((h) => h.matched)).toEqual(['apostate']);
    const [k12only] = await store.queryPosts({ flags: 'only', langs: ['eng'] });
    expect(k12only!.frames).toEqual(['khawarij']);
    expect(k12only!.hits.every((h) => h.negated)).toBe(true);
    const [k12all] = await store.queryPosts({ langs: ['eng'] });
    expect(sorted(k12all!.frames)).toEqual(['apostasy', 'khawarij']);
  });
});

describe('full-text search over the normalized text', () => {
  const cases: [string, string, string[]][] = [
    ['Persian ک finds Arabic ك', 'کابل', ['a3', 'k13', 'z20']],
    ['Arabic ك finds Persian ک', 'كابل', ['a3', 'k13', 'z20']],
    ['Persian ی/ک finds a post typed with ي/ك', 'شکایت', ['k13']],
    ['Persian final ی finds Arabic ي', 'گرانی', ['k13']],
    ['Arabic ي finds Persian ی', 'ولايت', ['k14']],
    ['plain query finds a vocalized post', 'كلاب النار', ['z22']],
    ['vocalized query finds plain and vocalized posts', 'الْخَوَارِجُ', ['z20', 'z22']],
    ['no ZWNJ finds ZWNJ', 'مقامهای', ['k15']],
    ['ZWNJ finds ZWNJ', 'مقام‌های', ['k15']],
    ['plural suffix typed apart finds ZWNJ', 'مقام های', ['k15']],
    ['ZWNJ finds with and without', 'می‌گویند', ['k11', 'k15', 'k16']],
    ['no ZWNJ finds with and without', 'میگویند', ['k11', 'k15', 'k16']],
    ['words are ANDed in any order', 'النار الشيخ', ['z22']],
    ['phrase in order', '"مردم کابل"', ['k13']],
    ['phrase out of order', '"کابل مردم"', []],
    ['prefix', 'خوار*', ['a1', 'a2', 'k11', 'k15']],
    ['OR', 'هلمند OR هرات', ['k14', 'z21']],
    ['OR binds its neighbours only', 'هلمند OR هرات اليوم', ['z21']],
    ['excluded word', 'کابل -مردم', ['a3', 'z20']],
    ['Latin is case- and accent-insensitive', 'KÁBUL', ['k12']],
    ['lower-case or is a word', 'or', []],
    ['FTS syntax in the text is searched for, not run', 'NEAR(کابل هرات)', []],
    ['column filter syntax is not run', 'normalized_text:کابل', []],
  ];
  it.each(cases)('%s: %s', async (_name, text, expected) => {
    const store = await setup();
    expect(sorted(names(await store.queryPosts({ text: parseTextQuery(text), limit: 100 })))).toEqual(sorted(expected));
  });

  it('combines with the other filters', async () => {
    const store = await setup();
    const text = parseTextQuery('کابل');
    expect(names(await store.queryPosts({ text, frames: ['apostasy'] }))).toEqual(['z20']);
    expect(names(await store.queryPosts({ text, langs: ['pus'] }))).toEqual(['a3']);
    expect(names(await store.queryPosts({ text, channels: ['khurasan_t'] }))).toEqual(['k13']);
    expect(names(await store.queryPosts({ text, since: '2026-04-03T00:00:00Z' }))).toEqual(['k13', 'z20']);
    expect(names(await store.queryPosts({ text, sort: 'score' }))).toEqual(['z20', 'k13', 'a3']);
  });

  it('follows edits: the index is kept in sync', async () => {
    const { store, pipeline } = await seedStore([POSTS.k14!]);
    expect(await store.queryPosts({ text: parseTextQuery('هلمند') })).toHaveLength(1);
    await pipeline.ingest([{ channel: 'khurasan_t', messageId: 14, postedAt: POSTS.k14!.date, text: 'ولایت فراه امروز آرام بود', edited: true }]);
    expect(await store.queryPosts({ text: parseTextQuery('هلمند') })).toHaveLength(0);
    expect(await store.queryPosts({ text: parseTextQuery('فراه') })).toHaveLength(1);
  });
});

describe('toFtsQuery', () => {
  it.each([
    ['کابل', '"کابل"'],
    ['مردم  كابل', '"مردم" AND "کابل"'],
    ['"مردم كابل"', '"مردم کابل"'],
    ['خوار*', '"خوار"*'],
    ['a OR b c', '("a" OR "b") AND "c"'],
    ['a -b -"c d"', '("a") NOT "b" NOT "c d"'],
    ['say "hi', null],
  ])('%s → %s', (input, expected) => {
    if (expected === null) expect(() => toFtsQuery(input)).toThrow(/unbalanced quote/);
    else expect(toFtsQuery(input)).toBe(expected);
  });

  it('escapes double quotes inside typographic phrases', () => {
    expect(toFtsQuery('«قال "لا"»')).toBe('"قال ""لا"""');
  });

  it.each([
    ['OR', /OR needs a word/],
    ['کابل OR', /OR needs a word/],
    ['OR کابل', /OR needs a word/],
    ['کابل OR OR هرات', /OR needs a word/],
    ['-کابل', /besides the excluded/],
    ['؟! ...', /nothing to search for/],
    ['', /nothing to search for/],
    ['*کابل', /only works at the end/],
    ['«کابل', /unbalanced quote/],
  ])('rejects %j with a clear message', (input, message) => {
    expect(() => toFtsQuery(input)).toThrow(message);
    try {
      toFtsQuery(input);
    } catch (err) {
      expect((err as Error).message).not.toContain('\n');
      expect((err as { exitCode?: number }).exitCode).toBe(2);
    }
  });
});
