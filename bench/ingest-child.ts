// The ingest figure runs here, in its own process, so its peak RSS is the pipeline's alone:
//   node dist/bench/ingest-child.js --db <file> --count N --seed S [--batch 1000] [--timezone Asia/Kabul] [--lexicons DIR] [--terms FILE]
// --terms: the lexicon terms for the corpus as JSON (LexiconTerm[]), written by the bench, so that
// parsing the lexicon YAML (~90 MB at its peak) does not count in this process's peak RSS.
// Prints one JSON line (IngestResult) on stdout; progress goes to stderr.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { loadTagger } from '../src/frames/load-tagger.js';
import { DEMO_DIR, LEXICON_DIR } from '../src/paths.js';
import { ParallelDeriver, deriveAhead, workersAvailable } from '../src/parallel-deriver.js';
import { createPipeline } from '../src/pipeline.js';
import type { IncomingPost } from '../src/types.js';
import { openStore } from '../src/store/open-store.js';
import { createCorpus } from './corpus.js';
import { loadFragments, loadLexiconTerms, termPools, type LexiconTerm } from './sources.js';

export interface IngestResult {
  posts: number;
  newPosts: number;
  /** Time inside pipeline.ingest() only (normalize + detect + tag + store + aggregate triggers). */
  ingestMs: number;
  /** Time spent generating the synthetic posts (not part of the figure). */
  generateMs: number;
  postsPerSec: number;
  /** Posts per CPU-second of this process inside ingest(): close to postsPerSec on an idle machine. */
  cpuPostsPerSec: number;
  /** process.resourceUsage().maxRSS of this process, MB. */
  peakRssMb: number;
  /** CPU-time posts/s of each successive 100,000 posts: shows how the rate changes as the database grows. */
  cpuCurve: number[];
  /** The largest RSS sampled between batches, MB (cross-check of maxRSS). */
  sampledRssMb: number;
  batch: number;
}

function arg(name: string, fallback?: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? process.argv[i + 1] : undefined;
  if (v === undefined) {
    if (fallback === undefined) throw new Error(`ingest-child: --${name} is required`);
    return fallback;
  }
  return v;
}

async function main(): Promise<void> {
  const dbPath = arg('db');
  const count = Number(arg('count'));
  const seed = Number(arg('seed'));
  const batchSize = Number(arg('batch', '1000'));
  const timezone = arg('timezone', 'Asia/Kabul');
  const lexicons = arg('lexicons', LEXICON_DIR);

  const termsFile = arg('terms', '');
  const terms = termsFile ? (JSON.parse(readFileSync(termsFile, 'utf8')) as LexiconTerm[]) : loadLexiconTerms(lexicons);
  const corpus = createCorpus({ seed, fragments: loadFragments(DEMO_DIR).pools, terms: termPools(terms) });
  const tagger = loadTagger(lexicons);
  const store = await openStore(dbPath, { timezone });
  const pipeline = createPipeline({ store, tagger });

  let ingestMs = 0;
  let cpuUs = 0;
  let generateMs = 0;
  let done = 0;
  let newPosts = 0;
  let sampled = 0;
  let nextReport = 100_000;
  const cpuCurve: number[] = [];
  const seenAt = '2025-01-01T00:00:00.000Z';
  const gen = corpus.batches(count, batchSize);
  // Generation is timed apart and subtracted: it is not part of the figure.
  function* timed(): Generator<IncomingPost[]> {
    for (;;) {
      const g0 = performance.now();
      const next = gen.next();
      generateMs += performance.now() - g0;
      if (next.done) return;
      yield next.value;
    }
  }
  // The real bulk path: derive (normalize, detect, tag) in a worker thread one batch ahead while this
  // thread stores the previous batch; sequential when the compiled worker is not there.
  const deriver = workersAvailable() ? new ParallelDeriver(lexicons) : null;
  if (deriver) await deriver.version(); // worker start-up (lexicon load) is not ingest
  let chunkC0 = process.cpuUsage();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const onBatch = (posts: readonly IncomingPost[], c: { new: number }) => {
    done += posts.length;
    newPosts += c.new;
    if (done % 10_000 < batchSize) sampled = Math.max(sampled, process.memoryUsage.rss());
    if (done >= nextReport) {
      const used = process.cpuUsage(chunkC0);
      chunkC0 = process.cpuUsage();
      cpuCurve.push(Math.round(100_000 / ((used.user + used.system) / 1e6)));
      const wall = performance.now() - t0 - generateMs;
      process.stderr.write(
        `  ingest: ${done.toLocaleString('en-US')} posts, ${Math.round(done / (wall / 1000)).toLocaleString('en-US')} posts/s ` +
          `(last 100,000: ${cpuCurve[cpuCurve.length - 1]!.toLocaleString('en-US')} posts per CPU-second)\n`,
      );
      nextReport += 100_000;
    }
  };
  // One transaction per batch, as a collector writes; an import writes a file in one.
  if (deriver) {
    for await (const b of deriveAhead(pipeline, deriver, timed())) {
      onBatch(b.posts, await pipeline.ingest(b.posts, { seenAt, ...(b.derived ? { derived: b.derived } : {}) }));
    }
    await deriver.close();
  } else {
    for (const batch of timed()) onBatch(batch, await pipeline.ingest(batch, { seenAt }));
  }
  ingestMs = performance.now() - t0 - generateMs;
  const used = process.cpuUsage(c0);
  cpuUs = used.user + used.system;
  // Bulk full-text indexing is part of ingest: posts are searchable only after it.
  {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await store.syncTextIndex();
    ingestMs += performance.now() - t0;
    const c1 = process.cpuUsage(c0);
    cpuUs += c1.user + c1.system;
  }
  await store.close();
  const result: IngestResult = {
    posts: done,
    newPosts,
    ingestMs: Math.round(ingestMs),
    generateMs: Math.round(generateMs),
    postsPerSec: Math.round(done / (ingestMs / 1000)),
    cpuPostsPerSec: Math.round(done / (cpuUs / 1e6)),
    peakRssMb: Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10,
    cpuCurve,
    sampledRssMb: Math.round((Math.max(sampled, process.memoryUsage.rss()) / 1048576) * 10) / 10,
    batch: batchSize,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main();
