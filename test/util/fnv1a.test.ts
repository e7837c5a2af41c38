// FNV-1a 32: the published test vectors (ASCII, where code units are bytes), and code units beyond
// ASCII hashed as one unit each (the lexicon cache's tables and the phrase filter depend on it).
import { describe, expect, it } from 'vitest';
import { fnv1a } from '../../src/util/fnv1a.js';

describe('fnv1a', () => {
  it.each([
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['foobar', 0xbf9cf968],
  ])('%j → the reference value', (s, h) => {
    expect(fnv1a(s)).toBe(h);
  });

  it('Arabic script: one step per UTF-16 code unit, unsigned', () => {
    let h = 0x811c9dc5;
    for (const u of [0x062e, 0x0648, 0x0627, 0x0631, 0x062c]) h = Math.imul(h ^ u, 0x01000193);
    expect(fnv1a('خوارج')).toBe(h >>> 0);
    expect(fnv1a('خوارج')).not.toBe(fnv1a('خوارح'));
  });
});
