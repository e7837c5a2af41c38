// Timing helpers. performance.now() everywhere; results rounded for the table, not for the math.
import { performance } from 'node:perf_hooks';

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export const round = (x: number, digits = 0): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

/** Runs `fn` once cold, then `runs` times warm; returns the cold time and the warm median (ms). */
export async function timeRepeated<T>(fn: () => Promise<T>, runs = 7): Promise<{ coldMs: number; ms: number; last: T }> {
  let t0 = performance.now();
  let last = await fn();
  const coldMs = performance.now() - t0;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    t0 = performance.now();
    last = await fn();
    times.push(performance.now() - t0);
  }
  return { coldMs, ms: median(times), last };
}

/**
 * Items per second of `fn` over `items`: a warm-up pass over the first `warmup` items, then full passes
 * until at least `minMs` have elapsed (at least one pass). Every item is processed the same number of times.
 */
export function throughput<I>(items: readonly I[], fn: (item: I) => unknown, { warmup = 500, minMs = 1500 } = {}): {
  perSec: number;
  /** Items per CPU-second of this process: what perSec would be on an idle machine. */
  cpuPerSec: number;
  passes: number;
  ms: number;
} {
  let sink = 0;
  for (let i = 0; i < Math.min(warmup, items.length); i++) if (fn(items[i]!)) sink++;
  let passes = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let elapsed = 0;
  do {
    for (const it of items) if (fn(it)) sink++;
    passes++;
    elapsed = performance.now() - t0;
  } while (elapsed < minMs);
  const cpu = process.cpuUsage(c0);
  if (sink < 0) throw new Error('unreachable'); // keeps `sink` alive
  const n = items.length * passes;
  return { perSec: n / (elapsed / 1000), cpuPerSec: n / ((cpu.user + cpu.system) / 1e6), passes, ms: elapsed };
}
