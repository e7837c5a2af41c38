// All SQL that writes posts and their tags on PostgreSQL: ingest batches, re-derived tags, imported
// copies. A post's row is locked (FOR UPDATE) before it is changed, so two writers editing the same
// post take turns, and each change of the aggregates is gathered in AggregateDeltas and applied at
// the end of the transaction (see aggregate-deltas.ts).
import { normalizeText } from '../../language/normalize.js';
import type { FrameTag, Lang } from '../../types.js';
import type { ChannelProfileUpdate, IngestBatch, IngestResult, PostRecord, Rederived, Segment } from '../store.js';
import { dayInZone } from '../../util/day-in-zone.js';
import { AggregateDeltas, type AggKey } from './aggregate-deltas.js';
import { isFlagged } from '../query-rows.js';
import { one, rows, type Queryable } from './connection.js';
import { searchWords } from './text-search.js';

/** A tag's hits as stored (the frame is the row's). */
const hitsJson = (f: FrameTag): string => JSON.stringify(f.hits.map(({ frame: _f, ...h }) => h));

/** Creates the channel if needed; a given hint or side replaces the stored one. Returns its id. */
export async function ensureChannel(q: Queryable, u: ChannelProfileUpdate): Promise<number> {
  const username = u.username.replace(/^@/, '').toLowerCase();
  const row = await one<{ id: number; lang_hint: string | null; side: string | null }>(
    q,
    'SELECT id, lang_hint, side FROM channels WHERE username = $1',
    [username],
  );
  const setHint = u.hint !== undefined && (!row || row.lang_hint !== u.hint);
  const setSide = u.side !== undefined && (!row || row.side !== u.side);
  // Only a change writes: an upsert would lock and rewrite the row for every batch.
  if (row && !setHint && !setSide) return row.id;
  const now = new Date().toISOString();
  const up = await one<{ id: number }>(
    q,
    `INSERT INTO channels(username, lang_hint, side, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)
     ON CONFLICT (username) DO UPDATE SET
       lang_hint = CASE WHEN $5 THEN EXCLUDED.lang_hint ELSE channels.lang_hint END,
       side = CASE WHEN $6 THEN EXCLUDED.side ELSE channels.side END,
       updated_at = EXCLUDED.updated_at
     RETURNING id`,
    [username, u.hint ?? null, u.side ?? null, now, u.hint !== undefined, u.side !== undefined],
  );
  return up!.id;
}

interface Existing {
  id: number;
  content_hash: string;
  day: string;
  lang: Lang;
}

/** How a post's seen times are written: a batch's seenAt, or a copy's own times. */
interface Seen {
  first: string;
  last: string;
}

/**
 * Writes posts and tags inside the caller's transaction. `deltas` collects the aggregate changes;
 * the caller applies them (once per transaction) before it commits.
 */
export class PgPostWriter {
  private readonly channelIds = new Map<string, number>();

  constructor(
    private readonly timezone: string,
    readonly deltas = new AggregateDeltas(),
  ) {}

  async channelId(q: Queryable, username: string): Promise<number> {
    const key = username.toLowerCase();
    let id = this.channelIds.get(key);
    if (id === undefined) {
      id = await ensureChannel(q, { username: key });
      this.channelIds.set(key, id);
    }
    return id;
  }

  forgetChannels(): void {
    this.channelIds.clear();
  }

  async writeBatch(q: Queryable, batch: IngestBatch): Promise<IngestResult> {
    const result: IngestResult = { new: 0, updated: 0, unchanged: 0 };
    for (const c of batch.channels ?? []) this.channelIds.set(c.username.toLowerCase(), await ensureChannel(q, c));
    // In the order given: "stored last" (recent examples) is insertion order. Two writers whose
    // batches share posts may deadlock on them; the transaction is then retried (connection.ts).
    const seen = { first: batch.seenAt, last: batch.seenAt };
    const { inserted, rest } = await this.insertNew(q, batch.posts, batch.seenAt);
    result.new += inserted;
    for (const p of rest) {
      const r = await this.writePost(q, p, seen, false);
      result[r]++;
    }
    if (batch.page) {
      const channelId = await this.channelId(q, batch.page.channel);
      const { covered, runId } = batch.page;
      if (covered) await addSegment(q, channelId, covered);
      await q.query(
        `UPDATE collection_run_channels SET pages = pages + 1, new_posts = new_posts + $3, updated_posts = updated_posts + $4
          WHERE run_id = $1 AND channel_id = $2`,
        [runId, channelId, result.new, result.updated],
      );
    }
    return result;
  }

