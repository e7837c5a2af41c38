// A TextQuery as an FTS5 MATCH expression over posts_fts. Every term is quoted, so nothing a user
// typed is read as FTS5 syntax (NEAR, column filters, ^ ...).
import { parseTextQuery, type TextQuery, type TextTerm } from '../text-query.js';

function quote(t: TextTerm): string {
  return `"${t.text.replace(/"/g, '""')}"${t.prefix ? '*' : ''}`;
}

export function toFts5(q: TextQuery): string {
  const positive = q.all.map((c) => (c.length > 1 ? `(${c.map(quote).join(' OR ')})` : quote(c[0]!))).join(' AND ');
  return q.none.length ? `(${positive}) NOT ${q.none.map(quote).join(' NOT ')}` : positive;
}

/** What a user types, straight to FTS5 (tests and diagnostics). */
export function toFtsQuery(input: string): string {
  return toFts5(parseTextQuery(input));
}
