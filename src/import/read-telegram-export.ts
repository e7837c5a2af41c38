// Streams a Telegram Desktop "Export chat history" result.json without loading it whole:
// the header (name, id, type) is parsed from the text before "messages", then each message
// object is cut out by bracket depth and parsed on its own.
import { createReadStream } from 'node:fs';
import type { IncomingPost, MediaKind } from '../types.js';
import { ImportFormatError } from './import-format-error.js';

export interface TelegramExportHeader {
  name?: string;
  type?: string;
  id?: number;
}

type TextPart = string | { type?: string; text?: string; href?: string };

/** Flattens Telegram's text (a string or an array of strings and entity objects). */
export function flattenText(text: unknown): string {
  if (typeof text === 'string') return text;
  if (!Array.isArray(text)) return '';
  return (text as TextPart[]).map((p) => (typeof p === 'string' ? p : typeof p?.text === 'string' ? p.text : '')).join('');
}

function links(text: unknown): string[] {
  if (!Array.isArray(text)) return [];
  const out: string[] = [];
  for (const p of text as TextPart[]) {
    if (typeof p !== 'object' || p === null) continue;
    if (p.type === 'link' && p.text) out.push(p.text);
    if (p.type === 'text_link' && p.href) out.push(p.href);
  }
  return out;
}

/** Channel key for an export: a slug of its name when it is a plain name, else c<id>. */
export function exportChannelKey(h: TelegramExportHeader): string {
  const slug = (h.name ?? '').trim().toLowerCase().replace(/[\s-]+/g, '_');
  if (/^[a-z][a-z0-9_]{3,31}$/.test(slug)) return slug;
  if (typeof h.id === 'number') return `c${Math.abs(h.id)}`;
  return slug.replace(/[^a-z0-9_]/g, '') || 'telegram_export';
}

const MEDIA_TYPE: Record<string, MediaKind> = {
  video_file: 'video',
  animation: 'video',
  voice_message: 'voice',
  audio_file: 'audio',
  sticker: 'sticker',
  video_message: 'round_video',
};

/** Maps one export message to a post, or to a skip reason. Pure. */
export function exportMessageToPost(
  m: Record<string, unknown>,
  channel: string,
  header: TelegramExportHeader,
  where: () => string,
  file: string,
): IncomingPost | { skip: string } {
  if (m.type === 'service') return { skip: 'service message' };
  const id = m.id;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) {
    throw new ImportFormatError(file, where(), 'message has no positive integer "id"');
  }
  let ms = NaN;
  if (typeof m.date_unixtime === 'string' || typeof m.date_unixtime === 'number') ms = Number(m.date_unixtime) * 1000;
  // Without date_unixtime the export's "date" is the exporting machine's local time; read it as UTC.
  else if (typeof m.date === 'string') ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(m.date) ? m.date : `${m.date}Z`);
  if (Number.isNaN(ms)) throw new ImportFormatError(file, where(), `message ${id} has no valid "date"`);
  if (m.text !== undefined && typeof m.text !== 'string' && !Array.isArray(m.text)) {
    throw new ImportFormatError(file, where(), `message ${id}: "text" must be a string or an array`);
  }
  const media: MediaKind[] = [];
  if (m.photo) media.push('photo');
  if (typeof m.media_type === 'string') media.push(MEDIA_TYPE[m.media_type] ?? 'other');
  else if (m.file) media.push('document');
  if (m.poll) media.push('poll');
  if (m.location_information) media.push('location');
  const text = flattenText(m.text);
  const numericId = typeof header.id === 'number' ? Math.abs(header.id) : null;
  return {
    channel,
    messageId: id,
    postedAt: new Date(ms).toISOString(),
    text,
    views: null,
    edited: m.edited !== undefined || m.edited_unixtime !== undefined,
    forwardedFrom: typeof m.forwarded_from === 'string' ? m.forwarded_from : null,
    replyTo: typeof m.reply_to_message_id === 'number' ? m.reply_to_message_id : null,
    mediaKinds: media,
    signature: typeof m.author === 'string' ? m.author : null,
    links: links(m.text),
    permalink: channel.startsWith('c') && numericId !== null && channel === `c${numericId}` ? `https://t.me/c/${numericId}/${id}` : null,
    source: 'import-telegram',
  };
}

/**
 * Yields batches of posts plus skip reasons. Throws ImportFormatError with a position on malformed input.
 * `channelOverride` replaces the derived channel key.
 */
