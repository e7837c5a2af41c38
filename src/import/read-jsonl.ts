// Streams a JSON Lines file of posts: {"channel","id","date","text","views"?, ...}.
import type { IncomingPost, MediaKind, Side } from '../types.js';
import { dateProblemText, parseIsoPostDate, parseUnixPostDate } from '../util/post-date.js';
import { ownPostLink, postLink } from '../util/telegram-link.js';
import { ImportFormatError } from './import-format-error.js';
import { fileText, type TextInput } from './open-input.js';

const MEDIA: ReadonlySet<string> = new Set([
  'photo', 'video', 'album', 'document', 'poll', 'voice', 'audio', 'sticker', 'round_video', 'location', 'link_preview', 'other',
]);

function fail(file: string, line: number, msg: string): never {
  throw new ImportFormatError(file, `line ${line}`, msg);
}

export interface JsonlOptions {
  /** Store every post under this username instead of the line's "channel" (import --channel). */
  channel?: string;
  side?: Side;
  now?: number;
}

/** Validates one parsed JSONL object and maps it to an IncomingPost. Pure. */
export function jsonlRecordToPost(rec: unknown, file: string, line: number, opts: JsonlOptions = {}): IncomingPost {
  if (rec === null || typeof rec !== 'object' || Array.isArray(rec)) fail(file, line, 'expected a JSON object');
  const r = rec as Record<string, unknown>;
  const given = opts.channel ?? r.channel;
  const channel = typeof given === 'string' ? given.trim().replace(/^@/, '').toLowerCase() : undefined;
  if (!channel || !/^[a-z0-9_]{1,64}$/.test(channel)) fail(file, line, '"channel" must be a channel name (letters, digits, _)');
  const id = typeof r.id === 'string' && /^\d+$/.test(r.id) ? Number(r.id) : r.id;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) fail(file, line, '"id" must be a positive integer message id');
  if (typeof r.date !== 'string' && typeof r.date !== 'number') fail(file, line, '"date" must be an ISO 8601 date or seconds since 1970');
  const date = typeof r.date === 'number' ? parseUnixPostDate(r.date, opts) : parseIsoPostDate(r.date, opts);
  if ('problem' in date) fail(file, line, dateProblemText('date', r.date, date));
  if (typeof r.text !== 'string') fail(file, line, '"text" must be a string');
  const views = r.views;
  if (views !== undefined && views !== null && (typeof views !== 'number' || !Number.isInteger(views) || views < 0)) {
    fail(file, line, '"views" must be a non-negative integer');
  }
  const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
  const int = (v: unknown): number | null => (typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? v : null);
  const mediaRaw = r.mediaKinds ?? r.media;
  const mediaKinds = Array.isArray(mediaRaw) ? (mediaRaw.filter((m) => typeof m === 'string' && MEDIA.has(m)) as MediaKind[]) : [];
  // The channel is a username, so the post's link is built from it; a "url" becomes the link only
  // when it is that same t.me link. Any other URL (a look-alike host, another channel) stays as data.
  const url = str(r.url ?? r.permalink);
  const own = url ? ownPostLink(url, channel, id) : null;
  return {
    channel,
    messageId: id,
    postedAt: new Date(date.ms).toISOString(),
    text: r.text,
    views: (views as number | null | undefined) ?? null,
    edited: r.edited === true,
    forwardedFrom: str(r.forwardedFrom ?? r.forwarded_from),
    replyTo: int(r.replyTo ?? r.reply_to),
    mediaKinds,
    permalink: own ?? postLink(channel, id),
    links: url && !own ? [url] : [],
    signature: str(r.signature ?? r.author),
    source: 'import-jsonl',
    ...(opts.side ? { side: opts.side } : {}),
  };
}

/** Lines of a text stream, numbered from 1, without their line break. */
async function* lines(text: AsyncIterable<string>): AsyncGenerator<[number, string]> {
  let rest = '';
  let n = 0;
  for await (const chunk of text) {
    rest += chunk;
    let start = 0;
    for (let nl = rest.indexOf('\n'); nl !== -1; nl = rest.indexOf('\n', start)) {
      yield [++n, rest.slice(start, rest.charCodeAt(nl - 1) === 13 && nl > start ? nl - 1 : nl)];
      start = nl + 1;
    }
    rest = rest.slice(start);
  }
  if (rest) yield [++n, rest.endsWith('\r') ? rest.slice(0, -1) : rest];
}

/** Yields posts in batches; throws ImportFormatError naming the line on the first bad one. */
export async function* readJsonl(source: TextInput | string, opts: JsonlOptions & { batchSize?: number } = {}): AsyncGenerator<IncomingPost[]> {
  const input = typeof source === 'string' ? await fileText(source) : source;
  const batchSize = opts.batchSize ?? 1000;
  let batch: IncomingPost[] = [];
  for await (const [n, line] of lines(input.text)) {
    if (!line.trim()) continue;
    let rec: unknown;
    try {
      rec = JSON.parse(line);
    } catch (err) {
      fail(input.name, n, `invalid JSON (${(err as Error).message})`);
    }
    batch.push(jsonlRecordToPost(rec, input.name, n, opts));
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}
