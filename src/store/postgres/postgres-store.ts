// The PostgreSQL adapter of the storage port: one database shared by several collectors, the digest,
// the bot and analysts on other hosts. Each method group lives in its own module beside this one;
// this class holds the pool and maps channel names.
import { UserError } from '../../errors.js';
import type {
  AggregateGroup,
  ChannelInfoUpdate,
  ChannelProfile,
  ChannelProfileUpdate,
  ChannelRecord,
  ChannelState,
  ClaimOptions,
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
  RunRecord,
  RunStatus,
  RunSummary,
  SegmentRecord,
  Store,
  StoredPost,
} from '../store.js';
import * as agg from './aggregate-queries.js';
import { channelFootprint, removeChannel } from './channel-removal.js';
import * as col from './collection-store.js';
import { createPool, pgCode, redactUrl, rows, transaction, type Pool } from './connection.js';
import * as sends from './deliveries.js';
import { exampleCandidates } from './example-queries.js';
import * as labelSql from './label-store.js';
import type { LabelQuery, LabelRecord, NewSample, PostScope } from '../store.js';
import * as lease from './leases.js';
import { openPgDatabase } from './open-database.js';
import { getPosts, postsAfter, queryPosts, rederiveSources, stats } from './post-queries.js';
import { ensureChannel, PgPostWriter } from './post-writer.js';
import { getSettingPg, setSettingPg } from './connection.js';
import * as transfer from './transfer.js';

export interface PostgresStoreOptions {
  timezone?: string;
  readonly?: boolean;
  /** Connections in the pool (default 4). */
  poolSize?: number;
}

const FOREIGN_KEY = '23503';

const addResult = (into: IngestResult, r: IngestResult): void => {
  into.new += r.new;
  into.updated += r.updated;
  into.unchanged += r.unchanged;
};

export class PostgresStore implements Store {
  readonly backend = 'postgres' as const;
  readonly location: string;
  private closed = false;

  private constructor(
    private readonly pool: Pool,
    location: string,
    private readonly timezone: string,
  ) {
    this.location = location;
  }

  static async open(url: string, opts: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const pool = createPool(url, opts.poolSize);
    try {
      const timezone = await openPgDatabase(pool, redactUrl(url), opts);
      return new PostgresStore(pool, redactUrl(url), timezone);
    } catch (err) {
      await pool.end().catch(() => {});
      throw err;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  private async channelId(channel: string): Promise<number | null> {
    return col.channelIdOf(this.pool, channel);
  }

  private async requireChannel(channel: string): Promise<number> {
    const id = await this.channelId(channel);
    if (id === null) throw new UserError(`no channel "${channel}" in ${this.location}`);
    return id;
  }

  // ---- ingest ----

  /** Runs a write with a fresh writer; a channel removed meanwhile by another process is looked up again once. */
  private async write<T>(fn: (w: PgPostWriter, c: import('./connection.js').Client) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await transaction(this.pool, async (c) => {
          const w = new PgPostWriter(this.timezone);
          const r = await fn(w, c);
          await w.deltas.apply(c);
          return r;
        });
      } catch (err) {
        if (attempt > 0 || pgCode(err) !== FOREIGN_KEY) throw err;
      }
    }
  }

  async ingest(batch: IngestBatch): Promise<IngestResult> {
    return this.write((w, c) => w.writeBatch(c, batch));
  }

  async ingestAll(batches: AsyncIterable<IngestBatch>, onBatch?: (r: IngestResult) => void): Promise<IngestResult> {
    const total: IngestResult = { new: 0, updated: 0, unchanged: 0 };
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const w = new PgPostWriter(this.timezone);
      for await (const batch of batches) {
        const r = await w.writeBatch(client, batch);
        addResult(total, r);
        onBatch?.(r);
      }
      // The aggregate rows are locked only now, in one order: a long import never holds them while it parses.
      await w.deltas.apply(client);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
    return total;
  }

  async upsertChannel(update: ChannelProfileUpdate): Promise<void> {
    await ensureChannel(this.pool, update);
  }

  async channelProfiles(): Promise<ChannelProfile[]> {
    return rows<ChannelProfile>(this.pool, 'SELECT username, lang_hint AS hint, side FROM channels ORDER BY username');
  }

