// Telegram "HTML" parse mode: escaping, a validator, and splitting into messages that each stand alone.
// Lengths are UTF-16 code units of the raw string: Telegram counts after entity parsing, which is
// never longer, so the raw length is the conservative measure.

export const TELEGRAM_MAX_CHARS = 4096;

/** Text content: & < > (Telegram rejects a raw < or & that is not a tag or entity). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

/** Attribute values (double-quoted). */
export function escapeAttr(text: string): string {
  return escapeHtml(text).replace(/"/g, '&quot;');
}

/** An http(s) URL for an href, or null (no javascript:, no relative links). */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** Wraps text in Unicode first-strong isolates so right-to-left snippets don't reorder what follows. */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}

/** Cuts plain text to at most `max` code points, adding an ellipsis; never splits a surrogate pair. */
export function truncate(text: string, max: number): string {
  const cps = Array.from(text);
  return cps.length <= max ? text : `${cps.slice(0, Math.max(0, max - 1)).join('').trimEnd()}…`;
}

const ALLOWED_TAGS = new Set([
  'b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del', 'a', 'code', 'pre', 'tg-spoiler', 'span', 'blockquote', 'tg-emoji',
]);

// One token: a tag, an entity, or one code point.
const TOKEN = /<\/?[a-zA-Z][\w-]*(?:\s[^<>]*)?>|&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|lt|gt|amp|quot);|[\s\S]/gu;
const TAG = /^<(\/?)([a-zA-Z][\w-]*)(\s[^<>]*)?>$/;

