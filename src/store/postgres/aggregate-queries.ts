// Counts from the daily aggregate tables on PostgreSQL (cooccurrence aside, which reads the posts of
// its range): no grouping reads the per-day rollups, by lang/channel the detailed tables.
import type { Lang } from '../../types.js';
import type {
  AggregateGroup,
  DailyFrameQuery,
  DailyQuery,
  DataSpan,
  DayCount,
  DayFrameCount,
  DayRange,
  FrameShare,
  FrameTotal,
  Overview,
  StoreSizes,
} from '../store.js';
import { one, rows, value, type Client, type Queryable } from './connection.js';
import { Params } from './post-queries.js';

// Days the store writes are YYYY-MM-DD; a year past 9999 is "+0..." and sorts before "0000".
const FIRST_DAY = '0000-01-01';
const LAST_DAY = '9999-12-31';
const bounds = (r: DayRange = {}): [string, string] => [r.from ?? FIRST_DAY, r.to ?? LAST_DAY];

export async function dataSpan(q: Queryable): Promise<DataSpan> {
  const r = await one<{ first: string | null; last: string | null; outside: number }>(
    q,
    `SELECT (SELECT min(day) FROM daily_totals WHERE day >= $1 AND day <= $2) AS first,
            (SELECT max(day) FROM daily_totals WHERE day >= $1 AND day <= $2) AS last,
            (SELECT coalesce(sum(posts), 0) FROM daily_totals WHERE day < $1 OR day > $2) AS outside`,
    [FIRST_DAY, LAST_DAY],
  );
  return r!;
}

async function channelNames(q: Queryable): Promise<Map<number, string>> {
  return new Map((await rows<{ id: number; username: string }>(q, 'SELECT id, username FROM channels')).map((r) => [r.id, r.username]));
}

interface AggRow {
  day: string;
  frame?: string;
  lang?: Lang;
  channel_id?: number;
  posts: number;
  flagged?: number;
}

async function grouping(q: Queryable, by: readonly AggregateGroup[] = []) {
  const groups = [...new Set(by)];
  const names = groups.includes('channel') ? await channelNames(q) : new Map<number, string>();
  const cols = groups.map((g) => (g === 'lang' ? 'lang' : 'channel_id'));
  return {
    grouped: groups.length > 0,
    extra: cols.map((c) => `, ${c}`).join(''),
    fill(r: AggRow, out: DayCount): void {
      if (groups.includes('lang')) out.lang = r.lang!;
      if (groups.includes('channel')) out.channel = names.get(r.channel_id!) ?? `#${r.channel_id}`;
    },
  };
}

export async function dailyPosts(q: Queryable, d: DailyQuery): Promise<DayCount[]> {
  const g = await grouping(q, d.by);
  const raw = await rows<AggRow>(
    q,
    g.grouped
      ? `SELECT day${g.extra}, sum(posts) AS posts FROM daily_post_counts WHERE day >= $1 AND day <= $2 GROUP BY day${g.extra} ORDER BY day${g.extra}`
      : 'SELECT day, posts FROM daily_totals WHERE day >= $1 AND day <= $2 ORDER BY day',
    [d.from, d.to],
  );
  return raw.map((r) => {
    const out: DayCount = { day: r.day, posts: r.posts };
    g.fill(r, out);
    return out;
  });
}

export async function dailyFrames(q: Queryable, d: DailyFrameQuery): Promise<DayFrameCount[]> {
  const g = await grouping(q, d.by);
  const p = new Params();
  const range = `day >= ${p.add(d.from)} AND day <= ${p.add(d.to)}`;
  const filter = d.frames ? ` AND frame = ANY(${p.add([...new Set(d.frames)])}::text[])` : '';
  const raw = await rows<AggRow>(
    q,
    g.grouped
      ? `SELECT day, frame${g.extra}, sum(posts) AS posts, sum(flagged_posts) AS flagged FROM daily_frame_counts
          WHERE ${range}${filter} GROUP BY day, frame${g.extra} ORDER BY day, frame${g.extra}`
      : `SELECT day, frame, posts, flagged_posts AS flagged FROM daily_frame_totals WHERE ${range}${filter} ORDER BY day, frame`,
    p.values,
  );
  return raw.map((r) => {
    const out: DayFrameCount = { day: r.day, frame: r.frame!, posts: r.posts, flagged: r.flagged ?? 0 };
    g.fill(r, out);
    return out;
  });
}

