// The daemon: collection every COLLECT_CRON, the digest at DIGEST_CRON, the bot on long polling.
// node-cron runs each job in TIMEZONE with noOverlap, so a slow collection skips the next tick
// rather than running twice. stop() ends cleanly: no new ticks, the bot stops polling, the running
// jobs finish (a collector commits page by page, so "finish" means its current transaction), then
// the DB closes. One log line per event.
import { schedule, validate, type ScheduledTask } from 'node-cron';
import type { Config } from '../config.js';
import { UserError } from '../errors.js';
import { errorText, type Logger } from '../logger.js';
import { defaultDigestDay } from '../report/build-digest.js';
import type { Store } from '../store/store.js';
import type { FrameTagger } from '../types.js';
import { zonedTime } from '../bot/bot-commands.js';

/**
 * One collection pass over the configured channels. It should return soon after `signal` aborts
 * (between pages: every page is its own transaction). The returned text is logged.
 */
export type CollectJob = (opts: { signal: AbortSignal; log: Logger }) => Promise<string | void>;

export type DaemonConfig = Pick<
  Config,
  'timezone' | 'collectCron' | 'digestCron' | 'botToken' | 'telegramApiRoot' | 'digestChatIds' | 'adminChatIds'
> &
  Partial<Pick<Config, 'telegramTimeoutMs'>>;

/** How long stop() lets running jobs finish before closing the database anyway (the stated grace time). */
export const STOP_GRACE_MS = 30_000;

export interface DaemonOptions {
  config: DaemonConfig;
  store: Store;
  log: Logger;
  /** The collector; null = no collection task (logged at start with `collectOffReason`). */
  collect: CollectJob | null;
  collectOffReason?: string;
  tagger?: FrameTagger;
  /** Run the bot (default: when a token is set). */
  bot?: boolean;
  /** Send the digest at DIGEST_CRON (default true; `run --role` without digest turns it off). */
  digest?: boolean;
  now?: () => Date;
  /** Sleep used by the Telegram retries (tests). */
  sleep?: (ms: number) => Promise<void>;
  /** How long stop() waits for running jobs before closing anyway (default STOP_GRACE_MS). */
  stopTimeoutMs?: number;
}

export interface Daemon {
  /** Resolves once stopped and the DB is closed. */
  readonly stopped: Promise<void>;
  stop(reason: string): Promise<void>;
  /** Lines for /status: the schedule and the last runs. */
  status(): string[];
}

interface JobState {
  name: string;
  task: ScheduledTask | null;
  lastStart: Date | null;
  lastResult: string | null;
}

