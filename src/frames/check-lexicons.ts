// `framewatch lexicon check`: validation errors (the lexicon would not load) and warnings about terms
// that are duplicated, shared by two frames, too broad, or unable to ever match after normalization.
import { tokenize } from '../language/tokenize.js';
import { LEXICON_DIR } from '../paths.js';
import { TARGET_LANGS, type TargetLang } from '../types.js';
import { KIND_CONCEPT, KIND_EXCLUDE, KIND_TERM, compileLexicon } from './compile.js';
import type { LexiconFile, LexiconSet } from './lexicon-types.js';
import { parseLexiconFiles } from './parse-lexicons.js';
import { parsePattern } from './pattern.js';
import { readLexiconFiles } from './read-lexicons.js';
import { findMatches } from './tag.js';

export interface LexiconStats {
  files: number;
  frames: number;
  /** Terms per language. */
  terms: Record<TargetLang, number>;
  globs: number;
  phrases: number;
  /** Terms with weight 0 (documentation only). */
  documentationOnly: number;
  exclusions: number;
  cues: number;
  concepts: number;
  /** Concept terms per language. */
  conceptTerms: Record<TargetLang, number>;
  rules: number;
}

export interface LexiconCheck {
  errors: string[];
  warnings: string[];
  stats: LexiconStats;
  version: string;
}

const GLOB = /[*?]/;

export function checkLexiconFiles(files: readonly LexiconFile[]): LexiconCheck {
  const { set, errors, warnings } = parseLexiconFiles(files);
  const stats: LexiconStats = {
    files: set.files.length,
    frames: set.frames.length,
    terms: { prs: 0, pus: 0, arb: 0, eng: 0 },
    globs: 0,
    phrases: 0,
    documentationOnly: 0,
    exclusions: set.cues.exclude.length,
    cues: 0,
    concepts: set.concepts.length,
    conceptTerms: { prs: 0, pus: 0, arb: 0, eng: 0 },
    rules: set.frames.reduce((n, f) => n + f.rules.length, 0),
  };
  for (const k of set.concepts) for (const t of k.terms) stats.conceptTerms[t.lang]++;
  const { negation, reporting } = set.cues;
  const cueLists = [negation.before, negation.after, negation.ignore, reporting.before, reporting.after, reporting.ignore];
  stats.cues = cueLists.reduce((n, l) => n + l.length, 0);
  const warn = new Set<string>();
  const w = (msg: string): void => {
    if (!warn.has(msg)) warn.add(msg);
  };

  // Keys: signature → first place seen, per frame and across frames.
  const bySig = new Map<string, { frame: string; where: string; p: string }[]>();
  for (const f of set.frames) {
    stats.exclusions += f.exclude.length;
    let total = 0;
    for (const t of f.terms) {
      stats.terms[t.lang]++;
      if (t.w === 0) stats.documentationOnly++;
      total += t.w;
      const parsed = parsePattern(t.p);
      if (GLOB.test(t.p)) stats.globs++;
      if (parsed.elements.length > 1) stats.phrases++;
      const label = `${t.where} "${t.p}"`;
      if (parsed.crossesSentence) w(`${label}: can never match: the phrase spans a sentence break (punctuation such as . ؟ ؛ splits it)`);
      if (parsed.strandedSuffix) w(`${label}: can never match: a detached plural suffix (ها/های) is always re-attached to the word before it`);
      const first = parsed.elements[0];
      if (first?.kind === 'glob' && !first.any) {
        const literal = first.key.replace(/[\uE000\uE001]/g, '').length;
        if (literal < 3) w(`${label}: glob is too broad (${literal} literal letter${literal === 1 ? '' : 's'}): it matches many unrelated words`);
      } else if (first?.kind === 'exact' && parsed.elements.length === 1 && first.key.length < 2) {
        w(`${label}: a one-letter term matches far too much`);
      }
      const scripts = new Set(parsed.elements.map((e) => e.script).filter((s) => s !== 'other'));
      if (t.lang === 'eng' && scripts.has('arabic')) w(`${label}: Arabic-script term listed under eng`);
      if (t.lang !== 'eng' && scripts.has('latin')) w(`${label}: Latin-script term listed under ${t.lang} (it is matched anyway; list it under eng)`);
      const list = bySig.get(parsed.signature) ?? [];
      for (const o of list) {
        if (o.frame === f.id) w(`${label}: duplicate term: same key "${parsed.signature}" as "${o.p}" (${o.where})`);
        else w(`${label}: normalizes to the same key "${parsed.signature}" as "${o.p}" in frame "${o.frame}" (${o.where}): it counts for both frames`);
      }
      list.push({ frame: f.id, where: t.where, p: t.p });
      bySig.set(parsed.signature, list);
    }
    const ruleTotal = f.rules.reduce((n, r) => n + r.w, 0);
    if (total + ruleTotal + 1e-9 < f.threshold) {
      w(`${f.where}: can never be tagged: its terms' and rules' weights add up to ${total + ruleTotal}, below its threshold ${f.threshold}`);
    }
  }
  if (errors.length === 0) errors.push(...conceptProblems(set, w));

  if (errors.length === 0) {
    // Match the lexicon against its own entries: exclusions that veto a whole term, exclusions that
    // overlap no term at all.
    const c = compileLexicon(set);
    set.frames.forEach((f, fi) => {
      for (const t of f.terms) {
        if (GLOB.test(t.p) || t.w === 0) continue;
        const toks = tokenize(t.p);
        const m = findMatches(c, toks, t.lang).find((x) => x.pat.kind === KIND_EXCLUDE && (x.pat.frame === fi || x.pat.frame === -1));
        if (m) w(`${t.where} "${t.p}": can never count: always vetoed by exclude "${m.pat.text}" (${m.pat.where})`);
      }
      // An exclusion also vetoes the words that fill the frame's rules (a concept of a part, or one it includes).
      const ruleConcepts = new Set(c.rules.filter((r) => r.frame === fi).flatMap((r) => r.parts.flat()));
      const fillsRule = (ci: number): boolean => ci >= 0 && c.concepts[ci]!.closure.some((k) => ruleConcepts.has(k));
      for (const e of f.exclude) {
        const literal = e.p.replace(/[*?]/g, '');
        const hits = findMatches(c, tokenize(literal), e.lang === 'any' ? 'und' : e.lang).filter(
          (x) => (x.pat.kind === KIND_TERM && x.pat.frame === fi) || (x.pat.kind === KIND_CONCEPT && fillsRule(x.pat.concept)),
        );
        if (hits.length === 0) w(`${e.where} "${e.p}": overlaps no term or rule word of frame "${f.id}": it never vetoes anything`);
      }
    });
  }
  return { errors, warnings: [...warnings, ...warn], stats, version: set.version };
}

