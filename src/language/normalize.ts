// Text normalization shared by the tagger (token keys), the store (posts.normalized_text) and FTS queries.
//
// Per character, after NFKC:
//   - invisible format marks (ZWNJ, ZWJ, ZWSP, LRM/RLM, bidi embeddings, BOM, soft hyphen, variation
//     selectors) are REMOVED, so a Dari word split by ZWNJ joins up: مقام‌های == مقامهای, می‌گویند == میگویند;
//   - Arabic harakat, superscript alef, Quranic marks, tatweel and Latin combining accents are removed;
//   - letters are folded: ي ى ې ۍ ئ ے ێ → ی, ك ڪ → ک, ګ → گ, ة ۃ ۀ ہ ھ ە → ه, أ إ آ ٱ → ا, ؤ → و,
//     standalone ء removed, Urdu-keyboard ٹ ڈ ڑ ں → ټ ډ ړ ن, Arabic-Indic digits → ASCII;
//   - Latin (and other cased scripts) are lower-cased and accent-stripped (é → e).
// Then Dari plural suffixes typed as a separate word (مقام های, کشور ها) are re-attached to the word
// before, so the ZWNJ, no-ZWNJ and space spellings give the same word. Verbal prefixes typed with a
// space (می گویند) stay two words here because folded Pashto مې ("my") looks the same; the tagger joins
// them only when the joined word is a lexicon entry.

/** Character classes of the per-character pipeline (numbers for a compact table). */
export const SEP = 1; // separator: punctuation, space, symbol, emoji
export const WORD = 2; // word character kept as is
export const MAPPED = 3; // word character replaced by mapped[c] (may be '')
export const TRANSPARENT = 4; // invisible: removed, does not break a word (ZWNJ, bidi marks)
export const STRIP = 5; // attached mark removed from the key (harakat, tatweel, accents)
export const MARK = 6; // other combining mark, kept
export const APOS = 7; // apostrophe: kept inside Latin words (didn't), else a separator
export const COMPLEX = 8; // NFKC expands to several words (ﷺ): mapped[c] holds them, space-separated

/** Private-use placeholders the lexicon compiler uses for glob '*' and '?'; plain word characters here. */
export const GLOB_STAR = '\uE000';
export const GLOB_ONE = '\uE001';

const FOLD: Record<string, string> = {};
function fold(chars: string, to: string): void {
  for (const c of chars) FOLD[c] = to;
}
fold('\u064A\u0649\u06D0\u06CD\u0626\u06D2\u06CE\u06D3', '\u06CC'); // ي ى ې ۍ ئ ے ێ ۓ → ی
fold('\u0643\u06AA', '\u06A9'); // ك ڪ → ک
fold('\u06AB', '\u06AF'); // Pashto ګ → گ
fold('\u0629\u06C3\u06C0\u06C1\u06BE\u06D5\u06C2', '\u0647'); // ة ۃ ۀ ہ ھ ە ۂ → ه
fold('\u0623\u0625\u0622\u0671\u0672\u0673', '\u0627'); // أ إ آ ٱ ٲ ٳ → ا
fold('\u0624', '\u0648'); // ؤ → و
fold('\u0621', ''); // standalone hamza
FOLD['\u0679'] = '\u067C'; // ٹ → ټ
FOLD['\u0688'] = '\u0689'; // ڈ → ډ
FOLD['\u0691'] = '\u0693'; // ڑ → ړ
FOLD['\u06BA'] = '\u0646'; // ں → ن
for (let d = 0; d < 10; d++) {
  FOLD[String.fromCharCode(0x0660 + d)] = String(d);
  FOLD[String.fromCharCode(0x06f0 + d)] = String(d);
}

function isTransparent(cp: number): boolean {
  return (
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x2064) ||
    (cp >= 0x2066 && cp <= 0x2069) ||
    cp === 0xfeff ||
    cp === 0x00ad ||
    cp === 0x034f ||
    cp === 0x061c ||
    cp === 0x180e ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    (cp >= 0xe0100 && cp <= 0xe01ef)
  );
}

