// A review sample as rows for labelling outside framewatch (Excel, pandas, a text editor): one row
// per sampled post with its link, date, language, text, the evidence of the current lexicon, its
// stratum and weight, and an empty `label` column. `review import` reads such a file back.
import { toCsv } from '../report/csv.js';
import type { SampleItem, SampleRecord, Store, StoredPost } from '../store/store.js';
import type { FrameHit, FrameTagger, Lang } from '../types.js';
import { isTelegramUrl } from '../util/telegram-link.js';

export interface SampleRow {
  sample: number;
  position: number;
  frame: string;
  /** channel/messageId: what `review import` joins on (with channel and message_id). */
  post: string;
  channel: string;
  message_id: number;
  /** The post's t.me link when it came from t.me, else empty. */
  url: string;
  /** ISO instant (UTC). */
  date: string;
  lang: Lang;
  stratum: string;
  stratum_size: number;
  weight: number;
  /** The frame's evidence under the current lexicon, as text (empty when the post is not tagged). */
  evidence: string;
  text: string;
  label: string;
}

/** The columns of a sample file, in order (`label` last, to fill in). */
export const SAMPLE_COLUMNS: readonly (keyof SampleRow)[] = [
  'sample',
  'position',
  'frame',
  'post',
  'channel',
  'message_id',
  'url',
  'date',
  'lang',
  'stratum',
  'stratum_size',
  'weight',
  'evidence',
  'text',
  'label',
];

const flags = (h: Pick<FrameHit, 'negated' | 'quoted'>): string => (h.negated ? ' (negated)' : '') + (h.quoted ? ' (quoted)' : '');

/**
 * Evidence in one line: term hits as ⟦matched⟧ "term", rules with the words that filled each part:
 *   ⟦خوارجو⟧ "خوارج*"; rule subordinate_to_power: foreign_power ⟦Pentagon's⟧, subordination ⟦obedient⟧
 */
export function evidenceText(hits: readonly FrameHit[]): string {
  const out: string[] = [];
  const rules = new Map<string, FrameHit[]>();
  for (const h of hits) {
    if (h.rule === undefined) out.push(`⟦${h.matched}⟧ "${h.term}"${flags(h)}`);
    else rules.set(h.rule, [...(rules.get(h.rule) ?? []), h]);
  }
  for (const [rule, parts] of rules) out.push(`rule ${rule}: ${parts.map((h) => `${h.part ?? '?'} ⟦${h.matched}⟧${flags(h)}`).join(', ')}`);
  return out.join('; ');
}

/** The frame's hits in `post` under the current lexicon (none when it does not tag the post). */
export function currentEvidence(tagger: FrameTagger, post: Pick<StoredPost, 'text' | 'lang' | 'side'>, frame: string): FrameHit[] {
  return tagger.tag(post.text, post.lang, { side: post.side }).frames.find((f) => f.frame === frame)?.hits ?? [];
}

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

/** The rows of a sample, by position. Posts no longer stored are left out. */
export async function sampleRows(store: Store, tagger: FrameTagger, sample: SampleRecord, items: readonly SampleItem[]): Promise<(SampleRow & { hits: FrameHit[] })[]> {
  const posts = await store.getPosts(items.map((i) => i.post));
  const byKey = new Map(posts.map((p) => [`${p.channel}/${p.messageId}`, p]));
  const rows: (SampleRow & { hits: FrameHit[] })[] = [];
  for (const it of items) {
    const p = byKey.get(`${it.post.channel}/${it.post.messageId}`);
    if (!p) continue;
    const hits = currentEvidence(tagger, p, sample.frame);
    rows.push({
      sample: sample.id,
      position: it.position,
      frame: sample.frame,
      post: `${p.channel}/${p.messageId}`,
      channel: p.channel,
      message_id: p.messageId,
      url: p.permalink && isTelegramUrl(p.permalink) ? p.permalink : '',
      date: p.postedAt,
      lang: p.lang,
      stratum: it.stratum,
      stratum_size: it.stratumSize,
      weight: round6(it.weight),
      evidence: evidenceText(hits),
      text: p.text,
      label: '',
      hits,
    });
  }
  return rows;
}

/** CSV (RFC 4180, formula-guarded, optional BOM for Excel) or JSON Lines (with the hits as objects). */
export function renderSampleFile(rows: readonly (SampleRow & { hits: FrameHit[] })[], format: 'csv' | 'jsonl', opts: { bom?: boolean } = {}): string {
  if (format === 'jsonl') {
    return rows
      .map((r) => {
        const { hits, ...row } = r;
        return `${JSON.stringify({ ...row, hits: hits.map(({ frame: _f, ...h }) => h) })}\n`;
      })
      .join('');
  }
  return toCsv(
    SAMPLE_COLUMNS,
    rows.map((r) => SAMPLE_COLUMNS.map((c) => r[c])),
    { bom: opts.bom ?? false },
  );
}
