// The arrows point down: cli → (report, collect, import, bot, schedule, pipeline) → store, frames,
// language → util, types. The database driver and SQL live in src/store/ only; src/store/ never
// reaches up, and nothing outside it sees an adapter's internals (src/store/sqlite/) but its tests.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');
const DRIVERS = ['better-sqlite3', 'pg', 'postgres'];

function files(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'fixtures' ? [] : files(rel);
    return /\.(ts|js|mjs|cjs)$/.test(e.name) ? [rel] : [];
  });
}

/** Every module a source text imports: import/export ... from, import(), require(). */
export function specifiers(source: string): string[] {
  const out: string[] = [];
  const re = /\b(?:from|import|require)\s*\(?\s*(['"])([^'"\n]+)\1/g;
  for (let m = re.exec(source); m; m = re.exec(source)) out.push(m[2]!);
  return out;
}

/** The driver a specifier names ('pg/lib/client' is pg), or null. */
export function driverOf(spec: string): string | null {
  const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
  return DRIVERS.includes(pkg) ? pkg : null;
}

/** A relative specifier as a path from the repository root (posix separators). */
function target(file: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  return relative(ROOT, resolve(ROOT, dirname(file), spec)).split(sep).join('/');
}

const ALL = [...files('src'), ...files('bench'), ...files('test')].map((f) => f.split(sep).join('/'));
const inStore = (f: string) => f.startsWith('src/store/');
const imports = (f: string) => specifiers(readFileSync(join(ROOT, f), 'utf8'));

describe('layers', () => {
  it('the import scanner sees every form of import', () => {
    // Built from parts, so that this file itself imports no driver as far as the scan can tell.
    const [sqlite, pg, postgres] = DRIVERS;
    const src = `import Database from '${sqlite}';
      import type { Pool } from "${pg}";
      export * from '${postgres}';
      const m = await import('${pg}/lib/client');
      const r = require("${sqlite}");
      import { x } from './store/store.js';`;
    expect(specifiers(src).map(driverOf)).toEqual(['better-sqlite3', 'pg', 'postgres', 'pg', 'better-sqlite3', null]);
    expect(driverOf('pgx')).toBeNull();
    expect(driverOf('postgres-array')).toBeNull();
  });

  it('scans the whole tree', () => {
    expect(ALL).toContain('src/store/sqlite/open-database.ts');
    expect(ALL).toContain('test/store/layers.test.ts');
    expect(ALL.length).toBeGreaterThan(150);
  });

  it('no file outside src/store/ imports a database driver (better-sqlite3, pg, postgres)', () => {
    const offenders = ALL.filter((f) => !inStore(f)).flatMap((f) => imports(f).filter(driverOf).map((s) => `${f}: ${s}`));
    expect(offenders).toEqual([]);
    // ... while the adapter does, so the scan is looking at the right thing.
    expect(imports('src/store/sqlite/open-database.ts')).toContain('better-sqlite3');
  });

  it('src/store/ imports nothing above it (report, cli, collect, import, bot, schedule, pipeline ...)', () => {
    const below = ['src/store/', 'src/util/', 'src/language/', 'src/types.ts', 'src/errors.ts', 'src/paths.ts'];
    const offenders = ALL.filter(inStore).flatMap((f) =>
      imports(f)
        .map((s) => target(f, s))
        .filter((t): t is string => t !== null && !below.some((b) => t.startsWith(b.replace(/\.ts$/, ''))))
        .map((t) => `${f} → ${t}`),
    );
    expect(offenders).toEqual([]);
  });

  it('outside src/store/, the application sees the port, never an adapter', () => {
    const app = ALL.filter((f) => (f.startsWith('src/') || f.startsWith('bench/')) && !inStore(f));
    const offenders = app.flatMap((f) =>
      imports(f)
        .map((s) => target(f, s))
        .filter((t): t is string => t !== null && t.startsWith('src/store/sqlite/'))
        .map((t) => `${f} → ${t}`),
    );
    expect(offenders).toEqual([]);
  });

  it('no SQL outside src/store/', () => {
    const sql = /\b(SELECT\s[\s\S]{0,300}?\sFROM|INSERT\s+INTO|DELETE\s+FROM|UPDATE\s+\w+\s+SET|CREATE\s+(TABLE|INDEX|TRIGGER))\b/;
    const app = ALL.filter((f) => (f.startsWith('src/') || f.startsWith('bench/')) && !inStore(f));
    expect(app.filter((f) => sql.test(readFileSync(join(ROOT, f), 'utf8')))).toEqual([]);
  });

  it('time buckets are in util/, digest ranking and example picking in report/', () => {
    expect(ALL).toContain('src/util/time-buckets.ts');
    expect(ALL.filter((f) => /^src\/store\/.*(digest|report|trend|bucket)/.test(f) && !f.startsWith('src/store/sqlite/'))).toEqual([]);
    expect(ALL).toContain('src/report/load-digest.ts');
    expect(ALL).toContain('src/report/report-data.ts');
  });
});
