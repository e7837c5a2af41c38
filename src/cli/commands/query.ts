import type { Command } from 'commander';
import type { TextQuery } from '../../store/text-query.js';
import { collect, splitList } from '../parse-options.js';
import { withStore } from '../context.js';

interface QueryOpts {
  frame: string[];
  match: string;
  lang: string[];
  channel: string[];
  since?: string;
  until?: string;
  text?: string;
  flags: string;
  sort: string;
  limit: string;
  offset: string;
  format?: string;
  json?: boolean;
  bom?: boolean;
}

export function register(program: Command): void {
  program
    .command('query')
    .description('list posts by frame, language, channel, date and text, with the evidence')
    .option('--frame <id>', 'frame id, any case (repeatable or comma list)', collect, [])
    .option('--match <any|all>', 'with several --frame: posts with any or with all of them', 'any')
    .option('--lang <code>', 'prs, pus, arb, eng or und (repeatable or comma list)', collect, [])
    .option('--channel <name>', 'channel username (repeatable or comma list)', collect, [])
    .option('--since <date>', 'from this day (YYYY-MM-DD, in TIMEZONE) or ISO time')
    .option('--until <date>', 'up to and including this day (YYYY-MM-DD) or before this ISO time')
    .option('--text <query>', 'full-text search (see below)')
    .option('--flags <mode>', 'include, exclude or only negated/quoted hits (see below)', 'include')
    .option('--sort <date|score>', 'newest first, or highest frame score first', 'date')
    .option('--limit <n>', 'at most n posts', '50')
    .option('--offset <n>', 'skip the first n posts', '0')
    .option('--format <fmt>', 'table, json, jsonl or csv (default: table on a terminal, else json)')
    .option('--json', 'same as --format json')
    .option('--bom', 'with --format csv: start with a UTF-8 byte order mark (for Excel)')
    .addHelpText(
      'after',
      `
--text searches the normalized post text (SQLite FTS5). The query is normalized the same way, so
spelling variants match: ي/ی, ك/ک, with or without diacritics, with or without ZWNJ.
  words            all of them, in any order          خوارج امارت
  "a phrase"       these words in this order         "مردم کابل"
  word*            words starting with it             خوار*
  a OR b           either (OR in capitals)            خوارج OR الخوارج
  -word            without this word or "phrase"      khawarij -police

--flags (a hit is flagged when it is negated, "not apostates", or quoted/reported, "X said ..."):
  include   every hit counts (default)
  exclude   a post counts for a frame only through unflagged hits; frames whose hits are all
            flagged, and flagged hits, are left out of the output
  only      only frames whose hits are all flagged (what exclude leaves out)
  With exclude/only and no --frame, only posts with at least one frame that counts are listed.

--sort score: the sum of the scores of the frames that count (of the --frame frames when given),
then the best text match for --text, then the newest.`,
    )
    .action(async (opts: QueryOpts, cmd: Command) => {
      const { parseLangs, parsePositiveInt, oneOf, parseDateOrInstant } = await import('../parse-options.js');
      const { renderPosts } = await import('../../report/render-posts.js');
      const { startOfDayUtc, addDays } = await import('../../util/day-in-zone.js');
      const { UsageError } = await import('../../errors.js');
      const { resolveRowFormat } = await import('../format-rows.js');
      const format = resolveRowFormat(opts, process.stdout.isTTY ? 'table' : 'json');
      const match = oneOf(opts.match, ['any', 'all'] as const, '--match');
      const flags = oneOf(opts.flags, ['include', 'exclude', 'only'] as const, '--flags');
      const sort = oneOf(opts.sort, ['date', 'score'] as const, '--sort');
      const langs = parseLangs(opts.lang);
      const limit = parsePositiveInt(opts.limit, '--limit');
      const offset = parsePositiveInt(opts.offset, '--offset', { allowZero: true });
      const { parseTextQuery, TextQueryError } = await import('../../store/text-query.js');
      let text: TextQuery | undefined;
      if (opts.text !== undefined) {
        try {
          text = parseTextQuery(opts.text);
        } catch (err) {
          throw new UsageError(`--text: ${(err as Error).message}`);
        }
      }
      const since = opts.since ? parseDateOrInstant(opts.since, '--since') : undefined;
      const until = opts.until ? parseDateOrInstant(opts.until, '--until') : undefined;
      await withStore(cmd, async (store, config) => {
        const tz = config.timezone;
        const { resolveFrameIds, frameIdSource } = await import('../frame-ids.js');
        const filter = {
          frames: await resolveFrameIds(opts.frame, frameIdSource(store)),
          match,
          langs,
          channels: splitList(opts.channel).map((c) => c.replace(/^@/, '')),
          since: since ? (since.instant ?? startOfDayUtc(since.day!, tz).toISOString()) : undefined,
          until: until ? (until.instant ?? startOfDayUtc(addDays(until.day!, 1), tz).toISOString()) : undefined,
          text,
          flags,
          sort,
          limit,
          offset,
        };
        let rows;
        try {
          rows = await store.queryPosts(filter);
        } catch (err) {
          // The store quotes every term, so this is unlikely; the message stays one line anyway.
          if (err instanceof TextQueryError) throw new UsageError(`--text: cannot search for ${JSON.stringify(opts.text)}: ${err.message}`);
          throw err;
        }
        process.stdout.write(renderPosts(rows, format, { bom: opts.bom ?? false, limit, offset, timezone: tz }));
        if (text) {
          const pending = await store.pendingTextIndex();
          if (pending > 0) {
            process.stderr.write(
              `note: --text searched the indexed posts only; ${pending} post(s) stored in the last moments are not indexed yet because another framewatch process is writing (run the query again when it is done)\n`,
            );
          }
        }
      });
    });
}

