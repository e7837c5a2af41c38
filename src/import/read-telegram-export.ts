// Streams a Telegram Desktop export (result.json) with stream-json's tokenizer, one message at a time:
// a single chat ("Export chat history": name, type, id, messages) or a whole account ("Export Telegram
// data": chats.list and left_chats.list, each a chat of that shape). Other parts of an account
// export (contacts, sessions, ...) are skipped unread.
import Assembler from 'stream-json/core/assembler.js';
import { jsonParser, type Token } from 'stream-json/core/parser.js';
import type { IncomingPost, MediaKind, Side } from '../types.js';
import { dateProblemText, parseIsoPostDate, parseUnixPostDate } from '../util/post-date.js';
import { postLink, postLinkById } from '../util/telegram-link.js';
import { ImportFormatError } from './import-format-error.js';
import { fileText, type TextInput } from './open-input.js';

export interface TelegramExportHeader {
  name?: string;
  type?: string;
  id?: number;
  /** Not written by Telegram Desktop, but kept when an export carries it. */
  username?: string;
}

/** One chat of an export, as it will be stored. */
export interface ExportChat {
  channel: string;
  name: string | null;
  type: string | null;
  /** The username is known (from the export or --channel), so posts link to t.me/<username>/<id>. */
  username: string | null;
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

const USERNAME = /^[a-z][a-z0-9_]{3,31}$/;

/**
 * The channel key of a chat: its username when known (`--channel`, or a "username" in the export),
 * else c<id> from its numeric id. A title ("Al Mirsaad Media") is never turned into a username:
 * that name may belong to someone else. Null when the chat has neither.
 */
export function exportChat(h: TelegramExportHeader, channelOverride?: string): ExportChat | null {
  const given = (channelOverride ?? h.username ?? '').trim().replace(/^@/, '').toLowerCase();
  const username = USERNAME.test(given) ? given : null;
  const channel = username ?? (typeof h.id === 'number' && Number.isSafeInteger(h.id) ? `c${Math.abs(h.id)}` : null);
  return channel ? { channel, username, name: h.name ?? null, type: h.type ?? null } : null;
}

const MEDIA_TYPE: Record<string, MediaKind> = {
  video_file: 'video',
  animation: 'video',
  voice_message: 'voice',
  audio_file: 'audio',
  sticker: 'sticker',
  video_message: 'round_video',
};

/** Chats whose numeric id makes a working t.me/c/<id>/<message> link (not private chats or basic groups). */
const LINKABLE_BY_ID = /channel|supergroup/;

/** Maps one export message to a post, or to a skip reason. Pure. */
export function exportMessageToPost(
  m: Record<string, unknown>,
  chat: ExportChat,
  header: TelegramExportHeader,
  where: () => string,
  file: string,
  opts: { side?: Side; now?: number } = {},
): IncomingPost | { skip: string } {
  if (m.type === 'service') return { skip: 'service message' };
  const id = m.id;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) {
    throw new ImportFormatError(file, where(), 'message has no positive integer "id"');
  }
  let date;
  if (typeof m.date_unixtime === 'string' || typeof m.date_unixtime === 'number') {
    date = parseUnixPostDate(m.date_unixtime, opts);
    if ('problem' in date) throw new ImportFormatError(file, where(), `message ${id}: ${dateProblemText('date_unixtime', m.date_unixtime, date)}`);
  } else if (typeof m.date === 'string') {
    // Without date_unixtime the export's "date" is the exporting machine's local time; read it as UTC.
    date = parseIsoPostDate(m.date, { assumeUtc: true, ...opts });
    if ('problem' in date) throw new ImportFormatError(file, where(), `message ${id}: ${dateProblemText('date', m.date, date)}`);
  } else {
    throw new ImportFormatError(file, where(), `message ${id} has no "date_unixtime" or "date"`);
  }
  if (m.text !== undefined && typeof m.text !== 'string' && !Array.isArray(m.text)) {
    throw new ImportFormatError(file, where(), `message ${id}: "text" must be a string or an array`);
  }
  const media: MediaKind[] = [];
  if (m.photo) media.push('photo');
  if (typeof m.media_type === 'string') media.push(MEDIA_TYPE[m.media_type] ?? 'other');
  else if (m.file) media.push('document');
  if (m.poll) media.push('poll');
  if (m.location_information) media.push('location');
  let permalink: string | null = null;
  if (chat.username) permalink = postLink(chat.username, id);
  else if (typeof header.id === 'number' && LINKABLE_BY_ID.test(chat.type ?? '')) permalink = postLinkById(header.id, id);
  return {
    channel: chat.channel,
    messageId: id,
    postedAt: new Date(date.ms).toISOString(),
    text: flattenText(m.text),
    views: null,
    edited: m.edited !== undefined || m.edited_unixtime !== undefined,
    forwardedFrom: typeof m.forwarded_from === 'string' ? m.forwarded_from : null,
    replyTo: typeof m.reply_to_message_id === 'number' ? m.reply_to_message_id : null,
    mediaKinds: media,
    signature: typeof m.author === 'string' ? m.author : null,
    links: links(m.text),
    permalink,
    source: 'import-telegram',
    ...(opts.side ? { side: opts.side } : {}),
  };
}

