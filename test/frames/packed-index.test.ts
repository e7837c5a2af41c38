// The packed lookup tables of the compiled-lexicon cache answer exactly as the maps they were made
// from: the same ids in the same order for every key, and nothing for a key that is not there.
import { describe, expect, it } from 'vitest';
import { code2, code3, compileLexicon } from '../../src/frames/compile.js';
import { PACKED_ARRAYS, PackedTable, packTable, type PackedTableData } from '../../src/frames/packed-index.js';
import { parseLexiconFiles } from '../../src/frames/parse-lexicons.js';
import { readLexiconFiles } from '../../src/frames/read-lexicons.js';
import { LEXICON_DIR } from '../../src/paths.js';

/**
 * Packs and reads back, as the cache file does: the arrays copied one after another into one buffer,
 * at an offset, and read as views of it.
 */
function roundTrip<K extends string | number>(kind: 'string' | 'number', m: Map<K, number[]>): PackedTable<K> {
  const packed = packTable(kind, m);
  const total = PACKED_ARRAYS.reduce((n, f) => n + packed[f].length, 0);
  const buf = new Int32Array(total + 3);
  const copy: PackedTableData = { ...packed };
  let at = 3;
  for (const f of PACKED_ARRAYS) {
    buf.set(packed[f], at);
    copy[f] = buf.subarray(at, at + packed[f].length);
    at += packed[f].length;
  }
  return new PackedTable<K>(structuredClone(copy));
}

const asArray = (x: ArrayLike<number> | undefined): number[] | undefined => (x === undefined ? undefined : Array.from(x));

describe('packed lookup table', () => {
  // Real first words of lexicon entries, in the four languages, as the normalizer leaves them.
  const words = new Map<string, number[]>([
    ['طالبان', [3, 17, 40]],
    ['المرتدین', [5]],
    ['عملاء', [8, 9]],
    ['داعش', [11, 12, 13, 14]],
    ['خوارج', [2]],
    ['مزدوران', [21, 22]],
    ['غلامان', [30]],
    ['پاکستان', [31, 32]],
    ['استخباراتو', [33]],
    ['puppets', [50]],
    ['servants', [51, 52]],
    ["didn't", [53]],
    ['a', [54]],
  ]);

  it.each([...words])('finds %s with its ids in order', (key, ids) => {
    expect(asArray(roundTrip('string', words).get(key))).toEqual(ids);
  });

  it.each([
    ['a prefix of a key', 'طالب'],
    ['a key with one more letter', 'طالبانو'],
    ['a key with one letter less at the end', 'servant'],
    ['the empty string', ''],
    ['two keys run together', 'puppetsservants'],
    ['a key written with another letter (ي, not ی)', 'المرتدين'],
  ])('finds nothing for %s', (_what, key) => {
    expect(roundTrip('string', words).get(key)).toBeUndefined();
  });

  it('keeps the keys and their order (entries, size)', () => {
    const t = roundTrip('string', words);
    expect(t.size).toBe(words.size);
    expect([...t.entries()].map(([k, v]) => [k, Array.from(v)])).toEqual([...words]);
  });

  it('numbers: the 2- and 3-letter bucket codes of globs', () => {
    const m = new Map<number, number[]>([
      [code3('مزد', 0), [1, 2]],
      [code3('pup', 0), [3]],
      [code2('ها', 0), [4]],
      [code2('ان', 0), [5, 6, 7]],
      [0, [8]],
    ]);
    const t = roundTrip('number', m);
    for (const [k, ids] of m) expect(asArray(t.get(k))).toEqual(ids);
    expect(t.get(code3('عمل', 0))).toBeUndefined();
    expect(t.get(1)).toBeUndefined();
  });

  it('a key of the other kind is never found', () => {
    expect(roundTrip('number', new Map([[5, [1]]])).get('5' as unknown as number)).toBeUndefined();
    expect(roundTrip('string', new Map([['5', [1]]])).get(5 as unknown as string)).toBeUndefined();
  });

  it('empty tables', () => {
    for (const kind of ['string', 'number'] as const) {
      const t = roundTrip<string | number>(kind, new Map());
      expect(t.size).toBe(0);
      expect(t.get(kind === 'string' ? 'x' : 1)).toBeUndefined();
      expect([...t.entries()]).toEqual([]);
    }
  });

  it('many keys that share hash slots (probing) are all found, and only they', () => {
    const m = new Map<string, number[]>();
    for (let i = 0; i < 5000; i++) m.set(`w${i.toString(36)}`, [i, i + 1]);
    const t = roundTrip('string', m);
    for (const [k, ids] of m) expect(asArray(t.get(k))).toEqual(ids);
    for (let i = 5000; i < 6000; i++) expect(t.get(`w${i.toString(36)}`)).toBeUndefined();
  });

  it('the project lexicon: every first-element table answers as the compiler built it', () => {
    const compiled = compileLexicon(parseLexiconFiles(readLexiconFiles(LEXICON_DIR)).set);
    const tables = [
      ['string', compiled.exact],
      ['string', compiled.stems],
      ['number', compiled.prefix3],
      ['number', compiled.prefix2],
      ['number', compiled.suffix2],
    ] as const;
    for (const [kind, table] of tables) {
      const packed = roundTrip<string | number>(kind, table as Map<string | number, number[]>);
      expect(packed.size).toBe(table.size);
      for (const [k, ids] of table.entries()) expect(asArray(packed.get(k))).toEqual(Array.from(ids));
    }
    expect(compiled.exact.size).toBeGreaterThan(1000);
  });

  it('a table whose parts do not agree is refused', () => {
    const good = packTable('string', words);
    expect(() => new PackedTable({ ...good, starts: good.starts.subarray(1) })).toThrow(/inconsistent/);
    expect(() => new PackedTable({ ...good, ids: good.ids.subarray(1) })).toThrow(/inconsistent/);
    expect(() => new PackedTable({ ...good, keys: good.keys.subarray(1) })).toThrow(/inconsistent/);
    expect(() => new PackedTable({ ...good, text: good.text.slice(1) })).toThrow(/inconsistent/);
    expect(() => new PackedTable({ ...good, slots: new Int32Array(8) })).toThrow(/inconsistent/);
    expect(() => new PackedTable({ ...good, slots: new Int32Array(good.slots.length - 1) })).toThrow(/inconsistent/);
  });
});