/**
 * Rule and concept checks: a part whose concept lacks a language the rule is meant for (error), a rule
 * that can never fire (error), concepts nobody uses and references that lack a language (warnings).
 */
function conceptProblems(set: LexiconSet, warn: (msg: string) => void): string[] {
  const errors: string[] = [];
  const byId = new Map(set.concepts.map((k) => [k.id, k]));
  // Languages of a concept, its includes counted (cycles were rejected before this runs).
  const langsMemo = new Map<string, Set<TargetLang>>();
  const langsOf = (id: string, seen = new Set<string>()): Set<TargetLang> => {
    const memo = langsMemo.get(id);
    if (memo) return memo;
    const k = byId.get(id);
    const out = new Set<TargetLang>(k?.terms.map((t) => t.lang) ?? []);
    if (k && !seen.has(id)) {
      seen.add(id);
      for (const inc of k.include) for (const l of langsOf(inc, seen)) out.add(l);
    }
    langsMemo.set(id, out);
    return out;
  };
  // Concepts an occurrence of `id` counts for: itself and every concept including it.
  const upward = (id: string): Set<string> => {
    const out = new Set([id]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const k of set.concepts) {
        if (!out.has(k.id) && k.include.some((inc) => out.has(inc))) {
          out.add(k.id);
          grew = true;
        }
      }
    }
    return out;
  };
  const used = new Set<string>();
  for (const f of set.frames) {
    for (const id of [...f.veto, ...f.ref, ...f.refNot, ...f.targetNot, ...f.targetIs, ...f.terms.flatMap((t) => t.veto)]) used.add(id);
    for (const id of f.ref) {
      const missing = TARGET_LANGS.filter((l) => !langsOf(id).has(l));
      if (missing.length) warn(`${f.where}: reference concept "${id}" has no ${missing.join('/')} terms: posts in those languages never name the actor`);
    }
    for (const r of f.rules) {
      for (const part of r.parts) {
        for (const id of part.concepts) used.add(id);
        const langs = new Set(part.concepts.flatMap((id) => [...langsOf(id)]));
        const missing = r.langs.filter((l) => !langs.has(l));
        if (missing.length > 0) {
          errors.push(`${r.where}: part "${part.label}" has no ${missing.join('/')} terms; add them to the concept or restrict the rule with langs: [${r.langs.filter((l) => langs.has(l)).join(', ')}]`);
        }
        if (langs.size === 0) errors.push(`${r.where}: can never fire: part "${part.label}" has no terms at all`);
        const blocking = [...r.not, ...f.veto];
        if (part.concepts.every((id) => [...upward(id)].some((u) => blocking.includes(u)))) {
          errors.push(`${r.where}: can never fire: every word of part "${part.label}" is also a "not"/veto concept of its own scope`);
        }
      }
      for (const id of r.not) used.add(id);
      if (r.mode === 'all' && r.window !== null && r.window < r.parts.length) {
        errors.push(`${r.where}: can never fire: ${r.parts.length} parts cannot fit in a window of ${r.window} token${r.window === 1 ? '' : 's'}`);
      }
      if (r.w === 0) warn(`${r.where}: weight 0: the rule fires but never counts`);
    }
  }
  for (const k of set.concepts) {
    for (const inc of [...k.include, ...k.unless]) used.add(inc);
  }
  // A concept that shadows others acts without being named (the compiler always looks for it).
  for (const k of set.concepts) if (!used.has(k.id) && k.shadows.length === 0) warn(`${k.where}: not used by any rule, veto or reference`);
  return errors;
}

export function checkLexicons(dir: string = LEXICON_DIR): LexiconCheck {
  return checkLexiconFiles(readLexiconFiles(dir));
}