export interface ExportOptions {
  batchSize?: number;
  /** Store a single-chat export under this username (import --channel). */
  channelOverride?: string;
  side?: Side;
  /** Called once per chat, before its posts. */
  onChat?: (chat: ExportChat) => void;
}

export interface ExportBatch {
  posts: IncomingPost[];
  skipped: Record<string, number>;
}

const HEADER_KEYS: ReadonlySet<string> = new Set(['name', 'type', 'id', 'username']);
const CHAT_LISTS: ReadonlySet<string> = new Set(['chats', 'left_chats']);

/** Where the walker is in the document: one frame per open object or array that matters. */
type Frame =
  | { kind: 'root' | 'chat'; key: string | null; header: TelegramExportHeader }
  | { kind: 'lists'; key: string | null }
  | { kind: 'list' }
  | { kind: 'messages'; chat: ExportChat; header: TelegramExportHeader }
  | { kind: 'message'; line: number; column: number; chat: ExportChat; header: TelegramExportHeader }
  | { kind: 'skip'; depth: number };

const isStart = (t: Token) => t.name === 'startObject' || t.name === 'startArray';
const isEnd = (t: Token) => t.name === 'endObject' || t.name === 'endArray';
const scalar = (t: Token): unknown =>
  t.name === 'stringValue' ? t.value : t.name === 'numberValue' ? Number(t.value) : t.name === 'trueValue' ? true : t.name === 'falseValue' ? false : null;

/** Longest piece of a line fed to the tokenizer at once (minified exports are one long line). */
const PIECE = 64 * 1024;

/**
 * Yields batches of posts plus skip reasons. Throws ImportFormatError naming the line (and the
 * message) on malformed input; nothing is yielded after that.
 */
