// Test oracle: the straightforward tagger (Match objects everywhere, Maps per post), kept as the
// readable statement of the tagging semantics. src/frames/tag.ts is the optimized tagger; the oracle
// test checks that both give the same tags and evidence on thousands of posts.
//
// The tagger proper (pure): one pass over the tokens finds every term, concept term, exclusion and
// cue; then exclusions and context vetoes remove hits, rules over concepts fire, requirements resolve,
// scores add up, actor references are checked, and flags are set on the evidence.
//
// Scoring: a frame's score is the sum of the weights of the DISTINCT lexicon terms that matched (a
// term repeated in the post counts once; every occurrence is still listed as evidence) plus the weight
// of every rule that fired (once per rule). Within a frame, a term hit contained in a longer term hit
// is dropped ("puppet" inside "puppet regime"), so overlapping patterns do not double-count. A frame
// is tagged when score >= threshold and, when it names an actor reference, the post refers to that
// actor or comes from a channel of the frame's side. Negated/quoted hits count and carry flags.
//
// Work is bounded: the text tagged is capped at MAX_TAG_CHARS, and every step after matching sorts
// or binary-searches, so a post with many hits costs O(n log n), not O(n²).
import { tokenize, type Token } from '../../../src/language/tokenize.js';
import type { FrameHit, FrameTag, Lang, TagContext, TagResult } from '../../../src/types.js';
import {
  KIND_CONCEPT,
  KIND_CUE,
  KIND_EXCLUDE,
  KIND_NEG_AFTER,
  KIND_NEG_BEFORE,
  KIND_NEG_IGNORE,
  KIND_REP_AFTER,
  KIND_REP_BEFORE,
  KIND_REP_IGNORE,
  KIND_TERM,
  NO_PATTERNS,
  candidatesFor,
  exactCandidates,
  type CPattern,
  type CompiledLexicon,
  type CompiledRule,
  type Requirement,
} from '../../../src/frames/compile.js';
import { quoteSpans, type Span } from '../../../src/frames/flags.js';
import { baseForms, mayBeInflected, weakBaseForms } from '../../../src/frames/morphology.js';
import { elementMatches } from '../../../src/frames/pattern.js';
import { isStemmable, stemWord } from '../../../src/frames/stem.js';

/** Only the first 64 KiB of a post are tagged; TagResult.truncatedAt says when a post was longer. */
export const MAX_TAG_CHARS = 65_536;

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
const LOOSE_FIRST = new Set([...LOOSE_SUFFIXES].map((s) => s.charCodeAt(0)));

function langApplies(p: CPattern, lang: Lang): boolean {
  if (p.kind <= KIND_CUE || p.kind === KIND_CONCEPT) return !p.strict || p.lang === lang;
  // Negation/reporting cues: the post's language (an English cue only meets Latin words anyway).
  return p.lang === 'any' || p.lang === 'eng' || p.lang === lang || lang === 'und' || lang === 'eng';
}

const MAX_MEMO = 100_000;

function isCueKind(k: number): boolean {
  return k >= KIND_NEG_BEFORE && k <= KIND_REP_IGNORE;
}

/**
 * Patterns whose first element matches an Arabic-script word as written or through one of its base
 * forms (memoized per word). Negation and reporting cues are closed-class words: they count only as
 * written, so a cue reached through a base form is left out here, once, instead of per token.
 */
