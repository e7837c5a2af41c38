import type { Command } from 'commander';

/** Parent of `eval lang` and `eval frames`. */
export function register(program: Command): void {
  program.command('eval').description('measure the language detector or the frame tagger on a labelled JSONL file');
}
