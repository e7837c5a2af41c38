// CSV formula injection (issue 14, item 10): OWASP's CSV Injection guidance, one case per character.
import { describe, expect, it } from 'vitest';
import { csvCell, startsLikeFormula, toCsv } from '../../src/report/csv.js';
import { renderTrendCsv } from '../../src/report/trend-csv.js';
import type { TrendData } from '../../src/report/trend-data.js';

const guarded: [string, string][] = [
  ['equals', '=HYPERLINK("http://x.example","خوارج")'],
  ['plus', '+1+cmd'],
  ['minus', '-2+3'],
  ['at', '@SUM(A1:A2)'],
  ['tab', '\t=1+1'],
  ['carriage return', '\r=1+1'],
  ['line feed', '\n=1+1'],
  ['NUL', '\0=1+1'],
  ['a space before =', ' =1+1'],
  ['spaces before +', '   +1'],
  ['a no-break space before =', '\u00A0=1+1'],
  ['an ideographic space before @', '\u3000@SUM(1)'],
  ['a zero-width space before =', '\u200B=1+1'],
  ['a right-to-left mark before =', '\u200F=1+1'],
  ['a line break before =', '\r\n=cmd|"/c calc"!A0'],
  ['full-width equals ＝', '＝1+1'],
  ['full-width plus ＋', '＋1'],
  ['full-width minus －', '－1'],
  ['full-width at ＠', '＠SUM(1)'],
  ['small equals ﹦', '﹦1+1'],
  ['small plus ﹢', '﹢1'],
  ['small minus ﹣', '﹣1'],
  ['a space before full-width equals', ' ＝1+1'],
];

const plain: [string, string][] = [
  ['Pashto', 'د خوارجو فتنه'],
  ['Dari', 'خوارج دشمنان اسلام'],
  ['Arabic', 'الخوارج فتنة'],
  ['English', 'Those apostates rule by man-made law.'],
  ['an inner equals sign', 'a=b'],
  ['an apostrophe', "'quoted"],
  ['a leading space before words', ' خوارج'],
  ['the empty string', ''],
];

describe('CSV formula guard (OWASP)', () => {
  it.each(guarded)('guards a cell starting with %s', (_name, text) => {
    expect(startsLikeFormula(text)).toBe(true);
    const cell = csvCell(text);
    // The cell, once unquoted, starts with the apostrophe that makes a spreadsheet read text.
    const unquoted = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
    expect(unquoted).toBe(`'${text}`);
  });

  it.each(plain)('leaves %s as it is', (_name, text) => {
    expect(startsLikeFormula(text)).toBe(false);
    const cell = csvCell(text);
    expect(cell.startsWith('"') ? cell.slice(1, -1) : cell).toBe(text);
  });

  it('never guards numbers, which are data (a negative count stays a number)', () => {
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(0.5)).toBe('0.5');
    expect(csvCell(Number.NaN)).toBe('');
  });

  it('quotes what could split a cell: quotes, commas, semicolons, tabs, any line break, edge spaces', () => {
    expect(csvCell('a"b')).toBe('"a""b"');
    expect(csvCell('خوارج, فتنه')).toBe('"خوارج, فتنه"');
    // A spreadsheet set to split on ";" would otherwise start a new cell with =1+1.
    expect(csvCell('x;=1+1')).toBe('"x;=1+1"');
    expect(csvCell('x\t=1+1')).toBe('"x\t=1+1"');
    expect(csvCell('line one\nline two')).toBe('"line one\nline two"');
    expect(csvCell('line one\rline two')).toBe('"line one\rline two"');
    expect(csvCell(' padded ')).toBe('" padded "');
    // OWASP's own example: "=1+2";=1+2
    expect(csvCell('=1+2";=1+2')).toBe(`"'=1+2"";=1+2"`);
  });

  it('writes CRLF records, a header, and a BOM on request', () => {
    expect(toCsv(['a', 'b'], [[1, '=x'], ['د', null]], { bom: true })).toBe("\uFEFFa,b\r\n1,'=x\r\nد,\r\n");
  });

  it('guards the trend CSV, including a frame named with a full-width ＝ and a channel starting with a space', () => {
    const data: TrendData = {
      interval: 'day',
      by: ['channel'],
      from: '2026-04-01',
      to: '2026-04-01',
      buckets: ['2026-04-01'],
      frames: ['＝HYPERLINK("http://x.example")'],
      groups: [[' =1+1']],
      counts: new Map(),
      totals: new Map(),
    };
    const lines = renderTrendCsv(data).trimEnd().split('\r\n');
    expect(lines[1]).toBe(`2026-04-01,' =1+1,"'＝HYPERLINK(""http://x.example"")",0,0,0`);
  });
});