function wordCandidates(c: CompiledLexicon, key: string, arabic: boolean): CPattern[] {
  const cache = c.morphCache[arabic ? 1 : 0];
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

/** The word and its base forms, for phrase elements after the first (memoized). */
function wordForms(c: CompiledLexicon, key: string, arabic: boolean): string[] {
  const cache = c.formsCache[arabic ? 1 : 0];
  let r = cache.get(key);
  if (r === undefined) {
    r = mayBeInflected(key) ? [key, ...baseForms(key, arabic)] : [key];
    if (cache.size >= MAX_MEMO) cache.clear();
    cache.set(key, r);
  }
  return r;
}

function tokenMatches(c: CompiledLexicon, e: CPattern['elements'][number], t: Token, arabic: boolean): boolean {
  if (t.script === 'arabic') {
    if (elementMatches(e, t.key, null)) return true;
    // A base form of the word is the key only if the word contains the key's core (cheap filter).
    if (e.kind === 'exact' && (t.key.length <= e.core.length || !t.key.includes(e.core))) return false;
    for (const f of wordForms(c, t.key, arabic)) if (elementMatches(e, f, null)) return true;
    return false;
  }
  return elementMatches(e, t.key, t.script === 'latin' && isStemmable(t.key) ? stemWord(t.key) : null);
}


/**
 * Elements from..end of pattern p against tokens from `at`, in one sentence. Returns the token index
 * after the match, or -1.
 */
function matchRest(c: CompiledLexicon, p: CPattern, from: number, tokens: Token[], at: number, sentence: number, arabic: boolean): number {
  const els = p.elements;
  const cue = isCueKind(p.kind);
  let end = at;
  for (let k = from; k < els.length; k++) {
    const t = tokens[end];
    if (t === undefined || t.sentence !== sentence || !(cue ? elementMatches(els[k]!, t.key, null) : tokenMatches(c, els[k]!, t, arabic))) return -1;
    end++;
  }
  return end;
}

/** A candidate list split for matching: patterns tried on every occurrence, and phrases keyed by their second word. */
interface SplitCandidates {
  single: CPattern[];
  /** Phrases whose second element is an exact word that is not stemmed, by that word. */
  byNext: Map<string, CPattern[]> | null;
  /** Phrases whose second element is an English word matched by stem, by that stem. */
  byNextStem: Map<string, CPattern[]> | null;
}

const splits = new WeakMap<CPattern[], SplitCandidates>();

/** (memoized per list: candidate lists are themselves memoized per word) */
function splitCandidates(list: CPattern[]): SplitCandidates {
  let r = splits.get(list);
  if (r !== undefined) return r;
  r = { single: [], byNext: null, byNextStem: null };
  for (const p of list) {
    const second = p.elements[1];
    if (second === undefined || second.kind !== 'exact') {
      r.single.push(p);
      continue;
    }
    const byStem = second.stem !== null;
    const m = byStem ? (r.byNextStem ??= new Map()) : (r.byNext ??= new Map());
    const k = byStem ? second.stem! : second.key;
    const l = m.get(k);
    if (l) l.push(p);
    else m.set(k, [p]);
  }
  splits.set(list, r);
  return r;
}

/** Every pattern occurrence in the tokens (terms, concept terms, exclusions, cues). */
export function findMatches(c: CompiledLexicon, tokens: Token[], lang: Lang): Match[] {
  const out: Match[] = [];
  const arabic = lang === 'arb';
  for (let i = 0; i < tokens.length; i++) {
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
        else if (next.key.length <= 4 && LOOSE_FIRST.has(next.key.charCodeAt(0)) && LOOSE_SUFFIXES.has(next.key)) {
          cands = exactCandidates(c, key + next.key);
        }
        if (cands.length > 0) tj = i + 2;
      }
      if (cands.length === 0) cands = wordCandidates(c, key, arabic);
    } else {
      cands = candidatesFor(c, key);
    }
    if (cands.length === 0) continue;
    const split = splitCandidates(cands);
    for (let q = 0; q < split.single.length; q++) {
      const p = split.single[q]!;
      if (!langApplies(p, lang)) continue;
      const end = p.elements.length > 1 ? matchRest(c, p, 1, tokens, tj, tok.sentence, arabic) : tj;
      if (end >= 0) out.push({ pat: p, ti: i, tj: end, start: tok.start, end: tokens[end - 1]!.end });
    }
    // Phrases indexed by their second word: only those whose second word is the next token are tried.
    const next = tokens[tj];
    if (next === undefined || next.sentence !== tok.sentence) continue;
    const phrases = (list: CPattern[] | undefined, asWrittenOnly: boolean): void => {
      if (list === undefined) return;
      for (const p of list) {
        if (asWrittenOnly && isCueKind(p.kind)) continue; // cues count only as written
        if (!langApplies(p, lang)) continue;
        const end = p.elements.length > 2 ? matchRest(c, p, 2, tokens, tj + 1, tok.sentence, arabic) : tj + 1;
        if (end >= 0) out.push({ pat: p, ti: i, tj: end, start: tok.start, end: tokens[end - 1]!.end });
      }
    };
    if (split.byNext !== null) {
      phrases(split.byNext.get(next.key), false);
      if (next.script === 'arabic' && mayBeInflected(next.key)) {
        for (const f of wordForms(c, next.key, arabic)) if (f !== next.key) phrases(split.byNext.get(f), true);
      }
    }
    if (split.byNextStem !== null && next.script === 'latin' && isStemmable(next.key)) phrases(split.byNextStem.get(stemWord(next.key)), false);
  }
  return out;
}

