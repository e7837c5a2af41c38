// Every optimization of the tagger must keep its results: the optimized tagger (src/frames/tag.ts) and
// the straightforward oracle (reference-tagger.ts) must agree exactly (frames, scores, every hit with
// its offsets, rule and flags) on thousands of posts in the four languages.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFragments, loadLexiconTerms, termPools } from '../../../bench/sources.js';
import { createCorpus } from '../../../bench/corpus.js';
import { loadTagger } from '../../../src/frames/load-tagger.js';
import { detectLanguage } from '../../../src/language/detect.js';
import { DEMO_DIR, LEXICON_DIR, PACKAGE_ROOT } from '../../../src/paths.js';
import type { Lang, Side } from '../../../src/types.js';
import { tagText as referenceTag } from './reference-tagger.js';

const tagger = loadTagger();
const SHARED = join(PACKAGE_ROOT, '..', 'shared', 'data');

function texts(): { text: string; lang: Lang }[] {
  const corpus = createCorpus({ seed: 7, fragments: loadFragments(DEMO_DIR).pools, terms: termPools(loadLexiconTerms(LEXICON_DIR)) });
  const out = corpus.sample(3000).map((p) => ({ text: p.text, lang: p.lang as Lang }));
  for (const f of [join(PACKAGE_ROOT, 'test', 'frames', 'probes', 'held-out.jsonl'), join(PACKAGE_ROOT, 'demo', 'corpus.jsonl')]) {
    for (const line of readFileSync(f, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const text = (JSON.parse(line) as { text?: string }).text;
      if (typeof text === 'string') out.push({ text, lang: detectLanguage(text).lang });
    }
  }
  return out;
}

describe('the optimized tagger gives exactly the oracle results', () => {
  const all = texts();

  it(`on ${all.length} posts (bench corpus, probes, demo corpus), with and without a channel side`, () => {
    let tagged = 0;
    for (const { text, lang } of all) {
      for (const side of [null, 'taliban', 'iskp'] as (Side | null)[]) {
        const got = tagger.tag(text, lang, { side });
        expect(got, `${lang} ${side}: ${text}`).toEqual(referenceTag(tagger.compiled, text, lang, { side }));
        if (got.frames.length) tagged++;
      }
    }
    expect(tagged).toBeGreaterThan(all.length); // the comparison covers many tagged posts
  });

  it.skipIf(!existsSync(SHARED))('on the shared dev files (skipped when ../shared is absent)', () => {
    for (const f of ['frames-dev.jsonl', 'frames-dev-2.jsonl', 'langid-dev.jsonl']) {
      for (const line of readFileSync(join(SHARED, f), 'utf8').split('\n')) {
        if (!line.trim()) continue;
        const text = (JSON.parse(line) as { text: string }).text;
        const lang = detectLanguage(text).lang;
        expect(tagger.tag(text, lang), text).toEqual(referenceTag(tagger.compiled, text, lang));
      }
    }
  });
});