  /**
   * Inserts the batch's posts not stored yet with one statement for the posts and one for their
   * tags (a round trip per post made ingest wait on the network). Returns the others for
   * writePost, in order: those already stored, a repeat of a key within the batch, and those
   * another writer inserted meanwhile (ON CONFLICT DO NOTHING waits for its commit, then skips).
   */
  private async insertNew(q: Queryable, posts: readonly PostRecord[], seenAt: string): Promise<{ inserted: number; rest: PostRecord[] }> {
    if (posts.length < 2) return { inserted: 0, rest: [...posts] };
    const channelIds: number[] = [];
    for (const p of posts) channelIds.push(await this.channelId(q, p.channel));
    const key = (channelId: number, messageId: number): string => `${channelId}:${messageId}`;
    const stored = await rows<{ channel_id: number; message_id: number }>(
      q,
      'SELECT channel_id, message_id FROM posts WHERE (channel_id, message_id) IN (SELECT * FROM unnest($1::bigint[], $2::bigint[]))',
      [channelIds, posts.map((p) => p.messageId)],
    );
    const taken = new Set(stored.map((r) => key(r.channel_id, r.message_id)));
    const fresh: number[] = [];
    posts.forEach((p, i) => {
      const k = key(channelIds[i]!, p.messageId);
      if (taken.has(k)) return;
      taken.add(k);
      fresh.push(i);
    });
    if (!fresh.length) return { inserted: 0, rest: [...posts] };
    const ps = fresh.map((i) => posts[i]!);
    const days = ps.map((p) => dayInZone(p.postedAt, this.timezone));
    // The normalized text feeds the text search (normalized_text, tsv); only this backend stores it.
    const norms = ps.map((p) => normalizeText(p.text));
    const col = <T>(f: (p: PostRecord) => T): T[] => ps.map(f);
    const ins = await rows<{ id: number; channel_id: number; message_id: number }>(
      q,
      `INSERT INTO posts(posted_at, day, text, normalized_text, tsv, lang, lang_guess, lang_confidence, lang_reason, views,
         forwarded_from, forwarded_from_url, reply_to, edited, media_kinds, permalink, signature, links, link_preview, is_service,
         source, content_hash, lexicon_version, side, channel_id, message_id, first_seen, last_seen)
       SELECT u.posted_at, u.day, u.text, u.normalized_text, to_tsvector('simple', u.words), u.lang, u.lang_guess, u.lang_confidence,
         u.lang_reason, u.views, u.forwarded_from, u.forwarded_from_url, u.reply_to, u.edited, u.media_kinds, u.permalink, u.signature,
         u.links, u.link_preview, u.is_service, u.source, u.content_hash, u.lexicon_version, u.side, u.channel_id, u.message_id, $27, $27
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::float8[], $9::text[],
           $10::bigint[], $11::text[], $12::text[], $13::bigint[], $14::bool[], $15::text[], $16::text[], $17::text[], $18::text[],
           $19::text[], $20::bool[], $21::text[], $22::text[], $23::text[], $24::text[], $25::bigint[], $26::bigint[])
           WITH ORDINALITY AS u(posted_at, day, text, normalized_text, words, lang, lang_guess, lang_confidence, lang_reason, views,
             forwarded_from, forwarded_from_url, reply_to, edited, media_kinds, permalink, signature, links, link_preview, is_service,
             source, content_hash, lexicon_version, side, channel_id, message_id, ord)
        ORDER BY u.ord
       ON CONFLICT (channel_id, message_id) DO NOTHING
       RETURNING id, channel_id, message_id`,
      [
        col((p) => p.postedAt), days, col((p) => p.text), norms, norms.map(searchWords),
        col((p) => p.lang), col((p) => p.langGuess), col((p) => p.langConfidence), col((p) => p.langReason), col((p) => p.views),
        col((p) => p.forwardedFrom), col((p) => p.forwardedFromUrl), col((p) => p.replyTo), col((p) => p.edited),
        col((p) => JSON.stringify(p.mediaKinds)), col((p) => p.permalink), col((p) => p.signature), col((p) => JSON.stringify(p.links)),
        col((p) => (p.linkPreview ? JSON.stringify(p.linkPreview) : null)), col((p) => p.isService), col((p) => p.source),
        col((p) => p.contentHash), col((p) => p.lexiconVersion), col((p) => p.side), fresh.map((i) => channelIds[i]!), col((p) => p.messageId),
        seenAt,
      ],
    );
    const idOf = new Map(ins.map((r) => [key(r.channel_id, r.message_id), r.id]));
    const tags: { postId: number; frame: FrameTag; lexiconVersion: string }[] = [];
    const done = new Set<number>();
    fresh.forEach((i, j) => {
      const p = posts[i]!;
      const id = idOf.get(key(channelIds[i]!, p.messageId));
      if (id === undefined) return; // another writer's: writePost below
      done.add(i);
      const at: AggKey = { day: days[j]!, channelId: channelIds[i]!, lang: p.lang };
      this.deltas.addPost(at, 1);
      for (const f of p.frames) {
        tags.push({ postId: id, frame: f, lexiconVersion: p.lexiconVersion });
        this.deltas.addFrame(at, f.frame, 1, isFlagged(f) ? 1 : 0);
      }
    });
    if (tags.length) {
      await q.query(
        `INSERT INTO post_frames(post_id, frame, score, hits, negated, quoted, flagged, lexicon_version)
         SELECT * FROM unnest($1::bigint[], $2::text[], $3::float8[], $4::text[], $5::bool[], $6::bool[], $7::bool[], $8::text[])`,
        [
          tags.map((t) => t.postId),
          tags.map((t) => t.frame.frame),
          tags.map((t) => t.frame.score),
          tags.map((t) => hitsJson(t.frame)),
          tags.map((t) => t.frame.negated),
          tags.map((t) => t.frame.quoted),
          tags.map((t) => isFlagged(t.frame)),
          tags.map((t) => t.lexiconVersion),
        ],
      );
    }
    return { inserted: done.size, rest: posts.filter((_, i) => !done.has(i)) };
  }