interface FrameScore {
  hits: Match[];
  /** Fired rules with the concept occurrences that filled their parts, in part order. */
  rules: { rule: CompiledRule; parts: Match[] }[];
  score: number;
}

/** Largest index i with key(arr[i]) < x, or -1 (arr sorted by key). */
function lastBelow<T>(arr: readonly T[], x: number, key: (t: T) => number): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(arr[mid]!) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Intervals sorted by start with a running maximum of their ends: "does any overlap [s, e)?" in O(log n). */
class IntervalIndex {
  private readonly starts: number[];
  private readonly maxEnd: number[];
  constructor(items: readonly { start: number; end: number }[]) {
    const sorted = [...items].sort((a, b) => a.start - b.start);
    this.starts = sorted.map((x) => x.start);
    this.maxEnd = [];
    let m = -Infinity;
    for (const x of sorted) {
      m = Math.max(m, x.end);
      this.maxEnd.push(m);
    }
  }
  overlaps(s: number, e: number): boolean {
    const i = lastBelow(this.starts, e, (x) => x);
    return i >= 0 && this.maxEnd[i]! > s;
  }
}

/** Drop hits contained in a longer (or, on the same span, heavier / earlier-listed) hit: after sorting by
 *  start, then longest first, a hit is contained exactly when an earlier hit reaches as far. */
function dropContained(list: Match[]): Match[] {
  if (list.length < 2) return list;
  const sorted = [...list].sort((a, b) => a.start - b.start || b.end - a.end || b.pat.weight - a.pat.weight || a.pat.id - b.pat.id);
  const kept: Match[] = [];
  let maxEnd = -1;
  for (const h of sorted) {
    if (h.end <= maxEnd) continue;
    kept.push(h);
    maxEnd = h.end;
  }
  return kept;
}

/** Token index where each sentence starts (sentences are numbered in token order). */
function sentenceStarts(tokens: readonly Token[]): number[] {
  const starts: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const s = tokens[i]!.sentence;
    while (starts.length <= s) starts.push(i);
  }
  return starts;
}

// Scratch per-rule part masks (tagging is synchronous; each call leaves them all zero again).
let maskScratch = new Int32Array(0);
function ruleMasks(n: number): Int32Array {
  if (maskScratch.length < n) maskScratch = new Int32Array(n);
  return maskScratch;
}

/** Steps a rule may take on one post (a bound on work for pathological posts). */
const RULE_BUDGET = 20_000;

/**
 * The first combination of occurrences, one per part, that satisfies the rule's scope, order and
 * distinct-words conditions, lies in no sentence blocked by `blocked`, or null.
 */
