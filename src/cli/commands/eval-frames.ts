// `framewatch eval frames FILE.jsonl [--json]`: frame tagging measured through the real pipeline.
import type { Command } from 'commander';

export function register(evalCmd: Command): void {
  evalCmd
    .command('frames <file>')
    .description('evaluate frame tagging on a JSONL file ({"text": "...", "lang": "...", "frames": ["id", ...]} per line)')
    .option('--json', 'print exactly one JSON object with the metrics')
    .option('--mistakes', 'also list the lines where the predicted frames differ from the labels')
    .option('--lexicons <dir>', 'lexicon directory (default: the project lexicons)')
    .action(async (file: string, opts: { json?: boolean; mistakes?: boolean; lexicons?: string }) => {
      const { readFile } = await import('node:fs/promises');
      const { UserError } = await import('../../errors.js');
      const { parseFramesJsonl, evaluateFrames, formatFramesReport } = await import('../../eval/eval-frames.js');
      const { loadTagger } = await import('../../frames/load-tagger.js');
      const { detectLanguage } = await import('../../language/detect.js');
      let content: string;
      try {
        content = await readFile(file, 'utf8');
      } catch (err) {
        throw new UserError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
      }
      const lines = parseFramesJsonl(content, file);
      const tagger = opts.lexicons ? loadTagger(opts.lexicons) : loadTagger();
      const { report, predictions } = evaluateFrames(lines, tagger, detectLanguage);
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(report)}\n`);
        return;
      }
      const known = new Set(tagger.frames().map((f) => f.id));
      const unknownFrames = [...new Set(lines.flatMap((l) => l.frames))].filter((f) => !known.has(f)).sort();
      const mistakes = opts.mistakes ? predictions.filter((p) => p.gold.join('|') !== p.predicted.join('|')) : [];
      process.stdout.write(`lexicon version ${tagger.version}\n${formatFramesReport(report, { unknownFrames, mistakes })}`);
    });
}