  /** Writes one post; `exact` (a copy) also sets its seen times and views as given. */
  async writePost(q: Queryable, p: PostRecord, seen: Seen, exact: boolean): Promise<keyof IngestResult> {
    const channelId = await this.channelId(q, p.channel);
    const existing = await one<Existing>(
      q,
      'SELECT id, content_hash, day, lang FROM posts WHERE channel_id = $1 AND message_id = $2 FOR UPDATE',
      [channelId, p.messageId],
    );
    if (existing && existing.content_hash === p.contentHash) {
      if (exact) await q.query('UPDATE posts SET views = $1, last_seen = $2, first_seen = $3 WHERE id = $4', [p.views, seen.last, seen.first, existing.id]);
      else await q.query('UPDATE posts SET views = coalesce($1, views), last_seen = $2 WHERE id = $3', [p.views, seen.last, existing.id]);
      return 'unchanged';
    }
    const day = dayInZone(p.postedAt, this.timezone);
    const at: AggKey = { day, channelId, lang: p.lang };
    const normalized = normalizeText(p.text);
    const cols = [
      p.postedAt, day, p.text, normalized, searchWords(normalized), p.lang, p.langGuess, p.langConfidence, p.langReason,
      p.views, p.forwardedFrom, p.forwardedFromUrl, p.replyTo, p.edited, JSON.stringify(p.mediaKinds), p.permalink, p.signature,
      JSON.stringify(p.links), p.linkPreview ? JSON.stringify(p.linkPreview) : null, p.isService, p.source, p.contentHash,
      p.lexiconVersion, p.side,
    ];
    if (existing) {
      await this.dropFrames(q, existing.id, { day: existing.day, channelId, lang: existing.lang });
      this.deltas.addPost({ day: existing.day, channelId, lang: existing.lang }, -1);
      await q.query(
        `UPDATE posts SET posted_at = $1, day = $2, text = $3, normalized_text = $4, tsv = to_tsvector('simple', $5), lang = $6,
           lang_guess = $7, lang_confidence = $8, lang_reason = $9, views = ${exact ? '$10' : 'coalesce($10, views)'},
           forwarded_from = $11, forwarded_from_url = $12, reply_to = $13, edited = $14, media_kinds = $15,
           permalink = ${exact ? '$16' : 'coalesce($16, permalink)'}, signature = $17, links = $18, link_preview = $19,
           is_service = $20, source = $21, content_hash = $22, lexicon_version = $23, side = $24, last_seen = $25
           ${exact ? ', first_seen = $27' : ''}
         WHERE id = $26`,
        [...cols, seen.last, existing.id, ...(exact ? [seen.first] : [])],
      );
      await this.addFrames(q, existing.id, p.frames, p.lexiconVersion, at);
      this.deltas.addPost(at, 1);
      return 'updated';
    }
    const row = await one<{ id: number }>(
      q,
      `INSERT INTO posts(posted_at, day, text, normalized_text, tsv, lang, lang_guess, lang_confidence, lang_reason, views,
         forwarded_from, forwarded_from_url, reply_to, edited, media_kinds, permalink, signature, links, link_preview, is_service,
         source, content_hash, lexicon_version, side, channel_id, message_id, first_seen, last_seen)
       VALUES ($1, $2, $3, $4, to_tsvector('simple', $5), $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20,
         $21, $22, $23, $24, $25, $26, $27, $28)
       ON CONFLICT (channel_id, message_id) DO NOTHING
       RETURNING id`,
      [...cols, channelId, p.messageId, seen.first, seen.last],
    );
    // Another writer stored it since the SELECT (this INSERT waited for its commit): write it as stored.
    if (!row) return this.writePost(q, p, seen, exact);
    await this.addFrames(q, row.id, p.frames, p.lexiconVersion, at);
    this.deltas.addPost(at, 1);
    return 'new';
  }

