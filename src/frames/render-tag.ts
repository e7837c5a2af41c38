// Text rendering of a tag result for `framewatch tag`: matched spans marked ⟦ ⟧ (and coloured on a TTY).
import type { DetectResult, FrameHit, TagResult } from '../types.js';
import type { FrameDetail } from './load-tagger.js';

const OPEN = '⟦';
const CLOSE = '⟧';

/** The text with every hit's span wrapped in ⟦ ⟧ (overlapping hits merged). */
export function markSpans(text: string, hits: readonly Pick<FrameHit, 'start' | 'end'>[], color = false): string {
  const spans = [...hits].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: { start: number; end: number }[] = [];
  for (const h of spans) {
    const last = merged[merged.length - 1];
    if (last && h.start <= last.end) last.end = Math.max(last.end, h.end);
    else merged.push({ start: h.start, end: h.end });
  }
  const on = color ? '\x1b[1;33m' : '';
  const off = color ? '\x1b[0m' : '';
  let out = '';
  let at = 0;
  for (const s of merged) {
    out += text.slice(at, s.start) + on + OPEN + text.slice(s.start, s.end) + CLOSE + off;
    at = s.end;
  }
  return out + text.slice(at);
}

function flags(x: { negated: boolean; quoted: boolean }): string {
  const f = [x.negated ? 'negated' : '', x.quoted ? 'quoted' : ''].filter(Boolean);
  return f.length ? ` [${f.join(', ')}]` : '';
}

export function renderTagResult(text: string, detection: DetectResult, result: TagResult, frames: readonly FrameDetail[], opts: { color?: boolean } = {}): string {
  const info = new Map(frames.map((f) => [f.id, f]));
  const lines: string[] = [];
  lines.push(`language: ${detection.lang} (${detection.reason}, confidence ${detection.confidence.toFixed(2)})`);
  lines.push(`lexicon:  ${result.lexiconVersion}`);
  if (result.truncatedAt !== undefined) {
    lines.push(`note:     only the first ${result.truncatedAt.toLocaleString('en-US')} of ${text.length.toLocaleString('en-US')} characters were tagged`);
  }
  if (result.frames.length === 0) {
    lines.push('frames:   none');
    return `${lines.join('\n')}\n`;
  }
  lines.push(`frames:   ${result.frames.map((f) => f.frame).join(', ')}`);
  for (const f of result.frames) {
    const d = info.get(f.frame);
    lines.push('');
    lines.push(`${f.frame}${d ? ` (${d.label})` : ''}: score ${f.score}${d ? ` >= ${d.threshold}` : ''}${flags(f)}`);
    const rules = new Map<string, FrameHit[]>();
    for (const h of f.hits) {
      if (h.rule === undefined) {
        lines.push(`  ⟦${h.matched}⟧ ${h.start}-${h.end}  term "${h.term}" w=${h.weight}${flags(h)}`);
        continue;
      }
      const list = rules.get(h.rule);
      if (list) list.push(h);
      else rules.set(h.rule, [h]);
    }
    // A rule fired: which words filled each of its parts.
    for (const [rule, parts] of rules) {
      lines.push(`  rule ${rule} w=${parts[0]!.weight}:`);
      for (const h of parts) lines.push(`    ${h.part}: ⟦${h.matched}⟧ ${h.start}-${h.end}  term "${h.term}"${flags(h)}`);
    }
  }
  lines.push('', 'evidence:', markSpans(text, result.frames.flatMap((f) => f.hits), opts.color === true));
  return `${lines.join('\n')}\n`;
}
