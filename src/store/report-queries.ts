// Everything the HTML report shows, as plain data. Volumes, language mix and channels come from
// the daily aggregates; co-occurrence and example posts need post_frames (bounded queries).
import { autoInterval, type Interval } from '../report/time-buckets.js';
import type { Lang } from '../types.js';
import type { Db } from './open-store.js';
import { assertFillable, fillRange, hasRollups, trendCount, trendData, trendTotal } from './trend-queries.js';

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
  volume: { buckets: string[]; allPosts: number[]; series: { frame: string; values: number[] }[] };
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

export function reportData(db: Db, opts: ReportOptions = {}): ReportData {
  const { from, to, notes } = fillRange(db, opts);
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

  const frameTable = hasRollups(db) ? 'daily_frame_totals' : 'daily_frame_counts';
  const allFrames = db
    .prepare(
      `SELECT frame AS id, sum(posts) AS posts, sum(flagged_posts) AS flagged FROM ${frameTable}
        WHERE day >= ? AND day <= ? GROUP BY frame HAVING sum(posts) > 0 ORDER BY posts DESC, frame`,
    )
    .all(from, to) as FrameSummary[];
  const frames = opts.frames?.length ? [...new Set(opts.frames)] : allFrames.slice(0, opts.maxFrames ?? 8).map((f) => f.id);

  const trend = trendData(db, { interval, since: from, until: to, frames });
  const volume = {
    buckets: trend.buckets,
    allPosts: trend.buckets.map((b) => trendTotal(trend, b, [])),
    series: frames.map((f) => ({ frame: f, values: trend.buckets.map((b) => trendCount(trend, b, [], f)) })),
  };

  const counts = db
    .prepare(
      `SELECT coalesce(sum(posts), 0) AS posts, count(DISTINCT channel_id) AS channels FROM daily_post_counts WHERE day >= ? AND day <= ?`,
    )
    .get(from, to) as { posts: number; channels: number };

  return {
    from,
    to,
    interval,
    totalPosts: counts.posts,
    channels: counts.channels,
    allFrames,
    frames,
    volume,
    langMix: langMix(db, r, frames),
    topChannels: topChannels(db, r, frames, opts.topChannels ?? 5),
    cooccurrence: cooccurrence(db, r, frames, allFrames),
    examples: examples(db, r, frames, opts.examplesPerFrame ?? 3),
    notes,
  };
}

function langMix(db: Db, r: Range, frames: string[]): ReportData['langMix'] {
  const overall = db
    .prepare('SELECT lang, sum(posts) AS posts FROM daily_post_counts WHERE day >= ? AND day <= ? GROUP BY lang ORDER BY posts DESC, lang')
    .all(r.from, r.to) as LangCount[];
  const byFrame: Record<string, LangCount[]> = {};
  if (frames.length) {
    const rows = db
      .prepare(
        `SELECT frame, lang, sum(posts) AS posts FROM daily_frame_counts
          WHERE day >= ? AND day <= ? AND frame IN (${frames.map(() => '?').join(', ')})
          GROUP BY frame, lang ORDER BY frame, posts DESC, lang`,
      )
      .all(r.from, r.to, ...frames) as (LangCount & { frame: string })[];
    for (const f of frames) byFrame[f] = [];
    for (const row of rows) byFrame[row.frame]?.push({ lang: row.lang, posts: row.posts });
  }
  return { overall, byFrame };
}

function topChannels(db: Db, r: Range, frames: string[], n: number): ReportData['topChannels'] {
  const out: ReportData['topChannels'] = {};
  if (!frames.length) return out;
  const rows = db
    .prepare(
      `SELECT d.frame, c.username AS channel, d.posts FROM (
         SELECT frame, channel_id, sum(posts) AS posts FROM daily_frame_counts
          WHERE day >= ? AND day <= ? AND frame IN (${frames.map(() => '?').join(', ')})
          GROUP BY frame, channel_id) d
        JOIN channels c ON c.id = d.channel_id
       ORDER BY d.frame, d.posts DESC, c.username`,
    )
    .all(r.from, r.to, ...frames) as { frame: string; channel: string; posts: number }[];
  for (const f of frames) out[f] = [];
  for (const row of rows) {
    const list = out[row.frame];
    if (list && list.length < n) list.push({ channel: row.channel, posts: row.posts });
  }
  return out;
}