/** Marks removed from keys: they sit on a letter, so they belong to the word's span. */
export function isStripMark(cp: number): boolean {
  return (
    cp === 0x0640 || // tatweel
    (cp >= 0x0300 && cp <= 0x036f) ||
    (cp >= 0x0610 && cp <= 0x061a) ||
    (cp >= 0x064b && cp <= 0x065f) ||
    cp === 0x0670 ||
    (cp >= 0x06d6 && cp <= 0x06dc) ||
    (cp >= 0x06df && cp <= 0x06e8) ||
    (cp >= 0x06ea && cp <= 0x06ed) ||
    (cp >= 0x08d3 && cp <= 0x08e1) ||
    (cp >= 0x08e3 && cp <= 0x08ff) ||
    (cp >= 0x1ab0 && cp <= 0x1aff) ||
    (cp >= 0x1dc0 && cp <= 0x1dff) ||
    (cp >= 0x20d0 && cp <= 0x20ff) ||
    (cp >= 0xfe20 && cp <= 0xfe2f)
  );
}

const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;
const ANY_MARK = /^\p{M}$/u;
const STRIP_MARKS = /[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670]/g;

/** Fold one NFKC-stable letter or digit. */
function foldLetter(c: string): string {
  const direct = FOLD[c];
  if (direct !== undefined) return direct;
  const cp = c.codePointAt(0) ?? 0;
  const lower = c.toLowerCase();
  // Decompose Latin/Greek/Cyrillic/Arabic to drop accents and hamza-above (é → e, ئ → ی).
  if (cp < 0x0800 || (cp >= 0x1e00 && cp <= 0x1fff)) {
    const d = lower.normalize('NFD').replace(STRIP_MARKS, '');
    let out = '';
    for (const x of d) out += FOLD[x] ?? x;
    return out;
  }
  return lower;
}

/** [class, mapped] of one NFKC-stable code point. */
function classifyStable(ch: string, cp: number): [number, string] {
  if (isTransparent(cp)) return [TRANSPARENT, ''];
  if (isStripMark(cp)) return [STRIP, ''];
  if (cp === 0x27 || cp === 0x2019 || cp === 0x02bc) return [APOS, "'"];
  if (cp === 0xe000 || cp === 0xe001) return [WORD, ch];
  if (LETTER_OR_NUMBER.test(ch)) {
    const m = foldLetter(ch);
    return m === ch ? [WORD, ch] : [MAPPED, m];
  }
  if (ANY_MARK.test(ch)) return [MARK, ch];
  return [SEP, ch];
}

/** Classify any code point, expanding NFKC compatibility forms (presentation forms, ligatures). */
export function classifyCodePoint(cp: number): [number, string] {
  const ch = String.fromCodePoint(cp);
  if (isTransparent(cp)) return [TRANSPARENT, ''];
  if (isStripMark(cp)) return [STRIP, ''];
  const n = ch.normalize('NFKC');
  if (n === ch) return classifyStable(ch, cp);
  let out = '';
  let words = 0;
  let inWord = false;
  for (const x of n) {
    const xcp = x.codePointAt(0) ?? 0;
    const [k, m] = classifyStable(x, xcp);
    if (k === SEP || k === APOS) {
      if (inWord) out += ' ';
      inWord = false;
    } else if (k === WORD || k === MAPPED || k === MARK) {
      if (m === '') continue;
      if (!inWord) words++;
      inWord = true;
      out += m;
    }
  }
  out = out.trim();
  if (out === '') return n.trim() === '' || /^[\p{M}\u0640]+$/u.test(n.trim()) ? [STRIP, ''] : [SEP, ' '];
  if (words > 1 || out.includes(' ')) return [COMPLEX, out];
  return [MAPPED, out];
}

// Lazy tables: BMP in typed arrays, astral code points in a map.
/** Class per BMP code unit, 0 = not computed yet (see charClass). Read directly in hot loops. */
export const bmpClass = new Uint8Array(0x10000);
// Mapped strings: ASCII's until the first other code unit is classified, then the whole BMP's (an
// array of 65,536 takes 2 ms to allocate, which English text then never pays for).
let bmpMapped: string[] = new Array<string>(0x80);
/** For MAPPED code units mapped to exactly one code unit: that unit; else 0. Read directly in hot loops. */
export const bmpMap1 = new Uint16Array(0x10000);
const astral = new Map<number, [number, string]>();

