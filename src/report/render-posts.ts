// Pure renderers for query results.
import type { QueryRow } from '../store/post-queries.js';
import { toCsv } from './csv.js';

export type PostFormat = 'table' | 'json' | 'jsonl' | 'csv';

export function postToJson(r: QueryRow): Record<string, unknown> {
  return {
    channel: r.channel,
    id: r.id,
    date: r.date,
    lang: r.lang,
    langGuess: r.langGuess,
    text: r.text,
    views: r.views,
    edited: r.edited,
    forwardedFrom: r.forwardedFrom,
    replyTo: r.replyTo,
    mediaKinds: r.mediaKinds,
    url: r.url,
    frames: r.frames,
    scores: r.scores,
    hits: r.hits.map((h) => ({
      frame: h.frame,
      term: h.term,
      matched: h.matched,
      start: h.start,
      end: h.end,
      negated: h.negated,
      quoted: h.quoted,
    })),
  };
}

function oneLine(s: string, max: number): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function hitLabel(h: QueryRow['hits'][number]): string {
  const flags = [h.negated ? 'neg' : '', h.quoted ? 'quoted' : ''].filter(Boolean).join(',');
  return `${h.frame}:"${h.matched}"${flags ? `(${flags})` : ''}`;
}

export function renderPosts(rows: QueryRow[], format: PostFormat, opts: { bom?: boolean } = {}): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(rows.map(postToJson), null, 2)}\n`;
    case 'jsonl':
      return rows.map((r) => JSON.stringify(postToJson(r))).join('\n') + (rows.length ? '\n' : '');
    case 'csv':
      return toCsv(
        ['date', 'channel', 'id', 'lang', 'frames', 'matched_terms', 'views', 'edited', 'forwarded_from', 'url', 'text'],
        rows.map((r) => [
          r.date,
          r.channel,
          r.id,
          r.lang,
          r.frames.join(' '),
          r.hits.map(hitLabel).join('; '),
          r.views,
          r.edited ? 1 : 0,
          r.forwardedFrom,
          r.url,
          r.text,
        ]),
        { bom: opts.bom ?? false },
      );
    case 'table': {
      if (rows.length === 0) return 'no posts match\n';
      const lines: string[] = [];
      for (const r of rows) {
        lines.push(`${r.date.slice(0, 16).replace('T', ' ')}  @${r.channel}/${r.id}  ${r.lang}  ${r.frames.join(', ') || '-'}`);
        if (r.hits.length) lines.push(`  terms: ${r.hits.map(hitLabel).join('; ')}`);
        lines.push(`  ${oneLine(r.text, 160)}`);
        if (r.url) lines.push(`  ${r.url}`);
      }
      return `${lines.join('\n')}\n`;
    }
  }
}
