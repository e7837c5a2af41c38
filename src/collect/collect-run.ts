// One collection run over several channels. A failing channel never stops the run; every
// channel ends in one state, recorded on the channel and per run.
import { UsageError } from '../errors.js';
import type { Pipeline } from '../pipeline.js';
import type { RunStatus, Store } from '../store/store.js';
import type { Lang } from '../types.js';
import {
  collectChannel,
  EMPTY_PAGE_PAUSE_INTERVALS,
  EMPTY_PAGE_PAUSE_MS,
  STOPPED,
  STOPPED_BEFORE_START,
  type ChannelOutcome,
  type CollectChannelDeps,
  type CollectTarget,
  type PageProgress,
} from './collect-channel.js';
import { PoliteFetcher, type PoliteFetcherOptions, type RetryInfo } from './polite-fetcher.js';

/**
 * Without --since/--limit every run also makes sure the newest DEFAULT_DEPTH posts are stored:
 * a channel's first run backfills that far, later runs just fill the gap down to what is stored.
 * (A target rather than "first run only", so a first run cut short resumes to the same end.)
 */
export const DEFAULT_DEPTH = 100;

export const CHANNEL_NAME_RE = /^[A-Za-z][A-Za-z0-9_]{3,31}$/;

/** Accepts "name", "@name", "https://t.me/name" and "t.me/s/name"; returns the bare name or throws UsageError. */
export function validateChannelName(input: string): string {
  const name = input.trim().replace(/^@/, '').replace(/^(?:https?:\/\/)?(?:www\.)?t\.me\/(?:s\/)?/i, '').replace(/\/+$/, '');
  if (!CHANNEL_NAME_RE.test(name)) {
    throw new UsageError(
      `"${input}" is not a channel name: 4-32 characters, letters, digits and _, starting with a letter (e.g. tolonews)`,
    );
  }
  return name;
}

export interface CollectRunOptions {
  store: Store;
  pipeline: Pipeline;
  timezone: string;
  channels: { name: string; hint?: Lang }[];
  baseUrl: string;
  target?: CollectTarget;
  /** The target when `target` sets neither since nor limit: the newest N posts. Default DEFAULT_DEPTH. */
  defaultDepth?: number;
  /** Injected fetcher (tests); otherwise one is built from fetcherOptions. */
  fetcher?: PoliteFetcher;
  fetcherOptions?: Omit<PoliteFetcherOptions, 'baseUrl'>;
  trigger?: string;
  maxPages?: number;
  onPage?: (p: PageProgress) => void;
  onRetry?: (r: RetryInfo) => void;
  onChannelDone?: (o: ChannelOutcome) => void;
  /** Called once the run is recorded, before the first request. */
  onRunStart?: (runId: number) => void;
  /** Shutdown: the run finishes the page in hand, skips the channels not started and ends 'interrupted'. */
  signal?: AbortSignal;
  /** Passed to each channel (tests). */
  emptyPagePauseMs?: CollectChannelDeps['emptyPagePauseMs'];
  parsePage?: CollectChannelDeps['parsePage'];
}

export interface RunResult {
  runId: number;
  status: RunStatus;
  channels: ChannelOutcome[];
  /** The signal stopped the run before every channel was done. */
  stopped: boolean;
  /** Channels the run did not get to (stopped before them). */
  notCollected: string[];
  /** Earlier runs found still 'running' whose process had ended, now marked interrupted. */
  staleRuns: number[];
}

// Runs this process is running now, per database: their pid is ours, yet they are not stale.
const activeRuns = new Set<string>();

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

/** Marks runs left 'running' by a process that has ended (killed, crashed, power cut) as interrupted. */
export async function interruptStaleRuns(store: Store, laterRun: string): Promise<number[]> {
  const stale: number[] = [];
  for (const r of await store.openRuns()) {
    const live = r.pid === process.pid ? activeRuns.has(`${store.location}#${r.id}`) : r.pid !== null && processAlive(r.pid);
    if (live) continue;
    await store.markInterrupted(r.id, { interrupted: `found still running at the start of ${laterRun}; its process had ended` });
    stale.push(r.id);
  }
  return stale;
}

