// CSV writing (RFC 4180) with a guard against formula injection in spreadsheet apps.

const FORMULA_START = /^[=+\-@\t\r]/;

/** Quotes a cell when needed; text starting with = + - @ (or tab/CR) gets a leading apostrophe. */
export function csvCell(value: unknown, { guard = true } = {}): string {
  if (value === null || value === undefined) return '';
  let s = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : String(value);
  // Numbers are data, not formulas: only guard text.
  if (guard && typeof value !== 'number' && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(values: readonly unknown[]): string {
  return values.map((v) => csvCell(v)).join(',');
}

export const UTF8_BOM = '\uFEFF';

export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[], { bom = false } = {}): string {
  const lines = [csvRow(header), ...rows.map(csvRow)];
  return (bom ? UTF8_BOM : '') + lines.join('\r\n') + '\r\n';
}