export async function* readTelegramExport(
  file: string,
  opts: { batchSize?: number; channelOverride?: string } = {},
): AsyncGenerator<{ posts: IncomingPost[]; skipped: Record<string, number>; channel: string }> {
  const batchSize = opts.batchSize ?? 1000;
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 16 });
  let prefix = '';
  let header: TelegramExportHeader | null = null;
  let channel = '';
  // scanner state inside the messages array
  let depth = 0;
  let inString = false;
  let escape = false;
  let current: string[] = [];
  let chunkStart = 0;
  let arrayClosed = false;
  let consumed = 0; // characters before the current chunk
  let index = 0;
  let batch: IncomingPost[] = [];
  let skipped: Record<string, number> = {};

  const pos = (offset: number) => `character ${offset + 1}`;

  const finishObject = (text: string, endOffset: number) => {
    let m: unknown;
    try {
      m = JSON.parse(text);
    } catch (err) {
      throw new ImportFormatError(file, `message #${index + 1} near ${pos(endOffset)}`, `invalid JSON (${(err as Error).message})`);
    }
    index++;
    if (m === null || typeof m !== 'object' || Array.isArray(m)) {
      throw new ImportFormatError(file, `message #${index}`, 'expected a message object');
    }
    const r = exportMessageToPost(m as Record<string, unknown>, channel, header!, () => `message #${index} near ${pos(endOffset)}`, file);
    if ('skip' in r) skipped[r.skip] = (skipped[r.skip] ?? 0) + 1;
    else batch.push(r);
  };

  for await (const chunk of stream as AsyncIterable<string>) {
    let i = 0;
    let text = chunk;
    if (header === null) {
      const first = consumed === 0 ? text.replace(/^\uFEFF/, '') : text;
      prefix += first;
      const match = /"messages"\s*:\s*\[/.exec(prefix);
      if (!match) {
        if (prefix.length > 1 << 20) {
          throw new ImportFormatError(file, 'start of file', 'no "messages" array: not a Telegram Desktop chat export (result.json)');
        }
        consumed += chunk.length;
        continue;
      }
      const head = prefix.slice(0, match.index + match[0].length);
      let parsed: unknown;
      try {
        parsed = JSON.parse(`${head}]}`);
      } catch {
        throw new ImportFormatError(file, 'start of file', 'not a Telegram Desktop chat export (result.json): the header is not a JSON object');
      }
      const h = parsed as Record<string, unknown>;
      if (h.chats !== undefined || h.messages === undefined) {
        throw new ImportFormatError(file, 'start of file', 'this is a full account export; export a single channel ("Export chat history") instead');
      }
      header = { name: typeof h.name === 'string' ? h.name : undefined, type: typeof h.type === 'string' ? h.type : undefined, id: typeof h.id === 'number' ? h.id : undefined };
      channel = opts.channelOverride ?? exportChannelKey(header);
      text = prefix.slice(head.length);
      consumed = head.length;
      prefix = '';
    }
    chunkStart = 0;
    for (i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (arrayClosed) {
        continue;
      }
      if (inString) {
        if (escape) escape = false;
        else if (c === 92 /* \ */) escape = true;
        else if (c === 34 /* " */) inString = false;
        continue;
      }
      if (c === 34) {
        inString = true;
      } else if (c === 123 /* { */ || c === 91 /* [ */) {
        if (depth === 0) chunkStart = i;
        depth++;
      } else if (c === 125 /* } */ || c === 93 /* ] */) {
        if (depth === 0) {
          if (c === 93) {
            arrayClosed = true;
            continue;
          }
          throw new ImportFormatError(file, pos(consumed + i), 'unbalanced "}" in the messages array');
        }
        depth--;
        if (depth === 0) {
          current.push(text.slice(chunkStart, i + 1));
          finishObject(current.join(''), consumed + i);
          current = [];
          if (batch.length >= batchSize) {
            yield { posts: batch, skipped, channel };
            batch = [];
            skipped = {};
          }
        }
      } else if (depth === 0 && c !== 44 && c !== 32 && c !== 10 && c !== 13 && c !== 9) {
        throw new ImportFormatError(file, pos(consumed + i), `unexpected "${text[i]}" in the messages array`);
      }
    }
    if (depth > 0) current.push(text.slice(chunkStart));
    consumed += text.length;
  }
  if (header === null) {
    throw new ImportFormatError(file, 'start of file', 'no "messages" array: not a Telegram Desktop chat export (result.json)');
  }
  if (!arrayClosed || depth !== 0 || inString) {
    throw new ImportFormatError(file, pos(consumed), 'the file ends inside the messages array (truncated?)');
  }
  if (batch.length || Object.keys(skipped).length) yield { posts: batch, skipped, channel };
}
