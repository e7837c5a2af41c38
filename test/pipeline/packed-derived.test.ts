// What a derive worker hands back (src/packed-derived.ts) unpacks to exactly what derive() gave.
import { describe, expect, it } from 'vitest';
import { packDerived, unpackDerived } from '../../src/packed-derived.js';
import type { Derived } from '../../src/pipeline.js';
import { derivedBenchPosts } from '../helpers/bench-corpus.js';

describe('packed derivations', () => {
  it('unpack(pack(x)) equals x on 2,000 bench posts, keys in the same order', () => {
    const { posts, derived } = derivedBenchPosts(2000);
    const texts = posts.map((p) => p.text);
    const packed = packDerived(texts, derived);
    expect(packed.kind).toBe('packed');
    const back = unpackDerived(texts, structuredClone(packed));
    expect(JSON.stringify(back)).toBe(JSON.stringify(derived));
    expect(derived.some((d) => d.tags.frames.some((f) => f.hits.some((h) => h.rule !== undefined)))).toBe(true);
  });

  it('keeps a truncated tag, a matched text that is not the slice, and an empty batch', () => {
    const text = 'The servants of America';
    const d: Derived = {
      language: { lang: 'eng', guess: 'eng', confidence: 0.5, reason: 'franc' },
      tags: {
        frames: [
          {
            frame: 'puppet',
            score: 1.25,
            hits: [{ frame: 'puppet', term: 'servant*', matched: 'SERVANTS', start: 4, end: 12, weight: 0.25, negated: true, quoted: false, part: 'p' }],
            negated: true,
            quoted: false,
          },
        ],
        lexiconVersion: 'v1',
        truncatedAt: 10,
      },
    };
    expect(unpackDerived([text], packDerived([text], [d]))).toEqual([d]);
    expect(unpackDerived([], packDerived([], []))).toEqual([]);
  });

  it('falls back to the plain objects for a shape it does not know', () => {
    const text = 'x';
    const d = { language: { lang: 'und', guess: 'und', confidence: 0, reason: 'too-short' }, tags: { frames: [], lexiconVersion: 'v', near: ['a'] } } as Derived;
    const packed = packDerived([text], [d]);
    expect(packed.kind).toBe('plain');
    expect(unpackDerived([text], packed)).toEqual([d]);
  });
});
