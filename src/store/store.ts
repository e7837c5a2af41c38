// The storage port: everything framewatch needs from a database, as async operations on plain data
// (ISO strings, numbers, the domain types of src/types.ts). No SQL, no driver type and no connection
// crosses it; each operation that must be atomic is one method, never a callback given a handle.
//
// Adapters: src/store/sqlite/ (better-sqlite3, the default) and src/store/postgres/ (pg, for teams:
// several collectors and analysts on one database). openStore() in ./open-store.ts picks one from the
// location. Every adapter passes the contract suite in test/store/contract/.
//
// Conventions: a `day` is YYYY-MM-DD in the store's TIMEZONE (the adapter buckets posts into days
// and re-buckets them when the zone changes); day ranges are inclusive; instants are ISO 8601 UTC
// as Date#toISOString() writes them; channels are lower-cased usernames without '@'.
import type { FrameHit, FrameTag, Lang, LinkPreview, Side } from '../types.js';
import type { TextQuery } from './text-query.js';

// ---- ingest ------------------------------------------------------------------------------------

/** A post ready to store: its raw fields, what the pipeline derived from them, and its frame tags. */
export interface PostRecord {
  channel: string;
  messageId: number;
  /** ISO instant (UTC). The store derives the post's day from it. */
  postedAt: string;
  text: string;
  lang: Lang;
  langGuess: string;
  langConfidence: number;
  langReason: string;
  /** Null keeps the views already stored. */
  views: number | null;
  forwardedFrom: string | null;
  forwardedFromUrl: string | null;
  replyTo: number | null;
  edited: boolean;
  mediaKinds: readonly string[];
  /** Null keeps the link already stored. */
  permalink: string | null;
  signature: string | null;
  links: readonly string[];
  linkPreview: LinkPreview | null;
  isService: boolean;
  source: string | null;
  side: Side | null;
  /** Hash of the raw fields: a post stored with the same hash is unchanged (only its views and last-seen time move). */
  contentHash: string;
  frames: FrameTag[];
  lexiconVersion: string;
}

/** Channel metadata set with a batch (or alone): a given hint or side replaces the stored one. */
export interface ChannelProfileUpdate {
  username: string;
  hint?: Lang | null;
  side?: Side | null;
}

/** A collector's page: the message id range the page proves complete, and the run it counts for. */
export interface PageCommit {
  runId: number;
  channel: string;
  /** [lo, hi] joins the channel's covered ranges (null: nothing new is known). */
  covered: Segment | null;
}

/** One atomic write: channel rows, posts with their tags and aggregate counts, and a page's cursor. */
export interface IngestBatch {
  posts: PostRecord[];
  /** When these posts were seen (first seen for new posts, last seen for all). */
  seenAt: string;
  channels?: ChannelProfileUpdate[];
  /** The page is counted for its run (pages +1, new and updated posts) and its range is recorded. */
  page?: PageCommit;
}

export interface IngestResult {
  new: number;
  updated: number;
  unchanged: number;
}

export interface ChannelProfile {
  username: string;
  hint: Lang | null;
  side: Side | null;
}

export interface IngestPort {
  /** Writes one batch in one transaction: all of it or nothing. A post is unique per (channel, messageId). */
  ingest(batch: IngestBatch): Promise<IngestResult>;
  /**
   * Writes every batch in ONE transaction (an import file): an error from the store or from the
   * iterable rolls all of them back. `onBatch` sees each batch's result as it is written. The
   * iterable must not use the store itself: the adapter may hold its connection meanwhile.
   */
  ingestAll(batches: AsyncIterable<IngestBatch>, onBatch?: (r: IngestResult) => void): Promise<IngestResult>;
  /** Creates the channel if needed and applies the given hint/side. */
  upsertChannel(update: ChannelProfileUpdate): Promise<void>;
  channelProfiles(): Promise<ChannelProfile[]>;
  /** Stored posts that are not yet searchable by text; writers call syncTextIndex after their writes. */
  pendingTextIndex(): Promise<number>;
  /** Makes every stored post searchable (waits for other writers); returns how many were indexed. */
  syncTextIndex(): Promise<number>;
}

// ---- re-deriving (reclassify) -----------------------------------------------------------------------

/** A stored post's raw input to derivation; `key` orders posts and names them for `replaceDerived`. */
export interface RederiveSource {
  key: number;
  channel: string;
  text: string;
  /** The stored language (kept by reclassify when the detector and hints are unchanged). */
  lang: Lang;
  langGuess: string | null;
  langConfidence: number | null;
  langReason: string | null;
  side: Side | null;
}

