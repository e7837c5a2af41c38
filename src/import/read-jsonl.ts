// Streams a JSON Lines file of posts: {"channel","id","date","text","views"?, ...}.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { IncomingPost, MediaKind } from '../types.js';
import { ImportFormatError } from './import-format-error.js';

const MEDIA: ReadonlySet<string> = new Set([
  'photo', 'video', 'album', 'document', 'poll', 'voice', 'audio', 'sticker', 'round_video', 'location', 'link_preview', 'other',
]);

function fail(file: string, line: number, msg: string): never {
  throw new ImportFormatError(file, `line ${line}`, msg);
}

/** Validates one parsed JSONL object and maps it to an IncomingPost. Pure. */
export function jsonlRecordToPost(rec: unknown, file: string, line: number): IncomingPost {
  if (rec === null || typeof rec !== 'object' || Array.isArray(rec)) fail(file, line, 'expected a JSON object');
  const r = rec as Record<string, unknown>;
  const channel = typeof r.channel === 'string' ? r.channel.trim().replace(/^@/, '').toLowerCase() : undefined;
  if (!channel || !/^[a-z0-9_]{1,64}$/.test(channel)) fail(file, line, '"channel" must be a channel name (letters, digits, _)');
  const id = typeof r.id === 'string' && /^\d+$/.test(r.id) ? Number(r.id) : r.id;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) fail(file, line, '"id" must be a positive integer message id');
  if (typeof r.date !== 'string' && typeof r.date !== 'number') fail(file, line, '"date" must be an ISO 8601 date');
  const ms = typeof r.date === 'number' ? r.date * 1000 : Date.parse(r.date);
  if (Number.isNaN(ms)) fail(file, line, `"date" is not a date: ${JSON.stringify(r.date)}`);
  if (typeof r.date === 'string' && !/[zZ]|[+-]\d\d:?\d\d$/.test(r.date)) fail(file, line, `"date" needs a time zone (e.g. 2024-01-01T10:00:00Z): ${r.date}`);
  if (typeof r.text !== 'string') fail(file, line, '"text" must be a string');
  const views = r.views;
  if (views !== undefined && views !== null && (typeof views !== 'number' || !Number.isInteger(views) || views < 0)) {
    fail(file, line, '"views" must be a non-negative integer');
  }
  const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
  const int = (v: unknown): number | null => (typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? v : null);
  const mediaRaw = r.mediaKinds ?? r.media;
  const mediaKinds = Array.isArray(mediaRaw) ? (mediaRaw.filter((m) => typeof m === 'string' && MEDIA.has(m)) as MediaKind[]) : [];
  return {
    channel,
    messageId: id,
    postedAt: new Date(ms).toISOString(),
    text: r.text,
    views: (views as number | null | undefined) ?? null,
    edited: r.edited === true,
    forwardedFrom: str(r.forwardedFrom ?? r.forwarded_from),
    replyTo: int(r.replyTo ?? r.reply_to),
    mediaKinds,
    permalink: str(r.url ?? r.permalink),
    signature: str(r.signature ?? r.author),
    source: 'import-jsonl',
  };
}

/** Yields posts in batches; throws ImportFormatError naming the line on the first bad one. */
export async function* readJsonl(file: string, batchSize = 1000): AsyncGenerator<IncomingPost[]> {
  const rl = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let batch: IncomingPost[] = [];
  let n = 0;
  for await (const raw of rl) {
    n++;
    const line = n === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (!line.trim()) continue;
    let rec: unknown;
    try {
      rec = JSON.parse(line);
    } catch (err) {
      fail(file, n, `invalid JSON (${(err as Error).message})`);
    }
    batch.push(jsonlRecordToPost(rec, file, n));
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}
