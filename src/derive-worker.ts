// Worker thread: derives language and frames for batches of posts, so the main thread can write
// the previous batch to SQLite meanwhile (two cores: one derives, one stores).
import { parentPort, workerData } from 'node:worker_threads';
import { loadTagger } from './frames/load-tagger.js';
import { derive } from './pipeline.js';
import type { Lang, Side } from './types.js';

export interface DeriveRequest {
  id: number;
  items: { text: string; hint?: Lang; side?: Side | null }[];
}

const tagger = loadTagger((workerData as { lexiconDir: string }).lexiconDir);
parentPort!.postMessage({ ready: true, version: tagger.version });
parentPort!.on('message', (req: DeriveRequest) => {
  try {
    parentPort!.postMessage({ id: req.id, derived: req.items.map((it) => derive(it.text, it.hint, tagger, undefined, it.side ?? null)) });
  } catch (err) {
    parentPort!.postMessage({ id: req.id, error: (err as Error).message });
  }
});
