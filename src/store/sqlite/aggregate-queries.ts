// Counts from the daily aggregate tables, never from posts (cooccurrence aside):
//  - no grouping: daily_totals and daily_frame_totals (migration 004), one row per day (× frame);
//  - by lang/channel: daily_post_counts (001), whose primary key starts with the local day, and
//    daily_frame_counts (009), keyed by frame id then day: a date range is one index range per
//    frame, the frames of the range listed from daily_frame_totals.
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
import { postedAtBounds } from './example-queries.js';
import type { Db } from './open-database.js';
import { frameIds } from './post-queries.js';
import { vocabOf } from './vocab.js';

// Days the store writes are YYYY-MM-DD; a date read as year 55840 is stored as "+055840-..",
// which sorts before "0000" and is left out of every range.
const FIRST_DAY = '0000-01-01';
const LAST_DAY = '9999-12-31';

const bounds = (r: DayRange = {}): [string, string] => [r.from ?? FIRST_DAY, r.to ?? LAST_DAY];

/** The days with posts, from the per-day totals (index probes at both ends, no scan). */
export function dataSpan(db: Db): DataSpan {
  const table = 'daily_totals';
  const end = (dir: 'ASC' | 'DESC') =>
    (db.prepare(`SELECT day FROM ${table} WHERE day >= ? AND day <= ? ORDER BY day ${dir} LIMIT 1`).pluck().get(FIRST_DAY, LAST_DAY) as
      | string
      | undefined) ?? null;
  const outside = db
    .prepare(`SELECT (SELECT coalesce(sum(posts), 0) FROM ${table} WHERE day < ?) + (SELECT coalesce(sum(posts), 0) FROM ${table} WHERE day > ?)`)
    .pluck()
    .get(FIRST_DAY, LAST_DAY) as number;
  return { first: end('ASC'), last: end('DESC'), outside };
}

function channelNames(db: Db): Map<number, string> {
  const rows = db.prepare('SELECT id, username FROM channels').all() as { id: number; username: string }[];
  return new Map(rows.map((r) => [r.id, r.username]));
}

interface AggRow {
  day: string;
  frame?: string;
  lang?: Lang;
  channel_id?: number;
  posts: number;
  flagged?: number;
}

/** The group columns of a grouped read, and how a row becomes a DayCount. */
function grouping(db: Db, by: readonly AggregateGroup[] = []) {
  const groups = [...new Set(by)];
  const names = groups.includes('channel') ? channelNames(db) : new Map<number, string>();
  const cols = groups.map((g) => (g === 'lang' ? 'lang' : 'channel_id'));
  return {
    grouped: groups.length > 0,
    extra: cols.map((c) => `, ${c}`).join(''),
    order: cols.map((c) => `, ${c}`).join(''),
    fill(r: AggRow, out: DayCount): void {
      if (groups.includes('lang')) out.lang = r.lang!;
      if (groups.includes('channel')) out.channel = names.get(r.channel_id!) ?? `#${r.channel_id}`;
    },
  };
}

export function dailyPosts(db: Db, q: DailyQuery): DayCount[] {
  const g = grouping(db, q.by);
  // Without groups the per-day rollups hold the same sums in far fewer rows.
  const rows = db
    .prepare(
      !g.grouped
        ? 'SELECT day, posts FROM daily_totals WHERE day >= ? AND day <= ? ORDER BY day'
        : `SELECT day${g.extra}, sum(posts) AS posts FROM daily_post_counts WHERE day >= ? AND day <= ? GROUP BY day${g.extra} ORDER BY day${g.order}`,
    )
    .all(q.from, q.to) as AggRow[];
  return rows.map((r) => {
    const out: DayCount = { day: r.day, posts: r.posts };
    g.fill(r, out);
    return out;
  });
}

/** Frame name of a daily_frame_counts row (evaluated once per group). */
const FRAME_NAME = '(SELECT value FROM vocab WHERE id = frame_id)';

/**
 * `frame_id IN (...)` for daily_frame_counts over [from, to]: the given frames, or those of the
 * range in the rollup. Either way the primary key (frame_id, day, ...) is searched one range per
 * frame instead of scanned. Its parameters come before the day bounds.
 */
