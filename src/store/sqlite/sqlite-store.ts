// The SQLite adapter of the storage port. better-sqlite3 is synchronous: each operation runs to
// completion inside its async method, so an operation is never interleaved with another one of this
// process (ingestAll aside, which holds its transaction across the batches it awaits).
import { UserError } from '../../errors.js';
import { LocalLeases } from '../local-leases.js';
import type {
  ChannelRecord,
  ClaimOptions,
  RunRecord,
  SegmentRecord,
  StoredPost,
  ChannelInfoUpdate,
  ChannelProfile,
  ChannelProfileUpdate,
  ChannelState,
  DailyFrameQuery,
  DailyQuery,
  DayRange,
  DigestSend,
  ExampleQuery,
  IngestBatch,
  IngestResult,
  PostFilter,
  PostKey,
  Rederived,
  RunStatus,
  RunSummary,
  Store,
  AggregateGroup,
} from '../store.js';
import * as agg from './aggregate-queries.js';
import { channelFootprint, removeChannel } from './channel-removal.js';
import { createCollectionSql, type CollectionSql } from './collection-store.js';
import * as sends from './digest-sends.js';
import { exampleCandidates } from './example-queries.js';
import { ftsPending, syncFts } from './fts-index.js';
import { closeDatabase, getSetting, openDatabase, setSetting, type Db, type OpenDatabaseOptions } from './open-database.js';
import { getPosts, queryPosts, rederiveSources, stats } from './post-queries.js';
import { aggregateDrift, createPostWriter, rebuildAggregates, type PostWriter } from './post-writer.js';
import * as labelSql from './label-store.js';
import type { LabelQuery, LabelRecord, NewSample, PostScope } from '../store.js';
import * as transfer from './transfer.js';

export type SqliteStoreOptions = OpenDatabaseOptions;

const connections = new WeakMap<SqliteStore, Db>();

/** The connection under a SQLite store: for the adapter's own diagnostics (sqlite-inspect.ts), nothing else. */
export function connectionOf(store: SqliteStore): Db {
  const db = connections.get(store);
  if (!db) throw new Error('not a SQLite store');
  return db;
}

