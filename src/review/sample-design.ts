// How a review sample is spread over the strata, and drawn: pure and seeded, so `--seed` reproduces it.
import { STRATA, rng, type Stratum } from './estimate.js';

/**
 * Split n labels over the strata: equal shares, a stratum smaller than its share gives the rest to
 * the others (a stratum of 5 posts gets 5). Empty strata get none.
 */
export function allocate(n: number, sizes: Readonly<Record<Stratum, number>>): Record<Stratum, number> {
  const out: Record<Stratum, number> = { tagged: 0, near: 0, rest: 0 };
  let left = n;
  let open = STRATA.filter((s) => sizes[s] > 0);
  while (left > 0 && open.length > 0) {
    const share = Math.max(1, Math.floor(left / open.length));
    for (const s of open) {
      const take = Math.min(share, sizes[s] - out[s], left);
      out[s] += take;
      left -= take;
      if (left === 0) break;
    }
    open = open.filter((s) => out[s] < sizes[s]);
  }
  return out;
}

/** k distinct items drawn uniformly at random (partial Fisher-Yates on a copy), in draw order. */
export function drawWithoutReplacement<T>(items: readonly T[], k: number, random: () => number): T[] {
  const a = [...items];
  const m = Math.min(k, a.length);
  for (let i = 0; i < m; i++) {
    const j = i + Math.floor(random() * (a.length - i));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a.slice(0, m);
}

export interface SampledItem<T> {
  item: T;
  stratum: Stratum;
  /** Inverse inclusion probability: posts of the stratum each labelled post stands for (N_s / n_s). */
  weight: number;
  stratumSize: number;
}

/** A stratified random sample of n items, seeded. */
export function drawStratified<T>(byStratum: Readonly<Record<Stratum, readonly T[]>>, n: number, seed: number): SampledItem<T>[] {
  const sizes = { tagged: byStratum.tagged.length, near: byStratum.near.length, rest: byStratum.rest.length };
  const alloc = allocate(n, sizes);
  const random = rng(seed);
  const out: SampledItem<T>[] = [];
  for (const s of STRATA) {
    const k = alloc[s];
    if (k === 0) continue;
    for (const item of drawWithoutReplacement(byStratum[s], k, random)) out.push({ item, stratum: s, weight: sizes[s] / k, stratumSize: sizes[s] });
  }
  return out;
}
