import type { Command } from 'commander';

interface MigrateOpts {
  to?: string;
  from?: string;
}

export function register(program: Command): void {
  program
    .command('migrate')
    .description('copy this database into another one (--to URL) or another one into this (--from URL): SQLite <-> PostgreSQL')
    .option('--to <location>', 'copy FRAMEWATCH_DB (or --db) into this database (postgres://... or a SQLite path)')
    .option('--from <location>', 'copy this database into FRAMEWATCH_DB (or --db)')
    .addHelpText(
      'after',
      `
Copies posts with their frame tags and evidence, channels, collection runs and covered ranges,
digest deliveries, review samples and labels; the target counts its own daily aggregates. Posts go
in batches, and the target remembers how far it got: run the same command again after an
interruption and it resumes. At the end the counts and every daily aggregate of both databases are
compared, and any difference fails the command (exit 1). Both are opened in TIMEZONE.
Examples:
  framewatch migrate --to postgres://framewatch@db.example/framewatch
  framewatch --db postgres://framewatch@db.example/framewatch migrate --to backup.sqlite`,
    )
    .action(async (opts: MigrateOpts, cmd: Command) => {
      const { UsageError } = await import('../../errors.js');
      if (!opts.to === !opts.from) throw new UsageError('migrate: give exactly one of --to LOCATION and --from LOCATION');
      const { getConfig, openConfiguredStore, info, out } = await import('../context.js');
      const { openStore } = await import('../../store/open-store.js');
      const { copyStore } = await import('../../transfer/copy-store.js');
      const { resolve } = await import('node:path');
      const config = await getConfig(cmd);
      const given = (opts.to ?? opts.from)!;
      const other = /^postgres(ql)?:\/\//i.test(given) || given === ':memory:' ? given : resolve(given);
      const here = await openConfiguredStore(config);
      try {
        const there = await openStore(other, { timezone: config.timezone });
        try {
          const [source, target] = opts.to ? [here, there] : [there, here];
          info(`copying ${source.location} into ${target.location}`);
          let shown = 0;
          const r = await copyStore(source, target, {
            onProgress: (p) => {
              if (p.posts - shown < 5000 && p.posts < p.total) return;
              shown = p.posts;
              info(`  ${p.posts} of ${p.total} posts`);
            },
          });
          out(
            `copied into ${target.location}: ${r.posts} posts (${r.copiedNow} in this run), ${r.tags} frame tags, ${r.channels} channels, ` +
              `${r.runs} runs, ${r.segments} covered ranges, ${r.digestSends} digest deliveries, ${r.samples} review samples, ${r.labels} labels; ` +
              'counts and daily aggregates equal',
          );
        } finally {
          await there.close();
        }
      } finally {
        await here.close();
      }
    });
}
