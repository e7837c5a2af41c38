// Matching words against the compiled lexicon: what each word can start (memoized per word), and one
// pass over a post's tokens that reports every pattern occurrence.
//
// Speed matters here (every post is tagged at ingest and again at reclassify), so what can be worked
// out once per distinct word is: the patterns its first element matches (as written, or through the
// word's base forms), split into single-word patterns, phrases keyed by their second word, and the
// concepts the word alone stands for (closure applied, only concepts some frame uses). A post then
// costs one memo lookup per word plus the phrases that really continue.
import type { Token } from '../language/tokenize.js';
import { NO_WORD } from '../language/word-table.js';
import type { Lang } from '../types.js';
import { fnv1a } from '../util/fnv1a.js';
import {
  KIND_CONCEPT,
  KIND_CUE,
  KIND_NEG_BEFORE,
  KIND_REP_IGNORE,
  NO_PATTERNS,
  candidatesFor,
  exactCandidates,
  type CPattern,
  type CompiledLexicon,
} from './compile.js';
import { baseForms, mayBeInflected, weakBaseForms } from './morphology.js';
import { elementMatches } from './pattern.js';
import { tokenStem } from './stem.js';

export interface Match {
  pat: CPattern;
  /** Token range [ti, tj). */
  ti: number;
  tj: number;
  /** Offsets into the original text. */
  start: number;
  end: number;
}

/** Verbal prefixes Dari writers often detach (می گویند): joined when the joined word is an entry. */
const PREFIX_WORDS = new Set(['می', 'نمی']);
/** Suffixes written apart that are joined only when the joined word is an entry (کشور تان, بزرگ ترین). */
const LOOSE_SUFFIXES = new Set(['ای', 'ام', 'ات', 'اش', 'شان', 'مان', 'تان', 'تر', 'ترین']);
/** First letters of the loose suffixes (ا ش م ت): a cheap test before the set lookup. */
function looseFirst(c: number): boolean {
  return c === 0x0627 || c === 0x0634 || c === 0x0645 || c === 0x062a;
}

const MAX_MEMO = 100_000;

export function isCueKind(k: number): boolean {
  return k >= KIND_NEG_BEFORE && k <= KIND_REP_IGNORE;
}

export function langApplies(p: CPattern, lang: Lang): boolean {
  if (p.kind <= KIND_CUE || p.kind === KIND_CONCEPT) return !p.strict || p.lang === lang;
  // Negation/reporting cues: the post's language (an English cue only meets Latin words anyway).
  return p.lang === 'any' || p.lang === 'eng' || p.lang === lang || lang === 'und' || lang === 'eng';
}

/** The post languages, each with its own word entries (an entry holds only patterns for its language). */
const LANGS: readonly Lang[] = ['prs', 'pus', 'arb', 'eng', 'und'];
const LANG_INDEX: Readonly<Record<Lang, number>> = { prs: 0, pus: 1, arb: 2, eng: 3, und: 4 };

/** Per compiled lexicon: memos of word candidates and base forms ([other langs, arb]) and entries (by language). */
interface Memo {
  cands: [Map<string, CPattern[]>, Map<string, CPattern[]>];
  forms: [Map<string, string[]>, Map<string, string[]>];
  formsById: [(string[] | undefined)[], (string[] | undefined)[]];
  /** Word id → nextMask ([other, arb]; 0: not worked out). */
  nextMaskById: [Int32Array, Int32Array];
  /** Candidate list → its entry, per language of the post (LANG_INDEX). */
  entries: WeakMap<CPattern[], WordEntry>[];
  /** Word id (word-table.ts) → its entry, per post language: one array read per token. */
  byId: (WordEntry | undefined)[][];
  /** The same for words the word table had no room for, by string. */
  words: Map<string, WordEntry>[];
}

const memos = new WeakMap<CompiledLexicon, Memo>();

function memo(c: CompiledLexicon): Memo {
  let m = memos.get(c);
  if (m === undefined) {
    m = { cands: [new Map(), new Map()], forms: [new Map(), new Map()], formsById: [[], []], nextMaskById: [new Int32Array(0), new Int32Array(0)], entries: LANGS.map(() => new WeakMap()), byId: LANGS.map(() => []), words: LANGS.map(() => new Map()) };
    memos.set(c, m);
  }
  return m;
}

