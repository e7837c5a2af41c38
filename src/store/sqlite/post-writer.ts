// All SQL that writes posts and their derived tags: ingest batches and re-derived tags.
import type { FrameTag, Lang } from '../../types.js';
import type { ChannelProfileUpdate, IngestBatch, IngestResult, PostRecord, Rederived } from '../store.js';
import { dayInZone } from '../../util/day-in-zone.js';
import type { CollectionSql } from './collection-store.js';
import { reindexEdited } from './fts-index.js';
import { isFlagged, parseJsonHits } from '../query-rows.js';
import { encodeHits, jsonHits } from './hits-codec.js';
import type { Db } from './open-database.js';
import { DERIVED, storedLastSeenSql, storedPermalink } from './post-columns.js';
import { vocabOf } from './vocab.js';

/** Where a post is counted in the daily aggregates. */
interface AggregateKey {
  day: string;
  channelId: number;
  lang: Lang;
}

/**
 * Writes posts and tags. Deletes and updates keep the daily aggregates exact through triggers
 * (001, 008); inserts, the bulk path, are counted here and applied by `flush()` in the same
 * transaction, a few upserts per batch instead of several trigger statements per post.
 */
export interface PostWriter {
  /** Writes a batch inside the caller's transaction. */
  writeBatch(batch: IngestBatch): IngestResult;
  /** Creates the channel if needed; a given hint or side replaces the stored one. Returns its id. */
  ensureChannel(update: ChannelProfileUpdate): number;
  /**
   * Replaces language and tags of stored posts inside the caller's transaction, writing only what
   * differs from what is stored; returns how many posts changed language or tags.
   */
  replaceDerived(items: readonly Rederived[]): number;
  /** Drops the cached channel ids (a channel was removed, here or by another process). */
  forgetChannels(): void;
  /** A write transaction ended (committed or rolled back): strings it added are cached or forgotten. */
  settle(): void;
}

/** A post's fields that derivation may change, as stored. */
interface DerivableRow {
  id: number;
  day: string;
  channelId: number;
  lang: Lang;
  langGuess: string | null;
  langConfidence: number | null;
  langReason: string | null;
  text: string;
  lexiconId: number | null;
}

/** A tag as stored in post_frames. */
interface FrameRow {
  frame_id: number;
  score: number;
  negated: number;
  quoted: number;
  flagged: number;
  hits: Buffer | string;
}

