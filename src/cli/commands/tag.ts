// `framewatch tag "text"` (or text on stdin): language, frames and evidence with the matched spans marked.
import type { Command } from 'commander';

interface TagOptions {
  lang?: string;
  json?: boolean;
  lexicons?: string;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function register(program: Command): void {
  program
    .command('tag')
    .argument('[text...]', 'text to tag (read from stdin when absent)')
    .description('tag a text with the frame lexicons: language, frames, evidence (matched spans marked ⟦ ⟧)')
    .option('--lang <code>', 'skip language detection: prs, pus, arb, eng or und')
    .option('--json', 'print one JSON object: {lang, detection, result}')
    .option('--lexicons <dir>', 'lexicon directory (default: the project lexicons)')
    .action(async (words: string[], opts: TagOptions) => {
      const { UsageError } = await import('../../errors.js');
      const { isLang } = await import('../../types.js');
      let text = words.join(' ');
      if (text.trim() === '') {
        if (process.stdin.isTTY) throw new UsageError('give the text to tag as an argument, or pipe it on stdin');
        text = await readStdin();
      }
      text = text.replace(/\r?\n$/, '');
      if (text.trim() === '') throw new UsageError('nothing to tag: the text is empty');
      if (opts.lang !== undefined && !isLang(opts.lang)) throw new UsageError(`--lang: "${opts.lang}" is not one of prs, pus, arb, eng, und`);
      const { loadTagger } = await import('../../frames/load-tagger.js');
      const tagger = opts.lexicons ? loadTagger(opts.lexicons) : loadTagger();
      let detection;
      if (opts.lang !== undefined && isLang(opts.lang)) {
        detection = { lang: opts.lang, guess: 'und', confidence: 1, reason: 'option --lang' };
      } else {
        const { detectLanguage } = await import('../../language/detect.js');
        detection = detectLanguage(text);
      }
      const result = tagger.tag(text, detection.lang);
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ lang: detection.lang, detection, result })}\n`);
        return;
      }
      const { renderTagResult } = await import('../../frames/render-tag.js');
      process.stdout.write(renderTagResult(text, detection, result, tagger.frames(), { color: process.stdout.isTTY === true }));
    });
}