export async function collectRun(opts: CollectRunOptions): Promise<RunResult> {
  const { store } = opts;
  const fetcher =
    opts.fetcher ??
    new PoliteFetcher({
      ...opts.fetcherOptions,
      baseUrl: opts.baseUrl,
      onRetry: opts.onRetry ?? opts.fetcherOptions?.onRetry,
      signal: opts.signal ?? opts.fetcherOptions?.signal,
    });
  const basePath = new URL(opts.baseUrl).pathname.replace(/\/+$/, '');
  const staleRuns = await interruptStaleRuns(store, 'a later collection');
  const runId = await store.startRun(opts.trigger ?? 'cli', process.pid);
  const active = `${store.location}#${runId}`;
  activeRuns.add(active);
  try {
    opts.onRunStart?.(runId);
    return await runChannels(opts, fetcher, basePath, runId, staleRuns);
  } finally {
    activeRuns.delete(active);
  }
}

/** The pause before asking an empty page again scales with the politeness interval. */
function emptyPagePause(minIntervalMs: number | undefined): number {
  return minIntervalMs === undefined ? EMPTY_PAGE_PAUSE_MS : EMPTY_PAGE_PAUSE_INTERVALS * minIntervalMs;
}

async function runChannels(
  opts: CollectRunOptions,
  fetcher: PoliteFetcher,
  basePath: string,
  runId: number,
  staleRuns: number[],
): Promise<RunResult> {
  const outcomes: ChannelOutcome[] = [];
  const seen = new Set<string>();
  const t = opts.target ?? {};
  const target: CollectTarget =
    t.limit !== undefined || t.sinceDay !== undefined || t.sinceInstant !== undefined ? t : { limit: opts.defaultDepth ?? DEFAULT_DEPTH };
  let stopped = false;
  const notCollected: string[] = [];
  for (const ch of opts.channels) {
    const key = ch.name.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    if (stopped || opts.signal?.aborted) {
      stopped = true;
      notCollected.push(key);
      continue;
    }
    const o = await collectChannel(ch.name, ch.hint, target, {
      fetcher,
      pipeline: opts.pipeline,
      store: opts.store,
      timezone: opts.timezone,
      runId,
      basePath,
      maxPages: opts.maxPages,
      onPage: opts.onPage,
      signal: opts.signal,
      emptyPagePauseMs: opts.emptyPagePauseMs ?? emptyPagePause(opts.fetcherOptions?.minIntervalMs),
      parsePage: opts.parsePage,
    });
    if (o.error === STOPPED_BEFORE_START) {
      // nothing learned about this channel: its state stays; the run row says "interrupted"
      stopped = true;
      notCollected.push(key);
      continue;
    }
    if (o.notes.includes(STOPPED)) stopped = true;
    await opts.store.finishRunChannel(runId, o.channel, { state: o.state, error: o.error, note: o.notes.length ? o.notes.join('; ') : null });
    outcomes.push(o);
    opts.onChannelDone?.(o);
  }
  const failing = outcomes.filter((o) => o.state === 'failing').length;
  let status: RunStatus = failing === 0 ? 'ok' : failing === outcomes.length ? 'failed' : 'partial';
  if (stopped) status = 'interrupted';
  await opts.store.finishRun(runId, status, {
    channels: outcomes.map((o) => ({
      channel: o.channel,
      state: o.state,
      error: o.error,
      notes: o.notes,
      pages: o.pages,
      new: o.counts.new,
      updated: o.counts.updated,
      unchanged: o.counts.unchanged,
      skipped: o.counts.skipped,
    })),
    requests: fetcher.requestCount,
    stopped,
    notCollected,
  });
  await opts.store.syncTextIndex(); // the run's posts become searchable in one bulk step
  return { runId, status, channels: outcomes, stopped, notCollected, staleRuns };
}

/** The end-of-run line for one channel. */
export function formatOutcome(o: ChannelOutcome, width = 0): string {
  const name = o.channel.padEnd(width);
  const state = o.state.padEnd(10);
  if (o.state === 'ok') {
    const c = o.counts;
    const parts = [`${c.new} new`, `${c.updated} updated`, `${c.unchanged} unchanged`];
    if (c.skipped) parts.push(`${c.skipped} skipped`);
    if (c.replacedChars) parts.push(`${c.replacedChars} invalid character${c.replacedChars === 1 ? '' : 's'} replaced`);
    const span = o.newestId !== null ? `, ids ${o.oldestId}..${o.newestId}` : '';
    const back = o.oldestAt ? `, back to ${o.oldestAt.slice(0, 10)}` : '';
    const notes = o.notes.length ? ` (${o.notes.join('; ')})` : '';
    return `${name}  ${state} ${parts.join(', ')}; ${o.pages} page${o.pages === 1 ? '' : 's'}${span}${back}${notes}`;
  }
  const kept = o.counts.new + o.counts.updated > 0 ? ` [kept ${o.counts.new} new, ${o.counts.updated} updated]` : '';
  return `${name}  ${state} ${o.error ?? ''}${kept}`;
}
