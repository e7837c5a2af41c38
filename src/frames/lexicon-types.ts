// Validated lexicon shapes (what the YAML files say, checked), before compilation.
import { UserError } from '../errors.js';
import type { Side, TargetLang } from '../types.js';

/** An invalid lexicon: the daemon, the pipeline and the tagger refuse to start. */
export class LexiconError extends UserError {
  constructor(readonly problems: string[]) {
    const first = problems[0] ?? 'unknown problem';
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more; run "framewatch lexicon check")` : '';
    super(`invalid lexicon: ${first}${more}`);
    this.name = 'LexiconError';
  }
}

export interface LexiconFile {
  /** File name inside the lexicon directory, e.g. "iskp-on-taliban.yaml". */
  name: string;
  text: string;
}

export interface TermDef {
  /** Pattern as written in the file. */
  p: string;
  lang: TargetLang;
  w: number;
  /**
   * Requirement groups, all of which must hold; a group holds when one of its cue patterns or
   * "frame:<id>" is present. The term's own `requires` and its frame's `requires` are two groups.
   */
  requires: string[][];
  /** Cue patterns or "frame:<id>": the term does not count if one of them is present. */
  unless: string[];
  /** Applies only to posts detected in the term's own language. */
  strict: boolean;
  /** Context concepts: the term does not count in a sentence where one of them occurs. */
  veto: string[];
  /** "file.yaml:12 frame apostasy terms.eng[3]" for messages. */
  where: string;
}

/** A named multilingual term set, defined once and used by rules, vetoes and actor references. */
export interface ConceptDef {
  id: string;
  label: string;
  /** Patterns per language (same syntax as terms). */
  terms: { p: string; lang: TargetLang; where: string }[];
  /** Other concepts whose terms this one includes. */
  include: string[];
  /**
   * As a context (a veto or a rule's `not`), the concept does not count in a sentence that also has
   * one of these: scripture quoted in a sentence that names Daesh is not a sermon.
   */
  unless: string[];
  /**
   * Concepts whose words do not count inside an occurrence of this one: the "Taliban" and "Pakistan"
   * in "Tehrik-e-Taliban Pakistan" are part of a name, not references of their own.
   */
  shadows: string[];
  file: string;
  where: string;
}

/** One part of a rule: any of these concepts fills it. */
export interface RulePart {
  concepts: string[];
  /** As written, for messages and display ("subordination", "foreign_power|intelligence_service"). */
  label: string;
}

/**
 * A rule over concepts. `all`: every part must be present (each on its own words); `any`: one part is
 * enough. Scope: within `window` tokens (from the first part's first word to the last part's last
 * word), or within one sentence (the default). `order`: the parts appear in the order listed.
 * `not`: the rule does not fire when one of these concepts is in the same scope.
 */
export interface RuleDef {
  id: string;
  mode: 'all' | 'any';
  parts: RulePart[];
  not: string[];
  window: number | null;
  order: boolean;
  w: number;
  /** Languages the rule is meant for (default: all four); `lexicon check` wants every part to cover them. */
  langs: TargetLang[];
  where: string;
}

export interface PatternDef {
  p: string;
  /** Language section it was listed under ('any' for a plain list). */
  lang: TargetLang | 'any';
  where: string;
}

export interface FrameDef {
  id: string;
  label: string;
  actor: string;
  target?: string;
  definition: string;
  group: string;
  threshold: number;
  terms: TermDef[];
  rules: RuleDef[];
  exclude: PatternDef[];
  /** Context concepts that veto every term and rule hit in their sentence (history, sport, theatre). */
  veto: string[];
  /** Actor reference: one of these concepts must occur in the post ... */
  ref: string[];
  /** A reference in a sentence with one of these context concepts does not count (history told with "killed"). */
  refNot: string[];
  /**
   * Other targets: a term hit does not count when, within targetWindow words of it, the nearest word
   * naming one of these concepts or the frame's target is one of these ("views Shias as apostates").
   */
  targetNot: string[];
  /** The parties the frame's words are aimed at, for targetNot (default: the reference concepts). */
  targetIs: string[];
  targetWindow: number;
  /** ... unless the post comes from a channel of this side (the side that uses the frame). */
  side: Side | null;
  file: string;
  where: string;
}

export interface CueWindows {
  negation: { before: number; after: number };
  reporting: { before: number; after: number };
}

export interface CueSet {
  /** Cue precedes the hit ("not a puppet") / follows it (verb-final: "... مزدور نیست"); `ignore`
   *  phrases cancel a cue they overlap ("nothing but", "no doubt", "لا سيما"). */
  negation: { before: PatternDef[]; after: PatternDef[]; ignore: PatternDef[] };
  reporting: { before: PatternDef[]; after: PatternDef[]; ignore: PatternDef[] };
  windows: CueWindows;
  /** Quotation mark pairs [open, close]; a pair with open === close toggles. */
  quotes: [string, string][];
  /** Global exclusions: veto an overlapping hit of any frame. */
  exclude: PatternDef[];
}

export interface LexiconSet {
  frames: FrameDef[];
  concepts: ConceptDef[];
  cues: CueSet;
  /** Content hash of all lexicon files. */
  version: string;
  files: string[];
}

export const DEFAULT_WINDOWS: CueWindows = {
  negation: { before: 3, after: 3 },
  reporting: { before: 12, after: 8 },
};

export const DEFAULT_QUOTES: [string, string][] = [
  ['«', '»'],
  ['“', '”'],
  ['"', '"'],
];
