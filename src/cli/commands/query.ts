import type { Command } from 'commander';
import { collect } from '../parse-options.js';
import { out, withStore } from '../context.js';

interface QueryOpts {
  frame: string[];
  match: string;
  lang: string[];
  channel: string[];
  since?: string;
  until?: string;
  limit: string;
  offset: string;
  format?: string;
}

export function register(program: Command): void {
  program
    .command('query')
    .description('list posts by frame, language, channel and date, with the evidence')
    .option('--frame <id>', 'frame id (repeatable)', collect, [])
    .option('--match <any|all>', 'with several --frame: posts with any or all of them', 'any')
    .option('--lang <code>', 'prs, pus, arb, eng or und (repeatable)', collect, [])
    .option('--channel <name>', 'channel username (repeatable)', collect, [])
    .option('--since <date>', 'from this day (YYYY-MM-DD, in TIMEZONE) or ISO time')
    .option('--until <date>', 'up to and including this day (YYYY-MM-DD) or before this ISO time')
    .option('--limit <n>', 'at most n posts', '50')
    .option('--offset <n>', 'skip the first n posts', '0')
    .option('--format <fmt>', 'table, json, jsonl or csv (default: table on a terminal, else json)')
    .action(async (opts: QueryOpts, cmd: Command) => {
      const { parseLangs, parsePositiveInt, oneOf, parseDateOrInstant } = await import('../parse-options.js');
      const { queryPosts } = await import('../../store/post-queries.js');
      const { renderPosts } = await import('../../report/render-posts.js');
      const { startOfDayUtc, addDays } = await import('../../util/day-in-zone.js');
      const format = oneOf(opts.format ?? (process.stdout.isTTY ? 'table' : 'json'), ['table', 'json', 'jsonl', 'csv'] as const, '--format');
      const match = oneOf(opts.match, ['any', 'all'] as const, '--match');
      const langs = parseLangs(opts.lang);
      const limit = parsePositiveInt(opts.limit, '--limit');
      const offset = parsePositiveInt(opts.offset, '--offset', { allowZero: true });
      await withStore(cmd, (store, config) => {
        const tz = config.timezone;
        const since = opts.since ? parseDateOrInstant(opts.since, '--since') : undefined;
        const until = opts.until ? parseDateOrInstant(opts.until, '--until') : undefined;
        const rows = queryPosts(store.db, {
          frames: opts.frame,
          match,
          langs,
          channels: opts.channel.map((c) => c.replace(/^@/, '')),
          since: since ? (since.instant ?? startOfDayUtc(since.day!, tz).toISOString()) : undefined,
          until: until ? (until.instant ?? startOfDayUtc(addDays(until.day!, 1), tz).toISOString()) : undefined,
          limit,
          offset,
        });
        process.stdout.write(renderPosts(rows, format));
        if (rows.length === 0 && format === 'table') out('');
      });
    });
}
