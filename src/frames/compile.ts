// Compile validated lexicons into lookup tables: one hash map keyed by normalized token (plus one
// keyed by Porter stem), prefix/suffix buckets for globs, phrases anchored on their first element.
// Frame terms, concept terms, exclusions and cues all go into the same tables, so tagging costs a few
// map lookups per token, whatever the number of entries. Rules refer to concepts by index.
import type { Side, TargetLang } from '../types.js';
import { quoteClasses, type QuoteClasses } from './flags.js';
import type { CueWindows, FrameDef, LexiconSet, PatternDef } from './lexicon-types.js';
import { scriptOf } from '../language/tokenize.js';
import { PackedTable, packTable, type IdTable, type PackedTableData } from './packed-index.js';
import { elementFromKey, parsePattern, type Element } from './pattern.js';
import { isStemmable, stemWord } from './stem.js';

export const KIND_TERM = 0;
export const KIND_EXCLUDE = 1;
/** A cue named by a term's requires/unless. */
export const KIND_CUE = 2;
export const KIND_NEG_BEFORE = 3;
export const KIND_NEG_AFTER = 4;
export const KIND_REP_BEFORE = 5;
export const KIND_REP_AFTER = 6;
/** Phrases that cancel an overlapping negation / reporting cue ("nothing but", "no doubt"). */
export const KIND_NEG_IGNORE = 7;
export const KIND_REP_IGNORE = 8;
/** A term of a concept (rules, vetoes and actor references use them). */
export const KIND_CONCEPT = 9;

export interface Requirement {
  /** Ids of KIND_CUE patterns. */
  cues: number[];
  /** Frame indexes. */
  frames: number[];
  /** Concept indexes ("concept:<id>": the concept occurs anywhere in the post). */
  concepts: number[];
}

export interface CPattern {
  id: number;
  kind: number;
  /** Frame index for terms and frame exclusions; -1 for cues and global exclusions. */
  frame: number;
  /** Concept index for concept terms; -1 otherwise. */
  concept: number;
  /** Context concepts that veto this term in its sentence (concept indexes). */
  veto: number[];
  lang: TargetLang | 'any';
  /** As written in the lexicon file. */
  text: string;
  weight: number;
  strict: boolean;
  elements: Element[];
  /** All groups must hold. */
  requires: Requirement[];
  unless: Requirement | null;
  where: string;
}

export interface CompiledRule {
  /** Index in CompiledLexicon.rules. */
  index: number;
  id: string;
  frame: number;
  mode: 'all' | 'any';
  /** Per part, the concept indexes that fill it. */
  parts: number[][];
  /** Per part, its label as written ("a|b"). */
  partLabels: string[];
  not: number[];
  window: number | null;
  order: boolean;
  weight: number;
  where: string;
}

export interface CompiledConcept {
  index: number;
  id: string;
  label: string;
  /** Concepts that include this one, itself first (an occurrence counts for all of them). */
  closure: number[];
  /** As a context, this concept does not count in a sentence with one of these. */
  unless: number[];
  /** Concepts whose words inside an occurrence of this one do not count (ConceptDef.shadows). */
  shadows: number[];
}

export interface CompiledFrame {
  index: number;
  id: string;
  label: string;
  actor: string;
  target?: string;
  group: string;
  definition: string;
  threshold: number;
  file: string;
  rules: CompiledRule[];
  veto: number[];
  ref: number[];
  /** Context concepts whose sentences hold no reference (see FrameDef.refNot). */
  refNot: number[];
  /** Other targets and the window in words (see FrameDef.targetNot). */
  targetNot: number[];
  /** Whom the frame's words are aimed at: target_is, or the reference concepts. */
  targetIs: number[];
  targetWindow: number;
  side: Side | null;
}

