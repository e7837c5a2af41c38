// Worker thread: derives language and frames for batches of posts, so the main thread can write
// earlier batches to the store meanwhile. Results go back packed (src/packed-derived.ts): the
// receiving thread rebuilds them for a fraction of what structured cloning the objects costs it.
import { parentPort, workerData } from 'node:worker_threads';
import { loadTagger } from './frames/load-tagger.js';
import { packDerived } from './packed-derived.js';
import { derive, retag } from './pipeline.js';
import type { DetectResult, Lang, Side } from './types.js';

export interface DeriveRequest {
  id: number;
  /** With `language`, the post's language is known: tag only. */
  items: { text: string; hint?: Lang; side?: Side | null; language?: DetectResult }[];
}

const tagger = loadTagger((workerData as { lexiconDir: string }).lexiconDir);
parentPort!.postMessage({ ready: true, version: tagger.version });
parentPort!.on('message', (req: DeriveRequest) => {
  try {
    const derived = req.items.map((it) => (it.language ? retag(it.text, it.language, tagger, it.side ?? null) : derive(it.text, it.hint, tagger, undefined, it.side ?? null)));
    const packed = packDerived(
      req.items.map((it) => it.text),
      derived,
    );
    const transfer = packed.kind === 'packed' ? [packed.ints.buffer as ArrayBuffer, packed.nums.buffer as ArrayBuffer] : [];
    parentPort!.postMessage({ id: req.id, packed }, transfer);
  } catch (err) {
    parentPort!.postMessage({ id: req.id, error: (err as Error).message });
  }
});
