// Quotation spans for the `quoted` flag. Each configured pair is a class whose two marks both toggle,
// so reversed right-to-left usage (» ... «, ” ... “) pairs up as well; a stray mark whose partner is too
// far away is skipped rather than quoting the rest of the post.

const MAX_QUOTE = 400;

export interface Span {
  start: number;
  end: number;
}

/** Quote pairs prepared once per lexicon: the distinct marks of each class. */
export type QuoteClasses = readonly (readonly string[])[];

export function quoteClasses(pairs: readonly (readonly [string, string])[]): QuoteClasses {
  return pairs.map(([open, close]) => (open === close ? [open] : [open, close]));
}

/** Per set of classes: one pattern matching any of their marks (most posts have none: one native scan). */
const anyMark = new WeakMap<QuoteClasses, RegExp>();

function anyMarkOf(classes: QuoteClasses): RegExp {
  let re = anyMark.get(classes);
  if (re === undefined) {
    const marks = classes.flat().filter((m) => m.length > 0);
    re = marks.length === 0 ? /(?!)/ : new RegExp(marks.map((m) => m.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|'));
    anyMark.set(classes, re);
  }
  return re;
}

export function quoteSpans(text: string, classes: QuoteClasses): Span[] {
  const spans: Span[] = [];
  if (!anyMarkOf(classes).test(text)) return spans;
  for (const marks of classes) {
    // Positions of this class's marks, in text order (indexOf is a native scan).
    let pos: number[] | null = null;
    let lens: number[] | null = null;
    for (const m of marks) {
      let at = text.indexOf(m);
      while (at !== -1) {
        if (pos === null || lens === null) {
          pos = [];
          lens = [];
        }
        pos.push(at);
        lens.push(m.length);
        at = text.indexOf(m, at + m.length);
      }
    }
    if (pos === null || lens === null || pos.length < 2) continue;
    if (marks.length > 1) {
      const p0 = pos;
      const l0 = lens;
      const order = p0.map((_, k) => k).sort((a, b) => p0[a]! - p0[b]!);
      pos = order.map((k) => p0[k]!);
      lens = order.map((k) => l0[k]!);
    }
    let k = 0;
    while (k + 1 < pos.length) {
      const a = pos[k]!;
      const b = pos[k + 1]!;
      if (b - a <= MAX_QUOTE) {
        spans.push({ start: a + lens[k]!, end: b });
        k += 2;
      } else k++;
    }
  }
  return spans;
}

export function isQuoted(h: Span, spans: readonly Span[]): boolean {
  for (const s of spans) if (h.start >= s.start && h.end <= s.end) return true;
  return false;
}
