// Runs `framewatch tag` from dist/tag-bundle/ (tools/bundle-tag.ts): one classic script instead of ~25
// ES modules, compiled from a V8 code cache kept in node_modules/.cache/framewatch. About 27 ms of a
// ~175 ms start-up on this machine (docs/performance.md, "The tag command as one script").
//
// The bundle is used only when its manifest matches the files on disk: the bundle itself and every
// module and package it was built from, by size and modification time, as make does. Any other case
// (no bundle, a rebuilt or edited module, an upgraded package) returns null and main.js runs the ES
// modules, so a stale bundle never runs. The code cache is keyed by the bundle's content hash and
// Node's version, carries its own checksum, and is rewritten whenever V8 rejects it.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { CACHE_DIR, PACKAGE_ROOT } from '../paths.js';
import type { TagOptions } from './tag-args.js';
import { BUNDLE_MANIFEST, type BundleManifest } from './tag-bundle-manifest.js';

// Built-ins through require: importing node:fs as an ES module builds its whole namespace, which loads
// fs/promises, readline and streams (2-3 ms of tag's start-up).
const require = createRequire(import.meta.url);
const { mkdirSync, readFileSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync } = require('node:fs') as typeof import('node:fs');
const { createHash } = require('node:crypto') as typeof import('node:crypto');
const vm = require('node:vm') as typeof import('node:vm');

export const BUNDLE_DIR = join(PACKAGE_ROOT, 'dist', 'tag-bundle');

type TagMain = (words: readonly string[], opts: TagOptions, how: string) => Promise<number>;

/** The bundle's path when its manifest matches every file it names, else null. */
export function usableBundle(dir: string = BUNDLE_DIR): { path: string; id: string } | null {
  let manifest: BundleManifest;
  try {
    manifest = JSON.parse(readFileSync(join(dir, BUNDLE_MANIFEST), 'utf8')) as BundleManifest;
  } catch {
    return null;
  }
  if (typeof manifest !== 'object' || manifest === null) return null;
  const files = manifest.files;
  if (typeof manifest.id !== 'string' || !/^[0-9a-f]{16}$/.test(manifest.id) || !Array.isArray(files) || files.length === 0) return null;
  const dist = join(dir, '..');
  for (const f of files) {
    if (!Array.isArray(f) || typeof f[0] !== 'string') return null;
    try {
      const st = statSync(join(dist, f[0]));
      if (st.size !== f[1] || st.mtimeMs !== f[2]) return null;
    } catch {
      return null;
    }
  }
  return { path: join(dist, files[0]![0]), id: manifest.id };
}

const MAGIC = 'FWV8';
const HEAD = MAGIC.length + 32; // magic, then the payload's SHA-256

const checksum = (b: Uint8Array): Buffer => createHash('sha256').update(b).digest();

export function codeCachePath(id: string, dir: string = CACHE_DIR): string {
  return join(dir, `tag-bundle-${id}-${process.version}-${process.arch}.v8`);
}

/** The cached code, or undefined when there is none or it is not intact. */
export function readCodeCache(path: string): Buffer | undefined {
  try {
    const b = readFileSync(path);
    if (b.length <= HEAD || b.toString('latin1', 0, MAGIC.length) !== MAGIC) return undefined;
    const data = b.subarray(HEAD);
    return checksum(data).equals(b.subarray(MAGIC.length, HEAD)) ? data : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the code cache atomically and removes the caches of other bundles; failures are ignored. */
export function writeCodeCache(path: string, data: Buffer): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, Buffer.concat([Buffer.from(MAGIC, 'latin1'), checksum(data), data]));
    renameSync(tmp, path);
    const dir = dirname(path);
    const own = path.slice(dir.length + 1);
    for (const f of readdirSync(dir)) {
      if (f.startsWith('tag-bundle-') && f.endsWith('.v8') && f !== own) {
        try {
          unlinkSync(join(dir, f));
        } catch {
          // already gone
        }
      }
    }
  } catch {
    // a read-only install still works, only without the code cache
  }
}

/**
 * Runs the tag command from the bundle and returns its exit code, or null when there is no usable
 * bundle (the caller then runs the ES modules).
 */
export async function runBundledTag(words: readonly string[], opts: TagOptions, dir: string = BUNDLE_DIR, cacheDir: string = CACHE_DIR): Promise<number | null> {
  const bundle = usableBundle(dir);
  if (bundle === null) return null;
  let source: string;
  try {
    source = readFileSync(bundle.path, 'latin1'); // pure ASCII (tools/bundle-tag.ts)
  } catch {
    return null;
  }
  const cachePath = codeCachePath(bundle.id, cacheDir);
  const cached = readCodeCache(cachePath);
  // The wrapper CommonJS gives a module (on the bundle's first line, so line numbers stay).
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) { ${source}\n})`, {
    filename: bundle.path,
    ...(cached ? { cachedData: cached } : {}),
  });
  const how = `one script, code cache ${cached === undefined ? 'written' : script.cachedDataRejected ? 'rejected, rewritten' : 'used'}`;
  const module = { exports: {} as { tagMain?: TagMain } };
  (script.runInThisContext() as (...a: unknown[]) => void).call(module.exports, module.exports, createRequire(bundle.path), module, bundle.path, dirname(bundle.path));
  const tagMain = module.exports.tagMain;
  if (typeof tagMain !== 'function') return null;
  const code = await tagMain(words, opts, how);
  // After the run, so that the cache holds the functions this run compiled, not only the top level.
  if (cached === undefined || script.cachedDataRejected) writeCodeCache(cachePath, script.createCachedData());
  return code;
}
