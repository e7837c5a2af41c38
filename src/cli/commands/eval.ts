import type { Command } from 'commander';
import { register as registerEvalFrames } from './eval-frames.js';
import { register as registerEvalLabels } from './eval-labels.js';
import { register as registerEvalLang } from './eval-lang.js';

/** Parent of `eval lang`, `eval frames` and `eval labels`. */
export function register(program: Command): void {
  const evalCmd = program
    .command('eval')
    .description('measure the language detector or the frame tagger on a labelled JSONL file, or the frames on your own labels');
  registerEvalLang(evalCmd);
  registerEvalFrames(evalCmd);
  registerEvalLabels(evalCmd);
}
