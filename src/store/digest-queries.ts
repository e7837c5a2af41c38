// SQL for the digest and the bot. Numbers come from the daily aggregate tables (primary-key range
// reads on `day`); posts are read only for the day's example posts (posts_day index, then the
// post_frames primary key) and for bot text searches (FTS5). Also the digest delivery records.
import { syncFtsIfFree } from './fts-index.js';
import {
  DIGEST_RULES,
  pickExampleFrames,
  rankFrames,
  type DigestData,
  type DigestExample,
  type DigestFrame,
  type PostRef,
} from '../report/digest.js';
import type { FrameInfo } from '../types.js';
import { addDays, startOfDayUtc } from '../util/day-in-zone.js';
import type { Db } from './open-store.js';

export const DIGEST_SQL = {
  langsOfDay: `SELECT lang, sum(posts) AS posts FROM daily_post_counts WHERE day = ? GROUP BY lang ORDER BY posts DESC, lang`,
  channelsOfDay: `SELECT count(DISTINCT channel_id) AS n FROM daily_post_counts WHERE day = ?`,
  postsPerDay: `SELECT day, sum(posts) AS posts FROM daily_post_counts WHERE day >= ? AND day <= ? GROUP BY day`,
  framesPerDay: `SELECT day, frame, sum(posts) AS posts, sum(flagged_posts) AS flagged FROM daily_frame_counts
                  WHERE day >= ? AND day <= ? GROUP BY day, frame`,
  frameChannelsOfDay: `SELECT d.frame, c.username AS channel, sum(d.posts) AS posts
                         FROM daily_frame_counts d JOIN channels c ON c.id = d.channel_id
                        WHERE d.day = ? GROUP BY d.frame, c.username`,
  // CROSS JOIN keeps posts (via posts_day) as the outer loop: a day has far fewer posts than a
  // frame has over all time. Up to 10 candidates per frame; the caller picks diverse ones.
  examples: (frames: number) => `SELECT * FROM (
      SELECT pf.frame, c.username AS channel, p.message_id, p.posted_at, p.lang, p.text, p.permalink,
             pf.hits, pf.negated, pf.quoted,
             row_number() OVER (PARTITION BY pf.frame
               ORDER BY pf.flagged, pf.score DESC, coalesce(p.views, 0) DESC, p.posted_at DESC, p.id DESC) AS rn
        FROM posts p CROSS JOIN post_frames pf ON pf.post_id = p.id
        JOIN channels c ON c.id = p.channel_id
       WHERE p.day = ? AND pf.frame IN (${Array(frames).fill('?').join(', ')})
    ) WHERE rn <= 10 ORDER BY frame, rn`,
  channelStates: `SELECT state, count(*) AS n FROM channels GROUP BY state`,
  unhealthyChannels: `SELECT username, state, last_error FROM channels
                       WHERE state IN ('failing', 'not_found', 'no_preview') ORDER BY state, username`,
  lastRun: `SELECT id, started_at, finished_at, status FROM collection_runs ORDER BY id DESC LIMIT 1`,
  knownFrames: `SELECT DISTINCT frame FROM daily_frame_counts`,
} as const;

interface HitJson {
  matched?: string;
  start?: number;
}

export interface LoadDigestOptions {
  /** Build time (decides "day not over yet"); default now. */
  now?: Date;
  /** Frame labels for the examples section. */
  frames?: readonly FrameInfo[];
}

