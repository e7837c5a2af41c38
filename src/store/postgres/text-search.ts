// Full-text search on PostgreSQL: posts.tsv holds the words of the normalized text ('simple'
// configuration: no stemming, no stop words), and a TextQuery becomes a tsquery over the same words.
//
// The words are cut here, not by PostgreSQL's parser, so the index does not depend on the server's
// locale: a word is a run of letters, digits and marks, everything else separates (as FTS5's
// unicode61 tokenizer cuts the same normalized text for SQLite). Each word then reaches the tsquery
// quoted: nothing a user typed is read as tsquery syntax.
import type { TextQuery, TextTerm } from '../text-query.js';

const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/** The words of a (normalized) text, space-separated: what to_tsvector('simple', …) is given. */
export function searchWords(normalized: string): string {
  return (normalized.match(WORD) ?? []).join(' ');
}

/** A word as a tsquery operand: quoted, so & | ! ( ) : * < > in it are only text. */
function lexeme(word: string): string {
  return `'${word.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** A term (word or phrase, maybe a prefix) as a tsquery; null when it has no word at all. */
function term(t: TextTerm): string | null {
  const words = t.text.match(WORD) ?? [];
  if (!words.length) return null;
  const parts = words.map((w, i) => lexeme(w) + (t.prefix && i === words.length - 1 ? ':*' : ''));
  return parts.length === 1 ? parts[0]! : `(${parts.join(' <-> ')})`;
}

/** The query as tsquery text (for to_tsquery('simple', …)), or null when nothing is searchable. */
export function toTsquery(q: TextQuery): string | null {
  const clauses: string[] = [];
  for (const c of q.all) {
    const alts = c.map(term).filter((x): x is string => x !== null);
    if (!alts.length) return null; // a clause that can match nothing: FTS5 would match nothing either
    clauses.push(alts.length === 1 ? alts[0]! : `(${alts.join(' | ')})`);
  }
  if (!clauses.length) return null;
  const none = q.none.map(term).filter((x): x is string => x !== null);
  return [...clauses, ...none.map((n) => `!${n}`)].join(' & ');
}
