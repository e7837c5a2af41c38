// Thresholds of issue 3, measured on the shared dev sets when they are present (skipped otherwise).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateLanguage, parseLangGoldLine, type LangGoldItem } from '../../src/eval/eval-lang.js';
import { detectLanguage } from '../../src/language/detect.js';
import { SHARED_DIR } from '../../src/paths.js';

const DEV = join(SHARED_DIR, 'data', 'langid-dev.jsonl');
const CONFUSERS = join(SHARED_DIR, 'data', 'langid-dev-confusers.jsonl');

type DevItem = LangGoldItem & { iso: string };

function load(path: string): DevItem[] {
  return readFileSync(path, 'utf8').split('\n').flatMap((line, i) => {
    const item = parseLangGoldLine(line, `${path}:${i + 1}`);
    return item ? [{ ...item, iso: String((JSON.parse(line) as { iso?: unknown }).iso ?? '') }] : [];
  });
}

const share = (items: DevItem[], lang: string): number =>
  items.filter((x) => detectLanguage(x.text).lang === lang).length / items.length;

describe.skipIf(!existsSync(DEV))('language dev set', () => {
  const dev = existsSync(DEV) ? load(DEV) : [];
  const report = evaluateLanguage(dev, (t) => detectLanguage(t));

  it('overall accuracy >= 0.97', () => {
    expect(report.accuracy).toBeGreaterThanOrEqual(0.97);
  });
  it.each(['prs', 'pus', 'arb', 'eng'] as const)('recall of %s >= 0.95', (lang) => {
    expect(report.labels[lang].n).toBeGreaterThan(0);
    expect(report.labels[lang].recall).toBeGreaterThanOrEqual(0.95);
  });
  it('Urdu -> und >= 0.9', () => {
    const urdu = dev.filter((x) => x.iso === 'urd');
    expect(urdu.length).toBeGreaterThan(0);
    expect(share(urdu, 'und')).toBeGreaterThanOrEqual(0.9);
  });
  it('first 30 characters of the four target languages: accuracy >= 0.90', () => {
    const targets = dev.filter((x) => x.lang !== 'und').map((x) => ({ text: x.text.slice(0, 30), lang: x.lang }));
    expect(evaluateLanguage(targets, (t) => detectLanguage(t)).accuracy).toBeGreaterThanOrEqual(0.9);
  });
});

describe.skipIf(!existsSync(CONFUSERS))('language confusers', () => {
  it('non-target languages -> und >= 0.95', () => {
    const items = load(CONFUSERS);
    expect(items.length).toBeGreaterThan(0);
    expect(share(items, 'und')).toBeGreaterThanOrEqual(0.95);
  });
});
