// Unicode word tokenizer whose tokens carry normalized keys and offsets into the ORIGINAL text.
// Words are runs of \p{L}\p{M}\p{N}; invisible marks (ZWNJ...) and attached marks (harakat, tatweel)
// stay inside a word's span but not in its key. Keys are the words of normalizeText().
//
// One pass over the characters writes the normalized text N into a buffer, code unit by code unit, and
// records each word's span in N and in the original; each key is then looked up in the word table
// (word-table.ts), so a word seen before costs no new string. Tagging speed depends on this loop.
import {
  APOS,
  COMPLEX,
  JOIN_SUFFIXES,
  MAPPED,
  MARK,
  STRIP,
  TRANSPARENT,
  WORD,
  astralInfo,
  bmpClass,
  bmpMap1,
  charClass,
  charMapped,
  isArabicScriptCode,
  isInlineSpace,
} from './normalize.js';
import { NO_WORD, internString, internUnits, wordKey } from './word-table.js';

export type Script = 'arabic' | 'latin' | 'other';

export interface Token {
  /** Normalized key (folded, lower-cased, no diacritics/ZWNJ/tatweel). */
  key: string;
  /** The key's id in the word table (word-table.ts), or NO_WORD when the table is full. */
  id: number;
  /** UTF-16 offsets into the original text: original.slice(start, end) is the word as written. */
  start: number;
  end: number;
  /** Sentence number: increments at . ! ? ؟ ۔ ; ؛ … and line breaks. */
  sentence: number;
  script: Script;
  /** Only inline whitespace (or nothing) separates this token from the previous one. */
  spaceBefore: boolean;
}

function isSentenceBreak(c: number): boolean {
  return (
    c === 0x2e || c === 0x21 || c === 0x3f || c === 0x0a || c === 0x0d || c === 0x3b || c === 0x061f || c === 0x06d4 ||
    c === 0x061b || c === 0x2026 || c === 0x0964
  );
}

function isLatinLetterCode(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
}

/** The script of a normalized key (its first letter decides; glob placeholders and digits are skipped). */
export function scriptOf(key: string): Script {
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c === 0xe000 || c === 0xe001 || (c >= 0x30 && c <= 0x39)) continue; // glob placeholders, digits
    if (isArabicScriptCode(c)) return 'arabic';
    if (isLatinLetterCode(c)) return 'latin';
    return 'other';
  }
  return 'other';
}

// Scratch token records (tokenize is synchronous, so one buffer serves every call).
let cap = 256;
let recNS = new Int32Array(cap); // start in N
let recNE = new Int32Array(cap); // end in N
let recOS = new Int32Array(cap); // start in original
let recOE = new Int32Array(cap); // end in original
let recSent = new Int32Array(cap);
let recSpace = new Uint8Array(cap);

function grow(): void {
  cap *= 2;
  const g = <T extends Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
    const b = make(cap);
    b.set(a);
    return b;
  };
  recNS = g(recNS, (n) => new Int32Array(n));
  recNE = g(recNE, (n) => new Int32Array(n));
  recOS = g(recOS, (n) => new Int32Array(n));
  recOE = g(recOE, (n) => new Int32Array(n));
  recSent = g(recSent, (n) => new Int32Array(n));
  recSpace = g(recSpace, (n) => new Uint8Array(n));
}

function rec(k: number, ns: number, ne: number, os: number, oe: number, sentence: number, space: boolean): void {
  if (k === cap) grow();
  recNS[k] = ns;
  recNE[k] = ne;
  recOS[k] = os;
  recOE[k] = oe;
  recSent[k] = sentence;
  recSpace[k] = space ? 1 : 0;
}

const HEH = 0x0647;

/** Latin abbreviations that end with a period inside a sentence ("Mr. Smith", "Gen. Miller", "vs."). */
const ABBREVIATIONS = new Set(
  'mr mrs ms dr prof gen col lt maj capt sgt adm gov sen rep pres st mt ft jr sr vs etc approx dept est fig inc ltd co corp jan feb mar apr jun jul aug sep sept oct nov dec'.split(' '),
);

function isLowerLatin(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0xdf && c <= 0xff && c !== 0xf7);
}

/**
 * Whether the period at text[i] ends a sentence. Not inside a word or number (U.S, 2.5, t.me), not after
 * a single letter (U.S., J. Smith) or a common abbreviation (Mr., Gen.), not before a lower-case word
 * (e.g. that). buf[ws..we) is the normalized word just before the period when it touches it (else ws = -1).
 */