export async function* readTelegramExport(source: TextInput | string, opts: ExportOptions = {}): AsyncGenerator<ExportBatch> {
  const input = typeof source === 'string' ? await fileText(source) : source;
  const file = input.name;
  const batchSize = opts.batchSize ?? 1000;
  const parse = jsonParser({ streamValues: false });
  const asm = new Assembler();
  const stack: Frame[] = [];
  let line = 1;
  let column = 0;
  let finished = false;
  let account = false;
  let chats = 0;
  let messageNo = 0;
  let batch: IncomingPost[] = [];
  let skipped: Record<string, number> = {};
  const ready: ExportBatch[] = [];

  const at = (l = line, c = column) => `line ${l}${c > 0 ? ` near column ${c + 1}` : ''}`;
  const fail = (detail: string, where = at()): never => {
    throw new ImportFormatError(file, where, detail);
  };

  const startChat = (header: TelegramExportHeader): ExportChat => {
    const chat = exportChat(header, opts.channelOverride);
    if (!chat) {
      fail(`chat "${header.name ?? '?'}" has neither a numeric "id" nor a username; import it with --channel USERNAME`);
    }
    chats++;
    messageNo = 0;
    opts.onChat?.(chat!);
    return chat!;
  };

  const finishMessage = (f: Extract<Frame, { kind: 'message' }>, m: unknown) => {
    const chatNote = account ? `chat ${f.chat.channel} ` : '';
    const where = () => `${at(f.line, f.column)}, ${chatNote}message #${messageNo}`;
    if (m === null || typeof m !== 'object' || Array.isArray(m)) fail('expected a message object', where());
    const r = exportMessageToPost(m as Record<string, unknown>, f.chat, f.header, where, file, opts.side ? { side: opts.side } : {});
    if ('skip' in r) skipped[r.skip] = (skipped[r.skip] ?? 0) + 1;
    else batch.push(r);
    if (batch.length >= batchSize) {
      ready.push({ posts: batch, skipped });
      batch = [];
      skipped = {};
    }
  };

  /** A value begins for `key` inside an object frame. */
  const valueFor = (f: Extract<Frame, { key: string | null }>, t: Token) => {
    const key = f.key;
    f.key = null;
    if (f.kind !== 'lists' && key !== null && HEADER_KEYS.has(key) && !isStart(t)) {
      const v = scalar(t);
      if (key === 'id' && typeof v === 'number') f.header.id = v;
      else if (key !== 'id' && typeof v === 'string') f.header[key as 'name' | 'type' | 'username'] = v;
      return;
    }
    if (f.kind !== 'lists' && key === 'messages' && t.name === 'startArray') {
      stack.push({ kind: 'messages', chat: startChat(f.header), header: f.header });
      return;
    }
    if (f.kind === 'root' && key !== null && CHAT_LISTS.has(key) && t.name === 'startObject') {
      if (opts.channelOverride) fail('a full account export holds many chats and --channel names one: leave --channel out, or export the one channel');
      account = true;
      stack.push({ kind: 'lists', key: null });
      return;
    }
    if (f.kind === 'lists' && key === 'list' && t.name === 'startArray') {
      stack.push({ kind: 'list' });
      return;
    }
    if (isStart(t)) stack.push({ kind: 'skip', depth: 1 });
  };

  const onToken = (t: Token) => {
    const f = stack.at(-1);
    if (!f) {
      if (finished) return;
      if (t.name !== 'startObject') fail('not a Telegram Desktop export: the file is not a JSON object');
      stack.push({ kind: 'root', key: null, header: {} });
      return;
    }
    switch (f.kind) {
      case 'skip':
        if (isStart(t)) f.depth++;
        else if (isEnd(t) && --f.depth === 0) stack.pop();
        return;
      case 'message':
        asm.consume(t);
        if (asm.done) {
          stack.pop();
          finishMessage(f, asm.current);
        }
        return;
      case 'messages':
        if (t.name === 'endArray') stack.pop();
        else if (t.name === 'startObject') {
          messageNo++;
          stack.push({ kind: 'message', line, column, chat: f.chat, header: f.header });
          asm.consume(t);
        } else {
          messageNo++;
          fail('expected a message object', `${at()}, message #${messageNo}`);
        }
        return;
      case 'list':
        if (t.name === 'endArray') stack.pop();
        else if (t.name === 'startObject') stack.push({ kind: 'chat', key: null, header: {} });
        else if (isStart(t)) stack.push({ kind: 'skip', depth: 1 });
        return;
      default:
        if (t.name === 'keyValue') f.key = t.value;
        else if (t.name === 'endObject') {
          stack.pop();
          if (f.kind === 'root') finished = true;
        } else valueFor(f, t);
    }
  };

  const feed = (piece: string) => {
    let tokens;
    try {
      tokens = parse(piece);
    } catch (err) {
      return fail(`invalid JSON (${(err as Error).message})`);
    }
    if (typeof tokens === 'object' && tokens !== null) for (const t of tokens.values) onToken(t);
  };

  for await (const text of input.text) {
    for (let start = 0; start < text.length; ) {
      const nl = text.indexOf('\n', start);
      const end = Math.min(nl === -1 ? text.length : nl + 1, start + PIECE);
      feed(start === 0 && end === text.length ? text : text.slice(start, end));
      if (text.charCodeAt(end - 1) === 10) {
        line++;
        column = 0;
      } else column += end - start;
      start = end;
      if (ready.length) yield* ready.splice(0);
    }
  }
  if (!finished) {
    if (stack.length === 0) fail('empty file: not a Telegram Desktop export (result.json)');
    const inside = stack.some((f) => f.kind === 'messages' || f.kind === 'message') ? 'inside the messages array' : 'early';
    fail(`the file ends ${inside} (truncated?)`, 'end of file');
  }
  if (chats === 0) {
    fail(
      account
        ? 'a full account export with no chats in it: export again with chats ticked, or export one channel ("Export chat history")'
        : 'no "messages" array: not a Telegram Desktop chat export (result.json)',
      'whole file',
    );
  }
  if (batch.length || Object.keys(skipped).length) yield { posts: batch, skipped };
}
