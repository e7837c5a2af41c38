// `framewatch tag "text"` (or text on stdin): language, frames and evidence with the matched spans marked.
import type { Command } from 'commander';
import { TAG_OPTIONS, type TagOptions } from '../tag-args.js';

export function register(program: Command): void {
  const command = program
    .command('tag')
    .argument('[text...]', 'text to tag (read from stdin when absent)')
    .description('tag a text with the frame lexicons: language, frames, evidence (matched spans marked ⟦ ⟧, rules with the words of each part)');
  for (const o of TAG_OPTIONS) command.option(o.value ? `--${o.name} <${o.value}>` : `--${o.name}`, o.help);
  command.action(async (words: string[], opts: TagOptions) => {
    const { runTag } = await import('./tag-run.js');
    await runTag(words, opts);
  });
}
