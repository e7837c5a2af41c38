// Imports files through the pipeline, one transaction per file: a bad file leaves nothing behind.
import { statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import { UserError } from '../errors.js';
import { addCounts, emptyCounts, type IngestCounts, type Pipeline } from '../pipeline.js';
import type { Store } from '../store/open-store.js';
import { ParallelDeriver, ingestPipelined, workersAvailable } from '../parallel-deriver.js';
import { LEXICON_DIR } from '../paths.js';
import { syncFts } from '../store/fts-index.js';
import type { IncomingPost } from '../types.js';
import { readJsonl } from './read-jsonl.js';
import { readTelegramExport } from './read-telegram-export.js';

export type ImportFormat = 'jsonl' | 'telegram';

export interface FileImportResult extends IngestCounts {
  file: string;
  format: ImportFormat;
}

/** Telegram exports are one JSON object; JSON Lines start each line with an object too, so look further. */
export async function sniffFormat(file: string): Promise<ImportFormat> {
  const ext = extname(file).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  let fh;
  try {
    fh = await open(file, 'r');
  } catch (err) {
    throw new UserError(`${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  try {
    const buf = Buffer.alloc(64 * 1024);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    const head = buf.subarray(0, bytesRead).toString('utf8');
    if (/"messages"\s*:\s*\[/.test(head) || /^\s*\{\s*"(name|type|id|about)"\s*:/.test(head) && !/\}\s*\n\s*\{/.test(head)) {
      return 'telegram';
    }
    return 'jsonl';
  } finally {
    await fh.close();
  }
}

/** Files above this size are derived in a worker thread while this thread writes. */
export const PARALLEL_MIN_BYTES = 2 * 1024 * 1024;

export async function importFile(
  store: Store,
  pipeline: Pipeline,
  file: string,
  opts: {
    channel?: string;
    onProgress?: (counts: IngestCounts) => void;
    /** Worker-thread derivation: true, false, or by file size (default). */
    parallel?: boolean;
    lexiconDir?: string;
  } = {},
): Promise<FileImportResult> {
  const format = await sniffFormat(file);
  const counts = emptyCounts();
  const db = store.db;
  const skipped: Record<string, number> = {};
  // Both formats become one stream of post batches; the export also reports skipped messages.
  async function* batches(): AsyncGenerator<IncomingPost[]> {
    if (format === 'jsonl') {
      for await (const batch of readJsonl(file)) yield opts.channel ? batch.map((p) => ({ ...p, channel: opts.channel! })) : batch;
    } else {
      for await (const chunk of readTelegramExport(file, opts.channel ? { channelOverride: opts.channel } : {})) {
        for (const [k, v] of Object.entries(chunk.skipped)) skipped[k] = (skipped[k] ?? 0) + v;
        yield chunk.posts;
      }
    }
  }
  const parallel = opts.parallel ?? (workersAvailable() && statSync(file).size >= PARALLEL_MIN_BYTES);
  const deriver = parallel ? new ParallelDeriver(opts.lexiconDir ?? LEXICON_DIR) : null;
  db.exec('BEGIN IMMEDIATE');
  try {
    const onBatch = (_posts: IncomingPost[], c: IngestCounts) => {
      addCounts(counts, c);
      opts.onProgress?.(counts);
    };
    if (deriver) await ingestPipelined(pipeline, deriver, batches(), onBatch);
    else for await (const posts of batches()) onBatch(posts, pipeline.ingest(posts));
    db.exec('COMMIT');
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw err;
  } finally {
    await deriver?.close();
  }
  for (const [k, v] of Object.entries(skipped)) {
    counts.skipped += v;
    counts.skippedReasons[k] = (counts.skippedReasons[k] ?? 0) + v;
  }
  syncFts(db);
  return { file, format, ...counts };
}

export function formatImportResult(r: FileImportResult): string {
  const reasons = Object.entries(r.skippedReasons)
    .map(([k, v]) => `${v} ${k}`)
    .join(', ');
  return `${r.file} (${r.format}): ${r.new} new, ${r.updated} updated, ${r.unchanged} unchanged, ${r.skipped} skipped${reasons ? ` (${reasons})` : ''}`;
}
