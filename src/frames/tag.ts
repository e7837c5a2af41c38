// The tagger proper (pure): one pass over the tokens finds every term, exclusion and cue; then
// exclusions veto, requirements resolve, scores add up, and flags are set on the evidence.
//
// Scoring: a frame's score is the sum of the weights of the DISTINCT lexicon terms that matched
// (a term repeated in the post counts once; every occurrence is still listed as evidence). Within a
// frame, a hit contained in a longer hit of the same frame is dropped ("puppet" inside "puppet regime"),
// so overlapping patterns do not double-count. A frame is tagged when score >= threshold.
// Negated/quoted hits count like the others and carry flags.
import { tokenize, type Token } from '../language/tokenize.js';
import type { FrameHit, FrameTag, Lang, TagResult } from '../types.js';
import {
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
  type CPattern,
  type CompiledLexicon,
  type Requirement,
} from './compile.js';
import { isQuoted, quoteSpans } from './flags.js';
import { elementMatches } from './pattern.js';
import { isStemmable, stemWord } from './stem.js';

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

/** Proclitic-stripped forms of an Arabic-script key, most specific first. Arabic posts get the full
 *  set (و ف + ب ل ک + ال / لل); other languages only the article ال. The bare-letter forms need a
 *  4-letter rest, so ب+ردة (Persian برده "taken", Arabic بردة "cloak") and و+ردة ("rose") stay whole. */
export function cliticVariants(key: string, arabic: boolean): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const put = (v: string): void => {
    if (v !== key && !seen.has(v)) {
      seen.add(v);
      out.push(v);
    }
  };
  const conjs = arabic ? ['و', 'ف', ''] : [''];
  const preps = arabic ? ['ب', 'ک', 'ل', ''] : [''];
  for (const conj of conjs) {
    if (!key.startsWith(conj)) continue;
    for (const prep of preps) {
      const rest = key.slice(conj.length);
      const art = prep === 'ل' ? 'لل' : `${prep}ال`;
      if (rest.startsWith(art) && rest.length - art.length >= 3) {
        const stem = rest.slice(art.length);
        put(`ال${stem}`);
        put(stem);
      }
    }
  }
  if (arabic) {
    for (const conj of conjs) {
      if (!key.startsWith(conj)) continue;
      for (const prep of preps) {
        const clitic = conj + prep;
        if (clitic === '' || !key.startsWith(clitic)) continue;
        if (key.length - clitic.length >= 4) put(key.slice(clitic.length));
      }
    }
  }
  return out;
}

function langApplies(p: CPattern, lang: Lang): boolean {
  if (p.kind <= KIND_CUE) return !p.strict || p.lang === lang;
  // Negation/reporting cues: the post's language (an English cue only meets Latin words anyway).
  return p.lang === 'any' || p.lang === 'eng' || p.lang === lang || lang === 'und' || lang === 'eng';
}

const ALEF = 0x0627;
const LAM = 0x0644;

/** Cheap pre-check: can cliticVariants(key) return anything? (و ف ب ل ک, or the article ال) */
function mayHaveClitic(key: string, arabic: boolean): boolean {
  const c0 = key.charCodeAt(0);
  if (c0 === ALEF) return key.charCodeAt(1) === LAM;
  return arabic && (c0 === 0x0648 || c0 === 0x0641 || c0 === 0x0628 || c0 === LAM || c0 === 0x06a9);
}

/** Candidates of the first proclitic-stripped form of `key` that has any (memoized per mode). */
function cliticCandidates(c: CompiledLexicon, key: string, arabic: boolean): CPattern[] {
  const cache = c.cliticCache[arabic ? 1 : 0];
  let r = cache.get(key);
  if (r !== undefined) return r;
  r = NO_PATTERNS;
  for (const v of cliticVariants(key, arabic)) {
    const list = candidatesFor(c, v);
    if (list.length > 0) {
      r = list;
      break;
    }
  }
  if (cache.size >= 100_000) cache.clear();
  cache.set(key, r);
  return r;
}

/** Every pattern occurrence in the tokens (terms, exclusions, cues). */
export function findMatches(c: CompiledLexicon, tokens: Token[], lang: Lang): Match[] {
  const out: Match[] = [];
  const arabicClitics = lang === 'arb';
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
          cands = c.exact.get(key + next.key) ?? NO_PATTERNS;
        }
        if (cands.length > 0) tj = i + 2;
      }
      if (cands.length === 0) {
        cands = candidatesFor(c, key);
        if (cands.length === 0 && key.length >= 4 && mayHaveClitic(key, arabicClitics)) cands = cliticCandidates(c, key, arabicClitics);
      }
    } else {
      cands = candidatesFor(c, key);
    }
    for (let q = 0; q < cands.length; q++) {
      const p = cands[q]!;
      if (!langApplies(p, lang)) continue;
      const els = p.elements;
      let end = tj;
      if (els.length > 1) {
        let ok = true;
        for (let k = 1; k < els.length; k++) {
          const t = tokens[end];
          if (t === undefined || t.sentence !== tok.sentence || !elementMatches(els[k]!, t.key, t.script === 'latin' && isStemmable(t.key) ? stemWord(t.key) : null)) {
            ok = false;
            break;
          }
          end++;
        }
        if (!ok) continue;
      }
      out.push({ pat: p, ti: i, tj: end, start: tok.start, end: tokens[end - 1]!.end });
    }
  }
  return out;
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean => a.start < b.end && b.start < a.end;

interface FrameScore {
  hits: Match[];
  score: number;
}

