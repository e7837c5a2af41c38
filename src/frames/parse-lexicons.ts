// Parse and validate the lexicon YAML files (pure: file contents in, definitions and messages out).
// Every message names the file, the line and the entry, e.g.
//   iskp-on-taliban.yaml:42: frame "apostasy" terms.eng[3] "apost*?(": looks like a regex ...
import { LineCounter, parseDocument, type Document } from 'yaml';
import { SIDES, TARGET_LANGS, isSide, type TargetLang } from '../types.js';
import {
  DEFAULT_QUOTES,
  DEFAULT_WINDOWS,
  type ConceptDef,
  type CueSet,
  type FrameDef,
  type LexiconFile,
  type LexiconSet,
  type PatternDef,
  type RuleDef,
  type RulePart,
  type TermDef,
} from './lexicon-types.js';
import { isLexiconFileName, lexiconVersion } from './lexicon-version.js';
import { patternProblems } from './pattern.js';

export const CUES_FILE = '_cues.yaml';
const ID_RE = /^[a-z][a-z0-9_]*$/;
/** Words either side of a term within which `target_not` looks for whom the term is aimed at. */
const DEFAULT_TARGET_WINDOW = 3;
const LANG_ALIASES: Record<string, TargetLang> = { en: 'eng', ar: 'arb', ps: 'pus', fa: 'prs', pbu: 'pus', pes: 'prs' };

export { isLexiconFileName, lexiconVersion } from './lexicon-version.js';

