import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { axisTicks, escapeHtml, markHits, renderHtmlReport } from '../../src/report/html-report.js';
import { reportData } from '../../src/report/report-data.js';
import { tempDir } from '../helpers/temp-store.js';
import { runCli } from '../helpers/run-cli.js';
import { seedStore } from '../query/seed.js';
import { REPORT_POSTS } from './report-fixtures.js';

async function build(opts: Parameters<typeof reportData>[1] = {}) {
  const { store } = await seedStore(REPORT_POSTS);
  const data = await reportData(store, opts);
  return { data, html: renderHtmlReport(data, { generatedAt: '2026-04-08T00:00:00.000Z', timezone: 'Asia/Kabul' }) };
}

const count = (html: string, re: RegExp) => (html.match(re) ?? []).length;

describe('report data', () => {
  it('covers the data range with every chart input', async () => {
    const { data } = await build();
    expect([data.from, data.to]).toEqual(['2026-04-01', '2026-04-07']);
    expect(data.interval).toBe('day');
    expect(data.totalPosts).toBe(15);
    expect(data.frames).toEqual(['khawarij', 'apostasy', 'puppet']);
    expect(data.volume.buckets).toHaveLength(7);
    // khawarij: a1 on 1 April, a2 on 2 April, k11+z20 on 3 April, k12 on 4 April, k15+hostile on 6 April.
    expect(data.volume.series[0]).toEqual({ frame: 'khawarij', values: [1, 1, 2, 1, 0, 2, 0] });
    expect(data.langMix.overall.reduce((a, l) => a + l.posts, 0)).toBe(15);
    expect(data.langMix.byFrame.puppet).toEqual(
      expect.arrayContaining([{ lang: 'arb', posts: 1 }, { lang: 'prs', posts: 1 }, { lang: 'pus', posts: 1 }, { lang: 'eng', posts: 1 }]),
    );
    expect(data.topChannels.khawarij?.[0]).toEqual({ channel: 'khurasan_t', posts: 3 });
    // khawarij × apostasy: k11, k12, z20; diagonal = posts with the frame.
    expect(data.cooccurrence[0]).toEqual([7, 3, 2]);
    expect(data.cooccurrence[1]?.[0]).toBe(3);
    // Examples: one per language first.
    expect(new Set(data.examples.filter((e) => e.frame === 'khawarij').map((e) => e.lang))).toEqual(new Set(['arb', 'prs', 'pus']));
  });

  it('respects since/until, frame choice and interval', async () => {
    const { data } = await build({ since: '2026-04-03', until: '2026-04-04', frames: ['apostasy', 'khawarij'], interval: 'week' });
    expect(data.volume.buckets).toEqual(['2026-03-30']);
    expect(data.volume.series).toEqual([
      { frame: 'apostasy', values: [3] },
      { frame: 'khawarij', values: [3] },
    ]);
    expect(data.cooccurrence).toEqual([
      [3, 3],
      [3, 3],
    ]);
    expect(data.examples.every((e) => e.date >= '2026-04-02T19:30:00.000Z' && e.date < '2026-04-04T19:30:00.000Z')).toBe(true);
  });

  it('an empty database gives an empty report, not an error', async () => {
    const { store } = await seedStore([]);
    const data = await reportData(store);
    expect(data.frames).toEqual([]);
    const html = renderHtmlReport(data, { generatedAt: 'now' });
    expect(count(html, /class="series"/g)).toBe(0);
    expect(html).toContain('no data');
  });
});

