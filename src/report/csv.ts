// CSV writing (RFC 4180: tables written directly, single cells and rows through csv-stringify) with OWASP's guard against formula injection.
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
  // Most cells start with an ASCII letter or digit (dates, frame ids, words): nothing to skip or fold.
  const c = text.charCodeAt(0);
  if ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) return false;
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

/** A field as csv-stringify writes it with OPTIONS (test/report/csv-writer.test.ts holds them equal). */
const NEEDS_QUOTES = /[",\r\n;\t]|^\s|\s$/;

function field(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * A whole table, written directly: csv-stringify's per-cell option handling made a year of daily
 * trend rows (8,400 rows) cost ~30 ms, most of `framewatch trend`; this writes the same bytes.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[], { bom = false } = {}): string {
  const lines: string[] = [];
  for (const r of [header, ...rows]) {
    let line = '';
    for (let i = 0; i < r.length; i++) line += (i === 0 ? '' : ',') + field(cellText(r[i], true));
    lines.push(line);
  }
  return `${bom ? UTF8_BOM : ''}${lines.join('\r\n')}\r\n`;
}

/** toCsv through csv-stringify itself: the reference the direct writer is tested against. */
export function toCsvReference(header: readonly string[], rows: readonly (readonly unknown[])[], { bom = false } = {}): string {
  const records = [header, ...rows].map((r) => r.map((v) => cellText(v, true)));
  return stringify(records, { ...OPTIONS, bom });
}
