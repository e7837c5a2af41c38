import { describe, expect, it } from 'vitest';
import { loadTagger } from '../../src/frames/load-tagger.js';

// Reporting cues are matched as written: "stated"/"termed" must not fire on "Islamic State" / "terms".
describe('cues are not stemmed', () => {
  const tagger = loadTagger();
  const flags = (text: string) => tagger.tag(text, 'eng').frames.find((f) => f.frame === 'apostasy')?.hits[0];

  it.each([
    ['Fighters of the Islamic State attacked the apostates in Kabul', false],
    ['In terms of religion, the Taliban are apostates', false],
    ['The spokesman stated that the Taliban are apostates', true],
  ])('%s → quoted %s', (text, quoted) => {
    const hit = flags(text);
    expect(hit).toBeDefined();
    expect(hit!.quoted).toBe(quoted);
  });
});
