// Runs derive() in worker threads for bulk work (imports, reclassify, benchmarks): each worker loads
// the tagger (from the compiled-lexicon cache) and derives whole batches; the calling thread writes.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DeriveRequest } from './derive-worker.js';
import { unpackDerived, type DerivedBatch } from './packed-derived.js';
import type { Derived, Pipeline, PostBatch } from './pipeline.js';
import type { DetectResult, IncomingPost, Lang, Side } from './types.js';

type Reply = { id: number; packed?: DerivedBatch; error?: string };

const WORKER_FILE = fileURLToPath(new URL('./derive-worker.js', import.meta.url));

/** The worker runs compiled JavaScript; under a TypeScript test runner there is none next to the source. */
export function workersAvailable(): boolean {
  return existsSync(WORKER_FILE);
}

/** What a worker needs to derive one post. */
export interface DeriveItem {
  text: string;
  hint?: Lang;
  side?: Side | null;
  /** The post's known language: the worker tags only (no detection). */
  language?: DetectResult;
}

interface Waiting {
  texts: string[];
  worker: number;
  resolve: (d: Derived[]) => void;
  reject: (e: Error) => void;
}

export class ParallelDeriver {
  private readonly workers: Worker[];
  private readonly busy: number[];
  private readonly ready: Promise<string>;
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();

  /** `workers` threads (default 1), each with its own tagger. */
  constructor(lexiconDir: string, opts: { workers?: number } = {}) {
    const n = Math.max(1, Math.floor(opts.workers ?? 1));
    this.workers = Array.from({ length: n }, () => new Worker(WORKER_FILE, { workerData: { lexiconDir } }));
    this.busy = this.workers.map(() => 0);
    const versions = this.workers.map(
      (w) =>
        new Promise<string>((resolve, reject) => {
          w.once('error', reject);
          w.once('message', (m: { ready?: boolean; version?: string }) => resolve(m.version ?? ''));
        }),
    );
    this.ready = Promise.all(versions).then((vs) => {
      if (new Set(vs).size > 1) throw new Error(`derive workers loaded different lexicons: ${[...new Set(vs)].join(', ')}`);
      return vs[0]!;
    });
    this.workers.forEach((w, i) => {
      w.on('message', (m: Reply) => {
        const wait = this.waiting.get(m.id);
        if (!wait) return;
        this.waiting.delete(m.id);
        this.busy[i]!--;
        if (m.error !== undefined) wait.reject(new Error(`derive worker: ${m.error}`));
        else wait.resolve(unpackDerived(wait.texts, m.packed!));
      });
      w.on('error', (err) => {
        for (const [id, wait] of this.waiting) {
          if (wait.worker !== i) continue;
          wait.reject(err);
          this.waiting.delete(id);
        }
      });
    });
  }

  /** How many worker threads derive. */
  get size(): number {
    return this.workers.length;
  }

  /** The lexicon version the workers loaded; must equal the main thread's. */
  version(): Promise<string> {
    return this.ready;
  }

  /** Derives the items on the least busy worker. */
  async deriveItems(items: readonly DeriveItem[]): Promise<Derived[]> {
    await this.ready;
    const id = this.nextId++;
    let w = 0;
    for (let i = 1; i < this.workers.length; i++) if (this.busy[i]! < this.busy[w]!) w = i;
    this.busy[w]!++;
    const req: DeriveRequest = {
      id,
      items: items.map((it) => ({ text: it.text, ...(it.hint ? { hint: it.hint } : {}), side: it.side ?? null, ...(it.language ? { language: it.language } : {}) })),
    };
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { texts: items.map((it) => it.text), worker: w, resolve, reject });
      this.workers[w]!.postMessage(req);
    });
  }

  async derive(posts: readonly IncomingPost[], pipeline: Pipeline): Promise<Derived[]> {
    return this.deriveItems(posts.map((p) => ({ text: p.text, hint: pipeline.hintFor(p.channel), side: pipeline.sideFor(p) })));
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/**
 * The batches with their derivation, computed ahead in the workers: while the consumer stores
 * batch k, the workers derive the next ones (one more batch in flight than there are workers).
 * Feed it to pipeline.ingestAll (one transaction) or store each batch with pipeline.ingest.
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
  type InFlight = { posts: IncomingPost[]; derived: Promise<Derived[]>; channels: PostBatch['channels'] };
  const queue: InFlight[] = [];
  const ready = async (b: InFlight): Promise<PostBatch> => ({
    posts: b.posts,
    derived: await b.derived,
    ...(b.channels ? { channels: b.channels } : {}),
  });
  for await (const posts of batches) {
    const next = { posts, derived: deriver.derive(posts, pipeline), channels: channelsOf(posts) };
    next.derived.catch(() => undefined); // awaited in order below; avoid an unhandled rejection meanwhile
    queue.push(next);
    if (queue.length > deriver.size) yield await ready(queue.shift()!);
  }
  while (queue.length) yield await ready(queue.shift()!);
}
