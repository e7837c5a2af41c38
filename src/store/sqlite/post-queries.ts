// Read-side SQL for posts: filters, full-text search, stats, stored posts with their evidence.
import type { Lang } from '../../types.js';
import type { FlagsMode, PostFilter, PostKey, QueryRow, RederiveSource, Stats, StoredPost } from '../store.js';
import { normalizeText } from '../../language/normalize.js';
import { syncFtsIfFree } from './fts-index.js';
import { TextQueryError } from '../text-query.js';
import { toFts5 } from './fts5-query.js';
import { queryRow, type PostFields } from '../query-rows.js';
import { decodeHits } from './hits-codec.js';
import type { Db } from './open-database.js';
import { lastSeenSql, permalinkSql } from './post-columns.js';
import { vocabOf, type Vocab } from './vocab.js';

/** A post as read, with its row id; SQLite gives `edited` as 0/1. */
interface RawRow extends Omit<PostFields, 'edited'> {
  pid: number;
  edited: number;
}

/** SQL condition on a post_frames row aliased `pf`: true when the frame counts under `mode`. */
export function frameCountsSql(mode: FlagsMode = 'include'): string {
  // A frame counts under "exclude" when at least one of its hits is neither negated nor quoted.
  if (mode === 'exclude') return 'NOT pf.flagged';
  if (mode === 'only') return 'pf.flagged';
  return '1';
}

function isoInstant(value: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new RangeError(`not a date: ${value}`);
  return new Date(ms).toISOString();
}

/** Vocab ids of frames (a frame never stored gets -1, which no row has). */
export function frameIds(vocab: Vocab, frames: readonly string[]): number[] {
  return frames.map((f) => vocab.find(f) ?? -1);
}

