// Shared output formats for commands that print lists of records: `--format table|json|jsonl|csv`,
// with `--json` as an alias of `--format json`.
import { UsageError } from '../errors.js';
import { toCsv } from '../report/csv.js';

export const ROW_FORMATS = ['table', 'json', 'jsonl', 'csv'] as const;
export type RowFormat = (typeof ROW_FORMATS)[number];

/** A table/CSV column: its header and how a record becomes the cell. */
export interface RowColumn<T> {
  header: string;
  cell: (row: T) => string | number | null;
}

/** Reads `--format` and `--json`; `--json` with another `--format` is a usage error. */
export function resolveRowFormat(opts: { format?: string; json?: boolean }, fallback: RowFormat = 'table'): RowFormat {
  const given = opts.format;
  if (given !== undefined && !(ROW_FORMATS as readonly string[]).includes(given)) {
    throw new UsageError(`--format: "${given}" must be one of ${ROW_FORMATS.join(', ')}`);
  }
  if (opts.json) {
    if (given !== undefined && given !== 'json') throw new UsageError(`--json and --format ${given} contradict each other; give one`);
    return 'json';
  }
  return (given as RowFormat | undefined) ?? fallback;
}

// Control characters (ESC sequences included) from stored data must not reach the terminal.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

function tableCell(v: string | number | null): string {
  if (v === null) return '-';
  return String(v).replace(CONTROL, ' ');
}

/**
 * Renders records: JSON (an array), JSON Lines (one object a line), CSV (RFC 4180, formula-guarded,
 * from `columns`) or an aligned text table (from `columns`; the last column is not padded).
 * `toJson` picks what a record looks like in JSON and JSON Lines (default: the record itself).
 */
export function renderRows<T>(
  rows: readonly T[],
  format: RowFormat,
  columns: readonly RowColumn<T>[],
  toJson: (row: T) => unknown = (row) => row,
): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(rows.map(toJson), null, 2)}\n`;
    case 'jsonl':
      return rows.map((r) => `${JSON.stringify(toJson(r))}\n`).join('');
    case 'csv':
      return toCsv(
        columns.map((c) => c.header),
        rows.map((r) => columns.map((c) => c.cell(r))),
      );
    case 'table': {
      const table = [columns.map((c) => c.header), ...rows.map((r) => columns.map((c) => tableCell(c.cell(r))))];
      const widths = columns.map((_, i) => Math.max(...table.map((line) => line[i]!.length)));
      return table
        .map((line) => line.map((cell, i) => (i === line.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd())
        .map((line) => `${line}\n`)
        .join('');
    }
  }
}
