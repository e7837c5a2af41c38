// `framewatch migrate`: copies everything one store holds into another through the port (SQLite to
// PostgreSQL or back): channels, runs, posts with their tags and evidence, covered ranges, digest
// deliveries, review samples and labels. The target counts its own aggregates as it takes the posts.
//
// Resumable: posts go in batches in the source's storage order, and the last key copied is kept in
// the target (settings), in the same step as the batch; a copy cut short starts again after it.
// Everything else is small and idempotent to import, so it is copied whole each time.
// At the end the counts and every aggregate are compared; any difference fails the copy.
import { UserError } from '../errors.js';
import type { Store } from '../store/store.js';

export interface CopyProgress {
  posts: number;
  total: number;
}

export interface CopyResult {
  channels: number;
  posts: number;
  /** Posts copied by this invocation (the rest were copied by an earlier one). */
  copiedNow: number;
  tags: number;
  runs: number;
  segments: number;
  digestSends: number;
  samples: number;
  labels: number;
}

const BATCH = 500;
const ALL = { from: '0000-01-01', to: '9999-12-31' };

/** The settings key of a copy's watermark: one per source, so two sources never share one. */
const watermarkKey = (source: Store) => `migrate:${source.backend}:${source.location}:posts_upto`;
const sampleKey = (source: Store, id: number) => `migrate:${source.backend}:${source.location}:sample:${id}`;

export async function copyStore(source: Store, target: Store, opts: { onProgress?: (p: CopyProgress) => void; batch?: number } = {}): Promise<CopyResult> {
  if (source.backend === target.backend && source.location === target.location) throw new UserError('migrate: the source and the target are the same database');
  const total = (await source.sizes()).posts;
  await target.importChannels(await source.exportChannels());

  let runs = 0;
  for (let after = 0; ; ) {
    const page = await source.exportRuns(after, BATCH);
    if (!page.length) break;
    await target.importRuns(page);
    runs += page.length;
    after = page[page.length - 1]!.id;
  }

  const key = watermarkKey(source);
  let after = Number((await target.getSetting(key)) ?? 0);
  let copiedNow = 0;
  for (;;) {
    const page = await source.exportPosts(after, opts.batch ?? BATCH);
    if (!page.length) break;
    await target.importPosts(page);
    after = page[page.length - 1]!.key;
    await target.setSetting(key, String(after)); // a re-import of this batch after a crash changes nothing
    copiedNow += page.length;
    opts.onProgress?.({ posts: Math.min(total, (await target.sizes()).posts), total });
  }

  const segments = await source.exportSegments();
  await target.importSegments(segments);
  const sends = await source.exportDigestSends();
  for (const s of sends) await target.recordDigestSend(s);
  const { samples, labels } = await copyLabels(source, target);
  await target.importChannels(await source.exportChannels()); // states and last runs as the source has them

  await verify(source, target);
  const sizes = await target.sizes();
  return { channels: sizes.channels, posts: sizes.posts, copiedNow, tags: sizes.tags, runs, segments: segments.length, digestSends: sends.length, samples, labels };
}

/** Samples (new ids in the target, remembered per source id) with their items, then the current labels. */
async function copyLabels(source: Store, target: Store): Promise<{ samples: number; labels: number }> {
  const ids = new Map<number, number>();
  const samples = [...(await source.samples())].sort((a, b) => a.id - b.id);
  for (const s of samples) {
    const known = await target.getSetting(sampleKey(source, s.id));
    if (known !== undefined) {
      ids.set(s.id, Number(known));
      continue;
    }
    const items = await source.sampleItems(s.id);
    const id = await target.createSample({
      frame: s.frame,
      seed: s.seed,
      scope: s.scope,
      size: s.size,
      lexiconVersion: s.lexiconVersion,
      createdAt: s.createdAt,
      items: items.map((i) => ({ post: i.post, stratum: i.stratum, stratumSize: i.stratumSize, weight: i.weight })),
    });
    await target.setSetting(sampleKey(source, s.id), String(id));
    ids.set(s.id, id);
  }
  const mapSample = <T extends { sampleId: number | null }>(l: T): T => ({ ...l, sampleId: l.sampleId === null ? null : (ids.get(l.sampleId) ?? null) });
  // The history first, in the order it was made, so the current labels replace what they replaced
  // and an undone label is undone again.
  const history = [...(await source.labelHistory())].sort((a, b) => (a.archivedAt < b.archivedAt ? -1 : a.archivedAt > b.archivedAt ? 1 : 0));
  for (const h of history) {
    const { reason, archivedAt, ...label } = h;
    await target.putLabels([mapSample(label)]);
    if (reason === 'undone') await target.removeLabel(label.post, label.frame, label.labeller, archivedAt);
  }
  const current = await source.labels();
  await target.putLabels(current.map(mapSample));
  return { samples: samples.length, labels: current.length };
}

const sortKey = (r: object) => JSON.stringify(r);
const sorted = <T extends object>(xs: T[]) => [...xs].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1));

/** The counts and every aggregate (by day, channel, language and frame) must be equal; throws one line naming what differs. */
export async function verify(source: Store, target: Store): Promise<void> {
  const diffs: string[] = [];
  const [a, b] = [await source.sizes(), await target.sizes()];
  for (const k of ['posts', 'tags', 'channels'] as const) if (a[k] !== b[k]) diffs.push(`${k} ${a[k]} vs ${b[k]}`);
  const count = async (s: Store) => ({
    segments: (await s.exportSegments()).length,
    digestSends: (await s.exportDigestSends()).length,
    labels: (await s.labels()).length,
  });
  const [ca, cb] = [await count(source), await count(target)];
  for (const k of Object.keys(ca) as (keyof typeof ca)[]) if (ca[k] !== cb[k]) diffs.push(`${k} ${ca[k]} vs ${cb[k]}`);
  const aggregates = async (s: Store) =>
    JSON.stringify({
      posts: sorted(await s.dailyPosts({ ...ALL, by: ['channel', 'lang'] })),
      frames: sorted(await s.dailyFrames({ ...ALL, by: ['channel', 'lang'] })),
      days: await s.dailyPosts(ALL),
      frameDays: await s.dailyFrames(ALL),
    });
  if ((await aggregates(source)) !== (await aggregates(target))) diffs.push('the daily aggregates differ');
  const drift = await target.aggregateDrift();
  if (drift.length) diffs.push(`the target's aggregates drift from its posts (${drift[0]})`);
  if (diffs.length) throw new UserError(`migrate: ${source.location} and ${target.location} differ after the copy: ${diffs.join('; ')}`);
}
