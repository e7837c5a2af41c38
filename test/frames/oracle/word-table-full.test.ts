// Words the word table has no room for (src/language/word-table.ts) are matched by their strings
// instead of their ids: with the table filled before any post is seen, the optimized tagger must
// still give exactly the oracle's results. (Each test file runs in its own worker, so filling the
// table here touches no other test.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFragments, loadLexiconTerms, termPools } from '../../../bench/sources.js';
import { createCorpus } from '../../../bench/corpus.js';
import { loadTagger } from '../../../src/frames/load-tagger.js';
import { detectLanguage } from '../../../src/language/detect.js';
import { tokenize } from '../../../src/language/tokenize.js';
import { NO_WORD, WORD_LIMIT, wordCount } from '../../../src/language/word-table.js';
import { DEMO_DIR, LEXICON_DIR, PACKAGE_ROOT } from '../../../src/paths.js';
import type { Lang } from '../../../src/types.js';
import { tagText as referenceTag } from './reference-tagger.js';

describe('with the word table full', () => {
  // Fill the table with made-up words before anything else is tokenized.
  const filler = Array.from({ length: WORD_LIMIT + 10 }, (_, i) => `zq${i.toString(36)}`).join(' ');
  tokenize(filler);

  it('stops growing at its limit and gives new words no id', () => {
    expect(wordCount()).toBe(WORD_LIMIT);
    const toks = tokenize('The Taliban are servants of America. طالبان د امریکا غلامان دي. الخوارج كلاب النار');
    expect(toks.map((t) => t.key)).toEqual(['the', 'taliban', 'are', 'servants', 'of', 'america', 'طالبان', 'د', 'امریکا', 'غلامان', 'دی', 'الخوارج', 'کلاب', 'النار']);
    expect(toks.every((t) => t.id === NO_WORD)).toBe(true);
    expect(wordCount()).toBe(WORD_LIMIT);
  });

  it('tags exactly as the oracle on bench posts and the demo corpus in four languages', () => {
    const tagger = loadTagger();
    const corpus = createCorpus({ seed: 11, fragments: loadFragments(DEMO_DIR).pools, terms: termPools(loadLexiconTerms(LEXICON_DIR)) });
    const items: { text: string; lang: Lang }[] = corpus.sample(1500).map((p) => ({ text: p.text, lang: p.lang as Lang }));
    for (const line of readFileSync(join(PACKAGE_ROOT, 'demo', 'corpus.jsonl'), 'utf8').split('\n')) {
      if (line.trim()) {
        const text = (JSON.parse(line) as { text: string }).text;
        items.push({ text, lang: detectLanguage(text).lang });
      }
    }
    let tagged = 0;
    const langs = new Set<Lang>();
    for (const { text, lang } of items) {
      const got = tagger.tag(text, lang, { near: true });
      expect(got, `${lang}: ${text}`).toEqual(referenceTag(tagger.compiled, text, lang, { near: true }));
      if (got.frames.length > 0) {
        tagged++;
        langs.add(lang);
      }
    }
    expect(tagged).toBeGreaterThan(500);
    expect([...langs].sort()).toEqual(['arb', 'eng', 'prs', 'pus']);
  });
});
