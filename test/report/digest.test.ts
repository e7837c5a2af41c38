import { describe, expect, it } from 'vitest';
import { buildDigestForDay, defaultDigestDay } from '../../src/report/build-digest.js';
import { frameTrend, renderDigest, sparkline, snippet, type DigestData } from '../../src/report/digest.js';
import { cutHtmlLine, escapeHtml, htmlProblems, packMessages } from '../../src/report/telegram-html.js';
import { loadDigestData } from '../../src/report/load-digest.js';
import { inspectSqlite } from '../../src/store/sqlite/sqlite-inspect.js';
import { addDays } from '../../src/util/day-in-zone.js';
import type { IncomingPost } from '../../src/types.js';
import { openTestStore, testPipeline } from '../helpers/temp-store.js';

const D = '2026-03-15';
const TZ = 'Asia/Kabul';

const APOSTASY = [
  'The apostate Taliban sold the religion for Qatari hotels.',
  'Those apostates in Kabul guard the embassies of the kuffar.',
  'Every apostate regime falls in the end.',
];
const KHAWARIJ = ['The khawarij attacked a mosque in Kunduz again.', 'Security forces arrested three khawarij near Jalalabad.'];
const NEUTRAL = 'Markets in Herat opened early today after the holiday.';

/**
 * 14 days ending D. Baseline days D-7..D-1: apostasy [1,2,1,-,2,1,2], khawarij [3,3,3,-,3,3,3]
 * with D-4 an outage (nothing collected). D: apostasy 6 (one with HTML in it), khawarij 4.
 */
function corpus(): IncomingPost[] {
  const posts: IncomingPost[] = [];
  let id = 1;
  const add = (day: string, channel: string, text: string, hour = 6) =>
    posts.push({ channel, messageId: id++, postedAt: `${day}T${String(hour).padStart(2, '0')}:${String(id % 60).padStart(2, '0')}:00Z`, text, views: id * 10 });
  const apostasy = [1, 1, 1, 1, 1, 1, 1, 2, 1, 0, 2, 1, 2];
  for (let i = 0; i < 13; i++) {
    const day = addDays(D, i - 13);
    if (i === 9) continue; // outage D-4
    for (let k = 0; k < apostasy[i]!; k++) add(day, 'khurasan_alpha', `${APOSTASY[k % 3]} (${day} #${k})`);
    const kh = i >= 6 ? 3 : 2;
    for (let k = 0; k < kh; k++) add(day, 'almirsaad_beta', `${KHAWARIJ[k % 2]} (${day} #${k})`);
    add(day, 'news_gamma', `${NEUTRAL} ${day}`);
  }
  for (let k = 0; k < 4; k++) add(D, 'khurasan_alpha', `${APOSTASY[k % 3]} [${k}]`, 5 + k);
  add(D, 'voice_delta', 'The apostate <b>rulers</b> & their <script>alert(1)</script> friends', 9);
  add(D, 'voice_delta', 'Another apostate council met in Kandahar.', 10);
  for (let k = 0; k < 4; k++) add(D, 'almirsaad_beta', `${KHAWARIJ[k % 2]} [${k}]`, 6 + k);
  add(D, 'news_gamma', `${NEUTRAL} ${D}`);
  return posts;
}

async function filledStore() {
  const { store, pipeline } = testPipeline(TZ);
  await pipeline.ingest(corpus());
  return store;
}