export interface Rederived {
  key: number;
  lang: Lang;
  langGuess: string;
  langConfidence: number;
  langReason: string;
  frames: FrameTag[];
  lexiconVersion: string;
}

export interface RederivePort {
  /** Up to `limit` posts with a key above `afterKey`, in key order (0 = from the start). */
  rederiveSources(afterKey: number, limit: number): Promise<RederiveSource[]>;
  /** Replaces language and tags of these posts in one transaction, keeping the aggregates exact. Returns how many changed. */
  replaceDerived(items: readonly Rederived[]): Promise<{ changed: number }>;
}

// ---- posts and their evidence --------------------------------------------------------------------

/** A post by its natural key. */
export interface PostKey {
  channel: string;
  messageId: number;
}

export interface StoredFrame {
  frame: string;
  score: number;
  negated: boolean;
  quoted: boolean;
  /** Every hit negated or quoted: counted apart in the aggregates. */
  flagged: boolean;
  lexiconVersion: string;
  hits: FrameHit[];
}

export interface StoredPost extends Omit<PostRecord, 'frames' | 'mediaKinds' | 'links'> {
  /** normalizeText(text): the words the full-text search matches. */
  normalizedText: string;
  mediaKinds: string[];
  links: string[];
  day: string;
  firstSeen: string;
  lastSeen: string;
  /** Highest score first, then by frame id. */
  frames: StoredFrame[];
}

/**
 * How negated/quoted hits count (a hit is "flagged" when it is negated or quoted):
 *  - include: every hit counts (as stored);
 *  - exclude: a post counts for a frame only through unflagged hits; frames whose hits are all
 *    flagged are dropped, and so are the flagged hits of the frames that remain;
 *  - only: just the frames that `exclude` drops (every hit flagged), for reviewing negation/quotation.
 * With exclude/only and no frame filter, only posts with at least one frame that counts are listed.
 */
export type FlagsMode = 'include' | 'exclude' | 'only';

export type PostSort = 'date' | 'score';

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
  /** Full-text search over the normalized text (parseTextQuery builds it from what a user types). */
  text?: TextQuery;
  flags?: FlagsMode;
  /** date (default): newest first; score: highest frame score first, then best text match, then newest. */
  sort?: PostSort;
  limit?: number;
  offset?: number;
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
  /** Sum of the scores of the frames that count (restricted to the filter's frames when given). */
  score: number;
  hits: FrameHit[];
}

/** A post offered as an example of one frame, with that frame's evidence. */
export interface ExampleCandidate {
  frame: string;
  channel: string;
  messageId: number;
  postedAt: string;
  lang: Lang;
  text: string;
  url: string | null;
  views: number | null;
  score: number;
  flagged: boolean;
  negated: boolean;
  quoted: boolean;
  /** This frame's hits (an unreadable record gives none). */
  hits: FrameHit[];
}

export interface ExampleQuery {
  frames: readonly string[];
  from: string;
  to: string;
  /**
   * best: unflagged first, then higher score, more views, newer;
   * recent: the posts stored last (a cheap sample the caller ranks itself).
   */
  order: 'best' | 'recent';
  perFrame: number;
}

export interface PostReadPort {
  /** Posts matching the filter, with their frames and evidence. A text search never waits for a writer: it covers what is indexed. */
  queryPosts(filter: PostFilter): Promise<QueryRow[]>;
  /** The stored posts with these keys (missing ones are left out), in the order given. */
  getPosts(keys: readonly PostKey[]): Promise<StoredPost[]>;
  /** Candidates for example posts: up to `perFrame` per frame, grouped by frame in the order asked. */
  exampleCandidates(q: ExampleQuery): Promise<ExampleCandidate[]>;
}

// ---- aggregates ----------------------------------------------------------------------------------

/** Extra dimensions of a daily count besides day (and frame). */
export type AggregateGroup = 'lang' | 'channel';
export const AGGREGATE_GROUPS: readonly AggregateGroup[] = ['lang', 'channel'];

/** Inclusive local days; an absent end is open. */
export interface DayRange {
  from?: string;
  to?: string;
}

export interface DailyQuery {
  from: string;
  to: string;
  by?: readonly AggregateGroup[];
}

export interface DailyFrameQuery extends DailyQuery {
  /** Only these frames (default: all). */
  frames?: readonly string[];
}

/** Posts of one day (and language/channel when grouped by them). */
export interface DayCount {
  day: string;
  lang?: Lang;
  channel?: string;
  posts: number;
}

