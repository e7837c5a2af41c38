// The records the pipeline would give a store for these posts (shipped lexicons), without a store:
// the migration tests write them as an older post writer did.
import { loadTagger } from '../../src/frames/load-tagger.js';
import { LEXICON_DIR } from '../../src/paths.js';
import { createPipeline } from '../../src/pipeline.js';
import type { IngestBatch, PostRecord, Store } from '../../src/store/store.js';
import type { IncomingPost } from '../../src/types.js';

export async function pipelineRecords(posts: IncomingPost[], seenAt: string): Promise<PostRecord[]> {
  const batches: IngestBatch[] = [];
  const recorder = {
    ingest: async (b: IngestBatch) => {
      batches.push(b);
      return { new: b.posts.length, updated: 0, unchanged: 0 };
    },
    // The pipeline's note of which detector derived the languages (nothing to note here).
    getSetting: async () => undefined,
    setSetting: async () => undefined,
    sizes: async () => ({ posts: 1, tags: 0, channels: 0 }),
  } as unknown as Store;
  await createPipeline({ store: recorder, tagger: loadTagger(LEXICON_DIR) }).ingest(posts, { seenAt });
  return batches.flatMap((b) => b.posts);
}
