// `review import`: labels from a filled-in sample file into the store. Every row is checked first
// (the label, the post, the frame, the sample it belongs to); one bad row rejects the whole file,
// naming its line, and nothing is written. Rows are joined to the recorded sample for their stratum
// and weight; a row from no recorded sample must carry its own stratum, stratum_size and weight.
import { UserError } from '../errors.js';
import type { LabelRecord, LabelWriteResult, PostKey, ReviewStratum, SampleItem, SampleRecord, Store } from '../store/store.js';
import { STRATA } from './estimate.js';
import { LabelFileError, readLabelRecords, type FileRecord } from './read-label-file.js';

export interface ImportLabelsOptions {
  /** Labeller of rows without a `labeller` cell. */
  labeller: string;
  /** Frame of rows without a `frame` cell. */
  frame?: string;
  /** Known frame ids (any case is accepted in the file). */
  frames: readonly string[];
  /** Lexicon version recorded for rows joined to no sample. */
  lexiconVersion: string;
  /** Time of rows without `labelled_at`. */
  now: Date;
}

export interface ImportLabelsResult extends LabelWriteResult {
  /** Rows with a y/n label. */
  labelled: number;
  /** Rows left blank (or s/skip): not labelled yet. */
  blank: number;
}

const YES = new Set(['y', 'yes', '1', 'true']);
const NO = new Set(['n', 'no', '0', 'false']);
const BLANK = new Set(['', 's', 'skip', 'skipped']);

/** y/yes/1/true, n/no/0/false (any case); null for blank or s/skip. */
export function parseLabel(value: string): boolean | null | undefined {
  const v = value.trim().toLowerCase();
  if (YES.has(v)) return true;
  if (NO.has(v)) return false;
  return BLANK.has(v) ? null : undefined;
}

/** channel/messageId (also @channel/id and t.me/channel/id links), or the channel and message_id cells. */
function postKeyOf(cells: Record<string, string>): PostKey | null {
  const ref = (cells.post ?? '').trim();
  if (ref) {
    const m = /^(?:https?:\/\/(?:t|telegram)\.me\/(?:s\/)?|@)?([A-Za-z0-9_]+)\/(\d+)$/.exec(ref);
    return m ? { channel: m[1]!.toLowerCase(), messageId: Number(m[2]) } : null;
  }
  const channel = (cells.channel ?? '').trim().replace(/^@/, '');
  const id = (cells.message_id ?? '').trim();
  if (!/^[A-Za-z0-9_]+$/.test(channel) || !/^\d+$/.test(id)) return null;
  return { channel: channel.toLowerCase(), messageId: Number(id) };
}

const keyOf = (k: PostKey): string => `${k.channel}/${k.messageId}`;

/** The recorded samples of a frame with their items by post, newest first (read once per frame). */
class SampleIndex {
  private readonly byFrame = new Map<string, { sample: SampleRecord; items: Map<string, SampleItem> }[]>();
  constructor(private readonly store: Store) {}
  async of(frame: string) {
    let list = this.byFrame.get(frame);
    if (!list) {
      list = [];
      for (const sample of await this.store.samples(frame)) {
        list.push({ sample, items: new Map((await this.store.sampleItems(sample.id)).map((i) => [keyOf(i.post), i])) });
      }
      this.byFrame.set(frame, list);
    }
    return list;
  }
}