function foreignKeyFailed(err: unknown): boolean {
  return (err as { code?: unknown }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

const addResult = (into: IngestResult, r: IngestResult): void => {
  into.new += r.new;
  into.updated += r.updated;
  into.unchanged += r.unchanged;
};

export class SqliteStore implements Store {
  readonly backend = 'sqlite' as const;
  readonly location: string;
  private readonly db: Db;
  /** The zone posts are bucketed into days by. */
  private readonly timezone: string;
  private writerInstance: PostWriter | null = null;
  private collectionInstance: CollectionSql | null = null;
  /** One host: the collection list and its leases live in the process. */
  private readonly local = new LocalLeases();

  constructor(path: string, opts: SqliteStoreOptions = {}) {
    this.location = path;
    this.db = openDatabase(path, opts);
    this.timezone = opts.timezone ?? getSetting(this.db, 'timezone') ?? 'UTC';
    connections.set(this, this.db);
  }

  // Statements are prepared on first use: a read-only command never prepares the writer's.
  private get collection(): CollectionSql {
    return (this.collectionInstance ??= createCollectionSql(this.db));
  }

  private get writer(): PostWriter {
    return (this.writerInstance ??= createPostWriter(this.db, this.timezone, this.collection));
  }

  private channelId(channel: string): number | null {
    return this.collection.findChannelId(channel);
  }

  private requireChannel(channel: string): number {
    const id = this.channelId(channel);
    if (id === null) throw new UserError(`no channel "${channel}" in ${this.location}`);
    return id;
  }

  async close(): Promise<void> {
    closeDatabase(this.db);
  }

  // ---- ingest ----

  async ingest(batch: IngestBatch): Promise<IngestResult> {
    const write = this.db.transaction(() => this.writer.writeBatch(batch));
    try {
      return write();
    } catch (err) {
      this.writer.settle();
      if (!foreignKeyFailed(err)) throw err;
      // A channel this process knew was removed by another one: look the channels up again.
      this.writer.forgetChannels();
      return write();
    } finally {
      this.writer.settle();
    }
  }

  async ingestAll(batches: AsyncIterable<IngestBatch>, onBatch?: (r: IngestResult) => void): Promise<IngestResult> {
    const total: IngestResult = { new: 0, updated: 0, unchanged: 0 };
    this.db.exec('BEGIN IMMEDIATE');
    this.writer.forgetChannels(); // the lock is ours now: ids looked up from here on stay valid
    try {
      for await (const batch of batches) {
        const r = this.writer.writeBatch(batch);
        addResult(total, r);
        onBatch?.(r);
      }
      this.db.exec('COMMIT');
    } catch (err) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw err;
    } finally {
      this.writer.settle();
    }
    return total;
  }

  async upsertChannel(update: ChannelProfileUpdate): Promise<void> {
    this.writer.ensureChannel(update);
  }

  async channelProfiles(): Promise<ChannelProfile[]> {
    return this.db.prepare('SELECT username, lang_hint AS hint, side FROM channels ORDER BY username').all() as ChannelProfile[];
  }

  async pendingTextIndex(): Promise<number> {
    return ftsPending(this.db);
  }

  async syncTextIndex(): Promise<number> {
    return syncFts(this.db);
  }

  // ---- re-deriving ----

  async rederiveSources(afterKey: number, limit: number) {
    return rederiveSources(this.db, afterKey, limit);
  }

  async replaceDerived(items: readonly Rederived[]): Promise<{ changed: number }> {
    try {
      return { changed: this.db.transaction(() => this.writer.replaceDerived(items))() };
    } finally {
      this.writer.settle();
    }
  }

  // ---- posts ----

  async queryPosts(filter: PostFilter) {
    return queryPosts(this.db, filter);
  }

  async getPosts(keys: readonly PostKey[]) {
    return getPosts(this.db, keys);
  }

  async exampleCandidates(q: ExampleQuery) {
    return exampleCandidates(this.db, q);
  }

  // ---- aggregates ----

  async dataSpan() {
    return agg.dataSpan(this.db);
  }

  async dailyPosts(q: DailyQuery) {
    return agg.dailyPosts(this.db, q);
  }

  async dailyFrames(q: DailyFrameQuery) {
    return agg.dailyFrames(this.db, q);
  }

  async frameTotals(range?: DayRange) {
    return agg.frameTotals(this.db, range);
  }

  async langTotals(range?: DayRange) {
    return agg.langTotals(this.db, range);
  }

  async frameShares(q: DayRange & { frames?: readonly string[]; by: AggregateGroup }) {
    return agg.frameShares(this.db, q);
  }

  async activity(range?: DayRange) {
    return agg.activity(this.db, range);
  }

  async cooccurrence(q: { from: string; to: string; frames: readonly string[] }) {
    return agg.cooccurrence(this.db, q);
  }

  async knownFrames() {
    return agg.knownFrames(this.db);
  }

  async stats() {
    return stats(this.db);
  }

  async overview() {
    return agg.overview(this.db);
  }

  async sizes() {
    return agg.sizes(this.db);
  }

  // ---- collection ----

  async hasChannel(username: string) {
    return this.channelId(username) !== null;
  }

  async segments(channel: string) {
    const id = this.channelId(channel);
    return id === null ? [] : this.collection.segments(id);
  }

  async storedIdRange(channel: string) {
    const id = this.channelId(channel);
    return id === null ? null : this.collection.storedIdRange(id);
  }

  async resetSegments(channel: string) {
    const id = this.channelId(channel);
    return id === null ? [] : this.collection.resetSegments(id);
  }

  async countPostsFrom(channel: string, fromId: number) {
    const id = this.channelId(channel);
    return id === null ? 0 : this.collection.countPostsFrom(id, fromId);
  }

  async postedAtOfLowestFrom(channel: string, fromId: number) {
    const id = this.channelId(channel);
    return id === null ? null : this.collection.postedAtOfLowestFrom(id, fromId);
  }

  async updateChannelInfo(channel: string, info: ChannelInfoUpdate) {
    const id = this.channelId(channel);
    if (id !== null) this.collection.updateChannelInfo(id, info);
  }

  async startRun(trigger: string, pid?: number) {
    return this.collection.startRun(trigger, pid);
  }

  async openRuns() {
    return this.collection.openRuns();
  }

  async markInterrupted(runId: number, summary: RunSummary) {
    this.collection.markInterrupted(runId, summary);
  }

  async startRunChannel(runId: number, channel: string) {
    this.collection.startRunChannel(runId, this.requireChannel(channel));
  }

  async finishRunChannel(runId: number, channel: string, end: { state: ChannelState; error: string | null; note: string | null }) {
    this.collection.finishRunChannel(runId, this.requireChannel(channel), end.state, end.error, end.note);
  }

  async finishRun(runId: number, status: RunStatus, summary: RunSummary) {
    this.collection.finishRun(runId, status, summary);
  }

  async getRun(runId: number) {
    return this.collection.getRun(runId);
  }

  async listChannels() {
    return this.collection.listChannels();
  }

  async channelFootprint(username: string) {
    return channelFootprint(this.db, username);
  }

  async removeChannel(username: string) {
    this.writerInstance?.forgetChannels();
    this.local.forget(username);
    return removeChannel(this.db, username);
  }

  async collectionHealth() {
    return this.collection.health();
  }

  // ---- digest deliveries, settings, checks ----

  async getDigestSend(day: string, chatId: string) {
    return sends.getDigestSend(this.db, day, chatId);
  }

  async recordDigestSend(s: DigestSend) {
    sends.recordDigestSend(this.db, s);
  }

  async lastDigestSend() {
    return sends.lastDigestSend(this.db);
  }

  async getSetting(key: string) {
    return getSetting(this.db, key);
  }

  async setSetting(key: string, value: string) {
    setSetting(this.db, key, value);
  }

  async rebuildAggregates() {
    rebuildAggregates(this.db);
  }

  async aggregateDrift() {
    return [...aggregateDrift(this.db), ...agg.rollupDrift(this.db)];
  }

  // ---- review samples and labels ----

  async scopePosts(scope: PostScope, afterKey: number, limit: number) {
    return labelSql.scopePosts(this.db, scope, afterKey, limit);
  }

  async createSample(sample: NewSample) {
    return labelSql.createSample(this.db, sample);
  }

  async samples(frame?: string) {
    return labelSql.samples(this.db, frame);
  }

  async sampleItems(sampleId: number) {
    return labelSql.sampleItems(this.db, sampleId);
  }

  async putLabels(labels: readonly LabelRecord[]) {
    return labelSql.putLabels(this.db, labels, new Date().toISOString());
  }

  async removeLabel(post: PostKey, frame: string, labeller: string, at: string) {
    return labelSql.removeLabel(this.db, post, frame, labeller, at);
  }

  async labels(q?: LabelQuery) {
    return labelSql.labels(this.db, q);
  }

  async labelHistory(q?: LabelQuery) {
    return labelSql.labelHistory(this.db, q);
  }

  // ---- the collection list and leases (one host: kept in the process) ----

  async enlistChannels(usernames: readonly string[]) {
    for (const username of usernames) this.writer.ensureChannel({ username });
    this.local.enlist(usernames);
  }

  async collectionList() {
    return this.local.list();
  }

  async clock() {
    return new Date().toISOString();
  }

  async claimChannel(holder: string, opts: ClaimOptions) {
    return this.local.claim(holder, opts);
  }

  async renewLeases(holder: string, ttlMs: number) {
    return this.local.renew(holder, ttlMs);
  }

  async releaseLease(channel: string, holder: string, done: boolean) {
    this.local.release(channel, holder, done);
  }

  async leases() {
    return this.local.leases();
  }

  // ---- transfer (framewatch migrate) ----

  async exportChannels() {
    return transfer.exportChannels(this.db);
  }

  async importChannels(rows: readonly ChannelRecord[]) {
    transfer.importChannels(this.db, rows);
  }

  async exportPosts(afterKey: number, limit: number) {
    return transfer.exportPosts(this.db, afterKey, limit);
  }

  async importPosts(posts: readonly StoredPost[]) {
    try {
      transfer.importPosts(this.db, this.writer, posts);
    } finally {
      this.writer.settle();
    }
  }

  async exportRuns(afterId: number, limit: number) {
    return transfer.exportRuns(this.db, this.collection, afterId, limit);
  }

  async importRuns(runs: readonly RunRecord[]) {
    transfer.importRuns(this.db, runs);
  }

  async exportSegments() {
    return transfer.exportSegments(this.db);
  }

  async importSegments(rows: readonly SegmentRecord[]) {
    transfer.importSegments(this.db, rows);
  }

  async exportDigestSends() {
    return transfer.exportDigestSends(this.db);
  }
}

/** Opens (creating and migrating) a SQLite database file as a Store. */
export function openSqliteStore(path: string, opts: SqliteStoreOptions = {}): SqliteStore {
  return new SqliteStore(path, opts);
}
