// CSV is written directly (csv-stringify's per-cell option handling was most of a trend export's
// time). It must write exactly the bytes csv-stringify writes with the project's options, cell by cell
// and for whole tables, in the four languages and with every character that forces quoting.
import { describe, expect, it } from 'vitest';
import { stringify, type Options } from 'csv-stringify/sync';
import { csvCell, csvRow, startsLikeFormula, toCsv } from '../../src/report/csv.js';
import { mulberry32 } from '../../src/util/random.js';

// The options the project wrote its CSV with through csv-stringify (CRLF records; a lone CR or LF quoted
// too; OWASP: ";" and tab quoted, edge spaces kept), and the apostrophe guard applied the same way.
const OPTIONS: Options = { record_delimiter: 'windows', quote_record_delimiter: true, quoted_match: [';', '\t', /^\s|\s$/] };
/** The cell text before quoting, as the project has always made it (the guard is tested in csv-guard.test.ts). */
const cellText = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  const s = String(v);
  return startsLikeFormula(s) ? `'${s}` : s;
};
const toCsvReference = (header: readonly string[], rows: readonly (readonly unknown[])[], { bom = false } = {}): string =>
  stringify([header, ...rows].map((r) => r.map(cellText)), { ...OPTIONS, bom });

const cells: unknown[] = [
  '',
  'khawarij',
  '2026-06-01',
  'د خوارجو فتنه',
  'خوارج دشمنان اسلام',
  'الخوارج فتنة، وعملاء للغرب',
  'Those "apostates", the puppets',
  'a,b',
  'semi;colon',
  'tab\there',
  'line\nfeed',
  'carriage\rreturn',
  'crlf\r\nend',
  ' leading space',
  'trailing space ',
  '\u00A0no-break',
  'ends with no-break\u00A0',
  '"',
  '""',
  '=HYPERLINK("http://x.example")',
  '+1',
  '-2',
  '@SUM(A1)',
  '＝1+1',
  '\u200B=1',
  "'quoted",
  0,
  42,
  -3.5,
  0.000123,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  null,
  undefined,
  true,
  false,
];

describe('the direct CSV writer', () => {
  it('writes every cell as csv-stringify does', () => {
    for (const c of cells) {
      expect(csvCell(c), JSON.stringify(String(c))).toBe(stringify([[cellText(c)]], { ...OPTIONS, eof: false }));
      expect(csvRow([c, 'x', c])).toBe(stringify([[cellText(c), 'x', cellText(c)]], { ...OPTIONS, eof: false }));
      expect(toCsv(['h'], [[c]]), JSON.stringify(String(c))).toBe(toCsvReference(['h'], [[c]]));
      expect(toCsv(['h'], [[c]], { bom: true })).toBe(toCsvReference(['h'], [[c]], { bom: true }));
    }
  });

  it('writes whole tables as csv-stringify does (seeded random tables, ragged rows included)', () => {
    const rnd = mulberry32(11);
    for (let t = 0; t < 200; t++) {
      const width = 1 + Math.floor(rnd() * 6);
      const header = Array.from({ length: width }, (_, i) => String(cells[Math.floor(rnd() * cells.length)] ?? `h${i}`));
      const rows = Array.from({ length: Math.floor(rnd() * 8) }, () =>
        Array.from({ length: Math.floor(rnd() * (width + 2)) }, () => cells[Math.floor(rnd() * cells.length)]),
      );
      expect(toCsv(header, rows)).toBe(toCsvReference(header, rows));
    }
  });
});