describe('frameTrend (the spike rule)', () => {
  const all = [1, 1, 1, 1, 1, 1, 1, 1];
  it.each([
    // counts (7 baseline days + today), posts collected per day, baseline, change, spike
    { counts: [1, 1, 1, 1, 1, 1, 1, 3], ppd: all, baseline: 1, change: 2, spike: true },
    { counts: [1, 1, 1, 1, 1, 1, 1, 2], ppd: all, baseline: 1, change: 1, spike: false }, // 2× but under 3 posts
    { counts: [2, 2, 2, 2, 2, 2, 2, 4], ppd: all, baseline: 2, change: 2, spike: true }, // exactly 2×
    { counts: [2, 2, 2, 2, 2, 2, 3, 4], ppd: all, baseline: 15 / 7, change: 4 - 15 / 7, spike: false }, // under 2×
    { counts: [0, 0, 0, 0, 0, 0, 0, 3], ppd: all, baseline: 0, change: 3, spike: true }, // new frame
    { counts: [0, 0, 0, 0, 0, 0, 0, 9], ppd: [0, 0, 0, 0, 0, 0, 0, 5], baseline: null, change: null, spike: false }, // no baseline
    { counts: [4, 0, 0, 0, 0, 0, 4, 8], ppd: [5, 0, 0, 0, 0, 0, 5, 9], baseline: 4, change: 4, spike: true }, // outage days left out
    { counts: [4, 4, 4, 4, 4, 4, 4, 1], ppd: all, baseline: 4, change: -3, spike: false },
  ])('$counts → baseline $baseline, spike $spike', ({ counts, ppd, baseline, change, spike }) => {
    const t = frameTrend(counts, ppd);
    expect(t.today).toBe(counts.at(-1));
    if (baseline === null) expect(t.baseline).toBeNull();
    else expect(t.baseline).toBeCloseTo(baseline, 9);
    if (change === null) expect(t.change).toBeNull();
    else expect(t.change).toBeCloseTo(change, 9);
    expect(t.spike).toBe(spike);
  });

  it('only the 7 days before the day count, not older ones', () => {
    const t = frameTrend([50, 50, 50, 1, 1, 1, 1, 1, 1, 1, 3], Array(11).fill(1));
    expect(t.baseline).toBe(1);
    expect(t.spike).toBe(true);
  });
});

describe('sparkline', () => {
  it.each([
    { v: [0, 1, 2, 3, 4, 5, 6, 7], out: '▁▂▃▄▅▆▇█' },
    { v: [0, 0, 0], out: '▁▁▁' },
    { v: [1, 100], out: '▂█' }, // a non-zero day never looks like zero
    { v: [5, 5], out: '██' },
  ])('$v → $out', ({ v, out }) => expect(sparkline(v)).toBe(out));

  it('marks days with nothing collected', () => {
    expect(sparkline([1, 0, 2], [3, 0, 4])).toBe('▅·█');
  });
});

