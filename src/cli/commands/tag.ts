// `framewatch tag "text"` (or text on stdin): language, frames and evidence with the matched spans marked.
import type { Command } from 'commander';
import type { TagOptions } from './tag-run.js';

export function register(program: Command): void {
  program
    .command('tag')
    .argument('[text...]', 'text to tag (read from stdin when absent)')
    .description('tag a text with the frame lexicons: language, frames, evidence (matched spans marked ⟦ ⟧, rules with the words of each part)')
    .option('--lang <code>', 'skip language detection: prs, pus, arb, eng or und')
    .option('--side <side>', "tag as a post of a channel of this side (taliban or iskp): it stands in for a missing actor reference")
    .option('--format <format>', 'table (default: readable text), json ({lang, detection, result}), jsonl or csv (one evidence span a line)')
    .option('--json', 'alias of --format json')
    .option('--lexicons <dir>', 'lexicon directory (default: the project lexicons)')
    .option('--timing', 'also print on stderr when the text was tagged, in ms since the process started')
    .action(async (words: string[], opts: TagOptions) => {
      const { runTag } = await import('./tag-run.js');
      await runTag(words, opts);
    });
}