export interface CompiledLexicon {
  version: string;
  frames: CompiledFrame[];
  frameIndex: Map<string, number>;
  concepts: CompiledConcept[];
  conceptIndex: Map<string, number>;
  /** Concepts some frame needs (rule parts, not, vetoes, references): only these are collected. */
  conceptUsed: Uint8Array;
  /** Some frame has rules, vetoes or references (concept occurrences must be collected). */
  anyConceptUse: boolean;
  /** Every rule of every frame, in frame order (rule.index is the position here). */
  rules: CompiledRule[];
  /** Per concept: the rules it can fill a part of, as [rule index, part bit] pairs (flat). */
  conceptParts: Int32Array[];
  /** Every pattern by id (filled lazily when restored from the cache: use patternAt()). */
  patterns: CPattern[];
  /** Builds pattern `id` on first use (restored lexicons); null when every pattern is built. */
  materialize: ((id: number) => CPattern) | null;
  /** First element exact key → patterns. */
  exact: IdTable<string>;
  /** First element Porter stem → patterns. */
  stems: IdTable<string>;
  /** Globs by their first 3 / first 2 literal characters, or last 2 when they start with a wildcard. */
  prefix3: IdTable<number>;
  prefix2: IdTable<number>;
  suffix2: IdTable<number>;
  /** Globs with too short a literal end to index (checked against every token). */
  general: number[];
  windows: CueWindows;
  quotes: QuoteClasses;
  /** True when some requires/unless names a frame (a second resolution pass is needed). */
  frameRequirements: boolean;
  frameUnless: boolean;
  /** Memo: token key → patterns whose first element matches it (exact, stem or glob). */
  cache: Map<string, CPattern[]>;
  /** Memo: token key → candidates through its base forms (morphology.ts) ([other langs, arb]). */
  morphCache: [Map<string, CPattern[]>, Map<string, CPattern[]>];
  /** Memo: token key → the key and its base forms ([other langs, arb]), for phrase elements after the first. */
  formsCache: [Map<string, string[]>, Map<string, string[]>];
}

const MAX_CACHE = 100_000;
export const NO_PATTERNS: CPattern[] = [];

/** Patterns whose first element matches `key` (memoized; the lexicon never changes once compiled). */
export function candidatesFor(c: CompiledLexicon, key: string): CPattern[] {
  let r = c.cache.get(key);
  if (r !== undefined) return r;
  const found: CPattern[] = [];
  const add = (list: ArrayLike<number> | undefined, test: boolean): void => {
    if (!list) return;
    for (let i = 0; i < list.length; i++) {
      const p = patternAt(c, list[i]!);
      if (test) {
        const e = p.elements[0]!;
        if (e.kind !== 'glob' || !e.test(key)) continue;
      }
      if (!found.includes(p)) found.push(p);
    }
  };
  add(c.exact.get(key), false);
  if (c.stems.size > 0 && isStemmable(key)) add(c.stems.get(stemWord(key)), false);
  if (key.length >= 3 && c.prefix3.size > 0) add(c.prefix3.get(code3(key, 0)), true);
  if (key.length >= 2) {
    if (c.prefix2.size > 0) add(c.prefix2.get(code2(key, 0)), true);
    if (c.suffix2.size > 0) add(c.suffix2.get(code2(key, key.length - 2)), true);
  }
  if (c.general.length > 0) add(c.general, true);
  r = found.length > 0 ? found : NO_PATTERNS;
  if (c.cache.size >= MAX_CACHE) c.cache.clear();
  c.cache.set(key, r);
  return r;
}

/** Patterns whose first element is exactly `key` (no stem, no glob): a joined word is looked up so. */
export function exactCandidates(c: CompiledLexicon, key: string): CPattern[] {
  const ids = c.exact.get(key);
  return ids === undefined ? NO_PATTERNS : Array.from(ids, (id) => patternAt(c, id));
}

/** Pattern `id`, built on first use when the lexicon came from the cache. */
export function patternAt(c: CompiledLexicon, id: number): CPattern {
  const p = c.patterns[id];
  if (p !== undefined) return p;
  const built = c.materialize!(id);
  c.patterns[id] = built;
  return built;
}

// Bucket keys of 2 or 3 letters as small integers (Smis: no heap numbers, fast map hashing). Two
// prefixes may share a bucket: every glob in a bucket is still tested against the word.
export const code2 = (k: string, i: number): number => ((k.charCodeAt(i) << 15) ^ k.charCodeAt(i + 1)) & 0x3fffffff;
export const code3 = (k: string, i: number): number => ((k.charCodeAt(i) << 20) ^ (k.charCodeAt(i + 1) << 10) ^ k.charCodeAt(i + 2)) & 0x3fffffff;

function push<K>(m: Map<K, number[]>, k: K, id: number): void {
  const list = m.get(k);
  if (list) list.push(id);
  else m.set(k, [id]);
}

/** The first-element lookup tables of a compiled lexicon. */
type LookupTables = Pick<CompiledLexicon, 'exact' | 'stems' | 'prefix3' | 'prefix2' | 'suffix2' | 'general'>;

/** The lookup tables while compiling (a restore gets them packed). */
interface BuildTables extends LookupTables {
  exact: Map<string, number[]>;
  stems: Map<string, number[]>;
  prefix3: Map<number, number[]>;
  prefix2: Map<number, number[]>;
  suffix2: Map<number, number[]>;
}

