// All SQL that writes posts and their derived tags: ingest batches and re-derived tags.
import type { FrameTag, Lang } from '../../types.js';
import type { ChannelProfileUpdate, IngestBatch, IngestResult, PostRecord, Rederived } from '../store.js';
import { dayInZone } from '../../util/day-in-zone.js';
import type { CollectionSql } from './collection-store.js';
import type { Db } from './open-database.js';

/** Where a post is counted in the daily aggregates. */
interface AggregateKey {
  day: string;
  channelId: number;
  lang: Lang;
}

/**
 * Writes posts and tags. Deletes and updates keep the daily aggregates exact through triggers
 * (001-initial.sql); inserts, the bulk path, are counted here and applied by `flush()` in the same
 * transaction, a few upserts per batch instead of several trigger statements per post.
 */
export interface PostWriter {
  /** Writes a batch inside the caller's transaction. */
  writeBatch(batch: IngestBatch): IngestResult;
  /** Creates the channel if needed; a given hint or side replaces the stored one. Returns its id. */
  ensureChannel(update: ChannelProfileUpdate): number;
  /** Replaces language and tags of stored posts inside the caller's transaction; returns how many changed. */
  replaceDerived(items: readonly Rederived[]): number;
  /** Drops the cached channel ids (a channel was removed, here or by another process). */
  forgetChannels(): void;
}

