// Re-derives language and frames for stored posts from their raw text (no re-collecting).
//
// With a lexicon directory and compiled workers, worker threads derive (each loads the tagger from
// the compiled-lexicon cache) while this thread reads the next pages and writes the results; the
// store writes only what differs from what it holds. Each page is one transaction that moves the
// daily aggregates by exactly what it changed (summed per aggregate row), so they are exact after
// every page, also when a run is stopped part-way. A full recount at the end would read every post
// again (24 s for 1,000,000 posts, measured under load) to find nothing to change: it runs only when
// asked (`recount`, the repair for aggregates changed by hand or by a bug).
import { availableParallelism } from 'node:os';
import { LANGUAGE_KEY_SETTING, languageDeriverKey } from './language/language-deriver-key.js';
import { ParallelDeriver, workersAvailable, type DeriveItem } from './parallel-deriver.js';
import { derive, retag, type Derived } from './pipeline.js';
import type { RederiveSource, Rederived, Store } from './store/store.js';
import type { DetectResult, FrameTagger, Lang } from './types.js';

export interface ReclassifyResult {
  posts: number;
  changedPosts: number;
  framesBefore: number;
  framesAfter: number;
  lexiconVersion: string;
  /** Worker threads that derived (0: this thread did). */
  workers: number;
  /** Languages were detected again (false: the stored ones were kept, see ReclassifyOptions.redetect). */
  redetected: boolean;
}

export interface ReclassifyOptions {
  hints?: Map<string, Lang>;
  /** Posts per page read and per write transaction. */
  batchSize?: number;
  /** The lexicons `tagger` was loaded from: worker threads load them too. Without it, this thread derives. */
  lexiconDir?: string;
  /** Worker threads (default: one per CPU; this thread mostly waits on them). */
  workers?: number;
  onProgress?: (done: number, total: number) => void;
  /** Also recount every daily aggregate from the posts at the end (repairs drift). */
  recount?: boolean;
  /**
   * Detect every post's language again even when the stored languages come from the same detector
   * and channel hints (they are re-detected anyway when either changed).
   */
  redetect?: boolean;
}

function rederived(row: RederiveSource, d: Derived): Rederived {
  return {
    key: row.key,
    lang: d.language.lang,
    langGuess: d.language.guess,
    langConfidence: d.language.confidence,
    langReason: d.language.reason,
    frames: d.tags.frames,
    lexiconVersion: d.tags.lexiconVersion,
  };
}

export async function reclassify(store: Store, tagger: FrameTagger, opts: ReclassifyOptions = {}): Promise<ReclassifyResult> {
  const batchSize = opts.batchSize ?? 2000;
  const before = await store.sizes();
  // Stored languages are kept when they come from this very detector and these hints: tagging alone.
  const key = languageDeriverKey(opts.hints);
  const redetect = opts.redetect === true || (await store.getSetting(LANGUAGE_KEY_SETTING)) !== key;
  // A row with a language field missing (written by an older version) is detected again.
  const stored = (r: RederiveSource): DetectResult | null =>
    redetect || r.langGuess === null || r.langConfidence === null || r.langReason === null
      ? null
      : { lang: r.lang, guess: r.langGuess, confidence: r.langConfidence, reason: r.langReason };
  const itemOf = (r: RederiveSource): DeriveItem => {
    const language = stored(r);
    return language ? { text: r.text, side: r.side, language } : { text: r.text, hint: opts.hints?.get(r.channel), side: r.side };
  };
  const deriveHere = (r: RederiveSource): Derived => {
    const language = stored(r);
    return language ? retag(r.text, language, tagger, r.side) : derive(r.text, opts.hints?.get(r.channel), tagger, undefined, r.side);
  };
  const deriver = opts.lexiconDir && workersAvailable() ? new ParallelDeriver(opts.lexiconDir, { workers: opts.workers ?? availableParallelism() }) : null;
  let done = 0;
  let changed = 0;
  try {
    if (deriver) {
      const version = await deriver.version();
      if (version !== tagger.version) throw new Error(`derive workers loaded lexicon ${version}, expected ${tagger.version}`);
    }
    const derived = (rows: RederiveSource[]): Promise<Derived[]> =>
      deriver
        ? deriver.deriveItems(rows.map(itemOf))
        : Promise.resolve(rows.map(deriveHere));
    // Pages in flight: one more than there are workers, so none waits while this thread writes.
    const queue: { rows: RederiveSource[]; derived: Promise<Derived[]> }[] = [];
    const write = async (): Promise<void> => {
      const { rows, derived: d } = queue.shift()!;
      const results = await d;
      changed += (await store.replaceDerived(rows.map((r, i) => rederived(r, results[i]!)))).changed;
      done += rows.length;
      opts.onProgress?.(done, before.posts);
    };
    let lastKey = 0;
    for (;;) {
      const rows = await store.rederiveSources(lastKey, batchSize);
      if (rows.length === 0) break;
      lastKey = rows[rows.length - 1]!.key;
      const page = { rows, derived: derived(rows) };
      page.derived.catch(() => undefined); // awaited in order by write()
      queue.push(page);
      if (queue.length > (deriver?.size ?? 0)) await write();
    }
    while (queue.length) await write();
    // Every post now has a language from this detector and these hints.
    if (redetect) await store.setSetting(LANGUAGE_KEY_SETTING, key);
  } finally {
    await deriver?.close();
  }
  if (opts.recount) await store.rebuildAggregates();
  await store.syncTextIndex();
  const after = await store.sizes();
  return {
    posts: done,
    changedPosts: changed,
    framesBefore: before.tags,
    framesAfter: after.tags,
    lexiconVersion: tagger.version,
    workers: deriver?.size ?? 0,
    redetected: redetect,
  };
}