  /** Deletes a post's tags, taking them out of the aggregates where the post was counted. */
  private async dropFrames(q: Queryable, postId: number, at: AggKey): Promise<void> {
    const old = await rows<{ frame: string; flagged: boolean }>(q, 'DELETE FROM post_frames WHERE post_id = $1 RETURNING frame, flagged', [postId]);
    for (const f of old) this.deltas.addFrame(at, f.frame, -1, f.flagged ? -1 : 0);
  }

  private async addFrames(q: Queryable, postId: number, frames: readonly FrameTag[], lexiconVersion: string, at: AggKey): Promise<void> {
    if (!frames.length) return;
    const flagged = frames.map(isFlagged);
    await q.query(
      `INSERT INTO post_frames(post_id, frame, score, hits, negated, quoted, flagged, lexicon_version)
       SELECT $1::bigint, * FROM unnest($2::text[], $3::float8[], $4::text[], $5::bool[], $6::bool[], $7::bool[]), (SELECT $8::text) AS lv`,
      [
        postId,
        frames.map((f) => f.frame),
        frames.map((f) => f.score),
        frames.map(hitsJson),
        frames.map((f) => f.negated),
        frames.map((f) => f.quoted),
        flagged,
        lexiconVersion,
      ],
    );
    frames.forEach((f, i) => this.deltas.addFrame(at, f.frame, 1, flagged[i] ? 1 : 0));
  }

  /** Replaces language and tags of stored posts; returns how many changed. */
  async replaceDerived(q: Queryable, items: readonly Rederived[]): Promise<number> {
    let changed = 0;
    for (const it of [...items].sort((a, b) => a.key - b.key)) {
      const post = await one<{ day: string; channel_id: number; lang: Lang; text: string }>(
        q,
        'SELECT day, channel_id, lang, text FROM posts WHERE id = $1 FOR UPDATE',
        [it.key],
      );
      if (!post) continue; // removed meanwhile
      const framesOf = () =>
        rows<{ frame: string; score: number; hits: string; negated: boolean; quoted: boolean }>(
          q,
          'SELECT frame, score, hits, negated, quoted FROM post_frames WHERE post_id = $1 ORDER BY frame',
          [it.key],
        );
      const before = JSON.stringify(await framesOf());
      const old: AggKey = { day: post.day, channelId: post.channel_id, lang: post.lang };
      await this.dropFrames(q, it.key, old);
      // The text is unchanged; its normalized form is refreshed (the normalizer may have changed).
      const normalized = normalizeText(post.text);
      await q.query(
        `UPDATE posts SET normalized_text = $1, tsv = to_tsvector('simple', $2), lang = $3, lang_guess = $4, lang_confidence = $5,
           lang_reason = $6, lexicon_version = $7 WHERE id = $8`,
        [normalized, searchWords(normalized), it.lang, it.langGuess, it.langConfidence, it.langReason, it.lexiconVersion, it.key],
      );
      const now: AggKey = { ...old, lang: it.lang };
      if (it.lang !== post.lang) {
        this.deltas.addPost(old, -1);
        this.deltas.addPost(now, 1);
      }
      await this.addFrames(q, it.key, it.frames, it.lexiconVersion, now);
      const after = JSON.stringify(await framesOf());
      if (before !== after || post.lang !== it.lang) changed++;
    }
    return changed;
  }
}

/** Adds [lo, hi] to the channel's covered ranges (merging neighbours) and refreshes its stored id range. */
export async function addSegment(q: Queryable, channelId: number, s: Segment): Promise<void> {
  if (!(Number.isSafeInteger(s.lo) && Number.isSafeInteger(s.hi)) || s.lo > s.hi) return;
  // ids are integers: [a, b] and [b + 1, c] join into one range
  const touching = await rows<Segment>(
    q,
    'DELETE FROM collect_segments WHERE channel_id = $1 AND lo <= $2 AND hi >= $3 RETURNING lo, hi',
    [channelId, s.hi + 1, s.lo - 1],
  );
  const lo = Math.min(s.lo, ...touching.map((t) => t.lo));
  const hi = Math.max(s.hi, ...touching.map((t) => t.hi));
  await q.query('INSERT INTO collect_segments(channel_id, lo, hi) VALUES ($1, $2, $3)', [channelId, lo, hi]);
  await refreshCursors(q, channelId);
}

export async function refreshCursors(q: Queryable, channelId: number): Promise<void> {
  await q.query(
    `UPDATE channels SET newest_id = r.hi, oldest_id = r.lo, updated_at = $2
       FROM (SELECT max(message_id) AS hi, min(message_id) AS lo FROM posts WHERE channel_id = $1) r
      WHERE id = $1`,
    [channelId, new Date().toISOString()],
  );
}
