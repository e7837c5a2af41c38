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
import { tokenizeReused, type Token } from '../language/tokenize.js';
import type { FrameHit, FrameTag, Lang, TagContext, TagResult } from '../types.js';
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
  type CPattern,
  type CompiledFrame,
  type CompiledLexicon,
  type CompiledRule,
  type Requirement,
} from './compile.js';
import { quoteSpans, type Span } from './flags.js';
import { scanTokens, type Match, type MatchSink } from './match-words.js';

export { findMatches, type Match } from './match-words.js';

/** Only the first 64 KiB of a post are tagged; TagResult.truncatedAt says when a post was longer. */
export const MAX_TAG_CHARS = 65_536;

interface FrameScore {
  hits: Match[];
  /** Fired rules with the concept occurrences that filled their parts, in part order. */
  rules: readonly { rule: CompiledRule; parts: Match[] }[];
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
  const sorted = list.length <= 16 ? insertionSorted(list) : [...list].sort(containsFirst);
  const kept: Match[] = [];
  let maxEnd = -1;
  for (const h of sorted) {
    if (h.end <= maxEnd) continue;
    kept.push(h);
    maxEnd = h.end;
  }
  return kept;
}

/** By start, then longest, then heaviest, then earliest listed: a hit before every hit it contains. */
function containsFirst(a: Match, b: Match): number {
  return a.start - b.start || b.end - a.end || b.pat.weight - a.pat.weight || a.pat.id - b.pat.id;
}

