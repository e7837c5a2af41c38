// One collection run over several channels. A failing channel never stops the run; every
// channel ends in one state, recorded on the channel and per run.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
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
  /** Several collectors on one database: each channel is collected under a lease (see LeaseOptions). */
  lease?: LeaseOptions;
}

/**
 * Collection under leases. A channel is collected only by the collector holding its lease; the lease
 * is renewed every ttlMs / 3 while the channel is collected and given back when it is done. A
 * collector that dies loses its leases after ttlMs, and another one continues from the stored ranges.
 */
export interface LeaseOptions {
  /** This collector: host:pid:random (leaseHolder()). */
  holder: string;
  ttlMs: number;
  /**
   * shared: `channels` join the database's collection list, and the run takes every channel of that
   * list not done since `notDoneSince` (waiting for channels others hold until they finish or
   * their lease expires). Otherwise just `channels`, each skipped when another collector holds it.
   */
  shared: boolean;
  notDoneSince?: string;
  /** How often to look again for channels others hold (default ttlMs / 3). */
  pollMs?: number;
}

/** A lease holder id for this process: host, pid and a random part (a restarted pid is another holder). */
export function leaseHolder(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/** The host part of a holder id. */
const holderHost = (holder: string): string => holder.slice(0, holder.lastIndexOf(':', holder.lastIndexOf(':') - 1));

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
  /** Channels skipped because another collector held their lease (collect NAME under leases). */
  leasedElsewhere: string[];
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

/**
 * Marks runs left 'running' by a process that has ended (killed, crashed, power cut) as interrupted.
 * A run of another host (shared database) is judged by its heartbeat: stale after `staleAfterMs`.
 */
export async function interruptStaleRuns(store: Store, laterRun: string, staleAfterMs = 10 * 60_000): Promise<number[]> {
  const stale: number[] = [];
  const now = Date.parse(await store.clock());
  for (const r of await store.openRuns()) {
    const elsewhere = r.holder ? holderHost(r.holder) !== hostname() : false;
    const live = elsewhere
      ? now - Date.parse(r.heartbeatAt ?? r.startedAt) < staleAfterMs
      : r.pid === process.pid
        ? activeRuns.has(`${store.location}#${r.id}`)
        : r.pid !== null && processAlive(r.pid);
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
  const staleRuns = await interruptStaleRuns(store, 'a later collection', opts.lease ? opts.lease.ttlMs * 3 : undefined);
  const runId = await store.startRun(opts.trigger ?? 'cli', process.pid, opts.lease?.holder);
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
  const leasedElsewhere: string[] = [];
  const hints = new Map(opts.channels.map((c) => [c.name.toLowerCase(), c.hint]));
  const lease = opts.lease ? new LeaseKeeper(opts.store, opts.lease, opts.signal) : null;
  const next = lease?.shared ? lease.sharedChannels(opts.channels.map((c) => c.name)) : listed(opts.channels);
  try {
    for await (const name of next) {
      const key = name.toLowerCase();
      // A shared channel comes back only when its lease came free again (its collector died): collect it again.
      if (seen.has(key) && !lease?.shared) continue;
      seen.add(key);
      if (stopped || opts.signal?.aborted) {
        stopped = true;
        notCollected.push(key);
        continue;
      }
      // Under leases a listed channel is collected only when its lease is ours (shared ones come leased).
      if (lease && !lease.shared && !(await lease.claim(key))) {
        leasedElsewhere.push(key);
        continue;
      }
      const hint = hints.get(key);
      const o = await collectChannel(name, hint, target, {
        fetcher,
        pipeline: opts.pipeline,
        store: opts.store,
        timezone: opts.timezone,
        runId,
        basePath,
        maxPages: opts.maxPages,
        onPage: opts.onPage,
        signal: lease ? lease.channelSignal(key) : opts.signal,
        emptyPagePauseMs: opts.emptyPagePauseMs ?? emptyPagePause(opts.fetcherOptions?.minIntervalMs),
        parsePage: opts.parsePage,
      });
      const lost = lease?.lost(key) ?? false;
      if (o.error === STOPPED_BEFORE_START) {
        await lease?.release(key, false);
        if (lost) continue; // another collector has it now
        // nothing learned about this channel: its state stays; the run row says "interrupted"
        stopped = true;
        notCollected.push(key);
        continue;
      }
      if (o.notes.includes(STOPPED) && !lost) stopped = true;
      if (lost) o.notes.push('lease lost: another collector continues this channel');
      await opts.store.finishRunChannel(runId, o.channel, { state: o.state, error: o.error, note: o.notes.length ? o.notes.join('; ') : null });
      await lease?.release(key, !stopped && !lost);
      outcomes.push(o);
      opts.onChannelDone?.(o);
    }
  } finally {
    lease?.stop();
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
  return { runId, status, channels: outcomes, stopped, notCollected, staleRuns, leasedElsewhere };
}

async function* listed(channels: readonly { name: string }[]): AsyncGenerator<string> {
  for (const c of channels) yield c.name;
}

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

/**
 * This run's leases: claims, the heartbeat that renews them, and one abort signal per channel that
 * fires when the run stops or the channel's lease is lost (renewal found someone else holds it).
 */
class LeaseKeeper {
  readonly shared: boolean;
  private readonly channels = new Map<string, AbortController>();
  private readonly lostOnes = new Set<string>();
  private readonly timer: NodeJS.Timeout;
  private renewing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly opts: LeaseOptions,
    private readonly signal: AbortSignal | undefined,
  ) {
    this.shared = opts.shared;
    this.timer = setInterval(() => {
      this.renewing = this.renew().catch(() => {}); // a failed renewal is retried at the next beat; expiry decides
    }, Math.max(50, Math.floor(opts.ttlMs / 3)));
    this.timer.unref();
  }

  private async renew(): Promise<void> {
    const held = new Set(await this.store.renewLeases(this.opts.holder, this.opts.ttlMs));
    for (const [name, ctl] of this.channels) {
      if (held.has(name)) continue;
      this.lostOnes.add(name);
      ctl.abort();
    }
  }

  async claim(name: string): Promise<boolean> {
    const got = await this.store.claimChannel(this.opts.holder, { ttlMs: this.opts.ttlMs, only: [name] });
    if (got) this.channels.set(got, new AbortController());
    return got !== null;
  }

  /** The collection list's channels this run takes, one lease at a time, until none is left to do. */
  async *sharedChannels(listed: readonly string[]): AsyncGenerator<string> {
    await this.store.enlistChannels(listed);
    const claimOpts = { ttlMs: this.opts.ttlMs, ...(this.opts.notDoneSince ? { notDoneSince: this.opts.notDoneSince } : {}) };
    const since = this.opts.notDoneSince ? Date.parse(this.opts.notDoneSince) : null;
    while (!this.signal?.aborted) {
      const got = await this.store.claimChannel(this.opts.holder, claimOpts);
      if (got) {
        this.channels.set(got, new AbortController());
        yield got;
        continue;
      }
      // Nothing free: wait while another collector still holds a channel not done in this pass
      // (it may die, and its lease then comes free), else the pass is over.
      const waiting = (await this.store.leases()).some(
        (l) => l.holder !== null && l.holder !== this.opts.holder && (since === null || l.doneAt === null || Date.parse(l.doneAt) < since),
      );
      if (!waiting) return;
      await sleep(this.opts.pollMs ?? Math.max(50, Math.floor(this.opts.ttlMs / 3)), this.signal);
    }
  }

  channelSignal(name: string): AbortSignal {
    const ctl = this.channels.get(name) ?? new AbortController();
    this.channels.set(name, ctl);
    return this.signal ? AbortSignal.any([this.signal, ctl.signal]) : ctl.signal;
  }

  lost(name: string): boolean {
    return this.lostOnes.has(name) && !this.signal?.aborted;
  }

  async release(name: string, done: boolean): Promise<void> {
    await this.renewing;
    this.channels.delete(name);
    await this.store.releaseLease(name, this.opts.holder, done);
  }

  stop(): void {
    clearInterval(this.timer);
  }
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