export async function frameTotals(q: Queryable, range?: DayRange): Promise<FrameTotal[]> {
  return rows<FrameTotal>(
    q,
    `SELECT frame, sum(posts) AS posts, sum(flagged_posts) AS flagged FROM daily_frame_totals
      WHERE day >= $1 AND day <= $2 GROUP BY frame HAVING sum(posts) > 0 ORDER BY posts DESC, frame`,
    bounds(range),
  );
}

export async function langTotals(q: Queryable, range?: DayRange): Promise<{ lang: Lang; posts: number }[]> {
  return rows(q, 'SELECT lang, sum(posts) AS posts FROM daily_post_counts WHERE day >= $1 AND day <= $2 GROUP BY lang ORDER BY posts DESC, lang', bounds(range));
}

export async function frameShares(q: Queryable, d: DayRange & { frames?: readonly string[]; by: AggregateGroup }): Promise<FrameShare[]> {
  const frames = d.frames ? [...new Set(d.frames)] : null;
  if (frames && frames.length === 0) return [];
  const p = new Params();
  const range = `day >= ${p.add(bounds(d)[0])} AND day <= ${p.add(bounds(d)[1])}`;
  const filter = frames ? ` AND frame = ANY(${p.add(frames)}::text[])` : '';
  return rows<FrameShare>(
    q,
    d.by === 'lang'
      ? `SELECT frame, lang AS key, sum(posts) AS posts FROM daily_frame_counts WHERE ${range}${filter}
          GROUP BY frame, lang ORDER BY frame, posts DESC, lang`
      : `SELECT d.frame, c.username AS key, d.posts FROM (
           SELECT frame, channel_id, sum(posts) AS posts FROM daily_frame_counts WHERE ${range}${filter} GROUP BY frame, channel_id) d
          JOIN channels c ON c.id = d.channel_id ORDER BY d.frame, d.posts DESC, c.username`,
    p.values,
  );
}

export async function activity(q: Queryable, range?: DayRange): Promise<{ posts: number; channels: number }> {
  return (await one<{ posts: number; channels: number }>(
    q,
    'SELECT coalesce(sum(posts), 0) AS posts, count(DISTINCT channel_id) AS channels FROM daily_post_counts WHERE day >= $1 AND day <= $2',
    bounds(range),
  ))!;
}

export async function cooccurrence(q: Queryable, d: { from: string; to: string; frames: readonly string[] }): Promise<{ a: string; b: string; posts: number }[]> {
  const frames = [...new Set(d.frames)];
  if (frames.length < 2) return [];
  return rows(
    q,
    `SELECT a.frame AS a, b.frame AS b, count(*) AS posts
       FROM posts p JOIN post_frames a ON a.post_id = p.id JOIN post_frames b ON b.post_id = p.id AND b.frame > a.frame
      WHERE p.day >= $1 AND p.day <= $2 AND a.frame = ANY($3::text[]) AND b.frame = ANY($3::text[])
      GROUP BY a.frame, b.frame ORDER BY a.frame, b.frame`,
    [d.from, d.to, frames],
  );
}

export async function knownFrames(q: Queryable): Promise<string[]> {
  return (await rows<{ frame: string }>(q, 'SELECT DISTINCT frame FROM daily_frame_totals ORDER BY frame')).map((r) => r.frame);
}

export async function overview(q: Queryable): Promise<Overview> {
  const p = (await one<{ posts: number; firstDay: string | null; lastDay: string | null }>(
    q,
    'SELECT coalesce(sum(posts), 0) AS posts, min(day) AS "firstDay", max(day) AS "lastDay" FROM daily_totals',
  ))!;
  return { ...p, channels: (await value<number>(q, 'SELECT count(*) FROM channels'))! };
}

export async function sizes(q: Queryable): Promise<StoreSizes> {
  const r = await one<StoreSizes>(
    q,
    'SELECT (SELECT count(*) FROM posts) AS posts, (SELECT count(*) FROM post_frames) AS tags, (SELECT count(*) FROM channels) AS channels',
  );
  return r!;
}

