// Lexicon patterns (quanteda-style): a word, a glob within one token (apostat*, *خوارج, murtad?n),
// or a space-separated phrase of such elements. Patterns are normalized by the same tokenizer as posts,
// so folding, diacritics, ZWNJ and detached Dari suffixes behave identically on both sides.
import { GLOB_ONE, GLOB_STAR, JOIN_SUFFIXES } from '../language/normalize.js';
import { tokenize, type Script } from '../language/tokenize.js';
import { isStemmable, stemWord } from './stem.js';

export type Element =
  | {
      kind: 'exact';
      key: string;
      stem: string | null;
      script: Script;
      /** The key without an article or a final ه: an inflected word that reduces to the key contains it. */
      core: string;
    }
  | {
      kind: 'glob';
      /** Key with placeholders, for messages and signatures. */
      key: string;
      /** Literal text before the first wildcard / after the last one. */
      prefix: string;
      suffix: string;
      /** Matches any token ("*" alone, allowed inside a phrase). */
      any: boolean;
      script: Script;
      test: (key: string) => boolean;
    };

export interface ParsedPattern {
  elements: Element[];
  /** Normalized signature: elements' keys with '*'/'?' (for duplicate detection). */
  signature: string;
  /** The pattern spans a sentence break (". ", "؟"): as a phrase it can never match. */
  crossesSentence: boolean;
  /** An element is a detached plural suffix that posts always re-attach: it can never match. */
  strandedSuffix: boolean;
}

const REGEX_CHARS = /[[\](){}|\\^$+]/;

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function globTest(g: string): (key: string) => boolean {
  const stars = g.split(GLOB_STAR).length - 1;
  if (!g.includes(GLOB_ONE) && stars === 1) {
    const i = g.indexOf(GLOB_STAR);
    const pre = g.slice(0, i);
    const suf = g.slice(i + 1);
    const min = pre.length + suf.length;
    if (suf === '') return (k) => k.startsWith(pre);
    if (pre === '') return (k) => k.endsWith(suf);
    return (k) => k.length >= min && k.startsWith(pre) && k.endsWith(suf);
  }
  let src = '^';
  for (const ch of g) src += ch === GLOB_STAR ? '.*' : ch === GLOB_ONE ? '.' : escapeRe(ch);
  const re = new RegExp(`${src}$`, 'u');
  return (k) => re.test(k);
}

function literalEnds(g: string): { prefix: string; suffix: string } {
  let a = 0;
  while (a < g.length && g[a] !== GLOB_STAR && g[a] !== GLOB_ONE) a++;
  let b = g.length;
  while (b > 0 && g[b - 1] !== GLOB_STAR && g[b - 1] !== GLOB_ONE) b--;
  return { prefix: g.slice(0, a), suffix: g.slice(b) };
}

// Lexicons share cue lists between many terms (YAML anchors): parse each pattern text once.
const parsedCache = new Map<string, ParsedPattern>();
const problemsCache = new Map<string, string[]>();

/** Compile a pattern as written into matchable elements (memoized; results are immutable). */
export function parsePattern(p: string): ParsedPattern {
  let r = parsedCache.get(p);
  if (r === undefined) {
    r = parsePatternUncached(p);
    if (parsedCache.size >= 20_000) parsedCache.clear();
    parsedCache.set(p, r);
  }
  return r;
}

function parsePatternUncached(p: string): ParsedPattern {
  const prepared = p.trim().replace(/\*/g, GLOB_STAR).replace(/\?/g, GLOB_ONE);
  const tokens = tokenize(prepared);
  const elements: Element[] = [];
  let strandedSuffix = false;
  for (const t of tokens) {
    if (!isGlobKey(t.key) && JOIN_SUFFIXES.has(t.key)) strandedSuffix = true;
    elements.push(elementFromKey(t.key, t.script));
  }
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  return {
    elements,
    signature: elements.map((e) => e.key.replace(/\uE000/g, '*').replace(/\uE001/g, '?')).join(' '),
    crossesSentence: first !== undefined && last !== undefined && first.sentence !== last.sentence,
    strandedSuffix,
  };
}

const isGlobKey = (k: string): boolean => k.includes(GLOB_STAR) || k.includes(GLOB_ONE);

/**
 * The element a normalized token key stands for: a glob (with its literal ends and test) or an exact
 * word (with its Porter stem unless `asWritten`, and its core for the base-form filter). The cache
 * stores only keys and rebuilds elements with this.
 */
export function elementFromKey(k: string, script: Script, stem: string | null | 'compute' = 'compute'): Element {
  if (isGlobKey(k)) {
    const { prefix, suffix } = literalEnds(k);
    const any = /^[\uE000]+$/.test(k);
    let fn: ((key: string) => boolean) | null = null;
    // The glob's test is built on its first use (most globs never meet a word in a short command).
    return { kind: 'glob', key: k, prefix, suffix, any, script, test: any ? () => true : (key) => (fn ??= globTest(k))(key) };
  }
  const core = k.replace(/^ال(?=...)/, '').replace(/(?<=...)ه$/, '');
  return { kind: 'exact', key: k, stem: stem === 'compute' ? (isStemmable(k) ? stemWord(k) : null) : stem, script, core };
}

/** Syntax problems that make a pattern invalid (errors). */
export function patternProblems(p: string): string[] {
  let r = problemsCache.get(p);
  if (r === undefined) {
    r = patternProblemsUncached(p);
    if (problemsCache.size >= 20_000) problemsCache.clear();
    problemsCache.set(p, r);
  }
  return r;
}

function patternProblemsUncached(p: string): string[] {
  const problems: string[] = [];
  if (REGEX_CHARS.test(p)) problems.push('looks like a regular expression: patterns are words, globs (* and ?) and phrases');
  const parsed = parsePattern(p);
  const first = parsed.elements[0];
  if (!first) problems.push('has no letters or digits after normalization: it can never match');
  else if (first.kind === 'glob' && (first.any || (first.prefix === '' && first.suffix === '' && /^[\uE000\uE001]+$/.test(first.key)))) {
    problems.push('starts with a bare wildcard: it would match every word');
  }
  return problems;
}

export function elementMatches(e: Element, key: string, stem: string | null): boolean {
  if (e.kind === 'exact') return e.key === key || (e.stem !== null && stem !== null && e.stem === stem);
  return e.test(key);
}
