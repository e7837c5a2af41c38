// The HTML report rendered in headless Chromium (Debian package; CI installs it, nothing is downloaded).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtmlReport } from '../../src/report/html-report.js';
import { reportData } from '../../src/report/report-data.js';
import { tempDir } from '../helpers/temp-store.js';
import { seedStore } from '../query/seed.js';
import { REPORT_POSTS } from './report-fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
// In CI a missing browser must fail the test; locally it may be skipped.
const skip = !existsSync(CHROMIUM) && !process.env.CI;

describe.skipIf(skip)('HTML report in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('renders every chart, loads nothing, logs no error, and shows RTL posts right to left', async () => {
    const { store } = await seedStore(REPORT_POSTS);
    const data = await reportData(store, {});
    const dir = tempDir('framewatch-report-');
    const file = join(dir, 'report.html');
    writeFileSync(file, renderHtmlReport(data, { generatedAt: '2026-04-08T00:00:00.000Z', timezone: 'Asia/Kabul' }));
    const url = pathToFileURL(file).href;

    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    await page.goto(url, { waitUntil: 'load' });

    // One panel per frame, each with a drawn line, side by side in a grid, on the same scale.
    expect(data.frames).toHaveLength(3);
    expect(await page.locator('#volume-chart .panel').count()).toBe(3);
    expect(await page.locator('#volume-chart .panel g.series').count()).toBe(3);
    const lengths = await page.locator('#volume-chart path.series-line').evaluateAll((els) =>
      els.map((e) => (e as unknown as { getTotalLength(): number }).getTotalLength()),
    );
    expect(lengths.every((l) => l > 100)).toBe(true);
    const boxes = await page.locator('#volume-chart .panel svg').evaluateAll((els) =>
      els.map((e) => {
        const r = e.getBoundingClientRect();
        return { top: Math.round(r.top), width: r.width, height: r.height };
      }),
    );
    expect(boxes.every((b) => b.width > 250 && b.height > 80)).toBe(true);
    expect(boxes[0]!.top).toBe(boxes[1]!.top); // a grid, not a column of full-width charts
    const scales = await page.locator('#volume-chart .panel svg').evaluateAll((els) =>
      els.map((e) => {
        const ticks = (e as unknown as { querySelectorAll(s: string): ArrayLike<{ textContent: string | null; getBoundingClientRect(): { top: number } }> }).querySelectorAll('text.tick');
        const top = Array.from(ticks).at(-1)!;
        const svgTop = e.getBoundingClientRect().top;
        return `${Array.from(ticks).map((t) => t.textContent).join(',')} @${Math.round(top.getBoundingClientRect().top - svgTop)}`;
      }),
    );
    expect(scales[0]).toMatch(/^0,1(,\d+)* @\d+$/);
    expect(new Set(scales).size).toBe(1); // the same ticks at the same height in every panel
    // Language bars (all posts + each frame), channel cards, a 3 × 3 heatmap, example posts.
    expect(await page.locator('#lang-chart .stack-row').count()).toBe(4);
    const segWidth = await page.locator('#lang-chart .stack-row[data-frame="*"] .seg').evaluateAll((els) =>
      els.reduce((a, e) => a + e.getBoundingClientRect().width, 0),
    );
    const barWidth = await page.locator('#lang-chart .stack-row[data-frame="*"] .stack').evaluate((e) => e.getBoundingClientRect().width);
    expect(Math.abs(segWidth - barWidth)).toBeLessThan(2);
    expect(await page.locator('#channel-chart .card').count()).toBe(3);
    expect(await page.locator('#cooc-chart td.cooc-cell').count()).toBe(9);
    expect(await page.locator('article.post').count()).toBe(data.examples.length);

    // Right-to-left posts: computed direction, and the text hugs the right edge of its box.
    const layout = await page.locator('article.post p.post-text').evaluateAll((els) =>
      els.map((p) => {
        // Runs in the page (the test's tsconfig has no DOM lib, hence the local types).
        const page = globalThis as unknown as {
          document: { createRange(): { selectNodeContents(n: unknown): void; getBoundingClientRect(): { left: number; right: number } } };
          getComputedStyle(e: unknown): { direction: string };
        };
        const range = page.document.createRange();
        range.selectNodeContents(p);
        const text = range.getBoundingClientRect();
        const box = p.getBoundingClientRect();
        return {
          lang: p.getAttribute('lang'),
          direction: page.getComputedStyle(p).direction,
          rightGap: box.right - text.right,
          leftGap: text.left - box.left,
        };
      }),
    );
    const rtl = layout.filter((l) => l.lang === 'fa-AF' || l.lang === 'ps' || l.lang === 'ar');
    const ltr = layout.filter((l) => l.lang === 'en');
    expect(rtl.length).toBeGreaterThan(3);
    expect(ltr.length).toBeGreaterThan(0);
    for (const l of rtl) {
      expect(l.direction).toBe('rtl');
      expect(l.rightGap).toBeLessThan(2);
    }
    for (const l of ltr) {
      expect(l.direction).toBe('ltr');
      expect(l.leftGap).toBeLessThan(2);
    }

    // The hostile post stayed text: the title was not changed, and nothing was fetched.
    expect(await page.title()).toContain('framewatch report');
    expect(await page.locator('article.post script, article.post img, article.post style').count()).toBe(0);
    expect(requests).toEqual([url]);
    expect(errors).toEqual([]);

    const shot = join(dir, 'report.png');
    await page.screenshot({ path: shot, fullPage: true });
    const png = readFileSync(shot);
    expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(png.length).toBeGreaterThan(20_000);
    await page.close();
  }, 60_000);
});
