// `framewatch eval frames FILE.jsonl`: precision/recall of frame tagging on labelled lines, through the
// real pipeline (language detection, then tagging). `lang` in the file is informative only.
//
// Every tag the tagger returns counts as a prediction, including tags whose hits are all negated or
// quoted: a refutation ("they are not khawarij") or a quotation of the other side still invokes the
// frame, and the labelled excerpts (analysts quoting ISKP, Taliban denials) are labelled that way.
import { UserError } from '../errors.js';
import { isSide, type DetectResult, type FrameTagger, type Lang, type Side } from '../types.js';

export interface EvalLine {
  /** 1-based line number in the file. */
  line: number;
  text: string;
  lang?: string;
  frames: string[];
  /** The side of the channel the line comes from, when the file says (taliban | iskp). */
  side?: Side;
}

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
}

export interface FrameFigures extends Prf {
  support: number;
}

export interface FramesEvalReport {
  n: number;
  micro: Prf;
  macro: Prf;
  frames: Record<string, FrameFigures>;
  exactMatch: number;
  neutralFalsePositiveRate: number;
}

export interface EvalPrediction {
  line: number;
  text: string;
  lang: Lang;
  gold: string[];
  predicted: string[];
}

/** Parse JSONL labelled lines; a malformed line is a one-line UserError naming it. */
export function parseFramesJsonl(content: string, file: string): EvalLine[] {
  const out: EvalLine[] = [];
  const lines = content.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    let v: unknown;
    try {
      v = JSON.parse(raw);
    } catch (err) {
      throw new UserError(`${file}:${line}: not valid JSON (${(err as Error).message})`);
    }
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new UserError(`${file}:${line}: expected an object {"text", "lang", "frames"}`);
    const o = v as Record<string, unknown>;
    if (typeof o.text !== 'string') throw new UserError(`${file}:${line}: "text" must be a string`);
    if (!Array.isArray(o.frames) || !o.frames.every((f) => typeof f === 'string' && f !== '')) {
      throw new UserError(`${file}:${line}: "frames" must be a list of frame ids`);
    }
    if (o.lang !== undefined && typeof o.lang !== 'string') throw new UserError(`${file}:${line}: "lang" must be a string`);
    if (o.side !== undefined && o.side !== null && (typeof o.side !== 'string' || !isSide(o.side))) {
      throw new UserError(`${file}:${line}: "side" must be "taliban" or "iskp" (or absent)`);
    }
    out.push({
      line,
      text: o.text,
      ...(typeof o.lang === 'string' ? { lang: o.lang } : {}),
      frames: [...new Set(o.frames as string[])],
      ...(typeof o.side === 'string' && isSide(o.side) ? { side: o.side } : {}),
    });
  });
  if (out.length === 0) throw new UserError(`${file}: no labelled lines`);
  return out;
}

const r4 = (x: number): number => Math.round(x * 1e4) / 1e4;

