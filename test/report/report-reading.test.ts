// The HTML report as it is read (issue 14 item 21): small multiples on one scale instead of 8
// overlaid lines, days with nothing collected drawn as gaps (not zeros), and the languages in one
// order in every bar.
import { describe, expect, it } from 'vitest';
import { renderHtmlReport } from '../../src/report/html-report.js';
import { reportData } from '../../src/report/report-data.js';
import { seedStore, type SeedPost } from '../query/seed.js';
import { REPORT_POSTS } from './report-fixtures.js';

const render = async (posts: SeedPost[], opts: Parameters<typeof reportData>[1] = {}) => {
  const { store } = await seedStore(posts);
  const data = await reportData(store, opts);
  return { data, html: renderHtmlReport(data, { generatedAt: '2026-04-10T00:00:00.000Z', timezone: 'Asia/Kabul' }) };
};

/** The <div class="panel"> of a frame. */
function panel(html: string, frame: string): string {
  const start = html.indexOf(`<div class="panel" data-series="${frame}">`);
  expect(start, frame).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf('</div>', start));
}

/** Khawarij on 1, 2, 5 and 7 April (Kabul); nothing at all collected on 3 and 4 April; 6 April only news. */
const GAPPY: SeedPost[] = [
  { channel: 'almirsaad_t', id: 1, date: '2026-04-01T05:00:00Z', lang: 'pus', text: 'د خوارجو ډله په ننګرهار کې بیا ماته وخوړه' },
  { channel: 'almirsaad_t', id: 2, date: '2026-04-02T06:00:00Z', lang: 'pus', text: 'خوارج او د هغوی غلام ملګري به له منځه لاړ شي' },
  { channel: 'azaim_t', id: 20, date: '2026-04-05T12:00:00Z', lang: 'arb', text: 'الخوارج عملاء المرتدين في كابل' },
  { channel: 'khurasan_t', id: 14, date: '2026-04-06T06:00:00Z', lang: 'prs', text: 'ولایت هلمند امروز آرام بود' },
  { channel: 'khurasan_t', id: 15, date: '2026-04-07T07:00:00Z', lang: 'prs', text: 'مقام‌های طالبان می‌گویند که خوارج شکست خوردند' },
];

describe('report: frame volume as small multiples', () => {
  it('one panel per frame, every panel on the same scale', async () => {
    const { html, data } = await render(REPORT_POSTS);
    expect(data.frames).toEqual(['khawarij', 'apostasy', 'puppet']);
    const panels = data.frames.map((f) => panel(html, f));
    for (const p of panels) expect(p.match(/<path class="series-line"/g)).toHaveLength(1);
    // The same ticks at the same heights in each panel, up to the largest count of any frame.
    const ticks = panels.map((p) => [...p.matchAll(/<text class="tick" x="[\d.]+" y="([\d.]+)"[^>]*>(\d+)<\/text>/g)].map((m) => `${m[2]}@${m[1]}`).join(' '));
    expect(new Set(ticks).size).toBe(1);
    expect(ticks[0]).toMatch(/^0@[\d.]+ 1@[\d.]+ 2@[\d.]+$/); // khawarij has 2 on its busiest day
    expect(html).not.toContain('class="legend-item" data-series=');
  });
});

describe('report: nothing collected is a gap, not a zero', () => {
  it('the line breaks where no post at all was collected, and the days are shaded', async () => {
    const { html, data } = await render(GAPPY);
    expect(data.volume.buckets).toEqual(['2026-04-01', '2026-04-02', '2026-04-03', '2026-04-04', '2026-04-05', '2026-04-06', '2026-04-07']);
    expect(data.volume.allPosts).toEqual([1, 1, 0, 0, 1, 1, 1]);
    const p = panel(html, 'khawarij');
    const d = /<path class="series-line" d="([^"]+)"/.exec(p)![1]!;
    // Two runs: 1–2 April, then 5–7 April (6 April was collected: a real zero).
    expect(d.match(/M/g)).toHaveLength(2);
    expect(d.split(' ')).toHaveLength(5);
    expect(p).toContain('data-from="2026-04-03" data-to="2026-04-04"');
    expect(p).toContain('<title>2026-04-03 – 2026-04-04: nothing collected</title>');
    expect(p.match(/<circle class="point"/g)).toHaveLength(5);
    expect(html).toContain('Grey: 2 days with nothing collected at all, left as gaps (not zeros).');
  });

  it('a lone collected day between gaps still shows, as a point, on a long range without markers', async () => {
    // 1 March, 10 April and 9 May: 70 days, three collected, each between gaps.
    const lone: SeedPost[] = [
      { channel: 'almirsaad_t', id: 1, date: '2026-03-01T06:00:00Z', lang: 'pus', text: 'خوارج او د هغوی غلام ملګري به له منځه لاړ شي' },
      { channel: 'azaim_t', id: 2, date: '2026-04-10T06:00:00Z', lang: 'arb', text: 'الخوارج عملاء المرتدين في كابل' },
      { channel: 'khurasan_t', id: 3, date: '2026-05-09T06:00:00Z', lang: 'prs', text: 'مقام‌های طالبان می‌گویند که خوارج شکست خوردند' },
    ];
    const { html, data } = await render(lone);
    expect(data.volume.buckets).toHaveLength(70);
    const p = panel(html, 'khawarij');
    expect(p.match(/<circle class="point"/g)).toHaveLength(3);
    expect(p.match(/<rect class="gap"/g)).toHaveLength(2);
  });
});

describe('report: languages in one stable order', () => {
  it('every bar and the legend list Dari, Pashto, Arabic, English, und in that order, whatever the counts', async () => {
    // Overall Dari leads; khawarij has more Pashto than Dari; apostasy more Arabic than Dari.
    const { html } = await render(REPORT_POSTS);
    const order = (frame: string) => {
      const start = html.indexOf(`<div class="stack-row" data-frame="${frame}">`);
      const row = html.slice(start, html.indexOf('</div></div>', start));
      return [...row.matchAll(/<span class="seg" data-lang="(\w+)"/g)].map((m) => m[1]);
    };
    const rank = ['prs', 'pus', 'arb', 'eng', 'und'];
    const sorted = (langs: (string | undefined)[]) => [...langs].sort((a, b) => rank.indexOf(a!) - rank.indexOf(b!));
    for (const f of ['*', 'khawarij', 'apostasy', 'puppet']) {
      const langs = order(f);
      expect(langs.length, f).toBeGreaterThan(1);
      expect(langs, f).toEqual(sorted(langs));
    }
    expect(order('khawarij')).toEqual(['prs', 'pus', 'arb', 'eng']); // by count it would be arb, prs, pus, eng
    const legend = [...html.matchAll(/<li class="legend-item" data-lang="(\w+)"/g)].map((m) => m[1]);
    expect(legend).toEqual(['prs', 'pus', 'arb', 'eng']);
  });
});
