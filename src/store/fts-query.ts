// Turns what a user types into a safe FTS5 MATCH expression over posts.normalized_text.
//
// Syntax (deliberately small): words are ANDed; "a phrase" matches words in that order; a trailing *
// makes a prefix (خوار* , "mullah omar"*); OR (upper case) between two items means either; a leading
// - excludes a word or phrase. Every word and phrase is normalized with the same normalizeText the
// store uses (ي/ی, ك/ک, diacritics, ZWNJ, case), then quoted, so no user text reaches FTS5 as syntax.
import { normalizeText } from '../language/normalize.js';
import { UsageError } from '../errors.js';

export class FtsQueryError extends UsageError {
  constructor(message: string) {
    super(message);
    this.name = 'FtsQueryError';
  }
}

interface Item {
  kind: 'word' | 'phrase' | 'or';
  raw: string;
  prefix: boolean;
  negated: boolean;
}

// Straight and typographic double quotes, and guillemets, delimit phrases.
const QUOTE_OPEN = new Set(['"', '\u201C', '\u201D', '\u201E', '\u00AB']);
const QUOTE_CLOSE: Record<string, string[]> = {
  '"': ['"', '\u201D', '\u201C'],
  '\u201C': ['\u201D', '"', '\u201C'],
  '\u201D': ['\u201D', '"', '\u201C'],
  '\u201E': ['\u201C', '\u201D', '"'],
  '\u00AB': ['\u00BB'],
};

function lex(input: string): Item[] {
  const items: Item[] = [];
  const s = input;
  let i = 0;
  while (i < s.length) {
    const ch = s[i]!;
    if (/\s/u.test(ch)) {
      i++;
      continue;
    }
    let negated = false;
    let j = i;
    if (ch === '-' && j + 1 < s.length && !/\s/u.test(s[j + 1]!)) {
      negated = true;
      j++;
    }
    const open = s[j]!;
    if (QUOTE_OPEN.has(open)) {
      const closers = QUOTE_CLOSE[open] ?? ['"'];
      let k = j + 1;
      while (k < s.length && !closers.includes(s[k]!)) k++;
      if (k >= s.length) throw new FtsQueryError(`unbalanced quote: ${open} at position ${j + 1} has no closing quote`);
      let prefix = false;
      let end = k + 1;
      if (s[end] === '*') {
        prefix = true;
        end++;
      }
      items.push({ kind: 'phrase', raw: s.slice(j + 1, k), prefix, negated });
      i = end;
      continue;
    }
    let k = j;
    while (k < s.length && !/\s/u.test(s[k]!) && !QUOTE_OPEN.has(s[k]!)) k++;
    let raw = s.slice(j, k);
    i = k;
    if (raw === 'OR' && !negated) {
      items.push({ kind: 'or', raw, prefix: false, negated: false });
      continue;
    }
    let prefix = false;
    if (raw.endsWith('*')) {
      raw = raw.replace(/\*+$/, '');
      prefix = true;
    }
    if (raw.includes('*')) throw new FtsQueryError(`"*" only works at the end of a word: ${s.slice(j, k)}`);
    items.push({ kind: 'word', raw, prefix, negated });
  }
  return items;
}

const HAS_TOKEN = /[\p{L}\p{N}]/u;

/** The normalized text of an item, or '' when nothing searchable is left. */
function normalized(raw: string): string {
  const n = normalizeText(raw).replace(/\s+/g, ' ').trim();
  return HAS_TOKEN.test(n) ? n : '';
}

function quote(text: string, prefix: boolean): string {
  return `"${text.replace(/"/g, '""')}"${prefix ? '*' : ''}`;
}

/**
 * Normalizes runs of plain words together, so a Dari plural suffix typed apart (مقام های) joins its
 * word exactly as it does in the stored text.
 */
function joinRuns(items: Item[]): Item[] {
  const out: Item[] = [];
  let run: Item[] = [];
  const flush = () => {
    if (run.length > 1) {
      const last = run[run.length - 1]!;
      const words = normalizeText(run.map((r) => r.raw).join(' ')).split(/\s+/).filter(Boolean);
      words.forEach((w, idx) => out.push({ kind: 'word', raw: w, prefix: idx === words.length - 1 && last.prefix, negated: false }));
    } else out.push(...run);
    run = [];
  };
  for (const it of items) {
    if (it.kind === 'word' && !it.negated) {
      run.push(it);
      if (it.prefix) flush();
    } else {
      flush();
      out.push(it);
    }
  }
  flush();
  return out;
}

/**
 * Builds an FTS5 expression from user text. Throws FtsQueryError (a UsageError) with a one-line
 * message for an unbalanced quote, a dangling OR, only excluded words, or nothing searchable.
 */
export function toFtsQuery(input: string): string {
  const items = joinRuns(lex(input));
  // Group into AND-ed clauses; OR joins the item before it with the one after it.
  const clauses: string[][] = [];
  const negatives: string[] = [];
  let pendingOr = false;
  for (let idx = 0; idx < items.length; idx++) {
    const it = items[idx]!;
    if (it.kind === 'or') {
      if (pendingOr || clauses.length === 0 || idx === items.length - 1) {
        throw new FtsQueryError('OR needs a word or phrase on both sides');
      }
      pendingOr = true;
      continue;
    }
    const text = normalized(it.raw);
    if (!text) {
      if (pendingOr) throw new FtsQueryError(`nothing to search for after OR: "${it.raw}"`);
      continue;
    }
    const q = quote(text, it.prefix);
    if (it.negated) {
      if (pendingOr) throw new FtsQueryError('an excluded word (-word) cannot follow OR');
      negatives.push(q);
      continue;
    }
    if (pendingOr) clauses[clauses.length - 1]!.push(q);
    else clauses.push([q]);
    pendingOr = false;
  }
  if (clauses.length === 0) {
    throw new FtsQueryError(
      negatives.length ? 'give at least one word to search for besides the excluded ones' : 'nothing to search for (no letters or digits)',
    );
  }
  const positive = clauses.map((c) => (c.length > 1 ? `(${c.join(' OR ')})` : c[0]!)).join(' AND ');
  return negatives.length ? `(${positive}) NOT ${negatives.join(' NOT ')}` : positive;
}