export function createPostWriter(db: Db, timezone: string, collection: CollectionSql): PostWriter {
  const vocab = vocabOf(db);
  const selChannel = db.prepare('SELECT id, lang_hint, side FROM channels WHERE username = ?');
  const insChannel = db.prepare(
    'INSERT INTO channels(username, lang_hint, side, created_at, updated_at) VALUES (?, ?, ?, ?, ?) RETURNING id',
  );
  const setHint = db.prepare('UPDATE channels SET lang_hint = ?, updated_at = ? WHERE id = ?');
  const setSide = db.prepare('UPDATE channels SET side = ?, updated_at = ? WHERE id = ?');
  const find = db.prepare('SELECT id, content_hash, text FROM posts WHERE channel_id = ? AND message_id = ?').raw();
  // Positional parameters in this order (cheaper to bind than named ones, once per post).
  const insert = db
    .prepare(
      `INSERT INTO posts(channel_id, message_id, posted_at, day, text, lang, lang_guess, lang_confidence, lang_reason, views,
         forwarded_from, forwarded_from_url, reply_to, edited, media_kinds, permalink, signature, links, link_preview,
         is_service, source, content_hash, side, first_seen, last_seen)
       VALUES (${Array(25).fill('?').join(', ')}) RETURNING id`,
    )
    .pluck();
  const update = db.prepare(
    `UPDATE posts SET channel_id = ?, message_id = ?, posted_at = ?, day = ?, text = ?, lang = ?, lang_guess = ?,
       lang_confidence = ?, lang_reason = ?, views = coalesce(?, views), forwarded_from = ?, forwarded_from_url = ?,
       reply_to = ?, edited = ?, media_kinds = ?, permalink = coalesce(?, permalink), signature = ?, links = ?,
       link_preview = ?, is_service = ?, source = ?, content_hash = ?, side = ?, last_seen = ${storedLastSeenSql()}
     WHERE id = ?`,
  );
  const touch = db.prepare(`UPDATE posts SET views = coalesce(?, views), last_seen = ${storedLastSeenSql()} WHERE id = ?`);
  const setLexicon = db.prepare(
    `INSERT INTO post_lexicon(post_id, lexicon_id) VALUES (?, ?)
     ON CONFLICT(post_id) DO UPDATE SET lexicon_id = excluded.lexicon_id WHERE lexicon_id IS NOT excluded.lexicon_id`,
  );
  const delFrames = db.prepare('DELETE FROM post_frames WHERE post_id = ?');
  const delFrame = db.prepare('DELETE FROM post_frames WHERE post_id = ? AND frame_id = ?');
  const addPosts = db.prepare(
    `INSERT INTO daily_post_counts(day, channel_id, lang, posts) VALUES (?, ?, ?, ?)
     ON CONFLICT(day, channel_id, lang) DO UPDATE SET posts = posts + excluded.posts`,
  );
  const addFrameCounts = db.prepare(
    `INSERT INTO daily_frame_counts(day, channel_id, lang, frame_id, posts, flagged_posts) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(frame_id, day, channel_id, lang) DO UPDATE
        SET posts = posts + excluded.posts, flagged_posts = flagged_posts + excluded.flagged_posts`,
  );
  const insFrame = db.prepare(
    'INSERT INTO post_frames(post_id, frame_id, score, negated, quoted, flagged, hits) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const updFrame = db.prepare(
    'UPDATE post_frames SET score = ?, negated = ?, quoted = ?, flagged = ?, hits = ? WHERE post_id = ? AND frame_id = ?',
  );
  // Reclassify reads what is stored for a page of posts in two range scans (ids BETWEEN ? AND ?),
  // not two lookups per post; pages of scattered ids fall back to the lookups.
  const DERIVABLE = `SELECT p.id, p.day, p.channel_id AS channelId, p.lang, p.lang_guess AS langGuess, p.lang_confidence AS langConfidence,
            p.lang_reason AS langReason, p.text, l.lexicon_id AS lexiconId
       FROM posts p LEFT JOIN post_lexicon l ON l.post_id = p.id`;
  const selDerivable = db.prepare(`${DERIVABLE} WHERE p.id = ?`);
  const selDerivableRange = db.prepare(`${DERIVABLE} WHERE p.id BETWEEN ? AND ?`);
  const FRAME_ROWS = 'SELECT post_id, frame_id, score, negated, quoted, flagged, hits FROM post_frames';
  const frameRows = db.prepare(`${FRAME_ROWS} WHERE post_id = ?`);
  const frameRowsRange = db.prepare(`${FRAME_ROWS} WHERE post_id BETWEEN ? AND ?`);
  const setDerived = db.prepare('UPDATE posts SET lang = ?, lang_guess = ?, lang_confidence = ?, lang_reason = ? WHERE id = ?');

  // Pending aggregate increments, keyed "day|channelId|lang" and "day|channelId|lang|frameId".
  const pendingPosts = new Map<string, number>();
  const pendingFrames = new Map<string, [number, number]>();
  function flush(): void {
    for (const [key, n] of pendingPosts) {
      const [day, channelId, lang] = key.split('|');
      addPosts.run(day, Number(channelId), lang, n);
    }
    for (const [key, [n, flagged]] of pendingFrames) {
      const [day, channelId, lang, frameId] = key.split('|');
      addFrameCounts.run(day, Number(channelId), lang, Number(frameId), n, flagged);
    }
    pendingPosts.clear();
    pendingFrames.clear();
  }

  function countFrame(at: AggregateKey, frameId: number, flagged: number): void {
    const key = `${at.day}|${at.channelId}|${at.lang}|${frameId}`;
    const c = pendingFrames.get(key);
    if (c) {
      c[0] += 1;
      c[1] += flagged;
    } else pendingFrames.set(key, [1, flagged]);
  }

  /** A tag as it is stored for a post with this text. */
  function frameRow(f: FrameTag, text: string): FrameRow {
    return {
      frame_id: vocab.idOf(f.frame),
      score: f.score,
      negated: f.negated ? 1 : 0,
      quoted: f.quoted ? 1 : 0,
      flagged: isFlagged(f) ? 1 : 0,
      hits: encodeHits(f.hits, text, vocab) ?? jsonHits(f.hits),
    };
  }

  function insertFrame(postId: number, r: FrameRow): void {
    insFrame.run(postId, r.frame_id, r.score, r.negated, r.quoted, r.flagged, r.hits);
  }

  /** Deletes a post's tags; triggers take them out of the aggregates under the post's current day/lang. */
  function clearFrames(postId: number): void {
    flush(); // the delete trigger subtracts counts that must already be in the table
    delFrames.run(postId);
  }

  /** Inserts tags for a post that currently has none, counted under `at`. */
  function addFrames(postId: number, text: string, frames: readonly FrameTag[], at: AggregateKey): void {
    for (const f of frames) {
      const r = frameRow(f, text);
      insertFrame(postId, r);
      countFrame(at, r.frame_id, r.flagged);
    }
  }

  // Channel ids by username. Another process may remove a channel meanwhile: the insert that uses
  // its old id then fails its foreign key, and the store forgets these and writes the batch again.
  const channelIds = new Map<string, number>();

  function ensureChannel(u: ChannelProfileUpdate): number {
    const key = u.username.toLowerCase();
    const cached = channelIds.get(key);
    if (cached !== undefined && u.hint === undefined && u.side === undefined) return cached;
    const row = selChannel.get(key) as { id: number; lang_hint: string | null; side: string | null } | undefined;
    let id: number;
    if (!row) {
      const now = new Date().toISOString();
      id = (insChannel.get(key, u.hint ?? null, u.side ?? null, now, now) as { id: number }).id;
    } else {
      id = row.id;
      if (u.hint !== undefined && u.hint !== row.lang_hint) setHint.run(u.hint, new Date().toISOString(), id);
      if (u.side !== undefined && u.side !== row.side) setSide.run(u.side, new Date().toISOString(), id);
    }
    channelIds.set(key, id);
    return id;
  }

  const EMPTY = '[]';
  const json = (xs: readonly string[]): string => (xs.length ? JSON.stringify(xs) : EMPTY);
  /** The posts columns of a record, in the order of `insert` and `update`. */
  const columns = (p: PostRecord, channelId: number, day: string, seenAt: string): unknown[] => [
    channelId,
    p.messageId,
    p.postedAt,
    day,
    p.text,
    p.lang,
    p.langGuess,
    p.langConfidence,
    p.langReason,
    p.views,
    p.forwardedFrom,
    p.forwardedFromUrl,
    p.replyTo,
    p.edited ? 1 : 0,
    json(p.mediaKinds),
    storedPermalink(p.permalink, p.channel, p.messageId),
    p.signature,
    json(p.links),
    p.linkPreview ? JSON.stringify(p.linkPreview) : null,
    p.isService ? 1 : 0,
    p.source,
    p.contentHash,
    p.side,
    seenAt,
  ];

  function writeBatch(batch: IngestBatch): IngestResult {
    const result: IngestResult = { new: 0, updated: 0, unchanged: 0 };
    // Counts left by a batch that failed half-way were rolled back with it.
    pendingPosts.clear();
    pendingFrames.clear();
    for (const c of batch.channels ?? []) ensureChannel(c);
    const idOf = (username: string): number => ensureChannel({ username });
    let lexicon = '';
    let lexiconId = 0;
    for (const p of batch.posts) {
      const channelId = idOf(p.channel);
      const existing = find.get(channelId, p.messageId) as [number, string, string] | undefined;
      if (existing && existing[1] === p.contentHash) {
        touch.run(p.views, batch.seenAt, existing[0]);
        result.unchanged++;
        continue;
      }
      if (p.lexiconVersion !== lexicon || lexiconId === 0) {
        lexicon = p.lexiconVersion;
        lexiconId = vocab.idOf(lexicon);
      }
      const day = dayInZone(p.postedAt, timezone);
      const row = columns(p, channelId, day, batch.seenAt);
      const at = { day, channelId, lang: p.lang };
      if (existing) {
        const [id, , oldText] = existing;
        // Drop the old tags first so the aggregate triggers see the post's old day/lang.
        clearFrames(id);
        flush(); // the update trigger moves counts that must already be in the table
        update.run(...row, id);
        if (oldText !== p.text) reindexEdited(db, id, p.text);
        setLexicon.run(id, lexiconId);
        addFrames(id, p.text, p.frames, at);
        result.updated++;
      } else {
        const id = insert.get(...row, DERIVED) as number; // last_seen: the same as first_seen
        setLexicon.run(id, lexiconId);
        addFrames(id, p.text, p.frames, at);
        const key = `${day}|${channelId}|${p.lang}`;
        pendingPosts.set(key, (pendingPosts.get(key) ?? 0) + 1);
        result.new++;
      }
    }
    flush();
    if (batch.page) {
      const channelId = idOf(batch.page.channel);
      const { covered, runId } = batch.page;
      if (covered) collection.addSegment(channelId, covered.lo, covered.hi);
      collection.addRunChannelProgress(runId, channelId, { pages: 1, newPosts: result.new, updatedPosts: result.updated });
    }
    return result;
  }

  /** The same tag as stored (score, flags and the exact bytes of its hits). */
  const sameRow = (a: FrameRow, b: FrameRow): boolean =>
    a.score === b.score &&
    a.negated === b.negated &&
    a.quoted === b.quoted &&
    a.flagged === b.flagged &&
    (typeof a.hits === 'string' || typeof b.hits === 'string' ? a.hits === b.hits : a.hits.equals(b.hits));

  /**
   * A post's stored tags by frame id. Rows written before 008 hold JSON: they are compared in the
   * compact form and marked `legacy`, to be rewritten compactly even when they say the same.
   */
  function storedRows(rows: readonly FrameRow[], text: string): Map<number, FrameRow & { legacy: boolean }> {
    const out = new Map<number, FrameRow & { legacy: boolean }>();
    for (const r of rows) {
      if (typeof r.hits !== 'string') {
        out.set(r.frame_id, { ...r, legacy: false });
        continue;
      }
      const compact = encodeHits(parseJsonHits(vocab.valueOf(r.frame_id), r.hits), text, vocab);
      out.set(r.frame_id, { ...r, hits: compact ?? r.hits, legacy: compact !== null });
    }
    return out;
  }

  /** What is stored for these posts: the posts' derivable fields and their tag rows, by post id. */
  function storedFor(items: readonly Rederived[]): { posts: Map<number, DerivableRow>; frames: Map<number, FrameRow[]> } {
    const posts = new Map<number, DerivableRow>();
    const frames = new Map<number, FrameRow[]>();
    const addFrame = (r: FrameRow & { post_id: number }): void => {
      const list = frames.get(r.post_id);
      if (list) list.push(r);
      else frames.set(r.post_id, [r]);
    };
    let lo = Infinity;
    let hi = -Infinity;
    for (const it of items) {
      if (it.key < lo) lo = it.key;
      if (it.key > hi) hi = it.key;
    }
    if (items.length && hi - lo < 4 * items.length) {
      for (const r of selDerivableRange.all(lo, hi) as DerivableRow[]) posts.set(r.id, r);
      for (const r of frameRowsRange.all(lo, hi) as (FrameRow & { post_id: number })[]) addFrame(r);
    } else {
      for (const it of items) {
        const r = selDerivable.get(it.key) as DerivableRow | undefined;
        if (r) posts.set(r.id, r);
        for (const f of frameRows.all(it.key) as (FrameRow & { post_id: number })[]) addFrame(f);
      }
    }
    return { posts, frames };
  }

  function replaceDerived(items: readonly Rederived[]): number {
    pendingPosts.clear();
    pendingFrames.clear();
    let changed = 0;
    let lexicon = '';
    let lexiconId = 0;
    const held = storedFor(items);
    const seen = new Set<number>();
    for (const it of items) {
      // A post named twice is read again: the first pass may have changed it.
      if (seen.has(it.key)) {
        const again = storedFor([it]);
        held.posts.delete(it.key);
        const p = again.posts.get(it.key);
        if (p) held.posts.set(it.key, p);
        held.frames.set(it.key, again.frames.get(it.key) ?? []);
      }
      seen.add(it.key);
      const post = held.posts.get(it.key);
      if (!post) continue; // removed meanwhile
      if (it.lexiconVersion !== lexicon || lexiconId === 0) {
        lexicon = it.lexiconVersion;
        lexiconId = vocab.idOf(lexicon);
      }
      if (post.lexiconId !== lexiconId) setLexicon.run(it.key, lexiconId);

      const stored = storedRows(held.frames.get(it.key) ?? [], post.text);
      const fresh = it.frames.map((f) => ({ tag: f, row: frameRow(f, post.text) }));
      const langChanged = post.lang !== it.lang;
      const langFields = langChanged || post.langGuess !== it.langGuess || post.langConfidence !== it.langConfidence || post.langReason !== it.langReason;
      let framesChanged = stored.size !== fresh.length;
      let rewrite = false;
      for (const { row } of fresh) {
        const old = stored.get(row.frame_id);
        if (!old || !sameRow(old, row)) framesChanged = true;
        else if (old.legacy) rewrite = true;
      }
      if (!langFields && !framesChanged && !rewrite) continue;
      if (langChanged) {
        // Remove tags first so aggregate triggers count them under the post's old language.
        clearFrames(it.key);
        setDerived.run(it.lang, it.langGuess, it.langConfidence, it.langReason, it.key);
        const at = { day: post.day, channelId: post.channelId, lang: it.lang };
        for (const { row } of fresh) {
          insertFrame(it.key, row);
          countFrame(at, row.frame_id, row.flagged);
        }
      } else {
        if (langFields) setDerived.run(it.lang, it.langGuess, it.langConfidence, it.langReason, it.key);
        const at = { day: post.day, channelId: post.channelId, lang: post.lang };
        const kept = new Set<number>();
        for (const { row } of fresh) {
          kept.add(row.frame_id);
          const old = stored.get(row.frame_id);
          if (!old) {
            insertFrame(it.key, row);
            countFrame(at, row.frame_id, row.flagged);
          } else if (old.legacy || !sameRow(old, row)) {
            // The flagged trigger moves the flagged count when it changes.
            updFrame.run(row.score, row.negated, row.quoted, row.flagged, row.hits, it.key, row.frame_id);
          }
        }
        for (const id of stored.keys()) {
          if (kept.has(id)) continue;
          flush(); // the delete trigger subtracts counts that must already be in the table
          delFrame.run(it.key, id);
        }
      }
      if (langChanged || framesChanged) changed++;
    }
    flush();
    return changed;
  }

  return { writeBatch, ensureChannel, replaceDerived, forgetChannels: () => channelIds.clear(), settle: () => vocab.settle() };
}

