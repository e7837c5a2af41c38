// The reclassify figure runs here, in its own process (its peak RSS is reclassify's alone):
//   node dist/bench/reclassify-child.js --db <file> --lexicons DIR [--timezone Asia/Kabul] [--redetect]
// Reclassifies every post of the database with the lexicons of DIR, as `framewatch reclassify` does
// (worker threads tag, this thread writes what changed, aggregates recounted once). Prints one JSON
// line (ReclassifyChildResult) on stdout.
import { performance } from 'node:perf_hooks';
import { loadTagger } from '../src/frames/load-tagger.js';
import { reclassify } from '../src/reclassify.js';
import { openStore } from '../src/store/open-store.js';

export interface ReclassifyChildResult {
  posts: number;
  changedPosts: number;
  framesBefore: number;
  framesAfter: number;
  workers: number;
  /** Languages were detected again (--redetect, or the store's languages came from another detector). */
  redetected: boolean;
  /** reclassify() from start to end: worker start-up, every page, the aggregate recount. */
  ms: number;
  postsPerSec: number;
  /** Posts per CPU-second of this process (all its threads). */
  cpuPostsPerSec: number;
  peakRssMb: number;
}

function arg(name: string, fallback?: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? process.argv[i + 1] : fallback;
  if (v === undefined) throw new Error(`reclassify-child: --${name} is required`);
  return v;
}

const lexicons = arg('lexicons');
const store = await openStore(arg('db'), { timezone: arg('timezone', 'Asia/Kabul') });
// Loading (and compiling) the edited lexicons is not part of the figure: the analyst's `lexicon check` did it.
const tagger = loadTagger(lexicons);
const c0 = process.cpuUsage();
const t0 = performance.now();
const r = await reclassify(store, tagger, {
  lexiconDir: lexicons,
  redetect: process.argv.includes('--redetect'),
  onProgress: (done, total) => {
    if (done % 100_000 < 2000) process.stderr.write(`  reclassify: ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} posts\n`);
  },
});
const ms = performance.now() - t0;
const cpu = process.cpuUsage(c0);
await store.close();
const result: ReclassifyChildResult = {
  posts: r.posts,
  changedPosts: r.changedPosts,
  framesBefore: r.framesBefore,
  framesAfter: r.framesAfter,
  workers: r.workers,
  redetected: r.redetected,
  ms: Math.round(ms),
  postsPerSec: Math.round(r.posts / (ms / 1000)),
  cpuPostsPerSec: Math.round(r.posts / ((cpu.user + cpu.system) / 1e6)),
  peakRssMb: Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
