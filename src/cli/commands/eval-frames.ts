// `framewatch eval frames FILE.jsonl [--format table|json|jsonl|csv]`: frame tagging measured through the real pipeline.
import type { Command } from 'commander';
import type { FramesEvalReport } from '../../eval/eval-frames.js';
import type { RowColumn } from '../format-rows.js';

interface FrameRow {
  frame: string;
  support: number;
  precision: number;
  recall: number;
  f1: number;
}

/** jsonl/csv rows: micro and macro averages, then one row per frame. */
export function frameRows(r: FramesEvalReport): FrameRow[] {
  const frames = Object.entries(r.frames).map(([frame, f]) => ({ frame, ...f }));
  const support = frames.reduce((s, f) => s + f.support, 0);
  return [{ frame: 'micro', support, ...r.micro }, { frame: 'macro', support, ...r.macro }, ...frames];
}

const FRAME_COLUMNS: RowColumn<FrameRow>[] = (['frame', 'support', 'precision', 'recall', 'f1'] as const).map((k) => ({
  header: k,
  cell: (r: FrameRow) => r[k],
}));

export function register(evalCmd: Command): void {
  evalCmd
    .command('frames <file>')
    .description('evaluate frame tagging on a JSONL file ({"text": "...", "lang": "...", "frames": ["id", ...]} per line)')
    .option('--format <fmt>', 'table (default), json (one object with the metrics), jsonl or csv (one row per frame)')
    .option('--json', 'same as --format json')
    .option('--mistakes', 'with the table: also list the lines where the predicted frames differ from the labels')
    .option('--lexicons <dir>', 'lexicon directory (default: the project lexicons)')
    .action(async (file: string, opts: { format?: string; json?: boolean; mistakes?: boolean; lexicons?: string }) => {
      const { resolveRowFormat, renderRows } = await import('../format-rows.js');
      const format = resolveRowFormat(opts, 'table');
      const { UsageError, UserError } = await import('../../errors.js');
      if (opts.mistakes && format !== 'table') throw new UsageError(`--mistakes lists lines in the table; it has no place in --format ${format}`);
      const { readFile } = await import('node:fs/promises');
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
      if (format === 'json') {
        process.stdout.write(`${JSON.stringify(report)}\n`);
        return;
      }
      if (format !== 'table') {
        process.stdout.write(renderRows(frameRows(report), format, FRAME_COLUMNS));
        return;
      }
      const known = new Set(tagger.frames().map((f) => f.id));
      const unknownFrames = [...new Set(lines.flatMap((l) => l.frames))].filter((f) => !known.has(f)).sort();
      const mistakes = opts.mistakes ? predictions.filter((p) => p.gold.join('|') !== p.predicted.join('|')) : [];
      process.stdout.write(`lexicon version ${tagger.version}\n${formatFramesReport(report, { unknownFrames, mistakes })}`);
    });
}