export interface ParseOutcome {
  set: LexiconSet;
  errors: string[];
  warnings: string[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

class FileReader {
  readonly lc = new LineCounter();
  readonly doc: Document.Parsed;
  constructor(
    readonly name: string,
    text: string,
    private readonly errors: string[],
    private readonly warnings: string[],
  ) {
    this.doc = parseDocument(text, { lineCounter: this.lc, uniqueKeys: true, prettyErrors: true });
  }
  /** "file:line" of the node at path, or of its nearest existing parent. */
  loc(path: (string | number)[]): string {
    for (let n = path.length; n >= 0; n--) {
      const node = (n === 0 ? this.doc.contents : this.doc.getIn(path.slice(0, n), true)) as { range?: [number, number, number] } | null | undefined;
      const off = node?.range?.[0];
      if (off !== undefined) return `${this.name}:${this.lc.linePos(off).line}`;
    }
    return this.name;
  }
  error(path: (string | number)[], what: string, msg: string): void {
    this.errors.push(`${this.loc(path)}: ${what ? `${what}: ` : ''}${msg}`);
  }
  warn(path: (string | number)[], what: string, msg: string): void {
    this.warnings.push(`${this.loc(path)}: ${what ? `${what}: ` : ''}${msg}`);
  }
  unknownKeys(obj: Obj, allowed: readonly string[], path: (string | number)[], what: string): void {
    for (const k of Object.keys(obj)) {
      if (!allowed.includes(k) && k !== 'notes' && k !== 'note') this.warn([...path, k], what, `unknown key "${k}" (ignored)`);
    }
  }
}

function langKey(r: FileReader, k: string, path: (string | number)[], what: string): TargetLang | null {
  if ((TARGET_LANGS as readonly string[]).includes(k)) return k as TargetLang;
  const alias = LANG_ALIASES[k];
  r.error(path, what, `unknown language "${k}"${alias ? ` (write "${alias}")` : ''}; use ${TARGET_LANGS.join(', ')}`);
  return null;
}

function stringList(r: FileReader, v: unknown, path: (string | number)[], what: string): string[] {
  if (v === undefined || v === null) return [];
  const list = typeof v === 'string' ? [v] : v;
  if (!Array.isArray(list)) {
    r.error(path, what, 'must be a list of strings');
    return [];
  }
  const out: string[] = [];
  list.forEach((x, i) => {
    if (typeof x === 'string' && x.trim() !== '') out.push(x.trim());
    else r.error([...path, i], what, `entry ${i} must be a non-empty string${typeof x === 'number' || typeof x === 'boolean' ? ' (quote it)' : ''}`);
  });
  return out;
}

/** A pattern entry: a string or { p, note }. Checks its syntax. */
function patternEntry(r: FileReader, v: unknown, path: (string | number)[], what: string, keys: readonly string[] = ['p']): string | null {
  let p: unknown = v;
  if (isObj(v)) {
    r.unknownKeys(v, keys, path, what);
    p = v.p;
  }
  if (typeof p !== 'string' || p.trim() === '') {
    r.error(path, what, typeof p === 'number' || typeof p === 'boolean' ? `pattern ${String(p)} must be a string (quote it)` : 'missing pattern (a string, or { p: "..." })');
    return null;
  }
  for (const problem of patternProblems(p)) r.error(path, `${what} "${p}"`, problem);
  return p.trim();
}

/** Entries listed per language ({eng: [...], arb: [...]}) or as one plain list (any language). */
function patternGroup(r: FileReader, v: unknown, path: (string | number)[], what: string): PatternDef[] {
  const out: PatternDef[] = [];
  if (v === undefined || v === null) return out;
  const add = (list: unknown, lang: TargetLang | 'any', p: (string | number)[]): void => {
    if (!Array.isArray(list)) {
      r.error(p, what, 'must be a list');
      return;
    }
    list.forEach((e, i) => {
      const pat = patternEntry(r, e, [...p, i], `${what}${lang === 'any' ? '' : `.${lang}`}[${i}]`);
      if (pat !== null) out.push({ p: pat, lang, where: `${r.loc([...p, i])} ${what}` });
    });
  };
  if (Array.isArray(v)) add(v, 'any', path);
  else if (isObj(v)) {
    for (const [k, list] of Object.entries(v)) {
      if (k === 'notes' || k === 'note') continue;
      const lang = langKey(r, k, [...path, k], what);
      if (lang) add(list, lang, [...path, k]);
    }
  } else r.error(path, what, 'must be a list or a map of language → list');
  return out;
}

function parseFrame(r: FileReader, v: unknown, fi: number, group: string): FrameDef | null {
  const path = ['frames', fi];
  if (!isObj(v)) {
    r.error(path, `frames[${fi}]`, 'must be a map with id, label, actor, definition, threshold, terms');
    return null;
  }
  const id = typeof v.id === 'string' ? v.id : '';
  const what = id ? `frame "${id}"` : `frames[${fi}]`;
  if (!ID_RE.test(id)) r.error([...path, 'id'], what, `id must match ${ID_RE.source}`);
  r.unknownKeys(
    v,
    ['id', 'label', 'actor', 'target', 'definition', 'group', 'threshold', 'terms', 'rules', 'exclude', 'requires', 'unless', 'veto', 'ref', 'ref_not', 'target_not', 'target_is', 'target_window', 'side'],
    path,
    what,
  );
  const text = (k: string, required: boolean): string | undefined => {
    const x = v[k];
    if (typeof x === 'string' && x.trim() !== '') return x.trim();
    if (required || x !== undefined) r.error([...path, k], what, `"${k}" must be a non-empty string`);
    return undefined;
  };
  const label = text('label', true);
  const actor = text('actor', true);
  const definition = text('definition', true);
  const target = text('target', false);
  const ownGroup = v.group === undefined ? group : text('group', false);
  let threshold = 1;
  if (typeof v.threshold !== 'number' || !Number.isFinite(v.threshold) || v.threshold <= 0) {
    r.error([...path, 'threshold'], what, v.threshold === undefined ? 'missing "threshold" (a number > 0)' : '"threshold" must be a number > 0');
  } else threshold = v.threshold;
  const frameRequires = stringList(r, v.requires, [...path, 'requires'], `${what} requires`);
  const frameUnless = stringList(r, v.unless, [...path, 'unless'], `${what} unless`);

  const terms: TermDef[] = [];
  if (v.terms !== undefined && !isObj(v.terms)) r.error([...path, 'terms'], what, '"terms" must be a map of language → list of terms');
  else if (isObj(v.terms)) {
    for (const [k, list] of Object.entries(v.terms)) {
      if (k === 'notes' || k === 'note') continue;
      const lang = langKey(r, k, [...path, 'terms', k], `${what} terms`);
      if (!lang) continue;
      if (list === null || list === undefined) continue;
      if (!Array.isArray(list)) {
        r.error([...path, 'terms', k], what, `terms.${k} must be a list`);
        continue;
      }
      list.forEach((e, ti) => {
        const tp = [...path, 'terms', k, ti];
        const twhat = `${what} terms.${k}[${ti}]`;
        const p = patternEntry(r, e, tp, twhat, ['p', 'w', 'requires', 'unless', 'strict', 'veto']);
        if (p === null) return;
        let w = 1;
        let requires: string[] = [];
        let unless: string[] = [];
        let strict = false;
        let veto: string[] = [];
        if (isObj(e)) {
          veto = idList(r, e.veto, [...tp, 'veto'], `${twhat} "${p}" veto`);
          if (e.w !== undefined) {
            if (typeof e.w !== 'number' || !Number.isFinite(e.w) || e.w < 0) r.error([...tp, 'w'], `${twhat} "${p}"`, '"w" must be a number >= 0');
            else w = e.w;
          }
          requires = stringList(r, e.requires, [...tp, 'requires'], `${twhat} "${p}" requires`);
          unless = stringList(r, e.unless, [...tp, 'unless'], `${twhat} "${p}" unless`);
          if (e.strict !== undefined) {
            if (typeof e.strict !== 'boolean') r.error([...tp, 'strict'], `${twhat} "${p}"`, '"strict" must be true or false');
            else strict = e.strict;
          }
        }
        for (const cue of [...requires, ...unless]) {
          if (cue.startsWith('frame:') || cue.startsWith('concept:')) continue;
          for (const problem of patternProblems(cue)) r.error(tp, `${twhat} "${p}" cue "${cue}"`, problem);
        }
        const groups = [requires, frameRequires].filter((g) => g.length > 0);
        terms.push({
          p,
          lang,
          w,
          requires: groups,
          unless: [...unless, ...frameUnless.filter((x) => !unless.includes(x))],
          strict,
          veto,
          where: `${r.loc(tp)} ${twhat}`,
        });
      });
    }
  }
  const rules = parseRules(r, v.rules, [...path, 'rules'], what);
  if (terms.length === 0 && rules.length === 0) r.error([...path, 'terms'], what, 'has no terms and no rules');
  const veto = idList(r, v.veto, [...path, 'veto'], `${what} veto`);
  const ref = idList(r, v.ref, [...path, 'ref'], `${what} ref`);
  const refNot = idList(r, v.ref_not, [...path, 'ref_not'], `${what} ref_not`);
  if (refNot.length > 0 && ref.length === 0) r.warn([...path, 'ref_not'], what, '"ref_not" only matters with "ref"');
  const targetNot = idList(r, v.target_not, [...path, 'target_not'], `${what} target_not`);
  const targetIs = idList(r, v.target_is, [...path, 'target_is'], `${what} target_is`);
  if (targetIs.length > 0 && targetNot.length === 0) r.warn([...path, 'target_is'], what, '"target_is" only matters with "target_not"');
  let targetWindow = DEFAULT_TARGET_WINDOW;
  if (v.target_window !== undefined) {
    if (typeof v.target_window === 'number' && Number.isInteger(v.target_window) && v.target_window >= 0 && v.target_window <= 20) targetWindow = v.target_window;
    else r.error([...path, 'target_window'], what, '"target_window" must be a whole number of words from 0 to 20');
  }
  if (v.target_window !== undefined && targetNot.length === 0) r.warn([...path, 'target_window'], what, '"target_window" only matters with "target_not"');
  let side: FrameDef['side'] = null;
  if (v.side !== undefined) {
    if (typeof v.side === 'string' && isSide(v.side)) side = v.side;
    else r.error([...path, 'side'], what, `"side" must be one of ${SIDES.join(', ')}`);
  }
  if (side !== null && ref.length === 0) r.warn([...path, 'side'], what, '"side" only matters with "ref" (the side stands in for a missing reference)');
  for (const cue of [...frameRequires, ...frameUnless]) {
    if (cue.startsWith('frame:') || cue.startsWith('concept:')) continue;
    for (const problem of patternProblems(cue)) r.error([...path, 'requires'], `${what} cue "${cue}"`, problem);
  }
  const exclude = patternGroup(r, v.exclude, [...path, 'exclude'], `${what} exclude`);
  if (!ID_RE.test(id) || !label || !actor || !definition) return null;
  return {
    id,
    label,
    actor,
    ...(target ? { target } : {}),
    definition,
    group: ownGroup ?? group,
    threshold,
    terms,
    rules,
    exclude,
    veto,
    ref,
    refNot,
    targetNot,
    targetIs,
    targetWindow,
    side,
    file: r.name,
    where: `${r.loc(path)} frame "${id}"`,
  };
}

const RULE_ID_RE = ID_RE;

/** A list of concept ids (a string is a list of one). */
function idList(r: FileReader, v: unknown, path: (string | number)[], what: string): string[] {
  const out = stringList(r, v, path, what);
  for (const id of out) if (!ID_RE.test(id)) r.error(path, what, `"${id}" is not a concept id (${ID_RE.source})`);
  return out;
}

function rulePart(r: FileReader, v: unknown, path: (string | number)[], what: string): RulePart | null {
  // "a|b" or { any: [a, b] }: either concept fills the part.
  let ids: string[] = [];
  if (typeof v === 'string') ids = v.split('|').map((x) => x.trim());
  else if (isObj(v) && Array.isArray(v.any)) ids = v.any.filter((x): x is string => typeof x === 'string').map((x) => x.trim());
  if (ids.length === 0 || ids.some((id) => !ID_RE.test(id))) {
    r.error(path, what, 'a part is a concept id, "a|b" (either concept), or { any: [a, b] }');
    return null;
  }
  return { concepts: ids, label: ids.join('|') };
}

function parseRules(r: FileReader, v: unknown, path: (string | number)[], what: string): RuleDef[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) {
    r.error(path, what, '"rules" must be a list');
    return [];
  }
  const out: RuleDef[] = [];
  const ids = new Set<string>();
  v.forEach((rv, i) => {
    const rp = [...path, i];
    if (!isObj(rv)) {
      r.error(rp, `${what} rules[${i}]`, 'must be a map with id and all or any');
      return;
    }
    const id = typeof rv.id === 'string' ? rv.id : '';
    const rwhat = `${what} rule ${id ? `"${id}"` : `[${i}]`}`;
    r.unknownKeys(rv, ['id', 'all', 'any', 'not', 'window', 'order', 'w', 'langs'], rp, rwhat);
    if (!RULE_ID_RE.test(id)) r.error([...rp, 'id'], rwhat, `id must match ${RULE_ID_RE.source}`);
    else if (ids.has(id)) r.error([...rp, 'id'], rwhat, 'duplicate rule id in this frame');
    ids.add(id);
    const hasAll = rv.all !== undefined;
    const hasAny = rv.any !== undefined;
    if (hasAll === hasAny) {
      r.error(rp, rwhat, 'give exactly one of "all" (every part present) or "any" (one part is enough)');
      return;
    }
    const list = hasAll ? rv.all : rv.any;
    if (!Array.isArray(list) || list.length === 0) {
      r.error([...rp, hasAll ? 'all' : 'any'], rwhat, 'must be a non-empty list of parts');
      return;
    }
    const parts: RulePart[] = [];
    list.forEach((pv, pi) => {
      const part = rulePart(r, pv, [...rp, hasAll ? 'all' : 'any', pi], rwhat);
      if (part) parts.push(part);
    });
    let window: number | null = null;
    if (rv.window !== undefined && rv.window !== 'sentence') {
      if (typeof rv.window !== 'number' || !Number.isInteger(rv.window) || rv.window < 1 || rv.window > 60) {
        r.error([...rp, 'window'], rwhat, '"window" must be "sentence" or a whole number of tokens 1..60');
      } else window = rv.window;
    }
    let order = false;
    if (rv.order !== undefined) {
      if (typeof rv.order !== 'boolean') r.error([...rp, 'order'], rwhat, '"order" must be true or false');
      else order = rv.order;
    }
    let w = 1;
    if (rv.w !== undefined) {
      if (typeof rv.w !== 'number' || !Number.isFinite(rv.w) || rv.w < 0) r.error([...rp, 'w'], rwhat, '"w" must be a number >= 0');
      else w = rv.w;
    }
    let langs: TargetLang[] = [...TARGET_LANGS];
    if (rv.langs !== undefined) {
      langs = [];
      for (const l of stringList(r, rv.langs, [...rp, 'langs'], `${rwhat} langs`)) {
        const lang = langKey(r, l, [...rp, 'langs'], rwhat);
        if (lang) langs.push(lang);
      }
    }
    const not = idList(r, rv.not, [...rp, 'not'], `${rwhat} not`);
    if (parts.length !== list.length || !RULE_ID_RE.test(id)) return;
    out.push({ id, mode: hasAll ? 'all' : 'any', parts, not, window, order, w, langs, where: `${r.loc(rp)} ${rwhat}` });
  });
  return out;
}

function parseConcepts(r: FileReader, v: unknown): ConceptDef[] {
  const out: ConceptDef[] = [];
  if (!Array.isArray(v)) {
    r.error(['concepts'], '', '"concepts" must be a list of { id, label, terms, include }');
    return out;
  }
  v.forEach((cv, i) => {
    const path = ['concepts', i];
    if (!isObj(cv)) {
      r.error(path, `concepts[${i}]`, 'must be a map with id, label and terms');
      return;
    }
    const id = typeof cv.id === 'string' ? cv.id : '';
    const what = id ? `concept "${id}"` : `concepts[${i}]`;
    r.unknownKeys(cv, ['id', 'label', 'terms', 'include', 'unless', 'shadows'], path, what);
    if (!ID_RE.test(id)) r.error([...path, 'id'], what, `id must match ${ID_RE.source}`);
    const label = typeof cv.label === 'string' && cv.label.trim() !== '' ? cv.label.trim() : '';
    if (!label) r.error([...path, 'label'], what, '"label" must be a non-empty string');
    const include = idList(r, cv.include, [...path, 'include'], `${what} include`);
    const unless = idList(r, cv.unless, [...path, 'unless'], `${what} unless`);
    const shadows = idList(r, cv.shadows, [...path, 'shadows'], `${what} shadows`);
    const terms: ConceptDef['terms'] = [];
    if (cv.terms !== undefined) {
      for (const d of patternGroup(r, cv.terms, [...path, 'terms'], `${what} terms`)) {
        if (d.lang === 'any') r.error([...path, 'terms'], what, '"terms" must be a map of language → list of terms');
        else terms.push({ p: d.p, lang: d.lang, where: d.where });
      }
    }
    if (terms.length === 0 && include.length === 0) r.error(path, what, 'has no terms and includes no concept');
    if (!ID_RE.test(id) || !label) return;
    out.push({ id, label, terms, include, unless, shadows, file: r.name, where: `${r.loc(path)} ${what}` });
  });
  return out;
}

function parseWindow(r: FileReader, v: unknown, path: (string | number)[], dflt: { before: number; after: number }): { before: number; after: number } {
  if (v === undefined) return { ...dflt };
  const out = { ...dflt };
  if (!isObj(v)) {
    r.error(path, 'window', 'must be a map { before: N, after: N }');
    return out;
  }
  for (const k of ['before', 'after'] as const) {
    const x = v[k];
    if (x === undefined) continue;
    if (typeof x !== 'number' || !Number.isInteger(x) || x < 0 || x > 50) r.error([...path, k], 'window', `"${k}" must be a whole number 0..50`);
    else out[k] = x;
  }
  return out;
}

function parseCues(r: FileReader, data: unknown): CueSet {
  const cues: CueSet = {
    negation: { before: [], after: [], ignore: [] },
    reporting: { before: [], after: [], ignore: [] },
    windows: { negation: { ...DEFAULT_WINDOWS.negation }, reporting: { ...DEFAULT_WINDOWS.reporting } },
    quotes: DEFAULT_QUOTES.map(([a, b]) => [a, b] as [string, string]),
    exclude: [],
  };
  if (!isObj(data)) {
    r.error([], '', 'must be a map with negation, reporting, window, quotes');
    return cues;
  }
  r.unknownKeys(data, ['negation', 'reporting', 'window', 'quotes', 'exclude'], [], '');
  for (const kind of ['negation', 'reporting'] as const) {
    const v = data[kind];
    if (v === undefined) continue;
    if (!isObj(v)) {
      r.error([kind], kind, 'must be a map { before: {lang: [cues]}, after: {lang: [cues]}, ignore: {lang: [phrases]} }');
      continue;
    }
    r.unknownKeys(v, ['before', 'after', 'ignore'], [kind], kind);
    for (const side of ['before', 'after', 'ignore'] as const) {
      const defs = patternGroup(r, v[side], [kind, side], `${kind}.${side}`);
      cues[kind][side] = defs;
    }
  }
  if (data.window !== undefined) {
    if (!isObj(data.window)) r.error(['window'], 'window', 'must be a map { negation: {...}, reporting: {...} }');
    else {
      cues.windows.negation = parseWindow(r, data.window.negation, ['window', 'negation'], DEFAULT_WINDOWS.negation);
      cues.windows.reporting = parseWindow(r, data.window.reporting, ['window', 'reporting'], DEFAULT_WINDOWS.reporting);
    }
  }
  if (data.quotes !== undefined) {
    const list = stringList(r, data.quotes, ['quotes'], 'quotes');
    const pairs: [string, string][] = [];
    list.forEach((q, i) => {
      const parts = q.split(/\s+/).filter(Boolean);
      if (parts.length !== 2 || parts.some((x) => x.length > 2)) r.error(['quotes', i], 'quotes', `"${q}" must be "OPEN CLOSE" (each 1-2 characters)`);
      else pairs.push([parts[0]!, parts[1]!]);
    });
    cues.quotes = pairs;
  }
  cues.exclude = patternGroup(r, data.exclude, ['exclude'], 'exclude');
  return cues;
}

/** Validate all files. Frames keep their file order; files are read in name order. */
export function parseLexiconFiles(files: readonly LexiconFile[]): ParseOutcome {
  const errors: string[] = [];
  const warnings: string[] = [];
  const frames: FrameDef[] = [];
  const concepts: ConceptDef[] = [];
  let cues: CueSet | null = null;
  /** A file that did not parse may define what others refer to: do not cascade "names no ..." errors. */
  let unreadable = false;
  const sorted = [...files].filter((f) => isLexiconFileName(f.name)).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const f of sorted) {
    const r = new FileReader(f.name, f.text, errors, warnings);
    if (r.doc.errors.length > 0) {
      // The first syntax error only: one typo makes the parser report everything after it.
      const e = r.doc.errors[0]!;
      const line = e.linePos?.[0]?.line;
      const more = r.doc.errors.length > 1 ? ' (fix it first; later syntax errors in this file may follow from it)' : '';
      errors.push(`${f.name}${line ? `:${line}` : ''}: YAML syntax: ${e.message.split('\n')[0]}${more}`);
      unreadable = true;
      continue;
    }
    let data: unknown;
    try {
      data = r.doc.toJS({ maxAliasCount: -1 }); // local, trusted files: anchors hold shared cue lists
    } catch (err) {
      errors.push(`${f.name}: YAML: ${(err as Error).message}`);
      unreadable = true;
      continue;
    }
    if (f.name.startsWith('_')) {
      if (f.name === CUES_FILE) cues = parseCues(r, data);
      else warnings.push(`${f.name}: unknown settings file (files starting with "_" are settings; only ${CUES_FILE} is read)`);
      continue;
    }
    if (data === null || data === undefined) {
      warnings.push(`${f.name}: empty file`);
      continue;
    }
    if (!isObj(data)) {
      errors.push(`${f.name}: must be a map with "group" and "frames", or with "concepts"`);
      continue;
    }
    r.unknownKeys(data, ['group', 'frames', 'concepts'], [], '');
    if (data.concepts !== undefined) concepts.push(...parseConcepts(r, data.concepts));
    if (data.frames === undefined && data.concepts !== undefined) continue;
    const group = typeof data.group === 'string' ? data.group : '';
    if (!ID_RE.test(group)) r.error(['group'], '', `"group" must match ${ID_RE.source}`);
    if (!Array.isArray(data.frames) || data.frames.length === 0) {
      r.error(['frames'], '', '"frames" must be a non-empty list');
      continue;
    }
    data.frames.forEach((fv, fi) => {
      const fr = parseFrame(r, fv, fi, group);
      if (fr) frames.push(fr);
    });
  }
  // Cross-file checks.
  const seen = new Map<string, FrameDef>();
  for (const fr of frames) {
    const other = seen.get(fr.id);
    if (other) errors.push(`${fr.where}: duplicate frame id (also ${other.where})`);
    else seen.set(fr.id, fr);
  }
  const conceptIds = new Map<string, ConceptDef>();
  for (const c of concepts) {
    const other = conceptIds.get(c.id);
    if (other) errors.push(`${c.where}: duplicate concept id (also ${other.where})`);
    else conceptIds.set(c.id, c);
  }
  if (!unreadable) {
    const unknownConcept = (where: string, id: string): void => {
      if (!conceptIds.has(id)) errors.push(`${where}: "${id}" names no concept${closeTo(id, [...conceptIds.keys()])}`);
    };
    for (const c of concepts) for (const inc of c.include) unknownConcept(`${c.where} include`, inc);
    for (const c of concepts) for (const id of c.unless) unknownConcept(`${c.where} unless`, id);
    for (const c of concepts) for (const id of c.shadows) unknownConcept(`${c.where} shadows`, id);
    for (const fr of frames) {
      for (const t of fr.terms) {
        for (const cue of [...t.requires.flat(), ...t.unless]) {
          if (cue.startsWith('concept:')) unknownConcept(`${t.where} "${t.p}"`, cue.slice('concept:'.length));
          if (!cue.startsWith('frame:')) continue;
          const ref = cue.slice('frame:'.length);
          if (!seen.has(ref)) errors.push(`${t.where} "${t.p}": "${cue}" names no frame`);
          else if (ref === fr.id) errors.push(`${t.where} "${t.p}": "${cue}" refers to its own frame`);
        }
        for (const id of t.veto) unknownConcept(`${t.where} "${t.p}" veto`, id);
      }
      for (const id of [...fr.veto, ...fr.ref, ...fr.refNot, ...fr.targetNot, ...fr.targetIs]) unknownConcept(fr.where, id);
      for (const rule of fr.rules) for (const id of [...rule.parts.flatMap((p) => p.concepts), ...rule.not]) unknownConcept(rule.where, id);
    }
  }
  if (frames.length === 0 && errors.length === 0) errors.push('no frames: the lexicon directory holds no frame files');
  if (!unreadable) errors.push(...conceptCycles(concepts));
  if (cues === null) {
    warnings.push(`${CUES_FILE}: missing; negation/reporting flags use quotation marks only`);
    cues = parseCues(new FileReader(CUES_FILE, '{}', errors, warnings), {});
  }
  return {
    set: { frames, concepts, cues, version: lexiconVersion(files.filter((f) => isLexiconFileName(f.name))), files: sorted.map((f) => f.name) },
    errors,
    warnings,
  };
}

