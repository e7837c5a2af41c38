// Pure renderers for query results.
import { MAX_TAG_CHARS } from '../frames/tag.js';
import type { QueryRow } from '../store/store.js';
import { localDateTime } from '../util/day-in-zone.js';
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
    score: r.score,
    hits: r.hits.map((h) => ({
      frame: h.frame,
      term: h.term,
      matched: h.matched,
      start: h.start,
      end: h.end,
      negated: h.negated,
      quoted: h.quoted,
      ...(h.rule !== undefined ? { rule: h.rule, part: h.part } : {}),
    })),
    // Only the first MAX_TAG_CHARS characters of a post are tagged: the evidence says so.
    ...(r.text.length > MAX_TAG_CHARS ? { taggedChars: MAX_TAG_CHARS } : {}),
  };
}

// Control characters (ESC sequences included) in post text must not reach the terminal.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

function oneLine(s: string, max: number): string {
  const flat = s.replace(/\s+/g, ' ').replace(CONTROL, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function fmtScore(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2);
}

function hitLabel(h: QueryRow['hits'][number]): string {
  const flags = [h.negated ? 'neg' : '', h.quoted ? 'quoted' : ''].filter(Boolean).join(',');
  const rule = h.rule !== undefined ? ` [rule ${h.rule}: ${h.part}]` : '';
  return `${h.frame}:"${h.matched.replace(CONTROL, ' ')}"${rule}${flags ? `(${flags})` : ''}`;
}

/**
 * `limit`/`offset` only add a "more may follow" hint to the table; the table shows times in
 * `timezone` (default UTC) and names it. JSON and CSV keep UTC instants.
 */
export function renderPosts(
  rows: QueryRow[],
  format: PostFormat,
  opts: { bom?: boolean; limit?: number; offset?: number; timezone?: string } = {},
): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(rows.map(postToJson), null, 2)}\n`;
    case 'jsonl':
      return rows.map((r) => JSON.stringify(postToJson(r))).join('\n') + (rows.length ? '\n' : '');
    case 'csv':
      return toCsv(
        ['date', 'channel', 'id', 'lang', 'frames', 'score', 'matched_terms', 'views', 'edited', 'forwarded_from', 'url', 'text'],
        rows.map((r) => [
          r.date,
          r.channel,
          r.id,
          r.lang,
          r.frames.join(' '),
          r.score,
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
      const first = (opts.offset ?? 0) + 1;
      rows.forEach((r, i) => {
        const frames = r.frames.map((f) => `${f} ${fmtScore(r.scores[f] ?? 0)}`).join(', ') || '-';
        const tz = opts.timezone ?? 'UTC';
        lines.push(`${first + i}. ${localDateTime(r.date, tz).replace('T', ' ')} ${tz}  @${r.channel}/${r.id}  ${r.lang}  frames: ${frames}`);
        if (r.hits.length) lines.push(`   terms: ${r.hits.map(hitLabel).join('; ')}`);
        if (r.text.length > MAX_TAG_CHARS) {
          lines.push(`   (only the first ${MAX_TAG_CHARS.toLocaleString('en-US')} of ${r.text.length.toLocaleString('en-US')} characters were tagged)`);
        }
        lines.push(`   ${oneLine(r.text, 160)}`);
        if (r.url) lines.push(`   ${r.url}`);
        lines.push('');
      });
      if (opts.limit !== undefined && rows.length === opts.limit) {
        lines.push(`(more may follow: --offset ${(opts.offset ?? 0) + rows.length})`);
      }
      return `${lines.join('\n')}\n`;
    }
  }
}
