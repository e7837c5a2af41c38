// The compiled-lexicon cache: parsing ~10,000 YAML entries and compiling them takes about a second;
// reading the compiled form back takes a few tens of milliseconds.
//
// A cache file is used only when both its keys match: the lexicon version (a content hash of every
// lexicon file) and the compiler's fingerprint (a hash of the compiler's own code), so neither an
// edited lexicon nor a new framewatch ever reads a stale cache. Files live in
// node_modules/.cache/framewatch (the usual place for tool caches); when that is not writable the
// cache is simply not used.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKAGE_ROOT } from '../paths.js';
import { SNAPSHOT_FORMAT, type CompiledSnapshot } from './compile.js';

export const CACHE_DIR = join(PACKAGE_ROOT, 'node_modules', '.cache', 'framewatch');

/** Modules whose code decides what the compiler produces (their .js in dist/, .ts under a test runner). */
const COMPILER_MODULES = ['compile', 'pattern', 'parse-lexicons', 'lexicon-types', 'flags', 'stem', '../language/tokenize', '../language/normalize'];

let fingerprint: string | null = null;

/** Hash of the compiler's source files: a changed compiler never reads an older compiler's output. */
export function compilerFingerprint(): string {
  if (fingerprint !== null) return fingerprint;
  const h = createHash('sha256').update(String(SNAPSHOT_FORMAT));
  for (const m of COMPILER_MODULES) {
    for (const ext of ['.js', '.ts']) {
      try {
        h.update(readFileSync(fileURLToPath(new URL(`./${m}${ext}`, import.meta.url))));
        break;
      } catch {
        // not this extension
      }
    }
  }
  fingerprint = h.digest('hex').slice(0, 12);
  return fingerprint;
}

export interface CachedLexicon {
  snapshot: CompiledSnapshot;
  warnings: string[];
}

function cachePath(version: string, dir: string): string {
  return join(dir, `lexicon-${version}-${compilerFingerprint()}.json`);
}

/** The cached compiled lexicon of this version, or null (missing, unreadable or from another compiler). */
export function readCachedLexicon(version: string, dir = CACHE_DIR): CachedLexicon | null {
  try {
    const data = JSON.parse(readFileSync(cachePath(version, dir), 'utf8')) as CachedLexicon;
    return data.snapshot?.version === version && data.snapshot.format === SNAPSHOT_FORMAT ? data : null;
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
    writeFileSync(tmp, JSON.stringify(entry));
    renameSync(tmp, path);
    pruneCache(dir);
  } catch {
    // a read-only install still works, only without the cache
  }
}

/** Removes all but the CACHE_KEEP most recently written cache files (another process may race: ignored). */
function pruneCache(dir: string): void {
  const files = readdirSync(dir)
    .filter((f) => f.startsWith('lexicon-') && f.endsWith('.json'))
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