  // The text index is written with each post: nothing is ever pending.
  async pendingTextIndex(): Promise<number> {
    return 0;
  }

  async syncTextIndex(): Promise<number> {
    return 0;
  }

  // ---- re-deriving ----

  async rederiveSources(afterKey: number, limit: number) {
    return rederiveSources(this.pool, afterKey, limit);
  }

  async replaceDerived(items: readonly Rederived[]): Promise<{ changed: number }> {
    return { changed: await this.write((w, c) => w.replaceDerived(c, items)) };
  }

  // ---- posts ----

  async queryPosts(filter: PostFilter) {
    return queryPosts(this.pool, filter);
  }

  async getPosts(keys: readonly PostKey[]) {
    return getPosts(this.pool, keys);
  }

  async exampleCandidates(q: ExampleQuery) {
    return exampleCandidates(this.pool, q);
  }

  // ---- aggregates ----

  async dataSpan() {
    return agg.dataSpan(this.pool);
  }

  async dailyPosts(q: DailyQuery) {
    return agg.dailyPosts(this.pool, q);
  }

  async dailyFrames(q: DailyFrameQuery) {
    return agg.dailyFrames(this.pool, q);
  }

  async frameTotals(range?: DayRange) {
    return agg.frameTotals(this.pool, range);
  }

  async langTotals(range?: DayRange) {
    return agg.langTotals(this.pool, range);
  }

  async frameShares(q: DayRange & { frames?: readonly string[]; by: AggregateGroup }) {
    return agg.frameShares(this.pool, q);
  }

  async activity(range?: DayRange) {
    return agg.activity(this.pool, range);
  }

  async cooccurrence(q: { from: string; to: string; frames: readonly string[] }) {
    return agg.cooccurrence(this.pool, q);
  }

  async knownFrames() {
    return agg.knownFrames(this.pool);
  }

  async stats() {
    return stats(this.pool);
  }

  async overview() {
    return agg.overview(this.pool);
  }

  async sizes() {
    return agg.sizes(this.pool);
  }

  // ---- collection ----

  async hasChannel(username: string) {
    return (await this.channelId(username)) !== null;
  }

  async segments(channel: string) {
    const id = await this.channelId(channel);
    return id === null ? [] : col.segments(this.pool, id);
  }

  async storedIdRange(channel: string) {
    const id = await this.channelId(channel);
    return id === null ? null : col.storedIdRange(this.pool, id);
  }

  async resetSegments(channel: string) {
    const id = await this.channelId(channel);
    return id === null ? [] : col.resetSegments(this.pool, id);
  }

  async countPostsFrom(channel: string, fromId: number) {
    const id = await this.channelId(channel);
    return id === null ? 0 : col.countPostsFrom(this.pool, id, fromId);
  }

  async postedAtOfLowestFrom(channel: string, fromId: number) {
    const id = await this.channelId(channel);
    return id === null ? null : col.postedAtOfLowestFrom(this.pool, id, fromId);
  }

  async updateChannelInfo(channel: string, info: ChannelInfoUpdate) {
    const id = await this.channelId(channel);
    if (id !== null) await col.updateChannelInfo(this.pool, id, info);
  }

  async startRun(trigger: string, pid?: number, holder?: string) {
    return col.startRun(this.pool, trigger, pid, holder);
  }

  async openRuns() {
    return col.openRuns(this.pool);
  }

  async markInterrupted(runId: number, summary: RunSummary) {
    await col.markInterrupted(this.pool, runId, summary);
  }

  async startRunChannel(runId: number, channel: string) {
    await col.startRunChannel(this.pool, runId, await this.requireChannel(channel));
  }

  async finishRunChannel(runId: number, channel: string, end: { state: ChannelState; error: string | null; note: string | null }) {
    await col.finishRunChannel(this.pool, runId, await this.requireChannel(channel), end);
  }

  async finishRun(runId: number, status: RunStatus, summary: RunSummary) {
    await col.finishRun(this.pool, runId, status, summary);
  }

  async getRun(runId: number) {
    return col.getRun(this.pool, runId);
  }

  async listChannels() {
    return col.listChannels(this.pool);
  }

