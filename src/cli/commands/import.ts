import type { Command } from 'commander';
import { SIDES, type Side } from '../../types.js';
import { info, out, withContext } from '../context.js';
import { oneOf } from '../parse-options.js';

export function register(program: Command): void {
  program
    .command('import')
    .description('import posts from Telegram Desktop exports (result.json or its folder) or JSON Lines files; "-" reads standard input')
    .argument('<file...>', 'result.json, an export folder, .jsonl files, or - for standard input')
    .option('--channel <username>', "the channel's username: store the posts under it and link them to t.me/<username>/<id>")
    .option('--side <side>', `whose channel it is (${SIDES.join(' | ')}): recorded on every imported post and on the channel`)
    .option('--no-workers', 'derive language and frames on this thread only (large files use a worker by default)')
    .addHelpText(
      'after',
      `
JSON Lines: one post per line, e.g.
  {"channel": "name", "id": 123, "date": "2024-01-01T10:00:00Z", "text": "...", "views": 10}
"channel" is the channel's username; "date" is ISO 8601 with a time zone, or seconds since 1970.
Dates must be real calendar dates from 2013-08-01 to one day from now.
A Telegram Desktop export has no username: its posts are stored under c<id> (the chat's numeric id)
unless --channel gives the username. A full account export imports each chat in it.
Each file is imported in one transaction: a malformed file is rejected whole, naming the line.
Re-importing a post updates it (an edit) and never duplicates it.

Examples:
  framewatch import ~/Downloads/Telegram/ChatExport_2026-03-01 --channel almirsaad --side taliban
  framewatch import posts.jsonl --side iskp
  some-tool | framewatch import -`,
    )
    .action(async (files: string[], opts: { channel?: string; side?: string; workers: boolean }, cmd: Command) => {
      const { importFile, formatImportResult } = await import('../../import/import-files.js');
      const { UsageError } = await import('../../errors.js');
      const channel = opts.channel?.replace(/^@/, '');
      if (channel !== undefined && !/^[A-Za-z][A-Za-z0-9_]{3,31}$/.test(channel)) {
        throw new UsageError(`--channel: "${opts.channel}" is not a channel username (letters, digits, _; 4-32 characters)`);
      }
      const side: Side | undefined = opts.side === undefined ? undefined : oneOf(opts.side, SIDES, '--side');
      if (files.filter((f) => f === '-').length > 1) throw new UsageError('"-" (standard input) can be given only once');
      await withContext(cmd, async ({ store, pipeline }) => {
        for (const file of files) {
          const r = await importFile(store, pipeline, file, {
            ...(channel ? { channel: channel.toLowerCase() } : {}),
            ...(side ? { side } : {}),
            ...(opts.workers ? {} : { parallel: false }),
          });
          out(formatImportResult(r));
        }
        info(`database: ${store.location}`);
      });
    });
}