export function startDaemon(opts: DaemonOptions): Daemon {
  const { config, store, log } = opts;
  const tz = config.timezone;
  const now = opts.now ?? (() => new Date());
  const secrets = [config.botToken];
  for (const [name, expr] of [
    ['COLLECT_CRON', config.collectCron],
    ['DIGEST_CRON', config.digestCron],
  ] as const) {
    if (!validate(expr)) throw new UserError(`${name}: "${expr}" is not a valid cron expression`);
  }

  const abort = new AbortController();
  const running = new Set<Promise<unknown>>();
  let stopping = false;
  const jobs: JobState[] = [];

  const cronLogger = (name: string) => ({
    info: (m: string) => log.debug(`${name}: ${m}`),
    warn: (m: string) => log.warn(`${name}: ${/overlap/.test(m) ? 'previous run still going; this tick skipped' : m}`),
    error: (m: string | Error, e?: Error) => log.error(`${name}: ${errorText(e ?? m, secrets)}`),
    debug: (m: string | Error) => log.debug(`${name}: ${errorText(m, secrets)}`),
  });

  const addJob = (name: string, expr: string, fn: () => Promise<string | void>) => {
    const state: JobState = { name, task: null, lastStart: null, lastResult: null };
    const run = async () => {
      if (stopping) return;
      state.lastStart = new Date();
      const t0 = Date.now();
      log.info(`${name}: started`);
      const p = fn();
      running.add(p);
      try {
        const summary = await p;
        state.lastResult = `ok${summary ? `: ${summary}` : ''}`;
        log.info(`${name}: done in ${((Date.now() - t0) / 1000).toFixed(1)}s${summary ? `: ${summary}` : ''}`);
      } catch (err) {
        state.lastResult = `failed: ${errorText(err, secrets)}`;
        // A job cut short by stop() is expected, not an error.
        if (stopping) log.warn(`${name}: stopped before it finished: ${errorText(err, secrets)}`);
        else log.error(`${name}: failed: ${errorText(err, secrets)}`);
      } finally {
        running.delete(p);
      }
    };
    state.task = schedule(expr, run, { timezone: tz, noOverlap: true, name, logger: cronLogger(name) });
    jobs.push(state);
  };

  if (opts.collect) {
    const collect = opts.collect;
    addJob('collect', config.collectCron, () => collect({ signal: abort.signal, log }));
  } else {
    log.warn(`collect: off (${opts.collectOffReason ?? 'no collector'})`);
  }

  const digestWanted = opts.digest ?? true;
  const digestReady = digestWanted && !!config.botToken && config.digestChatIds.length > 0;
  if (digestReady) {
    addJob('digest', config.digestCron, async () => {
      const { sendDigestForDay } = await import('../bot/send-digest.js');
      const day = defaultDigestDay(tz, now());
      const r = await sendDigestForDay(store, config, day, { now, log, sleep: opts.sleep, frames: opts.tagger?.frames(), tagger: opts.tagger, signal: abort.signal });
      return `day ${day}: sent to ${r.sent.length} chat${r.sent.length === 1 ? '' : 's'}, ${r.skipped.length} already had it`;
    });
  } else {
    log.warn(`digest: off (${!digestWanted ? 'not this role' : config.botToken ? 'DIGEST_CHAT_IDS is empty' : 'TELEGRAM_BOT_TOKEN is not set'})`);
  }

  const status = (): string[] => {
    const out: string[] = [];
    for (const j of jobs) {
      const next = j.task?.getNextRun();
      out.push(
        `${j.name}: next ${next ? zonedTime(next.toISOString(), tz) : '—'}` +
          (j.lastStart ? `; last ${zonedTime(j.lastStart.toISOString(), tz)} ${j.lastResult ?? 'running'}` : ''),
      );
    }
    return out;
  };

  const botWanted = opts.bot ?? !!config.botToken;
  if (!opts.collect && !digestReady && !(botWanted && config.botToken)) {
    for (const j of jobs) void j.task?.destroy();
    throw new UserError('nothing to run: no collection (set CHANNELS), no digest and no bot (set TELEGRAM_BOT_TOKEN and DIGEST_CHAT_IDS)');
  }
  // Keeps the process alive even when the bot gives up and no cron task is left.
  const keepAlive = setInterval(() => {}, 1 << 30);

  let bot: { stop(reason?: string): Promise<void>; done: Promise<void> } | null = null;
  const botStarting = (async () => {
    if (!botWanted || !config.botToken) {
      log.info('bot: off (TELEGRAM_BOT_TOKEN is not set)');
      return;
    }
    const { createBot } = await import('../bot/bot.js');
    if (stopping) return;
    const b = createBot({
      token: config.botToken,
      apiRoot: config.telegramApiRoot,
      timeoutMs: config.telegramTimeoutMs,
      digestChatIds: config.digestChatIds,
      adminChatIds: config.adminChatIds,
      store,
      timezone: tz,
      frames: opts.tagger?.frames(),
      tagger: opts.tagger,
      lexiconVersion: opts.tagger?.version,
      log,
      now,
      sleep: opts.sleep,
      status,
    });
    bot = b.start();
  })();

  log.info(
    `daemon started: collect "${config.collectCron}"${opts.collect ? '' : ' (off)'}, digest "${config.digestCron}"${digestReady ? '' : ' (off)'}, ` +
      `timezone ${tz}, bot ${botWanted && config.botToken ? 'on' : 'off'}`,
  );

  let resolveStopped!: () => void;
  const stopped = new Promise<void>((r) => (resolveStopped = r));

  async function stop(reason: string): Promise<void> {
    if (stopping) return stopped;
    stopping = true;
    const timeout = opts.stopTimeoutMs ?? STOP_GRACE_MS;
    log.info(`daemon stopping (${reason}); running jobs get up to ${timeout / 1000}s to finish`);
    for (const j of jobs) await j.task?.destroy();
    log.info('cron tasks stopped');
    abort.abort();
    await botStarting.catch(() => {});
    const b = bot as { stop(reason?: string): Promise<void> } | null;
    const botStopped = b ? b.stop(reason) : Promise.resolve();
    if (running.size) log.info(`waiting for ${running.size} running job${running.size === 1 ? '' : 's'} to finish`);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      Promise.allSettled([...running, botStopped]).then(() => false),
      new Promise<boolean>((r) => {
        timer = setTimeout(() => r(true), timeout);
      }),
    ]);
    clearTimeout(timer);
    if (timedOut) log.warn(`jobs still running after ${timeout / 1000}s; closing anyway`);
    await store.close();
    clearInterval(keepAlive);
    log.info('database closed; daemon stopped');
    resolveStopped();
  }

  return { stopped, stop, status };
}