function prf(tp: number, fp: number, fn: number): Prf {
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

/**
 * Pure metrics. Per-frame figures cover every frame that is labelled or predicted at least once;
 * the macro average is over those frames (a frame only ever predicted wrongly scores 0).
 */
export function scoreFrames(gold: readonly (readonly string[])[], predicted: readonly (readonly string[])[]): FramesEvalReport {
  if (gold.length !== predicted.length) throw new Error('gold and predicted differ in length');
  const counts = new Map<string, { tp: number; fp: number; fn: number }>();
  const get = (f: string): { tp: number; fp: number; fn: number } => {
    let c = counts.get(f);
    if (!c) counts.set(f, (c = { tp: 0, fp: 0, fn: 0 }));
    return c;
  };
  let exact = 0;
  let neutral = 0;
  let neutralFp = 0;
  gold.forEach((g, i) => {
    const gs = new Set(g);
    const ps = new Set(predicted[i]);
    for (const f of ps) {
      if (gs.has(f)) get(f).tp++;
      else get(f).fp++;
    }
    for (const f of gs) if (!ps.has(f)) get(f).fn++;
    if (gs.size === ps.size && [...gs].every((f) => ps.has(f))) exact++;
    if (gs.size === 0) {
      neutral++;
      if (ps.size > 0) neutralFp++;
    }
  });
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const frames: Record<string, FrameFigures> = {};
  const macro = { precision: 0, recall: 0, f1: 0 };
  const ids = [...counts.keys()].sort();
  for (const id of ids) {
    const c = counts.get(id)!;
    tp += c.tp;
    fp += c.fp;
    fn += c.fn;
    const m = prf(c.tp, c.fp, c.fn);
    frames[id] = { precision: r4(m.precision), recall: r4(m.recall), f1: r4(m.f1), support: c.tp + c.fn };
    macro.precision += m.precision;
    macro.recall += m.recall;
    macro.f1 += m.f1;
  }
  const k = ids.length || 1;
  const micro = prf(tp, fp, fn);
  return {
    n: gold.length,
    micro: { precision: r4(micro.precision), recall: r4(micro.recall), f1: r4(micro.f1) },
    macro: { precision: r4(macro.precision / k), recall: r4(macro.recall / k), f1: r4(macro.f1 / k) },
    frames,
    exactMatch: r4(gold.length ? exact / gold.length : 0),
    neutralFalsePositiveRate: r4(neutral ? neutralFp / neutral : 0),
  };
}

export type Detect = (text: string, hint?: Lang) => DetectResult;

/** Run detection and tagging on every line. */
export function predictLines(lines: readonly EvalLine[], tagger: FrameTagger, detect: Detect): EvalPrediction[] {
  return lines.map((l) => {
    const lang = detect(l.text).lang;
    const predicted = tagger.tag(l.text, lang, { side: l.side ?? null }).frames.map((f) => f.frame).sort();
    return { line: l.line, text: l.text, lang, gold: [...l.frames].sort(), predicted };
  });
}

export function evaluateFrames(lines: readonly EvalLine[], tagger: FrameTagger, detect: Detect): { report: FramesEvalReport; predictions: EvalPrediction[] } {
  const predictions = predictLines(lines, tagger, detect);
  return { report: scoreFrames(predictions.map((p) => p.gold), predictions.map((p) => p.predicted)), predictions };
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`.padStart(6);

/** Human-readable report. */
export function formatFramesReport(report: FramesEvalReport, opts: { unknownFrames?: string[]; mistakes?: EvalPrediction[] } = {}): string {
  const lines: string[] = [];
  lines.push(`lines: ${report.n}`);
  lines.push(`micro  P ${pct(report.micro.precision)}  R ${pct(report.micro.recall)}  F1 ${pct(report.micro.f1)}`);
  lines.push(`macro  P ${pct(report.macro.precision)}  R ${pct(report.macro.recall)}  F1 ${pct(report.macro.f1)}`);
  lines.push(`exact-set accuracy: ${pct(report.exactMatch).trim()}`);
  lines.push(`false-positive rate on lines with no frames: ${pct(report.neutralFalsePositiveRate).trim()}`);
  lines.push('');
  const ids = Object.keys(report.frames);
  const w = Math.max(5, ...ids.map((i) => i.length));
  lines.push(`${'frame'.padEnd(w)}  support       P       R      F1`);
  for (const id of ids) {
    const f = report.frames[id]!;
    lines.push(`${id.padEnd(w)}  ${String(f.support).padStart(7)}  ${pct(f.precision)}  ${pct(f.recall)}  ${pct(f.f1)}`);
  }
  if (opts.unknownFrames && opts.unknownFrames.length > 0) {
    lines.push('', `labelled frames the lexicon does not define: ${opts.unknownFrames.join(', ')}`);
  }
  if (opts.mistakes && opts.mistakes.length > 0) {
    lines.push('', 'mistakes:');
    for (const m of opts.mistakes) {
      const missed = m.gold.filter((f) => !m.predicted.includes(f));
      const extra = m.predicted.filter((f) => !m.gold.includes(f));
      const text = m.text.length > 120 ? `${m.text.slice(0, 117)}...` : m.text;
      lines.push(`  line ${m.line} [${m.lang}]${missed.length ? ` missed ${missed.join(',')}` : ''}${extra.length ? ` extra ${extra.join(',')}` : ''}: ${text}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
