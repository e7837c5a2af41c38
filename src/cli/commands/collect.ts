import type { Command } from 'commander';

interface CollectOpts {
  since?: string;
  limit?: string;
  baseUrl?: string;
}

export function register(program: Command): void {
  program
    .command('collect')
    .description('collect posts from public channels through the t.me web preview')
    .argument('[channel...]', 'channel usernames (default: CHANNELS)')
    .option('--since <date>', 'backfill older posts down to this day (YYYY-MM-DD, in TIMEZONE) or ISO time')
    .option('--limit <n>', 'backfill until the newest n posts of each channel are stored')
    .option('--base-url <url>', 'web preview host (default: TME_BASE_URL, https://t.me)')
    .addHelpText(
      'after',
      `
Without --since/--limit a run is incremental: the latest page, then older pages down to the
posts already stored (and, while fewer are stored, down to the newest 100 posts).
--since/--limit backfill further. Each page is committed with its cursor in one transaction:
an interrupted run loses nothing, and a rerun resumes without duplicates.
Requests go one at a time, COLLECT_MIN_INTERVAL_MS apart, to the base host only.
Ends with one line per channel: ok, no_preview, not_found or failing (with the error).`,
    )
    .action(async (names: string[], opts: CollectOpts, cmd: Command) => {
      const { UsageError } = await import('../../errors.js');
      const { validateChannelName } = await import('../../collect/collect-run.js');
      const { parseDateOrInstant, parsePositiveInt } = await import('../parse-options.js');
      const { getConfig, withContext, out } = await import('../context.js');

      const given = names.map(validateChannelName);
      const limit = opts.limit !== undefined ? parsePositiveInt(opts.limit, '--limit') : undefined;
      const since = opts.since !== undefined ? parseDateOrInstant(opts.since, '--since') : undefined;
      let baseUrl: string | undefined;
      if (opts.baseUrl !== undefined) {
        let u: URL | null = null;
        try {
          u = new URL(opts.baseUrl);
        } catch {
          u = null;
        }
        if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:')) {
          throw new UsageError(`--base-url: "${opts.baseUrl}" is not an http(s) URL`);
        }
        baseUrl = u.origin + u.pathname.replace(/\/+$/, '');
      }

      const config = await getConfig(cmd);
      const channels = given.length
        ? given.map((n) => {
            const hint = config.channels.find((c) => c.name === n.toLowerCase())?.hint;
            return hint ? { name: n, hint } : { name: n };
          })
        : config.channels;
      if (channels.length === 0) {
        throw new UsageError('no channels to collect: name them (framewatch collect NAME...) or set CHANNELS');
      }

      const [{ collectRun, formatOutcome }, { readFileSync }, { join }, { PACKAGE_ROOT }, { createProgress }] =
        await Promise.all([
          import('../../collect/collect-run.js'),
          import('node:fs'),
          import('node:path'),
          import('../../paths.js'),
          import('../../collect/collect-progress.js'),
        ]);
      const version = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

      await withContext(cmd, async ({ store, pipeline }) => {
        const progress = createProgress(process.stderr);
        const result = await collectRun({
          store,
          pipeline,
          timezone: config.timezone,
          channels,
          baseUrl: baseUrl ?? config.tmeBaseUrl,
          target: {
            ...(since?.instant ? { sinceInstant: since.instant } : {}),
            ...(since?.day ? { sinceDay: since.day } : {}),
            ...(limit !== undefined ? { limit } : {}),
          },
          fetcherOptions: {
            userAgent: `framewatch/${version} (+research monitor)`,
            minIntervalMs: config.collectMinIntervalMs,
          },
          trigger: 'cli',
          onPage: progress.page,
          onRetry: progress.retry,
          onChannelDone: progress.channelDone,
        });
        progress.end();
        const width = Math.max(...result.channels.map((o) => o.channel.length));
        for (const o of result.channels) out(formatOutcome(o, width));
        if (result.status !== 'ok') process.exitCode = 1;
      });
    });
}
