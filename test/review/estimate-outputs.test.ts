// Estimated volumes where a frame is validated on the analyst's labels, and nowhere else:
// `trend --estimate` columns, the HTML report's band, the digest's "P 0.xx" / "unvalidated" marks.
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../src/bot/bot-commands.js';
import { loadTagger } from '../../src/frames/load-tagger.js';
import { openTestStore } from '../helpers/temp-store.js';
import { cli, labelledDb, ok, reviewDb } from './review-fixture.js';

interface Measured {
  frames: { frame: string; group: string; precision: { estimate: number } | null; recall: { estimate: number } | null }[];
}

function measured(db: string): { precision: number; recall: number } {
  const out = JSON.parse(ok(cli(db, ['eval', 'labels', '--frame', 'khawarij', '--json'])).stdout) as Measured;
  const all = out.frames.find((f) => f.group === 'all')!;
  return { precision: all.precision!.estimate, recall: all.recall!.estimate };
}

const csvRows = (csv: string): string[][] =>
  csv
    .trim()
    .split('\r\n')
    .map((l) => l.split(','));

describe('estimated volumes of validated frames', () => {
  it('trend --estimate: estimate, estimate_low, estimate_high for the validated frame; empty cells for the others', () => {
    const { db } = labelledDb();
    const { precision, recall } = measured(db);
    const r = ok(cli(db, ['trend', '--estimate', '--frame', 'khawarij,apostasy']));
    expect(r.stderr).toContain(`estimate: khawarij (P ${precision.toFixed(2)}, R ${recall.toFixed(2)}); 1 frame(s) without enough labels keep empty estimate cells`);
    const [head, ...rows] = csvRows(r.stdout);
    expect(head).toEqual(['date', 'frame', 'posts', 'all_posts', 'share', 'estimate', 'estimate_low', 'estimate_high']);
    const khawarij = rows.filter((x) => x[1] === 'khawarij');
    const apostasy = rows.filter((x) => x[1] === 'apostasy');
    expect(khawarij.length).toBeGreaterThan(10);
    expect(apostasy.every((x) => x.slice(5).join('|') === '||')).toBe(true);
    expect(apostasy.some((x) => Number(x[2]) > 0)).toBe(true);
    for (const [, , posts, , , est, low, high] of khawarij) {
      const n = Number(posts);
      expect([est, low, high].every((c) => c !== '')).toBe(true);
      expect(Number(low)).toBeLessThanOrEqual(Number(est));
      expect(Number(est)).toBeLessThanOrEqual(Number(high));
      // The observed count corrected by precision / recall (to the rounding of the cells).
      if (n >= 3) expect(Number(est) / n).toBeCloseTo(precision / recall, 1);
      if (n === 0) expect([est, low, high]).toEqual(['0', '0', '0']);
    }
    // The interval is a real one somewhere: the black-flag posts the lexicon misses widen it.
    expect(khawarij.some((x) => Number(x[7]) > Number(x[6]))).toBe(true);

    const by = cli(db, ['trend', '--estimate', '--by', 'lang']);
    expect(by.code).toBe(2);
    expect(by.stderr.trim()).toBe('framewatch: --estimate writes the long format without --by: precision and recall are measured per frame, over all languages and channels');
  });

  it('without enough labels no frame gets an estimate, a band or a precision', () => {
    const { db } = reviewDb();
    const r = ok(cli(db, ['trend', '--estimate', '--frame', 'khawarij']));
    expect(r.stderr).toContain('estimate: no frame is validated yet');
    expect(csvRows(r.stdout).slice(1).every((x) => x.slice(5).join('|') === '||')).toBe(true);
    const html = ok(cli(db, ['report', '--out', '-'])).stdout;
    expect(html).not.toContain('class="band"');
    expect(html).not.toContain('class="validated"');
    expect(html).toContain('unvalidated: no band');
    const digest = ok(cli(db, ['digest', '--date', '2026-11-22', '--format', 'text'])).stdout;
    expect(digest).not.toMatch(/ P \d\.\d\d/);
    expect(digest).toContain('unvalidated');
  });

  it('the HTML report draws the band for the validated frame only; the digest marks it P 0.xx and the others "unvalidated"', async () => {
    const { db } = labelledDb();
    const { precision, recall } = measured(db);
    const html = ok(cli(db, ['report', '--out', '-'])).stdout;
    const panels = html.split('<div class="panel" ').slice(1);
    const khawarij = panels.find((p) => p.startsWith('data-series="khawarij"'))!;
    expect(khawarij).toMatch(/<polygon class="band" points="[\d., ]+" fill="#[0-9a-f]{6}" fill-opacity="0.2"/);
    expect(khawarij).toContain(`P ${precision.toFixed(2)} · R ${recall.toFixed(2)} (100 labels) · band: true posts`);
    const others = panels.filter((p) => !p.startsWith('data-series="khawarij"'));
    expect(others.length).toBeGreaterThan(0);
    for (const p of others) {
      expect(p).not.toContain('class="band"');
      expect(p).toContain('unvalidated: no band');
    }
    expect(html).toContain('Shaded: the estimated true volume of frames validated on your labels');

    // The digest of a day with Khawarij posts (Pashto, Dari and Arabic channels).
    const day = csvRows(ok(cli(db, ['trend', '--frame', 'khawarij'])).stdout)
      .slice(1)
      .sort((a, b) => Number(b[2]) - Number(a[2]))[0]![0]!;
    const telegram = ok(cli(db, ['digest', '--date', day])).stdout;
    // Frame lines: a mark, then the frame's label in bold (example lines start with a link).
    const lines = telegram.split('\n').filter((l) => /^(•|🔺|▽) <b>/u.test(l));
    const label = lines.find((l) => l.includes('Khawarij'))!;
    expect(label).toContain(` · P ${precision.toFixed(2)}`);
    expect(label).not.toContain('unvalidated');
    const rest = lines.filter((l) => !l.includes('Khawarij'));
    expect(rest.length).toBeGreaterThan(0);
    expect(rest.every((l) => l.includes('<i>unvalidated</i>'))).toBe(true);
    expect(telegram).toContain('P = precision measured on your labels, "unvalidated" = too few labels');
    const text = ok(cli(db, ['digest', '--date', day, '--format', 'text'])).stdout;
    expect(text).toContain(`P ${precision.toFixed(2)}`);
    expect(text).not.toContain('<i>');

    // The bot's /digest (and the daemon, which gives the bot and the sender its tagger) marks the same.
    const store = openTestStore(db);
    const tagger = loadTagger();
    const bot = (await runCommand('digest', day, { store, timezone: 'Asia/Kabul', frames: tagger.frames(), tagger })).join('\n');
    expect(bot).toContain(` · P ${precision.toFixed(2)}`);
    expect(bot).toContain('<i>unvalidated</i>');
  });
});
