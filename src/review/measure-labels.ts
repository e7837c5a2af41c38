// `eval labels`: precision, recall and F1 of each frame from the analysts' labels, with 95% intervals
// (estimate.ts). Each labelled post is re-tagged with the CURRENT lexicon first, so labels made under
// an older lexicon still count. Split by language and by channel where a group has enough labels.
import type { LabelQuery, LabelRecord, PostScope, Store, StoredPost } from '../store/store.js';
import type { FrameTagger } from '../types.js';
import { estimateFrame, type FrameEstimate, type LabelledPost, type Stratum } from './estimate.js';

/** Fewer labels than this in a language or channel: "too few labels", not a number. */
export const MIN_GROUP_LABELS = 20;

/** A labelled post with what the current lexicon says about it. */
export interface Labelled {
  label: LabelRecord;
  post: StoredPost;
  /** The current lexicon tags the post with the label's frame. */
  taggedNow: boolean;
  /**
   * The population the label's weight describes: its sample's scope (samples of one scope pool), or
   * "file" for labels imported with their own stratum cells.
   */
  scope: string;
}

export interface GroupMeasure {
  group: 'all' | 'lang' | 'channel';
  /** The language or channel ('' for all). */
  key: string;
  labels: number;
  /** Labelled yes. */
  yes: number;
  /** Labelled posts the current lexicon tags. */
  tagged: number;
  /** Null: too few labels in the group to say anything. */
  estimate: FrameEstimate | null;
}

export interface FrameMeasure {
  frame: string;
  /**
   * Labels left out because their samples were drawn from another scope: strata weights describe
   * their own population, so only the scope with the most labels is measured.
   */
  leftOut: number;
  overall: GroupMeasure;
  byLang: GroupMeasure[];
  byChannel: GroupMeasure[];
}

const keyOf = (p: { channel: string; messageId: number }): string => `${p.channel}/${p.messageId}`;

/** One key per scope: samples of the same posts pool their strata. */
export function scopeKey(scope: PostScope): string {
  return JSON.stringify([scope.since ?? '', scope.until ?? '', [...(scope.channels ?? [])].sort(), [...(scope.langs ?? [])].sort()]);
}

/**
 * The current labels (filtered by `q`), one per (post, frame): the latest when several analysts
 * labelled the same post, and only labels with a stratum (from a sample). Posts no longer stored drop out.
 */
export async function loadLabelled(store: Store, tagger: FrameTagger, q: LabelQuery = {}): Promise<Labelled[]> {
  const latest = new Map<string, LabelRecord>();
  for (const l of await store.labels(q)) {
    if (l.stratum === null || l.stratumSize === null) continue;
    const k = `${keyOf(l.post)}\u0001${l.frame}`;
    const before = latest.get(k);
    if (!before || before.labelledAt <= l.labelledAt) latest.set(k, l);
  }
  const labels = [...latest.values()];
  const scopes = new Map((await store.samples()).map((s) => [s.id, scopeKey(s.scope)]));
  const posts = new Map<string, StoredPost>();
  const keys = [...new Map(labels.map((l) => [keyOf(l.post), l.post])).values()];
  for (let i = 0; i < keys.length; i += 500) for (const p of await store.getPosts(keys.slice(i, i + 500))) posts.set(keyOf(p), p);
  const tags = new Map<string, Set<string>>();
  const out: Labelled[] = [];
  for (const l of labels) {
    const post = posts.get(keyOf(l.post));
    if (!post) continue;
    let frames = tags.get(keyOf(post));
    if (!frames) {
      frames = new Set(tagger.tag(post.text, post.lang, { side: post.side }).frames.map((f) => f.frame));
      tags.set(keyOf(post), frames);
    }
    out.push({ label: l, post, taggedNow: frames.has(l.frame), scope: l.sampleId === null ? 'file' : (scopes.get(l.sampleId) ?? `sample ${l.sampleId}`) });
  }
  return out;
}

