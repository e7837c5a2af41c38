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
Prints one line per channel as it finishes: ok, no_preview, not_found or failing (with the error).
Ctrl-C (SIGINT) or SIGTERM finishes the page in hand, records the run as interrupted and prints the
summary; a second one exits at once.`,
    )
    .action(async (names: string[], opts: CollectOpts, cmd: Command) => {
      const { UsageError } = await import('../../errors.js');
      const { validateChannelName } = await import('../../collect/collect-run.js');
      const { parseDateOrInstant, parsePositiveInt } = await import('../parse-options.js');
      const { getConfig, withContext, out, info } = await import('../context.js');

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

      const [{ collectRun, formatOutcome, leaseHolder }, { readFileSync }, { join }, { PACKAGE_ROOT }, { createProgress }] =
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
        const width = Math.max(...channels.map((c) => c.name.length));
        // SIGINT/SIGTERM: finish the page in hand, record the run as interrupted, print the summary.
        // A second signal exits at once, still marking the run interrupted.
        const stop = new AbortController();
        let runId: number | null = null;
        let caught: NodeJS.Signals | null = null;
        const onSignal = (sig: NodeJS.Signals): void => {
          if (caught) {
            const exitNow = async (): Promise<void> => {
              if (runId !== null) await store.markInterrupted(runId, { interrupted: `${sig} twice: exited at once` });
              progress.end();
              info(`framewatch: ${sig} again: exiting now; run #${runId ?? '?'} is recorded as interrupted and every committed page is kept`);
              await store.close();
            };
            void exitNow().finally(() => process.exit(1));
            return;
          }
          caught = sig;
          progress.end();
          info(`${sig}: finishing the page in hand, then stopping (${sig} again to exit at once)`);
          stop.abort();
        };
        process.on('SIGINT', onSignal);
        process.on('SIGTERM', onSignal);
        let result: Awaited<ReturnType<typeof collectRun>>;
        try {
          result = await collectRun({
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
            signal: stop.signal,
            // On a shared database a channel another collector is on is left to it.
            lease: { holder: leaseHolder(), ttlMs: config.collectLeaseMs, shared: false },
            onRunStart: (id) => {
              runId = id;
            },
            onPage: progress.page,
            onRetry: progress.retry,
            // each channel's line as soon as it is done, not all at the end
            onChannelDone: (o) => {
              progress.channelDone(o);
              out(formatOutcome(o, width));
            },
          });
        } finally {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
        }
        progress.end();
        for (const id of result.staleRuns) info(`run #${id} was left running by a process that ended; marked interrupted`);
        if (result.leasedElsewhere.length) {
          info(`skipped (another collector holds the lease, see framewatch channels): ${result.leasedElsewhere.join(', ')}`);
        }
        if (result.stopped) {
          const rest = result.notCollected.length ? `; not collected: ${result.notCollected.join(', ')}` : '';
          info(
            `interrupted${caught ? ` by ${caught}` : ''}: run #${result.runId} is recorded as interrupted; every committed page is kept${rest}. ` +
              'Run the same command again to resume.',
          );
        }
        if (result.status !== 'ok') process.exitCode = 1;
      });
    });
}
