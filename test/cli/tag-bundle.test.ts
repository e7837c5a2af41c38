// dist/tag-bundle/ (tools/bundle-tag.ts) and its loader (src/cli/tag-bundle.ts): a bundle runs only
// while its manifest matches the files on disk, and a code cache is used only when it is intact.
// `npm test` builds the bundle first (pretest); test/cli/tag-args.test.ts checks that a plain line gives
// what the ES modules give.
import { copyFileSync, mkdirSync, readFileSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { BUNDLE_DIR, codeCachePath, readCodeCache, usableBundle, writeCodeCache } from '../../src/cli/tag-bundle.js';
import { BUNDLE_FILE, BUNDLE_MANIFEST, type BundleManifest, type FileStamp } from '../../src/cli/tag-bundle-manifest.js';
import { CACHE_DIR, PACKAGE_ROOT } from '../../src/paths.js';
import { tempDir } from '../helpers/temp-store.js';

/** A dist/ of its own: the built bundle and a copy of the manifest whose files are stamped afresh. */
function fakeDist(): { dist: string; bundleDir: string; module: string } {
  const dist = tempDir('fw-tagbundle-');
  const bundleDir = join(dist, 'tag-bundle');
  mkdirSync(join(dist, 'src'), { recursive: true });
  mkdirSync(bundleDir);
  copyFileSync(join(BUNDLE_DIR, BUNDLE_FILE), join(bundleDir, BUNDLE_FILE));
  const module = join(dist, 'src', 'some-module.js');
  writeFileSync(module, 'export const x = 1;\n');
  const stamp = (rel: string): FileStamp => {
    const st = statSync(join(dist, rel));
    return [rel, st.size, st.mtimeMs];
  };
  const real = JSON.parse(readFileSync(join(BUNDLE_DIR, BUNDLE_MANIFEST), 'utf8')) as BundleManifest;
  const manifest: BundleManifest = { id: real.id, files: [stamp(`tag-bundle/${BUNDLE_FILE}`), stamp('src/some-module.js')] };
  writeFileSync(join(bundleDir, BUNDLE_MANIFEST), JSON.stringify(manifest));
  return { dist, bundleDir, module };
}

describe('the built bundle', () => {
  it('is up to date with dist/ after the build, and names its modules and packages', () => {
    const bundle = usableBundle();
    expect(bundle).not.toBeNull();
    expect(bundle!.path).toBe(join(PACKAGE_ROOT, 'dist', 'tag-bundle', BUNDLE_FILE));
    const manifest = JSON.parse(readFileSync(join(BUNDLE_DIR, BUNDLE_MANIFEST), 'utf8')) as BundleManifest;
    const names = manifest.files.map((f) => f[0]);
    expect(names).toContain('src/frames/tag.js');
    expect(names).toContain('src/cli/commands/tag-run.js');
    expect(names).toContain('../node_modules/natural/package.json');
    expect(names).not.toContain('../node_modules/franc/package.json'); // required when a text needs it
  });

  it('is ASCII, keeps each module its own import.meta.url, and leaves the YAML parser and franc to require', () => {
    const code = readFileSync(join(BUNDLE_DIR, BUNDLE_FILE));
    expect(code.every((b) => b < 0x80)).toBe(true);
    const text = code.toString('latin1');
    expect(text).not.toMatch(/\bimport\.meta\b/);
    expect(text).toContain('__framewatchModuleUrl("src/frames/lexicon-cache.js")');
    expect(text).toMatch(/require\("yaml"\)/);
    expect(text).toContain('loadModule("franc")');
  });
});

describe('usableBundle: the manifest must match the files', () => {
  it('accepts a manifest that matches', () => {
    const { bundleDir } = fakeDist();
    expect(usableBundle(bundleDir)?.path).toBe(join(bundleDir, BUNDLE_FILE));
  });

  it('refuses a module rebuilt since (another time), edited (another size) or gone', () => {
    const a = fakeDist();
    const st = statSync(a.module);
    utimesSync(a.module, st.atime, new Date(st.mtimeMs + 5000));
    expect(usableBundle(a.bundleDir)).toBeNull();

    const b = fakeDist();
    const mtime = statSync(b.module).mtime;
    writeFileSync(b.module, 'export const x = 22;\n');
    utimesSync(b.module, mtime, mtime); // same time, another size
    expect(usableBundle(b.bundleDir)).toBeNull();

    const c = fakeDist();
    writeFileSync(join(c.dist, 'src', 'other.js'), '');
    const m = JSON.parse(readFileSync(join(c.bundleDir, BUNDLE_MANIFEST), 'utf8')) as BundleManifest;
    m.files.push(['src/gone.js', 1, 1]);
    writeFileSync(join(c.bundleDir, BUNDLE_MANIFEST), JSON.stringify(m));
    expect(usableBundle(c.bundleDir)).toBeNull();
  });

  it('refuses an edited bundle, a missing or unreadable manifest, and a malformed one', () => {
    const a = fakeDist();
    writeFileSync(join(a.bundleDir, BUNDLE_FILE), readFileSync(join(a.bundleDir, BUNDLE_FILE), 'latin1') + '\n', 'latin1');
    expect(usableBundle(a.bundleDir)).toBeNull();

    const b = fakeDist();
    for (const bad of ['', '{', 'null', '{"id":"x","files":[]}', '{"id":"0123456789abcdef","files":[]}', '{"id":"0123456789abcdef","files":[[1,2,3]]}']) {
      writeFileSync(join(b.bundleDir, BUNDLE_MANIFEST), bad);
      expect(usableBundle(b.bundleDir)).toBeNull();
    }
    expect(usableBundle(join(b.dist, 'nowhere'))).toBeNull();
  });
});

describe('the code cache', () => {
  it('reads back what was written, and nothing that was altered', () => {
    const dir = tempDir('fw-codecache-');
    const path = codeCachePath('0123456789abcdef', dir);
    const data = Buffer.from('bytes of a V8 code cache, for the test');
    writeCodeCache(path, data);
    expect(readCodeCache(path)).toEqual(data);
    const file = readFileSync(path);
    file[file.length - 1]! ^= 1; // one bit of the payload
    writeFileSync(path, file);
    expect(readCodeCache(path)).toBeUndefined();
    writeFileSync(path, Buffer.concat([Buffer.from('XXXX'), file.subarray(4)]));
    expect(readCodeCache(path)).toBeUndefined();
    writeFileSync(path, file.subarray(0, 20));
    expect(readCodeCache(path)).toBeUndefined();
    expect(readCodeCache(join(dir, 'none.v8'))).toBeUndefined();
  });

  it('is keyed by the bundle and Node, and a new one removes the other bundles\' caches only', () => {
    const dir = tempDir('fw-codecache-');
    expect(codeCachePath('aaaaaaaaaaaaaaaa', dir)).toContain(`-${process.version}-${process.arch}.v8`);
    writeCodeCache(codeCachePath('aaaaaaaaaaaaaaaa', dir), Buffer.from('old'));
    writeFileSync(join(dir, 'lexicon-0123-4567.cache'), 'a compiled lexicon');
    writeCodeCache(codeCachePath('bbbbbbbbbbbbbbbb', dir), Buffer.from('new'));
    expect(readdirSync(dir).sort()).toEqual(['lexicon-0123-4567.cache', codeCachePath('bbbbbbbbbbbbbbbb', dir).slice(dir.length + 1)]);
  });

  it('lives beside the compiled lexicons', () => {
    expect(codeCachePath('0123456789abcdef').startsWith(CACHE_DIR)).toBe(true);
  });
});

describe('runBundledTag', () => {
  // Each run is a fresh process (V8 keeps compiled scripts in memory, so a second run in one process
  // would not read the code cache at all), with a code cache directory of its own.
  const LOADER = pathToFileURL(join(PACKAGE_ROOT, 'dist', 'src', 'cli', 'tag-bundle.js')).href;
  function run(words: string[], opts: Record<string, unknown>, cacheDir: string, bundleDir = BUNDLE_DIR): { code: number | null; out: string; err: string } {
    const script = `import { runBundledTag } from ${JSON.stringify(LOADER)};
const code = await runBundledTag(${JSON.stringify(words)}, ${JSON.stringify(opts)}, ${JSON.stringify(bundleDir)}, ${JSON.stringify(cacheDir)});
process.stdout.write('exit=' + code + '\\n');`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    expect(r.status).toBe(0);
    const m = /exit=(\w+)\n$/.exec(r.stdout);
    expect(m).not.toBeNull();
    return { code: m![1] === 'null' ? null : Number(m![1]), out: r.stdout.slice(0, m!.index), err: r.stderr };
  }
  const how = (err: string): string | undefined => /\((one script, [^)]*)\)/.exec(err)?.[1];

  it('writes a code cache, then uses it, and gives the same tags each time', () => {
    const cacheDir = tempDir('fw-codecache-');
    const words = ['د', 'طالبانو', 'مرتد', 'رژیم', 'د', 'امریکا', 'غلام', 'دی'];
    const first = run(words, { lang: 'pus', json: true, timing: true }, cacheDir);
    expect(first.code).toBe(0);
    expect(how(first.err)).toBe('one script, code cache written');
    expect(readdirSync(cacheDir)).toHaveLength(1);
    const second = run(words, { lang: 'pus', json: true, timing: true }, cacheDir);
    expect(how(second.err)).toBe('one script, code cache used');
    expect(second.out).toBe(first.out);
    const tags = JSON.parse(first.out) as { result: { frames: { frame: string }[] } };
    expect(tags.result.frames.length).toBeGreaterThan(0);
  });

  it('rewrites a cache that V8 rejects or that is damaged, and still tags', () => {
    const cacheDir = tempDir('fw-codecache-');
    const words = ['الخوارج', 'كلاب', 'النار'];
    const clean = run(words, { lang: 'arb', json: true, timing: true }, cacheDir);
    const [file] = readdirSync(cacheDir);
    const path = join(cacheDir, file!);
    // A code cache of another script: intact, so V8 itself must refuse it.
    const other = new Script('(function () { return 42; })').createCachedData();
    writeCodeCache(path, other);
    const rejected = run(words, { lang: 'arb', json: true, timing: true }, cacheDir);
    expect(how(rejected.err)).toBe('one script, code cache rejected, rewritten');
    expect(rejected.out).toBe(clean.out);
    expect(readCodeCache(path)?.equals(other)).toBe(false);
    // A damaged one: the checksum refuses it before V8 sees it.
    const bytes = readFileSync(path);
    bytes[bytes.length >> 1]! ^= 0xff;
    writeFileSync(path, bytes);
    const damaged = run(words, { lang: 'arb', json: true, timing: true }, cacheDir);
    expect(how(damaged.err)).toBe('one script, code cache written');
    expect(damaged.out).toBe(clean.out);
    expect(readCodeCache(path)).toBeDefined();
    expect(how(run(words, { lang: 'arb', json: true, timing: true }, cacheDir).err)).toBe('one script, code cache used');
  });

  it('returns null, running nothing, when there is no usable bundle', () => {
    const cacheDir = tempDir('fw-codecache-');
    const { bundleDir, module } = fakeDist();
    // As made, it runs (and fails: a copy outside the project finds no lexicons).
    expect(run(['text'], { lang: 'eng', json: true }, cacheDir, bundleDir).code).not.toBeNull();
    writeFileSync(module, 'export const x = 333;\n');
    const stale = run(['text'], { lang: 'eng', json: true }, cacheDir, bundleDir);
    expect(stale).toEqual({ code: null, out: '', err: '' });
  });
});
