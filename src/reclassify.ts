// Re-derives language and frames for stored posts from their raw text (no re-collecting).
import { derive } from './pipeline.js';
import type { Store } from './store/store.js';
import type { FrameTagger, Lang } from './types.js';

export interface ReclassifyResult {
  posts: number;
  changedPosts: number;
  framesBefore: number;
  framesAfter: number;
  lexiconVersion: string;
}

export async function reclassify(
  store: Store,
  tagger: FrameTagger,
  opts: { hints?: Map<string, Lang>; batchSize?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<ReclassifyResult> {
  const batchSize = opts.batchSize ?? 2000;
  const before = await store.sizes();
  let lastKey = 0;
  let done = 0;
  let changed = 0;
  for (;;) {
    const rows = await store.rederiveSources(lastKey, batchSize);
    if (rows.length === 0) break;
    const items = rows.map((r) => {
      const { normalized, language, tags } = derive(r.text, opts.hints?.get(r.channel), tagger, undefined, r.side);
      return {
        key: r.key,
        normalizedText: normalized,
        lang: language.lang,
        langGuess: language.guess,
        langConfidence: language.confidence,
        langReason: language.reason,
        frames: tags.frames,
        lexiconVersion: tags.lexiconVersion,
      };
    });
    changed += (await store.replaceDerived(items)).changed;
    lastKey = rows[rows.length - 1]!.key;
    done += rows.length;
    opts.onProgress?.(done, before.posts);
  }
  // The triggers keep the aggregates exact; rebuilding from scratch also repairs any older drift.
  await store.rebuildAggregates();
  const after = await store.sizes();
  return { posts: done, changedPosts: changed, framesBefore: before.tags, framesAfter: after.tags, lexiconVersion: tagger.version };
}
