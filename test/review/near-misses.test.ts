// The tagger's near misses (TagContext.near), which review samples stratify by: asked for, they come
// back as frame ids; not asked for, the result has no `near` key at all; and the optimized tagger
// agrees with the oracle on them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTagger } from '../../src/frames/load-tagger.js';
import { detectLanguage } from '../../src/language/detect.js';
import { DEMO_DIR, PACKAGE_ROOT } from '../../src/paths.js';
import type { Lang, Side } from '../../src/types.js';
import { tagText as referenceTag } from '../frames/oracle/reference-tagger.js';

const tagger = loadTagger();
const near = (text: string, lang: Lang) => tagger.tag(text, lang, { near: true });

describe('near misses', () => {
  it('a rule that lacks one part of three: Dari "the Taliban are slaves" without the foreign master', () => {
    const r = near('طالبان غلامان هستند', 'prs');
    expect(r.frames).toEqual([]);
    expect(r.near).toContain('puppet_foreign_agent');
    // With the master named, the frame is tagged and no longer a near miss.
    const full = near('طالبان غلامان امریکا هستند', 'prs');
    expect(full.frames.map((f) => f.frame)).toContain('puppet_foreign_agent');
    expect(full.near).not.toContain('puppet_foreign_agent');
  });

  it('a score above 0 but under the threshold: counter-terrorism alone weighs half', () => {
    const r = near('The conference on counterterrorism opened in Doha.', 'eng');
    expect(r.frames).toEqual([]);
    expect(r.near).toEqual(['counterterrorism_cooperation']);
  });

  it('tagged frames are never near misses; plain news has none', () => {
    const r = near('الخوارج قتلوا المصلين في المسجد', 'arb');
    const tagged = r.frames.map((f) => f.frame);
    expect(tagged).toContain('khawarij');
    for (const f of tagged) expect(r.near).not.toContain(f);
    expect(near('Markets in Herat opened early today.', 'eng').near).toEqual([]);
    expect(near('', 'und').near).toEqual([]);
  });

  it('not asked for: no `near` key, the result as before', () => {
    for (const [text, lang] of [
      ['طالبان غلامان هستند', 'prs'],
      ['د خوارجو ډله بیا ماته وخوړه', 'pus'],
      ['', 'und'],
    ] as const) {
      const plain = tagger.tag(text, lang);
      expect(Object.keys(plain)).not.toContain('near');
      const { near: _ignored, ...rest } = near(text, lang);
      expect(rest).toEqual(plain);
    }
  });

  it('the optimized tagger and the oracle agree on near misses (demo corpus and probes, every side)', () => {
    const texts: string[] = [];
    for (const f of [join(DEMO_DIR, 'corpus.jsonl'), join(PACKAGE_ROOT, 'test', 'frames', 'probes', 'held-out.jsonl')]) {
      for (const line of readFileSync(f, 'utf8').split('\n')) if (line.trim()) texts.push((JSON.parse(line) as { text: string }).text);
    }
    let withNear = 0;
    for (const text of texts) {
      const lang = detectLanguage(text).lang;
      for (const side of [null, 'taliban', 'iskp'] as (Side | null)[]) {
        const got = tagger.tag(text, lang, { side, near: true });
        expect(got, text).toEqual(referenceTag(tagger.compiled, text, lang, { side, near: true }));
        if (got.near!.length > 0) withNear++;
      }
    }
    expect(withNear).toBeGreaterThan(texts.length / 2);
  });
});
