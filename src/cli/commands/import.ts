import type { Command } from 'commander';
import { info, out, withContext } from '../context.js';

export function register(program: Command): void {
  program
    .command('import')
    .description('import posts from Telegram Desktop exports (result.json) or JSON Lines files')
    .argument('<file...>', 'result.json or .jsonl files')
    .option('--channel <name>', 'store the posts under this channel name (overrides the file)')
    .option('--no-workers', 'derive language and frames on this thread only (large files use a worker by default)')
    .addHelpText(
      'after',
      `
JSON Lines: one post per line, e.g.
  {"channel": "name", "id": 123, "date": "2024-01-01T10:00:00Z", "text": "...", "views": 10}
Each file is imported in one transaction: a malformed file is rejected whole, naming the line.
Re-importing a post updates it (an edit) and never duplicates it.`,
    )
    .action(async (files: string[], opts: { channel?: string; workers: boolean }, cmd: Command) => {
      const { importFile, formatImportResult } = await import('../../import/import-files.js');
      const { UsageError } = await import('../../errors.js');
      if (opts.channel !== undefined && !/^[A-Za-z][A-Za-z0-9_]{3,31}$/.test(opts.channel)) {
        throw new UsageError(`--channel: "${opts.channel}" is not a channel name (letters, digits, _; 4-32 characters)`);
      }
      await withContext(cmd, async ({ store, pipeline }) => {
        for (const file of files) {
          const r = await importFile(store, pipeline, file, {
            ...(opts.channel ? { channel: opts.channel.toLowerCase() } : {}),
            ...(opts.workers ? {} : { parallel: false }),
          });
          out(formatImportResult(r));
        }
        info(`database: ${store.path}`);
      });
    });
}