/**
 * Patterns whose first element matches an Arabic-script word as written or through one of its base
 * forms. Negation and reporting cues are closed-class words: they count only as written, so a cue
 * reached through a base form is left out.
 */
function arabicCandidates(c: CompiledLexicon, m: Memo, key: string, arabic: boolean): CPattern[] {
  const cache = m.cands[arabic ? 1 : 0];
  let r = cache.get(key);
  if (r !== undefined) return r;
  const direct = candidatesFor(c, key);
  let found: CPattern[] | null = null;
  if (mayBeInflected(key)) {
    for (const form of baseForms(key, arabic)) {
      const list = candidatesFor(c, form);
      if (list.length === 0) continue;
      found ??= [...direct];
      for (const p of list) if (!isCueKind(p.kind) && !found.includes(p)) found.push(p);
    }
    for (const form of weakBaseForms(key)) {
      for (const p of candidatesFor(c, form)) {
        if (p.kind !== KIND_CONCEPT || p.elements.length !== 1) continue;
        found ??= [...direct];
        if (!found.includes(p)) found.push(p);
      }
    }
  }
  r = found ?? direct;
  if (cache.size >= MAX_MEMO) cache.clear();
  cache.set(key, r);
  return r;
}

/** The token's word and its base forms, for phrase elements after the first (by word id when it has one). */
function tokenForms(m: Memo, t: Token, arabic: boolean): string[] {
  if (t.id === NO_WORD) return wordForms(m, t.key, arabic);
  const byId = m.formsById[arabic ? 1 : 0];
  let r = byId[t.id];
  if (r === undefined) {
    r = formsOf(t.key, arabic);
    while (byId.length <= t.id) byId.push(undefined);
    byId[t.id] = r;
  }
  return r;
}

function formsOf(key: string, arabic: boolean): string[] {
  return mayBeInflected(key) ? [key, ...baseForms(key, arabic)] : [key];
}

function wordForms(m: Memo, key: string, arabic: boolean): string[] {
  const cache = m.forms[arabic ? 1 : 0];
  let r = cache.get(key);
  if (r === undefined) {
    r = formsOf(key, arabic);
    if (cache.size >= MAX_MEMO) cache.clear();
    cache.set(key, r);
  }
  return r;
}

function tokenMatches(m: Memo, e: CPattern['elements'][number], t: Token, arabic: boolean): boolean {
  if (t.script === 'arabic') {
    if (elementMatches(e, t.key, null)) return true;
    // A base form of the word is the key only if the word contains the key's core (cheap filter).
    if (e.kind === 'exact' && (t.key.length <= e.core.length || !t.key.includes(e.core))) return false;
    for (const f of tokenForms(m, t, arabic)) if (elementMatches(e, f, null)) return true;
    return false;
  }
  return elementMatches(e, t.key, t.script === 'latin' ? tokenStem(t.id, t.key) : null);
}

/** Elements from..end of pattern p against tokens from `at`, in one sentence: the token after the match, or -1. */
function matchRest(m: Memo, p: CPattern, from: number, tokens: readonly Token[], at: number, sentence: number, arabic: boolean): number {
  const els = p.elements;
  const cue = isCueKind(p.kind);
  let end = at;
  for (let k = from; k < els.length; k++) {
    const t = tokens[end];
    if (t === undefined || t.sentence !== sentence || !(cue ? elementMatches(els[k]!, t.key, null) : tokenMatches(m, els[k]!, t, arabic))) return -1;
    end++;
  }
  return end;
}

/** What a word can start, worked out once per candidate list (itself memoized per word). */
interface WordEntry {
  /** Single-word patterns other than concept terms, and phrases whose second element is a glob. */
  others: CPattern[];
  /** Concepts the word alone stands for (closure applied, used concepts only) ... */
  concepts: Int32Array;
  /** ... and, for each, the concept term that matched (the evidence shows it). */
  conceptPats: CPattern[];
  /** Phrases whose second element is an exact word that is not stemmed, by that word. */
  byNext: Map<string, CPattern[]> | null;
  /** Phrases whose second element is an English word matched by stem, by that stem. */
  byNextStem: Map<string, CPattern[]> | null;
  /** The word starts nothing at all. */
  empty: boolean;
  /** A bit per key of byNext and byNextStem (keyBit): a next word none of whose bits is here continues nothing. */
  nextBits: number;
}

