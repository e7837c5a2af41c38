// Language identification for Dari/Persian, Pashto, Arabic and English; everything else is 'und'.
// Script and function-word evidence decide first (cheap, and right on short posts); franc, with its
// candidates restricted to the script at hand, is consulted only when that evidence is not decisive.
import { createRequire } from 'node:module';
import type { DetectResult, Lang, TargetLang } from '../types.js';
import { cleanForDetect } from './clean-for-detect.js';
import {
  ARABIC_SCRIPT_FUNCTION_WORDS,
  ENGLISH_WORDS,
  LATIN_OTHER_WORDS,
  foldArabicWord,
  type ArabicScriptLang,
} from './function-words.js';
import {
  F_AR, F_CKB, F_FA, F_HEH_DO, F_PUS, F_SND, F_TA, F_UIG, F_URD,
  arabicCharFeatures, countScripts, dominantScript, wordsOf,
} from './script-evidence.js';

// franc builds the trigram tables of all its ~400 languages when it loads: about 50 ms, and as much
// again in garbage collection, at the start of every process. Script and function words decide most
// texts without it (of 813 dev and demo lines, 56 needed it), so it is loaded at the first text that
// does. It is an ES module: require() loads it synchronously (Node >= 20.19 and >= 22.12).
const loadModule = createRequire(import.meta.url);
let francLib: typeof import('franc') | null = null;
const francModule = (): typeof import('franc') => (francLib ??= loadModule('franc') as typeof import('franc'));

/** franc candidates per script: every Arabic-script language franc knows, a broad Latin set. */
const ARABIC_FRANC = ['arb', 'pes', 'prs', 'pbu', 'urd', 'skr', 'uig', 'zlm'];
const LATIN_FRANC = [
  'eng', 'sco', 'nds', 'fra', 'deu', 'nld', 'afr', 'spa', 'por', 'cat', 'glg', 'ita', 'ron', 'ind', 'zlm', 'jav',
  'sun', 'tgl', 'ceb', 'tur', 'azj', 'uzn', 'tuk', 'pol', 'ces', 'slk', 'hrv', 'bos', 'srp', 'slv', 'hun', 'fin',
  'ekk', 'lvs', 'lit', 'swe', 'dan', 'nob', 'nno', 'vie', 'swh', 'som', 'hau', 'yor', 'ibo', 'zul', 'xho', 'epo',
  'hat', 'ckb', 'uig', 'als', 'mad', 'min',
];
const FRANC_TO_TARGET: Readonly<Record<string, TargetLang>> = { arb: 'arb', pes: 'prs', prs: 'prs', pbu: 'pus', eng: 'eng' };

const ARABIC_TARGETS = ['prs', 'pus', 'arb'] as const;
type TargetLangArabic = (typeof ARABIC_TARGETS)[number];
const OTHERS = ['urd', 'snd', 'ckb', 'uig'] as const;
const OTHER_NAMES: Record<(typeof OTHERS)[number], string> = { urd: 'urdu', snd: 'sindhi', ckb: 'kurdish', uig: 'uyghur' };
const TARGET_NAMES: Record<TargetLangArabic, [letters: string, words: string]> = {
  prs: ['script:persian-letters', 'words:dari'],
  pus: ['script:pashto-letters', 'words:pashto'],
  arb: ['script:arabic-letters', 'words:arabic'],
};

type Scores = Record<ArabicScriptLang, number>;
const zero = (): Scores => ({ prs: 0, pus: 0, arb: 0, urd: 0, snd: 0, ckb: 0, uig: 0 });

const MI_ARABIC_YEH: ReadonlyArray<readonly [ArabicScriptLang, number]> = [['prs', 0.4], ['pus', 0.4]];
const AL_PREFIX = /^(?:[وبفکل]?ال|لل)../;