/** Everything renderDigest needs for `day` (YYYY-MM-DD in `timezone`). */
export function loadDigestData(db: Db, day: string, timezone: string, opts: LoadDigestOptions = {}): DigestData {
  const days = Array.from({ length: DIGEST_RULES.sparkDays }, (_, i) => addDays(day, i - DIGEST_RULES.sparkDays + 1));
  const first = days[0]!;
  const index = new Map(days.map((d, i) => [d, i]));

  const postsPerDay = days.map(() => 0);
  for (const r of db.prepare(DIGEST_SQL.postsPerDay).all(first, day) as { day: string; posts: number }[]) {
    const i = index.get(r.day);
    if (i !== undefined) postsPerDay[i] = r.posts;
  }

  const frames = new Map<string, DigestFrame>();
  for (const r of db.prepare(DIGEST_SQL.framesPerDay).all(first, day) as { day: string; frame: string; posts: number; flagged: number }[]) {
    let f = frames.get(r.frame);
    if (!f) {
      f = { frame: r.frame, counts: days.map(() => 0), flaggedToday: 0, topChannels: [] };
      frames.set(r.frame, f);
    }
    const i = index.get(r.day);
    if (i !== undefined) f.counts[i] = r.posts;
    if (r.day === day) f.flaggedToday = r.flagged;
  }
  for (const r of db.prepare(DIGEST_SQL.frameChannelsOfDay).all(day) as { frame: string; channel: string; posts: number }[]) {
    frames.get(r.frame)?.topChannels.push({ channel: r.channel, posts: r.posts });
  }
  for (const f of frames.values()) {
    f.topChannels.sort((a, b) => b.posts - a.posts || (a.channel < b.channel ? -1 : 1));
    f.topChannels.splice(DIGEST_RULES.topChannels);
  }

  const base = {
    day,
    timezone,
    generatedAt: (opts.now ?? new Date()).toISOString(),
    dayEndsAt: startOfDayUtc(addDays(day, 1), timezone).toISOString(),
    days,
    postsPerDay,
    langs: db.prepare(DIGEST_SQL.langsOfDay).all(day) as { lang: string; posts: number }[],
    channelsActive: (db.prepare(DIGEST_SQL.channelsOfDay).get(day) as { n: number }).n,
    frames: [...frames.values()],
    labels: opts.frames ? Object.fromEntries(opts.frames.map((f) => [f.id, f.label])) : undefined,
    health: loadHealth(db),
  };
  const exampleFrames = pickExampleFrames(rankFrames(base));
  return { ...base, examples: loadExamples(db, day, exampleFrames) };
}

/** 1–2 example posts per frame on `day`: best-scoring unflagged first, preferring different channels. */
export function loadExamples(db: Db, day: string, frames: readonly string[], perFrame: number = DIGEST_RULES.examplesPerFrame): DigestExample[] {
  if (!frames.length) return [];
  const rows = db.prepare(DIGEST_SQL.examples(frames.length)).all(day, ...frames) as {
    frame: string;
    channel: string;
    message_id: number;
    posted_at: string;
    lang: string;
    text: string;
    permalink: string | null;
    hits: string;
    negated: number;
    quoted: number;
  }[];
  const out: DigestExample[] = [];
  for (const frame of frames) {
    const cands = rows.filter((r) => r.frame === frame);
    const picked: typeof cands = [];
    for (const c of cands) {
      if (picked.length >= perFrame) break;
      // A second example from another channel (and not a copy of the first) shows more.
      const dup = picked.some((p) => p.channel === c.channel || p.text === c.text);
      if (!dup) picked.push(c);
    }
    for (const c of cands) if (picked.length < perFrame && !picked.includes(c) && !picked.some((p) => p.text === c.text)) picked.push(c);
    for (const r of picked) {
      let hits: HitJson[] = [];
      try {
        hits = JSON.parse(r.hits) as HitJson[];
      } catch {
        hits = [];
      }
      hits.sort((a, b) => (a.start ?? 0) - (b.start ?? 0));
      const matched = [...new Set(hits.map((h) => h.matched).filter((m): m is string => !!m))];
      out.push({
        frame,
        channel: r.channel,
        messageId: r.message_id,
        postedAt: r.posted_at,
        lang: r.lang,
        text: r.text,
        url: r.permalink,
        matched,
        firstHitAt: hits[0]?.start ?? 0,
        negated: r.negated === 1,
        quoted: r.quoted === 1,
      });
    }
  }
  return out;
}

export function loadHealth(db: Db): DigestData['health'] {
  const byState: Record<string, number> = {};
  let total = 0;
  for (const r of db.prepare(DIGEST_SQL.channelStates).all() as { state: string; n: number }[]) {
    byState[r.state] = r.n;
    total += r.n;
  }
  const problems = (db.prepare(DIGEST_SQL.unhealthyChannels).all() as { username: string; state: string; last_error: string | null }[]).map(
    (r) => ({ username: r.username, state: r.state, lastError: r.last_error }),
  );
  const run = db.prepare(DIGEST_SQL.lastRun).get() as
    | { id: number; started_at: string; finished_at: string | null; status: string }
    | undefined;
  return {
    totalChannels: total,
    byState,
    problems,
    lastRun: run ? { id: run.id, startedAt: run.started_at, finishedAt: run.finished_at, status: run.status } : null,
  };
}

