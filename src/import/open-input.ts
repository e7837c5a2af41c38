// What `import` reads: a file, a Telegram Desktop export folder (its result.json), or standard input ("-").
// The first bytes are read ahead so the format can be told before anything is parsed.
import { createReadStream, statSync, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import { decodeUtf8, Utf8Decoder } from '../util/utf8-decoder.js';

export interface ImportInput {
  /** How messages name it: the path, or "stdin". */
  name: string;
  /** Its size in bytes when known (not for standard input). */
  size: number | null;
  /** The first bytes (at least 64 KiB unless the input is shorter). */
  head: Buffer;
  /** All of its bytes, the head included. An input can be read once. */
  chunks(): AsyncIterable<Buffer>;
}

export const HEAD_BYTES = 64 * 1024;

function cannotRead(name: string, err: unknown): UserError {
  return new UserError(`${name}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
}

function statOf(path: string): Stats {
  try {
    return statSync(path);
  } catch (err) {
    throw cannotRead(path, err);
  }
}

/** A path: a file, or a folder holding a Telegram Desktop export's result.json. */
async function openPath(arg: string): Promise<ImportInput> {
  let path = arg;
  let stat = statOf(path);
  if (stat.isDirectory()) {
    path = join(arg, 'result.json');
    try {
      stat = statSync(path);
    } catch {
      throw new UserError(`${arg}: a folder without result.json; give the folder of a Telegram Desktop export, or a .json/.jsonl file`);
    }
  }
  if (!stat.isFile()) throw new UserError(`${path}: not a file`);
  let head: Buffer;
  try {
    const fh = await open(path, 'r');
    try {
      const buf = Buffer.alloc(HEAD_BYTES);
      const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
      head = buf.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  } catch (err) {
    throw cannotRead(path, err);
  }
  return {
    name: path,
    size: stat.size,
    head,
    chunks: () => createReadStream(path, { highWaterMark: HEAD_BYTES }),
  };
}

/** Standard input, of which up to `readAhead` bytes are read before anything else (to size the job). */
async function openStream(name: string, stream: AsyncIterable<Buffer | string>, readAhead: number): Promise<ImportInput> {
  const iterator = stream[Symbol.asyncIterator]();
  const ahead: Buffer[] = [];
  let bytes = 0;
  let ended = false;
  while (bytes < readAhead) {
    const r = await iterator.next();
    if (r.done) {
      ended = true;
      break;
    }
    const b = typeof r.value === 'string' ? Buffer.from(r.value) : r.value;
    ahead.push(b);
    bytes += b.length;
  }
  let used = false;
  const all = Buffer.concat(ahead);
  return {
    name,
    size: ended ? bytes : null,
    head: all.subarray(0, HEAD_BYTES),
    async *chunks() {
      if (used) throw new UserError(`${name}: can be read only once`);
      used = true;
      if (all.length) yield all;
      if (ended) return;
      for (let r = await iterator.next(); !r.done; r = await iterator.next()) {
        yield typeof r.value === 'string' ? Buffer.from(r.value) : r.value;
      }
    },
  };
}

/** Opens `arg` ("-" is standard input). Throws a one-line UserError when it cannot be read. */
export async function openInput(
  arg: string,
  opts: { stdin?: AsyncIterable<Buffer | string>; readAhead?: number } = {},
): Promise<ImportInput> {
  if (arg === '-') return openStream('stdin', opts.stdin ?? process.stdin, Math.max(HEAD_BYTES, opts.readAhead ?? HEAD_BYTES));
  return openPath(arg);
}

/** An input as text, decoded as it is read. */
export interface TextInput {
  name: string;
  text: AsyncIterable<string>;
}

/** Decodes `input` as UTF-8; `decoder` counts what could not be decoded. */
export function textOf(input: ImportInput, decoder: Utf8Decoder): TextInput {
  return { name: input.name, text: decodeUtf8(input.chunks(), decoder) };
}

export async function fileText(path: string, decoder: Utf8Decoder = new Utf8Decoder()): Promise<TextInput> {
  return textOf(await openInput(path), decoder);
}
