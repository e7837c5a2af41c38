// `framewatch tag` from parsed arguments to exit code: the entry point of dist/tag-bundle/
// (tools/bundle-tag.ts). Errors are reported inside, so no error object crosses from the bundle's
// copies of the classes to main.js's.
import { runTag } from './commands/tag-run.js';
import { reportError } from './report-error.js';
import type { TagOptions } from './tag-args.js';

/** `how` names the code that runs (shown by --timing). */
export async function tagMain(words: readonly string[], opts: TagOptions, how: string): Promise<number> {
  try {
    await runTag(words, opts, how);
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (err) {
    return reportError(err);
  }
}