describe('digest numbers from the store', () => {
  it('counts per day, 7-day average without the outage day, change, spike and sparkline', async () => {
    const store = await filledStore();
    const data = await loadDigestData(store, D, TZ, { now: new Date('2026-03-16T06:00:00Z') });
    expect(data.days).toHaveLength(14);
    expect(data.days[0]).toBe(addDays(D, -13));
    expect(data.postsPerDay[9]).toBe(0);
    const ap = data.frames.find((f) => f.frame === 'apostasy')!;
    expect(ap.counts).toEqual([1, 1, 1, 1, 1, 1, 1, 2, 1, 0, 2, 1, 2, 6]);
    expect(ap.topChannels).toEqual([
      { channel: 'khurasan_alpha', posts: 4 },
      { channel: 'voice_delta', posts: 2 },
    ]);
    const t = frameTrend(ap.counts, data.postsPerDay);
    expect(t.baseline).toBe(1.5);
    expect(t.spike).toBe(true);
    // Language labels are the detector's business; the sum and the leader are ours.
    expect(data.langs.reduce((s, l) => s + l.posts, 0)).toBe(11);
    expect(data.langs[0]).toMatchObject({ lang: 'eng' });
    expect(data.channelsActive).toBe(4);

    const text = (await buildDigestForDay(store, D, TZ, { now: new Date('2026-03-16T06:00:00Z') })).join('\n');
    expect(text).toContain('🔺 <b>apostasy</b> 6 · avg 1.5 · +4.5 (+300%) <b>SPIKE</b>');
    expect(text).toContain('<code>2 Mar ▂▂▂▂▂▂▂▃▂·▃▂▃█ 15 Mar</code>');
    expect(text).toMatch(/• <b>khawarij<\/b> 4 · avg 3 · \+1 \(\+33%\)\n/);
    expect(text).toContain('<b>Posts collected: 11</b> from 4 channels');
    expect(text).not.toContain('partial');
  });

  it('examples: t.me links and matched terms, preferring different channels', async () => {
    const store = await filledStore();
    const data = await loadDigestData(store, D, TZ);
    const ex = data.examples.filter((e) => e.frame === 'apostasy');
    expect(ex).toHaveLength(2);
    expect(new Set(ex.map((e) => e.channel)).size).toBe(2);
    for (const e of ex) {
      expect(e.url).toBe(`https://t.me/${e.channel}/${e.messageId}`);
      expect(e.matched.every((m) => /^apostates?$/i.test(m))).toBe(true);
    }
    const text = renderDigest(data).join('\n');
    expect(text).toMatch(/<a href="https:\/\/t\.me\/(khurasan_alpha|voice_delta)\/\d+">@\1\/\d+<\/a> · eng · \d\d:\d\d · matched: <code>\u2068apostates?\u2069<\/code>/);
  });

  it('escapes what comes from posts: <b>, & and <script> never reach Telegram as markup', async () => {
    const store = await filledStore();
    const data = await loadDigestData(store, D, TZ);
    // Force the HTML-laden post into the examples.
    const html = data.examples.find((e) => e.text.includes('<script>')) ?? {
      ...data.examples[0]!,
      text: 'The apostate <b>rulers</b> & their <script>alert(1)</script> friends',
    };
    const msgs = renderDigest({ ...data, examples: [html] });
    const text = msgs.join('\n');
    expect(text).toContain('&lt;b&gt;rulers&lt;/b&gt; &amp; their &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(text).not.toContain('<script>');
    expect(text).not.toContain('<b>rulers');
    for (const m of msgs) expect(htmlProblems(m)).toEqual([]);
  });

  it('a day that is still running is marked partial; an empty day says so', async () => {
    const store = await filledStore();
    const running = (await buildDigestForDay(store, D, TZ, { now: new Date(`${D}T12:00:00Z`) })).join('\n');
    expect(running).toContain('day not over yet');
    const empty = (await buildDigestForDay(store, '2026-05-01', TZ)).join('\n');
    expect(empty).toContain('No posts collected on this day.');
    expect(htmlProblems(empty)).toEqual([]);
  });

  it('reads only the aggregates and indexes, never scans posts (the SQLite adapter)', async () => {
    const filled = await filledStore();
    await filled.close();
    // Every statement the digest makes the adapter prepare, and its query plan.
    const seen: string[] = [];
    const store = openTestStore(filled.location, { timezone: TZ, trace: (sql) => seen.push(sql) });
    await loadDigestData(store, D, TZ);
    expect(seen.some((q) => /row_number\(\)/.test(q))).toBe(true); // the examples were read
    const sql = inspectSqlite(store);
    // Reads only: the collection statements are prepared together, writes included, but not run.
    for (const q of seen.filter((x) => /^\s*(SELECT|WITH)\b/i.test(x))) {
      const n = (q.match(/\?/g) ?? []).length;
      const plan = sql.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${q}`, ...Array(n).fill('2026-03-15')).map((r) => r.detail);
      for (const step of plan) expect(step, q).not.toMatch(/^SCAN (p|posts|pf|post_frames|posts_fts)\b/);
    }
  });

  it('the default digest day is the last full day in the time zone', () => {
    // 20:00 UTC on 14 March is already 00:30 on 15 March in Kabul.
    expect(defaultDigestDay('Asia/Kabul', new Date('2026-03-14T20:00:00Z'))).toBe('2026-03-14');
    expect(defaultDigestDay('UTC', new Date('2026-03-14T20:00:00Z'))).toBe('2026-03-13');
  });
});

function bigDigest(frames: number): DigestData {
  const days = Array.from({ length: 14 }, (_, i) => addDays(D, i - 13));
  const long = 'د اسلامي امارت <ضد> & خوارج '.repeat(40);
  return {
    day: D,
    timezone: TZ,
    generatedAt: '2026-03-16T06:00:00Z',
    dayEndsAt: '2026-03-15T19:30:00Z',
    days,
    postsPerDay: days.map(() => 100),
    langs: [
      { lang: 'pus', posts: 60 },
      { lang: 'prs', posts: 40 },
    ],
    channelsActive: 9,
    frames: Array.from({ length: frames }, (_, i) => ({
      frame: `frame_${String(i).padStart(3, '0')}`,
      counts: days.map((_, k) => (k * 7 + i) % 9),
      flaggedToday: i % 3,
      topChannels: [
        { channel: `chan_${i}_a`, posts: 5 },
        { channel: `chan_${i}_b`, posts: 2 },
      ],
    })),
    examples: Array.from({ length: 10 }, (_, i) => ({
      frame: `frame_${String(i).padStart(3, '0')}`,
      channel: 'almirsaad_beta',
      messageId: 1000 + i,
      postedAt: '2026-03-15T05:00:00Z',
      lang: 'pus',
      text: long,
      url: `https://t.me/almirsaad_beta/${1000 + i}?a=1&b="2"`,
      matched: ['خوارج', '<ضد>'],
      firstHitAt: 20,
      negated: i % 2 === 0,
      quoted: false,
    })),
    health: {
      totalChannels: 40,
      byState: { ok: 20, failing: 10, no_preview: 10 },
      problems: Array.from({ length: 20 }, (_, i) => ({
        username: `broken_${i}`,
        state: i % 2 ? 'failing' : 'no_preview',
        lastError: i % 2 ? `HTTP 502 <html> & ${'x'.repeat(500)}` : null,
      })),
      lastRun: { id: 7, startedAt: '2026-03-16T05:00:00Z', finishedAt: '2026-03-16T05:10:00Z', status: 'partial' },
    },
  };
}

describe('splitting into Telegram messages', () => {
  it('a long digest splits into several messages, each ≤ 4096 and valid HTML on its own, losing nothing', () => {
    const data = bigDigest(150);
    const msgs = renderDigest(data);
    expect(msgs.length).toBeGreaterThan(2);
    for (const [i, m] of msgs.entries()) {
      expect(m.length).toBeLessThanOrEqual(4096);
      expect(htmlProblems(m), `message ${i + 1}`).toEqual([]);
      expect(m).toContain(`part ${i + 1}/${msgs.length}`);
    }
    const all = msgs.join('\n');
    // 8 frame lines, the other 142 frames in one line; every example and every problem channel.
    expect(all).toMatch(/\n<i>\+ 142 more frames: \d+ posts that day, none moved more than ±[\d.]+<\/i>: /);
    for (const ex of data.examples) expect(all).toContain(`@almirsaad_beta/${ex.messageId}</a>`);
    expect(all).toContain('href="https://t.me/almirsaad_beta/1000?a=1&amp;b=%222%22"');
    for (let i = 0; i < 15; i++) expect(all).toContain(`@broken_${i}</a>`);
    expect(all).toContain('• … and 5 more');
  });

  it('with a small limit, over-long lines are cut outside tags and entities, tags re-opened', () => {
    const msgs = renderDigest(bigDigest(5), { limit: 300 });
    for (const m of msgs) {
      expect(m.length).toBeLessThanOrEqual(300);
      expect(htmlProblems(m, 300)).toEqual([]);
    }
  });

  it('cutHtmlLine keeps the text and never splits a tag, an entity or a surrogate pair', () => {
    const text = 'نه <b>ډېر</b> & 😀 خوارج '.repeat(200);
    const line = `<i>${escapeHtml(text)}</i> <a href="https://t.me/x/1">link</a>`;
    const pieces = cutHtmlLine(line, 250);
    expect(pieces.length).toBeGreaterThan(5);
    for (const p of pieces) {
      expect(p.length).toBeLessThanOrEqual(250);
      expect(htmlProblems(p)).toEqual([]);
      expect(p).not.toMatch(/[\uD800-\uDBFF]$|^[\uDC00-\uDFFF]/);
    }
    const strip = (s: string) => s.replace(/<[^>]*>/g, '');
    expect(pieces.map(strip).join('')).toBe(strip(line));
  });

  it('packMessages keeps a block together when it fits', () => {
    const block = ['<b>a</b>', 'x'.repeat(50)];
    const msgs = packMessages([['y'.repeat(60)], block], { limit: 100 });
    expect(msgs).toEqual(['y'.repeat(60), `<b>a</b>\n${'x'.repeat(50)}`]);
  });
});

describe('htmlProblems (the validator the tests rely on)', () => {
  it.each([
    ['<b>ok</b> &amp; <a href="https://t.me/x">x</a>', 0],
    ['a < b', 1],
    ['a > b', 1],
    ['Tom & Jerry', 1],
    ['<b>open', 1],
    ['<b><i>x</b></i>', 2],
    ['<script>x</script>', 2],
    ['<a href="x" onclick="y">x</a>', 1],
  ])('%s → %i problem(s)', (html, n) => {
    expect(htmlProblems(html)).toHaveLength(n);
  });
});

describe('snippet', () => {
  it('centres on the hit and marks cuts', () => {
    const text = `${'intro words here '.repeat(30)}the apostate regime ${'tail words '.repeat(40)}`;
    const s = snippet(text, text.indexOf('apostate'), 100);
    expect(s).toContain('apostate');
    expect(s.startsWith('…')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
    expect(Array.from(s).length).toBeLessThanOrEqual(102);
  });
});
