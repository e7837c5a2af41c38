// Everything the HTML report shows, as plain data. Volumes, language mix and channels come from
// the daily aggregates; co-occurrence and example posts need the posts (bounded reads). The example
// posts are picked here.
import type { ExampleCandidate, Store } from '../store/store.js';
import type { Lang } from '../types.js';
import { autoInterval, type Interval } from '../util/time-buckets.js';
import { assertFillable, fillRange, trendCount, trendData, trendTotal } from './trend-data.js';

export interface ReportOptions {
  /** First/last local day (YYYY-MM-DD), inclusive; default: the data range. */
  since?: string;
  until?: string;
  /** Frames to show; default: the `maxFrames` frames with the most posts in the range. */
  frames?: string[];
  maxFrames?: number;
  /** Default: chosen from the length of the range (day up to 120 days, then week, then month). */
  interval?: Interval;
  examplesPerFrame?: number;
  topChannels?: number;
  /** Validated frames (src/review/frame-validation.ts): their volume gets an estimated band. */
  validation?: ReadonlyMap<string, FrameCorrection>;
}

/** A validated frame's measured figures: true posts per tagged post (precision / recall) with its 95% interval. */
export interface FrameCorrection {
  labels: number;
  precision: number;
  recall: number;
  correction: { estimate: number; low: number; high: number };
}

/** The estimated true volume of a validated frame per bucket, with its 95% interval. */
export interface VolumeBand {
  estimate: number[];
  low: number[];
  high: number[];
  labels: number;
  precision: number;
  recall: number;
}

export interface FrameSummary {
  id: string;
  posts: number;
  /** Posts whose hits for this frame are all negated or all quoted. */
  flagged: number;
}

export interface LangCount {
  lang: Lang;
  posts: number;
}

export interface ExampleHit {
  frame: string;
  start: number;
  end: number;
  negated: boolean;
  quoted: boolean;
}

export interface ExamplePost {
  frame: string;
  channel: string;
  id: number;
  date: string;
  lang: Lang;
  text: string;
  url: string | null;
  score: number;
  /** Every hit of this frame is negated or every hit is quoted. */
  flagged: boolean;
  frames: string[];
  hits: ExampleHit[];
}

export interface ReportData {
  /** The range shown: the one asked for, cut to the days with posts (see notes). */
  from: string | null;
  to: string | null;
  interval: Interval;
  totalPosts: number;
  channels: number;
  /** Every frame with posts in the range, most posts first. */
  allFrames: FrameSummary[];
  /** The frames the charts show (a subset of allFrames, or the frames asked for). */
  frames: string[];
  volume: { buckets: string[]; allPosts: number[]; series: { frame: string; values: number[]; band?: VolumeBand }[] };
  langMix: { overall: LangCount[]; byFrame: Record<string, LangCount[]> };
  topChannels: Record<string, { channel: string; posts: number }[]>;
  /** counts[i][j]: posts tagged with both frames[i] and frames[j]; counts[i][i]: posts with frames[i]. */
  cooccurrence: number[][];
  examples: ExamplePost[];
  /** What was left out of the range asked for, and why. */
  notes: string[];
}

interface Range {
  from: string;
  to: string;
}

export async function reportData(store: Store, opts: ReportOptions = {}): Promise<ReportData> {
  const { from, to, notes } = await fillRange(store, opts);
  const interval = opts.interval ?? (from && to ? autoInterval(from, to) : 'day');
  if (from && to) assertFillable(from, to, interval);
  const empty: ReportData = {
    from,
    to,
    interval,
    totalPosts: 0,
    channels: 0,
    allFrames: [],
    frames: opts.frames ?? [],
    volume: { buckets: [], allPosts: [], series: [] },
    langMix: { overall: [], byFrame: {} },
    topChannels: {},
    cooccurrence: [],
    examples: [],
    notes,
  };
  if (!from || !to || from > to) return empty;
  const r: Range = { from, to };

  const allFrames = (await store.frameTotals(r)).map((f) => ({ id: f.frame, posts: f.posts, flagged: f.flagged }));
  const frames = opts.frames?.length ? [...new Set(opts.frames)] : allFrames.slice(0, opts.maxFrames ?? 8).map((f) => f.id);

  const trend = await trendData(store, { interval, since: from, until: to, frames });
  const volume = {
    buckets: trend.buckets,
    allPosts: trend.buckets.map((b) => trendTotal(trend, b, [])),
    series: frames.map((f) => {
      const values = trend.buckets.map((b) => trendCount(trend, b, [], f));
      const v = opts.validation?.get(f);
      if (!v) return { frame: f, values };
      const c = v.correction;
      const band = { estimate: values.map((x) => x * c.estimate), low: values.map((x) => x * c.low), high: values.map((x) => x * c.high) };
      return { frame: f, values, band: { ...band, labels: v.labels, precision: v.precision, recall: v.recall } };
    }),
  };
  const counts = await store.activity(r);

  return {
    from,
    to,
    interval,
    totalPosts: counts.posts,
    channels: counts.channels,
    allFrames,
    frames,
    volume,
    langMix: await langMix(store, r, frames),
    topChannels: await topChannels(store, r, frames, opts.topChannels ?? 5),
    cooccurrence: await cooccurrence(store, r, frames, allFrames),
    examples: await examples(store, r, frames, opts.examplesPerFrame ?? 3),
    notes,
  };
}

