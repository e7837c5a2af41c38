// The commander program: global options and the commands. Only the command being run is imported
// (all of them for --help or a typo), so a short command does not load twenty modules it never uses.
import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../paths.js';
import { COMMANDS } from './commands/index.js';

/** The command argv names (after the global options), or null (none, an option such as --help, or `help`). */
export function commandIn(argv: readonly string[]): string | null {
  for (let i = 2; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--db') i++;
    else if (a.startsWith('--db=')) continue;
    else return a.startsWith('-') ? null : a;
  }
  return null;
}

/** The program with the command argv names, or with every command (help, suggestions for a typo). */
export async function buildProgram(argv: readonly string[] = process.argv): Promise<Command> {
  const version = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const program = new Command('framewatch')
    .description('Monitor narrative frames in public Telegram channels (Dari, Pashto, Arabic, English).')
    .version(version)
    .option('--db <path>', 'SQLite file or postgres:// URL (overrides FRAMEWATCH_DB)')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  const name = commandIn(argv);
  const one = COMMANDS.filter(([n]) => n === name);
  for (const [, load] of one.length ? one : COMMANDS) (await load()).register(program);
  return program;
}