/** Letter and word evidence for each Arabic-script language. */
export function arabicScriptEvidence(clean: string): { letters: Scores; words: Scores; tokens: number } {
  const letters = zero();
  const words = zero();
  let tokens = 0;
  let faTokens = 0;
  for (const tok of wordsOf(clean)) {
    // One pass over the word: letter features, vowel marks, and whether folding would change it.
    let f = 0;
    let marks = 0;
    let arabic = false;
    let needsFold = false;
    for (let i = 0; i < tok.length; i++) {
      const c = tok.charCodeAt(i);
      if (c < 0x0600 || c > 0x06ff) continue;
      arabic = true;
      f |= arabicCharFeatures(c);
      if (c >= 0x064b && c <= 0x0652) marks++;
      if (c === 0x064a || c === 0x0643 || c === 0x06c0 || c === 0x0640 || c === 0x0670 || (c >= 0x0610 && c <= 0x061a)
        || (c >= 0x064b && c <= 0x065f) || (c >= 0x06d6 && c <= 0x06ed)) needsFold = true;
    }
    if (!arabic) continue;
    tokens++;
    // Fully vocalised words are scripture quoted inside a Pashto or Dari post: they count little.
    const w = marks >= 2 ? 0.3 : 1;
    if (f & F_PUS) letters.pus += w;
    if (f & F_URD) letters.urd += w;
    else if (f & F_HEH_DO) letters.urd += 0.3 * w;
    if (f & F_SND) letters.snd += w;
    if (f & F_CKB) letters.ckb += w;
    if (f & F_UIG) letters.uig += w;
    if (f & F_FA) { letters.prs += 0.3 * w; faTokens++; }
    else if (f & F_AR) letters.arb += 0.2 * w;
    if (f & F_TA) letters.arb += 0.5 * w;
    // ى ends Arabic words; inside a word it is the Uyghur (and Kazakh) letter i.
    const yaa = tok.indexOf('ى');
    if (yaa >= 0 && yaa < tok.length - 1) letters.uig += w;
    else if (yaa >= 0 && !(f & F_UIG)) letters.arb += 0.3 * w;

    const folded = needsFold ? foldArabicWord(tok) : tok;
    // "مي" with Arabic yeh is both Dari typed on an Arabic keyboard and an old Pashto spelling of "مې".
    const entry = tok === 'مي' ? MI_ARABIC_YEH : ARABIC_SCRIPT_FUNCTION_WORDS.get(folded);
    if (entry) {
      for (const [lang, weight] of entry) words[lang] += weight * w;
    } else if (folded.length >= 4 && AL_PREFIX.test(folded) && folded !== 'الله') {
      words.arb += 0.5 * w; // Arabic definite article
    } else if (folded.length >= 5 && tok.startsWith('می')) {
      words.prs += 0.4 * w; // Persian verb prefix written without ZWNJ (میگویند)
    } else if (folded.length >= 5 && folded.endsWith('های')) {
      words.prs += 0.5 * w; // Persian plural + ezafe written without ZWNJ (مقامهای)
    } else if (folded.length >= 5 && (folded.endsWith('انو') || folded.endsWith('ونو'))) {
      words.pus += 0.5 * w; // Pashto oblique plural (طالبانو, کلونو)
    } else if (folded.length >= 4 && folded.startsWith('وو')) {
      words.pus += 0.5 * w; // Pashto perfective prefix و- on a verb starting with و (وویل, ووژل)
    }
  }
  // Pashto and Urdu put their own letters in a good share of words; Persian-keyboard letters
  // over several words with none of them (and none of their function words) point to Persian.
  if (faTokens >= 2 && letters.pus + letters.urd + letters.snd + letters.ckb + letters.uig === 0 && words.pus < 1 && words.urd < 0.5) {
    letters.prs += Math.min(1, 0.1 * tokens);
  }
  return { letters, words, tokens };
}

function confidenceOf(top: number, second: number): number {
  const c = 0.5 + 0.5 * ((top - second) / top) * Math.min(1, top / 4);
  return Math.round(Math.min(0.99, c) * 100) / 100;
}

function francGuess(clean: string, only?: string[]): string {
  return francModule().franc(clean, only ? { only, minLength: 3 } : { minLength: 3 });
}

function und(reason: string, guess = 'und', confidence = 0): DetectResult {
  return { lang: 'und', guess, confidence, reason };
}

function ranked(s: Scores, langs: readonly ArabicScriptLang[]): [ArabicScriptLang, ArabicScriptLang] {
  const sorted = [...langs].sort((a, b) => s[b] - s[a]);
  return [sorted[0] ?? 'prs', sorted[1] ?? 'pus'];
}

