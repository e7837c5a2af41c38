// Imports files through the pipeline, one transaction per file: a bad file leaves nothing behind.
import { extname } from 'node:path';
import { addCounts, emptyCounts, type IngestCounts, type Pipeline, type PostBatch } from '../pipeline.js';
import type { ChannelProfileUpdate, Store } from '../store/store.js';
import { ParallelDeriver, deriveAhead, workersAvailable } from '../parallel-deriver.js';
import { LEXICON_DIR } from '../paths.js';
import type { IncomingPost, Side } from '../types.js';
import { Utf8Decoder } from '../util/utf8-decoder.js';
import { HEAD_BYTES, openInput, textOf, type ImportInput } from './open-input.js';
import { readJsonl } from './read-jsonl.js';
import { readTelegramExport, type ExportChat } from './read-telegram-export.js';

export type ImportFormat = 'jsonl' | 'telegram';

export interface FileImportResult extends IngestCounts {
  file: string;
  format: ImportFormat;
  /** The chats of a Telegram export, each stored as its own channel. */
  chats: ExportChat[];
}

/**
 * A Telegram export is one JSON value over many lines (Telegram Desktop writes "{" alone on the first),
 * or one long line holding "messages" or "chats"; JSON Lines has a whole object on each line.
 */
export function sniffFormat(name: string, head: Buffer): ImportFormat {
  const ext = extname(name).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  const text = head.toString('utf8').replace(/^\uFEFF/, '');
  const exportKeys = /"(messages|chats)"\s*:\s*[[{]/.test(text);
  const start = text.search(/\S/);
  if (start === -1) return ext === '.json' ? 'telegram' : 'jsonl';
  const nl = text.indexOf('\n', start);
  if (nl === -1 && head.length >= HEAD_BYTES) return exportKeys ? 'telegram' : 'jsonl';
  const firstLine = text.slice(start, nl === -1 ? undefined : nl).trim();
  try {
    const v: unknown = JSON.parse(firstLine);
    return v !== null && typeof v === 'object' && ('messages' in v || 'chats' in v) ? 'telegram' : 'jsonl';
  } catch {
    return firstLine === '{' || exportKeys ? 'telegram' : 'jsonl';
  }
}

/** Inputs above this size are derived in a worker thread while this thread writes. */
export const PARALLEL_MIN_BYTES = 2 * 1024 * 1024;

export interface ImportOptions {
  /** Store the posts under this username (import --channel). */
  channel?: string;
  /** Whose channels these are (import --side): set on every post and on the channel rows. */
  side?: Side;
  onProgress?: (counts: IngestCounts) => void;
  /** Worker-thread derivation: true, false, or by size (default). */
  parallel?: boolean;
  lexiconDir?: string;
  /** Where "-" reads from (standard input by default). */
  stdin?: AsyncIterable<Buffer | string>;
}

/** Imports one file, export folder, or "-" (standard input). */
export async function importFile(store: Store, pipeline: Pipeline, file: string, opts: ImportOptions = {}): Promise<FileImportResult> {
  const input = await openInput(file, { readAhead: PARALLEL_MIN_BYTES, ...(opts.stdin ? { stdin: opts.stdin } : {}) });
  return importInput(store, pipeline, input, opts);
}

export async function importInput(store: Store, pipeline: Pipeline, input: ImportInput, opts: ImportOptions = {}): Promise<FileImportResult> {
  const format = sniffFormat(input.name, input.head);
  const skipped: Record<string, number> = {};
  const chats: ExportChat[] = [];
  const decoder = new Utf8Decoder();
  const text = textOf(input, decoder);
  // Both formats become one stream of post batches; the export also reports skipped messages.
  async function* batches(): AsyncGenerator<IncomingPost[]> {
    if (format === 'jsonl') {
      yield* readJsonl(text, { ...(opts.channel ? { channel: opts.channel } : {}), ...(opts.side ? { side: opts.side } : {}) });
      return;
    }
    const exportOpts = {
      ...(opts.channel ? { channelOverride: opts.channel } : {}),
      ...(opts.side ? { side: opts.side } : {}),
      onChat: (c: ExportChat) => void chats.push(c),
    };
    for await (const chunk of readTelegramExport(text, exportOpts)) {
      for (const [k, v] of Object.entries(chunk.skipped)) skipped[k] = (skipped[k] ?? 0) + v;
      yield chunk.posts;
    }
  }
  // --side also goes on each channel's row, written with the channel's first batch.
  const seen = new Set<string>();
  const sideChannels = (posts: IncomingPost[]): ChannelProfileUpdate[] | undefined => {
    if (!opts.side) return undefined;
    const fresh: ChannelProfileUpdate[] = [];
    for (const p of posts) {
      if (seen.has(p.channel)) continue;
      seen.add(p.channel);
      fresh.push({ username: p.channel, side: opts.side });
    }
    return fresh;
  };
  async function* plain(): AsyncGenerator<PostBatch> {
    for await (const posts of batches()) {
      const channels = sideChannels(posts);
      yield { posts, ...(channels ? { channels } : {}) };
    }
  }
  const big = input.size === null || input.size >= PARALLEL_MIN_BYTES;
  const parallel = opts.parallel ?? (workersAvailable() && big);
  const deriver = parallel ? new ParallelDeriver(opts.lexiconDir ?? LEXICON_DIR) : null;
  let counts: IngestCounts;
  try {
    // One transaction for the file: a bad line anywhere keeps nothing of it.
    const source = deriver ? deriveAhead(pipeline, deriver, batches(), sideChannels) : plain();
    const progress = emptyCounts();
    counts = await pipeline.ingestAll(source, (c) => opts.onProgress?.(addCounts(progress, c)));
  } finally {
    await deriver?.close();
  }
  for (const [k, v] of Object.entries(skipped)) {
    counts.skipped += v;
    counts.skippedReasons[k] = (counts.skippedReasons[k] ?? 0) + v;
  }
  counts.replacedChars += decoder.replaced;
  await store.syncTextIndex();
  return { file: input.name, format, chats, ...counts };
}

export function formatImportResult(r: FileImportResult): string {
  const reasons = Object.entries(r.skippedReasons)
    .map(([k, v]) => `${v} ${k}`)
    .join(', ');
  const what = r.chats.length > 1 ? `telegram, ${r.chats.length} chats` : r.chats.length === 1 ? `telegram, channel ${r.chats[0]!.channel}` : r.format;
  const replaced = r.replacedChars ? `; ${r.replacedChars} invalid characters replaced by U+FFFD` : '';
  return `${r.file} (${what}): ${r.new} new, ${r.updated} updated, ${r.unchanged} unchanged, ${r.skipped} skipped${reasons ? ` (${reasons})` : ''}${replaced}`;
}