function fireAll(rule: CompiledRule, lists: Match[][], tokens: readonly Token[], sStarts: readonly number[], blocked: (sentence: number) => boolean): Match[] | null {
  const k = lists.length;
  const chosen: Match[] = [];
  let steps = 0;
  const nTok = tokens.length;
  const search = (j: number, minTi: number, maxTj: number, sentence: number): boolean => {
    if (j === k) return true;
    const list = lists[j]!;
    // Allowed start-token range for this part.
    let lo = 0;
    let hi = nTok - 1;
    if (j > 0) {
      if (rule.window !== null) {
        lo = Math.max(lo, maxTj - rule.window);
        hi = Math.min(hi, minTi + rule.window - 1);
      } else {
        lo = Math.max(lo, sStarts[sentence]!);
        hi = Math.min(hi, (sStarts[sentence + 1] ?? nTok) - 1);
      }
      if (rule.order) lo = Math.max(lo, chosen[j - 1]!.tj);
    }
    for (let q = lastBelow(list, lo, (o) => o.ti) + 1; q < list.length; q++) {
      const o = list[q]!;
      if (o.ti > hi) break;
      if (++steps > RULE_BUDGET) return false;
      const oSentence = tokens[o.ti]!.sentence;
      if (j > 0) {
        const nMin = Math.min(minTi, o.ti);
        const nMax = Math.max(maxTj, o.tj);
        if (rule.window !== null ? nMax - nMin > rule.window : oSentence !== sentence || tokens[o.tj - 1]!.sentence !== sentence) continue;
        if (chosen.some((x) => x.ti < o.tj && o.ti < x.tj)) continue; // each part on its own words
      }
      if (blocked(oSentence)) continue;
      chosen.push(o);
      if (search(j + 1, j === 0 ? o.ti : Math.min(minTi, o.ti), j === 0 ? o.tj : Math.max(maxTj, o.tj), j === 0 ? oSentence : sentence)) return true;
      chosen.pop();
      if (steps > RULE_BUDGET) return false;
    }
    return false;
  };
  return search(0, 0, 0, 0) ? [...chosen] : null;
}

