// Where pure stages meet I/O: normalize → detect → tag → store, in batches inside transactions.
import { createHash } from 'node:crypto';
import { detectLanguage } from './language/detect.js';
import { normalizeText } from './language/normalize.js';
import type { Store } from './store/open-store.js';
import { createPostWriter, type PostRow } from './store/post-writer.js';
import type { DetectResult, FrameTagger, IncomingPost, Lang, Side, TagResult } from './types.js';
import { dayInZone } from './util/day-in-zone.js';
import { parseIsoPostDate } from './util/post-date.js';
import { isTelegramUrl } from './util/telegram-link.js';
import { wellFormedValue } from './util/well-formed.js';

export interface IngestCounts {
  new: number;
  updated: number;
  unchanged: number;
  skipped: number;
  skippedReasons: Record<string, number>;
  /** Characters replaced by U+FFFD so that only valid UTF-8 is stored (lone surrogates; undecodable bytes). */
  replacedChars: number;
}

export interface PipelineOptions {
  store: Store;
  tagger: FrameTagger;
  timezone: string;
  /** Per-channel language hints (from CHANNELS, e.g. almirsaad:pus). */
  hints?: Map<string, Lang>;
  /** Per-channel sides (from CHANNELS, e.g. almirsaad:pus:taliban, or stored on the channel). */
  sides?: Map<string, Side>;
  detect?: (text: string, hint?: Lang) => DetectResult;
}

export interface Pipeline {
  readonly tagger: FrameTagger;
  ensureChannel(username: string, hint?: Lang, side?: Side): number;
  /** The language hint the pipeline uses for a channel's posts. */
  hintFor(channel: string): Lang | undefined;
  /** The side a post is tagged and stored with: its own (import --side), else its channel's. */
  sideFor(post: Pick<IncomingPost, 'channel' | 'side'>): Side | null;
  /**
   * One transaction for the whole batch; `within` runs inside it after the posts are written.
   * `derived[i]`, when given, is `derive()` of posts[i] computed elsewhere (a worker thread).
   */
  ingest(
    posts: readonly IncomingPost[],
    opts?: { within?: () => void; seenAt?: string; derived?: readonly (Derived | undefined)[] },
  ): IngestCounts;
}

export function emptyCounts(): IngestCounts {
  return { new: 0, updated: 0, unchanged: 0, skipped: 0, skippedReasons: {}, replacedChars: 0 };
}

export function addCounts(into: IngestCounts, c: IngestCounts): IngestCounts {
  into.new += c.new;
  into.updated += c.updated;
  into.unchanged += c.unchanged;
  into.skipped += c.skipped;
  into.replacedChars += c.replacedChars;
  for (const [k, v] of Object.entries(c.skippedReasons)) into.skippedReasons[k] = (into.skippedReasons[k] ?? 0) + v;
  return into;
}

/** Why a post cannot be stored, or null when it can. */
export function invalidReason(p: IncomingPost): string | null {
  if (typeof p.channel !== 'string' || !/^[a-z0-9_]{1,64}$/i.test(p.channel)) return 'bad channel name';
  if (!Number.isSafeInteger(p.messageId) || p.messageId <= 0) return 'bad message id';
  if (typeof p.postedAt !== 'string') return 'bad date';
  const date = parseIsoPostDate(p.postedAt);
  if ('problem' in date) return date.range ? 'date out of range' : 'bad date';
  if (typeof p.text !== 'string') return 'text is not a string';
  return null;
}

/** Hash of the raw fields that make a post "changed" (views are not content). */
export function contentHash(p: IncomingPost): string {
  return createHash('sha1')
    .update(
      JSON.stringify([
        p.text,
        p.postedAt,
        p.edited ?? false,
        p.forwardedFrom ?? null,
        p.forwardedFromUrl ?? null,
        p.replyTo ?? null,
        p.mediaKinds ?? [],
        p.signature ?? null,
        p.links ?? [],
        p.linkPreview ?? null,
        p.isService ?? false,
      ]),
    )
    .digest('base64url');
}

/** What the pipeline derives from a post's text: recomputable at any time from the raw text. */
export interface Derived {
  normalized: string;
  language: DetectResult;
  tags: TagResult;
}

/** Pure: the derived fields of one post. */
export function derive(
  text: string,
  hint: Lang | undefined,
  tagger: FrameTagger,
  detect: (text: string, hint?: Lang) => DetectResult = detectLanguage,
  side: Side | null = null,
): Derived {
  const language = detect(text, hint);
  return { normalized: normalizeText(text), language, tags: tagger.tag(text, language.lang, { side }) };
}

