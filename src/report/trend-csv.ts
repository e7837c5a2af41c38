// Pure CSV renderer for frame trends. Every bucket of the range is written for every frame and
// group, with zeros where nothing was posted.
import { cellKey, trendCount, trendTotal, type TrendData } from './trend-data.js';
import { toCsv } from './csv.js';

export interface TrendCsvOptions {
  /** One row per bucket (and group), one column per frame. */
  wide?: boolean;
  /** What the frame columns of the wide format hold. */
  value?: 'posts' | 'share';
  bom?: boolean;
  /**
   * Long format only: per validated frame, true posts per tagged post (precision / recall) with its
   * 95% interval. Adds the columns estimate, estimate_low, estimate_high = posts × each; empty for
   * frames not given (no made-up band).
   */
  corrections?: ReadonlyMap<string, { estimate: number; low: number; high: number }>;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

/** posts / all, rounded to 6 decimals; 0 for a bucket without posts. */
export function share(posts: number, all: number): number {
  return all > 0 ? Math.round((posts / all) * 1e6) / 1e6 : 0;
}

/**
 * Long format: date, [group columns], frame, posts, all_posts, share.
 * Wide format: date, [group columns], all_posts, one column per frame.
 * `date` is the first day of the bucket; all_posts counts every post of the bucket (in the same
 * group when grouped), tagged or not, so share = posts / all_posts.
 */
export function renderTrendCsv(data: TrendData, opts: TrendCsvOptions = {}): string {
  const rows: unknown[][] = [];
  if (opts.wide) {
    const asShare = opts.value === 'share';
    for (const b of data.buckets) {
      for (const g of data.groups) {
        const all = trendTotal(data, b, g);
        rows.push([
          b,
          ...g,
          all,
          ...data.frames.map((f) => (asShare ? share(trendCount(data, b, g, f), all) : trendCount(data, b, g, f))),
        ]);
      }
    }
    return toCsv(['date', ...data.by, 'all_posts', ...data.frames], rows, { bom: opts.bom ?? false });
  }
  const corr = opts.corrections;
  for (const b of data.buckets) {
    for (const g of data.groups) {
      const all = data.totals.get(cellKey(b, g)) ?? 0;
      for (const f of data.frames) {
        const n = trendCount(data, b, g, f);
        const row: unknown[] = [b, ...g, f, n, all, share(n, all)];
        if (corr) {
          const c = corr.get(f);
          row.push(...(c ? [round1(n * c.estimate), round1(n * c.low), round1(n * c.high)] : [null, null, null]));
        }
        rows.push(row);
      }
    }
  }
  const estimate = corr ? ['estimate', 'estimate_low', 'estimate_high'] : [];
  return toCsv(['date', ...data.by, 'frame', 'posts', 'all_posts', 'share', ...estimate], rows, { bom: opts.bom ?? false });
}