/** Tag a text with a compiled lexicon. */
export function tagText(c: CompiledLexicon, fullText: string, lang: Lang, ctx: TagContext = {}): TagResult {
  const empty: TagResult = { frames: [], lexiconVersion: c.version };
  if (fullText.length === 0) return ctx.near ? { ...empty, near: [] } : empty;
  let text = fullText;
  let truncatedAt: number | undefined;
  if (text.length > MAX_TAG_CHARS) {
    let cut = MAX_TAG_CHARS;
    const code = text.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut--; // never split a surrogate pair
    text = text.slice(0, cut);
    truncatedAt = cut;
    empty.truncatedAt = cut;
  }
  const tokens = tokenize(text);
  const matches = findMatches(c, tokens, lang);

  const terms: Match[] = [];
  const excl: Match[] = [];
  const present = new Set<number>();
  let neg: Match[] = [];
  let rep: Match[] = [];
  const ignore: Match[] = [];
  // Concept occurrences by concept (an occurrence also counts for every concept including its own).
  let occ: Map<number, Match[]> | null = null;
  for (const m of matches) {
    const k = m.pat.kind;
    if (k === KIND_TERM) terms.push(m);
    else if (k === KIND_CONCEPT) {
      occ ??= new Map();
      for (const ci of c.concepts[m.pat.concept]!.closure) {
        if (c.conceptUsed[ci] !== 1) continue;
        const list = occ.get(ci);
        if (list === undefined) occ.set(ci, [m]);
        else {
          const last = list[list.length - 1]!;
          if (last.ti !== m.ti || last.tj !== m.tj) list.push(m);
        }
      }
    } else if (k === KIND_EXCLUDE) excl.push(m);
    else if (k === KIND_CUE) present.add(m.pat.id);
    else if (k === KIND_NEG_BEFORE || k === KIND_NEG_AFTER) neg.push(m);
    else if (k === KIND_REP_BEFORE || k === KIND_REP_AFTER) rep.push(m);
    else if (k === KIND_NEG_IGNORE || k === KIND_REP_IGNORE) ignore.push(m);
  }
  // `shadows`: a concept word inside a longer occurrence of a concept that shadows one of its
  // concepts does not count ("Taliban" inside "Tehrik-e-Taliban Pakistan").
  if (occ !== null) {
    const K = c.concepts;
    const shadowed = (m: Match): boolean =>
      matches.some(
        (sh) =>
          sh.pat.kind === KIND_CONCEPT &&
          sh.ti <= m.ti &&
          m.tj <= sh.tj &&
          sh.tj - sh.ti > m.tj - m.ti &&
          K[sh.pat.concept]!.closure.some((si) => !K[m.pat.concept]!.closure.includes(si) && K[si]!.shadows.some((t) => K[m.pat.concept]!.closure.includes(t))),
      );
    for (const [ci, list] of [...occ]) {
      const kept = list.filter((m) => !shadowed(m));
      if (kept.length > 0) occ.set(ci, kept);
      else occ.delete(ci);
    }
    if (occ.size === 0) occ = null;
  }
  // Near misses, only when asked: `all` rules that did not fire although every part occurred, or
  // every part but one of a rule of three or more (a lone actor mention is no near miss).
  const near: Set<number> | null = ctx.near ? new Set() : null;
  if (terms.length === 0 && occ === null) return withNear(c, near, empty);
  if (ignore.length > 0) {
    // "nothing but", "no doubt", "لا سيما": the cue word is not a negation/report here.
    const negIgnore = new IntervalIndex(ignore.filter((x) => x.pat.kind === KIND_NEG_IGNORE));
    const repIgnore = new IntervalIndex(ignore.filter((x) => x.pat.kind === KIND_REP_IGNORE));
    neg = neg.filter((q) => !negIgnore.overlaps(q.start, q.end));
    rep = rep.filter((q) => !repIgnore.overlaps(q.start, q.end));
  }

  // Sentences where each context concept occurs (for vetoes and `not`).
  const sentencesOf = new Map<number, Set<number>>();
  const conceptSentences = (ci: number): Set<number> => {
    let s = sentencesOf.get(ci);
    if (s === undefined) {
      s = new Set((occ?.get(ci) ?? []).map((o) => tokens[o.ti]!.sentence));
      sentencesOf.set(ci, s);
    }
    return s;
  };
  const vetoedIn = (concepts: readonly number[], sentence: number): boolean => {
    if (occ === null) return false;
    for (const ci of concepts) {
      if (!(occ.has(ci) && conceptSentences(ci).has(sentence))) continue;
      // A context concept does not count where one of its exceptions shares the sentence.
      if (!c.concepts[ci]!.unless.some((u) => occ!.has(u) && conceptSentences(u).has(sentence))) return true;
    }
    return false;
  };

  // Exclusions veto overlapping hits of their frame (or of every frame when global).
  // Rule parts too: an excluded word fills no part of that frame's rules.
  const global = new IntervalIndex(excl.filter((x) => x.pat.frame === -1));
  const byFrame = new Map<number, IntervalIndex>();
  const frameIndex = (fi: number): IntervalIndex => {
    let idx = byFrame.get(fi);
    if (!idx) byFrame.set(fi, (idx = new IntervalIndex(excl.filter((x) => x.pat.frame === fi))));
    return idx;
  };
  const excluded = (fi: number, m: Match): boolean => global.overlaps(m.start, m.end) || frameIndex(fi).overlaps(m.start, m.end);
  let valid = terms.filter((h) => !excluded(h.pat.frame, h));
  if (occ !== null) {
    valid = valid.filter((h) => {
      const veto = c.frames[h.pat.frame]!.veto;
      if (h.pat.veto.length === 0 && veto.length === 0) return true;
      const s = tokens[h.ti]!.sentence;
      return !vetoedIn(h.pat.veto, s) && !vetoedIn(veto, s);
    });
    // target_not: the nearest named party within the window, other target against reference.
    valid = valid.filter((h) => {
      const f = c.frames[h.pat.frame]!;
      if (f.targetNot.length === 0) return true;
      const s = tokens[h.ti]!.sentence;
      const words = (o: Match): number => Math.max(0, o.ti - h.tj, h.ti - o.tj);
      const nearest = (concepts: readonly number[]): number =>
        Math.min(Infinity, ...concepts.flatMap((ci) => (occ!.get(ci) ?? []).filter((o) => tokens[o.ti]!.sentence === s).map(words)));
      const other = nearest(f.targetNot);
      return !(other <= f.targetWindow && nearest(f.targetIs) > other);
    });
  }

  // Rules over concepts: only rules whose parts the present concepts fill are tried (a bit per part).
  const ruleHits = new Map<number, { rule: CompiledRule; parts: Match[] }[]>();
  if (occ !== null && c.rules.length > 0) {
    const present = occ;
    const masks = ruleMasks(c.rules.length);
    let anyTouched = false;
    for (const ci of present.keys()) {
      const pairs = c.conceptParts[ci]!;
      for (let q = 0; q < pairs.length; q += 2) {
        masks[pairs[q]!]! |= pairs[q + 1]!;
        anyTouched = true;
      }
    }
    let sStarts: number[] | null = null;
    const none: Match[] = [];
    // Rules in index order (a scan of ~100 ints beats sorting the touched ones).
    for (let ri = 0; anyTouched && ri < c.rules.length; ri++) {
      if (masks[ri] === 0) continue;
      const rule = c.rules[ri]!;
      const mask = masks[ri]!;
      masks[ri] = 0;
      if (rule.mode === 'all' && mask !== (1 << rule.parts.length) - 1) {
        if (near !== null && rule.parts.length >= 3 && bitCount(mask) >= rule.parts.length - 1) near.add(rule.frame);
        continue;
      }
      const f = c.frames[rule.frame]!;
      const lists = rule.parts.map((part) => {
        const merged: Match[] = [];
        for (const ci of part) merged.push(...(present.get(ci) ?? none));
        return merged.filter((m) => !excluded(rule.frame, m)).sort((a, b) => a.ti - b.ti || a.tj - b.tj);
      });
      const blocked = (s: number): boolean => vetoedIn(rule.not, s) || vetoedIn(f.veto, s);
      let parts: Match[] | null = null;
      if (rule.mode === 'any') {
        for (const list of lists) {
          const o = list.find((x) => !blocked(tokens[x.ti]!.sentence));
          if (o && (parts === null || o.ti < parts[0]!.ti)) parts = [o];
        }
      } else {
        sStarts ??= sentenceStarts(tokens);
        parts = fireAll(rule, lists, tokens, sStarts, blocked);
        if (parts === null && near !== null) near.add(rule.frame);
      }
      if (parts) {
        const list = ruleHits.get(f.index);
        if (list) list.push({ rule, parts });
        else ruleHits.set(f.index, [{ rule, parts }]);
      }
    }
  }
  if (valid.length === 0 && ruleHits.size === 0) return withNear(c, near, empty);

  const conceptIn = (r: Requirement): boolean => occ !== null && r.concepts.some((ci) => occ!.has(ci));
  const holds = (r: Requirement, tagged: Set<number>): boolean =>
    r.cues.some((id) => present.has(id)) || r.frames.some((f) => tagged.has(f)) || conceptIn(r);
  const vetoed = (r: Requirement | null, tagged: Set<number>, withFrames: boolean): boolean =>
    r !== null && (r.cues.some((id) => present.has(id)) || conceptIn(r) || (withFrames && r.frames.some((f) => tagged.has(f))));

  const score = (tagged: Set<number>, withUnlessFrames: boolean): Map<number, FrameScore> => {
    const byFrame = new Map<number, Match[]>();
    for (const h of valid) {
      const p = h.pat;
      if (p.requires.length > 0 && !p.requires.every((r) => holds(r, tagged))) continue;
      if (vetoed(p.unless, tagged, withUnlessFrames)) continue;
      const list = byFrame.get(p.frame);
      if (list) list.push(h);
      else byFrame.set(p.frame, [h]);
    }
    const out = new Map<number, FrameScore>();
    for (const fi of new Set([...byFrame.keys(), ...ruleHits.keys()])) {
      const kept = dropContained(byFrame.get(fi) ?? []);
      const weights = new Map<number, number>();
      for (const h of kept) weights.set(h.pat.id, h.pat.weight);
      let s = 0;
      for (const w of weights.values()) s += w;
      const rules = ruleHits.get(fi) ?? [];
      for (const r of rules) s += r.rule.weight;
      out.set(fi, { hits: kept, rules, score: s });
    }
    return out;
  };
  // Actor reference: the post names the actor, or its channel is of the side that uses the frame.
  const refOk = (fi: number): boolean => {
    const f = c.frames[fi]!;
    if (f.ref.length === 0 || (f.side !== null && ctx.side === f.side)) return true;
    if (occ === null) return false;
    // A reference counts in a sentence without the frame's ref_not context concepts.
    return f.ref.some((ci) => (occ!.get(ci) ?? []).some((o) => !vetoedIn(f.refNot, tokens[o.ti]!.sentence)));
  };
  const over = (scores: Map<number, FrameScore>): Set<number> => {
    const t = new Set<number>();
    for (const [fi, fs] of scores) if (fs.score >= c.frames[fi]!.threshold - 1e-9 && refOk(fi)) t.add(fi);
    return t;
  };

  let tagged = new Set<number>();
  let scores = score(tagged, false);
  let next = over(scores);
  if (c.frameRequirements) {
    // Requirements on other frames: grow the tagged set to a fixed point (it only grows).
    for (let round = 0; round <= c.frames.length && next.size !== tagged.size; round++) {
      tagged = next;
      scores = score(tagged, false);
      next = over(scores);
    }
  }
  if (c.frameUnless) {
    scores = score(next, true);
    next = over(scores);
  }
  if (next.size === 0) return withNear(c, near, empty, next, scores);

  const flags = new FlagIndex(tokens, neg, rep, quoteSpans(text, c.quotes), c.windows);
  const frames: FrameTag[] = [];
  for (const fi of next) {
    const fs = scores.get(fi)!;
    const frameId = c.frames[fi]!.id;
    const hits: FrameHit[] = fs.hits.map((h) => ({
      frame: frameId,
      term: h.pat.text,
      matched: text.slice(h.start, h.end),
      start: h.start,
      end: h.end,
      weight: h.pat.weight,
      negated: flags.negated(h),
      quoted: flags.quoted(h),
    }));
    for (const { rule, parts } of fs.rules) {
      for (let pi = 0; pi < parts.length; pi++) {
        const o = parts[pi]!;
        // The part's concept this word counts for (a part may accept several concepts).
        const closure = c.concepts[o.pat.concept]!.closure;
        const partConcepts = rule.mode === 'all' ? rule.parts[pi]! : rule.parts.flat();
        const concept = partConcepts.find((ci) => closure.includes(ci)) ?? o.pat.concept;
        hits.push({
          frame: frameId,
          term: o.pat.text,
          matched: text.slice(o.start, o.end),
          start: o.start,
          end: o.end,
          weight: rule.weight,
          negated: flags.negated(o),
          quoted: flags.quoted(o),
          rule: rule.id,
          part: c.concepts[concept]!.id,
        });
      }
    }
    hits.sort((a, b) => a.start - b.start || b.end - a.end);
    frames.push({
      frame: frameId,
      score: Math.round(fs.score * 1e6) / 1e6,
      hits,
      negated: hits.every((h) => h.negated),
      quoted: hits.every((h) => h.quoted),
    });
  }
  frames.sort((a, b) => b.score - a.score || c.frameIndex.get(a.frame)! - c.frameIndex.get(b.frame)!);
  return withNear(c, near, truncatedAt === undefined ? { frames, lexiconVersion: c.version } : { frames, lexiconVersion: c.version, truncatedAt }, next, scores);
}