function frameIdsIn(frames: readonly string[] | null): string {
  return frames
    ? `frame_id IN (SELECT id FROM vocab WHERE value IN (${frames.map(() => '?').join(', ')}))`
    : 'frame_id IN (SELECT v.id FROM daily_frame_totals t JOIN vocab v ON v.value = t.frame WHERE t.day >= ? AND t.day <= ?)';
}

export function dailyFrames(db: Db, q: DailyFrameQuery): DayFrameCount[] {
  const g = grouping(db, q.by);
  const wanted = q.frames ? [...new Set(q.frames)] : null;
  const frameFilter = wanted ? ` AND frame IN (${wanted.map(() => '?').join(', ')})` : '';
  const rows = (
    !g.grouped
      ? db
          .prepare(`SELECT day, frame, posts, flagged_posts AS flagged FROM daily_frame_totals WHERE day >= ? AND day <= ?${frameFilter} ORDER BY day, frame`)
          .all(q.from, q.to, ...(wanted ?? []))
      : db
          .prepare(
            `SELECT day, ${FRAME_NAME} AS frame${g.extra}, sum(posts) AS posts, sum(flagged_posts) AS flagged FROM daily_frame_counts
              WHERE ${frameIdsIn(wanted)} AND day >= ? AND day <= ? GROUP BY day, frame_id${g.extra} ORDER BY day, frame${g.order}`,
          )
          .all(...(wanted ?? [q.from, q.to]), q.from, q.to)
  ) as AggRow[];
  return rows.map((r) => {
    const out: DayFrameCount = { day: r.day, frame: r.frame!, posts: r.posts, flagged: r.flagged ?? 0 };
    g.fill(r, out);
    return out;
  });
}

export function frameTotals(db: Db, range?: DayRange): FrameTotal[] {
  return db
    .prepare(
      `SELECT frame, sum(posts) AS posts, sum(flagged_posts) AS flagged FROM daily_frame_totals
        WHERE day >= ? AND day <= ? GROUP BY frame HAVING sum(posts) > 0 ORDER BY posts DESC, frame`,
    )
    .all(...bounds(range)) as FrameTotal[];
}

export function langTotals(db: Db, range?: DayRange): { lang: Lang; posts: number }[] {
  return db
    .prepare('SELECT lang, sum(posts) AS posts FROM daily_post_counts WHERE day >= ? AND day <= ? GROUP BY lang ORDER BY posts DESC, lang')
    .all(...bounds(range)) as { lang: Lang; posts: number }[];
}

export function frameShares(db: Db, q: DayRange & { frames?: readonly string[]; by: AggregateGroup }): FrameShare[] {
  const frames = q.frames ? [...new Set(q.frames)] : null;
  if (frames && frames.length === 0) return [];
  const where = `${frameIdsIn(frames)} AND day >= ? AND day <= ?`;
  const sql =
    q.by === 'lang'
      ? `SELECT ${FRAME_NAME} AS frame, lang AS key, sum(posts) AS posts FROM daily_frame_counts
          WHERE ${where} GROUP BY frame_id, lang ORDER BY frame, posts DESC, lang`
      : `SELECT d.frame, c.username AS key, d.posts FROM (
           SELECT ${FRAME_NAME} AS frame, channel_id, sum(posts) AS posts FROM daily_frame_counts
            WHERE ${where} GROUP BY frame_id, channel_id) d
          JOIN channels c ON c.id = d.channel_id
         ORDER BY d.frame, d.posts DESC, c.username`;
  return db.prepare(sql).all(...(frames ?? bounds(q)), ...bounds(q)) as FrameShare[];
}

export function activity(db: Db, range?: DayRange): { posts: number; channels: number } {
  return db
    .prepare('SELECT coalesce(sum(posts), 0) AS posts, count(DISTINCT channel_id) AS channels FROM daily_post_counts WHERE day >= ? AND day <= ?')
    .get(...bounds(range)) as { posts: number; channels: number };
}

