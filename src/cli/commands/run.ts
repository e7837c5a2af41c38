import type { Command } from 'commander';
import type { Context } from '../context.js';
import type { Logger } from '../../logger.js';
import type { CollectJob } from '../../schedule/daemon.js';

interface RunOpts {
  bot: boolean;
}

/** The collector as the daemon's collect job (the one place that wires collection into `run`). */
async function collectJob(ctx: Context, log: Logger): Promise<CollectJob | null> {
  const { config, store, pipeline } = ctx;
  if (config.channels.length === 0) return null;
  const [{ collectRun, formatOutcome }, { readFileSync }, { join }, { PACKAGE_ROOT }] = await Promise.all([
    import('../../collect/collect-run.js'),
    import('node:fs'),
    import('node:path'),
    import('../../paths.js'),
  ]);
  const version = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  return async ({ signal }) => {
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
    });
    const fresh = r.channels.reduce((s, o) => s + o.counts.new, 0);
    return `run #${r.runId} ${r.status}, ${r.channels.length} channel${r.channels.length === 1 ? '' : 's'}, ${fresh} new post${fresh === 1 ? '' : 's'}`;
  };
}

export function register(program: Command): void {
  program
    .command('run')
    .description('the daemon: collect on COLLECT_CRON, send the digest at DIGEST_CRON, answer bot commands (npm start)')
    .option('--no-bot', 'do not poll Telegram for bot commands')
    .addHelpText(
      'after',
      `
Collection runs every COLLECT_CRON and the digest of the previous day (in TIMEZONE) goes out at
DIGEST_CRON to DIGEST_CHAT_IDS; both in TIMEZONE, never two runs of a job at once. With
TELEGRAM_BOT_TOKEN set the bot answers /help, /digest, /frames, /trend, /query and /status in
DIGEST_CHAT_IDS and ADMIN_CHAT_IDS. SIGINT/SIGTERM stop it cleanly: Bot API calls in flight are
cancelled, running jobs get up to 30 s to finish, then the database closes and it exits; a second
signal exits at once.
Logs go to stderr, one line per event.`,
    )
    .action(async (opts: RunOpts, cmd: Command) => {
      const { getConfig, openContext } = await import('../context.js');
      const { createLogger } = await import('../../logger.js');
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
      const { startDaemon } = await import('../../schedule/daemon.js');
      let daemon;
      try {
        daemon = startDaemon({
          config,
          store: ctx.store,
          tagger: ctx.tagger,
          log,
          bot: opts.bot,
          collect: await collectJob(ctx, log),
          collectOffReason: 'CHANNELS is empty',
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