function cooccurrence(db: Db, r: Range, frames: string[], all: FrameSummary[]): number[][] {
  const index = new Map(frames.map((f, i) => [f, i]));
  const m = frames.map(() => frames.map(() => 0));
  const totals = new Map(all.map((f) => [f.id, f.posts]));
  frames.forEach((f, i) => (m[i]![i] = totals.get(f) ?? 0));
  if (frames.length < 2) return m;
  const marks = frames.map(() => '?').join(', ');
  // Driven by posts_day (the range), then two primary-key probes into post_frames per post:
  // the pairs are not aggregated per day, so this is the one query of the report that reads posts.
  const rows = db
    .prepare(
      `SELECT a.frame AS f1, b.frame AS f2, count(*) AS n
         FROM posts p CROSS JOIN post_frames a ON a.post_id = p.id
              CROSS JOIN post_frames b ON b.post_id = p.id AND b.frame > a.frame
        WHERE p.day >= ? AND p.day <= ? AND a.frame IN (${marks}) AND b.frame IN (${marks})
        GROUP BY a.frame, b.frame`,
    )
    .all(r.from, r.to, ...frames, ...frames) as { f1: string; f2: string; n: number }[];
  for (const row of rows) {
    const i = index.get(row.f1);
    const j = index.get(row.f2);
    if (i === undefined || j === undefined) continue;
    m[i]![j] = row.n;
    m[j]![i] = row.n;
  }
  return m;
}

interface ExampleRow {
  frame: string;
  channel: string;
  message_id: number;
  posted_at: string;
  lang: Lang;
  text: string;
  permalink: string | null;
  score: number;
  flagged: number;
  pid: number;
}

/**
 * Per frame, up to n posts among the 100 stored last in the range: unflagged and high-scoring first,
 * one per language before a second in the same language, so the report shows each script.
 * (Newest by row id: post_frames_frame(frame, post_id) yields that order without a sort.)
 */
function examples(db: Db, r: Range, frames: string[], n: number): ExamplePost[] {
  if (n <= 0) return [];
  // Ids first (index only), then the rows by primary key: one query with both was far slower.
  const recentIds = db
    .prepare(
      `SELECT pf.post_id FROM post_frames pf JOIN posts p ON p.id = pf.post_id
        WHERE pf.frame = ? AND p.day >= ? AND p.day <= ? ORDER BY pf.post_id DESC LIMIT 100`,
    )
    .pluck();
  const row = db.prepare(
    `SELECT pf.frame, c.username AS channel, p.message_id, p.posted_at, p.lang, p.text, p.permalink, pf.score,
            pf.flagged AS flagged, p.id AS pid
       FROM posts p JOIN post_frames pf ON pf.post_id = p.id AND pf.frame = ?
       JOIN channels c ON c.id = p.channel_id
      WHERE p.id = ?`,
  );
  const framesOf = db.prepare('SELECT frame, hits FROM post_frames WHERE post_id = ? ORDER BY score DESC, frame');
  const out: ExamplePost[] = [];
  for (const frame of frames) {
    const ids = recentIds.all(frame, r.from, r.to) as number[];
    const cands = ids
      .map((id) => row.get(frame, id) as ExampleRow)
      .sort((a, b) => a.flagged - b.flagged || b.score - a.score || (a.posted_at < b.posted_at ? 1 : -1));
    const picked: ExampleRow[] = [];
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
    for (const c of picked) {
      const fr = framesOf.all(c.pid) as { frame: string; hits: string }[];
      const hits: ExampleHit[] = [];
      for (const f of fr) {
        for (const h of JSON.parse(f.hits) as { start: number; end: number; negated?: boolean; quoted?: boolean }[]) {
          hits.push({ frame: f.frame, start: h.start, end: h.end, negated: Boolean(h.negated), quoted: Boolean(h.quoted) });
        }
      }
      out.push({
        frame,
        channel: c.channel,
        id: c.message_id,
        date: c.posted_at,
        lang: c.lang,
        text: c.text,
        url: c.permalink,
        score: c.score,
        flagged: c.flagged === 1,
        frames: fr.map((f) => f.frame),
        hits,
      });
    }
  }
  return out;
}
