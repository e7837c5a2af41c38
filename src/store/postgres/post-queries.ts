// Read-side SQL for posts on PostgreSQL: filters, full-text search, stats, stored posts with their
// evidence. Shapes and orders follow the port (src/store/store.ts), as the SQLite adapter's do.
import type { Lang } from '../../types.js';
import type { FlagsMode, PostFilter, PostKey, QueryRow, RederiveSource, Stats, StoredFrame, StoredPost } from '../store.js';
import { parseJsonHits, queryRow, type PostFields } from '../query-rows.js';
import { one, rows, type Queryable } from './connection.js';
import { toTsquery } from './text-search.js';

/** Numbered placeholders, collected in order. */
export class Params {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

/** SQL condition on a post_frames row aliased `pf`: true when the frame counts under `mode`. */
export function frameCountsSql(mode: FlagsMode = 'include'): string {
  if (mode === 'exclude') return 'NOT pf.flagged';
  if (mode === 'only') return 'pf.flagged';
  return 'true';
}

function isoInstant(v: string): string {
  const ms = Date.parse(v);
  if (Number.isNaN(ms)) throw new RangeError(`not a date: ${v}`);
  return new Date(ms).toISOString();
}

/** A post as read, with its row id. */
interface RawRow extends PostFields {
  pid: number;
}

export async function queryPosts(q: Queryable, f: PostFilter): Promise<QueryRow[]> {
  const p = new Params();
  const where: string[] = [];
  const flags = f.flags ?? 'include';
  const counts = frameCountsSql(flags);
  const frames = [...new Set(f.frames ?? [])];
  const sort = f.sort ?? 'date';
  let scoreCol = '';
  if (sort === 'score') {
    const only = frames.length ? `AND pf.frame = ANY(${p.add(frames)}::text[])` : '';
    scoreCol = `, (SELECT coalesce(sum(pf.score), 0) FROM post_frames pf WHERE pf.post_id = p.id ${only} AND ${counts}) AS sort_score`;
  }
  let rank = '';
  if (f.text) {
    const tsq = toTsquery(f.text);
    if (tsq === null) return [];
    const tq = `to_tsquery('simple', ${p.add(tsq)})`;
    where.push(`p.tsv @@ ${tq}`);
    if (sort === 'score') rank = `ts_rank(p.tsv, ${tq}) DESC, `;
  }
  if (frames.length) {
    const list = p.add(frames);
    if (f.match === 'all' && frames.length > 1) {
      where.push(
        `(SELECT count(DISTINCT pf.frame) FROM post_frames pf WHERE pf.post_id = p.id AND pf.frame = ANY(${list}::text[]) AND ${counts}) = ${p.add(frames.length)}`,
      );
    } else {
      where.push(`EXISTS (SELECT 1 FROM post_frames pf WHERE pf.post_id = p.id AND pf.frame = ANY(${list}::text[]) AND ${counts})`);
    }
  } else if (flags !== 'include') {
    where.push(`EXISTS (SELECT 1 FROM post_frames pf WHERE pf.post_id = p.id AND ${counts})`);
  }
  if (f.langs?.length) where.push(`p.lang = ANY(${p.add(f.langs)}::text[])`);
  if (f.channels?.length) where.push(`c.username = ANY(${p.add(f.channels.map((c) => c.replace(/^@/, '').toLowerCase()))}::text[])`);
  if (f.since) where.push(`p.posted_at >= ${p.add(isoInstant(f.since))}`);
  if (f.until) where.push(`p.posted_at < ${p.add(isoInstant(f.until))}`);
  const order = sort === 'score' ? `sort_score DESC, ${rank}p.posted_at DESC, p.id DESC` : 'p.posted_at DESC, p.id DESC';
  const sql = `SELECT p.id AS pid, c.username AS channel, p.message_id, p.posted_at, p.lang, p.lang_guess, p.text, p.views,
                      p.edited, p.forwarded_from, p.reply_to, p.media_kinds, p.permalink${scoreCol}
                 FROM posts p JOIN channels c ON c.id = p.channel_id
                ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
                ORDER BY ${order} LIMIT ${p.add(f.limit ?? 100)} OFFSET ${p.add(f.offset ?? 0)}`;
  const raw = await rows<RawRow>(q, sql, p.values);
  return attachFrames(q, raw, flags, frames);
}

async function attachFrames(q: Queryable, raw: RawRow[], flags: FlagsMode, filterFrames: string[]): Promise<QueryRow[]> {
  const byPost = await framesOf(q, raw.map((r) => r.pid));
  const scoreFrames = filterFrames.length ? new Set(filterFrames) : null;
  return raw.map((r) => queryRow(r, byPost.get(r.pid) ?? [], flags, scoreFrames));
}

/** The frames of these posts, each list highest score first, then by frame. */
export async function framesOf(q: Queryable, postIds: number[]): Promise<Map<number, StoredFrame[]>> {
  const out = new Map<number, StoredFrame[]>();
  if (!postIds.length) return out;
  const fr = await rows<{ post_id: number; frame: string; score: number; hits: string; negated: boolean; quoted: boolean; flagged: boolean; lexicon_version: string }>(
    q,
    `SELECT post_id, frame, score, hits, negated, quoted, flagged, lexicon_version FROM post_frames
      WHERE post_id = ANY($1::bigint[]) ORDER BY post_id, score DESC, frame`,
    [postIds],
  );
  for (const f of fr) {
    const list = out.get(f.post_id) ?? [];
    list.push({
      frame: f.frame,
      score: f.score,
      negated: f.negated,
      quoted: f.quoted,
      flagged: f.flagged,
      lexiconVersion: f.lexicon_version,
      hits: parseJsonHits(f.frame, f.hits),
    });
    out.set(f.post_id, list);
  }
  return out;
}

const POST_COLUMNS = `p.id, c.username AS channel, p.message_id, p.posted_at, p.day, p.text, p.normalized_text, p.lang, p.lang_guess,
  p.lang_confidence, p.lang_reason, p.views, p.forwarded_from, p.forwarded_from_url, p.reply_to, p.edited, p.media_kinds,
  p.permalink, p.signature, p.links, p.link_preview, p.is_service, p.source, p.side, p.content_hash, p.lexicon_version,
  p.first_seen, p.last_seen`;

type PostRow = Record<string, unknown> & { id: number };

function storedPost(r: PostRow, frames: StoredFrame[]): StoredPost {
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    channel: String(r.channel),
    messageId: Number(r.message_id),
    postedAt: String(r.posted_at),
    day: String(r.day),
    text: String(r.text),
    normalizedText: String(r.normalized_text),
    lang: r.lang as Lang,
    langGuess: String(r.lang_guess ?? ''),
    langConfidence: Number(r.lang_confidence ?? 0),
    langReason: String(r.lang_reason ?? ''),
    views: r.views === null ? null : Number(r.views),
    forwardedFrom: text(r.forwarded_from),
    forwardedFromUrl: text(r.forwarded_from_url),
    replyTo: r.reply_to === null ? null : Number(r.reply_to),
    edited: r.edited === true,
    mediaKinds: JSON.parse(String(r.media_kinds)) as string[],
    permalink: text(r.permalink),
    signature: text(r.signature),
    links: JSON.parse(String(r.links)) as string[],
    linkPreview: r.link_preview === null ? null : (JSON.parse(String(r.link_preview)) as StoredPost['linkPreview']),
    isService: r.is_service === true,
    source: text(r.source),
    side: (r.side ?? null) as StoredPost['side'],
    contentHash: String(r.content_hash),
    lexiconVersion: String(r.lexicon_version ?? ''),
    firstSeen: String(r.first_seen),
    lastSeen: String(r.last_seen),
    frames,
  };
}