/**
 * The result with `near` when near misses were asked for (`near` not null): the frames collected so
 * far, plus frames with a score that were not tagged (below threshold, or no actor reference).
 */
function bitCount(x: number): number {
  let n = 0;
  for (let v = x; v !== 0; v &= v - 1) n++;
  return n;
}

function withNear(c: CompiledLexicon, near: Set<number> | null, r: TagResult, tagged?: ReadonlySet<number>, scores?: ReadonlyMap<number, FrameScore>): TagResult {
  if (near === null) return r;
  if (scores) for (const [fi, fs] of scores) if (fs.score > 0) near.add(fi);
  return { ...r, near: [...near].filter((fi) => !tagged?.has(fi)).sort((a, b) => a - b).map((fi) => c.frames[fi]!.id) };
}

/** Negation and reporting flags in O(log n) per hit: cues sorted by token, quote spans by offset. */
class FlagIndex {
  private readonly negBefore: Match[];
  private readonly negAfter: Match[];
  private readonly repBefore: Match[];
  private readonly repAfter: Match[];
  private readonly quotes: IntervalIndex;
  private readonly quoteList: Span[];
  constructor(
    private readonly tokens: readonly Token[],
    neg: Match[],
    rep: Match[],
    quotes: Span[],
    private readonly windows: CompiledLexicon['windows'],
  ) {
    const byTi = (a: Match, b: Match): number => a.ti - b.ti;
    this.negBefore = neg.filter((q) => q.pat.kind === KIND_NEG_BEFORE).sort(byTi);
    this.negAfter = neg.filter((q) => q.pat.kind === KIND_NEG_AFTER).sort(byTi);
    this.repBefore = rep.filter((q) => q.pat.kind === KIND_REP_BEFORE).sort(byTi);
    this.repAfter = rep.filter((q) => q.pat.kind === KIND_REP_AFTER).sort(byTi);
    this.quoteList = quotes;
    this.quotes = new IntervalIndex(quotes);
  }