/** SQL of a fresh recount of the daily aggregates from posts and post_frames. */
const FRESH_POSTS = 'SELECT day, channel_id, lang, count(*) AS posts FROM posts GROUP BY day, channel_id, lang';
const FRESH_FRAMES = `SELECT p.day, p.channel_id, p.lang, pf.frame_id, count(*) AS posts, sum(pf.flagged) AS flagged
   FROM post_frames pf JOIN posts p ON p.id = pf.post_id
  GROUP BY p.day, p.channel_id, p.lang, pf.frame_id`;

/**
 * Recounts both daily aggregate tables from posts and post_frames in one pass each, and writes only
 * the rows that differ (the rollup triggers move the same differences). The triggers keep the
 * aggregates exact; this repairs any drift and is the end of a reclassify.
 */
export function rebuildAggregates(db: Db): void {
  db.transaction(() => {
    db.exec(`
      CREATE TEMP TABLE fresh_posts (day TEXT, channel_id INTEGER, lang TEXT, posts INTEGER,
                                     PRIMARY KEY (day, channel_id, lang)) WITHOUT ROWID;
      INSERT INTO fresh_posts ${FRESH_POSTS};
      DELETE FROM daily_post_counts AS d WHERE NOT EXISTS
        (SELECT 1 FROM fresh_posts f WHERE f.day = d.day AND f.channel_id = d.channel_id AND f.lang = d.lang);
      UPDATE daily_post_counts AS d SET posts = f.posts FROM fresh_posts f
       WHERE f.day = d.day AND f.channel_id = d.channel_id AND f.lang = d.lang AND f.posts <> d.posts;
      INSERT INTO daily_post_counts(day, channel_id, lang, posts)
        SELECT day, channel_id, lang, posts FROM fresh_posts f WHERE NOT EXISTS
          (SELECT 1 FROM daily_post_counts d WHERE f.day = d.day AND f.channel_id = d.channel_id AND f.lang = d.lang);
      DROP TABLE fresh_posts;

      CREATE TEMP TABLE fresh_frames (day TEXT, channel_id INTEGER, lang TEXT, frame_id INTEGER, posts INTEGER, flagged INTEGER,
                                      PRIMARY KEY (frame_id, day, channel_id, lang)) WITHOUT ROWID;
      INSERT INTO fresh_frames ${FRESH_FRAMES};
      DELETE FROM daily_frame_counts AS d WHERE NOT EXISTS
        (SELECT 1 FROM fresh_frames f WHERE f.frame_id = d.frame_id AND f.day = d.day AND f.channel_id = d.channel_id AND f.lang = d.lang);
      UPDATE daily_frame_counts AS d SET posts = f.posts, flagged_posts = f.flagged FROM fresh_frames f
       WHERE f.frame_id = d.frame_id AND f.day = d.day AND f.channel_id = d.channel_id AND f.lang = d.lang
         AND (f.posts <> d.posts OR f.flagged <> d.flagged_posts);
      INSERT INTO daily_frame_counts(day, channel_id, lang, frame_id, posts, flagged_posts)
        SELECT day, channel_id, lang, frame_id, posts, flagged FROM fresh_frames f WHERE NOT EXISTS
          (SELECT 1 FROM daily_frame_counts d WHERE f.frame_id = d.frame_id AND f.day = d.day AND f.channel_id = d.channel_id AND f.lang = d.lang);
      DROP TABLE fresh_frames;`);
  })();
}

