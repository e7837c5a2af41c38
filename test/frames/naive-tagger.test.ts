import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadTagger } from '../../src/frames/load-tagger.js';
import { loadNaiveTagger, naiveTag } from '../../src/frames/naive-tagger.js';
import type { Lang } from '../../src/types.js';

const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'lexicon');

describe('naive baseline (one RegExp per term)', () => {
  const naive = loadNaiveTagger(FIXTURE);
  const engine = loadTagger(FIXTURE);

  it.each([
    ['They are agents of America', 'eng'],
    ['قاتلوا خوارج العصر', 'arb'],
    ['دوی ګوډاګي دي', 'pus'],
    ['خارجی ها آمدند', 'prs'],
    ['the weather in Kabul', 'eng'],
  ])('agrees with the engine on plain cases: %s', (text, lang) => {
    const a = naiveTag(naive, text, lang as Lang).frames.map((f) => f.frame).sort();
    const b = engine.tag(text, lang as Lang).frames.map((f) => f.frame).sort();
    expect(a).toEqual(b);
  });

  it('respects Unicode word boundaries in Arabic script', () => {
    expect(naiveTag(naive, 'الخوارجيين').frames).toEqual([]);
    expect(naiveTag(naive, 'مرتدين').frames.map((f) => f.frame)).toEqual(['apostasy']);
  });

  it('knows nothing of exclusions (the engine does)', () => {
    expect(naiveTag(naive, 'the puppet show').frames.map((f) => f.frame)).toEqual(['puppet_foreign_agent']);
    expect(engine.tag('the puppet show', 'eng').frames).toEqual([]);
  });
});
