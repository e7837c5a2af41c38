// Where pure stages meet I/O: detect → tag (each normalizes the text as it reads it), then the store writes each batch atomically.
import { createHash } from 'node:crypto';
import { detectLanguage } from './language/detect.js';
import { LANGUAGE_KEY_SETTING, languageDeriverKey } from './language/language-deriver-key.js';
import type { ChannelProfileUpdate, IngestBatch, IngestResult, PageCommit, PostRecord, Store } from './store/store.js';
import type { DetectResult, FrameTagger, IncomingPost, Lang, Side, TagResult } from './types.js';
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
  /** Per-channel language hints (from CHANNELS, e.g. almirsaad:pus). */
  hints?: Map<string, Lang>;
  /** Per-channel sides (from CHANNELS, e.g. almirsaad:pus:taliban, or stored on the channel). */
  sides?: Map<string, Side>;
  detect?: (text: string, hint?: Lang) => DetectResult;
}

/** Posts from any source, with their derivation when a worker computed it ahead (`derived[i]` for posts[i]). */
export interface PostBatch {
  posts: readonly IncomingPost[];
  derived?: readonly (Derived | undefined)[];
  /** Channel rows to set in the same transaction (import --side). */
  channels?: ChannelProfileUpdate[];
}

export interface IngestOptions {
  seenAt?: string;
  derived?: readonly (Derived | undefined)[];
  channels?: ChannelProfileUpdate[];
  /** A collector's page: its range and run counters go in the same transaction. */
  page?: PageCommit;
}

export interface Pipeline {
  readonly tagger: FrameTagger;
  /** Creates the channel row if needed; a hint or side given is stored and used from now on. */
  ensureChannel(username: string, hint?: Lang, side?: Side): Promise<void>;
  /** The language hint the pipeline uses for a channel's posts. */
  hintFor(channel: string): Lang | undefined;
  /** The side a post is tagged and stored with: its own (import --side), else its channel's. */
  sideFor(post: Pick<IncomingPost, 'channel' | 'side'>): Side | null;
  /** One transaction for the whole batch. */
  ingest(posts: readonly IncomingPost[], opts?: IngestOptions): Promise<IngestCounts>;
  /** One transaction for all the batches (an import file): any error keeps none of them. `onBatch` sees each batch's counts. */
  ingestAll(batches: AsyncIterable<PostBatch>, onBatch?: (counts: IngestCounts) => void, opts?: { seenAt?: string }): Promise<IngestCounts>;
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
  return { language, tags: tagger.tag(text, language.lang, { side }) };
}

/** Pure: the derived fields of a post whose language is already known (reclassify after a lexicon edit). */
export function retag(text: string, language: DetectResult, tagger: FrameTagger, side: Side | null = null): Derived {
  return { language, tags: tagger.tag(text, language.lang, { side }) };
}

const NONE: readonly string[] = Object.freeze([]);

