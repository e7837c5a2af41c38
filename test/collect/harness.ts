// The collector in-process against the local t.me stand-in: a temp store, a fetcher whose waits are
// recorded and skipped, and readers for what ended up in the database.
import { afterEach } from 'vitest';
import type { CollectTarget } from '../../src/collect/collect-channel.js';
import { collectRun, type CollectRunOptions, type RunResult } from '../../src/collect/collect-run.js';
import { PoliteFetcher, type PoliteFetcherOptions } from '../../src/collect/polite-fetcher.js';
import type { Pipeline } from '../../src/pipeline.js';
import { inspectSqlite } from '../../src/store/sqlite/sqlite-inspect.js';
import type { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { testPipeline } from '../helpers/temp-store.js';
import { shownViews, startFakeTme, type FakePost, type FakeTme } from './fake-tme.js';

const servers: FakeTme[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

export async function serve(channels: Record<string, FakePost[]>): Promise<FakeTme> {
  const s = await startFakeTme(channels);
  servers.push(s);
  return s;
}

export interface Harness {
  store: SqliteStore;
  pipeline: Pipeline;
  sleeps: number[];
  run(
    names: string[],
    target?: CollectTarget,
    fetcher?: Partial<PoliteFetcherOptions>,
    signal?: AbortSignal,
    extra?: Partial<CollectRunOptions>,
  ): Promise<RunResult>;
}

export function harness(tme: FakeTme, existing?: { store: SqliteStore; pipeline: Pipeline }): Harness {
  const { store, pipeline } = existing ?? testPipeline('UTC');
  const sleeps: number[] = [];
  let offset = 0;
  return {
    store,
    pipeline,
    sleeps,
    run: (names, target = {}, fopts = {}, signal, extra = {}) =>
      collectRun({
        signal,
        store,
        pipeline,
        timezone: 'UTC',
        channels: names.map((name) => ({ name })),
        baseUrl: tme.url,
        target,
        fetcher: new PoliteFetcher({
          baseUrl: tme.url,
          minIntervalMs: 0,
          backoffBaseMs: 10,
          timeoutMs: 2000,
          // waits are recorded and skipped: the clock jumps instead
          now: () => Date.now() + offset,
          sleep: async (ms) => {
            sleeps.push(ms);
            offset += ms;
          },
          ...fopts,
          signal,
        }),
        ...extra,
      }),
  };
}

export interface StoredPost {
  id: number;
  text: string;
  postedAt: string;
  views: number | null;
}

export async function stored(store: Store, channel: string): Promise<StoredPost[]> {
  const ids = store.queryPosts({ channels: [channel], limit: 1_000_000 });
  return (await ids).map((r) => ({ id: r.id, text: r.text, postedAt: r.date, views: r.views })).sort((a, b) => a.id - b.id);
}

/** What the fake server shows for these posts, as the store should hold them. */
export function expected(posts: FakePost[]): StoredPost[] {
  return posts
    .map((p) => ({ id: p.id, text: p.service ? 'Channel created' : p.text, postedAt: p.date, views: p.service ? null : shownViews(p.views) }))
    .sort((a, b) => a.id - b.id);
}

/** The channel's row as the SQLite adapter keeps it: state and the newest/oldest id cursor columns. */
export async function channelRow(store: SqliteStore, channel: string) {
  const row = inspectSqlite(store).get<{ state: string; lastError: string | null; newestId: number; oldestId: number; lastRunId: number }>(
    'SELECT state, last_error AS lastError, newest_id AS newestId, oldest_id AS oldestId, last_run_id AS lastRunId FROM channels WHERE username = ?',
    channel,
  );
  if (!row) throw new Error(`no channel ${channel}`);
  return row;
}

export async function runRow(store: Store, runId: number, channel: string) {
  const c = (await store.getRun(runId))?.channels.find((r) => r.channel === channel);
  return c && { state: c.state, error: c.error, note: c.note, pages: c.pages, newPosts: c.newPosts };
}

/** The id ranges the collector holds as complete for a channel, highest first. */
export function segments(store: Store, channel: string): Promise<{ lo: number; hi: number }[]> {
  return store.segments(channel);
}

export const ALL = { limit: 100_000 };
export const olderPage = (r: { before: number | null }): boolean => r.before !== null;
