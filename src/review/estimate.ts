// Precision, recall and true volume of a frame from a stratified labelled sample, with 95% intervals.
// Pure: labels in, estimates out.
//
// Design. A sample for one frame is drawn in strata (tagged, near miss, rest), each a simple random
// sample of its stratum; stratum s has N_s posts and n_s labelled ones. Each labelled post also
// carries whether the CURRENT lexicon tags it (labels made under an older lexicon count: the post is
// re-tagged), so every stratum splits into four cells: yes/no label × tagged/untagged now.
//
// Estimates are Horvitz-Thompson (each labelled post stands for N_s / n_s posts):
//   TP = Σ_s N_s · p_s(yes, tagged)      FP = Σ_s N_s · p_s(no, tagged)      FN = Σ_s N_s · p_s(yes, untagged)
//   precision = TP / (TP + FP)            recall = TP / (TP + FN)             true volume = TP + FN
//
// Intervals: posterior simulation, 4,000 draws; the 2.5th and 97.5th percentiles of each figure over
// the draws are its 95% interval. Within a stratum, the share of posts the current lexicon tags is
// drawn from the labelled posts' split (Beta, Jeffreys' prior, only when both kinds were labelled: a
// change of tags nobody labelled is not invented), and the share labelled "yes" in each part from a
// Beta(yes + ½, no + ½) (Jeffreys). Unlike a plain bootstrap this stays honest when a stratum shows no
// "yes" at all (a rare frame's missed posts): the posterior still allows a few, so recall is not
// reported as a certain 100%. Coverage is checked by simulation in test/review/estimate-coverage.test.ts.
import { mulberry32 } from '../util/random.js';

export type Stratum = 'tagged' | 'near' | 'rest';
export const STRATA: readonly Stratum[] = ['tagged', 'near', 'rest'];

export interface LabelledPost {
  stratum: Stratum;
  /** Posts in the stratum when the sample was drawn (N_s). */
  stratumSize: number;
  label: boolean;
  /** The current lexicon tags the post with the frame. */
  taggedNow: boolean;
}

export interface Interval {
  estimate: number;
  low: number;
  high: number;
}

export interface FrameEstimate {
  labels: number;
  /** Null when the labels cannot tell: no labelled post the current lexicon tags, or (recall, volume) no "yes" anywhere. */
  precision: Interval | null;
  recall: Interval | null;
  f1: Interval | null;
  /** True posts carrying the frame in the sampled population. */
  trueVolume: Interval | null;
  /** Posts the tagger tags in the sampled population (estimated from the strata). */
  taggedVolume: number;
  /** True volume per tagged post (precision / recall): what an observed count is multiplied by. */
  correction: Interval | null;
}

/** Seeded PRNG (mulberry32), so estimates are reproducible. */
export const rng = mulberry32;

function normal(r: () => number): number {
  let u = 0;
  while (u === 0) u = r();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r());
}

/** Gamma(shape, 1) draw (Marsaglia-Tsang; shape < 1 boosted). */
function gamma(shape: number, r: () => number): number {
  if (shape < 1) return gamma(shape + 1, r) * r() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(r);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = r();
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

function dirichlet(alpha: readonly number[], r: () => number): number[] {
  const g = alpha.map((a) => gamma(a, r));
  const sum = g.reduce((s, x) => s + x, 0);
  return g.map((x) => x / sum);
}

/** One posterior draw of a stratum's cell shares [yes&tagged, no&tagged, yes&untagged, no&untagged]. */
function drawShares(counts: readonly [number, number, number, number], r: () => number): number[] {
  const tagged = counts[0] + counts[1];
  const untagged = counts[2] + counts[3];
  const taggedShare = tagged === 0 ? 0 : untagged === 0 ? 1 : dirichlet([tagged + 0.5, untagged + 0.5], r)[0]!;
  const yesT = tagged === 0 ? 0 : dirichlet([counts[0] + 0.5, counts[1] + 0.5], r)[0]!;
  const yesU = untagged === 0 ? 0 : dirichlet([counts[2] + 0.5, counts[3] + 0.5], r)[0]!;
  return [taggedShare * yesT, taggedShare * (1 - yesT), (1 - taggedShare) * yesU, (1 - taggedShare) * (1 - yesU)];
}

function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))));
  return sorted[i]!;
}

