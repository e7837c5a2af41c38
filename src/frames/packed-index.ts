// The compiled lexicon's lookup tables (first element → pattern ids) in the form the cache stores
// them: Int32Arrays and one string of keys, with an open-addressing hash table over them. The cache
// file holds the arrays as raw bytes, so reading them back makes views of one buffer instead of
// building maps of ~6,000 entries; a process that only tags one text (`framewatch tag`) then starts
// sooner. Lookups go through a per-key memo in compile.ts, so their speed does not matter.
import { fnv1a } from '../util/fnv1a.js';

/** What the compiler builds (a Map) and what a restore reads back (a PackedTable) both offer. */
export interface IdTable<K extends string | number> {
  readonly size: number;
  get(key: K): ArrayLike<number> | undefined;
  entries(): Iterable<[K, ArrayLike<number>]>;
}

/** A table as plain data. */
export interface PackedTableData {
  kind: 'string' | 'number';
  /** String tables: every key, one after another; number tables: "". */
  text: string;
  /** String tables: where key i starts in `text` (n + 1 entries); number tables: the keys (n). */
  keys: Int32Array;
  /** Where key i's ids start in `ids` (n + 1 entries). */
  starts: Int32Array;
  ids: Int32Array;
  /** Open addressing: slot → key index + 1 (0: empty); a power of two, at least twice n. */
  slots: Int32Array;
}

/** The fields of PackedTableData that are Int32Arrays (the cache file stores them raw). */
export const PACKED_ARRAYS = ['keys', 'starts', 'ids', 'slots'] as const;

const hashNumber = (k: number): number => Math.imul(k, 0x9e3779b1) >>> 0;

function slotCount(n: number): number {
  let size = 16;
  while (size < n * 2) size *= 2;
  return size;
}

/** Packs a table's entries (in their order: a restore gives the same ids in the same order). */
export function packTable<K extends string | number>(kind: 'string' | 'number', table: IdTable<K>): PackedTableData {
  const entries = [...table.entries()];
  const n = entries.length;
  const starts = new Int32Array(n + 1);
  let total = 0;
  entries.forEach(([, ids], i) => {
    starts[i] = total;
    total += ids.length;
  });
  starts[n] = total;
  const ids = new Int32Array(total);
  entries.forEach(([, list], i) => ids.set(Array.from(list), starts[i]));
  const slots = new Int32Array(slotCount(n));
  const mask = slots.length - 1;
  let text = '';
  let keys: Int32Array;
  if (kind === 'string') {
    keys = new Int32Array(n + 1);
    let at = 0;
    entries.forEach(([k], i) => {
      if (typeof k !== 'string') throw new Error(`packed table: key ${String(k)} in a table of strings`);
      keys[i] = at;
      at += k.length;
    });
    keys[n] = at;
    text = entries.map(([k]) => k).join('');
  } else {
    keys = Int32Array.from(entries, ([k]) => {
      if (typeof k !== 'number' || (k | 0) !== k) throw new Error(`packed table: key ${String(k)} in a table of 32-bit integers`);
      return k;
    });
  }
  entries.forEach(([k], i) => {
    let h = (typeof k === 'string' ? fnv1a(k) : hashNumber(k)) & mask;
    while (slots[h] !== 0) h = (h + 1) & mask;
    slots[h] = i + 1;
  });
  return { kind, text, keys, starts, ids, slots };
}

/** A table read back from its packed form; `get` returns views into one array of ids. */
export class PackedTable<K extends string | number> implements IdTable<K> {
  readonly size: number;
  private readonly isString: boolean;
  private readonly text: string;
  private readonly keys: Int32Array;
  private readonly starts: Int32Array;
  private readonly ids: Int32Array;
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(data: PackedTableData) {
    this.isString = data.kind === 'string';
    this.text = data.text;
    this.keys = data.keys;
    this.starts = data.starts;
    this.ids = data.ids;
    this.slots = data.slots;
    this.size = this.starts.length - 1;
    this.mask = this.slots.length - 1;
    const keyCount = this.isString ? this.keys.length - 1 : this.keys.length;
    const textEnd = this.isString ? this.keys[this.size] : 0;
    if (this.size < 0 || keyCount !== this.size || textEnd !== this.text.length || this.ids.length !== this.starts[this.size] || this.slots.length < 2 * this.size || (this.slots.length & this.mask) !== 0) {
      throw new Error('packed table: inconsistent lengths');
    }
  }

  private keyAt(i: number): K {
    return (this.isString ? this.text.slice(this.keys[i]!, this.keys[i + 1]!) : this.keys[i]!) as K;
  }

  get(key: K): Int32Array | undefined {
    const str = typeof key === 'string';
    if (str !== this.isString) return undefined;
    let h = (str ? fnv1a(key) : hashNumber(key)) & this.mask;
    for (;;) {
      const s = this.slots[h]!;
      if (s === 0) return undefined;
      const i = s - 1;
      const found = str
        ? this.keys[i + 1]! - this.keys[i]! === key.length && this.text.startsWith(key, this.keys[i]!)
        : this.keys[i] === key;
      if (found) return this.ids.subarray(this.starts[i]!, this.starts[i + 1]!);
      h = (h + 1) & this.mask;
    }
  }

  *entries(): IterableIterator<[K, Int32Array]> {
    for (let i = 0; i < this.size; i++) yield [this.keyAt(i), this.ids.subarray(this.starts[i]!, this.starts[i + 1]!)];
  }
}
