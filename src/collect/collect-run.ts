// One collection run over several channels. A failing channel never stops the run; every
// channel ends in one state, recorded on the channel and per run.
import { syncFts } from '../store/fts-index.js';
import { UsageError } from '../errors.js';
import type { Pipeline } from '../pipeline.js';
import { createCollectionStore, type RunStatus } from '../store/collection-store.js';
import type { Store } from '../store/open-store.js';
import type { Lang } from '../types.js';
import { collectChannel, STOPPED, STOPPED_BEFORE_START, type ChannelOutcome, type CollectTarget, type PageProgress } from './collect-channel.js';
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
  /** Shutdown: the run stops between pages and skips the channels not started. */
  signal?: AbortSignal;
}

export interface RunResult {
  runId: number;
  status: RunStatus;
  channels: ChannelOutcome[];
  /** The signal stopped the run before every channel was done. */
  stopped: boolean;
}

export async function collectRun(opts: CollectRunOptions): Promise<RunResult> {
  const cstore = createCollectionStore(opts.store.db);
  const fetcher =
    opts.fetcher ??
    new PoliteFetcher({
      ...opts.fetcherOptions,
      baseUrl: opts.baseUrl,
      onRetry: opts.onRetry ?? opts.fetcherOptions?.onRetry,
      signal: opts.signal ?? opts.fetcherOptions?.signal,
    });
  const basePath = new URL(opts.baseUrl).pathname.replace(/\/+$/, '');
  const runId = cstore.startRun(opts.trigger ?? 'cli');
  const outcomes: ChannelOutcome[] = [];
  const seen = new Set<string>();
  const t = opts.target ?? {};
  const target: CollectTarget =
    t.limit !== undefined || t.sinceDay !== undefined || t.sinceInstant !== undefined ? t : { limit: opts.defaultDepth ?? DEFAULT_DEPTH };
  let stopped = false;
  for (const ch of opts.channels) {
    if (opts.signal?.aborted) {
      stopped = true;
      break;
    }
    const key = ch.name.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    const o = await collectChannel(ch.name, ch.hint, target, {
      fetcher,
      pipeline: opts.pipeline,
      cstore,
      timezone: opts.timezone,
      runId,
      basePath,
      maxPages: opts.maxPages,
      onPage: opts.onPage,
      signal: opts.signal,
    });
    if (o.error === STOPPED_BEFORE_START) {
      // nothing learned about this channel: its state stays; the run row says "interrupted"
      stopped = true;
      break;
    }
    if (o.notes.includes(STOPPED)) stopped = true;
    cstore.finishRunChannel(runId, o.channelId, o.state, o.error, o.notes.length ? o.notes.join('; ') : null);
    outcomes.push(o);
    opts.onChannelDone?.(o);
  }
  const failing = outcomes.filter((o) => o.state === 'failing').length;
  let status: RunStatus = failing === 0 ? 'ok' : failing === outcomes.length ? 'failed' : 'partial';
  if (stopped && status === 'ok') status = 'partial';
  cstore.finishRun(runId, status, {
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
  });
  syncFts(opts.store.db); // the run's posts become searchable in one bulk step
  return { runId, status, channels: outcomes, stopped };
}

/** The end-of-run line for one channel. */
export function formatOutcome(o: ChannelOutcome, width = 0): string {
  const name = o.channel.padEnd(width);
  const state = o.state.padEnd(10);
  if (o.state === 'ok') {
    const c = o.counts;
    const parts = [`${c.new} new`, `${c.updated} updated`, `${c.unchanged} unchanged`];
    if (c.skipped) parts.push(`${c.skipped} skipped`);
    const span = o.newestId !== null ? `, ids ${o.oldestId}..${o.newestId}` : '';
    const back = o.oldestAt ? `, back to ${o.oldestAt.slice(0, 10)}` : '';
    const notes = o.notes.length ? ` (${o.notes.join('; ')})` : '';
    return `${name}  ${state} ${parts.join(', ')}; ${o.pages} page${o.pages === 1 ? '' : 's'}${span}${back}${notes}`;
  }
  const kept = o.counts.new + o.counts.updated > 0 ? ` [kept ${o.counts.new} new, ${o.counts.updated} updated]` : '';
  return `${name}  ${state} ${o.error ?? ''}${kept}`;
}
