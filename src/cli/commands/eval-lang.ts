// `framewatch eval lang FILE.jsonl [--format table|json|jsonl|csv]`: accuracy of the pipeline's language detector on a gold file.
import type { Command } from 'commander';
import type { LangEvalReport } from '../../eval/eval-lang.js';
import type { RowColumn } from '../format-rows.js';
import { ALL_LANGS } from '../../types.js';

const ROW_KEYS = ['label', 'n', 'accuracy', 'precision', 'recall', 'f1', ...ALL_LANGS.map((l) => `as_${l}`)] as const;
type LangRow = Record<(typeof ROW_KEYS)[number], string | number | null>;

/** jsonl/csv rows: "all", one per gold label (with its confusion row), one per length band. */
export function langRows(r: LangEvalReport): LangRow[] {
  const row = (label: string, n: number, fill: Partial<LangRow>): LangRow => {
    const base = Object.fromEntries(ROW_KEYS.map((k) => [k, null])) as LangRow;
    return { ...base, label, n, ...fill };
  };
  const predicted = (counts: (l: (typeof ALL_LANGS)[number]) => number) => Object.fromEntries(ALL_LANGS.map((l) => [`as_${l}`, counts(l)]));
  return [
    row('all', r.n, { accuracy: r.accuracy, ...predicted((p) => ALL_LANGS.reduce((s, g) => s + r.confusion[g][p], 0)) }),
    ...ALL_LANGS.map((g) => row(g, r.labels[g].n, { ...r.labels[g], n: r.labels[g].n, ...predicted((p) => r.confusion[g][p]) })),
    ...Object.entries(r.byLength).map(([band, m]) => row(`length ${band}`, m.n, { accuracy: m.accuracy })),
  ];
}

const LANG_COLUMNS: RowColumn<LangRow>[] = ROW_KEYS.map((k) => ({ header: k, cell: (r: LangRow) => r[k] ?? null }));

export function register(evalCmd: Command): void {
  evalCmd
    .command('lang <file>')
    .description('evaluate language identification on a JSONL gold file ({"text": "...", "lang": "prs|pus|arb|eng|und"} per line)')
    .option('--format <fmt>', 'table (default), json (one object with the metrics), jsonl or csv (one row per label and length band)')
    .option('--json', 'same as --format json')
    .action(async (file: string, opts: { format?: string; json?: boolean }) => {
      const { resolveRowFormat, renderRows } = await import('../format-rows.js');
      const format = resolveRowFormat(opts, 'table');
      // Heavy modules (franc, word tables) load only when the command runs.
      const { loadLangGold, evaluateLanguage, renderLangReport } = await import('../../eval/eval-lang.js');
      const { detectLanguage } = await import('../../language/detect.js');
      const items = await loadLangGold(file);
      const report = evaluateLanguage(items, (text) => detectLanguage(text));
      if (format === 'json') process.stdout.write(`${JSON.stringify(report)}\n`);
      else if (format === 'table') process.stdout.write(renderLangReport(report));
      else process.stdout.write(renderRows(langRows(report), format, LANG_COLUMNS));
    });
}
