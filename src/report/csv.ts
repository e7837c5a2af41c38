// CSV writing (RFC 4180, CRLF records) with OWASP's guard against formula injection.

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

export const UTF8_BOM = '\uFEFF';

/**
 * A field is quoted when it holds a quote, a comma, CR or LF (RFC 4180), a ";" or a tab (OWASP: cell
 * separators in some locales' spreadsheets), or starts or ends with white space (which must survive);
 * inner quotes are doubled. These are the bytes csv-stringify writes with CRLF records,
 * quote_record_delimiter and those quoted_match rules: test/report/csv-writer.test.ts holds them equal.
 * Written directly: csv-stringify's per-cell option handling made a year of daily trend rows (8,400)
 * cost ~30 ms, and loading it cost every command a few milliseconds.
 */
const NEEDS_QUOTES = /[",\r\n;\t]|^\s|\s$/;

function field(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvCell(value: unknown, { guard = true } = {}): string {
  return field(cellText(value, guard));
}

/** One record, without its line break. */
export function csvRow(values: readonly unknown[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) line += (i === 0 ? '' : ',') + field(cellText(values[i], true));
  return line;
}

/** A whole table: CRLF after every record, the header first. */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[], { bom = false } = {}): string {
  const lines: string[] = [csvRow(header)];
  for (const r of rows) lines.push(csvRow(r));
  return `${bom ? UTF8_BOM : ''}${lines.join('\r\n')}\r\n`;
}