/** " (did you mean x?)" when an unknown id is close to a known one. */
function closeTo(id: string, known: readonly string[]): string {
  let best = '';
  let bestD = Infinity;
  for (const k of known) {
    const d = editDistance(id, k);
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return best && bestD <= Math.max(2, Math.floor(id.length / 4)) ? ` (did you mean "${best}"?)` : '';
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/** Include cycles among concepts (a includes b includes a), one message per cycle. */
function conceptCycles(concepts: readonly ConceptDef[]): string[] {
  const byId = new Map(concepts.map((c) => [c.id, c]));
  const state = new Map<string, 1 | 2>(); // 1 = on the path, 2 = done
  const out: string[] = [];
  const visit = (c: ConceptDef, path: string[]): void => {
    state.set(c.id, 1);
    for (const inc of c.include) {
      const next = byId.get(inc);
      if (!next) continue;
      if (state.get(inc) === 1) {
        const cycle = [...path.slice(path.indexOf(inc)), inc];
        out.push(`${next.where}: include cycle ${cycle.join(' → ')}`);
      } else if (state.get(inc) === undefined) visit(next, [...path, inc]);
    }
    state.set(c.id, 2);
  };
  for (const c of concepts) if (state.get(c.id) === undefined) visit(c, [c.id]);
  return out;
}
