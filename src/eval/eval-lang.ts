// Evaluation of language identification against a gold JSONL file ({"text","lang"} per line).
// Metrics and rendering are pure; reading the file is the only I/O.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { UserError } from '../errors.js';
import { ALL_LANGS, isLang, type DetectResult, type Lang } from '../types.js';

export interface LangGoldItem {
  text: string;
  lang: Lang;
}

export interface LabelMetrics {
  precision: number;
  recall: number;
  f1: number;
  /** Gold items with this label. */
  n: number;
}

export interface BandMetrics {
  n: number;
  accuracy: number;
}

export const LENGTH_BANDS = ['<40', '40-100', '>100'] as const;
export type LengthBand = (typeof LENGTH_BANDS)[number];

/** The `eval lang --json` shape. */
export interface LangEvalReport {
  n: number;
  accuracy: number;
  labels: Record<Lang, LabelMetrics>;
  /** confusion[gold][predicted] = count; every label appears as row and column. */
  confusion: Record<Lang, Record<Lang, number>>;
  byLength: Record<LengthBand, BandMetrics>;
}

export type LangDetector = (text: string) => DetectResult | Lang;

/** Length band of a text, in characters (code points). */
export function lengthBand(text: string): LengthBand {
  const len = [...text].length;
  return len < 40 ? '<40' : len <= 100 ? '40-100' : '>100';
}

const round = (x: number): number => Math.round(x * 10000) / 10000;
const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);

/** Run the detector over every gold item and compute accuracy, per-label P/R/F1, confusion and length bands. */
export function evaluateLanguage(items: readonly LangGoldItem[], detect: LangDetector): LangEvalReport {
  const confusion = Object.fromEntries(
    ALL_LANGS.map((g) => [g, Object.fromEntries(ALL_LANGS.map((p) => [p, 0]))]),
  ) as Record<Lang, Record<Lang, number>>;
  const bands: Record<LengthBand, { n: number; ok: number }> = { '<40': { n: 0, ok: 0 }, '40-100': { n: 0, ok: 0 }, '>100': { n: 0, ok: 0 } };
  let correct = 0;
  for (const item of items) {
    const out = detect(item.text);
    const pred = typeof out === 'string' ? out : out.lang;
    confusion[item.lang][pred]++;
    const band = bands[lengthBand(item.text)];
    band.n++;
    if (pred === item.lang) { correct++; band.ok++; }
  }
  const labels = {} as Record<Lang, LabelMetrics>;
  for (const l of ALL_LANGS) {
    const tp = confusion[l][l];
    const gold = ALL_LANGS.reduce((a, p) => a + confusion[l][p], 0);
    const predicted = ALL_LANGS.reduce((a, g) => a + confusion[g][l], 0);
    const precision = ratio(tp, predicted);
    const recall = ratio(tp, gold);
    labels[l] = { precision: round(precision), recall: round(recall), f1: round(ratio(2 * precision * recall, precision + recall)), n: gold };
  }
  const byLength = Object.fromEntries(
    LENGTH_BANDS.map((b) => [b, { n: bands[b].n, accuracy: round(ratio(bands[b].ok, bands[b].n)) }]),
  ) as Record<LengthBand, BandMetrics>;
  return { n: items.length, accuracy: round(ratio(correct, items.length)), labels, confusion, byLength };
}

const pct = (x: number): string => x.toFixed(3);

/** Human-readable report: accuracy, per-label table, confusion matrix, accuracy by length. */
export function renderLangReport(r: LangEvalReport): string {
  const lines: string[] = [];
  lines.push(`language identification: ${r.n} items, accuracy ${pct(r.accuracy)}`, '');
  lines.push('label  precision  recall  f1     n');
  for (const l of ALL_LANGS) {
    const m = r.labels[l];
    lines.push(`${l.padEnd(5)}  ${pct(m.precision).padStart(9)}  ${pct(m.recall).padStart(6)}  ${pct(m.f1)}  ${m.n}`);
  }
  lines.push('', 'confusion (rows: gold, columns: predicted)');
  lines.push(`${'gold'.padEnd(5)}${ALL_LANGS.map((p) => p.padStart(6)).join('')}`);
  for (const g of ALL_LANGS) lines.push(`${g.padEnd(5)}${ALL_LANGS.map((p) => String(r.confusion[g][p]).padStart(6)).join('')}`);
  lines.push('', 'accuracy by length (characters)');
  for (const b of LENGTH_BANDS) {
    const m = r.byLength[b];
    lines.push(`${b.padEnd(7)} n=${String(m.n).padEnd(5)} accuracy ${m.n === 0 ? '-' : pct(m.accuracy)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Parse one gold line; `where` is "file:line" for the error message. Blank lines give null. */
export function parseLangGoldLine(line: string, where: string): LangGoldItem | null {
  if (line.trim() === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new UserError(`${where}: not valid JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UserError(`${where}: expected a JSON object {"text", "lang"}`);
  const { text, lang } = value as Record<string, unknown>;
  if (typeof text !== 'string') throw new UserError(`${where}: "text" must be a string`);
  if (typeof lang !== 'string' || !isLang(lang)) {
    throw new UserError(`${where}: bad "lang" ${JSON.stringify(lang)} (expected one of ${ALL_LANGS.join('|')})`);
  }
  return { text, lang };
}

/** Stream gold items from a JSONL file; a malformed line fails with a one-line UserError naming it. */
export async function* readLangGold(path: string): AsyncGenerator<LangGoldItem> {
  const stream = createReadStream(path, { encoding: 'utf8' });
  const opened = new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', reject);
  });
  const unreadable = (err: unknown): UserError => {
    const code = (err as NodeJS.ErrnoException).code ?? 'read error';
    return new UserError(`cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code}`);
  };
  try {
    await opened;
  } catch (err) {
    throw unreadable(err);
  }
  const rl = createInterface({ input: stream, crlfDelay: Infinity });
  let lineNo = 0;
  try {
    for await (const line of rl) {
      lineNo++;
      const item = parseLangGoldLine(lineNo === 1 ? line.replace(/^\uFEFF/, '') : line, `${path}:${lineNo}`);
      if (item) yield item;
    }
  } catch (err) {
    throw err instanceof UserError ? err : unreadable(err);
  } finally {
    rl.close();
    stream.destroy();
  }
}

/** All gold items of a JSONL file; an empty file is an error. */
export async function loadLangGold(path: string): Promise<LangGoldItem[]> {
  const items: LangGoldItem[] = [];
  for await (const item of readLangGold(path)) items.push(item);
  if (items.length === 0) throw new UserError(`${path}: no gold items`);
  return items;
}