export function createPostWriter(db: Db, timezone: string, collection: CollectionSql): PostWriter {
  const selChannel = db.prepare('SELECT id, lang_hint, side FROM channels WHERE username = ?');
  const insChannel = db.prepare(
    'INSERT INTO channels(username, lang_hint, side, created_at, updated_at) VALUES (?, ?, ?, ?, ?) RETURNING id',
  );
  const setHint = db.prepare('UPDATE channels SET lang_hint = ?, updated_at = ? WHERE id = ?');
  const setSide = db.prepare('UPDATE channels SET side = ?, updated_at = ? WHERE id = ?');
  const find = db.prepare('SELECT id, content_hash FROM posts WHERE channel_id = ? AND message_id = ?');
  const cols = `channel_id, message_id, posted_at, day, text, normalized_text, lang, lang_guess, lang_confidence,
    lang_reason, views, forwarded_from, forwarded_from_url, reply_to, edited, media_kinds, permalink, signature,
    links, link_preview, is_service, source, content_hash, lexicon_version, side`;
  const insert = db.prepare(
    `INSERT INTO posts(${cols}, first_seen, last_seen)
     VALUES (@channelId, @messageId, @postedAt, @day, @text, @normalizedText, @lang, @langGuess, @langConfidence,
       @langReason, @views, @forwardedFrom, @forwardedFromUrl, @replyTo, @edited, @mediaKinds, @permalink, @signature,
       @links, @linkPreview, @isService, @source, @contentHash, @lexiconVersion, @side, @seenAt, @seenAt) RETURNING id`,
  );
  const update = db.prepare(
    `UPDATE posts SET posted_at = @postedAt, day = @day, text = @text, normalized_text = @normalizedText,
       lang = @lang, lang_guess = @langGuess, lang_confidence = @langConfidence, lang_reason = @langReason,
       views = coalesce(@views, views), forwarded_from = @forwardedFrom, forwarded_from_url = @forwardedFromUrl,
       reply_to = @replyTo, edited = @edited, media_kinds = @mediaKinds, permalink = coalesce(@permalink, permalink),
       signature = @signature, links = @links, link_preview = @linkPreview, is_service = @isService,
       source = @source, content_hash = @contentHash, lexicon_version = @lexiconVersion, side = @side, last_seen = @seenAt
     WHERE id = @id`,
  );
  const touch = db.prepare('UPDATE posts SET views = coalesce(?, views), last_seen = ? WHERE id = ?');
  const delFrames = db.prepare('DELETE FROM post_frames WHERE post_id = ?');
  const addPosts = db.prepare(
    `INSERT INTO daily_post_counts(day, channel_id, lang, posts) VALUES (?, ?, ?, ?)
     ON CONFLICT(day, channel_id, lang) DO UPDATE SET posts = posts + excluded.posts`,
  );
  const addFrameCounts = db.prepare(
    `INSERT INTO daily_frame_counts(day, channel_id, lang, frame, posts, flagged_posts) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(day, frame, channel_id, lang) DO UPDATE
        SET posts = posts + excluded.posts, flagged_posts = flagged_posts + excluded.flagged_posts`,
  );
  const insFrame = db.prepare(
    `INSERT INTO post_frames(post_id, frame, score, hits, negated, quoted, flagged, lexicon_version)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const selDerivable = db.prepare('SELECT day, channel_id AS channelId, lang FROM posts WHERE id = ?');
  const frameRows = db.prepare('SELECT frame, score, hits, negated, quoted FROM post_frames WHERE post_id = ? ORDER BY frame');
  const setDerived = db.prepare(
    `UPDATE posts SET normalized_text = ?, lang = ?, lang_guess = ?, lang_confidence = ?, lang_reason = ?, lexicon_version = ?
      WHERE id = ?`,
  );

  // Pending aggregate increments, keyed "day|channelId|lang" and "day|channelId|lang|frame".
  const pendingPosts = new Map<string, number>();
  const pendingFrames = new Map<string, [number, number]>();
  function flush(): void {
    for (const [key, n] of pendingPosts) {
      const [day, channelId, lang] = key.split('|');
      addPosts.run(day, Number(channelId), lang, n);
    }
    for (const [key, [n, flagged]] of pendingFrames) {
      const [day, channelId, lang, frame] = key.split('|');
      addFrameCounts.run(day, Number(channelId), lang, frame, n, flagged);
    }
    pendingPosts.clear();
    pendingFrames.clear();
  }

  /** Deletes a post's tags; triggers take them out of the aggregates under the post's current day/lang. */
  function clearFrames(postId: number): void {
    flush(); // the delete trigger subtracts counts that must already be in the table
    delFrames.run(postId);
  }

  /** Inserts tags for a post that currently has none, counted under `at`. */
  function addFrames(postId: number, frames: readonly FrameTag[], lexiconVersion: string, at: AggregateKey): void {
    for (const f of frames) {
      const hits = f.hits.map(({ frame: _f, ...h }) => h);
      const flagged = f.hits.length > 0 && f.hits.every((h) => h.negated || h.quoted) ? 1 : 0;
      insFrame.run(postId, f.frame, f.score, JSON.stringify(hits), f.negated ? 1 : 0, f.quoted ? 1 : 0, flagged, lexiconVersion);
      const key = `${at.day}|${at.channelId}|${at.lang}|${f.frame}`;
      const c = pendingFrames.get(key);
      if (c) {
        c[0] += 1;
        c[1] += flagged;
      } else pendingFrames.set(key, [1, flagged]);
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

  const columns = (p: PostRecord, channelId: number, day: string, seenAt: string) => ({
    channelId,
    messageId: p.messageId,
    postedAt: p.postedAt,
    day,
    text: p.text,
    normalizedText: p.normalizedText,
    lang: p.lang,
    langGuess: p.langGuess,
    langConfidence: p.langConfidence,
    langReason: p.langReason,
    views: p.views,
    forwardedFrom: p.forwardedFrom,
    forwardedFromUrl: p.forwardedFromUrl,
    replyTo: p.replyTo,
    edited: p.edited ? 1 : 0,
    mediaKinds: JSON.stringify(p.mediaKinds),
    permalink: p.permalink,
    signature: p.signature,
    links: JSON.stringify(p.links),
    linkPreview: p.linkPreview ? JSON.stringify(p.linkPreview) : null,
    isService: p.isService ? 1 : 0,
    source: p.source,
    contentHash: p.contentHash,
    lexiconVersion: p.lexiconVersion,
    side: p.side,
    seenAt,
  });

  function writeBatch(batch: IngestBatch): IngestResult {
    const result: IngestResult = { new: 0, updated: 0, unchanged: 0 };
    // Counts left by a batch that failed half-way were rolled back with it.
    pendingPosts.clear();
    pendingFrames.clear();
    for (const c of batch.channels ?? []) ensureChannel(c);
    const idOf = (username: string): number => ensureChannel({ username });
    for (const p of batch.posts) {
      const channelId = idOf(p.channel);
      const existing = find.get(channelId, p.messageId) as { id: number; content_hash: string } | undefined;
      if (existing && existing.content_hash === p.contentHash) {
        touch.run(p.views, batch.seenAt, existing.id);
        result.unchanged++;
        continue;
      }
      const day = dayInZone(p.postedAt, timezone);
      const row = columns(p, channelId, day, batch.seenAt);
      const at = { day, channelId, lang: p.lang };
      if (existing) {
        // Drop the old tags first so the aggregate triggers see the post's old day/lang.
        clearFrames(existing.id);
        flush(); // the update trigger moves counts that must already be in the table
        update.run({ ...row, id: existing.id });
        addFrames(existing.id, p.frames, p.lexiconVersion, at);
        result.updated++;
      } else {
        addFrames((insert.get(row) as { id: number }).id, p.frames, p.lexiconVersion, at);
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

  function replaceDerived(items: readonly Rederived[]): number {
    pendingPosts.clear();
    pendingFrames.clear();
    let changed = 0;
    for (const it of items) {
      const post = selDerivable.get(it.key) as { day: string; channelId: number; lang: Lang } | undefined;
      if (!post) continue; // removed meanwhile
      const before = JSON.stringify(frameRows.all(it.key));
      // Remove tags first so aggregate triggers count them under the post's old language.
      clearFrames(it.key);
      setDerived.run(it.normalizedText, it.lang, it.langGuess, it.langConfidence, it.langReason, it.lexiconVersion, it.key);
      addFrames(it.key, it.frames, it.lexiconVersion, { day: post.day, channelId: post.channelId, lang: it.lang });
      flush();
      const after = JSON.stringify(frameRows.all(it.key));
      if (before !== after || post.lang !== it.lang) changed++;
    }
    return changed;
  }

  return { writeBatch, ensureChannel, replaceDerived, forgetChannels: () => channelIds.clear() };
}

/** Rebuilds both daily aggregate tables from posts and post_frames (the triggers keep them exact; this is the check). */
export function rebuildAggregates(db: Db): void {
  db.transaction(() => {
    db.exec(`
      DELETE FROM daily_post_counts;
      DELETE FROM daily_frame_counts;
      INSERT INTO daily_post_counts(day, channel_id, lang, posts)
        SELECT day, channel_id, lang, count(*) FROM posts GROUP BY day, channel_id, lang;
      INSERT INTO daily_frame_counts(day, channel_id, lang, frame, posts, flagged_posts)
        SELECT p.day, p.channel_id, p.lang, pf.frame, count(*), sum(pf.flagged)
          FROM post_frames pf JOIN posts p ON p.id = pf.post_id
         GROUP BY p.day, p.channel_id, p.lang, pf.frame;`);
  })();
}

/** Differences between the stored aggregates and a fresh recount; empty when exact. */
export function aggregateDrift(db: Db): string[] {
  const rows = db
    .prepare(
      `WITH fresh AS (
         SELECT day, channel_id, lang, count(*) AS posts FROM posts GROUP BY day, channel_id, lang)
       SELECT 'posts ' || coalesce(f.day, d.day) || ' ' || coalesce(f.lang, d.lang) || ': stored ' ||
              coalesce(d.posts, 0) || ', actual ' || coalesce(f.posts, 0) AS msg
         FROM fresh f FULL OUTER JOIN daily_post_counts d
           ON d.day = f.day AND d.channel_id = f.channel_id AND d.lang = f.lang
        WHERE coalesce(f.posts, 0) <> coalesce(d.posts, 0)
       UNION ALL
       SELECT 'frame ' || coalesce(f.frame, d.frame) || ' ' || coalesce(f.day, d.day) || ': stored ' ||
              coalesce(d.posts, 0) || '/' || coalesce(d.flagged_posts, 0) || ', actual ' ||
              coalesce(f.posts, 0) || '/' || coalesce(f.flagged, 0)
         FROM (SELECT p.day, p.channel_id, p.lang, pf.frame, count(*) AS posts, sum(pf.flagged) AS flagged
                 FROM post_frames pf JOIN posts p ON p.id = pf.post_id
                GROUP BY p.day, p.channel_id, p.lang, pf.frame) f
         FULL OUTER JOIN daily_frame_counts d
           ON d.day = f.day AND d.channel_id = f.channel_id AND d.lang = f.lang AND d.frame = f.frame
        WHERE coalesce(f.posts, 0) <> coalesce(d.posts, 0) OR coalesce(f.flagged, 0) <> coalesce(d.flagged_posts, 0)`,
    )
    .all() as { msg: string }[];
  return rows.map((r) => r.msg);
}
