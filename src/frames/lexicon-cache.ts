// The compiled-lexicon cache: parsing ~10,000 YAML entries and compiling them takes about a second;
// reading the compiled form back takes a few milliseconds.
//
// File format (JSON lines): line 1 holds everything but the patterns (frames, concepts, lookup tables,
// warnings, the pattern count); then one line per pattern. Patterns are ~90 % of the file, and a short
// command touches a few hundred of ~12,000, so they stay undecoded bytes until a word needs one.
//
// A cache file is used only when both its keys match: the lexicon version (a content hash of every
// lexicon file) and the compiler's fingerprint (a hash of the compiler's own code), so neither an
// edited lexicon nor a new framewatch ever reads a stale cache. Files live in
// node_modules/.cache/framewatch (the usual place for tool caches); when that is not writable the
// cache is simply not used.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../paths.js';
import { hashModuleSources } from '../util/module-sources.js';
import { SNAPSHOT_FORMAT, type CompiledSnapshot, type PatternSource, type SnapshotPattern } from './compile.js';

export const CACHE_DIR = join(PACKAGE_ROOT, 'node_modules', '.cache', 'framewatch');

/** Modules whose code decides what the compiler produces (their .js in dist/, .ts under a test runner). */
const COMPILER_MODULES = ['compile', 'pattern', 'parse-lexicons', 'lexicon-types', 'flags', 'stem', '../language/tokenize', '../language/normalize'];

let fingerprint: string | null = null;

/** Hash of the compiler's source files: a changed compiler never reads an older compiler's output. */
export function compilerFingerprint(): string {
  if (fingerprint !== null) return fingerprint;
  const h = hashModuleSources(createHash('sha256').update(String(SNAPSHOT_FORMAT)), import.meta.url, COMPILER_MODULES);
  fingerprint = h.digest('hex').slice(0, 12);
  return fingerprint;
}

export interface CachedLexicon {
  snapshot: CompiledSnapshot;
  warnings: string[];
}

/** A cache hit: the snapshot without its patterns, which `patterns` decodes one by one on demand. */
export interface CacheHit extends CachedLexicon {
  patterns: PatternSource;
}

interface CacheHeader {
  snapshot: CompiledSnapshot;
  warnings: string[];
  patternCount: number;
}

function cachePath(version: string, dir: string): string {
  return join(dir, `lexicon-${version}-${compilerFingerprint()}.jsonl`);
}

const NL = 0x0a;

/** The cached compiled lexicon of this version, or null (missing, unreadable, cut short or from another compiler). */
export function readCachedLexicon(version: string, dir = CACHE_DIR): CacheHit | null {
  try {
    const buf = readFileSync(cachePath(version, dir));
    const headerEnd = buf.indexOf(NL);
    if (headerEnd < 0) return null;
    const header = JSON.parse(buf.toString('utf8', 0, headerEnd)) as CacheHeader;
    const { snapshot, warnings, patternCount } = header;
    if (snapshot?.version !== version || snapshot.format !== SNAPSHOT_FORMAT || !Number.isInteger(patternCount)) return null;
    // Line starts of the patterns (one native scan); a file with another count of lines is not used.
    const starts = new Int32Array(patternCount + 1);
    let at = headerEnd + 1;
    for (let i = 0; i < patternCount; i++) {
      starts[i] = at;
      const nl = buf.indexOf(NL, at);
      if (nl < 0) return null;
      at = nl + 1;
    }
    starts[patternCount] = at;
    if (at !== buf.length) return null;
    const patterns: PatternSource = {
      length: patternCount,
      get: (id) => JSON.parse(buf.toString('utf8', starts[id]!, starts[id + 1]! - 1)) as SnapshotPattern,
    };
    return { snapshot, warnings, patterns };
  } catch {
    return null;
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
    const { patterns, ...rest } = entry.snapshot;
    const header: CacheHeader = { snapshot: { ...rest, patterns: [] }, warnings: entry.warnings, patternCount: patterns.length };
    // JSON.stringify never writes a raw line break, so each pattern is exactly one line.
    writeFileSync(tmp, `${[JSON.stringify(header), ...patterns.map((p) => JSON.stringify(p))].join('\n')}\n`);
    renameSync(tmp, path);
    pruneCache(dir);
  } catch {
    // a read-only install still works, only without the cache
  }
}

/** Removes all but the CACHE_KEEP most recently written cache files (another process may race: ignored). */
function pruneCache(dir: string): void {
  const files = readdirSync(dir)
    .filter((f) => f.startsWith('lexicon-') && (f.endsWith('.jsonl') || f.endsWith('.json')))
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
