// All SQL that writes posts and their derived tags.
import type { FrameTag, Lang, Side } from '../types.js';
import type { Db } from './open-store.js';

export interface PostRow {
  channelId: number;
  messageId: number;
  postedAt: string;
  day: string;
  text: string;
  normalizedText: string;
  lang: Lang;
  langGuess: string;
  langConfidence: number;
  langReason: string;
  views: number | null;
  forwardedFrom: string | null;
  forwardedFromUrl: string | null;
  replyTo: number | null;
  edited: boolean;
  mediaKinds: string;
  permalink: string | null;
  signature: string | null;
  links: string;
  linkPreview: string | null;
  isService: boolean;
  source: string | null;
  contentHash: string;
  lexiconVersion: string;
  seenAt: string;
  side: Side | null;
}

export interface ExistingPost {
  id: number;
  content_hash: string;
}

/** Where a post is counted in the daily aggregates. */
export interface AggregateKey {
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
  /** Creates the channel if needed; a given hint or side replaces the stored one. */
  ensureChannel(username: string, hint?: Lang | null, side?: Side | null): number;
  find(channelId: number, messageId: number): ExistingPost | undefined;
  insert(row: PostRow): number;
  update(id: number, row: PostRow): void;
  touch(id: number, views: number | null, seenAt: string): void;
  /** Deletes a post's tags; triggers take them out of the aggregates under the post's current day/lang. */
  clearFrames(postId: number): void;
  /** Inserts tags for a post that currently has none, counted under `at`. */
  addFrames(postId: number, frames: readonly FrameTag[], lexiconVersion: string, at: AggregateKey): void;
  /** Applies the counted inserts to the aggregates. Call inside the writing transaction, before it commits. */
  flush(): void;
}

export function createPostWriter(db: Db): PostWriter {
  const channelIds = new Map<string, number>();
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
  // Pending aggregate increments, keyed "day|channelId|lang" and "day|channelId|lang|frame".
  const pendingPosts = new Map<string, number>();
  const pendingFrames = new Map<string, [number, number]>();
  const insFrame = db.prepare(
    `INSERT INTO post_frames(post_id, frame, score, hits, negated, quoted, flagged, lexicon_version)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
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

  const bool = (row: PostRow) => ({ ...row, edited: row.edited ? 1 : 0, isService: row.isService ? 1 : 0 });

  return {
    ensureChannel(username, hint, side) {
      const key = username.toLowerCase();
      const cached = channelIds.get(key);
      if (cached !== undefined && hint === undefined && side === undefined) return cached;
      const now = new Date().toISOString();
      const row = selChannel.get(key) as { id: number; lang_hint: string | null; side: string | null } | undefined;
      let id: number;
      if (row) {
        id = row.id;
        if (hint !== undefined && hint !== row.lang_hint) setHint.run(hint, now, id);
        if (side !== undefined && side !== row.side) setSide.run(side, now, id);
      } else {
        id = (insChannel.get(key, hint ?? null, side ?? null, now, now) as { id: number }).id;
      }
      channelIds.set(key, id);
      return id;
    },
    find: (channelId, messageId) => find.get(channelId, messageId) as ExistingPost | undefined,
    insert(row) {
      const id = (insert.get(bool(row)) as { id: number }).id;
      const key = `${row.day}|${row.channelId}|${row.lang}`;
      pendingPosts.set(key, (pendingPosts.get(key) ?? 0) + 1);
      return id;
    },
    update(id, row) {
      flush(); // the update trigger moves counts that must already be in the table
      update.run({ ...bool(row), id });
    },
    touch: (id, views, seenAt) => void touch.run(views, seenAt, id),
    clearFrames(postId) {
      flush(); // the delete trigger subtracts counts that must already be in the table
      delFrames.run(postId);
    },
    addFrames(postId, frames, lexiconVersion, at) {
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
    },
    flush,
  };
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