/** Recounts every aggregate from posts and tags. Writers wait meanwhile (the caller's transaction). */
export async function rebuildAggregates(c: Client): Promise<void> {
  // SHARE on posts and post_frames waits for the writers in flight and holds off new ones; the
  // aggregate tables are then rewritten from a stable picture.
  await c.query('LOCK TABLE posts, post_frames IN SHARE MODE');
  await c.query('LOCK TABLE daily_post_counts, daily_frame_counts, daily_totals, daily_frame_totals IN EXCLUSIVE MODE');
  await c.query(`
    DELETE FROM daily_post_counts; DELETE FROM daily_frame_counts; DELETE FROM daily_totals; DELETE FROM daily_frame_totals;
    INSERT INTO daily_post_counts(day, channel_id, lang, posts)
      SELECT day, channel_id, lang, count(*) FROM posts GROUP BY day, channel_id, lang;
    INSERT INTO daily_frame_counts(day, channel_id, lang, frame, posts, flagged_posts)
      SELECT p.day, p.channel_id, p.lang, pf.frame, count(*), count(*) FILTER (WHERE pf.flagged)
        FROM post_frames pf JOIN posts p ON p.id = pf.post_id GROUP BY p.day, p.channel_id, p.lang, pf.frame;
    INSERT INTO daily_totals(day, posts) SELECT day, sum(posts) FROM daily_post_counts GROUP BY day;
    INSERT INTO daily_frame_totals(day, frame, posts, flagged_posts)
      SELECT day, frame, sum(posts), sum(flagged_posts) FROM daily_frame_counts GROUP BY day, frame;`);
}

/** Differences between the stored aggregates (and rollups) and a fresh recount, one line each. */
export async function aggregateDrift(q: Queryable): Promise<string[]> {
  const r = await rows<{ msg: string }>(
    q,
    `WITH fresh AS (SELECT day, channel_id, lang, count(*) AS posts FROM posts GROUP BY day, channel_id, lang)
     SELECT 'posts ' || coalesce(f.day, d.day) || ' ' || coalesce(f.lang, d.lang) || ': stored ' ||
            coalesce(d.posts, 0) || ', actual ' || coalesce(f.posts, 0) AS msg
       FROM fresh f FULL OUTER JOIN daily_post_counts d ON d.day = f.day AND d.channel_id = f.channel_id AND d.lang = f.lang
      WHERE coalesce(f.posts, 0) <> coalesce(d.posts, 0)
     UNION ALL
     SELECT 'frame ' || coalesce(f.frame, d.frame) || ' ' || coalesce(f.day, d.day) || ': stored ' ||
            coalesce(d.posts, 0) || '/' || coalesce(d.flagged_posts, 0) || ', actual ' || coalesce(f.posts, 0) || '/' || coalesce(f.flagged, 0)
       FROM (SELECT p.day, p.channel_id, p.lang, pf.frame, count(*) AS posts, count(*) FILTER (WHERE pf.flagged) AS flagged
               FROM post_frames pf JOIN posts p ON p.id = pf.post_id GROUP BY p.day, p.channel_id, p.lang, pf.frame) f
       FULL OUTER JOIN daily_frame_counts d ON d.day = f.day AND d.channel_id = f.channel_id AND d.lang = f.lang AND d.frame = f.frame
      WHERE coalesce(f.posts, 0) <> coalesce(d.posts, 0) OR coalesce(f.flagged, 0) <> coalesce(d.flagged_posts, 0)
     UNION ALL
     SELECT 'day ' || coalesce(f.day, t.day) || ': rollup ' || coalesce(t.posts, 0) || ', actual ' || coalesce(f.posts, 0)
       FROM (SELECT day, sum(posts) AS posts FROM daily_post_counts GROUP BY day) f FULL OUTER JOIN daily_totals t ON t.day = f.day
      WHERE coalesce(f.posts, 0) <> coalesce(t.posts, 0)
     UNION ALL
     SELECT 'frame ' || coalesce(f.frame, t.frame) || ' ' || coalesce(f.day, t.day) || ': rollup ' || coalesce(t.posts, 0) || '/' ||
            coalesce(t.flagged_posts, 0) || ', actual ' || coalesce(f.posts, 0) || '/' || coalesce(f.flagged, 0)
       FROM (SELECT day, frame, sum(posts) AS posts, sum(flagged_posts) AS flagged FROM daily_frame_counts GROUP BY day, frame) f
       FULL OUTER JOIN daily_frame_totals t ON t.day = f.day AND t.frame = f.frame
      WHERE coalesce(f.posts, 0) <> coalesce(t.posts, 0) OR coalesce(f.flagged, 0) <> coalesce(t.flagged_posts, 0)`,
  );
  return r.map((x) => x.msg);
}
