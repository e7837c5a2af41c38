// Runs derive() in a worker thread for bulk ingest (imports, benchmarks).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DeriveRequest } from './derive-worker.js';
import type { Derived, Pipeline, PostBatch } from './pipeline.js';
import type { IncomingPost } from './types.js';

type Reply = { id: number; derived?: Derived[]; error?: string };

const WORKER_FILE = fileURLToPath(new URL('./derive-worker.js', import.meta.url));

/** The worker runs compiled JavaScript; under a TypeScript test runner there is none next to the source. */
export function workersAvailable(): boolean {
  return existsSync(WORKER_FILE);
}

export class ParallelDeriver {
  private readonly worker: Worker;
  private readonly ready: Promise<string>;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (d: Derived[]) => void; reject: (e: Error) => void }>();

  constructor(lexiconDir: string) {
    this.worker = new Worker(WORKER_FILE, { workerData: { lexiconDir } });
    this.ready = new Promise((resolve, reject) => {
      this.worker.once('error', reject);
      this.worker.once('message', (m: { ready?: boolean; version?: string }) => resolve(m.version ?? ''));
    });
    this.worker.on('message', (m: Reply) => {
      const w = this.waiting.get(m.id);
      if (!w) return;
      this.waiting.delete(m.id);
      if (m.error !== undefined) w.reject(new Error(`derive worker: ${m.error}`));
      else w.resolve(m.derived!);
    });
    this.worker.on('error', (err) => {
      for (const w of this.waiting.values()) w.reject(err);
      this.waiting.clear();
    });
  }

  /** The lexicon version the worker loaded; must equal the main thread's. */
  version(): Promise<string> {
    return this.ready;
  }

  async derive(posts: readonly IncomingPost[], pipeline: Pipeline): Promise<Derived[]> {
    await this.ready;
    const id = this.nextId++;
    const req: DeriveRequest = { id, items: posts.map((p) => ({ text: p.text, hint: pipeline.hintFor(p.channel), side: pipeline.sideFor(p) })) };
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage(req);
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

/**
 * The batches with their derivation, computed one batch ahead in the worker: while the consumer
 * stores batch k, the worker derives batch k+1. Feed it to pipeline.ingestAll (one transaction) or
 * store each batch with pipeline.ingest.
 */
export async function* deriveAhead(
  pipeline: Pipeline,
  deriver: ParallelDeriver,
  batches: AsyncIterable<IncomingPost[]> | Iterable<IncomingPost[]>,
  channelsOf: (posts: IncomingPost[]) => PostBatch['channels'] = () => undefined,
): AsyncGenerator<PostBatch> {
  const mainVersion = pipeline.tagger.version;
  const workerVersion = await deriver.version();
  if (workerVersion !== mainVersion) throw new Error(`derive worker loaded lexicon ${workerVersion}, expected ${mainVersion}`);
  let prev: { posts: IncomingPost[]; derived: Promise<Derived[]>; channels: PostBatch['channels'] } | null = null;
  const ready = async (b: NonNullable<typeof prev>): Promise<PostBatch> => ({
    posts: b.posts,
    derived: await b.derived,
    ...(b.channels ? { channels: b.channels } : {}),
  });
  for await (const posts of batches) {
    const next = { posts, derived: deriver.derive(posts, pipeline), channels: channelsOf(posts) };
    next.derived.catch(() => undefined); // awaited in order below; avoid an unhandled rejection meanwhile
    if (prev) yield await ready(prev);
    prev = next;
  }
  if (prev) yield await ready(prev);
}
