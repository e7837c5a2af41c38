// Interned words: each distinct normalized word seen by the tokenizer gets a small id and one string.
// A post's tokens then need no new strings, and the tagger's per-word memos are array reads by id
// instead of hashing a fresh string per token.
//
// Ids are never reused or invalidated. The table stops growing at WORD_LIMIT (about 8 MB); words
// first seen after that get NO_WORD, and callers fall back to looking them up by their string.

export const NO_WORD = -1;
export const WORD_LIMIT = 1 << 17;

// Open addressing, two ints per slot: id + 1 (0 = empty) and the word's hash, so a probe reads one
// cache line; per id, two ints: where its code units start in `units` and how many there are.
let slots = new Int32Array(2 << 12);
let mask = (slots.length >> 1) - 1;
let units = new Uint16Array(1 << 15); // every word's code units, back to back
let unitsLen = 0;
let spans = new Int32Array(2 << 10);
const keys: string[] = [];
const decoder = new TextDecoder('utf-16le');

function hashUnits(buf: Uint16Array, s: number, e: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = s; i < e; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
  return h;
}

function sameUnits(id: number, buf: Uint16Array, s: number, e: number): boolean {
  const len = e - s;
  if (spans[2 * id + 1] !== len) return false;
  const at = spans[2 * id]!;
  for (let k = 0; k < len; k++) if (units[at + k] !== buf[s + k]) return false;
  return true;
}

function rehash(size: number): void {
  const old = slots;
  slots = new Int32Array(2 * size);
  mask = size - 1;
  for (let q = 0; q < old.length; q += 2) {
    if (old[q] === 0) continue;
    const h = old[q + 1]!;
    let r = h & mask;
    while (slots[2 * r] !== 0) r = (r + 1) & mask;
    slots[2 * r] = old[q]!;
    slots[2 * r + 1] = h;
  }
}

function add(buf: Uint16Array, s: number, e: number, h: number, q: number, key: string): number {
  const id = keys.length;
  const len = e - s;
  if (2 * id + 1 >= spans.length) {
    const b = new Int32Array(spans.length * 2);
    b.set(spans);
    spans = b;
  }
  if (unitsLen + len > units.length) {
    const b = new Uint16Array(Math.max(units.length * 2, unitsLen + len));
    b.set(units.subarray(0, unitsLen));
    units = b;
  }
  units.set(buf.subarray(s, e), unitsLen);
  spans[2 * id] = unitsLen;
  spans[2 * id + 1] = len;
  unitsLen += len;
  keys.push(key);
  slots[2 * q] = id + 1;
  slots[2 * q + 1] = h;
  if (keys.length * 4 > slots.length) rehash(slots.length); // keep the load under one half
  return id;
}

/** The id of the word buf[s..e) (code units), interning it if new; NO_WORD once the table is full. */
export function internUnits(buf: Uint16Array, s: number, e: number): number {
  const h = hashUnits(buf, s, e);
  let q = h & mask;
  for (;;) {
    const v = slots[2 * q]!;
    if (v === 0) break;
    if (slots[2 * q + 1] === h && sameUnits(v - 1, buf, s, e)) return v - 1;
    q = (q + 1) & mask;
  }
  if (keys.length >= WORD_LIMIT) return NO_WORD;
  return add(buf, s, e, h, q, decoder.decode(buf.subarray(s, e)));
}

let scratch = new Uint16Array(64);

/** The id of a word given as a string (interning it if new), or NO_WORD. */
export function internString(key: string): number {
  if (scratch.length < key.length) scratch = new Uint16Array(key.length * 2);
  for (let i = 0; i < key.length; i++) scratch[i] = key.charCodeAt(i);
  return internUnits(scratch, 0, key.length);
}

/** The string of an interned word. */
export function wordKey(id: number): string {
  return keys[id]!;
}

/** Words interned so far (ids run from 0 to this, exclusive). */
export function wordCount(): number {
  return keys.length;
}
