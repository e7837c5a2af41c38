// Honest baselines for the tag figure, measured in the same run on the same posts:
//   - alternation: one alternation RegExp per frame over the normalized text (word boundaries by
//     lookaround, globs as letter runs), what a careful developer writes without a lexicon compiler;
//   - Aho-Corasick: one automaton over every normalized frame term (modern-ahocorasick, a maintained
//     npm package), substring matching only.
// Both do less than the tagger: no stems, morphology, rules, exclusions, requirements, weights or flags.
import AhoCorasick from 'modern-ahocorasick';
import { LexiconError } from '../src/frames/lexicon-types.js';
import { parseLexiconFiles } from '../src/frames/parse-lexicons.js';
import { readLexiconFiles } from '../src/frames/read-lexicons.js';
import { normalizeText } from '../src/language/normalize.js';

const W = '[\\p{L}\\p{M}\\p{N}]';

function termSource(p: string): string {
  const words = normalizeText(p).split(/[^\p{L}\p{M}\p{N}*?]+/u).filter(Boolean);
  return words.map((w) => w.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, `${W}*`).replace(/\?/g, W)).join(`(?:(?!${W}).)+`);
}

export interface Baselines {
  /** Frames whose alternation matches the text. */
  alternation(text: string): number;
  /** Frames with a term occurring as a substring of the normalized text. */
  ahoCorasick(text: string): number;
  terms: number;
}

export function loadBaselines(dir: string): Baselines {
  const { set, errors } = parseLexiconFiles(readLexiconFiles(dir));
  if (errors.length > 0) throw new LexiconError(errors);
  const frames = set.frames.map((f) => f.terms.filter((t) => t.w > 0));
  const res = frames.map((terms) => new RegExp(`(?<!${W})(?:${terms.map((t) => termSource(t.p)).join('|')})(?!${W})`, 'u'));
  const patterns: string[] = [];
  const frameOf: number[] = [];
  frames.forEach((terms, fi) => {
    for (const t of terms) {
      const k = normalizeText(t.p.replace(/[*?]/g, '')).trim();
      if (k.length >= 2) {
        patterns.push(k);
        frameOf.push(fi);
      }
    }
  });
  const ac = new AhoCorasick(patterns);
  const seen = new Uint8Array(frames.length);
  return {
    terms: patterns.length,
    alternation(text) {
      const norm = normalizeText(text);
      let n = 0;
      for (const re of res) if (re.test(norm)) n++;
      return n;
    },
    ahoCorasick(text) {
      seen.fill(0);
      let n = 0;
      for (const hit of ac.iterate(normalizeText(text))) {
        const fi = frameOf[hit.patternIndex]!;
        if (seen[fi] === 0) {
          seen[fi] = 1;
          n++;
        }
      }
      return n;
    },
  };
}