async function langMix(store: Store, r: Range, frames: string[]): Promise<ReportData['langMix']> {
  const overall = await store.langTotals(r);
  const byFrame: Record<string, LangCount[]> = {};
  if (frames.length) {
    for (const f of frames) byFrame[f] = [];
    for (const row of await store.frameShares({ ...r, frames, by: 'lang' })) byFrame[row.frame]?.push({ lang: row.key as Lang, posts: row.posts });
  }
  return { overall, byFrame };
}

async function topChannels(store: Store, r: Range, frames: string[], n: number): Promise<ReportData['topChannels']> {
  const out: ReportData['topChannels'] = {};
  if (!frames.length) return out;
  for (const f of frames) out[f] = [];
  for (const row of await store.frameShares({ ...r, frames, by: 'channel' })) {
    const list = out[row.frame];
    if (list && list.length < n) list.push({ channel: row.key, posts: row.posts });
  }
  return out;
}

async function cooccurrence(store: Store, r: Range, frames: string[], all: FrameSummary[]): Promise<number[][]> {
  const index = new Map(frames.map((f, i) => [f, i]));
  const m = frames.map(() => frames.map(() => 0));
  const totals = new Map(all.map((f) => [f.id, f.posts]));
  frames.forEach((f, i) => (m[i]![i] = totals.get(f) ?? 0));
  if (frames.length < 2) return m;
  for (const row of await store.cooccurrence({ ...r, frames })) {
    const i = index.get(row.a);
    const j = index.get(row.b);
    if (i === undefined || j === undefined) continue;
    m[i]![j] = row.posts;
    m[j]![i] = row.posts;
  }
  return m;
}

/** Candidates per frame: the posts stored last in the range, ranked and picked here. */
const EXAMPLE_CANDIDATES = 100;

/**
 * Per frame, up to n posts among the 100 stored last in the range: unflagged and high-scoring first,
 * one per language before a second in the same language, so the report shows each script.
 */
async function examples(store: Store, r: Range, frames: string[], n: number): Promise<ExamplePost[]> {
  if (n <= 0 || !frames.length) return [];
  const candidates = await store.exampleCandidates({ frames, ...r, order: 'recent', perFrame: EXAMPLE_CANDIDATES });
  const chosen = frames.flatMap((frame) => pickReportExamples(candidates.filter((c) => c.frame === frame), n));
  const posts = await store.getPosts(chosen.map((c) => ({ channel: c.channel, messageId: c.messageId })));
  const byKey = new Map(posts.map((p) => [`${p.channel}/${p.messageId}`, p]));
  return chosen.map((c) => {
    const frs = byKey.get(`${c.channel}/${c.messageId}`)?.frames ?? [];
    return {
      frame: c.frame,
      channel: c.channel,
      id: c.messageId,
      date: c.postedAt,
      lang: c.lang,
      text: c.text,
      url: c.url,
      score: c.score,
      flagged: c.flagged,
      frames: frs.map((f) => f.frame),
      hits: frs.flatMap((f) => f.hits.map((h) => ({ frame: f.frame, start: h.start, end: h.end, negated: h.negated, quoted: h.quoted }))),
    };
  });
}

/** Unflagged and high-scoring first, newest on a tie; one per language before a second in the same one. */
export function pickReportExamples(candidates: readonly ExampleCandidate[], n: number): ExampleCandidate[] {
  const cands = [...candidates].sort(
    (a, b) => Number(a.flagged) - Number(b.flagged) || b.score - a.score || (a.postedAt < b.postedAt ? 1 : -1),
  );
  const picked: ExampleCandidate[] = [];
  const langs = new Set<string>();
  for (const c of cands) {
    if (picked.length >= n) break;
    if (!langs.has(c.lang)) {
      picked.push(c);
      langs.add(c.lang);
    }
  }
  for (const c of cands) {
    if (picked.length >= n) break;
    if (!picked.includes(c)) picked.push(c);
  }
  return picked;
}