/** Frame ids that have ever been counted. */
export function knownFrames(db: Db): string[] {
  return (db.prepare(DIGEST_SQL.knownFrames).all() as { frame: string }[]).map((r) => r.frame).sort();
}

// ---- delivery records ----

export interface DigestSend {
  day: string;
  chatId: string;
  sentAt: string;
  messages: number;
  complete: boolean;
}

export function getDigestSend(db: Db, day: string, chatId: string): DigestSend | undefined {
  const r = db.prepare('SELECT day, chat_id, sent_at, messages, complete FROM digest_sends WHERE day = ? AND chat_id = ?').get(day, chatId) as
    | { day: string; chat_id: string; sent_at: string; messages: number; complete: number }
    | undefined;
  return r && { day: r.day, chatId: r.chat_id, sentAt: r.sent_at, messages: r.messages, complete: r.complete === 1 };
}

export function recordDigestSend(db: Db, s: DigestSend): void {
  db.prepare(
    `INSERT INTO digest_sends(day, chat_id, sent_at, messages, complete) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(day, chat_id) DO UPDATE SET sent_at = excluded.sent_at, messages = excluded.messages, complete = excluded.complete`,
  ).run(s.day, s.chatId, s.sentAt, s.messages, s.complete ? 1 : 0);
}

export function lastDigestSend(db: Db): DigestSend | undefined {
  const r = db.prepare('SELECT day, chat_id, sent_at, messages, complete FROM digest_sends ORDER BY sent_at DESC LIMIT 1').get() as
    | { day: string; chat_id: string; sent_at: string; messages: number; complete: number }
    | undefined;
  return r && { day: r.day, chatId: r.chat_id, sentAt: r.sent_at, messages: r.messages, complete: r.complete === 1 };
}

// ---- bot helpers ----

export interface TotalsRow {
  posts: number;
  channels: number;
  firstDay: string | null;
  lastDay: string | null;
}

export function totals(db: Db): TotalsRow {
  const p = db.prepare('SELECT coalesce(sum(posts), 0) AS posts, min(day) AS firstDay, max(day) AS lastDay FROM daily_post_counts').get() as {
    posts: number;
    firstDay: string | null;
    lastDay: string | null;
  };
  const c = db.prepare('SELECT count(*) AS n FROM channels').get() as { n: number };
  return { ...p, channels: c.n };
}

/** Posts per frame over [from, to] (inclusive days), from the aggregates. */
export function framePostsBetween(db: Db, from: string, to: string): Map<string, number> {
  const rows = db
    .prepare('SELECT frame, sum(posts) AS posts FROM daily_frame_counts WHERE day >= ? AND day <= ? GROUP BY frame')
    .all(from, to) as { frame: string; posts: number }[];
  return new Map(rows.map((r) => [r.frame, r.posts]));
}

export type TextHit = PostRef;

/**
 * Newest posts whose normalized text contains every term (FTS5). Terms are quoted, so user input
 * can't form FTS syntax; `normalizedTerms` must already be normalizeText output split on spaces.
 */
export function searchPostsText(db: Db, normalizedTerms: readonly string[], limit = 5): TextHit[] {
  const terms = normalizedTerms.filter(Boolean).slice(0, 12);
  if (!terms.length) return [];
  const match = terms.map((t) => `"${t.replace(/"/g, '""')}"`).join(' ');
  syncFtsIfFree(db); // a search never waits for a writer: it finds what is indexed
  return (
    db
      .prepare(
        `SELECT c.username AS channel, p.message_id, p.posted_at, p.lang, p.text, p.permalink
           FROM posts_fts f JOIN posts p ON p.id = f.rowid JOIN channels c ON c.id = p.channel_id
          WHERE posts_fts MATCH ? ORDER BY p.posted_at DESC, p.id DESC LIMIT ?`,
      )
      .all(match, limit) as { channel: string; message_id: number; posted_at: string; lang: string; text: string; permalink: string | null }[]
  ).map((r) => ({ channel: r.channel, messageId: r.message_id, postedAt: r.posted_at, lang: r.lang, text: r.text, url: r.permalink }));
}