function detectArabicScript(clean: string, hint: Lang | undefined): DetectResult {
  const { letters, words, tokens } = arabicScriptEvidence(clean);
  const s = zero();
  for (const k of Object.keys(s) as ArabicScriptLang[]) s[k] = letters[k] + words[k];
  const [top, second] = ranked(s, ARABIC_TARGETS);
  const [other] = ranked(s, OTHERS);

  // Urdu, Sindhi, Sorani, Uyghur: their own letters outweigh every target.
  if (s[other] >= 1 && s[other] > s[top]) {
    const name = OTHER_NAMES[other as (typeof OTHERS)[number]];
    return und(letters[other] >= words[other] ? `script:${name}-letters` : `words:${name}`, francGuess(clean), confidenceOf(s[other], s[top]));
  }
  const clear = (a: number, b: number): boolean => a >= 1 && a >= 1.6 * b && a - b >= 0.7;
  if (clear(s[top], s[second])) {
    const [byLetters, byWords] = TARGET_NAMES[top as TargetLangArabic];
    return { lang: top as TargetLangArabic, guess: 'und', confidence: confidenceOf(s[top], s[second]), reason: letters[top] >= words[top] ? byLetters : byWords };
  }
  // Not decisive: the channel's language decides unless the text speaks against it.
  if (hint === 'prs' || hint === 'pus' || hint === 'arb') {
    if (s[top] < 1 || s[hint] >= 0.5 * s[top]) return { lang: hint, guess: 'und', confidence: 0.4, reason: 'hint' };
  }
  const guess = francGuess(clean, ARABIC_FRANC);
  const mapped = FRANC_TO_TARGET[guess];
  if (mapped && mapped !== 'eng') {
    s[mapped] += 1;
    const [top2, second2] = ranked(s, ARABIC_TARGETS);
    if (top2 === mapped && s[top2] >= 1.5 * s[second2] && tokens >= 2) {
      return { lang: mapped, guess, confidence: Math.min(0.6, confidenceOf(s[top2], s[second2])), reason: 'franc' };
    }
  } else if (guess !== 'und' && s[top] < 1 && (guess !== 'urd' || letters.urd > 0)) {
    // franc sees Saraiki, Uyghur... and nothing points to a target (Urdu needs at least one Urdu letter).
    return und('franc', guess, 0.3);
  }
  return und(tokens < 4 ? 'too-short' : 'ambiguous', guess);
}
function detectLatin(clean: string, hint: Lang | undefined): DetectResult {
  const tokens: string[] = [];
  for (const raw of clean.toLowerCase().replace(/’/g, "'").split(/[^\p{L}\p{M}']+/u)) {
    const t = raw.replace(/^'+|'+$/g, '');
    if (t && /\p{Script=Latin}/u.test(t)) tokens.push(t);
  }
  const n = tokens.length;
  let eng = 0;
  let nonAscii = 0;
  let engShared = 0;
  // Foreign function words: all hits, and weighted hits where words English shares ("in", "was", "also") count half.
  const other = new Map<string, number>();
  const otherWeighted = new Map<string, number>();
  for (const t of tokens) {
    const english = ENGLISH_WORDS.has(t);
    if (english) eng++;
    if (/[^a-z']/.test(t)) nonAscii++;
    let shared = false;
    for (const [lang, set] of LATIN_OTHER_WORDS) {
      if (!set.has(t)) continue;
      shared = english;
      other.set(lang, (other.get(lang) ?? 0) + 1);
      otherWeighted.set(lang, (otherWeighted.get(lang) ?? 0) + (english ? 0.5 : 1));
    }
    if (shared) engShared++;
  }
  const otherMax = Math.max(0, ...other.values());
  const otherWeightedMax = Math.max(0, ...otherWeighted.values());
  const engWeighted = eng - 0.5 * engShared;
  const letterCount = tokens.reduce((a, t) => a + t.length, 0);
  if (letterCount < 3) return hint === 'eng' ? { lang: 'eng', guess: 'und', confidence: 0.3, reason: 'hint' } : und('too-short');

  // Plenty of English function words and nothing foreign: no need for franc.
  if (eng >= 3 && eng >= 0.3 * n && eng >= 3 * otherMax && nonAscii === 0) {
    return { lang: 'eng', guess: 'und', confidence: confidenceOf(eng, 0), reason: 'words:english' };
  }
  const ranking = francModule().francAll(clean, { only: LATIN_FRANC, minLength: 3 });
  const guess = ranking[0]?.[0] ?? 'und';
  if (guess === 'eng' && eng >= otherMax) return { lang: 'eng', guess, confidence: eng > 0 ? 0.8 : 0.6, reason: 'franc' };
  // franc often calls English Scots or Low German; strong English word evidence overrules it.
  if (engWeighted >= 1.5 && engWeighted >= 2 * otherWeightedMax + 0.5 && eng >= 0.2 * n && nonAscii <= 0.1 * n) {
    return { lang: 'eng', guess, confidence: 0.7, reason: 'words:english' };
  }
  // Short English: franc's English score is close behind its pick and English words, only English words, occur.
  const engScore = ranking.find(([code]) => code === 'eng')?.[1] ?? 0;
  if (engScore >= 0.8 && eng >= 1 && otherWeightedMax <= 0.5 * engShared && nonAscii === 0) {
    return { lang: 'eng', guess, confidence: 0.55, reason: 'franc+words:english' };
  }
  if (hint === 'eng' && eng >= otherMax && nonAscii === 0 && n <= 6) return { lang: 'eng', guess, confidence: 0.4, reason: 'hint' };
  return n < 3 ? und('too-short', guess) : und('franc', guess, 0.5);
}

/** Detect the language of one post. `hint` is the channel's configured language; it decides only ambiguous texts. */
export function detectLanguage(text: string, hint?: Lang): DetectResult {
  const clean = cleanForDetect(text);
  const script = dominantScript(countScripts(clean));
  if (script === null) return und('no-letters');
  if (script === 'arabic') return detectArabicScript(clean, hint);
  if (script === 'latin') return detectLatin(clean, hint);
  // Cyrillic (Russian, Tajik), Devanagari (Hindi) and the rest are never a target language.
  return und(`other-script:${script === 'other' ? countScripts(clean).otherName : script}`, francGuess(clean), 0.9);
}
