// Script of a text and the letters that single out one Arabic-script language.

export type Script = 'arabic' | 'latin' | 'cyrillic' | 'devanagari' | 'other';

export interface ScriptCounts {
  arabic: number;
  latin: number;
  cyrillic: number;
  devanagari: number;
  other: number;
  /** Name of the most frequent "other" script, e.g. "han", for the reason string. */
  otherName: string;
}

const OTHER_SCRIPTS: ReadonlyArray<[string, RegExp]> = [
  ['han', /\p{Script=Han}/u],
  ['hebrew', /\p{Script=Hebrew}/u],
  ['greek', /\p{Script=Greek}/u],
  ['armenian', /\p{Script=Armenian}/u],
  ['georgian', /\p{Script=Georgian}/u],
  ['thai', /\p{Script=Thai}/u],
  ['hangul', /\p{Script=Hangul}/u],
  ['kana', /[\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ['bengali', /\p{Script=Bengali}/u],
  ['gurmukhi', /\p{Script=Gurmukhi}/u],
  ['tamil', /\p{Script=Tamil}/u],
  ['ethiopic', /\p{Script=Ethiopic}/u],
];

function isArabicLetter(c: number): boolean {
  return (c >= 0x0620 && c <= 0x064a) || (c >= 0x066e && c <= 0x06d5 && c !== 0x06d4 && c !== 0x0670) || c === 0x06ee || c === 0x06ef || c >= 0x06fa && c <= 0x06ff
    || (c >= 0x0750 && c <= 0x077f) || (c >= 0x08a0 && c <= 0x08ff) || (c >= 0xfb50 && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfeff);
}

/** Count letters per script (marks, digits, punctuation ignored). */
export function countScripts(text: string): ScriptCounts {
  const counts: ScriptCounts = { arabic: 0, latin: 0, cyrillic: 0, devanagari: 0, other: 0, otherName: 'other' };
  const others = new Map<string, number>();
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) counts.latin++;
    else if (c < 0xc0) continue;
    else if (c >= 0x0600 && c <= 0x06ff ? isArabicLetter(c) : c >= 0x0750 && isArabicLetter(c)) counts.arabic++;
    else if (c >= 0x0400 && c <= 0x052f) counts.cyrillic++;
    else if (c >= 0x0900 && c <= 0x097f) { if (/\p{L}/u.test(ch)) counts.devanagari++; }
    else if (/\p{L}/u.test(ch)) {
      if (/\p{Script=Latin}/u.test(ch)) { counts.latin++; continue; }
      counts.other++;
      const name = OTHER_SCRIPTS.find(([, re]) => re.test(ch))?.[0] ?? 'other';
      others.set(name, (others.get(name) ?? 0) + 1);
    }
  }
  let best = 0;
  for (const [name, n] of others) if (n > best) { best = n; counts.otherName = name; }
  return counts;
}

/** The script with most letters, or null when the text has no letters at all. */
export function dominantScript(c: ScriptCounts): Script | null {
  const entries: Array<[Script, number]> = [['arabic', c.arabic], ['latin', c.latin], ['cyrillic', c.cyrillic], ['devanagari', c.devanagari], ['other', c.other]];
  let best: [Script, number] = ['other', 0];
  for (const e of entries) if (e[1] > best[1]) best = e;
  return best[1] === 0 ? null : best[0];
}

// Per-letter feature bits for the Arabic block (U+0600..U+06FF).
export const F_PUS = 1; //   Pashto-only letters
export const F_URD = 2; //   Urdu / Punjabi (Shahmukhi) letters
export const F_SND = 4; //   Sindhi letters
export const F_CKB = 8; //   Sorani Kurdish letters
export const F_UIG = 16; //  Uyghur letters
export const F_FA = 32; //   Persian-keyboard letters (also used by Pashto and Urdu, never by Arabic)
export const F_AR = 64; //   Arabic ك / ي
export const F_TA = 128; //  ة, Arabic only
export const F_HEH_DO = 256; // ھ alone: Urdu, but also Kurdish, Uyghur and some Afghan typists' h

const TABLE = new Uint16Array(0x100);
function mark(letters: string, bit: number): void {
  for (const ch of letters) {
    const c = ch.codePointAt(0) ?? 0;
    if (c >= 0x0600 && c <= 0x06ff) TABLE[c - 0x0600] = (TABLE[c - 0x0600] ?? 0) | bit;
  }
}
// ې (U+06D0) is Pashto but also Uyghur; Uyghur texts carry ۇ ۈ ۋ ە in far greater number, so it stays Pashto.
mark('ټډړږښګڼۍځڅې', F_PUS);
mark('ٹڈڑںہےۓ', F_URD);
mark('ھ', F_HEH_DO);
mark('ڪٿڳڏٻڄڱڙٽڊڃڇڦڻڍڌ۾ٺڀ', F_SND);
mark('ێڵۆڕە', F_CKB);
mark('ۇۈۋە', F_UIG);
mark('یکگپچژ', F_FA);
mark('يك', F_AR);
mark('ة', F_TA);

/** Feature bits of one UTF-16 code unit (0 outside U+0600..U+06FF). */
export function arabicCharFeatures(c: number): number {
  return c >= 0x0600 && c <= 0x06ff ? TABLE[c - 0x0600] ?? 0 : 0;
}

/** OR of the feature bits of every letter in a word. */
export function arabicLetterFeatures(word: string): number {
  let f = 0;
  for (let i = 0; i < word.length; i++) f |= arabicCharFeatures(word.charCodeAt(i));
  return f;
}

// Code units of the Arabic block that are not part of words: digits, punctuation, signs.
const NON_WORD = new Uint8Array(0x100);
for (const [from, to] of [[0x0600, 0x060f], [0x061b, 0x061f], [0x0660, 0x066d], [0x06d4, 0x06d4], [0x06dd, 0x06de], [0x06e9, 0x06e9], [0x06f0, 0x06f9], [0x06ff, 0x06ff]] as const) {
  for (let c = from; c <= to; c++) NON_WORD[c - 0x0600] = 1;
}
const LETTER_OR_MARK = /[\p{L}\p{M}]/u;

function isWordUnit(c: number): boolean {
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
  if (c >= 0x0600 && c <= 0x06ff) return NON_WORD[c - 0x0600] === 0;
  if (c < 0xc0 || (c >= 0xd800 && c <= 0xdfff) || c === 0x200c || c === 0x200d) return false;
  return LETTER_OR_MARK.test(String.fromCharCode(c));
}

/** Words of a text: runs of letters and combining marks. ZWNJ splits, so "می‌گوید" gives "می", "گوید". */
export function wordsOf(text: string): string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const inWord = i < text.length && isWordUnit(text.charCodeAt(i));
    if (inWord && start < 0) start = i;
    else if (!inWord && start >= 0) { out.push(text.slice(start, i)); start = -1; }
  }
  return out;
}