function entryOf(c: CompiledLexicon, m: Memo, list: CPattern[], lang: Lang): WordEntry {
  const entries = m.entries[LANG_INDEX[lang]]!;
  let r = entries.get(list);
  if (r !== undefined) return r;
  const others: CPattern[] = [];
  const concepts: number[] = [];
  const conceptPats: CPattern[] = [];
  let byNext: Map<string, CPattern[]> | null = null;
  let byNextStem: Map<string, CPattern[]> | null = null;
  for (const p of list) {
    const second = p.elements[1];
    if (second === undefined) {
      if (p.kind === KIND_CONCEPT) {
        for (const ci of c.concepts[p.concept]!.closure) {
          if (c.conceptUsed[ci] !== 1 || concepts.includes(ci)) continue;
          concepts.push(ci);
          conceptPats.push(p);
        }
        continue;
      }
    }
    // Patterns that do not apply to the post's language are left out here, once per word.
    if (!langApplies(p, lang)) continue;
    if (second === undefined) {
      others.push(p);
      continue;
    }
    if (second.kind !== 'exact') {
      others.push(p);
      continue;
    }
    const byStem = second.stem !== null;
    const map = byStem ? (byNextStem ??= new Map()) : (byNext ??= new Map());
    const k = byStem ? second.stem! : second.key;
    const l = map.get(k);
    if (l) l.push(p);
    else map.set(k, [p]);
  }
  let nextBits = 0;
  if (byNext !== null) for (const k of byNext.keys()) nextBits |= keyBit(k);
  if (byNextStem !== null) for (const k of byNextStem.keys()) nextBits |= keyBit(k);
  r = { others, concepts: Int32Array.from(concepts), conceptPats, byNext, byNextStem, empty: others.length === 0 && concepts.length === 0 && byNext === null && byNextStem === null, nextBits };
  entries.set(list, r);
  return r;
}

/** The entry of a token's word alone (Arabic-script words through their base forms too). */
function wordEntry(c: CompiledLexicon, m: Memo, tok: Token, lang: Lang): WordEntry {
  return entryOf(c, m, tok.script === 'arabic' ? arabicCandidates(c, m, tok.key, lang === 'arb') : candidatesFor(c, tok.key), lang);
}

/** One of 31 bits for a key or stem (bit 31 marks a worked-out token mask). */
function keyBit(k: string): number {
  return 1 << (fnv1a(k) % 31);
}

/**
 * The bits of everything a phrase's second word is looked up by for this token: its key, its base
 * forms (Arabic script), its stem (Latin). Cached by word id.
 */
function nextMask(m: Memo, t: Token, arabic: boolean): number {
  const side = arabic ? 1 : 0;
  let cache = m.nextMaskById[side];
  if (t.id !== NO_WORD && t.id < cache.length && cache[t.id] !== 0) return cache[t.id]!;
  let bits = keyBit(t.key);
  if (t.script === 'arabic') for (const f of tokenForms(m, t, arabic)) bits |= keyBit(f);
  else if (t.script === 'latin') {
    const stem = tokenStem(t.id, t.key);
    if (stem !== null) bits |= keyBit(stem);
  }
  bits |= 1 << 31;
  if (t.id !== NO_WORD) {
    if (t.id >= cache.length) {
      const b = new Int32Array(Math.max(cache.length * 2, t.id + 1024));
      b.set(cache);
      m.nextMaskById[side] = cache = b;
    }
    cache[t.id] = bits;
  }
  return bits;
}

/** Where a scan reports what it finds. */
export interface MatchSink {
  /** A pattern occurrence (terms, exclusions, cues; concept phrases too). */
  match(p: CPattern, ti: number, tj: number): void;
  /** A single word that stands for concept `ci` through term `p` (closure already applied). */
  concept(ci: number, p: CPattern, ti: number): void;
}

