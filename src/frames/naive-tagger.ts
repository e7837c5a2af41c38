// The naive baseline the bench compares against: one Unicode-boundary RegExp per term, run over the
// normalized text. Same lexicon, thresholds and weights; no stems, clitics, exclusions, requirements or
// flags. It exists to be measured, not used.
import { normalizeText } from '../language/normalize.js';
import { LEXICON_DIR } from '../paths.js';
import type { FrameTag, Lang, TagResult } from '../types.js';
import { LexiconError, type LexiconSet } from './lexicon-types.js';
import { parseLexiconFiles } from './parse-lexicons.js';
import { readLexiconFiles } from './read-lexicons.js';

interface NaiveTerm {
  re: RegExp;
  term: string;
  weight: number;
}

export interface NaiveTagger {
  version: string;
  frames: { id: string; threshold: number; terms: NaiveTerm[] }[];
}

const W = '[\\p{L}\\p{M}\\p{N}]';

function termRegExp(p: string): RegExp {
  const words = normalizeText(p).split(/[^\p{L}\p{M}\p{N}*?]+/u).filter(Boolean);
  const body = words
    .map((w) => w.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, `${W}*`).replace(/\?/g, W))
    .join(`(?:(?!${W}).)+`);
  return new RegExp(`(?<!${W})${body}(?!${W})`, 'gu');
}

export function buildNaiveTagger(set: LexiconSet): NaiveTagger {
  return {
    version: set.version,
    frames: set.frames.map((f) => ({
      id: f.id,
      threshold: f.threshold,
      terms: f.terms.filter((t) => t.w > 0).map((t) => ({ re: termRegExp(t.p), term: t.p, weight: t.w })),
    })),
  };
}

export function loadNaiveTagger(dir: string = LEXICON_DIR): NaiveTagger {
  const { set, errors } = parseLexiconFiles(readLexiconFiles(dir));
  if (errors.length > 0) throw new LexiconError(errors);
  return buildNaiveTagger(set);
}

/** Tag by scanning the normalized text once per term. */
export function naiveTag(n: NaiveTagger, text: string, _lang: Lang = 'und'): TagResult {
  const norm = normalizeText(text);
  const frames: FrameTag[] = [];
  for (const f of n.frames) {
    let score = 0;
    for (const t of f.terms) {
      t.re.lastIndex = 0;
      if (t.re.test(norm)) score += t.weight;
    }
    if (score >= f.threshold) frames.push({ frame: f.id, score, hits: [], negated: false, quoted: false });
  }
  return { frames, lexiconVersion: n.version };
}
