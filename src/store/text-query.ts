// What a user types as a full-text search, parsed into a TextQuery each adapter renders for its
// engine (SQLite: an FTS5 MATCH expression). User text never reaches an engine as syntax.
//
// Syntax (deliberately small): words are ANDed; "a phrase" matches words in that order; a trailing *
// makes a prefix (خوار* , "mullah omar"*); OR (upper case) between two items means either; a leading
// - excludes a word or phrase. Every word and phrase is normalized with the same normalizeText the
// store uses (ي/ی, ك/ک, diacritics, ZWNJ, case).
import { normalizeText } from '../language/normalize.js';
import { UsageError } from '../errors.js';

export class TextQueryError extends UsageError {
  constructor(message: string) {
    super(message);
    this.name = 'TextQueryError';
  }
}

/** A normalized word or phrase (words separated by single spaces), optionally a prefix. */
export interface TextTerm {
  text: string;
  prefix: boolean;
}

/** Posts matching every clause of `all` (a clause: any of its terms) and none of `none`. */
export interface TextQuery {
  all: TextTerm[][];
  none: TextTerm[];
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
      if (k >= s.length) throw new TextQueryError(`unbalanced quote: ${open} at position ${j + 1} has no closing quote`);
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
    if (raw.includes('*')) throw new TextQueryError(`"*" only works at the end of a word: ${s.slice(j, k)}`);
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
 * Parses what a user types. Throws TextQueryError (a UsageError) with a one-line message for an
 * unbalanced quote, a dangling OR, only excluded words, or nothing searchable.
 */
export function parseTextQuery(input: string): TextQuery {
  const items = joinRuns(lex(input));
  // Group into AND-ed clauses; OR joins the item before it with the one after it.
  const all: TextTerm[][] = [];
  const none: TextTerm[] = [];
  let pendingOr = false;
  for (let idx = 0; idx < items.length; idx++) {
    const it = items[idx]!;
    if (it.kind === 'or') {
      if (pendingOr || all.length === 0 || idx === items.length - 1) {
        throw new TextQueryError('OR needs a word or phrase on both sides');
      }
      pendingOr = true;
      continue;
    }
    const text = normalized(it.raw);
    if (!text) {
      if (pendingOr) throw new TextQueryError(`nothing to search for after OR: "${it.raw}"`);
      continue;
    }
    const term = { text, prefix: it.prefix };
    if (it.negated) {
      if (pendingOr) throw new TextQueryError('an excluded word (-word) cannot follow OR');
      none.push(term);
      continue;
    }
    if (pendingOr) all[all.length - 1]!.push(term);
    else all.push([term]);
    pendingOr = false;
  }
  if (all.length === 0) {
    throw new TextQueryError(
      none.length ? 'give at least one word to search for besides the excluded ones' : 'nothing to search for (no letters or digits)',
    );
  }
  return { all, none };
}

/** Every one of these already normalized words, no syntax (the bot's search). */
export function wordsQuery(words: readonly string[]): TextQuery {
  return { all: words.filter(Boolean).map((w) => [{ text: w, prefix: false }]), none: [] };
}