function periodEndsSentence(text: string, i: number, buf: Uint16Array, ws: number, we: number): boolean {
  const n = text.length;
  if (i + 1 < n) {
    const next = text.charCodeAt(i + 1);
    if (next < 0xd800 || next > 0xdfff) {
      const k = charClass(next);
      if (k === WORD || k === MAPPED) return false;
    }
  }
  const len = we - ws;
  if (ws >= 0 && len > 0 && isLatinLetterCode(buf[ws]!)) {
    if (len === 1) return false;
    if (len <= 5 && ABBREVIATIONS.has(String.fromCharCode(...buf.subarray(ws, we)))) return false;
  }
  let j = i + 1;
  while (j < n && (isInlineSpace(text.charCodeAt(j)) || text.charCodeAt(j) === 0x22 || text.charCodeAt(j) === 0x27)) j++;
  return !(j < n && isLowerLatin(text.charCodeAt(j)));
}

function isUrlAt(text: string, i: number): boolean {
  return text.startsWith('http://', i) || text.startsWith('https://', i) || text.startsWith('www.', i) || text.startsWith('t.me/', i);
}

function isUrlEnd(c: number): boolean {
  return c <= 0x20 || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0xab || c === 0xbb || c === 0x201c || c === 0x201d;
}

// Script by word id (0: not worked out yet), so each distinct word is classified once.
const SCRIPTS: readonly Script[] = ['other', 'arabic', 'latin', 'other'];
let scriptById = new Uint8Array(1024);

function scriptOfWord(id: number, key: string): Script {
  if (id >= scriptById.length) {
    const b = new Uint8Array(Math.max(scriptById.length * 2, id + 1));
    b.set(scriptById);
    scriptById = b;
  }
  const known = scriptById[id]!;
  if (known !== 0) return SCRIPTS[known]!;
  const s = scriptOf(key);
  scriptById[id] = s === 'arabic' ? 1 : s === 'latin' ? 2 : 3;
  return s;
}

// Normalized text N, written code unit by code unit (only words new to the word table become strings).
let nbuf = new Uint16Array(1024);
const utf16 = new TextDecoder('utf-16le');

function ensure(size: number): void {
  if (size <= nbuf.length) return;
  const b = new Uint16Array(Math.max(size, nbuf.length * 2));
  b.set(nbuf);
  nbuf = b;
}

// Token objects and the array handed out by tokenizeReused.
const reusedTokens: Token[] = [];
const reusedOut: Token[] = [];

/** Tokenize text. Offsets refer to `text` itself, whatever normalization does to the keys. */
export function tokenize(text: string): Token[] {
  return tokenizeInto(text, null);
}

/**
 * Like tokenize, but the array and its tokens are overwritten by the next call: for a caller that is
 * done with them before it tokenizes again (the tagger), this saves an object per word.
 */
export function tokenizeReused(text: string): Token[] {
  return tokenizeInto(text, reusedOut);
}