/** Cells: 0 yes&tagged, 1 no&tagged, 2 yes&untagged, 3 no&untagged. */
function cell(p: LabelledPost): 0 | 1 | 2 | 3 {
  return ((p.label ? 0 : 1) + (p.taggedNow ? 0 : 2)) as 0 | 1 | 2 | 3;
}

interface StratumCounts {
  size: number;
  counts: [number, number, number, number];
}

function strata(posts: readonly LabelledPost[]): StratumCounts[] {
  const by = new Map<Stratum, StratumCounts>();
  for (const p of posts) {
    let s = by.get(p.stratum);
    if (!s) by.set(p.stratum, (s = { size: p.stratumSize, counts: [0, 0, 0, 0] }));
    s.size = Math.max(s.size, p.stratumSize);
    s.counts[cell(p)]++;
  }
  return [...by.values()];
}

function totals(ss: readonly StratumCounts[], shares: readonly (readonly number[])[]): { tp: number; fp: number; fn: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  ss.forEach((s, i) => {
    const q = shares[i]!;
    tp += s.size * q[0]!;
    fp += s.size * q[1]!;
    fn += s.size * q[2]!;
  });
  return { tp, fp, fn };
}

const f1 = (p: number, r: number): number => (p + r > 0 ? (2 * p * r) / (p + r) : 0);

/** Estimates with 95% intervals; `draws` posterior draws from a seeded generator. */
export function estimateFrame(posts: readonly LabelledPost[], opts: { draws?: number; seed?: number } = {}): FrameEstimate {
  const ss = strata(posts);
  const point = totals(
    ss,
    ss.map((s) => {
      const n = s.counts.reduce((a, b) => a + b, 0);
      return s.counts.map((c) => c / n);
    }),
  );
  const taggedVolume = point.tp + point.fp;
  const labelledTagged = posts.some((p) => p.taggedNow);
  const anyYes = posts.some((p) => p.label);
  const empty: FrameEstimate = { labels: posts.length, precision: null, recall: null, f1: null, trueVolume: null, taggedVolume, correction: null };
  if (posts.length === 0) return empty;

  const r = rng(opts.seed ?? 1);
  const draws = opts.draws ?? 4000;
  const P: number[] = [];
  const R: number[] = [];
  const F: number[] = [];
  const V: number[] = [];
  const C: number[] = [];
  for (let d = 0; d < draws; d++) {
    const t = totals(
      ss,
      ss.map((s) => drawShares(s.counts, r)),
    );
    const p = t.tp + t.fp > 0 ? t.tp / (t.tp + t.fp) : 0;
    const rc = t.tp + t.fn > 0 ? t.tp / (t.tp + t.fn) : 0;
    P.push(p);
    R.push(rc);
    F.push(f1(p, rc));
    V.push(t.tp + t.fn);
    C.push(t.tp + t.fp > 0 ? (t.tp + t.fn) / (t.tp + t.fp) : Infinity);
  }
  const interval = (estimate: number, xs: number[]): Interval => {
    xs.sort((a, b) => a - b);
    return { estimate, low: percentile(xs, 0.025), high: percentile(xs, 0.975) };
  };
  const precision = labelledTagged && point.tp + point.fp > 0 ? point.tp / (point.tp + point.fp) : null;
  // Without a labelled post the current lexicon tags, true positives are unknown (not zero): the
  // lexicon may tag posts nobody has labelled yet. Recall and the true volume then stay unknown too.
  const recall = anyYes && labelledTagged && point.tp + point.fn > 0 ? point.tp / (point.tp + point.fn) : null;
  return {
    labels: posts.length,
    precision: precision === null ? null : interval(precision, P),
    recall: recall === null ? null : interval(recall, R),
    f1: precision === null || recall === null ? null : interval(f1(precision, recall), F),
    trueVolume: anyYes && labelledTagged ? interval(point.tp + point.fn, V) : null,
    taggedVolume,
    correction: precision === null || recall === null ? null : interval((point.tp + point.fn) / (point.tp + point.fp), C),
  };
}

/**
 * An observed count corrected by the measured precision and recall: true ≈ observed × precision / recall
 * (each tagged post is worth precision/recall true posts). The interval is the ratio's posterior
 * interval (precision and recall drawn together), applied to the count.
 */
export function correctedCount(observed: number, e: FrameEstimate): Interval | null {
  if (!e.correction) return null;
  return { estimate: observed * e.correction.estimate, low: observed * e.correction.low, high: observed * e.correction.high };
}