function buildWhere(db: Db, f: PostFilter): { where: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const flags = f.flags ?? 'include';
  const counts = frameCountsSql(flags);
  const frames = frameIds(vocabOf(db), [...new Set(f.frames ?? [])]);
  // With a date range, test each post of the range (EXISTS, via the date index); without one, start
  // from the frame's posts (IN): whichever side is smaller drives the query.
  const ranged = Boolean(f.since || f.until);
  if (frames.length) {
    const marks = frames.map(() => '?').join(', ');
    if (f.match === 'all' && frames.length > 1) {
      clauses.push(
        ranged
          ? `(SELECT count(DISTINCT pf.frame_id) FROM post_frames pf WHERE pf.post_id = p.id AND pf.frame_id IN (${marks}) AND ${counts}) = ?`
          : `p.id IN (SELECT pf.post_id FROM post_frames pf WHERE pf.frame_id IN (${marks}) AND ${counts}
                   GROUP BY pf.post_id HAVING count(DISTINCT pf.frame_id) = ?)`,
      );
      params.push(...frames, frames.length);
    } else {
      clauses.push(
        ranged
          ? `EXISTS (SELECT 1 FROM post_frames pf WHERE pf.post_id = p.id AND pf.frame_id IN (${marks}) AND ${counts})`
          : `p.id IN (SELECT pf.post_id FROM post_frames pf WHERE pf.frame_id IN (${marks}) AND ${counts})`,
      );
      params.push(...frames);
    }
  } else if (flags !== 'include') {
    clauses.push(`EXISTS (SELECT 1 FROM post_frames pf WHERE pf.post_id = p.id AND ${counts})`);
  }
  if (f.langs?.length) {
    clauses.push(`p.lang IN (${f.langs.map(() => '?').join(', ')})`);
    params.push(...f.langs);
  }
  if (f.channels?.length) {
    clauses.push(`p.channel_id IN (SELECT id FROM channels WHERE username IN (${f.channels.map(() => '?').join(', ')}))`);
    params.push(...f.channels.map((c) => c.replace(/^@/, '').toLowerCase()));
  }
  // posted_at is stored as Date#toISOString(); compare strings of exactly that shape (indexed).
  if (f.since) {
    clauses.push('p.posted_at >= ?');
    params.push(isoInstant(f.since));
  }
  if (f.until) {
    clauses.push('p.posted_at < ?');
    params.push(isoInstant(f.until));
  }
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/** Posts matching the filter (newest first unless sort = score), with their frames and evidence. */
export function queryPosts(db: Db, filter: PostFilter): QueryRow[] {
  const fts = filter.text ? toFts5(filter.text) : undefined;
  try {
    return selectPosts(db, { ...filter, fts });
  } catch (err) {
    // Every term is quoted, so this is unlikely; the promise of a one-line usage error holds anyway.
    if (fts && /fts5|MATCH/i.test((err as Error).message)) throw new TextQueryError((err as Error).message);
    throw err;
  }
}

function selectPosts(db: Db, f: PostFilter & { fts: string | undefined }): QueryRow[] {
  // Posts written since the last bulk index become searchable, unless a writer holds the lock now
  // (then the search covers what is indexed; ftsPending says how much is left out).
  if (f.fts) syncFtsIfFree(db);
  const { where, params } = buildWhere(db, f);
  const flags = f.flags ?? 'include';
  const frames = [...new Set(f.frames ?? [])];
  const sort = f.sort ?? 'date';
  const limit = f.limit ?? 100;
  const offset = f.offset ?? 0;
  const head: unknown[] = [];
  let from = 'posts p';
  let ftsJoin = '';
  let ftsWhere = '';
  if (f.fts) {
    if (sort === 'date' && !frames.length && flags === 'include' && denseText(db, f.fts, limit + offset)) {
      // A common word: walk posts newest first and stop at the limit, instead of sorting every match.
      from = 'posts p INDEXED BY posts_posted_at';
      ftsWhere = `${where ? ' AND' : 'WHERE'} p.id IN (SELECT rowid FROM posts_fts WHERE posts_fts MATCH ?)`;
    } else {
      ftsJoin = `JOIN (SELECT rowid AS fid, bm25(posts_fts) AS rank FROM posts_fts WHERE posts_fts MATCH ?) fts ON fts.fid = p.id`;
      head.push(f.fts);
    }
  }
  let order = 'p.posted_at DESC, p.id DESC';
  const scoreParams: unknown[] = [];
  let scoreCol = '';
  if (sort === 'score') {
    const only = frames.length ? `AND pf.frame_id IN (${frames.map(() => '?').join(', ')})` : '';
    scoreCol = `, (SELECT coalesce(sum(pf.score), 0) FROM post_frames pf WHERE pf.post_id = p.id ${only} AND ${frameCountsSql(flags)}) AS sort_score`;
    scoreParams.push(...frameIds(vocabOf(db), frames));
    order = `sort_score DESC, ${f.fts ? 'fts.rank ASC, ' : ''}p.posted_at DESC, p.id DESC`;
  }
  // CROSS JOIN keeps channels inside the posts loop: with it outside, the planner walks every channel's
  // posts of the date range through posts_channel_posted_at and sorts them all (400 ms for a month of
  // 1,000,000 posts) instead of reading posts_posted_at newest first and stopping at the limit.
  const sql = `SELECT p.id AS pid, c.username AS channel, p.message_id, p.posted_at, p.lang, p.lang_guess, p.text, p.views,
            p.edited, p.forwarded_from, p.reply_to, p.media_kinds, ${permalinkSql()} AS permalink${scoreCol}
       FROM ${from} ${ftsJoin} CROSS JOIN channels c ON c.id = p.channel_id
       ${where}${ftsWhere}
      ORDER BY ${order}
      LIMIT ? OFFSET ?`;
  const tail = ftsWhere ? [f.fts] : [];
  const rows = db.prepare(sql).all(...scoreParams, ...head, ...params, ...tail, limit, offset) as RawRow[];
  return attachFrames(db, rows, { flags, frames });
}

/**
 * Whether so many posts match that scanning posts newest-first finds `wanted` of them sooner than
 * sorting all matches (cost ~ wanted × posts / matches index steps vs ~ matches row reads).
 */
function denseText(db: Db, fts: string, wanted: number): boolean {
  const matches = db.prepare('SELECT count(*) FROM posts_fts WHERE posts_fts MATCH ?').pluck().get(fts) as number;
  if (matches < 1000) return false;
  const posts = (db.prepare('SELECT max(id) FROM posts').pluck().get() as number | null) ?? 0;
  return matches * matches > (wanted * posts) / 8;
}

/** A post_frames row as read. */
interface TagRow {
  frame_id: number;
  score: number;
  hits: Buffer | string;
  negated?: number;
  quoted?: number;
  flagged?: number;
}

/** Tag rows with their frame names, highest score first, then by frame. */
function tagRows(vocab: Vocab, rows: TagRow[]): (TagRow & { frame: string })[] {
  return rows
    .map((r) => ({ ...r, frame: vocab.valueOf(r.frame_id) }))
    .sort((a, b) => b.score - a.score || (a.frame < b.frame ? -1 : a.frame > b.frame ? 1 : 0));
}

/**
 * Adds frames, scores and hits to raw post rows. Under `flags` exclude/only, frames and hits that
 * do not count are left out (same rule as `frameCountsSql`).
 */
function attachFrames(
  db: Db,
  rows: RawRow[],
  opts: { flags?: FlagsMode; frames?: string[] } = {},
): QueryRow[] {
  const flags = opts.flags ?? 'include';
  const scoreFrames = opts.frames?.length ? new Set(opts.frames) : null;
  const vocab = vocabOf(db);
  const framesOf = db.prepare('SELECT frame_id, score, hits FROM post_frames WHERE post_id = ?');
  return rows.map((r) => {
    const tags = tagRows(vocab, framesOf.all(r.pid) as TagRow[]).map((f) => ({ frame: f.frame, score: f.score, hits: decodeHits(f.frame, f.hits, r.text, vocab) }));
    return queryRow({ ...r, edited: r.edited === 1 }, tags, flags, scoreFrames);
  });
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
      `SELECT (SELECT value FROM vocab WHERE id = frame_id) AS frame, sum(posts) AS posts, sum(flagged_posts) AS flagged
         FROM daily_frame_counts GROUP BY frame_id ORDER BY posts DESC, frame`,
    ),
    byChannel: all(
      `SELECT c.username AS channel, sum(d.posts) AS posts FROM daily_post_counts d JOIN channels c ON c.id = d.channel_id
        GROUP BY c.username ORDER BY posts DESC, channel`,
    ),
    lexiconVersions: lexiconVersions(db),
  };
}

