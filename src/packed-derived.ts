// A batch of derivations as a worker thread hands it back: a string table and two number arrays
// instead of ~10 objects per post. Structured cloning of the plain objects cost the receiving
// (writing) thread ~45 µs per post on the bench corpus; rebuilding them from this form costs a few.
//
// Hits' `matched` is left out when it is text.slice(start, end) (the tagger's rule), and put back
// from the text. Anything of another shape (a field this code does not know) travels as the plain
// objects: unpack(pack(x)) always equals x.
import type { Derived } from './pipeline.js';
import type { DetectResult, FrameHit, FrameTag, Lang } from './types.js';

export interface PackedDerived {
  kind: 'packed';
  strings: string[];
  ints: Int32Array;
  nums: Float64Array;
}

export type DerivedBatch = PackedDerived | { kind: 'plain'; derived: Derived[] };

const NEGATED = 1;
const QUOTED = 2;
const RULE = 4;
const PART = 8;
const MATCHED = 16;

const HIT_KEYS = new Set(['frame', 'term', 'matched', 'start', 'end', 'weight', 'negated', 'quoted', 'rule', 'part']);

function keysWithin(o: object, allowed: readonly string[]): boolean {
  for (const k in o) if (!allowed.includes(k)) return false;
  return true;
}

const isIndex = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 0x7fffffff;

/** Whether `d` has exactly the shape pack() covers. */
function packable(d: Derived): boolean {
  if (!keysWithin(d, ['language', 'tags'])) return false;
  const l = d.language;
  if (!keysWithin(l, ['lang', 'guess', 'confidence', 'reason']) || typeof l.confidence !== 'number') return false;
  if (typeof l.lang !== 'string' || typeof l.guess !== 'string' || typeof l.reason !== 'string') return false;
  const t = d.tags;
  if (!keysWithin(t, ['frames', 'lexiconVersion', 'truncatedAt']) || typeof t.lexiconVersion !== 'string') return false;
  if (t.truncatedAt !== undefined && !isIndex(t.truncatedAt)) return false;
  for (const f of t.frames) {
    if (!keysWithin(f, ['frame', 'score', 'hits', 'negated', 'quoted']) || typeof f.frame !== 'string' || typeof f.score !== 'number') return false;
    if (typeof f.negated !== 'boolean' || typeof f.quoted !== 'boolean') return false;
    for (const h of f.hits) {
      for (const k in h) if (!HIT_KEYS.has(k)) return false;
      if (h.frame !== f.frame || typeof h.term !== 'string' || typeof h.matched !== 'string' || typeof h.weight !== 'number') return false;
      if (!isIndex(h.start) || !isIndex(h.end) || typeof h.negated !== 'boolean' || typeof h.quoted !== 'boolean') return false;
      if ((h.rule !== undefined && typeof h.rule !== 'string') || (h.part !== undefined && typeof h.part !== 'string')) return false;
    }
  }
  return true;
}

/** Packs the derivations of `texts` (derived[i] is of texts[i]). */
export function packDerived(texts: readonly string[], derived: readonly Derived[]): DerivedBatch {
  if (!derived.every(packable)) return { kind: 'plain', derived: [...derived] };
  const strings: string[] = [];
  const index = new Map<string, number>();
  const s = (v: string): number => {
    let i = index.get(v);
    if (i === undefined) {
      i = strings.length;
      strings.push(v);
      index.set(v, i);
    }
    return i;
  };
  const ints: number[] = [];
  const nums: number[] = [];
  derived.forEach((d, i) => {
    const text = texts[i]!;
    const { language: l, tags } = d;
    ints.push(s(l.lang), s(l.guess), s(l.reason), s(tags.lexiconVersion), tags.truncatedAt === undefined ? 0 : tags.truncatedAt + 1, tags.frames.length);
    nums.push(l.confidence);
    for (const f of tags.frames) {
      ints.push(s(f.frame), (f.negated ? NEGATED : 0) | (f.quoted ? QUOTED : 0), f.hits.length);
      nums.push(f.score);
      for (const h of f.hits) {
        const own = text.slice(h.start, h.end) !== h.matched;
        const bits =
          (h.negated ? NEGATED : 0) |
          (h.quoted ? QUOTED : 0) |
          (h.rule !== undefined ? RULE : 0) |
          (h.part !== undefined ? PART : 0) |
          (own ? MATCHED : 0);
        ints.push(s(h.term), h.start, h.end, bits);
        if (h.rule !== undefined) ints.push(s(h.rule));
        if (h.part !== undefined) ints.push(s(h.part));
        if (own) ints.push(s(h.matched));
        nums.push(h.weight);
      }
    }
  });
  return { kind: 'packed', strings, ints: Int32Array.from(ints), nums: Float64Array.from(nums) };
}

/** The derivations of `texts` back as the tagger and detector gave them. */
export function unpackDerived(texts: readonly string[], b: DerivedBatch): Derived[] {
  if (b.kind === 'plain') return b.derived;
  const { strings: str, ints, nums } = b;
  let ip = 0;
  let np = 0;
  const out: Derived[] = new Array<Derived>(texts.length);
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i]!;
    const language: DetectResult = { lang: str[ints[ip]!]! as Lang, guess: str[ints[ip + 1]!]!, confidence: nums[np++]!, reason: str[ints[ip + 2]!]! };
    const lexiconVersion = str[ints[ip + 3]!]!;
    const truncated = ints[ip + 4]!;
    const nFrames = ints[ip + 5]!;
    ip += 6;
    const frames: FrameTag[] = new Array<FrameTag>(nFrames);
    for (let f = 0; f < nFrames; f++) {
      const frame = str[ints[ip]!]!;
      const fbits = ints[ip + 1]!;
      const nHits = ints[ip + 2]!;
      ip += 3;
      const score = nums[np++]!;
      const hits: FrameHit[] = new Array<FrameHit>(nHits);
      for (let h = 0; h < nHits; h++) {
        const term = str[ints[ip]!]!;
        const start = ints[ip + 1]!;
        const end = ints[ip + 2]!;
        const bits = ints[ip + 3]!;
        ip += 4;
        const rule = bits & RULE ? str[ints[ip++]!]! : undefined;
        const part = bits & PART ? str[ints[ip++]!]! : undefined;
        const matched = bits & MATCHED ? str[ints[ip++]!]! : text.slice(start, end);
        const hit: FrameHit = { frame, term, matched, start, end, weight: nums[np++]!, negated: (bits & NEGATED) !== 0, quoted: (bits & QUOTED) !== 0 };
        if (rule !== undefined) hit.rule = rule;
        if (part !== undefined) hit.part = part;
        hits[h] = hit;
      }
      frames[f] = { frame, score, hits, negated: (fbits & NEGATED) !== 0, quoted: (fbits & QUOTED) !== 0 };
    }
    out[i] = { language, tags: truncated ? { frames, lexiconVersion, truncatedAt: truncated - 1 } : { frames, lexiconVersion } };
  }
  return out;
}