/**
 * Driven by posts_posted_at (the range), then two primary-key probes into post_frames per post: the
 * pairs are not aggregated per day, so this is the one aggregate that reads posts.
 */
export function cooccurrence(db: Db, q: { from: string; to: string; frames: readonly string[] }): { a: string; b: string; posts: number }[] {
  const frames = [...new Set(q.frames)];
  if (frames.length < 2) return [];
  const vocab = vocabOf(db);
  const ids = frameIds(vocab, frames);
  const marks = frames.map(() => '?').join(', ');
  const rows = db
    .prepare(
      `SELECT a.frame_id AS a, b.frame_id AS b, count(*) AS posts
         FROM posts p CROSS JOIN post_frames a ON a.post_id = p.id
              CROSS JOIN post_frames b ON b.post_id = p.id AND b.frame_id > a.frame_id
        WHERE p.posted_at >= ? AND p.posted_at < ? AND p.day >= ? AND p.day <= ?
          AND a.frame_id IN (${marks}) AND b.frame_id IN (${marks})
        GROUP BY a.frame_id, b.frame_id`,
    )
    .all(...postedAtBounds(q.from, q.to), q.from, q.to, ...ids, ...ids) as { a: number; b: number; posts: number }[];
  // Pairs by frame name: a < b.
  return rows
    .map((r) => {
      const [a, b] = [vocab.valueOf(r.a), vocab.valueOf(r.b)].sort();
      return { a: a!, b: b!, posts: r.posts };
    })
    .sort((x, y) => (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : x.b > y.b ? 1 : 0));
}

export function knownFrames(db: Db): string[] {
  // The rollup holds the same frames in far fewer rows.
  return (db.prepare('SELECT DISTINCT frame FROM daily_frame_totals').all() as { frame: string }[]).map((r) => r.frame).sort();
}

export function overview(db: Db): Overview {
  const p = db.prepare('SELECT coalesce(sum(posts), 0) AS posts, min(day) AS firstDay, max(day) AS lastDay FROM daily_post_counts').get() as {
    posts: number;
    firstDay: string | null;
    lastDay: string | null;
  };
  const c = db.prepare('SELECT count(*) AS n FROM channels').get() as { n: number };
  return { ...p, channels: c.n };
}

export function sizes(db: Db): StoreSizes {
  const n = (sql: string) => db.prepare(sql).pluck().get() as number;
  return {
    posts: n('SELECT count(*) FROM posts'),
    tags: n('SELECT count(*) FROM post_frames'),
    channels: n('SELECT count(*) FROM channels'),
  };
}

/** Differences between the 004 rollups and a fresh sum of the daily aggregates; empty when exact. */
export function rollupDrift(db: Db): string[] {
  const rows = db
    .prepare(
      `WITH fresh AS (SELECT day, sum(posts) AS posts FROM daily_post_counts GROUP BY day)
       SELECT 'day ' || coalesce(f.day, t.day) || ': rollup ' || coalesce(t.posts, 0) || ', actual ' || coalesce(f.posts, 0) AS msg
         FROM fresh f FULL OUTER JOIN daily_totals t ON t.day = f.day
        WHERE coalesce(f.posts, 0) <> coalesce(t.posts, 0)
       UNION ALL
       SELECT 'frame ' || coalesce(f.frame, t.frame) || ' ' || coalesce(f.day, t.day) || ': rollup ' ||
              coalesce(t.posts, 0) || '/' || coalesce(t.flagged_posts, 0) || ', actual ' ||
              coalesce(f.posts, 0) || '/' || coalesce(f.flagged, 0)
         FROM (SELECT day, ${FRAME_NAME} AS frame, sum(posts) AS posts, sum(flagged_posts) AS flagged FROM daily_frame_counts GROUP BY day, frame_id) f
         FULL OUTER JOIN daily_frame_totals t ON t.day = f.day AND t.frame = f.frame
        WHERE coalesce(f.posts, 0) <> coalesce(t.posts, 0) OR coalesce(f.flagged, 0) <> coalesce(t.flagged_posts, 0)`,
    )
    .all() as { msg: string }[];
  return rows.map((r) => r.msg);
}
