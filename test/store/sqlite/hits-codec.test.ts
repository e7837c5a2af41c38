// The compact hits form of post_frames (migration 008): what is encoded decodes to the same hits,
// key order included, on the tagger's real output; shapes it does not cover stay JSON.
import { describe, expect, it } from 'vitest';
import { parseJsonHits } from '../../../src/store/query-rows.js';
import { decodeHits, encodeHits, jsonHits } from '../../../src/store/sqlite/hits-codec.js';
import { connectionOf } from '../../../src/store/sqlite/sqlite-store.js';
import { vocabOf } from '../../../src/store/sqlite/vocab.js';
import type { FrameHit } from '../../../src/types.js';
import { derivedBenchPosts } from '../../helpers/bench-corpus.js';
import { tempStore } from '../../helpers/temp-store.js';

const vocabIn = (store: ReturnType<typeof tempStore>) => vocabOf(connectionOf(store));
const hit = (over: Partial<FrameHit> = {}): FrameHit => ({
  frame: 'puppet',
  term: 'servant*',
  matched: 'servants',
  start: 4,
  end: 12,
  weight: 1,
  negated: false,
  quoted: false,
  ...over,
});
const TEXT = 'The servants of America';

describe('compact hits', () => {
  it('round-trip every tag of 1,500 bench posts exactly, in far fewer bytes than JSON', () => {
    const store = tempStore();
    const vocab = vocabIn(store);
    const { posts, derived } = derivedBenchPosts(1500);
    let tags = 0;
    let compact = 0;
    let json = 0;
    let withRule = 0;
    derived.forEach((d, i) => {
      const text = posts[i]!.text;
      for (const f of d.tags.frames) {
        const blob = encodeHits(f.hits, text, vocab);
        expect(blob).not.toBeNull();
        const back = decodeHits(f.frame, blob!, text, vocab);
        expect(JSON.stringify(back)).toBe(JSON.stringify(f.hits)); // same keys in the same order
        tags++;
        compact += blob!.length;
        json += Buffer.byteLength(jsonHits(f.hits));
        withRule += f.hits.filter((h) => h.rule !== undefined).length;
      }
    });
    expect(tags).toBeGreaterThan(1500);
    expect(withRule).toBeGreaterThan(0);
    expect(compact * 8).toBeLessThan(json);
  });

  it('keeps a matched text that is not the slice, any weight, and flags', () => {
    const vocab = vocabIn(tempStore());
    const hits = [
      hit({ matched: 'Servants!', negated: true }),
      hit({ weight: 0.3, quoted: true, rule: 'r1', part: 'p1' }),
      hit({ weight: -2, start: 0, end: 0, matched: '' }),
      hit({ weight: 1e6, part: 'only-part' }),
    ];
    const blob = encodeHits(hits, TEXT, vocab)!;
    expect(JSON.stringify(decodeHits('puppet', blob, TEXT, vocab))).toBe(JSON.stringify(hits));
  });

  it('returns null for a shape it does not cover; JSON records (before 008) still read', () => {
    const vocab = vocabIn(tempStore());
    expect(encodeHits([{ ...hit(), extra: 1 } as FrameHit], TEXT, vocab)).toBeNull();
    expect(encodeHits([hit({ start: 1.5 })], TEXT, vocab)).toBeNull();
    const legacy = jsonHits([hit({ rule: 'r' })]);
    expect(decodeHits('puppet', legacy, TEXT, vocab)).toEqual([hit({ rule: 'r' })]);
    expect(parseJsonHits('puppet', 'not json')).toEqual([]);
    expect(decodeHits('puppet', Buffer.from([9, 1, 2]), TEXT, vocab)).toEqual([]);
  });
});