describe('HTML report renderer', () => {
  it('draws one panel with one line per frame, with stable hooks', async () => {
    const { html, data } = await build();
    expect(count(html, /<g class="series" data-series="/g)).toBe(data.frames.length);
    for (const f of data.frames) expect(html).toContain(`<div class="panel" data-series="${f}">`);
    for (const f of data.frames) expect(html).toContain(`<g class="series" data-series="${f}"`);
    expect(count(html, /class="cooc-cell/g)).toBe(9);
    expect(count(html, /<div class="card" data-frame=/g)).toBe(3);
  });

  it('escapes everything from posts: no markup, no resource, no script gets through', async () => {
    const { html } = await build();
    expect(html).not.toMatch(/<script|<img|<style>body|onerror="|<a href="https:\/\/example/i);
    expect(html).toContain('&lt;script&gt;document.title=&quot;pwned&quot;&lt;/script&gt;');
    expect(html).toContain('&lt;b&gt;Kabul&lt;/b&gt;');
    // Nothing is loaded from anywhere: no element that fetches, one style element (ours), no attribute URL.
    expect(html).not.toMatch(/<(img|script|link|iframe|object|embed|video|audio|source)\b/i);
    expect(count(html, /<style\b/g)).toBe(1);
    expect(html).not.toMatch(/\ssrc="/);
    expect(html).toContain(`default-src 'none'`);
  });

  it('gives each post its language and direction', async () => {
    const { html } = await build();
    expect(html).toMatch(/<article class="post" data-frame="[^"]+" data-lang="prs">.*?<p class="post-text" dir="rtl" lang="fa-AF">/s);
    expect(html).toMatch(/data-lang="pus">.*?<p class="post-text" dir="rtl" lang="ps">/s);
    expect(html).toMatch(/data-lang="arb">.*?<p class="post-text" dir="rtl" lang="ar">/s);
    expect(html).toMatch(/data-lang="eng">.*?<p class="post-text" dir="ltr" lang="en">/s);
    // Names inside left-to-right lines are isolated.
    expect(html).toContain('<bdi class="ch">@khurasan_t</bdi>');
  });

  it('marks hits by UTF-16 offsets, escaping around them and skipping overlaps', () => {
    const text = 'a<b> خوارج 😀 مرتد';
    const k = text.indexOf('خوارج');
    const m = text.indexOf('مرتد');
    const html = markHits(text, [
      { frame: 'khawarij', start: k, end: k + 5, negated: false, quoted: false },
      { frame: 'x', start: k + 1, end: k + 3, negated: false, quoted: false },
      { frame: 'apostasy', start: m, end: m + 4, negated: true, quoted: false },
      { frame: 'bad', start: 90, end: 95, negated: false, quoted: false },
    ]);
    expect(html).toBe(
      'a&lt;b&gt; <mark class="hit" data-frame="khawarij" title="khawarij">خوارج</mark> 😀 ' +
        '<mark class="hit flagged" data-frame="apostasy" title="apostasy (negated)">مرتد</mark>',
    );
  });

  it('cuts very long posts without splitting a surrogate pair', () => {
    const text = `${'x'.repeat(1499)}😀tail`;
    const html = markHits(text, []);
    expect(html).toBe(`${'x'.repeat(1499)}…`);
  });

  it.each([
    ['<&>"\'', '&lt;&amp;&gt;&quot;&#39;'],
    ['a\u0000b\u001bc', 'a\uFFFDb\uFFFDc'],
  ])('escapeHtml(%j)', (input, out) => {
    expect(escapeHtml(input)).toBe(out);
  });

  it.each([
    [0, 1, 1],
    [3, 3, 1],
    [7, 8, 2],
    [48, 50, 10],
    [1234, 1500, 500],
  ])('axis for max %i goes to %i by %i', (v, max, step) => {
    expect(axisTicks(v)).toEqual({ max, step });
  });
});

describe('framewatch report (CLI)', () => {
  it('writes the HTML file; --out is required', async () => {
    const { store } = await seedStore(REPORT_POSTS);
    await store.close();
    const out = join(tempDir(), 'report.html');
    const r = runCli(['report', '--db', store.location, '--out', out, '--frame', 'khawarij,puppet', '--since', '2026-04-01']);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(out)).toBe(true);
    const html = readFileSync(out, 'utf8');
    expect(count(html, /<g class="series" data-series="/g)).toBe(2);
    expect(r.stderr).toContain(`wrote ${out}`);
    const missing = runCli(['report', '--db', store.location]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--out');
    const bad = runCli(['report', '--db', store.location, '--out', out, '--since', '2026-04-09', '--until', '2026-04-01']);
    expect(bad.code).toBe(2);
  });
});