/** One pass over the tokens: every pattern occurrence goes to the sink. */
export function scanTokens(c: CompiledLexicon, tokens: readonly Token[], lang: Lang, sink: MatchSink): void {
  const m = memo(c);
  const arabic = lang === 'arb';
  const li = LANG_INDEX[lang];
  const n = tokens.length;
  for (let i = 0; i < n; i++) {
    const tok = tokens[i]!;
    const key = tok.key;
    let cands = NO_PATTERNS;
    let tj = i + 1;
    if (tok.script === 'arabic') {
      // Detached prefix/suffix written apart (می گویند, کشور تان): joined when the joined word is an entry.
      const next = tokens[i + 1];
      if (next !== undefined && next.spaceBefore && next.script === 'arabic' && next.sentence === tok.sentence) {
        // (length checks first: these sets hold 2-4 letter words, and most tokens are longer)
        if (key.length <= 3 && PREFIX_WORDS.has(key)) cands = candidatesFor(c, key + next.key);
        else if (next.key.length <= 4 && looseFirst(next.key.charCodeAt(0)) && LOOSE_SUFFIXES.has(next.key)) {
          cands = exactCandidates(c, key + next.key);
        }
        if (cands.length > 0) tj = i + 2;
      }
    }
    let e: WordEntry | undefined;
    if (cands.length > 0) e = entryOf(c, m, cands, lang);
    else {
      const id = tok.id;
      if (id !== NO_WORD) {
        const byId = m.byId[li]!;
        e = byId[id];
        if (e === undefined) {
          e = wordEntry(c, m, tok, lang);
          while (byId.length <= id) byId.push(undefined); // dense: never a sparse array
          byId[id] = e;
        }
      } else {
        const words = m.words[li]!;
        e = words.get(key);
        if (e === undefined) {
          e = wordEntry(c, m, tok, lang);
          if (words.size >= MAX_MEMO) words.clear();
          words.set(key, e);
        }
      }
    }
    if (e.empty) continue;
    for (let q = 0; q < e.concepts.length; q++) sink.concept(e.concepts[q]!, e.conceptPats[q]!, i);
    for (let q = 0; q < e.others.length; q++) {
      const p = e.others[q]!;
      const end = p.elements.length > 1 ? matchRest(m, p, 1, tokens, tj, tok.sentence, arabic) : tj;
      if (end >= 0) sink.match(p, i, end);
    }
    if (e.byNext === null && e.byNextStem === null) continue;
    // Phrases indexed by their second word: only those whose second word is the next token are tried.
    const next = tokens[tj];
    if (next === undefined || next.sentence !== tok.sentence || (e.nextBits & nextMask(m, next, arabic)) === 0) continue;
    if (e.byNext !== null) {
      phrases(m, e.byNext.get(next.key), false, lang, tokens, i, tj, tok.sentence, arabic, sink);
      if (next.script === 'arabic') {
        const forms = tokenForms(m, next, arabic);
        for (let q = 1; q < forms.length; q++) if (forms[q] !== next.key) phrases(m, e.byNext.get(forms[q]!), true, lang, tokens, i, tj, tok.sentence, arabic, sink);
      }
    }
    if (e.byNextStem !== null && next.script === 'latin') {
      const stem = tokenStem(next.id, next.key);
      if (stem !== null) phrases(m, e.byNextStem.get(stem), false, lang, tokens, i, tj, tok.sentence, arabic, sink);
    }
  }
}

function phrases(
  m: Memo,
  list: CPattern[] | undefined,
  throughBaseForm: boolean,
  lang: Lang,
  tokens: readonly Token[],
  i: number,
  tj: number,
  sentence: number,
  arabic: boolean,
  sink: MatchSink,
): void {
  if (list === undefined) return;
  for (const p of list) {
    if (throughBaseForm && isCueKind(p.kind)) continue; // cues count only as written
    const end = p.elements.length > 2 ? matchRest(m, p, 2, tokens, tj + 1, sentence, arabic) : tj + 1;
    if (end >= 0) sink.match(p, i, end);
  }
}

/** Every pattern occurrence in the tokens as Match objects (lexicon checks; tagging uses scanTokens). */
export function findMatches(c: CompiledLexicon, tokens: readonly Token[], lang: Lang): Match[] {
  const out: Match[] = [];
  const at = (p: CPattern, ti: number, tj: number): void => void out.push({ pat: p, ti, tj, start: tokens[ti]!.start, end: tokens[tj - 1]!.end });
  scanTokens(c, tokens, lang, { match: at, concept: (_ci, p, ti) => at(p, ti, ti + 1) });
  return out;
}