export function createPipeline(opts: PipelineOptions): Pipeline {
  const { store, tagger, timezone } = opts;
  const detect = opts.detect ?? detectLanguage;
  const writer = createPostWriter(store.db);
  const hints = new Map(opts.hints ?? []);
  const hintOf = (channel: string) => hints.get(channel.toLowerCase());
  const sides = new Map(opts.sides ?? []);
  const sideOf = (p: Pick<IncomingPost, 'channel' | 'side'>): Side | null => p.side ?? sides.get(p.channel.toLowerCase()) ?? null;

  const toRow = (p: IncomingPost, channelId: number, seenAt: string, hash: string, pre?: Derived): [PostRow, TagResult] => {
    const side = sideOf(p);
    const { normalized, language, tags } = pre ?? derive(p.text, hintOf(p.channel), tagger, detect, side);
    const postedAt = new Date(p.postedAt).toISOString();
    return [
      {
        channelId,
        messageId: p.messageId,
        postedAt,
        day: dayInZone(postedAt, timezone),
        text: p.text,
        normalizedText: normalized,
        lang: language.lang,
        langGuess: language.guess,
        langConfidence: language.confidence,
        langReason: language.reason,
        views: p.views ?? null,
        forwardedFrom: p.forwardedFrom ?? null,
        forwardedFromUrl: p.forwardedFromUrl ?? null,
        replyTo: p.replyTo ?? null,
        edited: p.edited ?? false,
        mediaKinds: JSON.stringify(p.mediaKinds ?? []),
        // Undefined: the channel is a username (collector, demo); imports say null when they know no link.
        permalink: p.permalink === undefined ? `https://t.me/${p.channel.toLowerCase()}/${p.messageId}` : p.permalink && isTelegramUrl(p.permalink) ? p.permalink : null,
        signature: p.signature ?? null,
        links: JSON.stringify(p.links ?? []),
        linkPreview: p.linkPreview ? JSON.stringify(p.linkPreview) : null,
        isService: p.isService ?? false,
        source: p.source ?? null,
        contentHash: hash,
        lexiconVersion: tags.lexiconVersion,
        seenAt,
        side,
      },
      tags,
    ];
  };

  const ingestTx = store.db.transaction(
    (
      posts: readonly IncomingPost[],
      seenAt: string,
      within: (() => void) | undefined,
      derived: readonly (Derived | undefined)[] | undefined,
    ): IngestCounts => {
      const counts = emptyCounts();
      for (let i = 0; i < posts.length; i++) {
        const { value: p, replaced } = wellFormedValue(posts[i]!);
        counts.replacedChars += replaced;
        const bad = invalidReason(p);
        if (bad) {
          counts.skipped++;
          counts.skippedReasons[bad] = (counts.skippedReasons[bad] ?? 0) + 1;
          continue;
        }
        const channelId = writer.ensureChannel(p.channel);
        const hash = contentHash(p);
        const existing = writer.find(channelId, p.messageId);
        if (existing && existing.content_hash === hash) {
          writer.touch(existing.id, p.views ?? null, seenAt);
          counts.unchanged++;
          continue;
        }
        // Derived elsewhere from the text before its repair: derive again.
        const [row, tags] = toRow(p, channelId, seenAt, hash, replaced ? undefined : derived?.[i]);
        const at = { day: row.day, channelId, lang: row.lang };
        if (existing) {
          // Drop the old tags first so the aggregate triggers see the post's old day/lang.
          writer.clearFrames(existing.id);
          writer.update(existing.id, row);
          writer.addFrames(existing.id, tags.frames, tags.lexiconVersion, at);
          counts.updated++;
        } else {
          writer.addFrames(writer.insert(row), tags.frames, tags.lexiconVersion, at);
          counts.new++;
        }
      }
      writer.flush();
      within?.();
      return counts;
    },
  );

  return {
    tagger,
    ensureChannel(username, hint, side) {
      if (hint) hints.set(username.toLowerCase(), hint);
      if (side) sides.set(username.toLowerCase(), side);
      return writer.ensureChannel(username, hint, side);
    },
    hintFor: hintOf,
    sideFor: sideOf,
    ingest(posts, o = {}) {
      return ingestTx(posts, o.seenAt ?? new Date().toISOString(), o.within, o.derived);
    },
  };
}