/** Parses and checks every row, then writes all labels in one transaction. */
export async function importLabels(store: Store, text: string, format: 'csv' | 'jsonl', opts: ImportLabelsOptions): Promise<ImportLabelsResult> {
  let records: FileRecord[];
  try {
    records = readLabelRecords(text, format);
  } catch (err) {
    if (err instanceof LabelFileError) throw new UserError(`line ${err.line}: ${err.message}; nothing imported`);
    throw err;
  }
  const fail = (r: FileRecord, msg: string): never => {
    throw new UserError(`line ${r.line}: ${msg}; nothing imported`);
  };
  const frames = new Map(opts.frames.map((f) => [f.toLowerCase(), f]));
  const samples = new SampleIndex(store);
  const labels: { record: FileRecord; label: LabelRecord }[] = [];
  const seen = new Map<string, { line: number; label: boolean }>();
  let blank = 0;
  for (const r of records) {
    const c = r.cells;
    if (!('label' in c)) fail(r, 'no "label" column (fill in y or n per row)');
    const value = parseLabel(c.label!);
    if (value === undefined) fail(r, `label ${JSON.stringify(c.label)} is not y or n (blank or s = not labelled yet)`);
    if (value === null) {
      blank++;
      continue;
    }
    const post = postKeyOf(c);
    if (!post) fail(r, `no post: give "post" (channel/id) or "channel" and "message_id" (got ${JSON.stringify(c.post ?? c.channel ?? '')})`);
    const frameCell = (c.frame ?? '').trim() || opts.frame;
    if (!frameCell) fail(r, 'no frame: give a "frame" column or --frame');
    const frame = frames.get(frameCell!.toLowerCase());
    if (!frame) fail(r, `unknown frame ${JSON.stringify(frameCell)}`);
    const labeller = (c.labeller ?? '').trim() || opts.labeller;
    let labelledAt = opts.now.toISOString();
    if ((c.labelled_at ?? '').trim()) {
      const ms = Date.parse(c.labelled_at!.trim());
      if (Number.isNaN(ms)) fail(r, `labelled_at ${JSON.stringify(c.labelled_at)} is not a date and time`);
      labelledAt = new Date(ms).toISOString();
    }

    // The sample the row belongs to: the one it names, else the newest of the frame holding the post.
    const list = await samples.of(frame!);
    const sampleCell = (c.sample ?? '').trim();
    let joined: { sample: SampleRecord; item: SampleItem } | null = null;
    if (sampleCell) {
      const s = list.find((x) => String(x.sample.id) === sampleCell);
      if (!s) fail(r, `sample ${sampleCell} is not a sample of frame ${frame} in this database`);
      const item = s!.items.get(keyOf(post!));
      if (!item) fail(r, `post ${keyOf(post!)} is not in sample ${sampleCell}`);
      joined = { sample: s!.sample, item: item! };
    } else {
      for (const s of list) {
        const item = s.items.get(keyOf(post!));
        if (item) {
          joined = { sample: s.sample, item };
          break;
        }
      }
    }
    let design: Pick<LabelRecord, 'sampleId' | 'stratum' | 'stratumSize' | 'weight' | 'lexiconVersion'>;
    if (joined) {
      const it = joined.item;
      design = { sampleId: joined.sample.id, stratum: it.stratum, stratumSize: it.stratumSize, weight: it.weight, lexiconVersion: joined.sample.lexiconVersion };
    } else {
      const stratum = (c.stratum ?? '').trim() as ReviewStratum;
      const size = Number((c.stratum_size ?? '').trim());
      const weight = Number((c.weight ?? '').trim());
      if (!STRATA.includes(stratum) || !Number.isInteger(size) || size <= 0 || !(weight >= 1)) {
        fail(r, `post ${keyOf(post!)} is in no recorded sample of ${frame}, and the row has no valid stratum (tagged, near or rest), stratum_size and weight`);
      }
      design = { sampleId: null, stratum, stratumSize: size, weight, lexiconVersion: opts.lexiconVersion };
    }
    const dup = `${keyOf(post!)}\u0001${frame}\u0001${labeller}`;
    const before = seen.get(dup);
    if (before && before.label !== value) fail(r, `post ${keyOf(post!)} is labelled ${value ? 'y' : 'n'} here and ${before.label ? 'y' : 'n'} on line ${before.line}`);
    if (before) continue;
    seen.set(dup, { line: r.line, label: value! });
    labels.push({ record: r, label: { post: post!, frame: frame!, label: value!, labeller, labelledAt, ...design } });
  }
  // Every post must be stored (a row from another database names posts this one lacks).
  const stored = new Set((await store.getPosts(labels.map((l) => l.label.post))).map((p) => keyOf(p)));
  for (const l of labels) if (!stored.has(keyOf(l.label.post))) fail(l.record, `post ${keyOf(l.label.post)} is not in this database`);
  const res = await store.putLabels(labels.map((l) => l.label));
  return { ...res, labelled: labels.length, blank };
}