/** Why Telegram would reject `text` in HTML mode (or over-length it); [] when it is fine. */
export function htmlProblems(text: string, limit = TELEGRAM_MAX_CHARS): string[] {
  const problems: string[] = [];
  if (text.length > limit) problems.push(`${text.length} characters (limit ${limit})`);
  if (text.trim() === '') problems.push('empty message');
  const stack: string[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const tok = m[0];
    const at = m.index ?? 0;
    if (tok === '<') problems.push(`raw "<" at ${at}`);
    else if (tok === '>') problems.push(`raw ">" at ${at}`);
    else if (tok === '&') problems.push(`raw "&" at ${at}`);
    else if (tok.startsWith('<')) {
      const t = TAG.exec(tok);
      const name = t?.[2]?.toLowerCase() ?? '';
      if (!t || !ALLOWED_TAGS.has(name)) {
        problems.push(`unsupported tag ${tok} at ${at}`);
        continue;
      }
      if (t[1]) {
        const open = stack.pop();
        if (open !== name) problems.push(`</${name}> at ${at} closes ${open ? `<${open}>` : 'nothing'}`);
      } else {
        const attrs = t[3] ?? '';
        if (name === 'a' && !/^\s+href="[^"<>]*"\s*$/.test(attrs)) problems.push(`bad <a> attributes at ${at}`);
        if (/"[^"]*$/.test(attrs.replace(/"[^"]*"/g, ''))) problems.push(`unbalanced quote in tag at ${at}`);
        stack.push(name);
      }
    }
  }
  if (stack.length) problems.push(`unclosed ${stack.map((s) => `<${s}>`).join(' ')}`);
  return problems;
}

interface OpenTag {
  name: string;
  raw: string;
}

function closeAll(stack: readonly OpenTag[]): string {
  return [...stack].reverse().map((t) => `</${t.name}>`).join('');
}

/**
 * Cuts one line of balanced Telegram HTML into pieces of at most `limit` UTF-16 units. Never cuts
 * inside a tag, an entity or a surrogate pair; tags open at a cut are closed there and reopened in
 * the next piece, so every piece is valid on its own. Prefers to cut after a space.
 */
export function cutHtmlLine(line: string, limit: number): string[] {
  if (line.length <= limit) return [line];
  const tokens = Array.from(line.matchAll(TOKEN), (m) => m[0]);
  // Tag stack in force before each token.
  const stacks: OpenTag[][] = [];
  let stack: OpenTag[] = [];
  for (const tok of tokens) {
    stacks.push(stack);
    const t = tok.length > 1 && tok.startsWith('<') ? TAG.exec(tok) : null;
    if (t) {
      const name = (t[2] ?? '').toLowerCase();
      if (t[1]) {
        const k = stack.map((s) => s.name).lastIndexOf(name);
        if (k >= 0) stack = stack.slice(0, k);
      } else stack = [...stack, { name, raw: tok }];
    }
  }
  stacks.push(stack);

  const pieces: string[] = [];
  let i = 0;
  while (i < tokens.length) {
    const opening = stacks[i]!.map((t) => t.raw).join('');
    let body = '';
    let j = i;
    let lastBreak = -1; // token index after which a cut is nice (a space)
    while (j < tokens.length) {
      const tok = tokens[j]!;
      const after = stacks[j + 1]!;
      if (opening.length + body.length + tok.length + closeAll(after).length > limit && j > i) break;
      body += tok;
      if (/^\s$/u.test(tok)) lastBreak = j;
      j++;
    }
    // Cut at the last space if it keeps at least 3/4 of the piece.
    if (j < tokens.length && lastBreak > i && lastBreak + 1 < j) {
      const keptLen = tokens.slice(i, lastBreak + 1).join('').length;
      if (keptLen >= body.length * 0.75) {
        body = tokens.slice(i, lastBreak + 1).join('');
        j = lastBreak + 1;
      }
    }
    const piece = opening + body + closeAll(stacks[j]!);
    // Drop pieces that would be nothing but tags.
    if (piece.replace(/<[^>]*>/g, '').trim() !== '') pieces.push(piece);
    i = j;
  }
  return pieces;
}

export interface PackOptions {
  limit?: number;
  /**
   * A line put at the top of message k of n (only when there are several messages; null: none).
   * Every message keeps room for the longest header, the ones without one too.
   */
  header?: (k: number, n: number) => string | null;
}

function trimBlank(lines: string[]): string[] {
  let a = 0;
  let b = lines.length;
  while (a < b && lines[a]!.trim() === '') a++;
  while (b > a && lines[b - 1]!.trim() === '') b--;
  return lines.slice(a, b);
}

/**
 * Packs blocks (lines that belong together, each line balanced HTML) into messages of at most
 * `limit` characters. A block moves to the next message rather than being split, unless it is
 * itself too long; then it splits between lines, and a too-long line is cut by cutHtmlLine.
 */
export function packMessages(blocks: readonly (readonly string[])[], opts: PackOptions = {}): string[] {
  const limit = opts.limit ?? TELEGRAM_MAX_CHARS;
  const header = opts.header;
  const reserve = header ? Math.max(header(1, 99)?.length ?? 0, header(99, 99)?.length ?? 0) + 1 : 0;
  const room = limit - reserve;
  const messages: string[][] = [];
  let cur: string[] = [];
  let curLen = 0;
  const flush = () => {
    const t = trimBlank(cur);
    if (t.length) messages.push(t);
    cur = [];
    curLen = 0;
  };
  const add = (line: string) => {
    const extra = (cur.length ? 1 : 0) + line.length;
    if (curLen + extra > room) flush();
    if (cur.length === 0 && line.trim() === '') return; // no blank line at a message top
    curLen += (cur.length ? 1 : 0) + line.length;
    cur.push(line);
  };
  for (const block of blocks) {
    const text = block.join('\n');
    if (cur.length && curLen + 1 + text.length > room && text.length <= room) flush();
    for (const line of block) {
      if (line.length <= room) add(line);
      else for (const piece of cutHtmlLine(line, room)) add(piece);
    }
  }
  flush();
  const n = messages.length;
  return messages.map((lines, k) => {
    const top = header && n > 1 ? header(k + 1, n) : null;
    return (top === null ? lines : [top, ...lines]).join('\n');
  });
}
