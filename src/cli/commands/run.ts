import type { Command } from 'commander';
import type { Context } from '../context.js';
import type { Logger } from '../../logger.js';
import type { CollectJob } from '../../schedule/daemon.js';

interface RunOpts {
  bot: boolean;
  role: string;
  once?: boolean;
}

export const ROLES = ['collector', 'digest', 'bot'] as const;
export type Role = (typeof ROLES)[number];

/** `--role collector,digest` (or all) as a set, and what in it is not a role. */
export function parseRoles(value: string): { roles: Set<Role>; unknown: string[] } {
  const roles = new Set<Role>();
  const unknown: string[] = [];
  for (const p of value.split(',').map((x) => x.trim().toLowerCase()).filter(Boolean)) {
    if (p === 'all') ROLES.forEach((r) => roles.add(r));
    else if ((ROLES as readonly string[]).includes(p)) roles.add(p as Role);
    else unknown.push(p);
  }
  return { roles, unknown };
}

/**
 * The collector as the daemon's collect job (the one place that wires collection into `run`). Every
 * pass takes channels under leases from the database's collection list (CHANNELS joins it), so
 * collectors on several hosts share the list and never collect a channel at the same time.
 */
async function collectJob(ctx: Context, log: Logger): Promise<CollectJob | null> {
  const { config, store, pipeline } = ctx;
  // One host and no CHANNELS: nothing to collect (a shared database may have a list of its own).
  if (config.channels.length === 0 && store.backend === 'sqlite') return null;
  const [{ collectRun, formatOutcome, leaseHolder }, { readFileSync }, { join }, { PACKAGE_ROOT }] = await Promise.all([
    import('../../collect/collect-run.js'),
    import('node:fs'),
    import('node:path'),
    import('../../paths.js'),
  ]);
  const version = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const holder = leaseHolder();
  return async ({ signal }) => {
    // A pass is this cron tick: collectors of every host started on the same minute share it, and a
    // channel one of them finished in this minute is not collected again by the others.
    const clock = new Date(await store.clock());
    clock.setUTCSeconds(0, 0);
    const r = await collectRun({
      signal,
      store,
      pipeline,
      timezone: config.timezone,
      channels: config.channels,
      baseUrl: config.tmeBaseUrl,
      fetcherOptions: { userAgent: `framewatch/${version} (+research monitor)`, minIntervalMs: config.collectMinIntervalMs },
      trigger: 'cron',
      onChannelDone: (o) => log.info(`collect: ${formatOutcome(o)}`),
      lease: { holder, ttlMs: config.collectLeaseMs, shared: true, notDoneSince: clock.toISOString() },
    });
    const fresh = r.channels.reduce((s, o) => s + o.counts.new, 0);
    return `run #${r.runId} ${r.status}, ${r.channels.length} channel${r.channels.length === 1 ? '' : 's'}, ${fresh} new post${fresh === 1 ? '' : 's'}`;
  };
}

/** One collection pass (`run --role collector --once`): SIGINT/SIGTERM finish the page in hand. */
async function collectOnce(ctx: Context, log: Logger): Promise<void> {
  const job = await collectJob(ctx, log);
  const stop = new AbortController();
  const onSignal = (sig: NodeJS.Signals) => {
    log.warn(`${sig}: finishing the page in hand`);
    stop.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    if (!job) {
      log.warn('collect: nothing to collect (CHANNELS is empty)');
      return;
    }
    const summary = await job({ signal: stop.signal, log });
    log.info(`collect: done${summary ? `: ${summary}` : ''}`);
    if (stop.signal.aborted) process.exitCode = 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await ctx.store.close();
  }
}

export function register(program: Command): void {
  program
    .command('run')
    .description('the daemon: collect on COLLECT_CRON, send the digest at DIGEST_CRON, answer bot commands (npm start)')
    .option('--no-bot', 'do not poll Telegram for bot commands')
    .option('--role <roles>', 'what this process does: collector, digest, bot, or several (collector,digest), or all', 'all')
    .option('--once', 'collector only: one collection pass over the channel list, then exit')
    .addHelpText(
      'after',
      `
Collection runs every COLLECT_CRON and the digest of the previous day (in TIMEZONE) goes out at
DIGEST_CRON to DIGEST_CHAT_IDS; both in TIMEZONE, never two runs of a job at once. With
TELEGRAM_BOT_TOKEN set the bot answers /help, /digest, /frames, /trend, /query and /status in
DIGEST_CHAT_IDS and ADMIN_CHAT_IDS. SIGINT/SIGTERM stop it cleanly: Bot API calls in flight are
cancelled, running jobs get up to 30 s to finish, then the database closes and it exits; a second
signal exits at once.
Logs go to stderr, one line per event.

Several hosts on one PostgreSQL database (FRAMEWATCH_DB=postgres://...): run "--role collector" on
each collecting host, and "--role digest,bot" on one. Collectors share the channel list through the
database (CHANNELS of every collector joins it) and lease each channel to one of them at a time;
the lease lasts COLLECT_LEASE_MS unless renewed, so a collector that dies hands its channel on.
framewatch channels shows who holds each lease.`,
    )
    .action(async (opts: RunOpts, cmd: Command) => {
      const { getConfig, openContext } = await import('../context.js');
      const { createLogger } = await import('../../logger.js');
      const { UsageError } = await import('../../errors.js');
      const { roles, unknown } = parseRoles(opts.role);
      if (unknown.length || roles.size === 0) throw new UsageError(`--role: "${opts.role}" is not a role list (collector, digest, bot, all)`);
      if (opts.once && (roles.size !== 1 || !roles.has('collector'))) throw new UsageError('--once goes with --role collector');
      const config = await getConfig(cmd);
      const log = createLogger({ level: config.logLevel, secrets: [config.botToken] });
      // openContext loads the lexicon before the DB is touched: an invalid lexicon refuses to start.
      let ctx: Context;
      try {
        ctx = await openContext(cmd, config);
      } catch (err) {
        const { UserError } = await import('../../errors.js');
        if (err instanceof UserError) throw new UserError(`refusing to start: ${err.message}`, { cause: err });
        throw err;
      }
      if (opts.once) {
        await collectOnce(ctx, log);
        return;
      }
      const { startDaemon } = await import('../../schedule/daemon.js');
      let daemon;
      try {
        daemon = startDaemon({
          config,
          store: ctx.store,
          tagger: ctx.tagger,
          log,
          bot: opts.bot && roles.has('bot'),
          digest: roles.has('digest'),
          collect: roles.has('collector') ? await collectJob(ctx, log) : null,
          collectOffReason: roles.has('collector') ? 'CHANNELS is empty' : 'not this role',
        });
      } catch (err) {
        await ctx.store.close();
        throw err;
      }
      const d = daemon;
      let signals = 0;
      const onSignal = (sig: NodeJS.Signals) => {
        signals++;
        if (signals > 1) {
          log.warn(`${sig} again: exiting now`);
          process.exit(130);
        }
        void d.stop(sig);
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      try {
        await d.stopped;
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
      // Stopped and the database closed: a socket or timer left open (a collector page that ignored the
      // abort) must not keep the process alive past the grace time. The timer itself holds nothing.
      setTimeout(() => {
        log.warn(`exiting with work still open (${process.getActiveResourcesInfo().join(', ')})`);
        process.exit();
      }, 1000).unref();
    });
}
