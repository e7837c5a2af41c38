#!/usr/bin/env node
// framewatch CLI: runs the program of src/cli/program.ts and maps errors to exit codes. A plain
// `framewatch tag ...` line runs the tag command directly (tag-args.ts): commander and the program
// are loaded only for every other line (loading them is 20-30 ms of `tag`'s start-up).
import { tagArgs } from './tag-args.js';

const USAGE_CODES = new Set([
  'commander.unknownOption',
  'commander.unknownCommand',
  'commander.missingArgument',
  'commander.optionMissingArgument',
  'commander.missingMandatoryOptionValue',
  'commander.excessArguments',
  'commander.invalidArgument',
  'commander.conflictingOption',
]);

/**
 * A reader that stops early (`framewatch query | head`) closes the pipe: the output is no longer
 * wanted, so exit quietly as other Unix tools do. Anything already committed stays committed.
 */
function quietOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(process.exitCode === undefined ? 0 : Number(process.exitCode));
      throw err;
    });
  }
}

async function runProgram(argv: string[]): Promise<void> {
  const tag = tagArgs(argv);
  if (tag !== null) {
    // dist/tag-bundle/ when it is up to date (tag-bundle.ts), else the ES modules.
    const { runBundledTag } = await import('./tag-bundle.js');
    const code = await runBundledTag(tag.words, tag.opts);
    if (code !== null) {
      if (code !== 0) process.exitCode = code;
      return;
    }
    const { runTag } = await import('./commands/tag-run.js');
    return runTag(tag.words, tag.opts);
  }
  const { buildProgram } = await import('./program.js');
  await (await buildProgram(argv)).parseAsync(argv);
}

export async function main(argv: string[] = process.argv): Promise<number> {
  quietOnClosedPipe();
  try {
    await runProgram(argv);
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (err) {
    // Loaded only on this path: every module main.js imports is part of `framewatch tag`'s start-up.
    const [{ UserError }, { reportError }] = await Promise.all([import('../errors.js'), import('./report-error.js')]);
    if (err instanceof UserError) return reportError(err);
    // Only commander throws these, so it is already loaded when one arrives.
    const { CommanderError } = await import('commander');
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
      if (err.code === 'commander.executeSubCommandAsync') return err.exitCode;
      return USAGE_CODES.has(err.code) ? 2 : err.exitCode || 2;
    }
    return reportError(err);
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
    process.exitCode = 1;
  },
);