  negated(h: Match): boolean {
    return this.near(h, this.negBefore, this.negAfter, this.windows.negation);
  }

  quoted(h: Match): boolean {
    return this.inQuotes(h) || this.near(h, this.repBefore, this.repAfter, this.windows.reporting);
  }

  private inQuotes(h: Match): boolean {
    if (this.quoteList.length === 0 || !this.quotes.overlaps(h.start, h.end)) return false;
    for (const s of this.quoteList) if (h.start >= s.start && h.end <= s.end) return true;
    return false;
  }

  /** A before-cue within `before` tokens ahead of the hit, or an after-cue within `after` tokens behind
   *  it, in the same sentence and not part of the hit. */
  private near(h: Match, before: Match[], after: Match[], w: { before: number; after: number }): boolean {
    const sentence = this.tokens[h.ti]!.sentence;
    // before-cues: cue ends at or before the hit starts, last cue token within `before` of the hit
    for (let q = lastBelow(before, h.ti, (x) => x.ti); q >= 0; q--) {
      const cue = before[q]!;
      if (h.ti - (cue.tj - 1) > w.before + 8) break; // cues further back cannot qualify (phrases are short)
      if (cue.tj <= h.ti && h.ti - (cue.tj - 1) <= w.before && this.tokens[cue.ti]!.sentence === sentence) return true;
    }
    for (let q = lastBelow(after, h.tj, (x) => x.ti) + 1; q < after.length; q++) {
      const cue = after[q]!;
      if (cue.ti - (h.tj - 1) > w.after) break;
      if (this.tokens[cue.ti]!.sentence === sentence) return true;
    }
    return false;
  }
}