/** Class of the BMP code unit c (not a surrogate). */
export function charClass(c: number): number {
  const k = bmpClass[c]!;
  if (k !== 0) return k;
  const [cls, m] = classifyCodePoint(c);
  bmpClass[c] = cls;
  if (c >= bmpMapped.length) {
    const all = new Array<string>(0x10000);
    for (let i = 0; i < bmpMapped.length; i++) all[i] = bmpMapped[i]!;
    bmpMapped = all;
  }
  bmpMapped[c] = m;
  if (cls === MAPPED && m.length === 1) bmpMap1[c] = m.charCodeAt(0);
  return cls;
}

/** Mapped string of a BMP code unit whose class was computed. */
export function charMapped(c: number): string {
  return bmpMapped[c] ?? '';
}

export function astralInfo(cp: number): [number, string] {
  let v = astral.get(cp);
  if (v === undefined) {
    v = classifyCodePoint(cp);
    astral.set(cp, v);
  }
  return v;
}

// ASCII, filled directly with the classes classifyCodePoint gives it (test/language/normalize.test.ts
// checks each): its Unicode-property RegExps take milliseconds to compile, which English text then
// never pays for.
for (let c = 0; c < 128; c++) {
  const upper = c >= 0x41 && c <= 0x5a;
  const cls = c === 0x27 ? APOS : (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) ? WORD : upper ? MAPPED : SEP;
  bmpClass[c] = cls;
  bmpMapped[c] = String.fromCharCode(upper ? c + 0x20 : c);
  if (upper) bmpMap1[c] = c + 0x20;
}

/** Detached Dari plural suffixes (after folding) that are re-attached to the previous Arabic-script word. */
export const JOIN_SUFFIXES: ReadonlySet<string> = new Set(
  ['ها', 'های', 'هایی', 'هایم', 'هایت', 'هایش', 'هایمان', 'هایتان', 'هایشان'].map((s) => s.replace(/ي/g, 'ی')),
);

export function isArabicScriptCode(c: number): boolean {
  return (c >= 0x0600 && c <= 0x06ff) || (c >= 0x0750 && c <= 0x077f) || (c >= 0x08a0 && c <= 0x08ff);
}

/** Inline whitespace (not a line break): a detached suffix may sit after it. */
export function isInlineSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0xa0 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x3000;
}

const SUFFIX_ALT = [...JOIN_SUFFIXES].sort((a, b) => b.length - a.length).join('|');
// Built on first use: a RegExp of Unicode properties takes about a millisecond to construct.
let rejoin: RegExp | null = null;
const rejoinRegExp = (): RegExp =>
  (rejoin ??= new RegExp(`(?<=\\p{L})(?<=\\p{Script=Arabic})[ \\t]+(?=(?:${SUFFIX_ALT})(?![\\p{L}\\p{M}\\p{N}]))`, 'gu'));

/**
 * Normalized form stored with each post and indexed by FTS; also applied to FTS queries.
 * Idempotent; keeps word separation (punctuation and spaces stay where they were).
 */
export function normalizeText(text: string): string {
  const s = text.normalize('NFKC');
  let out = '';
  let run = 0; // start of the current run of unchanged characters
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let cls: number;
    let m: string;
    let len = 1;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const cp = s.codePointAt(i) ?? c;
      [cls, m] = astralInfo(cp);
      len = 2;
      if (cls === WORD || cls === MARK || cls === SEP) {
        i++;
        continue;
      }
    } else {
      cls = charClass(c);
      if (cls === WORD || cls === MARK || cls === SEP) continue;
      m = charMapped(c);
    }
    out += s.slice(run, i) + m;
    run = i + len;
    i += len - 1;
  }
  out = run === 0 ? s : out + s.slice(run);
  return out.includes(' ها') || out.includes('\tها') ? out.replace(rejoinRegExp(), '') : out;
}

/** Normalized key of a single word (what the tokenizer would produce for it). */
export function normalizeWord(word: string): string {
  return normalizeText(word).trim();
}