function tokenizeInto(text: string, into: Token[] | null): Token[] {
  const n = text.length;
  ensure(2 * n + 64);
  let nb = nbuf;
  const classes = bmpClass;
  const map1 = bmpMap1;
  let nlen = 0; // length of N so far
  let count = 0;
  let inTok = false;
  let ns = 0;
  let ne = 0;
  let os = 0;
  let oe = 0;
  let sentence = 0;
  let pendingBreak = false;
  let inlineGap = true;

  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    let cls: number;
    let m = '';
    let len = 1;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const info = astralInfo(text.codePointAt(i) ?? c);
      cls = info[0];
      m = info[1];
      len = 2;
    } else {
      cls = bmpClass[c]!;
      if (cls === 0) cls = charClass(c);
    }
    if (cls === WORD || cls === MAPPED) {
      if (!inTok) {
        if (cls === WORD && (c === 0x68 || c === 0x77 || c === 0x74) && isUrlAt(text, i)) {
          // A link is not prose: channel names and slugs in it are not evidence.
          let j = i;
          while (j < n && !isUrlEnd(text.charCodeAt(j))) nb[nlen++] = text.charCodeAt(j++);
          inlineGap = false;
          i = j - 1;
          continue;
        }
        inTok = true;
        ns = nlen;
        os = i;
      }
      if (cls === WORD) {
        nb[nlen++] = c;
        if (len === 2) nb[nlen++] = text.charCodeAt(i + 1);
      } else {
        if (len === 1) m = charMapped(c);
        if (m.length === 1) nb[nlen++] = m.charCodeAt(0);
        else {
          if (nlen + m.length + 64 > nb.length) {
            ensure(nlen + m.length + 2 * n + 64);
            nb = nbuf;
          }
          for (let k = 0; k < m.length; k++) nb[nlen++] = m.charCodeAt(k);
        }
      }
      // The rest of the word: plain letters, and letters mapped to one code unit, are most of any
      // text; they are copied without the general per-character dispatch (one unit each: room is kept).
      let j = i + len;
      for (; j < n; j++) {
        const d = text.charCodeAt(j);
        const k = classes[d]!;
        if (k === WORD) nb[nlen++] = d;
        else if (k === MAPPED && map1[d] !== 0) nb[nlen++] = map1[d]!;
        else break;
      }
      ne = nlen;
      oe = j;
      i = j - 1;
      continue;
    }
    if (cls === STRIP || cls === TRANSPARENT) {
      if (inTok && cls === STRIP) oe = i + len;
      i += len - 1;
      continue;
    }
    if (cls === MARK) {
      nb[nlen++] = c;
      if (len === 2) nb[nlen++] = text.charCodeAt(i + 1);
      if (inTok) {
        ne = nlen;
        oe = i + len;
      }
      i += len - 1;
      continue; // a stray mark does not start a word
    }
    let breaks = true;
    if (cls === APOS) {
      // Inside a Latin word (didn't, Zawahiri's) the apostrophe belongs to the word, as "'".
      nb[nlen++] = 0x27;
      if (inTok && oe === i && i > 0 && i + 1 < n && isLatinLetterCode(text.charCodeAt(i - 1)) && isLatinLetterCode(text.charCodeAt(i + 1))) {
        ne = nlen;
        oe = i + 1;
        continue;
      }
    } else if (cls === COMPLEX) {
      if (len === 1) m = charMapped(c);
    } else {
      // separator
      nb[nlen++] = c;
      if (len === 2) nb[nlen++] = text.charCodeAt(i + 1);
      breaks = false;
    }
    if (inTok) {
      inTok = false;
      if (pendingBreak && count > 0) sentence++;
      rec(count, ns, ne, os, oe, sentence, count > 0 && inlineGap && !pendingBreak);
      count++;
      pendingBreak = false;
      inlineGap = true;
    }
    if (cls === COMPLEX) {
      // A ligature standing for several words (ﷺ): each word spans the whole character.
      if (nlen + m.length + 64 > nb.length) {
        ensure(nlen + m.length + 2 * n + 64);
        nb = nbuf;
      }
      nb[nlen++] = 0x20;
      let p = nlen;
      for (let k = 0; k < m.length; k++) nb[nlen++] = m.charCodeAt(k);
      nb[nlen++] = 0x20;
      for (const w of m.split(' ')) {
        if (pendingBreak && count > 0) sentence++;
        rec(count, p, p + w.length, i, i + len, sentence, count > 0 && inlineGap && !pendingBreak);
        count++;
        pendingBreak = false;
        inlineGap = true;
        p += w.length + 1;
      }
    } else if (breaks) {
      inlineGap = false; // apostrophe outside a word
    } else {
      if (isSentenceBreak(c) && (c !== 0x2e || periodEndsSentence(text, i, nb, count > 0 && recOE[count - 1] === i ? recNS[count - 1]! : -1, count > 0 ? recNE[count - 1]! : -1))) {
        pendingBreak = true;
      }
      if (!isInlineSpace(c)) inlineGap = false;
    }
    i += len - 1;
  }
  if (inTok) {
    if (pendingBreak && count > 0) sentence++;
    rec(count, ns, ne, os, oe, sentence, count > 0 && inlineGap && !pendingBreak);
    count++;
  }
  if (count === 0) {
    if (into === null) return [];
    while (into.length > 0) into.pop();
    return into;
  }

  const out: Token[] = into ?? [];
  let used = 0;
  let prev: Token | undefined;
  for (let k = 0; k < count; k++) {
    const s = recNS[k]!;
    let e = recNE[k]!;
    if (e === s) continue;
    let id = internUnits(nb, s, e);
    let key = id === NO_WORD ? utf16.decode(nb.subarray(s, e)) : wordKey(id);
    const script = id === NO_WORD ? scriptOf(key) : scriptOfWord(id, key);
    const spaceBefore = prev !== undefined && recSpace[k] === 1;
    if (script === 'latin') {
      if (e - s > 2 && nb[e - 1] === 0x73 && nb[e - 2] === 0x27) {
        e -= 2; // Zawahiri's -> zawahiri
        id = internUnits(nb, s, e);
        key = id === NO_WORD ? utf16.decode(nb.subarray(s, e)) : wordKey(id);
      }
    } else if (spaceBefore && key.charCodeAt(0) === HEH && prev!.script === 'arabic' && script === 'arabic' && JOIN_SUFFIXES.has(key)) {
      // Detached Dari plural (مقام های): re-attach, as normalizeText does.
      prev!.key += key;
      prev!.id = internString(prev!.key);
      prev!.end = recOE[k]!;
      continue;
    }
    if (into === null) prev = { key, id, start: recOS[k]!, end: recOE[k]!, sentence: recSent[k]!, script, spaceBefore };
    else {
      prev = reusedTokens[used];
      if (prev === undefined) {
        prev = { key, id, start: recOS[k]!, end: recOE[k]!, sentence: recSent[k]!, script, spaceBefore };
        reusedTokens.push(prev);
      } else {
        prev.key = key;
        prev.id = id;
        prev.start = recOS[k]!;
        prev.end = recOE[k]!;
        prev.sentence = recSent[k]!;
        prev.script = script;
        prev.spaceBefore = spaceBefore;
      }
    }
    if (used < out.length) out[used] = prev;
    else out.push(prev);
    used++;
  }
  while (out.length > used) out.pop();
  return out;
}