/** Files a pattern under its first element: exact key (and stem), literal prefix or suffix, or general. */
function indexPattern(t: BuildTables, p: CPattern): void {
  const first = p.elements[0]!;
  if (first.kind === 'exact') {
    push(t.exact, first.key, p.id);
    if (first.stem !== null) push(t.stems, first.stem, p.id);
  } else if (first.prefix.length >= 3) push(t.prefix3, code3(first.prefix, 0), p.id);
  else if (first.prefix.length === 2) push(t.prefix2, code2(first.prefix, 0), p.id);
  else if (first.suffix.length >= 2) push(t.suffix2, code2(first.suffix, first.suffix.length - 2), p.id);
  else t.general.push(p.id);
}

/** A pattern in the cache: what compiling a lexicon entry gives, with elements as their keys only. */
export interface SnapshotPattern {
  k: number;
  f: number;
  c: number;
  v: number[];
  l: TargetLang | 'any';
  t: string;
  w: number;
  s: boolean;
  e: string[];
  /** Porter stems of the elements (null: none), so restoring never runs the stemmer. */
  m: (string | null)[];
  r: Requirement[];
  u: Requirement | null;
}

/** The compiled lexicon as plain data (no maps, no functions; JSON but for the packed tables' Int32Arrays): what the cache stores. */
export interface CompiledSnapshot {
  format: number;
  version: string;
  frames: CompiledFrame[];
  concepts: CompiledConcept[];
  conceptUsed: number[];
  patterns: SnapshotPattern[];
  /** The lookup tables, packed (packed-index.ts), so a restore neither builds maps nor patterns. */
  index: {
    exact: PackedTableData;
    stems: PackedTableData;
    prefix3: PackedTableData;
    prefix2: PackedTableData;
    suffix2: PackedTableData;
    general: number[];
  };
  windows: CueWindows;
  quotes: QuoteClasses;
  frameRequirements: boolean;
  frameUnless: boolean;
}

/** Bump when the snapshot's shape changes (the cache key also covers the compiler's code). */
export const SNAPSHOT_FORMAT = 8;

/** Where a restore reads its patterns: the snapshot's array, or the cache file's lines, decoded on first use. */
export interface PatternSource {
  readonly length: number;
  get(id: number): SnapshotPattern;
}

const asWrittenKind = (kind: number): boolean => kind >= KIND_NEG_BEFORE && kind <= KIND_REP_IGNORE;

export function snapshotLexicon(c: CompiledLexicon): CompiledSnapshot {
  return {
    format: SNAPSHOT_FORMAT,
    version: c.version,
    frames: c.frames,
    concepts: c.concepts,
    conceptUsed: [...c.conceptUsed],
    patterns: c.patterns.map((p) => ({
      k: p.kind,
      f: p.frame,
      c: p.concept,
      v: p.veto,
      l: p.lang,
      t: p.text,
      w: p.weight,
      s: p.strict,
      e: p.elements.map((e) => e.key),
      m: p.elements.map((e) => (e.kind === 'exact' ? e.stem : null)),
      r: p.requires,
      u: p.unless,
    })),
    index: {
      exact: packTable('string', c.exact),
      stems: packTable('string', c.stems),
      prefix3: packTable('number', c.prefix3),
      prefix2: packTable('number', c.prefix2),
      suffix2: packTable('number', c.suffix2),
      general: c.general,
    },
    windows: c.windows,
    quotes: c.quotes,
    frameRequirements: c.frameRequirements,
    frameUnless: c.frameUnless,
  };
}

/**
 * Rebuilds a compiled lexicon from its snapshot: the same patterns in the same order, so the same
 * tags. Positions in the lexicon files ("where") are not kept: only `lexicon check` shows them, and it
 * always parses the files.
 */