function group(name: GroupMeasure['group'], key: string, rows: readonly Labelled[], all: readonly Labelled[], min: number, seed: number): GroupMeasure {
  const yes = rows.filter((r) => r.label.label).length;
  const tagged = rows.filter((r) => r.taggedNow).length;
  const base = { group: name, key, labels: rows.length, yes, tagged };
  if (rows.length < min) return { ...base, estimate: null };
  // Stratum sizes of a group: N_s scaled by the group's share of the stratum's labels, so each
  // labelled post keeps the weight N_s / n_s it has in the whole sample (post-stratification).
  const sizes = new Map<Stratum, number>();
  const counts = new Map<Stratum, number>();
  for (const r of all) {
    const s = r.label.stratum as Stratum;
    sizes.set(s, Math.max(sizes.get(s) ?? 0, r.label.stratumSize!));
    counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  const inGroup = new Map<Stratum, number>();
  for (const r of rows) inGroup.set(r.label.stratum as Stratum, (inGroup.get(r.label.stratum as Stratum) ?? 0) + 1);
  const posts: LabelledPost[] = rows.map((r) => {
    const s = r.label.stratum as Stratum;
    return { stratum: s, stratumSize: (sizes.get(s)! * inGroup.get(s)!) / counts.get(s)!, label: r.label.label, taggedNow: r.taggedNow };
  });
  return { ...base, estimate: estimateFrame(posts, { seed }) };
}

function split(name: 'lang' | 'channel', rows: readonly Labelled[], min: number, seed: number): GroupMeasure[] {
  const by = new Map<string, Labelled[]>();
  for (const r of rows) {
    const k = name === 'lang' ? r.post.lang : r.post.channel;
    by.set(k, [...(by.get(k) ?? []), r]);
  }
  return [...by.entries()]
    .sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))
    .map(([k, list]) => group(name, k, list, rows, min, seed));
}

/** The labels of the scope with the most labels (ties: the newest sample's). */
function mainScope(rows: readonly Labelled[]): Labelled[] {
  const by = new Map<string, { rows: Labelled[]; newest: number }>();
  for (const r of rows) {
    let g = by.get(r.scope);
    if (!g) by.set(r.scope, (g = { rows: [], newest: 0 }));
    g.rows.push(r);
    g.newest = Math.max(g.newest, r.label.sampleId ?? 0);
  }
  let best: { rows: Labelled[]; newest: number } | undefined;
  for (const g of by.values()) if (!best || g.rows.length > best.rows.length || (g.rows.length === best.rows.length && g.newest > best.newest)) best = g;
  return best?.rows ?? [];
}

/** Measures of one frame from its labelled posts (all of them of that frame). */
export function measureFrame(frame: string, all: readonly Labelled[], opts: { minGroup?: number; seed?: number } = {}): FrameMeasure {
  const min = opts.minGroup ?? MIN_GROUP_LABELS;
  const seed = opts.seed ?? 1;
  const rows = mainScope(all);
  return {
    frame,
    leftOut: all.length - rows.length,
    // Overall figures need no minimum: the intervals say how little a few labels tell.
    overall: group('all', '', rows, rows, 1, seed),
    byLang: split('lang', rows, min, seed),
    byChannel: split('channel', rows, min, seed),
  };
}

/** Every frame with labels (or just `frames`), by frame id. */
export function measureFrames(rows: readonly Labelled[], frames?: readonly string[], opts: { minGroup?: number; seed?: number } = {}): FrameMeasure[] {
  const by = new Map<string, Labelled[]>();
  for (const f of frames ?? []) by.set(f, []);
  for (const r of rows) if (!frames || frames.includes(r.label.frame)) by.set(r.label.frame, [...(by.get(r.label.frame) ?? []), r]);
  return [...by.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([f, list]) => measureFrame(f, list, opts));
}
