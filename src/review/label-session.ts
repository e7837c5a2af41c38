// One labeller working through a recorded sample (no terminal here: review-label.ts drives it).
// Every answer is written at once, so quitting loses nothing and the next session resumes at the
// first post this labeller has not labelled. Undo takes back the last answer of this session.
import { UserError } from '../errors.js';
import type { SampleItem, SampleRecord, Store, StoredPost } from '../store/store.js';
import type { FrameHit, FrameTagger } from '../types.js';
import type { LabelProgress } from './label-screen.js';
import { currentEvidence } from './sample-rows.js';

const keyOf = (p: { channel: string; messageId: number }): string => `${p.channel}/${p.messageId}`;

export interface SessionItem {
  item: SampleItem;
  post: StoredPost;
  hits: FrameHit[];
  /** This labeller's answer, when there is one. */
  current?: boolean;
}

export class LabelSession {
  /** This labeller's answers on the frame, by post. */
  private readonly answers: Map<string, boolean>;
  private readonly skipped = new Set<number>();
  /** Indexes answered in this session, last last (for undo). */
  private readonly done: number[] = [];
  /** Index of the post on screen; null when nothing is left. */
  index: number | null;

  private constructor(
    private readonly store: Store,
    private readonly tagger: FrameTagger,
    readonly sample: SampleRecord,
    readonly items: SampleItem[],
    readonly labeller: string,
    labels: Map<string, boolean>,
  ) {
    this.answers = labels;
    this.index = this.nextFrom(0);
  }

  /** The sample given, or the newest sample of the frame. */
  static async open(store: Store, tagger: FrameTagger, opts: { frame: string; sampleId?: number; labeller: string }): Promise<LabelSession> {
    const samples = await store.samples(opts.frame);
    const sample = opts.sampleId === undefined ? samples[0] : samples.find((s) => s.id === opts.sampleId);
    if (!sample) {
      throw new UserError(
        opts.sampleId === undefined
          ? `no review sample of ${opts.frame} yet: draw one with framewatch review sample --frame ${opts.frame}`
          : `sample ${opts.sampleId} is not a sample of ${opts.frame} (framewatch review list shows the samples)`,
      );
    }
    const items = await store.sampleItems(sample.id);
    if (items.length === 0) throw new UserError(`sample ${sample.id} has no posts left (were their channels removed?)`);
    const labels = new Map((await store.labels({ frame: opts.frame, labeller: opts.labeller })).map((l) => [keyOf(l.post), l.label]));
    return new LabelSession(store, tagger, sample, items, opts.labeller, labels);
  }

  /** First unlabelled, unskipped index at or after `from`, wrapping around; null when none. */
  private nextFrom(from: number): number | null {
    const n = this.items.length;
    for (let k = 0; k < n; k++) {
      const i = (from + k) % n;
      if (!this.answers.has(keyOf(this.items[i]!.post)) && !this.skipped.has(i)) return i;
    }
    return null;
  }

  progress(): LabelProgress {
    let yes = 0;
    let no = 0;
    for (const it of this.items) {
      const a = this.answers.get(keyOf(it.post));
      if (a === true) yes++;
      else if (a === false) no++;
    }
    const skipped = [...this.skipped].filter((i) => !this.answers.has(keyOf(this.items[i]!.post))).length;
    return { total: this.items.length, labelled: yes + no, yes, no, skipped };
  }

  /** The post on screen with the current lexicon's evidence, or null when every post is labelled or skipped. */
  async current(): Promise<SessionItem | null> {
    if (this.index === null) return null;
    const item = this.items[this.index]!;
    const [post] = await this.store.getPosts([item.post]);
    if (!post) {
      // Removed since the sample was drawn: nothing to label.
      this.skipped.add(this.index);
      this.index = this.nextFrom(this.index + 1);
      return this.current();
    }
    const answer = this.answers.get(keyOf(item.post));
    return { item, post, hits: currentEvidence(this.tagger, post, this.sample.frame), ...(answer === undefined ? {} : { current: answer }) };
  }

  async answer(yes: boolean, now: Date = new Date()): Promise<void> {
    if (this.index === null) return;
    const it = this.items[this.index]!;
    await this.store.putLabels([
      {
        post: it.post,
        frame: this.sample.frame,
        label: yes,
        labeller: this.labeller,
        labelledAt: now.toISOString(),
        lexiconVersion: this.tagger.version,
        sampleId: this.sample.id,
        stratum: it.stratum,
        stratumSize: it.stratumSize,
        weight: it.weight,
      },
    ]);
    this.answers.set(keyOf(it.post), yes);
    this.skipped.delete(this.index);
    this.done.push(this.index);
    this.index = this.nextFrom(this.index + 1);
  }

  skip(): void {
    if (this.index === null) return;
    this.skipped.add(this.index);
    this.index = this.nextFrom(this.index + 1);
  }

  /** Takes back this session's last answer and shows that post again; false when there is none. */
  async undo(now: Date = new Date()): Promise<boolean> {
    const i = this.done.pop();
    if (i === undefined) return false;
    const it = this.items[i]!;
    await this.store.removeLabel(it.post, this.sample.frame, this.labeller, now.toISOString());
    this.answers.delete(keyOf(it.post));
    this.index = i;
    return true;
  }
}
