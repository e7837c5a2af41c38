// The hits of one frame tag as stored in post_frames.hits (migration 008): a few bytes per hit
// instead of ~130 bytes of JSON.
//
//   byte    format (1)
//   per hit:
//     varint  term (vocab id)
//     varint  start, varint end - start         UTF-16 offsets into the post's text
//     byte    bits: 1 negated, 2 quoted, 4 rule, 8 part, 16 matched stored, 32 weight stored as float64
//     byte    weight × 4 (0..255)               or 8 bytes float64 (bit 32)
//     varint  rule, varint part (vocab ids)     when their bits are set
//     varint  byte length + UTF-8 of matched    when bit 16 is set (it is not text.slice(start, end))
//
// A hit with any other field, or fields of other types, is not encoded (encodeHits returns null)
// and its tag is stored as JSON text, the format of rows written before 008, which decodeHits reads
// as well. Decoding gives back exactly the hits that were encoded, keys in the tagger's order.
import type { FrameHit } from '../../types.js';
import { parseJsonHits } from '../query-rows.js';
import type { Vocab } from './vocab.js';

const FORMAT = 1;
const NEGATED = 1;
const QUOTED = 2;
const RULE = 4;
const PART = 8;
const MATCHED = 16;
const FLOAT = 32;
const KNOWN = new Set(['frame', 'term', 'matched', 'start', 'end', 'weight', 'negated', 'quoted', 'rule', 'part']);

let buf = Buffer.allocUnsafe(4096);
let at = 0;

function room(n: number): void {
  if (at + n <= buf.length) return;
  const next = Buffer.allocUnsafe(Math.max(buf.length * 2, at + n));
  buf.copy(next, 0, 0, at);
  buf = next;
}

function varint(n: number): void {
  room(8);
  while (n > 0x7f) {
    buf[at++] = (n & 0x7f) | 0x80;
    n = Math.floor(n / 128);
  }
  buf[at++] = n;
}

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

function encodable(h: FrameHit): boolean {
  for (const k in h) if (!KNOWN.has(k)) return false;
  return (
    typeof h.term === 'string' &&
    typeof h.matched === 'string' &&
    isCount(h.start) &&
    isCount(h.end) &&
    h.end >= h.start &&
    typeof h.weight === 'number' &&
    typeof h.negated === 'boolean' &&
    typeof h.quoted === 'boolean' &&
    (h.rule === undefined || typeof h.rule === 'string') &&
    (h.part === undefined || typeof h.part === 'string')
  );
}

/** The compact form of a tag's hits on `text`, or null when a hit has a shape it does not cover. */
export function encodeHits(hits: readonly FrameHit[], text: string, vocab: Vocab): Buffer | null {
  for (const h of hits) if (!encodable(h)) return null;
  at = 0;
  room(1);
  buf[at++] = FORMAT;
  for (const h of hits) {
    const quarter = h.weight * 4;
    const small = Number.isInteger(quarter) && quarter >= 0 && quarter <= 255 && !Object.is(h.weight, -0);
    const ownMatched = text.slice(h.start, h.end) !== h.matched;
    const bits =
      (h.negated ? NEGATED : 0) |
      (h.quoted ? QUOTED : 0) |
      (h.rule !== undefined ? RULE : 0) |
      (h.part !== undefined ? PART : 0) |
      (ownMatched ? MATCHED : 0) |
      (small ? 0 : FLOAT);
    varint(vocab.idOf(h.term));
    varint(h.start);
    varint(h.end - h.start);
    room(10);
    buf[at++] = bits;
    if (small) buf[at++] = quarter;
    else {
      buf.writeDoubleLE(h.weight, at);
      at += 8;
    }
    if (h.rule !== undefined) varint(vocab.idOf(h.rule));
    if (h.part !== undefined) varint(vocab.idOf(h.part));
    if (ownMatched) {
      const bytes = Buffer.byteLength(h.matched);
      varint(bytes);
      room(bytes);
      at += buf.write(h.matched, at);
    }
  }
  return Buffer.from(buf.subarray(0, at));
}

/** A stored hits record (compact or JSON) of `frame` on `text`; an unreadable record gives no hits. */
export function decodeHits(frame: string, stored: Buffer | string, text: string, vocab: Vocab): FrameHit[] {
  if (typeof stored === 'string') return parseJsonHits(frame, stored);
  if (stored[0] !== FORMAT) return [];
  const hits: FrameHit[] = [];
  let i = 1;
  const next = (): number => {
    let n = 0;
    let scale = 1;
    for (;;) {
      const b = stored[i++]!;
      n += (b & 0x7f) * scale;
      if (b < 0x80) return n;
      scale *= 128;
    }
  };
  while (i < stored.length) {
    const term = vocab.valueOf(next());
    const start = next();
    const end = start + next();
    const bits = stored[i++]!;
    let weight: number;
    if (bits & FLOAT) {
      weight = stored.readDoubleLE(i);
      i += 8;
    } else weight = stored[i++]! / 4;
    const rule = bits & RULE ? vocab.valueOf(next()) : undefined;
    const part = bits & PART ? vocab.valueOf(next()) : undefined;
    let matched: string;
    if (bits & MATCHED) {
      const n = next();
      matched = stored.toString('utf8', i, i + n);
      i += n;
    } else matched = text.slice(start, end);
    const hit: FrameHit = { frame, term, matched, start, end, weight, negated: (bits & NEGATED) !== 0, quoted: (bits & QUOTED) !== 0 };
    if (rule !== undefined) hit.rule = rule;
    if (part !== undefined) hit.part = part;
    hits.push(hit);
  }
  return hits;
}

/** JSON text of hits the compact form does not cover (their frame left out, as before 008). */
export function jsonHits(hits: readonly FrameHit[]): string {
  return JSON.stringify(hits.map(({ frame: _f, ...h }) => h));
}