/** Posts per lexicon version, most first ('?' for posts stored without one). */
function lexiconVersions(db: Db): { version: string; posts: number }[] {
  const rows = db
    .prepare('SELECT v.value AS version, count(*) AS posts FROM post_lexicon l JOIN vocab v ON v.id = l.lexicon_id GROUP BY l.lexicon_id')
    .all() as { version: string; posts: number }[];
  const total = db.prepare('SELECT count(*) FROM posts').pluck().get() as number;
  const without = total - rows.reduce((a, r) => a + r.posts, 0);
  if (without > 0) rows.push({ version: '?', posts: without });
  return rows.sort((a, b) => b.posts - a.posts || (a.version < b.version ? -1 : a.version > b.version ? 1 : 0));
}

/** Frame rows of a post as stored, hits with their frame. */
function storedFrames(vocab: Vocab, rows: TagRow[], text: string, lexiconVersion: string): StoredPost['frames'] {
  return tagRows(vocab, rows).map((f) => ({
    frame: f.frame,
    score: f.score,
    negated: f.negated === 1,
    quoted: f.quoted === 1,
    flagged: f.flagged === 1,
    lexiconVersion,
    hits: decodeHits(f.frame, f.hits, text, vocab),
  }));
}

/** The stored posts with these keys, in the order given. */
export function getPosts(db: Db, keys: readonly PostKey[]): StoredPost[] {
  const post = db.prepare(
    `SELECT p.id, c.username AS channel, p.message_id, p.posted_at, p.day, p.text, p.lang, p.lang_guess,
            p.lang_confidence, p.lang_reason, p.views, p.forwarded_from, p.forwarded_from_url, p.reply_to, p.edited, p.media_kinds,
            ${permalinkSql()} AS permalink, p.signature, p.links, p.link_preview, p.is_service, p.source, p.side, p.content_hash,
            (SELECT v.value FROM post_lexicon l JOIN vocab v ON v.id = l.lexicon_id WHERE l.post_id = p.id) AS lexicon_version,
            p.first_seen, ${lastSeenSql()} AS last_seen
       FROM posts p JOIN channels c ON c.id = p.channel_id WHERE c.username = ? AND p.message_id = ?`,
  );
  const frames = db.prepare('SELECT frame_id, score, hits, negated, quoted, flagged FROM post_frames WHERE post_id = ?');
  const vocab = vocabOf(db);
  const out: StoredPost[] = [];
  for (const k of keys) {
    const r = post.get(k.channel.toLowerCase(), k.messageId) as Record<string, unknown> | undefined;
    if (!r) continue;
    const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
    out.push({
      channel: String(r.channel),
      messageId: Number(r.message_id),
      postedAt: String(r.posted_at),
      day: String(r.day),
      text: String(r.text),
      normalizedText: normalizeText(String(r.text)),
      lang: r.lang as Lang,
      langGuess: String(r.lang_guess ?? ''),
      langConfidence: Number(r.lang_confidence ?? 0),
      langReason: String(r.lang_reason ?? ''),
      views: r.views === null ? null : Number(r.views),
      forwardedFrom: text(r.forwarded_from),
      forwardedFromUrl: text(r.forwarded_from_url),
      replyTo: r.reply_to === null ? null : Number(r.reply_to),
      edited: r.edited === 1,
      mediaKinds: JSON.parse(String(r.media_kinds)) as string[],
      permalink: text(r.permalink),
      signature: text(r.signature),
      links: JSON.parse(String(r.links)) as string[],
      linkPreview: r.link_preview === null ? null : (JSON.parse(String(r.link_preview)) as StoredPost['linkPreview']),
      isService: r.is_service === 1,
      source: text(r.source),
      side: (r.side ?? null) as StoredPost['side'],
      contentHash: String(r.content_hash),
      lexiconVersion: String(r.lexicon_version ?? ''),
      firstSeen: String(r.first_seen),
      lastSeen: String(r.last_seen),
      frames: storedFrames(vocab, frames.all(r.id) as TagRow[], String(r.text), String(r.lexicon_version ?? '')),
    });
  }
  return out;
}

/** A page of stored posts' raw input to derivation, in row id order (reclassify). */
export function rederiveSources(db: Db, afterKey: number, limit: number): RederiveSource[] {
  return db
    .prepare(
      `SELECT p.id AS key, c.username AS channel, p.text, p.lang, p.lang_guess AS langGuess, p.lang_confidence AS langConfidence,
              p.lang_reason AS langReason, p.side
         FROM posts p JOIN channels c ON c.id = p.channel_id
        WHERE p.id > ? ORDER BY p.id LIMIT ?`,
    )
    .all(afterKey, limit) as RederiveSource[];
}
