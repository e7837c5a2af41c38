// The compiled-lexicon cache: parsing ~10,000 YAML entries and compiling them takes about a second;
// reading the compiled form back takes a few milliseconds.
//
// File format:
//   line 1   `framewatch-lexicon-cache <format> <bytes of line 2> <bytes of the arrays>`
//   line 2   JSON: everything but the patterns (frames, concepts, packed lookup tables, warnings) and
//            the pattern count; each Int32Array (the tables' arrays, where each pattern's line
//            starts) is a [byte offset, length] reference into the arrays
//   arrays   the Int32Arrays as raw bytes, in the machine's byte order (part of the cache key)
//   then     one JSON line per pattern
// Patterns are ~85 % of the file, and `framewatch tag` touches a few hundred of ~12,000: it reads them
// from the file one by one when a word first needs them (after 512, the rest at once). On this host
// every megabyte a process reads or allocates at start-up costs 4–5 ms in page faults, so it reads line
// 2 and the arrays (~370 KB), not the 2 MB file. Everything else (pipeline workers, reclassify, the bot)
// reads the whole file at once and keeps no file open: a worker thread that ends never runs the
// finalizer that would close it.
//
// A cache file is used only when both its keys match: the lexicon version (a content hash of every
// lexicon file) and the compiler's fingerprint (a hash of the compiler's own code), so neither an
// edited lexicon nor a new framewatch ever reads a stale cache. Files live in
// node_modules/.cache/framewatch (the usual place for tool caches); when that is not writable the
// cache is simply not used.
import { createHash } from 'node:crypto';
import {
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { CACHE_DIR } from '../paths.js';
import { hashModuleSources } from '../util/module-sources.js';
import { SNAPSHOT_FORMAT, type CompiledSnapshot, type PatternSource, type SnapshotPattern } from './compile.js';
import { PACKED_ARRAYS, type PackedTableData } from './packed-index.js';

export { CACHE_DIR };

/** Modules whose code decides what the compiler produces (their .js in dist/, .ts under a test runner). */
const COMPILER_MODULES = ['compile', 'packed-index', '../util/fnv1a', 'pattern', 'parse-lexicons', 'lexicon-types', 'flags', 'stem', '../language/tokenize', '../language/normalize'];

let fingerprint: string | null = null;

/** The machine's byte order: the packed tables' Int32Arrays are stored in it. */
const BYTE_ORDER = new Uint8Array(Int32Array.of(1).buffer)[0] === 1 ? 'le' : 'be';

/**
 * Hash of the compiler's source files (and the byte order): a changed compiler never reads an older
 * compiler's output, nor a machine a cache copied from one of the other byte order.
 */
export function compilerFingerprint(): string {
  if (fingerprint !== null) return fingerprint;
  const h = hashModuleSources(createHash('sha256').update(`${SNAPSHOT_FORMAT} ${BYTE_ORDER}`), import.meta.url, COMPILER_MODULES);
  fingerprint = h.digest('hex').slice(0, 12);
  return fingerprint;
}

export interface CachedLexicon {
  snapshot: CompiledSnapshot;
  warnings: string[];
}

/** A cache hit: the snapshot without its patterns, which `patterns` reads one by one on demand. */
export interface CacheHit extends CachedLexicon {
  patterns: PatternSource;
}

/** An Int32Array in the file's arrays: its byte offset there and its length. */
type ArrayRef = [byteOffset: number, length: number];

interface CacheHeader {
  /** The snapshot without its patterns; in the file, the packed tables' arrays are ArrayRefs. */
  snapshot: CompiledSnapshot;
  warnings: string[];
  patternCount: number;
  /** Where each pattern's line starts in the pattern block, and where the block ends. */
  offsets: ArrayRef;
}

const TABLES = ['exact', 'stems', 'prefix3', 'prefix2', 'suffix2'] as const;

/** The header to write: every Int32Array of the snapshot's tables moved to `arrays`, a reference left in its place. */
function detachArrays(entry: CachedLexicon, offsets: Int32Array): { header: CacheHeader; arrays: Int32Array[] } {
  const arrays: Int32Array[] = [];
  let at = 0;
  const ref = (a: Int32Array): ArrayRef => {
    arrays.push(a);
    const r: ArrayRef = [at, a.length];
    at += a.byteLength;
    return r;
  };
  const index = { ...entry.snapshot.index };
  for (const t of TABLES) {
    const table: Record<string, unknown> = { ...index[t] };
    for (const f of PACKED_ARRAYS) table[f] = ref(index[t][f]);
    index[t] = table as unknown as PackedTableData;
  }
  const snapshot = { ...entry.snapshot, index, patterns: [] };
  return { header: { snapshot, warnings: entry.warnings, patternCount: entry.snapshot.patterns.length, offsets: ref(offsets) }, arrays };
}

/** Views of `buf` in place of the header's array references (throws on a reference outside it). */
function attachArrays(header: CacheHeader, buf: Buffer): Int32Array {
  const view = (r: unknown): Int32Array => {
    const [o, n] = Array.isArray(r) ? (r as number[]) : [];
    if (!Number.isInteger(o) || !Number.isInteger(n) || o! < 0 || n! < 0 || o! % 4 !== 0 || o! + 4 * n! > buf.length) {
      throw new Error('cache: an array outside the file');
    }
    return new Int32Array(buf.buffer, buf.byteOffset + o!, n!);
  };
  for (const t of TABLES) {
    const table = header.snapshot.index[t] as unknown as Record<string, unknown>;
    for (const f of PACKED_ARRAYS) table[f] = view(table[f]);
  }
  return view(header.offsets);
}

const MAGIC = 'framewatch-lexicon-cache';

function cachePath(version: string, dir: string): string {
  return join(dir, `lexicon-${version}-${compilerFingerprint()}.cache`);
}

/** Patterns read one by one before the rest of the block is read at once (a long-running process). */
const READ_ONE_BY_ONE = 512;

/** Closes a cache file left open by a pattern source that is no longer used. */
const openFiles = new FinalizationRegistry<{ fd: number | null }>((held) => {
  if (held.fd !== null) closeSync(held.fd);
});

/** `slow`: a buffer of its own (never a slice of the shared pool), so Int32Array views are aligned. */
function readExactly(fd: number, length: number, position: number, slow = false): Buffer {
  const buf = slow ? Buffer.allocUnsafeSlow(length) : Buffer.allocUnsafe(length);
  let got = 0;
  while (got < length) {
    const n = readSync(fd, buf, got, length - got, position + got);
    if (n === 0) throw new Error('cache file ended early');
    got += n;
  }
  return buf;
}

/**
 * Pattern `id` of the block: read from the file until READ_ONE_BY_ONE patterns were asked for, or
 * (`onDemand` false) from the whole block, read now.
 */
function patternReader(fd: number, base: number, offsets: Int32Array, onDemand: boolean): PatternSource {
  const held: { fd: number | null } = { fd };
  let block: Buffer | null = null;
  let reads = 0;
  const source: PatternSource = {
    length: offsets.length - 1,
    get: (id) => {
      if (!(id >= 0 && id < offsets.length - 1)) throw new RangeError(`cache: no pattern ${id}`);
      const start = offsets[id]!;
      const end = offsets[id + 1]! - 1; // without the line's newline
      if (block === null && ++reads > READ_ONE_BY_ONE) {
        block = readExactly(held.fd!, offsets[offsets.length - 1]!, base);
        closeSync(held.fd!);
        held.fd = null;
        openFiles.unregister(held);
      }
      const text = block !== null ? block.toString('utf8', start, end) : readExactly(held.fd!, end - start, base + start).toString('utf8');
      return JSON.parse(text) as SnapshotPattern;
    },
  };
  if (onDemand) {
    openFiles.register(source, held, held);
  } else {
    block = readExactly(fd, offsets[offsets.length - 1]!, base);
    closeSync(fd);
    held.fd = null;
  }
  return source;
}

/**
 * The cached compiled lexicon of this version, or null (missing, unreadable, cut short or from another
 * compiler). `patterns: 'on-demand'` keeps the file open and reads patterns as they are needed: for a
 * short-lived process only (see the top of this file).
 */
export function readCachedLexicon(version: string, dir = CACHE_DIR, patterns: 'all' | 'on-demand' = 'all'): CacheHit | null {
  let fd: number;
  try {
    fd = openSync(cachePath(version, dir), 'r');
  } catch {
    return null;
  }
  let keepOpen = false;
  try {
    const size = fstatSync(fd).size;
    const first = readExactly(fd, Math.min(size, 64), 0);
    const lineEnd = first.indexOf(0x0a);
    if (lineEnd < 0) return null;
    const [magic, format, hBytes, aBytes] = first.toString('latin1', 0, lineEnd).split(' ');
    const headerBytes = Number(hBytes);
    const arrayBytes = Number(aBytes);
    if (magic !== MAGIC || format !== String(SNAPSHOT_FORMAT) || !(Number.isInteger(headerBytes) && headerBytes > 0 && Number.isInteger(arrayBytes) && arrayBytes >= 0)) {
      return null;
    }
    const base = lineEnd + 1 + headerBytes + arrayBytes;
    if (base > size) return null;
    const header = JSON.parse(readExactly(fd, headerBytes, lineEnd + 1).toString('utf8')) as CacheHeader;
    const { snapshot, warnings, patternCount } = header;
    if (snapshot?.version !== version || snapshot.format !== SNAPSHOT_FORMAT || !Number.isInteger(patternCount)) return null;
    const offsets = attachArrays(header, readExactly(fd, arrayBytes, lineEnd + 1 + headerBytes, true));
    // A file cut short or grown (another count of bytes than its own table says) is not used.
    if (offsets.length !== patternCount + 1 || offsets[0] !== 0 || base + offsets[patternCount]! !== size) return null;
    const source = patternReader(fd, base, offsets, patterns === 'on-demand');
    keepOpen = true; // the reader owns the file now (and has closed it unless on demand)
    return { snapshot, warnings, patterns: source };
  } catch {
    return null;
  } finally {
    if (!keepOpen) closeSync(fd);
  }
}

/** Compiled lexicons kept: every lexicon edit writes a new ~2 MB file, so older ones are removed. */
export const CACHE_KEEP = 8;

/** Writes the cache file atomically (a partly written file is never read); failures are ignored. */
export function writeCachedLexicon(entry: CachedLexicon, dir = CACHE_DIR): void {
  try {
    mkdirSync(dir, { recursive: true });
    const path = cachePath(entry.snapshot.version, dir);
    const tmp = `${path}.${process.pid}.tmp`;
    const { patterns } = entry.snapshot;
    // JSON.stringify never writes a raw line break, so each pattern is exactly one line.
    const lines = patterns.map((p) => Buffer.from(`${JSON.stringify(p)}\n`));
    const offsets = new Int32Array(lines.length + 1);
    lines.forEach((l, i) => (offsets[i + 1] = offsets[i]! + l.length));
    const { header, arrays } = detachArrays(entry, offsets);
    const headerLine = Buffer.from(`${JSON.stringify(header)}\n`);
    const raw = arrays.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength));
    const arrayBytes = raw.reduce((n, b) => n + b.length, 0);
    writeFileSync(tmp, Buffer.concat([Buffer.from(`${MAGIC} ${SNAPSHOT_FORMAT} ${headerLine.length} ${arrayBytes}\n`), headerLine, ...raw, ...lines]));
    renameSync(tmp, path);
    pruneCache(dir);
  } catch {
    // a read-only install still works, only without the cache
  }
}

/** Removes all but the CACHE_KEEP most recently written cache files (another process may race: ignored). */
function pruneCache(dir: string): void {
  const files = readdirSync(dir)
    .filter((f) => f.startsWith('lexicon-') && (f.endsWith('.cache') || f.endsWith('.jsonl') || f.endsWith('.json'))) // and the older formats' files
    .map((f) => {
      try {
        return { f, t: statSync(join(dir, f)).mtimeMs };
      } catch {
        return { f, t: Infinity }; // just removed by someone else
      }
    })
    .sort((a, b) => b.t - a.t);
  for (const { f } of files.slice(CACHE_KEEP)) {
    try {
      unlinkSync(join(dir, f));
    } catch {
      // already gone
    }
  }
}
