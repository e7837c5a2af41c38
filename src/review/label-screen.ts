// The labelling screen as text (pure): one post, its evidence highlighted, right-to-left lines in
// Unicode isolates so terminals lay them out right to left inside a left-to-right screen, a progress
// line and the keys. Post text is data from hostile channels: control and bidi-control characters
// never reach the terminal.
import type { Lang } from '../types.js';

export interface LabelProgress {
  total: number;
  labelled: number;
  yes: number;
  no: number;
  /** Skipped in this session and still unlabelled. */
  skipped: number;
}

export interface LabelView {
  frame: string;
  frameLabel?: string;
  sampleId: number;
  labeller: string;
  /** 1-based position in the sample. */
  position: number;
  post: string;
  url: string | null;
  /** Local date and time with its zone, as shown. */
  when: string;
  lang: Lang;
  text: string;
  /** Spans of the frame's evidence (UTF-16 offsets into text). */
  spans: readonly { start: number; end: number }[];
  /** One line describing the evidence (empty: the current lexicon does not tag the post). */
  evidence: string;
  /** This labeller's answer when the post already has one. */
  current?: boolean;
}

export interface ScreenOptions {
  width: number;
  height: number;
  color: boolean;
  /** A line about the last key (saved, undone, ...). */
  message?: string;
}

export const RLI = '\u2067';
export const FSI = '\u2068';
export const PDI = '\u2069';

// C0/C1 controls (ESC included), and the bidi embeddings, overrides and isolates that could unbalance ours.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Text safe to print: no terminal escapes, no stray bidi controls, tabs as spaces. */
export function safeText(s: string): string {
  return s.replace(/\t/g, ' ').replace(UNSAFE, '');
}

const RTL_LANGS: ReadonlySet<Lang> = new Set(['prs', 'pus', 'arb']);
const STRONG = /[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}]/u;
const RTL_STRONG = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}]/u;

/** Right to left: a Dari, Pashto or Arabic post, or any text whose first strong letter is right-to-left. */
export function isRtl(text: string, lang: Lang): boolean {
  if (RTL_LANGS.has(lang)) return true;
  const m = STRONG.exec(text);
  return m !== null && RTL_STRONG.test(m[0]);
}

/** Columns a string takes in a terminal (combining marks and invisible format characters take none). */
export function columns(s: string): number {
  let n = 0;
  for (const ch of s) if (!/[\p{M}\p{Cf}]/u.test(ch)) n++;
  return n;
}

/** Lines of at most `width` columns as [start, end) ranges of `text`: broken at spaces, long words cut. */
export function wrapRanges(text: string, width: number): [number, number][] {
  const out: [number, number][] = [];
  let lineStart = 0;
  for (const para of text.split('\n')) {
    const base = lineStart;
    lineStart += para.length + 1;
    if (para.trim() === '') {
      out.push([base, base]);
      continue;
    }
    let start = base;
    const end = base + para.length;
    while (start < end) {
      // Skip spaces at the start of a wrapped line.
      while (start < end && text[start] === ' ') start++;
      if (start >= end) break;
      let cols = 0;
      let i = start;
      let lastSpace = -1;
      while (i < end) {
        const cp = text.codePointAt(i)!;
        const ch = String.fromCodePoint(cp);
        const w = /[\p{M}\p{Cf}]/u.test(ch) ? 0 : 1;
        if (cols + w > width) break;
        if (ch === ' ') lastSpace = i;
        cols += w;
        i += ch.length;
      }
      if (i < end && lastSpace > start) i = lastSpace;
      out.push([start, i]);
      start = i;
    }
  }
  return out;
}

/** The slice [start, end) with the spans highlighted: reverse video and bold, or ⟦ ⟧ without colour. */
function highlighted(text: string, start: number, end: number, spans: readonly { start: number; end: number }[], color: boolean): string {
  const on = color ? '\x1b[1;7m' : '⟦';
  const off = color ? '\x1b[0m' : '⟧';
  const cuts = spans
    .map((s) => ({ start: Math.max(s.start, start), end: Math.min(s.end, end) }))
    .filter((s) => s.start < s.end)
    .sort((a, b) => a.start - b.start);
  let out = '';
  let at = start;
  for (const s of cuts) {
    if (s.start < at) {
      if (s.end <= at) continue;
      s.start = at;
    }
    out += safeText(text.slice(at, s.start)) + on + safeText(text.slice(s.start, s.end)) + off;
    at = s.end;
  }
  return out + safeText(text.slice(at, end));
}

/** `s` cut to `width` columns, with … when cut. */
export function cut(s: string, width: number): string {
  if (columns(s) <= width) return s;
  let out = '';
  let cols = 0;
  for (const ch of s) {
    const w = /[\p{M}\p{Cf}]/u.test(ch) ? 0 : 1;
    if (cols + w > width - 1) break;
    out += ch;
    cols += w;
  }
  return `${out}…`;
}

export function progressLine(p: LabelProgress): string {
  return `${p.labelled}/${p.total} labelled (y ${p.yes}, n ${p.no}, skipped ${p.skipped})`;
}

const KEYS = 'y yes · n no · s skip · u undo · q quit';

/** The whole screen for one post, as lines (no trailing newline). */
export function renderLabelScreen(view: LabelView, progress: LabelProgress, opts: ScreenOptions): string[] {
  const width = Math.max(30, opts.width);
  const rule = '─'.repeat(Math.min(width, 100));
  const bold = (s: string) => (opts.color ? `\x1b[1m${s}\x1b[0m` : s);
  const dim = (s: string) => (opts.color ? `\x1b[2m${s}\x1b[0m` : s);
  // Lines other than the post's text are cut to the width, so the screen never scrolls.
  const fit = (s: string) => cut(safeText(s), width);
  const frame = view.frameLabel ? `${view.frame} (${view.frameLabel})` : view.frame;
  const head = [
    bold(fit(`framewatch review · ${frame}`)),
    fit(`sample ${view.sampleId} · labeller ${view.labeller} · ${progressLine(progress)}`),
    rule,
    fit(`#${view.position}  @${view.post} · ${view.lang} · ${view.when}`),
    ...(view.url ? [fit(view.url)] : []),
    view.evidence ? `${FSI}${fit(`evidence: ${view.evidence}`)}${PDI}` : dim(fit('evidence: none (the current lexicon does not tag this post)')),
  ];
  if (view.current !== undefined) head.push(dim(`already labelled ${view.current ? 'y' : 'n'} (a new key replaces it)`));
  head.push('');
  const foot = ['', rule, `${fit(`Does this post carry the frame "${view.frame}"?`)}`, bold(fit(KEYS)), opts.message ? fit(opts.message) : ''];
  const room = Math.max(3, opts.height - head.length - foot.length);
  const rtl = isRtl(view.text, view.lang);
  const ranges = wrapRanges(view.text, width - 2);
  const shown = ranges.length > room ? ranges.slice(0, room - 1) : ranges;
  // Indented two columns: the isolate then follows a character, so a terminal multiplexer (tmux keeps
  // zero-width characters with the cell before them) does not drop it at the start of a line.
  const body = shown.map(([s, e]) => {
    const line = highlighted(view.text, s, e, view.spans, opts.color);
    return `  ${rtl ? `${RLI}${line}${PDI}` : line}`;
  });
  if (shown.length < ranges.length) body.push(dim(`… ${ranges.length - shown.length} more line(s)`));
  return [...head, ...body, ...foot];
}