/** Differences between the stored aggregates and a fresh recount; empty when exact. */
export function aggregateDrift(db: Db): string[] {
  const rows = db
    .prepare(
      `WITH fresh AS (${FRESH_POSTS})
       SELECT 'posts ' || coalesce(f.day, d.day) || ' ' || coalesce(f.lang, d.lang) || ': stored ' ||
              coalesce(d.posts, 0) || ', actual ' || coalesce(f.posts, 0) AS msg
         FROM fresh f FULL OUTER JOIN daily_post_counts d
           ON d.day = f.day AND d.channel_id = f.channel_id AND d.lang = f.lang
        WHERE coalesce(f.posts, 0) <> coalesce(d.posts, 0)
       UNION ALL
       SELECT 'frame ' || coalesce((SELECT value FROM vocab WHERE id = coalesce(f.frame_id, d.frame_id)), '#' || coalesce(f.frame_id, d.frame_id)) ||
              ' ' || coalesce(f.day, d.day) || ': stored ' ||
              coalesce(d.posts, 0) || '/' || coalesce(d.flagged_posts, 0) || ', actual ' ||
              coalesce(f.posts, 0) || '/' || coalesce(f.flagged, 0)
         FROM (${FRESH_FRAMES}) f
         FULL OUTER JOIN daily_frame_counts d
           ON d.frame_id = f.frame_id AND d.day = f.day AND d.channel_id = f.channel_id AND d.lang = f.lang
        WHERE coalesce(f.posts, 0) <> coalesce(d.posts, 0) OR coalesce(f.flagged, 0) <> coalesce(d.flagged_posts, 0)`,
    )
    .all() as { msg: string }[];
  return rows.map((r) => r.msg);
}