export interface DayFrameCount extends DayCount {
  frame: string;
  /** Of `posts`, those whose every hit of the frame is negated or quoted. */
  flagged: number;
}

export interface FrameTotal {
  frame: string;
  posts: number;
  flagged: number;
}

export interface FrameShare {
  frame: string;
  /** The language or channel. */
  key: string;
  posts: number;
}

/** The days with posts. */
export interface DataSpan {
  /** First and last day with posts (null when there are none), among years 0000-9999. */
  first: string | null;
  last: string | null;
  /** Posts whose day is not a date of years 0000-9999 (a misread date): left out of every range. */
  outside: number;
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

export interface Overview {
  posts: number;
  channels: number;
  /** First and last day with posts, as stored. */
  firstDay: string | null;
  lastDay: string | null;
}

export interface StoreSizes {
  posts: number;
  /** Frame tags (post × frame). */
  tags: number;
  channels: number;
}

/**
 * Counts read from the daily aggregates, never by scanning posts (cooccurrence is the one read that
 * walks the posts of the range). Every list has a stable order, stated per method.
 */
export interface AggregatePort {
  dataSpan(): Promise<DataSpan>;
  /** All posts per day (and group); days without posts are absent. Ordered by day (groups in no set order). */
  dailyPosts(q: DailyQuery): Promise<DayCount[]>;
  /** Tagged posts per day and frame (and group); absent = 0. Ordered by day, then frame (groups in no set order). */
  dailyFrames(q: DailyFrameQuery): Promise<DayFrameCount[]>;
  /** Posts per frame over the range, most first, then by frame; frames without posts are absent. */
  frameTotals(range?: DayRange): Promise<FrameTotal[]>;
  /** Posts per language over the range, most first, then by language. */
  langTotals(range?: DayRange): Promise<{ lang: Lang; posts: number }[]>;
  /** Posts of each frame per language or channel over the range: by frame, then most first, then key. */
  frameShares(q: DayRange & { frames?: readonly string[]; by: AggregateGroup }): Promise<FrameShare[]>;
  /** Posts over the range and how many channels they came from. */
  activity(range?: DayRange): Promise<{ posts: number; channels: number }>;
  /** Posts tagged with both frames of a pair (a < b), for pairs of `frames` with any. */
  cooccurrence(q: { from: string; to: string; frames: readonly string[] }): Promise<{ a: string; b: string; posts: number }[]>;
  /** Frame ids that have ever been counted, sorted. */
  knownFrames(): Promise<string[]>;
  stats(): Promise<Stats>;
  overview(): Promise<Overview>;
  sizes(): Promise<StoreSizes>;
}

// ---- collection state and cursors ----------------------------------------------------------------

export type ChannelState = 'ok' | 'no_preview' | 'not_found' | 'failing';
export type RunStatus = 'running' | 'ok' | 'partial' | 'failed' | 'interrupted';

/** An inclusive message id range. */
export interface Segment {
  lo: number;
  hi: number;
}

export interface ChannelInfoUpdate {
  title?: string | null;
  description?: string | null;
  subscribers?: number | null;
}

/** A JSON object stored with a run. */
export type RunSummary = Record<string, unknown>;

export interface ChannelListing {
  username: string;
  title: string | null;
  subscribers: number | null;
  state: string;
  lastError: string | null;
  /** Highest and lowest message id stored. */
  newestId: number | null;
  oldestId: number | null;
  posts: number;
  lastPostAt: string | null;
  lastRunId: number | null;
  lastRunAt: string | null;
  /** Status of that run: ok, partial, failed, interrupted or running. */
  lastRunStatus: string | null;
  lastRunNote: string | null;
}

/** A run still marked 'running', and the process that started it (null for runs of old versions). */
export interface OpenRun {
  id: number;
  pid: number | null;
  startedAt: string;
  /**
   * Stores shared by several hosts: the collector that runs it (host:pid:random) and when it last
   * renewed its leases (ISO). A run of another host is stale when its heartbeat is old, not by pid.
   */
  holder?: string | null;
  heartbeatAt?: string | null;
}

export interface RunChannelRecord {
  channel: string;
  state: ChannelState;
  error: string | null;
  note: string | null;
  pages: number;
  newPosts: number;
  updatedPosts: number;
  startedAt: string;
  finishedAt: string | null;
}

export interface RunRecord {
  id: number;
  startedAt: string;
  finishedAt: string | null;
  status: RunStatus;
  trigger: string;
  pid: number | null;
  summary: RunSummary | null;
  /** By channel name. */
  channels: RunChannelRecord[];
}

/** What a channel holds in the store. */
export interface ChannelFootprint {
  username: string;
  posts: number;
  /** Frame tags of its posts. */
  tags: number;
  /** Its per-run history rows. */
  runs: number;
}

export interface CollectionHealth {
  totalChannels: number;
  byState: Record<string, number>;
  /** Channels failing, not found or without a web preview, by state then name. */
  problems: { username: string; state: string; lastError: string | null }[];
  lastRun: { id: number; startedAt: string; finishedAt: string | null; status: string } | null;
}

/** The collector's state. Pages themselves are written with `ingest` (IngestBatch.page). */
export interface CollectionPort {
  hasChannel(username: string): Promise<boolean>;
  /** Ranges read completely (ids known to be empty included), highest first. */
  segments(channel: string): Promise<Segment[]>;
  /** Lowest and highest message id stored, or null when the channel has no posts. */
  storedIdRange(channel: string): Promise<Segment | null>;
  /** Forgets the covered ranges (the next run reads back from the newest post); returns them. */
  resetSegments(channel: string): Promise<Segment[]>;
  /** Stored posts of the channel with messageId >= fromId. */
  countPostsFrom(channel: string, fromId: number): Promise<number>;
  /** postedAt of the lowest stored message id >= fromId, or null. */
  postedAtOfLowestFrom(channel: string, fromId: number): Promise<string | null>;
  /** Null or absent fields keep what is stored. */
  updateChannelInfo(channel: string, info: ChannelInfoUpdate): Promise<void>;
  /** `holder`: the collector's lease holder id (host:pid:random), where the store keeps it. */
  startRun(trigger: string, pid?: number, holder?: string): Promise<number>;
  /** Runs still marked 'running', oldest first. */
  openRuns(): Promise<OpenRun[]>;
  /** Marks a run whose process has ended as interrupted (only while it is still 'running'). */
  markInterrupted(runId: number, summary: RunSummary): Promise<void>;
  /** The channel's row in the run, 'failing' with an "interrupted" error until it is finished. */
  startRunChannel(runId: number, channel: string): Promise<void>;
  /** Ends the channel's part of the run; the channel takes the state. */
  finishRunChannel(runId: number, channel: string, end: { state: ChannelState; error: string | null; note: string | null }): Promise<void>;
  finishRun(runId: number, status: RunStatus, summary: RunSummary): Promise<void>;
  getRun(runId: number): Promise<RunRecord | null>;
  /** Every channel with its state, stored ids, last post and last run, by name. */
  listChannels(): Promise<ChannelListing[]>;
  channelFootprint(username: string): Promise<ChannelFootprint | null>;
  /**
   * Deletes the channel with its posts, their tags, its share of every aggregate, its index
   * entries, its ranges and its per-run history, in one transaction: as if never collected.
   */
  removeChannel(username: string): Promise<ChannelFootprint | null>;
  collectionHealth(): Promise<CollectionHealth>;
}

// ---- digest deliveries and settings ------------------------------------------------------------------

export interface DigestSend {
  day: string;
  chatId: string;
  sentAt: string;
  messages: number;
  /** Sent after the day was over. */
  complete: boolean;
}

export interface DigestSendPort {
  getDigestSend(day: string, chatId: string): Promise<DigestSend | undefined>;
  /** Records (or replaces) the delivery of a day's digest to a chat. */
  recordDigestSend(s: DigestSend): Promise<void>;
  lastDigestSend(): Promise<DigestSend | undefined>;
}

export interface SettingsPort {
  getSetting(key: string): Promise<string | undefined>;
  setSetting(key: string, value: string): Promise<void>;
}

// ---- checks ----------------------------------------------------------------------------------------

export interface MaintenancePort {
  /** Recounts every aggregate from the posts and their tags (reclassify; repairs any drift). */
  rebuildAggregates(): Promise<void>;
  /** Differences between the stored aggregates and a fresh recount, one line each; empty when exact. */
  aggregateDrift(): Promise<string[]>;
}

// ---- the shared collection list and channel leases ------------------------------------------------
// Several collectors (hosts) share one database: each channel is collected by one of them at a time.
// A collector takes a channel's lease, renews it while it collects and gives it back when done; a
// lease not renewed expires, so a collector killed mid-channel loses it and another one continues
// from the stored ranges. A single-host store (SQLite) may keep all of this in the process.

export interface ChannelLease {
  channel: string;
  /** host:pid:random of the collector holding it, null when free. */
  holder: string | null;
  /** ISO instants (the database's clock). */
  expiresAt: string | null;
  heartbeatAt: string | null;
  /** When a collector last finished the channel, and which. */
  doneAt: string | null;
  doneBy: string | null;
}

export interface ClaimOptions {
  /** How long the lease lasts unless renewed. */
  ttlMs: number;
  /** A channel finished at or after this instant (ISO) is done for this pass. Absent: any. */
  notDoneSince?: string;
  /** Only these channels (collect NAME...). Absent: the whole collection list. */
  only?: readonly string[];
}

export interface LeasePort {
  /** Puts channels on the shared collection list (creating their rows). */
  enlistChannels(usernames: readonly string[]): Promise<void>;
  /** The collection list, by name. */
  collectionList(): Promise<string[]>;
  /** The database's clock (ISO): passes are measured on it, not on each host's. */
  clock(): Promise<string>;
  /**
   * Takes the lease of one channel that nobody holds (or whose lease expired) and that is not done
   * since `notDoneSince`, oldest done first; null when none is free. Never waits for another claim.
   */
  claimChannel(holder: string, opts: ClaimOptions): Promise<string | null>;
  /** Extends every lease `holder` holds (and its runs' heartbeat); returns the channels it still holds. */
  renewLeases(holder: string, ttlMs: number): Promise<string[]>;
  /** Gives the lease back; `done` marks the channel collected for this pass. */
  releaseLease(channel: string, holder: string, done: boolean): Promise<void>;
  /** The list with its leases, by name. */
  leases(): Promise<ChannelLease[]>;
}

// ---- moving data between stores (framewatch migrate) ---------------------------------------------------

/** A channel row as stored (its stored id range is derived from its posts). */
export interface ChannelRecord {
  username: string;
  title: string | null;
  description: string | null;
  subscribers: number | null;
  hint: Lang | null;
  side: Side | null;
  state: string;
  lastError: string | null;
  lastRunId: number | null;
  createdAt: string;
  updatedAt: string;
}

/** A stored post and its tags, with its place in the source's storage order. */
export interface TransferPost extends StoredPost {
  key: number;
}

export interface SegmentRecord extends Segment {
  channel: string;
}

/**
 * Copies of everything a store holds, for copying it into another store. Imports are idempotent
 * (posts by channel and message id, runs by id, channels by name): a copy cut short is resumed by
 * importing again. Aggregates are the importing store's own, kept exact as on any write.
 */
export interface TransferPort {
  exportChannels(): Promise<ChannelRecord[]>;
  importChannels(rows: readonly ChannelRecord[]): Promise<void>;
  /** Up to `limit` posts with a key above `afterKey`, in key (storage) order. */
  exportPosts(afterKey: number, limit: number): Promise<TransferPost[]>;
  /** Writes posts as stored (times seen, tags, evidence) in one transaction; the day follows this store's zone. */
  importPosts(posts: readonly StoredPost[]): Promise<void>;
  /** Up to `limit` runs with an id above `afterId`, by id, with their channel rows. */
  exportRuns(afterId: number, limit: number): Promise<RunRecord[]>;
  /** Writes runs with their ids (replacing a run of the same id); the channels must exist. */
  importRuns(runs: readonly RunRecord[]): Promise<void>;
  exportSegments(): Promise<SegmentRecord[]>;
  /** Replaces the covered ranges of the channels named. */
  importSegments(rows: readonly SegmentRecord[]): Promise<void>;
  exportDigestSends(): Promise<DigestSend[]>;
}

// ---- review samples and labels ---------------------------------------------------------------------
// Validation on the analyst's own channels (src/review/): a stratified random sample of one frame's
// posts is drawn and recorded, analysts label each post yes/no for the frame, and the figures are
// estimated from the labels with the strata's weights. Labels point at posts: removing a post (its
// channel) removes its labels and sample items with it.

/** The three strata of a review sample: tagged with the frame, near misses, all other posts. */
export type ReviewStratum = 'tagged' | 'near' | 'rest';

/** Which stored posts a sample is drawn from: every given filter holds. */
export interface PostScope {
  /** Inclusive lower bound, ISO instant (UTC). */
  since?: string;
  /** Exclusive upper bound, ISO instant (UTC). */
  until?: string;
  channels?: readonly string[];
  langs?: readonly Lang[];
}

/** A stored post of a scope: what re-tagging it needs (text, language, side) and what names it. */
export interface ScopePost {
  key: number;
  channel: string;
  messageId: number;
  postedAt: string;
  lang: Lang;
  side: Side | null;
  text: string;
  permalink: string | null;
}

export interface SampleItemInput {
  post: PostKey;
  stratum: ReviewStratum;
  /** Posts of the stratum when the sample was drawn (N_s). */
  stratumSize: number;
  /** Posts each labelled post of the stratum stands for (N_s / n_s). */
  weight: number;
}

export interface NewSample {
  frame: string;
  seed: number;
  scope: PostScope;
  /** Labels asked for (n). */
  size: number;
  lexiconVersion: string;
  createdAt: string;
  /** In the order they are shown for labelling (position 1, 2, ...). */
  items: readonly SampleItemInput[];
}

export interface SampleRecord {
  id: number;
  frame: string;
  seed: number;
  scope: PostScope;
  size: number;
  lexiconVersion: string;
  createdAt: string;
  /** Items recorded (fewer than `size` when the scope had fewer posts). */
  items: number;
}

export interface SampleItem extends SampleItemInput {
  sampleId: number;
  /** 1-based. */
  position: number;
}

/** One analyst's yes/no on one post for one frame. */
export interface LabelRecord {
  post: PostKey;
  frame: string;
  label: boolean;
  labeller: string;
  /** ISO instant. */
  labelledAt: string;
  /** The lexicon in force when the label was made (labels count under later lexicons too). */
  lexiconVersion: string;
  /** The sample (and its stratum and weight) the post was labelled in; null when not from a recorded sample. */
  sampleId: number | null;
  stratum: ReviewStratum | null;
  stratumSize: number | null;
  weight: number | null;
}

/** A label that is no longer current, and why: replaced by a later one, undone, or older than the current one when it arrived. */
export interface LabelHistoryRecord extends LabelRecord {
  reason: 'replaced' | 'undone' | 'older';
  /** When it left (or, for 'older', reached) the history. */
  archivedAt: string;
}

export interface LabelWriteResult {
  /** New current labels. */
  added: number;
  /** Current labels replaced by a later one with another answer (the old one kept in the history). */
  replaced: number;
  /** The same answer as the current label: nothing changed (a re-import). */
  unchanged: number;
  /** Another answer made before the current label: kept in the history only. */
  older: number;
}

export interface LabelQuery {
  frame?: string;
  labeller?: string;
  sampleId?: number;
}

export interface LabelPort {
  /** Up to `limit` posts of the scope with a key above `afterKey`, in key order (0 = from the start). */
  scopePosts(scope: PostScope, afterKey: number, limit: number): Promise<ScopePost[]>;
  /** Records a sample and its items in one transaction; returns its id. An item whose post is not stored fails it all. */
  createSample(sample: NewSample): Promise<number>;
  /** Samples, newest first (only this frame's when given). */
  samples(frame?: string): Promise<SampleRecord[]>;
  /** A sample's items by position (empty for an unknown sample). */
  sampleItems(sampleId: number): Promise<SampleItem[]>;
  /**
   * Writes labels in one transaction, all or nothing (a label on a post that is not stored fails
   * it all). Per (post, frame, labeller) one label is current: the same answer again changes
   * nothing; another answer replaces it when made at or after it (the replaced one goes to the
   * history), else it goes to the history only. So a re-import changes nothing.
   */
  putLabels(labels: readonly LabelRecord[]): Promise<LabelWriteResult>;
  /** Takes back the current label (undo); it is kept in the history. False when there was none. */
  removeLabel(post: PostKey, frame: string, labeller: string, at: string): Promise<boolean>;
  /** Current labels, by labelling time, then post. */
  labels(q?: LabelQuery): Promise<LabelRecord[]>;
  /** Labels no longer current, by archiving time, then post. */
  labelHistory(q?: LabelQuery): Promise<LabelHistoryRecord[]>;
}

/** The whole port. */
export interface Store
  extends IngestPort, RederivePort, PostReadPort, AggregatePort, CollectionPort, DigestSendPort, SettingsPort, MaintenancePort, LeasePort, TransferPort, LabelPort {
  /** Which adapter: 'sqlite' or 'postgres'. */
  readonly backend: 'sqlite' | 'postgres';
  /** Where the data lives (a file path), for messages: never carries a secret (a URL's password is left out). */
  readonly location: string;
  /** Closes the store; closing twice is harmless, any other call afterwards fails. */
  close(): Promise<void>;
}