export function restoreLexicon(s: CompiledSnapshot, patterns: PatternSource = { length: s.patterns.length, get: (id) => s.patterns[id]! }): CompiledLexicon {
  const tables: LookupTables = {
    exact: new PackedTable<string>(s.index.exact),
    stems: new PackedTable<string>(s.index.stems),
    prefix3: new PackedTable<number>(s.index.prefix3),
    prefix2: new PackedTable<number>(s.index.prefix2),
    suffix2: new PackedTable<number>(s.index.suffix2),
    general: s.index.general,
  };
  const c = emptyCompiled(s.version, s.frames, s.concepts, Uint8Array.from(s.conceptUsed), s.windows, s.quotes, tables);
  c.frameRequirements = s.frameRequirements;
  c.frameUnless = s.frameUnless;
  c.patterns = new Array<CPattern>(patterns.length);
  // Patterns are built when a word first needs them: a short command touches a few hundred of ~10,000.
  c.materialize = (id) => {
    const sp = patterns.get(id);
    const elements = sp.e.map((k, i) => elementFromKey(k, scriptOf(k), sp.m[i] ?? null));
    return { id, kind: sp.k, frame: sp.f, concept: sp.c, veto: sp.v, lang: sp.l, text: sp.t, weight: sp.w, strict: sp.s, elements, requires: sp.r, unless: sp.u, where: '' };
  };
  return c;
}

function emptyCompiled(
  version: string,
  frames: CompiledFrame[],
  concepts: CompiledConcept[],
  conceptUsed: Uint8Array,
  windows: CueWindows,
  quotes: QuoteClasses,
  tables: LookupTables,
): CompiledLexicon {
  const rules = frames.flatMap((f) => f.rules);
  rules.forEach((r, i) => (r.index = i));
  const partsOf: number[][] = concepts.map(() => []);
  for (const r of rules) r.parts.forEach((part, pi) => part.forEach((ci) => partsOf[ci]!.push(r.index, 1 << pi)));
  return {
    version,
    frames,
    frameIndex: new Map(frames.map((f) => [f.id, f.index])),
    concepts,
    conceptIndex: new Map(concepts.map((k) => [k.id, k.index])),
    conceptUsed,
    anyConceptUse: conceptUsed.some((x) => x === 1),
    rules,
    conceptParts: partsOf.map((l) => Int32Array.from(l)),
    patterns: [],
    materialize: null,
    ...tables,
    windows,
    quotes,
    frameRequirements: false,
    frameUnless: false,
    cache: new Map(),
    morphCache: [new Map(), new Map()],
    formsCache: [new Map(), new Map()],
  };
}

