// Read-side SQL for posts: filters, stats. Results are plain objects for the renderers.
import type { Lang } from '../types.js';
import type { Db } from './open-store.js';

export interface PostFilter {
  frames?: string[];
  /** any (default): a post with at least one of the frames; all: with every one. */
  match?: 'any' | 'all';
  langs?: Lang[];
  channels?: string[];
  /** Inclusive lower bound, ISO instant (UTC). */
  since?: string;
  /** Exclusive upper bound, ISO instant (UTC). */
  until?: string;
  limit?: number;
  offset?: number;
}

export interface QueryHit {
  frame: string;
  term: string;
  matched: string;
  start: number;
  end: number;
  weight: number;
  negated: boolean;
  quoted: boolean;
}

export interface QueryRow {
  channel: string;
  id: number;
  date: string;
  lang: Lang;
  langGuess: string | null;
  text: string;
  views: number | null;
  edited: boolean;
  forwardedFrom: string | null;
  replyTo: number | null;
  mediaKinds: string[];
  url: string | null;
  frames: string[];
  scores: Record<string, number>;
  hits: QueryHit[];
}

interface RawRow {
  pid: number;
  channel: string;
  message_id: number;
  posted_at: string;
  lang: Lang;
  lang_guess: string | null;
  text: string;
  views: number | null;
  edited: number;
  forwarded_from: string | null;
  reply_to: number | null;
  media_kinds: string;
  permalink: string | null;
}

export function buildWhere(f: PostFilter): { where: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (f.frames?.length) {
    const marks = f.frames.map(() => '?').join(', ');
    if (f.match === 'all') {
      clauses.push(
        `p.id IN (SELECT post_id FROM post_frames WHERE frame IN (${marks}) GROUP BY post_id HAVING count(DISTINCT frame) = ?)`,
      );
      params.push(...f.frames, new Set(f.frames).size);
    } else {
      clauses.push(`p.id IN (SELECT post_id FROM post_frames WHERE frame IN (${marks}))`);
      params.push(...f.frames);
    }
  }
  if (f.langs?.length) {
    clauses.push(`p.lang IN (${f.langs.map(() => '?').join(', ')})`);
    params.push(...f.langs);
  }
  if (f.channels?.length) {
    clauses.push(`c.username IN (${f.channels.map(() => '?').join(', ')})`);
    params.push(...f.channels.map((c) => c.toLowerCase()));
  }
  if (f.since) {
    clauses.push('p.posted_at >= ?');
    params.push(f.since);
  }
  if (f.until) {
    clauses.push('p.posted_at < ?');
    params.push(f.until);
  }
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/** Posts matching the filter, newest first, with their frames and evidence. */
export function queryPosts(db: Db, f: PostFilter): QueryRow[] {
  const { where, params } = buildWhere(f);
  const rows = db
    .prepare(
      `SELECT p.id AS pid, c.username AS channel, p.message_id, p.posted_at, p.lang, p.lang_guess, p.text, p.views,
              p.edited, p.forwarded_from, p.reply_to, p.media_kinds, p.permalink
         FROM posts p JOIN channels c ON c.id = p.channel_id
         ${where}
        ORDER BY p.posted_at DESC, p.id DESC
        LIMIT ? OFFSET ?`,
    )
    .all(...params, f.limit ?? 100, f.offset ?? 0) as RawRow[];
  return attachFrames(db, rows);
}

export function attachFrames(db: Db, rows: RawRow[]): QueryRow[] {
  const framesOf = db.prepare('SELECT frame, score, hits FROM post_frames WHERE post_id = ? ORDER BY score DESC, frame');
  return rows.map((r) => {
    const fr = framesOf.all(r.pid) as { frame: string; score: number; hits: string }[];
    const hits: QueryHit[] = [];
    const scores: Record<string, number> = {};
    for (const f of fr) {
      scores[f.frame] = f.score;
      for (const h of JSON.parse(f.hits) as Omit<QueryHit, 'frame'>[]) hits.push({ frame: f.frame, ...h });
    }
    return {
      channel: r.channel,
      id: r.message_id,
      date: r.posted_at,
      lang: r.lang,
      langGuess: r.lang_guess,
      text: r.text,
      views: r.views,
      edited: r.edited === 1,
      forwardedFrom: r.forwarded_from,
      replyTo: r.reply_to,
      mediaKinds: JSON.parse(r.media_kinds) as string[],
      url: r.permalink,
      frames: fr.map((f) => f.frame),
      scores,
      hits,
    };
  });
}

export interface Stats {
  posts: number;
  channels: number;
  taggedPosts: number;
  firstDate: string | null;
  lastDate: string | null;
  byLang: { lang: string; posts: number }[];
  byFrame: { frame: string; posts: number; flagged: number }[];
  byChannel: { channel: string; posts: number }[];
  lexiconVersions: { version: string; posts: number }[];
}

/** Totals come from the daily aggregates, not from scanning posts. */
export function stats(db: Db): Stats {
  const one = <T>(sql: string) => db.prepare(sql).get() as T;
  const all = <T>(sql: string) => db.prepare(sql).all() as T[];
  return {
    posts: one<{ n: number }>('SELECT coalesce(sum(posts), 0) AS n FROM daily_post_counts').n,
    channels: one<{ n: number }>('SELECT count(*) AS n FROM channels').n,
    taggedPosts: one<{ n: number }>('SELECT count(DISTINCT post_id) AS n FROM post_frames').n,
    firstDate: one<{ d: string | null }>('SELECT min(posted_at) AS d FROM posts').d,
    lastDate: one<{ d: string | null }>('SELECT max(posted_at) AS d FROM posts').d,
    byLang: all('SELECT lang, sum(posts) AS posts FROM daily_post_counts GROUP BY lang ORDER BY posts DESC, lang'),
    byFrame: all(
      'SELECT frame, sum(posts) AS posts, sum(flagged_posts) AS flagged FROM daily_frame_counts GROUP BY frame ORDER BY posts DESC, frame',
    ),
    byChannel: all(
      `SELECT c.username AS channel, sum(d.posts) AS posts FROM daily_post_counts d JOIN channels c ON c.id = d.channel_id
        GROUP BY c.username ORDER BY posts DESC, channel`,
    ),
    lexiconVersions: all(
      'SELECT coalesce(lexicon_version, \'?\') AS version, count(*) AS posts FROM posts GROUP BY lexicon_version ORDER BY posts DESC',
    ),
  };
}

export interface DailyFrameCount {
  day: string;
  frame: string;
  posts: number;
}

/** Daily posts per frame between two days (inclusive), from the aggregate table. */
export function dailyFrameCounts(db: Db, fromDay?: string, toDay?: string): DailyFrameCount[] {
  return db
    .prepare(
      `SELECT day, frame, sum(posts) AS posts FROM daily_frame_counts
        WHERE day >= coalesce(?, '0000') AND day <= coalesce(?, '9999')
        GROUP BY day, frame ORDER BY day, frame`,
    )
    .all(fromDay ?? null, toDay ?? null) as DailyFrameCount[];
}

export function dayRange(db: Db): { first: string | null; last: string | null } {
  return db.prepare('SELECT min(day) AS first, max(day) AS last FROM daily_post_counts').get() as {
    first: string | null;
    last: string | null;
  };
}
