// `framewatch eval labels`: each frame's precision, recall and F1 on the analysts' own labels, with
// 95% intervals, overall and by language and channel where enough labels allow.
import type { Command } from 'commander';
import type { Interval } from '../../review/estimate.js';
import type { FrameMeasure, GroupMeasure } from '../../review/measure-labels.js';

interface LabelsOpts {
  frame?: string;
  labeller?: string;
  sample?: string;
  format?: string;
  json?: boolean;
}

/** One output row: a frame overall, or one of its languages or channels. */
export interface MeasureRow {
  frame: string;
  group: GroupMeasure['group'];
  key: string;
  labels: number;
  yes: number;
  tagged: number;
  /** Null with `status` "too few labels" (or when the labels cannot tell: no tagged post labelled, no yes). */
  precision: Interval | null;
  recall: Interval | null;
  f1: Interval | null;
  /** Estimated true posts of the frame in the sampled scope. */
  trueVolume: Interval | null;
  status: 'measured' | 'too few labels' | 'no labels';
  /** Overall rows: labels from samples of another scope, not counted (their weights describe other posts). */
  leftOut: number;
}

export const METHOD_NOTE =
  '95% intervals: posterior simulation (a Bayesian bootstrap with Jeffreys priors) over the strata, 4,000 draws; ' +
  'point estimates weight each label by its stratum (N_s / n_s).';

const r3 = (x: number): number => Math.round(x * 1000) / 1000;
const round = (i: Interval | null): Interval | null => (i ? { estimate: r3(i.estimate), low: r3(i.low), high: r3(i.high) } : null);

export function measureRows(measures: readonly FrameMeasure[]): MeasureRow[] {
  const row = (frame: string, g: GroupMeasure, leftOut = 0): MeasureRow => ({
    frame,
    group: g.group,
    key: g.key,
    labels: g.labels,
    yes: g.yes,
    tagged: g.tagged,
    precision: round(g.estimate?.precision ?? null),
    recall: round(g.estimate?.recall ?? null),
    f1: round(g.estimate?.f1 ?? null),
    trueVolume: g.estimate?.trueVolume ? { estimate: Math.round(g.estimate.trueVolume.estimate), low: Math.round(g.estimate.trueVolume.low), high: Math.round(g.estimate.trueVolume.high) } : null,
    status: g.labels === 0 ? 'no labels' : g.estimate ? 'measured' : 'too few labels',
    leftOut,
  });
  return measures.flatMap((m) => [row(m.frame, m.overall, m.leftOut), ...m.byLang.map((g) => row(m.frame, g)), ...m.byChannel.map((g) => row(m.frame, g))]);
}

/** "0.82 (0.70–0.90)", or why there is no figure. */
function cell(r: MeasureRow, i: Interval | null, why: string): string {
  if (r.status !== 'measured') return r.status;
  return i ? `${i.estimate.toFixed(2)} (${i.low.toFixed(2)}–${i.high.toFixed(2)})` : why;
}

export function register(evalCmd: Command): void {
  evalCmd
    .command('labels')
    .description("precision, recall and F1 of each frame on your own labels (review sample / label / import), with 95% intervals")
    .option('--frame <id>', 'only these frames (repeatable or comma list)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--labeller <name>', "only this labeller's labels (default: everyone's; the latest answer per post)")
    .option('--sample <id>', 'only the labels of this sample')
    .option('--format <fmt>', 'table (default), json, jsonl or csv (one row per frame and group)')
    .option('--json', 'same as --format json')
    .addHelpText(
      'after',
      `
Every labelled post is re-tagged with the current lexicon first: labels made under an older lexicon
still count, and editing the lexicon then running eval labels again measures the edit.
Rows: each frame overall, then by language and by channel. Samples of the same scope (filters) pool;
when a frame's labels come from samples of different scopes, the scope with the most labels is
measured and the others are left out with a note (--sample ID measures one sample). A language or channel with fewer than 20
labels shows "too few labels" instead of a number.
${METHOD_NOTE}`,
    )
    .action(async (opts: LabelsOpts & { frame?: string[] }, cmd: Command) => {
      const { resolveRowFormat, renderRows } = await import('../format-rows.js');
      const { parsePositiveInt } = await import('../parse-options.js');
      const format = resolveRowFormat(opts, 'table');
      const sampleId = opts.sample !== undefined ? parsePositiveInt(opts.sample, '--sample') : undefined;
      const { loadTagger } = await import('../../frames/load-tagger.js');
      const tagger = loadTagger();
      const { withStore, info } = await import('../context.js');
      await withStore(cmd, async (store) => {
        const { resolveFrameIds, frameIdSource } = await import('../frame-ids.js');
        const frames = opts.frame ? await resolveFrameIds(opts.frame, frameIdSource(store)) : undefined;
        const { loadLabelled, measureFrames } = await import('../../review/measure-labels.js');
        const labelled = await loadLabelled(store, tagger, { ...(opts.labeller ? { labeller: opts.labeller } : {}), ...(sampleId ? { sampleId } : {}) });
        const rows = measureRows(measureFrames(labelled, frames));
        for (const r of rows) {
          if (r.leftOut > 0) {
            info(`note: ${r.frame}: ${r.leftOut} label(s) from samples of another scope left out (strata weights describe their own posts); --sample ID measures one sample`);
          }
        }
        if (format === 'json') {
          process.stdout.write(`${JSON.stringify({ lexiconVersion: tagger.version, method: METHOD_NOTE, frames: rows }, null, 2)}\n`);
          return;
        }
        const flat = (i: Interval | null, k: keyof Interval) => (i ? i[k] : null);
        process.stdout.write(
          renderRows(
            rows,
            format,
            format === 'table'
              ? [
                  { header: 'FRAME', cell: (r) => r.frame },
                  { header: 'GROUP', cell: (r) => (r.group === 'all' ? 'all' : `${r.group} ${r.key}`) },
                  { header: 'LABELS', cell: (r) => r.labels },
                  { header: 'YES', cell: (r) => r.yes },
                  { header: 'TAGGED', cell: (r) => r.tagged },
                  { header: 'PRECISION', cell: (r) => cell(r, r.precision, 'no tagged post labelled') },
                  { header: 'RECALL', cell: (r) => cell(r, r.recall, r.yes === 0 ? 'no yes labelled' : 'no tagged post labelled') },
                  { header: 'F1', cell: (r) => cell(r, r.f1, '-') },
                ]
              : [
                  { header: 'frame', cell: (r) => r.frame },
                  { header: 'group', cell: (r) => r.group },
                  { header: 'key', cell: (r) => r.key },
                  { header: 'labels', cell: (r) => r.labels },
                  { header: 'yes', cell: (r) => r.yes },
                  { header: 'tagged', cell: (r) => r.tagged },
                  { header: 'status', cell: (r) => r.status },
                  ...(['precision', 'recall', 'f1'] as const).flatMap((m) => [
                    { header: m, cell: (r: MeasureRow) => flat(r[m], 'estimate') },
                    { header: `${m}_low`, cell: (r: MeasureRow) => flat(r[m], 'low') },
                    { header: `${m}_high`, cell: (r: MeasureRow) => flat(r[m], 'high') },
                  ]),
                ],
            (r) => r,
          ),
        );
        if (format === 'table') {
          if (rows.length === 0) info('no labels yet: framewatch review sample --frame ID, then framewatch review label --frame ID');
          else info(`lexicon ${tagger.version}: labelled posts re-tagged with it.\n${METHOD_NOTE}`);
        }
      });
    });
}