export function compileLexicon(set: LexiconSet): CompiledLexicon {
  const conceptIndex = new Map(set.concepts.map((k, i) => [k.id, i]));
  const cidx = (ids: readonly string[]): number[] => ids.map((id) => conceptIndex.get(id)).filter((i): i is number => i !== undefined);
  // closure[b] = b and every concept that includes b, transitively (cycles are rejected by validation,
  // and the visited set keeps this finite anyway).
  const includedBy = new Map<number, number[]>();
  set.concepts.forEach((k, i) => {
    for (const inc of cidx(k.include)) includedBy.set(inc, [...(includedBy.get(inc) ?? []), i]);
  });
  const concepts: CompiledConcept[] = set.concepts.map((k, index) => {
    const closure = [index];
    for (let q = 0; q < closure.length; q++) for (const up of includedBy.get(closure[q]!) ?? []) if (!closure.includes(up)) closure.push(up);
    return { index, id: k.id, label: k.label, closure, unless: cidx(k.unless), shadows: cidx(k.shadows) };
  });
  const frames: CompiledFrame[] = set.frames.map((f: FrameDef, index) => ({
    index,
    id: f.id,
    label: f.label,
    actor: f.actor,
    ...(f.target ? { target: f.target } : {}),
    group: f.group,
    definition: f.definition,
    threshold: f.threshold,
    file: f.file,
    rules: f.rules.map((r) => ({
      index: -1,
      id: r.id,
      frame: index,
      mode: r.mode,
      parts: r.parts.map((p) => cidx(p.concepts)),
      partLabels: r.parts.map((p) => p.label),
      not: cidx(r.not),
      window: r.window,
      order: r.order,
      weight: r.w,
      where: r.where,
    })),
    veto: cidx(f.veto),
    ref: cidx(f.ref),
    refNot: cidx(f.refNot),
    targetNot: cidx(f.targetNot),
    targetIs: cidx(f.targetIs.length > 0 ? f.targetIs : f.ref),
    targetWindow: f.targetWindow,
    side: f.side,
  }));
  const frameIndex = new Map(frames.map((f) => [f.id, f.index]));
  const conceptUsed = new Uint8Array(concepts.length);
  const use = (list: readonly number[]): void => {
    for (const i of list) conceptUsed[i] = 1;
  };
  for (const f of frames) {
    use(f.veto);
    use(f.ref);
    use(f.refNot);
    use(f.targetNot);
    use(f.targetIs);
    for (const r of f.rules) {
      for (const p of r.parts) use(p);
      use(r.not);
    }
  }
  set.frames.forEach((f) =>
    f.terms.forEach((t) => {
      use(cidx(t.veto));
      use(cidx([...t.requires.flat(), ...t.unless].filter((x) => x.startsWith('concept:')).map((x) => x.slice(8))));
    }),
  );
  // The exceptions of a context concept are needed wherever the concept is.
  for (const k of concepts) if (conceptUsed[k.index] === 1) use(k.unless);
  // A concept that shadows others must be found for its shadow to apply.
  for (const k of concepts) if (k.shadows.length > 0) conceptUsed[k.index] = 1;
  const tables: BuildTables = { exact: new Map(), stems: new Map(), prefix3: new Map(), prefix2: new Map(), suffix2: new Map(), general: [] };
  const c = emptyCompiled(set.version, frames, concepts, conceptUsed, set.cues.windows, quoteClasses(set.cues.quotes), tables);
  const cueIds = new Map<string, number>();

  const add = (
    kind: number,
    frame: number,
    lang: TargetLang | 'any',
    text: string,
    where: string,
    weight = 1,
    strict = false,
    concept = -1,
  ): CPattern | null => {
    const parsed = parsePattern(text);
    // Negation and reporting cues are closed-class words listed with their forms: matched as written,
    // never by stem ("stated" must not fire on "Islamic State", "termed" on "in terms of").
    const asWritten = asWrittenKind(kind);
    const elements = asWritten ? parsed.elements.map((e) => (e.kind === 'exact' ? { ...e, stem: null } : e)) : parsed.elements;
    const first = elements[0];
    if (!first || (first.kind === 'glob' && first.any)) return null; // rejected by validation
    const p: CPattern = { id: c.patterns.length, kind, frame, concept, veto: [], lang, text, weight, strict, elements, requires: [], unless: null, where };
    c.patterns.push(p);
    indexPattern(tables, p);
    return p;
  };

  const requirement = (cues: string[], where: string): Requirement => {
    const r: Requirement = { cues: [], frames: [], concepts: [] };
    for (const cue of cues) {
      if (cue.startsWith('frame:')) {
        const fi = frameIndex.get(cue.slice(6));
        if (fi !== undefined) r.frames.push(fi);
        continue;
      }
      if (cue.startsWith('concept:')) {
        const ci = conceptIndex.get(cue.slice(8));
        if (ci !== undefined) r.concepts.push(ci);
        continue;
      }
      const sig = parsePattern(cue).signature;
      let id = cueIds.get(sig);
      if (id === undefined) {
        const p = add(KIND_CUE, -1, 'any', cue, where);
        if (!p) continue;
        id = p.id;
        cueIds.set(sig, id);
      }
      r.cues.push(id);
    }
    return r;
  };

  set.frames.forEach((f, fi) => {
    for (const t of f.terms) {
      if (t.w <= 0) continue; // documentation only
      const p = add(KIND_TERM, fi, t.lang, t.p, t.where, t.w, t.strict);
      if (!p) continue;
      p.veto = cidx(t.veto);
      p.requires = t.requires.map((g) => requirement(g, t.where));
      if (t.unless.length > 0) p.unless = requirement(t.unless, t.where);
      if (p.requires.some((r) => r.frames.length > 0)) c.frameRequirements = true;
      if (p.unless && p.unless.frames.length > 0) c.frameUnless = true;
    }
    for (const e of f.exclude) add(KIND_EXCLUDE, fi, e.lang, e.p, e.where);
  });
  // Concept terms: only concepts some frame uses are worth matching.
  set.concepts.forEach((k, ki) => {
    if (!concepts[ki]!.closure.some((i) => conceptUsed[i] === 1)) return;
    for (const t of k.terms) add(KIND_CONCEPT, -1, t.lang, t.p, t.where, 1, false, ki);
  });
  const cues = set.cues;
  const addAll = (defs: PatternDef[], kind: number): void => {
    for (const d of defs) add(kind, -1, d.lang, d.p, d.where);
  };
  addAll(cues.exclude, KIND_EXCLUDE);
  addAll(cues.negation.before, KIND_NEG_BEFORE);
  addAll(cues.negation.after, KIND_NEG_AFTER);
  addAll(cues.reporting.before, KIND_REP_BEFORE);
  addAll(cues.reporting.after, KIND_REP_AFTER);
  addAll(cues.negation.ignore, KIND_NEG_IGNORE);
  addAll(cues.reporting.ignore, KIND_REP_IGNORE);
  return c;
}
