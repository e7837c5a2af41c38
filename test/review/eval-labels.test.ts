// `framewatch eval labels`: precision, recall and F1 per frame from the labels, weighted by the
// strata, with 95% intervals; by language and channel where a group has 20 labels, else "too few
// labels"; every labelled post re-tagged with the current lexicon.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MeasureRow } from '../../src/cli/commands/eval-labels.js';
import type { Interval } from '../../src/review/estimate.js';
import { cli, isKhawarij, labelCsv, labelledDb, ok, reviewDb, type CsvRow } from './review-fixture.js';

// The JSON rows as the command types them.
type Row = MeasureRow;

interface Output {
  lexiconVersion: string;
  method: string;
  frames: Row[];
}

/** Horvitz-Thompson by hand: every labelled row stands for `weight` posts of its stratum. */
function weighted(rows: readonly CsvRow[], tagged: (r: CsvRow) => boolean): { precision: number; recall: number; volume: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const r of rows) {
    const w = Number(r.weight);
    const yes = r.label === 'y';
    if (tagged(r) && yes) tp += w;
    else if (tagged(r)) fp += w;
    else if (yes) fn += w;
  }
  return { precision: tp / (tp + fp), recall: tp / (tp + fn), volume: tp + fn };
}

const inside = (i: Interval | null): boolean => i !== null && i.low <= i.estimate && i.estimate <= i.high;

