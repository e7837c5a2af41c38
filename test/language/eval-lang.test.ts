import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  evaluateLanguage, lengthBand, loadLangGold, parseLangGoldLine, renderLangReport, type LangGoldItem,
} from '../../src/eval/eval-lang.js';
import { UserError } from '../../src/errors.js';
import type { Lang } from '../../src/types.js';

// Hand-made gold set with a fake detector whose answers are fixed per text.
const gold: Array<LangGoldItem & { pred: Lang }> = [
  { text: 'a'.repeat(10), lang: 'prs', pred: 'prs' },
  { text: 'b'.repeat(50), lang: 'prs', pred: 'pus' },
  { text: 'c'.repeat(120), lang: 'pus', pred: 'pus' },
  { text: 'd'.repeat(39), lang: 'arb', pred: 'arb' },
  { text: 'e'.repeat(40), lang: 'eng', pred: 'und' },
  { text: 'f'.repeat(100), lang: 'und', pred: 'und' },
  { text: 'g'.repeat(101), lang: 'und', pred: 'prs' },
];
const byText = new Map(gold.map((g) => [g.text, g.pred]));
const fake = (text: string): Lang => byText.get(text) ?? 'und';

describe('evaluateLanguage on a hand-made gold set', () => {
  const r = evaluateLanguage(gold, fake);

  it('counts and accuracy: 4 of 7 right', () => {
    expect(r.n).toBe(7);
    expect(r.accuracy).toBeCloseTo(4 / 7, 4);
  });
  it('per-label precision, recall, F1 and n', () => {
    // prs: predicted twice (1 right, 1 und->prs), gold twice (1 right) -> P 1/2, R 1/2, F1 1/2.
    expect(r.labels.prs).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5, n: 2 });
    // pus: predicted twice (1 right), gold once -> P 1/2, R 1, F1 2/3.
    expect(r.labels.pus).toEqual({ precision: 0.5, recall: 1, f1: 0.6667, n: 1 });
    expect(r.labels.arb).toEqual({ precision: 1, recall: 1, f1: 1, n: 1 });
    // eng: never predicted -> P 0 by convention, R 0, F1 0.
    expect(r.labels.eng).toEqual({ precision: 0, recall: 0, f1: 0, n: 1 });
    // und: predicted twice (1 right), gold twice (1 right).
    expect(r.labels.und).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5, n: 2 });
  });
  it('confusion[gold][pred], every label present', () => {
    expect(r.confusion.prs).toEqual({ prs: 1, pus: 1, arb: 0, eng: 0, und: 0 });
    expect(r.confusion.eng.und).toBe(1);
    expect(r.confusion.und).toEqual({ prs: 1, pus: 0, arb: 0, eng: 0, und: 1 });
    const total = Object.values(r.confusion).flatMap((row) => Object.values(row)).reduce((a, b) => a + b, 0);
    expect(total).toBe(7);
  });
  it('length bands <40, 40-100, >100', () => {
    // <40: lengths 10, 39 (both right); 40-100: 50 (wrong), 40 (wrong), 100 (right); >100: 120 (right), 101 (wrong).
    expect(r.byLength).toEqual({
      '<40': { n: 2, accuracy: 1 },
      '40-100': { n: 3, accuracy: 0.3333 },
      '>100': { n: 2, accuracy: 0.5 },
    });
  });
  it('has exactly the --json keys', () => {
    expect(Object.keys(r)).toEqual(['n', 'accuracy', 'labels', 'confusion', 'byLength']);
    expect(Object.keys(r.labels.prs)).toEqual(['precision', 'recall', 'f1', 'n']);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });
  it('accepts a detector returning a DetectResult', () => {
    const r2 = evaluateLanguage(gold, (t) => ({ lang: fake(t), guess: 'und', confidence: 1, reason: 'test' }));
    expect(r2).toEqual(r);
  });
  it('renders a text report with accuracy, labels, confusion and bands', () => {
    const text = renderLangReport(r);
    expect(text).toContain('accuracy 0.571');
    expect(text).toMatch(/^pus\s+0\.500\s+1\.000\s+0\.667\s+1$/m);
    expect(text).toMatch(/^prs\s+1\s+1\s+0\s+0\s+0$/m);
    expect(text).toMatch(/^40-100\s+n=3\s+accuracy 0\.333$/m);
  });
  it('an empty set gives zeros, not NaN', () => {
    const e = evaluateLanguage([], fake);
    expect(e.accuracy).toBe(0);
    expect(e.byLength['<40']).toEqual({ n: 0, accuracy: 0 });
  });
});

describe('lengthBand counts characters, not UTF-16 units', () => {
  it.each([
    ['x'.repeat(39), '<40'],
    ['x'.repeat(40), '40-100'],
    ['x'.repeat(100), '40-100'],
    ['x'.repeat(101), '>100'],
    ['😀'.repeat(39), '<40'],
  ] as const)('%s', (text, band) => {
    expect(lengthBand(text)).toBe(band);
  });
});

describe('reading gold JSONL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fw-eval-lang-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, content: string): string => {
    const p = join(dir, name);
    writeFileSync(p, content);
    return p;
  };

  it('reads items, skipping blank lines and extra fields', async () => {
    const p = file('ok.jsonl', '{"text":"سلام","lang":"prs","iso":"prs"}\n\n{"text":"hello there","lang":"eng"}\n');
    expect(await loadLangGold(p)).toEqual([{ text: 'سلام', lang: 'prs' }, { text: 'hello there', lang: 'eng' }]);
  });
  it.each([
    ['bad-json.jsonl', '{"text":"a","lang":"eng"}\n{"text": oops}\n', /bad-json\.jsonl:2: not valid JSON/],
    ['bad-lang.jsonl', '{"text":"a","lang":"eng"}\n\n{"text":"b","lang":"urd"}\n', /bad-lang\.jsonl:3: bad "lang" "urd"/],
    ['no-text.jsonl', '{"lang":"eng"}\n', /no-text\.jsonl:1: "text" must be a string/],
    ['array.jsonl', '["a","eng"]\n', /array\.jsonl:1: expected a JSON object/],
    ['empty.jsonl', '\n\n', /no gold items/],
  ])('%s fails with a one-line UserError', async (name, content, message) => {
    const p = file(name, content);
    const err = await loadLangGold(p).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).not.toContain('\n');
  });
  it('a missing file is a UserError', async () => {
    await expect(loadLangGold(join(dir, 'missing.jsonl'))).rejects.toThrow(/cannot read .*missing\.jsonl: no such file/);
  });
  it('parseLangGoldLine returns null for blank lines', () => {
    expect(parseLangGoldLine('   ', 'f:1')).toBeNull();
  });
});
