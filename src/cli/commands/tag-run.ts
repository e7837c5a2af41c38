// What `framewatch tag` does once its arguments are parsed. Kept apart from commander: main.ts runs it
// straight from a plain `framewatch tag ...` command line (tag-args.ts), so the one command an analyst
// runs by hand while editing a lexicon does not wait for commander to load.
import { UsageError } from '../../errors.js';
import { openTagger } from '../../frames/open-tagger.js';
import { SIDES, isLang, isSide } from '../../types.js';
import { renderRows, resolveRowFormat } from '../format-rows.js';
import type { TagOptions } from '../tag-args.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** `how` names the code that runs (dist/tag-bundle/ or the ES modules), for --timing. */
export async function runTag(words: readonly string[], opts: TagOptions, how = 'ES modules'): Promise<void> {
  const format = resolveRowFormat(opts);
  let text = words.join(' ');
  if (text.trim() === '') {
    if (process.stdin.isTTY) throw new UsageError('give the text to tag as an argument, or pipe it on stdin');
    text = await readStdin();
  }
  text = text.replace(/\r?\n$/, '');
  if (text.trim() === '') throw new UsageError('nothing to tag: the text is empty');
  if (opts.lang !== undefined && !isLang(opts.lang)) throw new UsageError(`--lang: "${opts.lang}" is not one of prs, pus, arb, eng, und`);
  if (opts.side !== undefined && !isSide(opts.side)) throw new UsageError(`--side: "${opts.side}" is not one of ${SIDES.join(', ')}`);
  const tagger = opts.lexicons ? await openTagger(opts.lexicons) : await openTagger();
  let detection;
  if (opts.lang !== undefined && isLang(opts.lang)) {
    detection = { lang: opts.lang, guess: 'und', confidence: 1, reason: 'option --lang' };
  } else {
    const { detectLanguage } = await import('../../language/detect.js');
    detection = detectLanguage(text);
  }
  const side = opts.side !== undefined && isSide(opts.side) ? opts.side : null;
  const result = tagger.tag(text, detection.lang, { side });
  if (opts.timing) process.stderr.write(`timing: tagged at ${performance.now().toFixed(1)} ms after the process started (${how})\n`);
  if (format === 'json') {
    process.stdout.write(`${JSON.stringify({ lang: detection.lang, detection, result })}\n`);
    return;
  }
  if (format === 'jsonl' || format === 'csv') {
    const hits = result.frames.flatMap((f) => f.hits);
    process.stdout.write(
      renderRows(hits, format, [
        { header: 'frame', cell: (h) => h.frame },
        { header: 'rule', cell: (h) => h.rule ?? '' },
        { header: 'part', cell: (h) => h.part ?? '' },
        { header: 'term', cell: (h) => h.term },
        { header: 'matched', cell: (h) => h.matched },
        { header: 'start', cell: (h) => h.start },
        { header: 'end', cell: (h) => h.end },
        { header: 'weight', cell: (h) => h.weight },
        { header: 'negated', cell: (h) => (h.negated ? 1 : 0) },
        { header: 'quoted', cell: (h) => (h.quoted ? 1 : 0) },
      ]),
    );
    return;
  }
  const { renderTagResult } = await import('../../frames/render-tag.js');
  const { colorEnabled } = await import('../../config.js');
  const color = colorEnabled(process.stdout); // a terminal, and NO_COLOR unset
  process.stdout.write(renderTagResult(text, detection, result, tagger.frames(), { color }));
}