describe('framewatch eval labels', () => {
  it('weighted precision, recall and F1 with 95% intervals; groups under 20 labels are "too few labels"', () => {
    const { db, rows } = labelledDb();
    expect(rows).toHaveLength(100);
    const out = JSON.parse(ok(cli(db, ['eval', 'labels', '--frame', 'KHAWARIJ', '--json'])).stdout) as Output;
    expect(out.method).toContain('posterior simulation (a Bayesian bootstrap with Jeffreys priors)');
    expect(out.method).toContain('4,000 draws');
    const all = out.frames.find((r) => r.group === 'all')!;
    expect(all).toMatchObject({ frame: 'khawarij', labels: 100, status: 'measured' });
    expect(all.yes).toBe(rows.filter((r) => r.label === 'y').length);
    // Same lexicon as when sampled: what it tags now is the tagged stratum.
    expect(all.tagged).toBe(rows.filter((r) => r.stratum === 'tagged').length);
    const byHand = weighted(rows, (r) => r.stratum === 'tagged');
    expect(all.precision!.estimate).toBeCloseTo(byHand.precision, 3);
    expect(all.recall!.estimate).toBeCloseTo(byHand.recall, 3);
    expect(all.f1!.estimate).toBeCloseTo((2 * byHand.precision * byHand.recall) / (byHand.precision + byHand.recall), 2);
    expect(all.trueVolume!.estimate).toBe(Math.round(byHand.volume));
    for (const i of [all.precision, all.recall, all.f1, all.trueVolume]) expect(inside(i)).toBe(true);
    // The black-flag posts are missed: recall is below 1 and its interval says how sure that is.
    expect(all.recall!.estimate).toBeLessThan(1);
    expect(all.recall!.high - all.recall!.low).toBeGreaterThan(0.01);

    // By language and by channel: a number only with 20 labels or more.
    const groups = out.frames.filter((r) => r.group !== 'all');
    const langs = groups.filter((g) => g.group === 'lang');
    expect(langs.reduce((s, g) => s + g.labels, 0)).toBe(100);
    expect(groups.filter((g) => g.group === 'channel').reduce((s, g) => s + g.labels, 0)).toBe(100);
    for (const g of groups) {
      if (g.labels < 20) expect([g.status, g.precision, g.recall, g.f1]).toEqual(['too few labels', null, null, null]);
      else {
        expect(g.status).toBe('measured');
        expect(inside(g.precision) && inside(g.recall)).toBe(true);
      }
    }
    // 100 labels: Dari, Pashto and Arabic have 20 or more each here; the channels fewer.
    expect(langs.filter((g) => g.status === 'measured').map((g) => g.key)).toEqual(expect.arrayContaining(['arb', 'prs', 'pus']));
    expect(groups.some((g) => g.status === 'too few labels')).toBe(true);

    // The table says the same in words, and names the interval method.
    const table = ok(cli(db, ['eval', 'labels', '--frame', 'khawarij']));
    expect(table.stdout).toMatch(/^FRAME +GROUP +LABELS +YES +TAGGED +PRECISION +RECALL +F1$/m);
    expect(table.stdout).toMatch(new RegExp(`^khawarij +all +100 +${all.yes} +${all.tagged} +${all.precision!.estimate.toFixed(2)} \\(${all.precision!.low.toFixed(2)}–${all.precision!.high.toFixed(2)}\\)`, 'm'));
    expect(table.stdout).toMatch(/^khawarij +channel kunar_watch +\d+ +\d+ +\d+ +too few labels +too few labels +too few labels$/m);
    expect(table.stderr).toContain(`lexicon ${out.lexiconVersion}: labelled posts re-tagged with it.`);
    expect(table.stderr).toContain('95% intervals: posterior simulation (a Bayesian bootstrap with Jeffreys priors)');
    // CSV: one column per figure and bound.
    const csv = ok(cli(db, ['eval', 'labels', '--format', 'csv'])).stdout;
    expect(csv.split('\r\n')[0]).toBe('frame,group,key,labels,yes,tagged,status,precision,precision_low,precision_high,recall,recall_low,recall_high,f1,f1_low,f1_high');
  });

  it('labels from an older lexicon count: every labelled post is re-tagged with the current one', () => {
    // The same labels, in a database without the recorded sample, as an older lexicon would have
    // drawn them: it tagged nothing, so every post came from the "rest" stratum.
    const { dir, rows } = labelledDb();
    const other = reviewDb();
    const size = 600;
    const old = rows.map((r) => ({ post: r.post, frame: 'khawarij', label: r.label, stratum: 'rest', stratum_size: size, weight: size / rows.length }));
    const file = join(dir, 'old-lexicon.jsonl');
    writeFileSync(file, old.map((o) => JSON.stringify(o)).join('\n'));
    ok(cli(other.db, ['review', 'import', file, '--labeller', 'farida']));
    const out = JSON.parse(ok(cli(other.db, ['eval', 'labels', '--json'])).stdout) as Output;
    const all = out.frames.find((r) => r.frame === 'khawarij' && r.group === 'all')!;
    // Tagged by the current lexicon, whatever stratum the old one put them in: precision is measured.
    expect(all.tagged).toBe(rows.filter((r) => r.stratum === 'tagged').length);
    expect(all.tagged).toBeGreaterThan(5);
    const byHand = weighted(
      rows.map((r) => ({ ...r, weight: String(size / rows.length) })),
      (r) => r.stratum === 'tagged',
    );
    expect(all.precision!.estimate).toBeCloseTo(byHand.precision, 3);
    expect(all.recall!.estimate).toBeCloseTo(byHand.recall, 3);
  });

  it('samples of one scope pool; labels from a sample of another scope are left out with a note', () => {
    const { dir, db } = labelledDb(60, 4);
    const before = JSON.parse(ok(cli(db, ['eval', 'labels', '--frame', 'khawarij', '--json'])).stdout) as Output;
    const all0 = before.frames.find((r) => r.group === 'all')!;
    // A second sample of the same scope (all posts): its labels pool with the first.
    const more = join(dir, 'more.csv');
    ok(cli(db, ['review', 'sample', '--frame', 'khawarij', '--n', '40', '--seed', '8', '--out', more]));
    labelCsv(more, join(dir, 'more-labelled.csv'), (r) => (isKhawarij(r.text) ? 'y' : 'n'));
    ok(cli(db, ['review', 'import', join(dir, 'more-labelled.csv'), '--labeller', 'farida']));
    const pooled = JSON.parse(ok(cli(db, ['eval', 'labels', '--frame', 'khawarij', '--json'])).stdout) as Output;
    const all1 = pooled.frames.find((r) => r.group === 'all')!;
    expect(all1.labels).toBeGreaterThan(all0.labels);
    expect(all1.leftOut).toBe(0);
    // A sample of the Kunar channels only: its weights describe those few posts, not the store.
    const kunar = join(dir, 'kunar.csv');
    ok(cli(db, ['review', 'sample', '--frame', 'khawarij', '--channel', 'kunar_watch,kunar_pashto,kunar_dari', '--n', '20', '--seed', '1', '--out', kunar]));
    labelCsv(kunar, join(dir, 'kunar-labelled.csv'), (r) => (isKhawarij(r.text) ? 'y' : 'n'));
    ok(cli(db, ['review', 'import', join(dir, 'kunar-labelled.csv'), '--labeller', 'farida']));
    const r = ok(cli(db, ['eval', 'labels', '--frame', 'khawarij', '--json']));
    const all2 = (JSON.parse(r.stdout) as Output).frames.find((x) => x.group === 'all')!;
    // Kunar posts already labelled in the big samples stay there; the others are left out.
    expect(all2.leftOut).toBeGreaterThan(0);
    expect(all2.labels + all2.leftOut).toBeGreaterThan(all1.labels);
    expect(all2.labels).toBeLessThanOrEqual(all1.labels);
    expect(r.stderr).toContain(`note: khawarij: ${all2.leftOut} label(s) from samples of another scope left out (strata weights describe their own posts); --sample ID measures one sample`);
    // One sample at a time is always possible.
    const one = JSON.parse(ok(cli(db, ['eval', 'labels', '--frame', 'khawarij', '--sample', '3', '--json'])).stdout) as Output;
    expect(one.frames.find((x) => x.group === 'all')).toMatchObject({ leftOut: 0, status: 'measured' });
  });

  it('a frame asked for without labels says so; no number is made up', () => {
    const { db } = reviewDb();
    const out = JSON.parse(ok(cli(db, ['eval', 'labels', '--frame', 'apostasy', '--json'])).stdout) as Output;
    expect(out.frames).toEqual([expect.objectContaining({ frame: 'apostasy', group: 'all', labels: 0, status: 'no labels', precision: null, recall: null, f1: null })]);
    const none = ok(cli(db, ['eval', 'labels']));
    expect(none.stderr).toContain('no labels yet: framewatch review sample --frame ID, then framewatch review label --frame ID');
  });
});
