// Builds dist/tag-bundle/: everything `framewatch tag` runs, in one CommonJS file, which main.js runs
// through node:vm with a V8 code cache (src/cli/tag-bundle.ts). An ES module graph of ~25 files is
// resolved, read and compiled again on every run, and Node 20 has no code cache for ES modules; one
// classic script with a code cache skips most of that (docs/performance.md, "The tag command as one
// script"). Runs after tsc (`npm run build`). The ES modules in dist/ stay what every other command
// runs, and main.js falls back to them whenever the bundle is missing or a file it was built from has
// changed since.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'esbuild';
import { BUNDLE_FILE, BUNDLE_MANIFEST, MODULE_URL_HELPER, type BundleManifest, type FileStamp } from '../src/cli/tag-bundle-manifest.js';

const DIST = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = join(DIST, 'tag-bundle');
const ENTRY = join(DIST, 'src', 'cli', 'tag-main.js');

const toPosix = (p: string): string => p.split(sep).join('/');

/**
 * Each module of ours keeps its own import.meta.url: the URL of its file in dist/, worked out at run
 * time from where the bundle is. lexicon-cache.ts hashes the compiler's modules next to its own URL,
 * so the bundle keys the compiled-lexicon cache exactly as the ES modules do.
 */
const ownModuleUrls: Plugin = {
  name: 'own-module-urls',
  setup(b) {
    b.onLoad({ filter: /\.js$/ }, (args) => {
      if (!args.path.startsWith(join(DIST, 'src') + sep)) return undefined;
      const code = readFileSync(args.path, 'utf8');
      if (!code.includes('import.meta.url')) return { contents: code, loader: 'js' };
      const rel = JSON.stringify(toPosix(relative(DIST, args.path)));
      return { contents: code.replaceAll('import.meta.url', `${MODULE_URL_HELPER}(${rel})`), loader: 'js' };
    });
  },
};

async function main(): Promise<void> {
  const { build } = await import('esbuild'); // here, so that a missing esbuild is one of the failures below
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    write: false,
    charset: 'ascii',
    metafile: true,
    logLevel: 'warning',
    plugins: [ownModuleUrls],
    // The YAML parser runs only when the compiled-lexicon cache misses (about a second of compiling
    // anyway); it ships CommonJS, so the bundle requires it from node_modules when needed.
    external: ['yaml'],
    banner: {
      js: [
        `// Built by tools/bundle-tag.ts from dist/: do not edit.`,
        `const ${MODULE_URL_HELPER} = (p) => require('node:url').pathToFileURL(require('node:path').join(__dirname, '..', p)).href;`,
      ].join('\n'),
    },
  });
  // Pure ASCII, so that main.js reads it as Latin-1 into a one-byte string (half the memory of a
  // two-byte one, and no UTF-8 decoding): esbuild escapes strings, and this escapes what it leaves,
  // the Arabic letters of a few RegExp literals (\uXXXX means the same code unit there).
  if (/\\[^\x00-\x7f]/.test(result.outputFiles[0]!.text)) throw new Error('bundle-tag: an escaped non-ASCII character in the bundle');
  const text = result.outputFiles[0]!.text.replace(/[^\x00-\x7f]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (/\bimport\.meta\b/.test(text)) throw new Error('bundle-tag: import.meta left in the bundle');
  if (/String\.raw/.test(text)) throw new Error('bundle-tag: String.raw in the bundle: escaping its text would change it');
  const code = Buffer.from(text, 'latin1');
  const inputs = Object.keys(result.metafile.inputs).map((p) => join(process.cwd(), p));
  rmSync(OUT_DIR, { recursive: true, force: true });
  mkdirSync(OUT_DIR, { recursive: true });
  const bundlePath = join(OUT_DIR, BUNDLE_FILE);
  writeFileSync(bundlePath, code);
  // A package counts by its package.json (an install rewrites it); a module of ours by its own file.
  const watched = new Set<string>();
  for (const p of inputs) {
    const m = /^(.*[\\/]node_modules[\\/](?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/.exec(p);
    watched.add(m ? join(m[1]!, 'package.json') : p);
  }
  const stamp = (p: string): FileStamp => {
    const st = statSync(p);
    return [toPosix(relative(DIST, p)), st.size, st.mtimeMs];
  };
  const manifest: BundleManifest = {
    id: createHash('sha256').update(code).digest('hex').slice(0, 16),
    files: [stamp(bundlePath), ...[...watched].sort().map(stamp)],
  };
  // The manifest is written last: a bundle without one is never run.
  writeFileSync(join(OUT_DIR, `${BUNDLE_MANIFEST}.tmp`), `${JSON.stringify(manifest)}\n`);
  renameSync(join(OUT_DIR, `${BUNDLE_MANIFEST}.tmp`), join(OUT_DIR, BUNDLE_MANIFEST));
  process.stderr.write(`bundle-tag: dist/tag-bundle/${BUNDLE_FILE} (${(code.length / 1024).toFixed(0)} KB from ${inputs.length} modules)\n`);
}

// The bundle only makes start-up faster: when it cannot be built (no esbuild binary for this platform,
// say), the build goes on without it and `framewatch tag` runs the ES modules. The tests fail on a
// missing bundle (test/cli/tag-bundle.test.ts), so CI still notices.
main().catch((err: unknown) => {
  rmSync(OUT_DIR, { recursive: true, force: true });
  process.stderr.write(`bundle-tag: not built (${(err as Error)?.message ?? String(err)}); framewatch tag runs from the ES modules\n`);
});
