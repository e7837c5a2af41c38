// Reading a labelled sample file back: CSV (RFC 4180, as `review sample` writes it and as Excel or
// pandas save it: BOM or not, CRLF or LF, quoted line breaks) or JSON Lines. Every record keeps the
// line it starts on, so an error can name it.

export interface FileRecord {
  /** 1-based line where the record starts (the CSV header is line 1). */
  line: number;
  /** Cells by column name, as text ('' when empty or absent). */
  cells: Record<string, string>;
}

export class LabelFileError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'LabelFileError';
  }
}

/** Rows of RFC 4180 CSV with the line each starts on. A quote opened and never closed is an error. */
export function parseCsv(text: string): { line: number; cells: string[] }[] {
  const s = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const out: { line: number; cells: string[] }[] = [];
  let line = 1;
  let row: string[] = [];
  let cell = '';
  let rowLine = 1;
  let i = 0;
  let quoted = false;
  let quoteLine = 0;
  const endRow = () => {
    row.push(cell);
    if (!(row.length === 1 && row[0] === '')) out.push({ line: rowLine, cells: row });
    row = [];
    cell = '';
  };
  while (i < s.length) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      if (c === '\n') line++;
      cell += c;
      i++;
      continue;
    }
    if (c === '"' && cell === '') {
      quoted = true;
      quoteLine = line;
      i++;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
      i++;
    } else if (c === '\r' || c === '\n') {
      endRow();
      i += c === '\r' && s[i + 1] === '\n' ? 2 : 1;
      line++;
      rowLine = line;
    } else {
      cell += c;
      i++;
    }
  }
  if (quoted) throw new LabelFileError(quoteLine, 'a quoted cell is never closed');
  if (cell !== '' || row.length > 0) endRow();
  return out;
}

function cellsOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** Records of a CSV file (first row = column names) or a JSON Lines file (one object a line). */
export function readLabelRecords(text: string, format: 'csv' | 'jsonl'): FileRecord[] {
  if (format === 'jsonl') {
    const out: FileRecord[] = [];
    (text.startsWith('\uFEFF') ? text.slice(1) : text).split('\n').forEach((raw, i) => {
      if (!raw.trim()) return;
      let obj: unknown;
      try {
        obj = JSON.parse(raw);
      } catch (err) {
        throw new LabelFileError(i + 1, `not JSON (${(err as Error).message})`);
      }
      if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) throw new LabelFileError(i + 1, 'not a JSON object');
      out.push({ line: i + 1, cells: Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, cellsOf(v)])) });
    });
    return out;
  }
  const rows = parseCsv(text);
  if (rows.length === 0) return [];
  const header = rows[0]!.cells.map((h) => h.trim().toLowerCase());
  return rows.slice(1).map((r) => {
    if (r.cells.length > header.length) throw new LabelFileError(r.line, `${r.cells.length} cells, but the header names ${header.length} columns`);
    return { line: r.line, cells: Object.fromEntries(header.map((h, i) => [h, r.cells[i] ?? ''])) };
  });
}
