// The statistical promise of `framewatch eval labels`: simulate corpora with a known frame prevalence
// and a tagger of known precision and recall, draw the stratified review sample, label it from the
// truth, estimate, and count how often the 95% intervals cover the true precision, recall and volume.
import { describe, expect, it } from 'vitest';
import { correctedCount, estimateFrame, rng, type LabelledPost, type Stratum } from '../../src/review/estimate.js';
import { allocate, drawStratified } from '../../src/review/sample-design.js';

interface Post {
  truth: boolean;
  tagged: boolean;
}

interface Run {
  precision: boolean;
  recall: boolean;
  volume: boolean;
  corrected: boolean;
}

/** One corpus of `size` posts: prevalence, tagger precision and recall vary from run to run. */
function simulate(seed: number, size = 3000, n = 60): Run {
  const r = rng(seed);
  const prevalence = [0.02, 0.05, 0.1, 0.2][seed % 4]!;
  const recall = 0.5 + 0.4 * r();
  const precision = 0.6 + 0.35 * r();
  // False-positive rate that gives the tagger this precision at this prevalence and recall.
  const fpRate = Math.min(1, (prevalence * recall * (1 - precision)) / precision / (1 - prevalence));
  const byStratum: Record<Stratum, Post[]> = { tagged: [], near: [], rest: [] };
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < size; i++) {
    const truth = r() < prevalence;
    const tagged = truth ? r() < recall : r() < fpRate;
    if (truth && tagged) tp++;
    else if (tagged) fp++;
    else if (truth) fn++;
    // Near misses: a missed post usually matched part of a rule; few others do.
    const near = !tagged && r() < (truth ? 0.6 : 0.05);
    byStratum[tagged ? 'tagged' : near ? 'near' : 'rest'].push({ truth, tagged });
  }
  const sample = drawStratified(byStratum, n, seed * 7 + 1);
  const labelled: LabelledPost[] = sample.map((s) => ({ stratum: s.stratum, stratumSize: s.stratumSize, label: s.item.truth, taggedNow: s.item.tagged }));
  const e = estimateFrame(labelled, { draws: 2000, seed });
  const inside = (i: { low: number; high: number } | null, x: number): boolean => i !== null && i.low <= x + 1e-9 && x <= i.high + 1e-9;
  const trueVolume = tp + fn;
  return {
    precision: tp + fp === 0 || inside(e.precision, tp / (tp + fp)),
    recall: trueVolume === 0 || inside(e.recall, tp / trueVolume),
    volume: inside(e.trueVolume, trueVolume),
    corrected: trueVolume === 0 || inside(correctedCount(tp + fp, e), trueVolume),
  };
}

describe('95% intervals cover the truth in at least 90% of 200 simulated corpora', () => {
  const runs = Array.from({ length: 200 }, (_, i) => simulate(i + 1));
  const coverage = (k: keyof Run): number => runs.filter((x) => x[k]).length / runs.length;

  it.each(['precision', 'recall', 'volume', 'corrected'] as const)('%s', (k) => {
    const c = coverage(k);
    // Printed so the figure can be reported; the assertion is the bar.
    console.log(`coverage ${k}: ${(c * 100).toFixed(1)}%`);
    expect(c).toBeGreaterThanOrEqual(0.9);
  });
});

describe('sample design', () => {
  it('splits n evenly and gives what a small stratum cannot take to the others', () => {
    expect(allocate(60, { tagged: 500, near: 300, rest: 9000 })).toEqual({ tagged: 20, near: 20, rest: 20 });
    expect(allocate(60, { tagged: 5, near: 300, rest: 9000 })).toEqual({ tagged: 5, near: 28, rest: 27 });
    expect(allocate(60, { tagged: 0, near: 0, rest: 9000 })).toEqual({ tagged: 0, near: 0, rest: 60 });
    expect(allocate(60, { tagged: 3, near: 2, rest: 1 })).toEqual({ tagged: 3, near: 2, rest: 1 });
  });

  it('the same seed draws the same sample; weights are N_s / n_s', () => {
    const strata = { tagged: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], near: [11, 12], rest: Array.from({ length: 100 }, (_, i) => 100 + i) };
    const a = drawStratified(strata, 9, 42);
    expect(drawStratified(strata, 9, 42)).toEqual(a);
    expect(drawStratified(strata, 9, 43)).not.toEqual(a);
    expect(a.filter((x) => x.stratum === 'near').map((x) => x.weight)).toEqual([1, 1]);
    expect(new Set(a.map((x) => x.item)).size).toBe(a.length);
  });
});

describe('estimates', () => {
  it('no labels: nothing is made up', () => {
    const e = estimateFrame([]);
    expect(e.precision).toBeNull();
    expect(e.recall).toBeNull();
    expect(correctedCount(40, e)).toBeNull();
  });

  it('all tagged labels yes and no miss found: precision near 1, recall below 1 with a real interval', () => {
    const posts: LabelledPost[] = [
      ...Array.from({ length: 20 }, () => ({ stratum: 'tagged' as const, stratumSize: 100, label: true, taggedNow: true })),
      ...Array.from({ length: 20 }, () => ({ stratum: 'rest' as const, stratumSize: 10000, label: false, taggedNow: false })),
    ];
    const e = estimateFrame(posts);
    expect(e.precision!.estimate).toBe(1);
    expect(e.precision!.low).toBeGreaterThan(0.8);
    expect(e.recall!.estimate).toBe(1);
    // 20 clean draws out of 10,000 posts cannot rule out a few hundred misses.
    expect(e.recall!.low).toBeLessThan(0.5);
  });

  it('no labelled post tagged by the current lexicon: recall and volume are unknown, not 0', () => {
    // Labelling has only reached untagged posts so far: true positives cannot be told from zero.
    const posts: LabelledPost[] = [
      ...Array.from({ length: 3 }, () => ({ stratum: 'near' as const, stratumSize: 50, label: true, taggedNow: false })),
      ...Array.from({ length: 17 }, () => ({ stratum: 'rest' as const, stratumSize: 5000, label: false, taggedNow: false })),
    ];
    const e = estimateFrame(posts);
    expect([e.precision, e.recall, e.f1, e.trueVolume, e.correction]).toEqual([null, null, null, null, null]);
  });

  it('labels under an older lexicon count with the current tags', () => {
    // Drawn from "rest" when nothing tagged them; the current lexicon tags two of them.
    const posts: LabelledPost[] = [
      { stratum: 'rest', stratumSize: 1000, label: true, taggedNow: true },
      { stratum: 'rest', stratumSize: 1000, label: true, taggedNow: true },
      ...Array.from({ length: 18 }, () => ({ stratum: 'rest' as const, stratumSize: 1000, label: false, taggedNow: false })),
    ];
    const e = estimateFrame(posts);
    expect(e.precision!.estimate).toBe(1);
    expect(e.trueVolume!.estimate).toBeCloseTo(100);
  });
});
