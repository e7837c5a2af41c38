// toCsv writes tables directly (csv-stringify's per-cell option handling was most of a trend export's
// time). It must write exactly the bytes csv-stringify writes with the project's options, cell by cell
// and for whole tables, in the four languages and with every character that forces quoting.
import { describe, expect, it } from 'vitest';
import { toCsv, toCsvReference } from '../../src/report/csv.js';
import { mulberry32 } from '../../src/util/random.js';

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
