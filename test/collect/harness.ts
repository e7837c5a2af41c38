// The collector in-process against the local t.me stand-in: a temp store, a fetcher whose waits are
// recorded and skipped, and readers for what ended up in the database.
import { afterEach } from 'vitest';
import type { CollectTarget } from '../../src/collect/collect-channel.js';
import { collectRun, type CollectRunOptions, type RunResult } from '../../src/collect/collect-run.js';
import { PoliteFetcher, type PoliteFetcherOptions } from '../../src/collect/polite-fetcher.js';
import type { Pipeline } from '../../src/pipeline.js';
import type { Store } from '../../src/store/open-store.js';
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
  store: Store;
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

export function harness(tme: FakeTme, existing?: { store: Store; pipeline: Pipeline }): Harness {
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

export function stored(store: Store, channel: string): StoredPost[] {
  return store.db
    .prepare(
      `SELECT p.message_id AS id, p.text, p.posted_at AS postedAt, p.views FROM posts p
         JOIN channels c ON c.id = p.channel_id WHERE c.username = ? ORDER BY p.message_id`,
    )
    .all(channel) as StoredPost[];
}

/** What the fake server shows for these posts, as the store should hold them. */
export function expected(posts: FakePost[]): StoredPost[] {
  return posts
    .map((p) => ({ id: p.id, text: p.service ? 'Channel created' : p.text, postedAt: p.date, views: p.service ? null : shownViews(p.views) }))
    .sort((a, b) => a.id - b.id);
}

export function channelRow(store: Store, channel: string) {
  return store.db
    .prepare('SELECT state, last_error AS lastError, newest_id AS newestId, oldest_id AS oldestId, last_run_id AS lastRunId FROM channels WHERE username = ?')
    .get(channel) as { state: string; lastError: string | null; newestId: number; oldestId: number; lastRunId: number };
}

export function runRow(store: Store, runId: number, channel: string) {
  return store.db
    .prepare(
      `SELECT rc.state, rc.error, rc.note, rc.pages, rc.new_posts AS newPosts FROM collection_run_channels rc
         JOIN channels c ON c.id = rc.channel_id WHERE rc.run_id = ? AND c.username = ?`,
    )
    .get(runId, channel) as { state: string; error: string | null; note: string | null; pages: number; newPosts: number };
}

/** The id ranges the collector holds as complete for a channel, highest first. */
export function segments(store: Store, channel: string): { lo: number; hi: number }[] {
  return store.db
    .prepare('SELECT s.lo, s.hi FROM collect_segments s JOIN channels c ON c.id = s.channel_id WHERE c.username = ? ORDER BY s.hi DESC')
    .all(channel) as { lo: number; hi: number }[];
}

export const ALL = { limit: 100_000 };
export const olderPage = (r: { before: number | null }): boolean => r.before !== null;
