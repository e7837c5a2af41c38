import type { Command } from 'commander';
import { register as registerEvalFrames } from './eval-frames.js';
import { register as registerEvalLang } from './eval-lang.js';

/** Parent of `eval lang` and `eval frames`. */
export function register(program: Command): void {
  const evalCmd = program
    .command('eval')
    .description('measure the language detector or the frame tagger on a labelled JSONL file');
  registerEvalLang(evalCmd);
  registerEvalFrames(evalCmd);
}
