// CSV writing (RFC 4180, through csv-stringify) with OWASP's guard against formula injection.
import { stringify, type Options } from 'csv-stringify/sync';

/**
 * OWASP CSV Injection: no cell may begin with = + - @, tab or carriage return. Spreadsheets also
 * skip leading spaces, line breaks and invisible format characters, and read the full-width and
 * small forms (＝ ＋ － ＠ ﹦ ﹢ ﹣) as the ASCII ones, so those starts are guarded too.
 */
const CONTROL_START = /^[\t\r\n\0]/;
const SKIPPED_START = /^[\s\p{Cf}\0]+/u;
const FORMULA_CHARS: ReadonlySet<string> = new Set(['=', '+', '-', '@']);

/** True when a spreadsheet could read `text` as a formula. */
export function startsLikeFormula(text: string): boolean {
  if (CONTROL_START.test(text)) return true;
  const first = text.replace(SKIPPED_START, '').codePointAt(0);
  return first !== undefined && FORMULA_CHARS.has(String.fromCodePoint(first).normalize('NFKC'));
}

/** The text of a cell: numbers are data, never guarded; other text that could run as a formula gets a leading apostrophe. */
function cellText(value: unknown, guard: boolean): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const s = String(value);
  return guard && startsLikeFormula(s) ? `'${s}` : s;
}

const OPTIONS: Options = {
  record_delimiter: 'windows',
  // csv-stringify quotes only "\r\n" once the delimiter is set; a lone "\n" or "\r" must be quoted too.
  quote_record_delimiter: true,
  // OWASP: a ";" or tab separates cells in some locales' spreadsheets; edge spaces must survive.
  quoted_match: [';', '\t', /^\s|\s$/],
};

export function csvCell(value: unknown, { guard = true } = {}): string {
  return stringify([[cellText(value, guard)]], { ...OPTIONS, eof: false });
}

export function csvRow(values: readonly unknown[]): string {
  return stringify([values.map((v) => cellText(v, true))], { ...OPTIONS, eof: false });
}

export const UTF8_BOM = '\uFEFF';

export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[], { bom = false } = {}): string {
  const records = [header, ...rows].map((r) => r.map((v) => cellText(v, true)));
  return stringify(records, { ...OPTIONS, bom });
}
