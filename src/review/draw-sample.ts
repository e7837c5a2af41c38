// Drawing a review sample of one frame: the posts in scope are re-tagged with the current lexicon
// (near misses asked for) to find the three strata, n posts are drawn from them (sample-design.ts,
// seeded), shown in a seeded random order (the labeller does not see the strata in turn) and
// recorded in the store.
import { UserError } from '../errors.js';
import type { PostKey, PostScope, SampleItem, SampleRecord, Store } from '../store/store.js';
import type { FrameTagger } from '../types.js';
import { STRATA, rng, type Stratum } from './estimate.js';
import { drawStratified, drawWithoutReplacement } from './sample-design.js';

export interface DrawSampleOptions {
  frame: string;
  /** Labels asked for. */
  n: number;
  seed: number;
  scope: PostScope;
  now?: Date;
  /** Posts re-tagged per read from the store (the scope is streamed, never loaded whole). */
  batchSize?: number;
  onProgress?: (posts: number) => void;
}

export interface DrawnSample {
  sample: SampleRecord;
  items: SampleItem[];
  /** Posts per stratum in the scope (N_s). */
  sizes: Record<Stratum, number>;
  /** Posts drawn per stratum (n_s). */
  drawn: Record<Stratum, number>;
}

/** Which stratum a post falls in for `frame`, from its re-tag with near misses. */
export function stratumOf(frame: string, tags: { frames: readonly { frame: string }[]; near?: readonly string[] }): Stratum {
  if (tags.frames.some((f) => f.frame === frame)) return 'tagged';
  return tags.near?.includes(frame) ? 'near' : 'rest';
}

export async function drawSample(store: Store, tagger: FrameTagger, opts: DrawSampleOptions): Promise<DrawnSample> {
  const byStratum: Record<Stratum, PostKey[]> = { tagged: [], near: [], rest: [] };
  const batch = opts.batchSize ?? 2000;
  let after = 0;
  let seen = 0;
  for (;;) {
    const posts = await store.scopePosts(opts.scope, after, batch);
    if (posts.length === 0) break;
    for (const p of posts) {
      const tags = tagger.tag(p.text, p.lang, { side: p.side, near: true });
      byStratum[stratumOf(opts.frame, tags)].push({ channel: p.channel, messageId: p.messageId });
    }
    after = posts[posts.length - 1]!.key;
    seen += posts.length;
    opts.onProgress?.(seen);
  }
  if (seen === 0) throw new UserError('no stored posts in the scope of the sample (check --since, --until, --channel and --lang)');

  const drawnItems = drawStratified(byStratum, opts.n, opts.seed);
  // Shown in a random order, so the labeller meets tagged posts, near misses and others mixed.
  const order = drawWithoutReplacement(drawnItems, drawnItems.length, rng(opts.seed ^ 0x5bd1e995));
  const items = order.map((d) => ({ post: d.item, stratum: d.stratum, stratumSize: d.stratumSize, weight: d.weight }));
  const createdAt = (opts.now ?? new Date()).toISOString();
  const id = await store.createSample({
    frame: opts.frame,
    seed: opts.seed,
    scope: opts.scope,
    size: opts.n,
    lexiconVersion: tagger.version,
    createdAt,
    items,
  });
  const sizes = { tagged: byStratum.tagged.length, near: byStratum.near.length, rest: byStratum.rest.length };
  const drawn = { tagged: 0, near: 0, rest: 0 };
  for (const it of items) drawn[it.stratum]++;
  const sample: SampleRecord = { id, frame: opts.frame, seed: opts.seed, scope: opts.scope, size: opts.n, lexiconVersion: tagger.version, createdAt, items: items.length };
  return { sample, items: items.map((it, i) => ({ ...it, sampleId: id, position: i + 1 })), sizes, drawn };
}

/** "tagged 20 of 48, near 20 of 23, rest 20 of 193" */
export function describeStrata(d: Pick<DrawnSample, 'sizes' | 'drawn'>): string {
  return STRATA.map((s) => `${s} ${d.drawn[s]} of ${d.sizes[s]}`).join(', ');
}