/** Tag a text with a compiled lexicon. */
export function tagText(c: CompiledLexicon, text: string, lang: Lang): TagResult {
  const empty: TagResult = { frames: [], lexiconVersion: c.version };
  if (text.length === 0) return empty;
  const tokens = tokenize(text);
  const matches = findMatches(c, tokens, lang);
  let anyTerm = false;
  for (const m of matches) if (m.pat.kind === KIND_TERM) anyTerm = true;
  if (!anyTerm) return empty;

  const terms: Match[] = [];
  const excl: Match[] = [];
  const present = new Set<number>();
  let neg: Match[] = [];
  let rep: Match[] = [];
  const ignore: Match[] = [];
  for (const m of matches) {
    const k = m.pat.kind;
    if (k === KIND_TERM) terms.push(m);
    else if (k === KIND_EXCLUDE) excl.push(m);
    else if (k === KIND_CUE) present.add(m.pat.id);
    else if (k === KIND_NEG_BEFORE || k === KIND_NEG_AFTER) neg.push(m);
    else if (k === KIND_REP_BEFORE || k === KIND_REP_AFTER) rep.push(m);
    else if (k === KIND_NEG_IGNORE || k === KIND_REP_IGNORE) ignore.push(m);
  }
  if (ignore.length > 0) {
    // "nothing but", "no doubt", "لا سيما": the cue word is not a negation/report here.
    const cancelled = (q: Match, kind: number): boolean => ignore.some((x) => x.pat.kind === kind && overlaps(x, q));
    neg = neg.filter((q) => !cancelled(q, KIND_NEG_IGNORE));
    rep = rep.filter((q) => !cancelled(q, KIND_REP_IGNORE));
  }
  const valid = excl.length === 0 ? terms : terms.filter((h) => !excl.some((x) => (x.pat.frame === -1 || x.pat.frame === h.pat.frame) && overlaps(x, h)));
  if (valid.length === 0) return empty;

  const holds = (r: Requirement, tagged: Set<number>): boolean => r.cues.some((id) => present.has(id)) || r.frames.some((f) => tagged.has(f));
  const vetoed = (r: Requirement | null, tagged: Set<number>, withFrames: boolean): boolean =>
    r !== null && (r.cues.some((id) => present.has(id)) || (withFrames && r.frames.some((f) => tagged.has(f))));

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
    for (const [fi, list] of byFrame) {
      const kept = list.length === 1 ? list : list.filter((h) => !list.some((o) => o !== h && contains(o, h)));
      const weights = new Map<number, number>();
      for (const h of kept) weights.set(h.pat.id, h.pat.weight);
      let s = 0;
      for (const w of weights.values()) s += w;
      out.set(fi, { hits: kept, score: s });
    }
    return out;
  };
  const over = (scores: Map<number, FrameScore>): Set<number> => {
    const t = new Set<number>();
    for (const [fi, fs] of scores) if (fs.score >= c.frames[fi]!.threshold - 1e-9) t.add(fi);
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
  if (next.size === 0) return empty;

  const qspans = quoteSpans(text, c.quotes);
  const frames: FrameTag[] = [];
  for (const fi of next) {
    const fs = scores.get(fi)!;
    const hits: FrameHit[] = fs.hits
      .slice()
      .sort((a, b) => a.start - b.start || b.end - a.end)
      .map((h) => ({
        frame: c.frames[fi]!.id,
        term: h.pat.text,
        matched: text.slice(h.start, h.end),
        start: h.start,
        end: h.end,
        weight: h.pat.weight,
        negated: near(h, neg, tokens, KIND_NEG_BEFORE, c.windows.negation),
        quoted: isQuoted(h, qspans) || near(h, rep, tokens, KIND_REP_BEFORE, c.windows.reporting),
      }));
    frames.push({
      frame: c.frames[fi]!.id,
      score: Math.round(fs.score * 1e6) / 1e6,
      hits,
      negated: hits.every((h) => h.negated),
      quoted: hits.every((h) => h.quoted),
    });
  }
  frames.sort((a, b) => b.score - a.score || c.frameIndex.get(a.frame)! - c.frameIndex.get(b.frame)!);
  return { frames, lexiconVersion: c.version };
}

/** o contains h (and wins a tie on the same span by weight, then lexicon order). */
function contains(o: Match, h: Match): boolean {
  if (o.start > h.start || o.end < h.end) return false;
  const lo = o.end - o.start;
  const lh = h.end - h.start;
  if (lo !== lh) return lo > lh;
  if (o.pat.id === h.pat.id) return false;
  return o.pat.weight > h.pat.weight || (o.pat.weight === h.pat.weight && o.pat.id < h.pat.id);
}

/** A cue of kind `beforeKind` within `before` tokens ahead of the hit, or of the matching after-kind
 *  within `after` tokens behind it, in the same sentence. */
function near(h: Match, cues: Match[], tokens: Token[], beforeKind: number, w: { before: number; after: number }): boolean {
  if (cues.length === 0) return false;
  const sentence = tokens[h.ti]!.sentence;
  for (const q of cues) {
    if (q.ti < h.tj && h.ti < q.tj) continue; // the cue is part of the hit
    if (tokens[q.ti]!.sentence !== sentence) continue;
    if (q.pat.kind === beforeKind) {
      if (q.tj <= h.ti && h.ti - (q.tj - 1) <= w.before) return true;
    } else if (q.ti >= h.tj && q.ti - (h.tj - 1) <= w.after) return true;
  }
  return false;
}