/** A sorted copy (few hits per frame: insertion beats the library sort and its comparator calls). */
function insertionSorted(list: readonly Match[]): Match[] {
  const out: Match[] = [];
  for (const h of list) {
    let j = out.length - 1;
    while (j >= 0 && containsFirst(out[j]!, h) > 0) {
      out[j + 1] = out[j]!;
      j--;
    }
    out[j + 1] = h;
  }
  return out;
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

const NO_FRAMES: ReadonlySet<number> = new Set();
const NO_RULES: readonly { rule: CompiledRule; parts: Match[] }[] = [];
const NO_HITS_BY_FRAME: Map<number, Match[]> = new Map(); // stands in only when nothing will be added
/** Stands in for a post's fired rules until one fires (never added to). */
const NO_RULE_HITS: Map<number, { rule: CompiledRule; parts: Match[] }[]> = new Map();
// Scratch: each part's occurrence list for the rule being tried (tagging is synchronous).
const listsScratch: Match[][] = [];

// Scratch: per rule part, the merged occurrences of a part of several concepts.
const mergedScratch: Match[][] = [];

/**
 * The occurrences of every concept of a part, by first then last token, in a scratch list of part
 * `pi` (valid until the next rule). Stable, so equal spans keep the part's concept order.
 */
function mergedInOrder(part: readonly number[], occ: ConceptOccurrences, pi: number): Match[] {
  let out = mergedScratch[pi];
  if (out === undefined) mergedScratch[pi] = out = [];
  else emptyList(out);
  for (const ci of part) {
    for (const m of occ.get(ci)) {
      let j = out.length - 1;
      out.push(m);
      while (j >= 0 && (out[j]!.ti > m.ti || (out[j]!.ti === m.ti && out[j]!.tj > m.tj))) {
        out[j + 1] = out[j]!;
        j--;
      }
      out[j + 1] = m;
    }
  }
  return out;
}

/** Whether occurrence o shares a word with any of those chosen so far. */
function overlapsAny(chosen: readonly Match[], o: Match): boolean {
  for (const x of chosen) if (x.ti < o.tj && o.ti < x.tj) return true;
  return false;
}

/** A set of small ids (patterns, frames, rules) cleared at once: a mark per id, valid when equal to the stamp. */
class Marks {
  private readonly marks: Int32Array;
  private stamp = 1;
  constructor(size: number) {
    this.marks = new Int32Array(size);
  }
  add(id: number): void {
    this.marks[id] = this.stamp;
  }
  has(id: number): boolean {
    return this.marks[id] === this.stamp;
  }
  clear(): void {
    this.stamp = (this.stamp + 1) | 0;
    if (this.stamp === 0) {
      this.marks.fill(0);
      this.stamp = 1;
    }
  }
}

/** Facts about rules and patterns worked out once per compiled lexicon (tagging reads them per post). */
interface Aux {
  /** Per rule: the mask of a complete `all` rule; 0 for `any` rules (any part fires them). */
  fullMask: Int32Array;
  /** Per rule: the concepts of every part, for the evidence of `any` rules. */
  partsFlat: number[][];
  /** Per pattern id: 1 when a requires/unless names a frame (decided only once frames are known), 0 not, -1 unknown. */
  dynamic: Int8Array;
  /** Scratch: the terms counted for a frame's score, the frames scored in a pass, the rules looked at in a post. */
  termsCounted: Marks;
  framesScored: Marks;
  rulesSeen: Marks;
  /** Scratch: frames whose actor reference was checked in this post, and those where it holds. */
  refKnown: Marks;
  refYes: Marks;
  /** Posts in which each concept occurred, counted until the trigger index is built from them. */
  seen: Int32Array;
  posts: number;
  /** Per concept: the rules it triggers (see triggers()); null until built. */
  trig: Int32Array[] | null;
  /** Concepts with `shadows`. */
  shadowing: number[];
  /** Some frame has `target_not`. */
  anyTargetNot: boolean;
}

const auxes = new WeakMap<CompiledLexicon, Aux>();

function auxOf(c: CompiledLexicon): Aux {
  let a = auxes.get(c);
  if (a === undefined) {
    a = {
      fullMask: Int32Array.from(c.rules, (r) => (r.mode === 'all' ? (1 << r.parts.length) - 1 : 0)),
      partsFlat: c.rules.map((r) => r.parts.flat()),
      dynamic: new Int8Array(c.patterns.length).fill(-1),
      termsCounted: new Marks(c.patterns.length),
      framesScored: new Marks(c.frames.length),
      rulesSeen: new Marks(c.rules.length),
      refKnown: new Marks(c.frames.length),
      refYes: new Marks(c.frames.length),
      seen: new Int32Array(c.concepts.length),
      posts: 0,
      trig: null,
      shadowing: c.concepts.filter((k) => k.shadows.length > 0).map((k) => k.index),
      anyTargetNot: c.frames.some((f) => f.targetNot.length > 0),
    };
    auxes.set(c, a);
  }
  return a;
}

/** Posts counted before the trigger index is built. */
const TRIGGER_SAMPLE = 512;

/**
 * The rules each concept triggers, or null while posts are still being counted. An `any` rule is
 * triggered by every concept of every part; an `all` rule only by the concepts of its part that
 * occurred in the fewest posts so far, since a complete rule has that part too. Which part is chosen
 * changes how many rules a post looks at, never which rules fire.
 */
function triggers(c: CompiledLexicon, a: Aux, occ: ConceptOccurrences): Int32Array[] | null {
  if (a.trig !== null) return a.trig;
  for (const ci of occ.keys()) a.seen[ci]!++;
  if (++a.posts < TRIGGER_SAMPLE) return null;
  const lists: number[][] = c.concepts.map(() => []);
  for (const r of c.rules) {
    let parts = r.parts;
    if (r.mode === 'all') {
      let best = r.parts[0]!;
      let bestSeen = Infinity;
      for (const part of r.parts) {
        let n = 0;
        for (const ci of part) n += a.seen[ci]!;
        if (n < bestSeen) {
          best = part;
          bestSeen = n;
        }
      }
      parts = [best];
    }
    for (const part of parts) for (const ci of part) if (!lists[ci]!.includes(r.index)) lists[ci]!.push(r.index);
  }
  a.trig = lists.map((l) => Int32Array.from(l));
  return a.trig;
}

/** Every part of the rule has an occurrence (any part, for an `any` rule). */
function complete(r: CompiledRule, occ: ConceptOccurrences): boolean {
  if (r.mode === 'any') return true; // reached through one of its concepts, which occurred
  for (const part of r.parts) {
    let found = false;
    for (const ci of part) {
      if (occ.has(ci)) {
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

function isDynamic(a: Aux, p: CPattern): boolean {
  let d = a.dynamic[p.id];
  if (d === undefined || d === -1) {
    d = p.requires.some((r) => r.frames.length > 0) || (p.unless !== null && p.unless.frames.length > 0) ? 1 : 0;
    if (p.id < a.dynamic.length) a.dynamic[p.id] = d;
  }
  return d === 1;
}

// Scratch list of the rules a post touches (tagging is synchronous).
let touchedScratch = new Int32Array(64);

function touchedPut(at: number, ri: number): void {
  if (at === touchedScratch.length) {
    const t = new Int32Array(at * 2);
    t.set(touchedScratch);
    touchedScratch = t;
  }
  touchedScratch[at] = ri;
}

/** Steps a rule may take on one post (a bound on work for pathological posts). */
const RULE_BUDGET = 20_000;

/**
 * The first combination of occurrences, one per part, that satisfies the rule's scope, order and
 * distinct-words conditions, lies in no sentence closed to the rule (ruleBlocked), or null.
 */
function fireAll(c: CompiledLexicon, occ: ConceptOccurrences, rule: CompiledRule, lists: Match[][], tokens: readonly Token[], sStarts: readonly number[]): Match[] | null {
  ruleSteps = 0;
  // The search works in one scratch list; only a combination that fires is copied out.
  emptyList(chosenScratch);
  return searchParts(c, occ, rule, lists, tokens, sStarts, chosenScratch, 0, 0, 0, 0) ? chosenScratch.slice() : null;
}

const chosenScratch: Match[] = [];

/** The sentence is closed to the rule: a `not` concept of the rule or a veto of its frame is in it. */
function ruleBlocked(c: CompiledLexicon, occ: ConceptOccurrences, tokens: readonly Token[], rule: CompiledRule, sentence: number): boolean {
  return vetoedIn(c, occ, tokens, rule.not, sentence) || vetoedIn(c, occ, tokens, c.frames[rule.frame]!.veto, sentence);
}

/** Concept ci occurs in this sentence (occurrence lists are short). */
function inSentence(occ: ConceptOccurrences, tokens: readonly Token[], ci: number, sentence: number): boolean {
  for (const o of occ.get(ci)) if (tokens[o.ti]!.sentence === sentence) return true;
  return false;
}

/** A context concept (veto, `not`) occurs in this sentence, and none of its exceptions does. */
function vetoedIn(c: CompiledLexicon, occ: ConceptOccurrences, tokens: readonly Token[], concepts: readonly number[], sentence: number): boolean {
  if (occ.size === 0) return false;
  for (const ci of concepts) {
    if (!inSentence(occ, tokens, ci, sentence)) continue;
    const unless = c.concepts[ci]!.unless;
    let excepted = false;
    for (const u of unless) {
      if (inSentence(occ, tokens, u, sentence)) {
        excepted = true;
        break;
      }
    }
    if (!excepted) return true;
  }
  return false;
}

// A term's requirements (requires: every one holds) and its `unless`: a cue, a concept or a tagged frame.
function conceptIn(occ: ConceptOccurrences, r: Requirement): boolean {
  if (occ.size === 0) return false;
  for (const ci of r.concepts) if (occ.has(ci)) return true;
  return false;
}

function cueIn(present: Marks, r: Requirement): boolean {
  for (const id of r.cues) if (present.has(id)) return true;
  return false;
}

function frameIn(r: Requirement, tagged: ReadonlySet<number>): boolean {
  if (tagged.size === 0) return false;
  for (const f of r.frames) if (tagged.has(f)) return true;
  return false;
}

function allHold(occ: ConceptOccurrences, present: Marks, rs: readonly Requirement[], tagged: ReadonlySet<number>): boolean {
  for (const r of rs) if (!(cueIn(present, r) || frameIn(r, tagged) || conceptIn(occ, r))) return false;
  return true;
}

/** The `unless` holds: its frames count only once what is tagged is settled (`withFrames`). */
function unlessHolds(occ: ConceptOccurrences, present: Marks, r: Requirement | null, tagged: ReadonlySet<number>, withFrames: boolean): boolean {
  return r !== null && (cueIn(present, r) || conceptIn(occ, r) || (withFrames && frameIn(r, tagged)));
}

/** A hit's own veto or its frame's veto holds in the hit's sentence. */
function hitVetoed(c: CompiledLexicon, occ: ConceptOccurrences, tokens: readonly Token[], h: Match): boolean {
  const veto = c.frames[h.pat.frame]!.veto;
  if (h.pat.veto.length === 0 && veto.length === 0) return false;
  const s = tokens[h.ti]!.sentence;
  return vetoedIn(c, occ, tokens, h.pat.veto, s) || vetoedIn(c, occ, tokens, veto, s);
}

/** Words between two token ranges (0 when they touch or overlap). */
function gap(a: Match, b: Match): number {
  return a.tj <= b.ti ? b.ti - a.tj : b.tj <= a.ti ? a.ti - b.tj : 0;
}

/**
 * The term is aimed at someone else: within the frame's target window, the nearest word naming one of
 * its `target_not` concepts is nearer than every word naming whom it is aimed at (`target_is`, else
 * its references): "a militia that views Shias as apostates". A target as near as the other keeps it.
 */
function aimedElsewhere(f: CompiledFrame, occ: ConceptOccurrences, tokens: readonly Token[], h: Match): boolean {
  const s = tokens[h.ti]!.sentence;
  let other = f.targetWindow + 1;
  for (const ci of f.targetNot) {
    for (const o of occ.get(ci)) {
      if (tokens[o.ti]!.sentence !== s) continue;
      const d = gap(o, h);
      if (d < other) other = d;
    }
  }
  if (other > f.targetWindow) return false;
  for (const ci of f.targetIs) for (const o of occ.get(ci)) if (tokens[o.ti]!.sentence === s && gap(o, h) <= other) return false;
  return true;
}

// Steps taken by the current fireAll (tagging is synchronous).
let ruleSteps = 0;

/** Largest index i with list[i].ti < x, or -1 (list sorted by ti). */
function lastBelowTi(list: readonly Match[], x: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.ti < x) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** fireAll's depth-first search: parts j.. given the token range and sentence of those chosen so far. */
function searchParts(
  c: CompiledLexicon,
  occ: ConceptOccurrences,
  rule: CompiledRule,
  lists: Match[][],
  tokens: readonly Token[],
  sStarts: readonly number[],
  chosen: Match[],
  j: number,
  minTi: number,
  maxTj: number,
  sentence: number,
): boolean {
  if (j === rule.parts.length) return true;
  const list = lists[j]!;
  const nTok = tokens.length;
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
  for (let q = lastBelowTi(list, lo) + 1; q < list.length; q++) {
    const o = list[q]!;
    if (o.ti > hi) break;
    if (++ruleSteps > RULE_BUDGET) return false;
    const oSentence = tokens[o.ti]!.sentence;
    if (j > 0) {
      const nMin = Math.min(minTi, o.ti);
      const nMax = Math.max(maxTj, o.tj);
      if (rule.window !== null ? nMax - nMin > rule.window : oSentence !== sentence || tokens[o.tj - 1]!.sentence !== sentence) continue;
      if (overlapsAny(chosen, o)) continue; // each part on its own words
    }
    if (ruleBlocked(c, occ, tokens, rule, oSentence)) continue;
    chosen.push(o);
    if (searchParts(c, occ, rule, lists, tokens, sStarts, chosen, j + 1, j === 0 ? o.ti : Math.min(minTi, o.ti), j === 0 ? o.tj : Math.max(maxTj, o.tj), j === 0 ? oSentence : sentence)) return true;
    chosen.pop();
    if (ruleSteps > RULE_BUDGET) return false;
  }
  return false;
}

/**
 * Empties a list that is refilled for the next post. Popping keeps its storage; `length = 0` would
 * drop it (V8), and the next post's first push would allocate it again.
 */
function emptyList(list: unknown[]): void {
  while (list.length > 0) list.pop();
}

/**
 * Concept occurrences of one post, by concept, in token order (an occurrence counts for every concept
 * including its own). Reused from post to post: one list per concept, emptied after each post.
 */
class ConceptOccurrences {
  private readonly lists: Match[][];
  private readonly touched: number[] = [];
  constructor(concepts: number) {
    this.lists = Array.from({ length: concepts }, () => []);
  }
  get size(): number {
    return this.touched.length;
  }
  add(ci: number, m: Match): void {
    const list = this.lists[ci]!;
    if (list.length === 0) this.touched.push(ci);
    else {
      const last = list[list.length - 1]!;
      if (last.ti === m.ti && last.tj === m.tj) return;
    }
    list.push(m);
  }
  has(ci: number): boolean {
    return this.lists[ci]!.length > 0;
  }
  /** The concept's occurrences (the list is only valid until clear()). */
  get(ci: number): Match[] {
    return this.lists[ci]!;
  }
  keys(): readonly number[] {
    return this.touched;
  }
  /** Removes every occurrence `out` picks (the lists stay in token order, a list left empty goes). */
  drop(out: (m: Match) => boolean): void {
    let k = 0;
    for (let q = 0; q < this.touched.length; q++) {
      const ci = this.touched[q]!;
      const list = this.lists[ci]!;
      let w = 0;
      for (let r = 0; r < list.length; r++) if (!out(list[r]!)) list[w++] = list[r]!;
      while (list.length > w) list.pop();
      if (w > 0) this.touched[k++] = ci;
    }
    while (this.touched.length > k) this.touched.pop();
  }
  clear(): void {
    if (this.touched.length === 0) return;
    for (const ci of this.touched) emptyList(this.lists[ci]!);
    emptyList(this.touched);
  }
}

/** What a scan finds in one post, sorted by kind (the sink of scanTokens). */
class Collector implements MatchSink {
  tokens: Token[] = [];
  terms: Match[] = [];
  excl: Match[] = [];
  readonly present: Marks;
  neg: Match[] = [];
  rep: Match[] = [];
  ignore: Match[] = [];
  readonly occ: ConceptOccurrences;
  /** Match records reused from post to post (a result copies what it keeps; nothing holds on to them). */
  private readonly pool: Match[] = [];
  private used = 0;
  constructor(private readonly c: CompiledLexicon) {
    this.occ = new ConceptOccurrences(c.concepts.length);
    this.present = new Marks(c.patterns.length);
  }
  private record(p: CPattern, ti: number, tj: number): Match {
    const start = this.tokens[ti]!.start;
    const end = this.tokens[tj - 1]!.end;
    let m = this.pool[this.used];
    if (m === undefined) {
      m = { pat: p, ti, tj, start, end };
      this.pool.push(m);
    } else {
      m.pat = p;
      m.ti = ti;
      m.tj = tj;
      m.start = start;
      m.end = end;
    }
    this.used++;
    return m;
  }
  reset(tokens: Token[]): void {
    // Reused from post to post: nothing in a result refers to these lists.
    this.tokens = tokens;
    this.used = 0;
    this.present.clear();
    emptyList(this.terms);
    emptyList(this.excl);
    emptyList(this.neg);
    emptyList(this.rep);
    emptyList(this.ignore);
  }
  match(p: CPattern, ti: number, tj: number): void {
    const m = this.record(p, ti, tj);
    const k = p.kind;
    if (k === KIND_TERM) this.terms.push(m);
    else if (k === KIND_CONCEPT) {
      for (const ci of this.c.concepts[p.concept]!.closure) if (this.c.conceptUsed[ci] === 1) this.occ.add(ci, m);
    } else if (k === KIND_EXCLUDE) this.excl.push(m);
    else if (k === KIND_CUE) this.present.add(p.id);
    else if (k === KIND_NEG_BEFORE || k === KIND_NEG_AFTER) this.neg.push(m);
    else if (k === KIND_REP_BEFORE || k === KIND_REP_AFTER) this.rep.push(m);
    else if (k === KIND_NEG_IGNORE || k === KIND_REP_IGNORE) this.ignore.push(m);
  }
  concept(ci: number, p: CPattern, ti: number): void {
    this.occ.add(ci, this.record(p, ti, ti + 1));
  }
}

const collectors = new WeakMap<CompiledLexicon, Collector>();

function collector(c: CompiledLexicon): Collector {
  let r = collectors.get(c);
  if (r === undefined) collectors.set(c, (r = new Collector(c)));
  return r;
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
  const tokens = tokenizeReused(text); // overwritten by the next call: nothing returned refers to them
  const found = collector(c);
  found.reset(tokens);
  scanTokens(c, tokens, lang, found);
  const { terms, excl, present, ignore } = found;
  let { neg, rep } = found;
  const occ = found.occ;
  try {
    return finish(c, text, tokens, lang, ctx, terms, excl, present, neg, rep, ignore, occ, empty, truncatedAt);
  } finally {
    occ.clear();
  }
}

function finish(
  c: CompiledLexicon,
  text: string,
  tokens: Token[],
  lang: Lang,
  ctx: TagContext,
  terms: Match[],
  excl: Match[],
  present: Marks,
  negIn: Match[],
  repIn: Match[],
  ignore: Match[],
  occ: ConceptOccurrences,
  empty: TagResult,
  truncatedAt: number | undefined,
): TagResult {
  let neg = negIn;
  let rep = repIn;
  // Near misses, only when asked: `all` rules that did not fire although every part occurred, or
  // every part but one of a rule of three or more (a lone actor mention is no near miss).
  const near: Set<number> | null = ctx.near ? new Set() : null;
  const aux = auxOf(c);
  if (occ.size > 0 && aux.shadowing.length > 0) applyShadows(c, aux.shadowing, occ);
  if (terms.length === 0 && occ.size === 0) return withNear(c, near, empty);
  if (ignore.length > 0) {
    // "nothing but", "no doubt", "لا سيما": the cue word is not a negation/report here.
    const negIgnore = new IntervalIndex(ignore.filter((x) => x.pat.kind === KIND_NEG_IGNORE));
    const repIgnore = new IntervalIndex(ignore.filter((x) => x.pat.kind === KIND_REP_IGNORE));
    neg = neg.filter((q) => !negIgnore.overlaps(q.start, q.end));
    rep = rep.filter((q) => !repIgnore.overlaps(q.start, q.end));
  }

  // Exclusions veto overlapping hits of their frame (or of every frame when global), terms and rule
  // parts alike: "هزات ارتدادية" (aftershocks) is no ارتداد, whether as a term or as a rule's part.
  let valid = terms;
  let excluded: ((fi: number, m: Match) => boolean) | null = null;
  // Frames with an exclusion in this post (-1: a global one, which concerns every frame).
  let exclFrames: Set<number> | null = null;
  if (excl.length > 0) {
    exclFrames = new Set(excl.map((x) => x.pat.frame));
    const global = new IntervalIndex(excl.filter((x) => x.pat.frame === -1));
    const byFrame = new Map<number, IntervalIndex>();
    const frameIndex = (fi: number): IntervalIndex => {
      let idx = byFrame.get(fi);
      if (!idx) byFrame.set(fi, (idx = new IntervalIndex(excl.filter((x) => x.pat.frame === fi))));
      return idx;
    };
    excluded = (fi, m) => global.overlaps(m.start, m.end) || frameIndex(fi).overlaps(m.start, m.end);
    valid = terms.filter((h) => !excluded!(h.pat.frame, h));
  }
  if (occ.size > 0) {
    // Context vetoes (a new list only when a hit is vetoed).
    let k = 0;
    while (k < valid.length && !hitVetoed(c, occ, tokens, valid[k]!)) k++;
    if (k < valid.length) {
      const kept = valid.slice(0, k);
      for (k++; k < valid.length; k++) if (!hitVetoed(c, occ, tokens, valid[k]!)) kept.push(valid[k]!);
      valid = kept;
    }
    if (aux.anyTargetNot && valid.some((h) => c.frames[h.pat.frame]!.targetNot.length > 0)) {
      valid = valid.filter((h) => {
        const f = c.frames[h.pat.frame]!;
        return f.targetNot.length === 0 || !aimedElsewhere(f, occ, tokens, h);
      });
    }
  }

  // Rules over concepts: only rules whose parts the present concepts fill are tried (a bit per part).
  let ruleHits = NO_RULE_HITS;
  if (occ.size > 0 && c.rules.length > 0) {
    const present = occ;
    const masks = ruleMasks(c.rules.length);
    let ready = 0;
    const trig = near === null ? triggers(c, aux, present) : null;
    if (trig !== null) {
      // Only rules triggered by a concept of this post are looked at, and only complete ones kept.
      aux.rulesSeen.clear();
      for (const ci of present.keys()) {
        const rules = trig[ci]!;
        for (let q = 0; q < rules.length; q++) {
          const ri = rules[q]!;
          if (aux.rulesSeen.has(ri)) continue;
          aux.rulesSeen.add(ri);
          if (complete(c.rules[ri]!, present)) touchedPut(ready++, ri);
        }
      }
    } else {
      // Every rule a present concept is part of, with a bit per part filled (near misses need them).
      let touched = 0;
      for (const ci of present.keys()) {
        const pairs = c.conceptParts[ci]!;
        for (let q = 0; q < pairs.length; q += 2) {
          const ri = pairs[q]!;
          if (masks[ri] === 0) touchedPut(touched++, ri);
          masks[ri]! |= pairs[q + 1]!;
        }
      }
      // Incomplete `all` rules are dropped here (near misses noted).
      for (let q = 0; q < touched; q++) {
        const ri = touchedScratch[q]!;
        const full = aux.fullMask[ri]!;
        if (full !== 0 && masks[ri] !== full) {
          if (near !== null) {
            const parts = c.rules[ri]!.parts.length;
            if (parts >= 3 && bitCount(masks[ri]!) >= parts - 1) near.add(c.rules[ri]!.frame);
          }
          masks[ri] = 0;
          continue;
        }
        touchedScratch[ready++] = ri;
      }
    }
    // Rules run in index order (a few per post: an insertion sort, no view or sort buffer allocated).
    const order = touchedScratch;
    for (let q = 1; q < ready; q++) {
      const ri = order[q]!;
      let j = q - 1;
      while (j >= 0 && order[j]! > ri) {
        order[j + 1] = order[j]!;
        j--;
      }
      order[j + 1] = ri;
    }
    let sStarts: number[] | null = null;
    const lists = listsScratch;
    for (let q = 0; q < ready; q++) {
      const ri = order[q]!;
      const rule = c.rules[ri]!;
      masks[ri] = 0;
      const f = c.frames[rule.frame]!;
      // Each part's occurrences in token order (a part of several concepts merges theirs).
      for (let pi = 0; pi < rule.parts.length; pi++) {
        const part = rule.parts[pi]!;
        if (part.length === 1) lists[pi] = present.get(part[0]!);
        else lists[pi] = mergedInOrder(part, present, pi);
        if (excluded !== null && (exclFrames!.has(-1) || exclFrames!.has(rule.frame))) {
          const all = lists[pi]!;
          if (all.some((m) => excluded!(rule.frame, m))) lists[pi] = all.filter((m) => !excluded!(rule.frame, m));
        }
      }
      let parts: Match[] | null = null;
      if (rule.mode === 'any') {
        for (let pi = 0; pi < rule.parts.length; pi++) {
          for (const o of lists[pi]!) {
            if (ruleBlocked(c, present, tokens, rule, tokens[o.ti]!.sentence)) continue;
            if (parts === null || o.ti < parts[0]!.ti) parts = [o];
            break;
          }
        }
      } else {
        sStarts ??= sentenceStarts(tokens);
        parts = fireAll(c, present, rule, lists, tokens, sStarts);
        if (parts === null && near !== null) near.add(rule.frame);
      }
      if (parts) {
        if (ruleHits === NO_RULE_HITS) ruleHits = new Map();
        const list = ruleHits.get(f.index);
        if (list) list.push({ rule, parts });
        else ruleHits.set(f.index, [{ rule, parts }]);
      }
    }
  }
  if (valid.length === 0 && ruleHits.size === 0) return withNear(c, near, empty);

  // Hits whose requirements name no frame are decided once; only the others depend on what is tagged.
  const fixedByFrame = new Map<number, Match[]>();
  const dynamic: Match[] = [];
  for (const h of valid) {
    const p = h.pat;
    if (isDynamic(aux, p)) {
      dynamic.push(h);
      continue;
    }
    if (p.requires.length > 0 && !allHold(occ, present, p.requires, NO_FRAMES)) continue;
    if (unlessHolds(occ, present, p.unless, NO_FRAMES, false)) continue;
    const list = fixedByFrame.get(p.frame);
    if (list) list.push(h);
    else fixedByFrame.set(p.frame, [h]);
  }
  const frameScore = (fi: number, hits: Match[]): FrameScore => {
    const kept = dropContained(hits);
    // Each distinct term once.
    aux.termsCounted.clear();
    let s = 0;
    for (const h of kept) {
      if (aux.termsCounted.has(h.pat.id)) continue;
      aux.termsCounted.add(h.pat.id);
      s += h.pat.weight;
    }
    const rules = ruleHits.get(fi) ?? NO_RULES;
    for (const r of rules) s += r.rule.weight;
    return { hits: kept, rules, score: s };
  };
  let fixedScores: Map<number, FrameScore> | null = null;
  const score = (tagged: ReadonlySet<number>, withUnlessFrames: boolean): Map<number, FrameScore> => {
    if (dynamic.length === 0 && fixedScores !== null) return fixedScores;
    const byFrame = dynamic.length === 0 ? NO_HITS_BY_FRAME : new Map<number, Match[]>();
    for (const h of dynamic) {
      const p = h.pat;
      if (p.requires.length > 0 && !allHold(occ, present, p.requires, tagged)) continue;
      if (unlessHolds(occ, present, p.unless, tagged, withUnlessFrames)) continue;
      const list = byFrame.get(p.frame);
      if (list) list.push(h);
      else byFrame.set(p.frame, [h]);
    }
    const out = new Map<number, FrameScore>();
    // Every frame with a term hit or a rule, once.
    aux.framesScored.clear();
    const add = (fi: number): void => {
      if (aux.framesScored.has(fi)) return;
      aux.framesScored.add(fi);
      const more = byFrame.get(fi);
      const base = fixedByFrame.get(fi);
      out.set(fi, frameScore(fi, more === undefined ? (base ?? []) : base === undefined ? more : [...base, ...more]));
    };
    for (const fi of fixedByFrame.keys()) add(fi);
    for (const fi of byFrame.keys()) add(fi);
    for (const fi of ruleHits.keys()) add(fi);
    if (dynamic.length === 0) fixedScores = out;
    return out;
  };
  // Actor reference: the post names the actor, or its channel is of the side that uses the frame.
  // Worked out once per frame and post (it depends on neither the scores nor what is tagged).
  aux.refKnown.clear();
  aux.refYes.clear();
  const refOk = (fi: number): boolean => {
    if (aux.refKnown.has(fi)) return aux.refYes.has(fi);
    aux.refKnown.add(fi);
    const ok = refHolds(fi);
    if (ok) aux.refYes.add(fi);
    return ok;
  };
  const refHolds = (fi: number): boolean => {
    const f = c.frames[fi]!;
    if (f.ref.length === 0 || (f.side !== null && ctx.side === f.side)) return true;
    if (occ.size === 0) return false;
    if (f.refNot.length === 0) return f.ref.some((ci) => occ.has(ci));
    // A reference counts only in a sentence without the frame's ref_not context (history told with "killed").
    for (const ci of f.ref) for (const o of occ.get(ci)) if (!vetoedIn(c, occ, tokens, f.refNot, tokens[o.ti]!.sentence)) return true;
    return false;
  };
  // The same scores give the same frames: without hits that depend on other frames, the fixed point
  // below and the `unless` pass see the same scores again, and this answers from the last call.
  let lastScores: Map<number, FrameScore> | null = null;
  let lastOver: Set<number> | null = null;
  const over = (scores: Map<number, FrameScore>): Set<number> => {
    if (scores === lastScores && lastOver !== null) return lastOver;
    const t = new Set<number>();
    scores.forEach((fs, fi) => {
      if (fs.score >= c.frames[fi]!.threshold - 1e-9 && refOk(fi)) t.add(fi);
    });
    lastScores = scores;
    lastOver = t;
    return t;
  };

  let tagged: ReadonlySet<number> = NO_FRAMES;
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

  const quotes = quoteSpans(text, c.quotes);
  // Nothing to flag in most posts: no cue and no quotation mark.
  const flags = neg.length === 0 && rep.length === 0 && quotes.length === 0 ? NO_FLAGS : new FlagIndex(tokens, neg, rep, quotes, c.windows);
  const frames: FrameTag[] = [];
  const frameOrder: number[] = [];
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
        const partConcepts = rule.mode === 'all' ? rule.parts[pi]! : aux.partsFlat[rule.index]!;
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
    // Term hits come sorted by start, longest first (dropContained); rule parts are merged in.
    if (fs.rules.length > 0) sortHits(hits);
    frameOrder.push(fi);
    frames.push({
      frame: frameId,
      score: Math.round(fs.score * 1e6) / 1e6,
      hits,
      negated: hits.every((h) => h.negated),
      quoted: hits.every((h) => h.quoted),
    });
  }
  sortFrames(frames, frameOrder);
  return withNear(c, near, truncatedAt === undefined ? { frames, lexiconVersion: c.version } : { frames, lexiconVersion: c.version, truncatedAt }, next, scores);
}

/**
 * Words inside a longer occurrence of a concept with `shadows` stop counting for the concepts it
 * shadows: "Taliban" and "Pakistan" inside "Tehrik-e-Taliban Pakistan" name neither.
 */
function applyShadows(c: CompiledLexicon, shadowing: readonly number[], occ: ConceptOccurrences): void {
  for (const si of shadowing) {
    if (!occ.has(si)) continue;
    const spans = occ.get(si); // never shrunk below: its words' closure holds si
    const targets = c.concepts[si]!.shadows;
    occ.drop((o) => {
      const closure = c.concepts[o.pat.concept]!.closure;
      if (closure.includes(si) || !targets.some((t) => closure.includes(t))) return false;
      for (const s of spans) if (s.ti <= o.ti && o.tj <= s.tj && s.tj - s.ti > o.tj - o.ti) return true;
      return false;
    });
  }
}

/** Hits by start, longer first; stable (an insertion sort: a post has a handful of hits). */
function sortHits(hits: FrameHit[]): void {
  for (let i = 1; i < hits.length; i++) {
    const h = hits[i]!;
    let j = i - 1;
    while (j >= 0 && (hits[j]!.start > h.start || (hits[j]!.start === h.start && hits[j]!.end < h.end))) {
      hits[j + 1] = hits[j]!;
      j--;
    }
    hits[j + 1] = h;
  }
}

/** Frames by score, highest first, then in lexicon order (`fi`: each frame's index, in step). */
function sortFrames(frames: FrameTag[], fi: number[]): void {
  for (let i = 1; i < frames.length; i++) {
    const f = frames[i]!;
    const x = fi[i]!;
    let j = i - 1;
    while (j >= 0 && (frames[j]!.score < f.score || (frames[j]!.score === f.score && fi[j]! > x))) {
      frames[j + 1] = frames[j]!;
      fi[j + 1] = fi[j]!;
      j--;
    }
    frames[j + 1] = f;
    fi[j + 1] = x;
  }
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

/** The list sorted by first token (stable; usually it already is, and then it is returned as is). */
function byTokenOrder(list: Match[]): Match[] {
  for (let i = 1; i < list.length; i++) if (list[i - 1]!.ti > list[i]!.ti) return list.sort((a, b) => a.ti - b.ti);
  return list;
}

/** Negation and reporting flags in O(log n) per hit: cues sorted by token, quote spans by offset. */
const NO_FLAGS = { negated: (_h: Match): boolean => false, quoted: (_h: Match): boolean => false };

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
    // The scan reports matches in token order, so these are sorted already (checked, not assumed).
    this.negBefore = byTokenOrder(neg.filter((q) => q.pat.kind === KIND_NEG_BEFORE));
    this.negAfter = byTokenOrder(neg.filter((q) => q.pat.kind === KIND_NEG_AFTER));
    this.repBefore = byTokenOrder(rep.filter((q) => q.pat.kind === KIND_REP_BEFORE));
    this.repAfter = byTokenOrder(rep.filter((q) => q.pat.kind === KIND_REP_AFTER));
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
