// PostgreSQL ingest writes a batch's new posts with one statement (and their tags with one more):
// the answers must stay those of SQLite for batches that mix new, stored, edited and repeated
// posts, and two writers storing the same new posts at once must neither fail nor double them.
import { describe, expect, it } from 'vitest';
import { loadTagger } from '../../src/frames/load-tagger.js';
import { LEXICON_DIR } from '../../src/paths.js';
import { createPipeline } from '../../src/pipeline.js';
import type { Store } from '../../src/store/store.js';
import type { IncomingPost } from '../../src/types.js';
import { benchPosts } from '../helpers/bench-corpus.js';
import { openTestPgStore, pgTestsRun, tempPgDatabase } from '../helpers/pg-test-store.js';
import { tempStore } from '../helpers/temp-store.js';
import { aggregates } from './contract/store-contract.js';

const SEEN = '2026-05-01T00:00:00.000Z';
const tagger = loadTagger(LEXICON_DIR);
const ingest = (store: Store, posts: readonly IncomingPost[]) => createPipeline({ store, tagger }).ingest(posts, { seenAt: SEEN });
const counts = (c: { new: number; updated: number; unchanged: number }) => ({ new: c.new, updated: c.updated, unchanged: c.unchanged });
const edited = (p: IncomingPost): IncomingPost => ({ ...p, text: `${p.text} داعش خوارج دي.` });

/** What a reader sees: sizes, every daily aggregate, and the stored text and frames of each post. */
async function contents(store: Store, posts: readonly IncomingPost[]) {
  const stored = await store.getPosts(posts.map((p) => ({ channel: p.channel, messageId: p.messageId })));
  return {
    sizes: await store.sizes(),
    // Groups within a day come in no set order: sorted, so two stores compare.
    aggregates: Object.fromEntries(Object.entries(await aggregates(store)).map(([k, rows]) => [k, rows.map((r) => JSON.stringify(r)).sort()])),
    posts: stored
      .map((p) => `${p.channel}/${p.messageId} ${p.lang} ${p.frames.map((f) => f.frame).sort().join(',')} ${p.text}`)
      .sort(),
  };
}

describe.runIf(pgTestsRun())('PostgreSQL ingest of whole batches', () => {
  it('a batch of new, unchanged, edited and repeated posts gives the counts and contents SQLite gives', { timeout: 120_000 }, async () => {
    const all = benchPosts(400, 7);
    const pg = await openTestPgStore(await tempPgDatabase(), { timezone: 'Asia/Kabul' });
    const lite = tempStore('Asia/Kabul');
    const first = all.slice(0, 300);
    const again = edited(all[350]!);
    // 100 stored as they are, 50 stored but edited, 50 new, one new post twice (then edited).
    const mixed = [...all.slice(0, 100), ...all.slice(100, 150).map(edited), ...all.slice(300, 350), all[350]!, again];
    const results: unknown[][] = [[], []];
    for (const [i, store] of [pg, lite].entries()) {
      for (let k = 0; k < first.length; k += 100) results[i]!.push(counts(await ingest(store, first.slice(k, k + 100))));
      results[i]!.push(counts(await ingest(store, mixed)));
    }
    expect(results[1]!.at(-1)).toEqual({ new: 51, updated: 51, unchanged: 100 });
    expect(results[0]).toEqual(results[1]);
    const seen = [...all.slice(0, 351)];
    expect(await contents(pg, seen)).toEqual(await contents(lite, seen));
    expect((await contents(pg, [again])).posts[0]).toContain('داعش خوارج دي.');
    expect(await pg.aggregateDrift()).toEqual([]);
  });

  it('two writers storing the same new posts at once: no failure, each post once, aggregates exact', { timeout: 120_000 }, async () => {
    const all = benchPosts(720, 11);
    const url = await tempPgDatabase();
    const a = await openTestPgStore(url, { timezone: 'Asia/Kabul' });
    const b = await openTestPgStore(url, { timezone: 'Asia/Kabul' });
    for (let r = 0; r < 5; r++) {
      // Overlapping halves: 60 posts of each round are in both writers' batches.
      const results = await Promise.allSettled([ingest(a, all.slice(r * 140, r * 140 + 100)), ingest(b, all.slice(r * 140 + 40, r * 140 + 140))]);
      expect(results.map((x) => (x.status === 'rejected' ? String(x.reason) : 'ok'))).toEqual(['ok', 'ok']);
      const [ra, rb] = results.map((x) => (x.status === 'fulfilled' ? x.value : null));
      expect(ra!.new + rb!.new).toBe(140);
      expect(ra!.unchanged + rb!.unchanged).toBe(60);
    }
    // One post a batch (the per-post path): the same new post from both writers at once.
    for (let k = 700; k < 720; k++) {
      const results = await Promise.allSettled([ingest(a, [all[k]!]), ingest(b, [all[k]!])]);
      expect(results.map((x) => (x.status === 'rejected' ? String(x.reason) : x.value.new)).sort()).toEqual([0, 1]);
    }
    const once = tempStore('Asia/Kabul');
    await ingest(once, all);
    expect(await contents(a, all)).toEqual(await contents(once, all));
    expect(await a.aggregateDrift()).toEqual([]);
  });
});