  async channelFootprint(username: string) {
    return channelFootprint(this.pool, username);
  }

  async removeChannel(username: string) {
    return removeChannel(this.pool, username);
  }

  async collectionHealth() {
    return col.health(this.pool);
  }

  // ---- digest deliveries, settings, checks ----

  async getDigestSend(day: string, chatId: string) {
    return sends.getDigestSend(this.pool, day, chatId);
  }

  async recordDigestSend(s: DigestSend) {
    await sends.recordDigestSend(this.pool, s);
  }

  async lastDigestSend() {
    return sends.lastDigestSend(this.pool);
  }

  async getSetting(key: string) {
    return getSettingPg(this.pool, key);
  }

  async setSetting(key: string, value: string) {
    await setSettingPg(this.pool, key, value);
  }

  async rebuildAggregates() {
    await transaction(this.pool, (c) => agg.rebuildAggregates(c));
  }

  async aggregateDrift() {
    // One snapshot: posts and aggregates are committed together, so the comparison is exact even while others write.
    return transaction(this.pool, (c) => agg.aggregateDrift(c), { isolation: 'repeatable read', readOnly: true });
  }

  // ---- the collection list and leases ----

  async enlistChannels(usernames: readonly string[]) {
    await lease.enlistChannels(this.pool, usernames);
  }

  async collectionList() {
    return lease.collectionList(this.pool);
  }

  async clock() {
    return lease.clock(this.pool);
  }

  async claimChannel(holder: string, opts: ClaimOptions) {
    return lease.claimChannel(this.pool, holder, opts);
  }

  async renewLeases(holder: string, ttlMs: number) {
    return lease.renewLeases(this.pool, holder, ttlMs);
  }

  async releaseLease(channel: string, holder: string, done: boolean) {
    await lease.releaseLease(this.pool, channel, holder, done);
  }

  async leases() {
    return lease.leases(this.pool);
  }

  // ---- review samples and labels (label-store.ts) ----

  async scopePosts(scope: PostScope, afterKey: number, limit: number) {
    return labelSql.scopePosts(this.pool, scope, afterKey, limit);
  }

  async createSample(sample: NewSample) {
    return labelSql.createSample(this.pool, sample);
  }

  async samples(frame?: string) {
    return labelSql.samples(this.pool, frame);
  }

  async sampleItems(sampleId: number) {
    return labelSql.sampleItems(this.pool, sampleId);
  }

  async putLabels(labels: readonly LabelRecord[]) {
    return labelSql.putLabels(this.pool, labels, new Date().toISOString());
  }

  async removeLabel(post: PostKey, frame: string, labeller: string, at: string) {
    return labelSql.removeLabel(this.pool, post, frame, labeller, at);
  }

  async labels(q?: LabelQuery) {
    return labelSql.labels(this.pool, q);
  }

  async labelHistory(q?: LabelQuery) {
    return labelSql.labelHistory(this.pool, q);
  }

  // ---- transfer (framewatch migrate) ----

  async exportChannels() {
    return transfer.exportChannels(this.pool);
  }

  async importChannels(list: readonly ChannelRecord[]) {
    await transfer.importChannels(this.pool, list);
  }

  async exportPosts(afterKey: number, limit: number) {
    return postsAfter(this.pool, afterKey, limit);
  }

  async importPosts(posts: readonly StoredPost[]) {
    await transfer.importPosts(this.pool, this.timezone, posts);
  }

  async exportRuns(afterId: number, limit: number) {
    return transfer.exportRuns(this.pool, afterId, limit);
  }

  async importRuns(runs: readonly RunRecord[]) {
    await transfer.importRuns(this.pool, runs);
  }

  async exportSegments() {
    return transfer.exportSegments(this.pool);
  }

  async importSegments(list: readonly SegmentRecord[]) {
    await transfer.importSegments(this.pool, list);
  }

  async exportDigestSends() {
    return sends.allDigestSends(this.pool);
  }
}

/** Opens (migrating) a PostgreSQL database as a Store. */
export async function openPostgresStore(url: string, opts: PostgresStoreOptions = {}): Promise<PostgresStore> {
  return PostgresStore.open(url, opts);
}