/** The stored posts with these keys, in the order given (missing ones left out). */
export async function getPosts(q: Queryable, keys: readonly PostKey[]): Promise<StoredPost[]> {
  if (!keys.length) return [];
  const found = await rows<PostRow & { k: number }>(
    q,
    `SELECT k.ord AS k, ${POST_COLUMNS}
       FROM unnest($1::text[], $2::bigint[]) WITH ORDINALITY AS k(channel, message_id, ord)
       JOIN channels c ON c.username = k.channel
       JOIN posts p ON p.channel_id = c.id AND p.message_id = k.message_id
      ORDER BY k.ord`,
    [keys.map((k) => k.channel.toLowerCase()), keys.map((k) => k.messageId)],
  );
  const frames = await framesOf(q, found.map((r) => r.id));
  return found.map((r) => storedPost(r, frames.get(r.id) ?? []));
}

/** Up to `limit` posts with an id above `afterId`, in id order, with their ids. */
export async function postsAfter(q: Queryable, afterId: number, limit: number): Promise<(StoredPost & { key: number })[]> {
  const found = await rows<PostRow>(
    q,
    `SELECT ${POST_COLUMNS} FROM posts p JOIN channels c ON c.id = p.channel_id WHERE p.id > $1 ORDER BY p.id LIMIT $2`,
    [afterId, limit],
  );
  const frames = await framesOf(q, found.map((r) => r.id));
  return found.map((r) => ({ ...storedPost(r, frames.get(r.id) ?? []), key: r.id }));
}

export async function rederiveSources(q: Queryable, afterKey: number, limit: number): Promise<RederiveSource[]> {
  return rows<RederiveSource>(
    q,
    `SELECT p.id AS key, c.username AS channel, p.text, p.lang, p.lang_guess AS "langGuess", p.lang_confidence AS "langConfidence",
            p.lang_reason AS "langReason", p.side
       FROM posts p JOIN channels c ON c.id = p.channel_id
      WHERE p.id > $1 ORDER BY p.id LIMIT $2`,
    [afterKey, limit],
  );
}

/** Totals come from the daily aggregates, not from scanning posts. */
export async function stats(q: Queryable): Promise<Stats> {
  const n = async (sql: string) => (await one<{ n: number }>(q, sql))!.n;
  return {
    posts: await n('SELECT coalesce(sum(posts), 0) AS n FROM daily_post_counts'),
    channels: await n('SELECT count(*) AS n FROM channels'),
    taggedPosts: await n('SELECT count(DISTINCT post_id) AS n FROM post_frames'),
    firstDate: (await one<{ d: string | null }>(q, 'SELECT min(posted_at) AS d FROM posts'))!.d,
    lastDate: (await one<{ d: string | null }>(q, 'SELECT max(posted_at) AS d FROM posts'))!.d,
    byLang: await rows(q, 'SELECT lang, sum(posts) AS posts FROM daily_post_counts GROUP BY lang ORDER BY posts DESC, lang'),
    byFrame: await rows(
      q,
      'SELECT frame, sum(posts) AS posts, sum(flagged_posts) AS flagged FROM daily_frame_counts GROUP BY frame ORDER BY posts DESC, frame',
    ),
    byChannel: await rows(
      q,
      `SELECT c.username AS channel, sum(d.posts) AS posts FROM daily_post_counts d JOIN channels c ON c.id = d.channel_id
        GROUP BY c.username ORDER BY posts DESC, channel`,
    ),
    lexiconVersions: await rows(
      q,
      `SELECT coalesce(lexicon_version, '?') AS version, count(*) AS posts FROM posts GROUP BY lexicon_version ORDER BY posts DESC`,
    ),
  };
}