export function createPipeline(opts: PipelineOptions): Pipeline {
  const { store, tagger } = opts;
  const detect = opts.detect ?? detectLanguage;
  const hints = new Map(opts.hints ?? []);
  const hintOf = (channel: string) => hints.get(channel.toLowerCase());
  const sides = new Map(opts.sides ?? []);
  const sideOf = (p: Pick<IncomingPost, 'channel' | 'side'>): Side | null => p.side ?? sides.get(p.channel.toLowerCase()) ?? null;

  const toRecord = (p: IncomingPost, hash: string, pre?: Derived): PostRecord => {
    const side = sideOf(p);
    const { language, tags } = pre ?? derive(p.text, hintOf(p.channel), tagger, detect, side);
    const postedAt = new Date(p.postedAt).toISOString();
    // Records live through the batch's write: what they can share with the post, they share.
    return {
      channel: p.channel.toLowerCase(),
      messageId: p.messageId,
      postedAt: postedAt === p.postedAt ? p.postedAt : postedAt,
      text: p.text,
      lang: language.lang,
      langGuess: language.guess,
      langConfidence: language.confidence,
      langReason: language.reason,
      views: p.views ?? null,
      forwardedFrom: p.forwardedFrom ?? null,
      forwardedFromUrl: p.forwardedFromUrl ?? null,
      replyTo: p.replyTo ?? null,
      edited: p.edited ?? false,
      mediaKinds: p.mediaKinds ?? NONE,
      // Undefined: the channel is a username (collector, demo); imports say null when they know no link.
      permalink: p.permalink === undefined ? `https://t.me/${p.channel.toLowerCase()}/${p.messageId}` : p.permalink && isTelegramUrl(p.permalink) ? p.permalink : null,
      signature: p.signature ?? null,
      links: p.links ?? NONE,
      linkPreview: p.linkPreview ?? null,
      isService: p.isService ?? false,
      source: p.source ?? null,
      side,
      contentHash: hash,
      frames: tags.frames,
      lexiconVersion: tags.lexiconVersion,
    };
  };

  /**
   * Repairs, checks and derives a batch: what the store is given, and the posts skipped. Every valid
   * post is derived, changed or not: the store alone knows what it holds, inside its transaction.
   */
  const prepare = (b: PostBatch, seenAt: string): { batch: IngestBatch; counts: IngestCounts } => {
    const counts = emptyCounts();
    const records: PostRecord[] = [];
    for (let i = 0; i < b.posts.length; i++) {
      const { value: p, replaced } = wellFormedValue(b.posts[i]!);
      counts.replacedChars += replaced;
      const bad = invalidReason(p);
      if (bad) {
        counts.skipped++;
        counts.skippedReasons[bad] = (counts.skippedReasons[bad] ?? 0) + 1;
        continue;
      }
      // Derived elsewhere from the text before its repair: derive again.
      records.push(toRecord(p, contentHash(p), replaced ? undefined : b.derived?.[i]));
    }
    return { batch: { posts: records, seenAt, ...(b.channels?.length ? { channels: b.channels } : {}) }, counts };
  };

  // The store records which detector and hints its languages come from (language-deriver-key.ts): set
  // on a first ingest, cleared once posts of another derivation join; reclassify re-detects unless it matches.
  // Read at every ingest: another process (a collector, a reclassify) may have changed it.
  let knownUnknown = false; // posts of an unknown derivation are stored: the key stays unset
  const noteLanguageKey = async (): Promise<void> => {
    const key = opts.detect ? 'custom detector' : languageDeriverKey(hints);
    const stored = await store.getSetting(LANGUAGE_KEY_SETTING);
    if (stored === key) return;
    if (stored !== undefined && stored !== '') await store.setSetting(LANGUAGE_KEY_SETTING, '');
    else if (!knownUnknown && !opts.detect) {
      if ((await store.sizes()).posts === 0) await store.setSetting(LANGUAGE_KEY_SETTING, key);
      else knownUnknown = true;
    }
  };

  const withStored = (counts: IngestCounts, r: IngestResult): IngestCounts => {
    counts.new += r.new;
    counts.updated += r.updated;
    counts.unchanged += r.unchanged;
    return counts;
  };

  return {
    tagger,
    async ensureChannel(username, hint, side) {
      if (hint) hints.set(username.toLowerCase(), hint);
      if (side) sides.set(username.toLowerCase(), side);
      await store.upsertChannel({ username, ...(hint !== undefined ? { hint } : {}), ...(side !== undefined ? { side } : {}) });
    },
    hintFor: hintOf,
    sideFor: sideOf,
    async ingest(posts, o = {}) {
      await noteLanguageKey();
      const { batch, counts } = prepare({ posts, ...(o.derived ? { derived: o.derived } : {}), ...(o.channels ? { channels: o.channels } : {}) }, o.seenAt ?? new Date().toISOString());
      return withStored(counts, await store.ingest(o.page ? { ...batch, page: o.page } : batch));
    },
    async ingestAll(batches, onBatch, o = {}) {
      await noteLanguageKey();
      const total = emptyCounts();
      // What each batch skipped, waiting for the store's result of the same batch.
      const waiting: IngestCounts[] = [];
      async function* prepared(): AsyncGenerator<IngestBatch> {
        for await (const b of batches) {
          const { batch, counts } = prepare(b, o.seenAt ?? new Date().toISOString());
          waiting.push(counts);
          yield batch;
        }
      }
      await store.ingestAll(prepared(), (r) => {
        const c = withStored(waiting.shift() ?? emptyCounts(), r);
        addCounts(total, c);
        onBatch?.(c);
      });
      return total;
    },
  };
}
