import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { loadTagger } from '../../src/frames/load-tagger.js';
import { createPipeline, type Pipeline } from '../../src/pipeline.js';
import { inspectSqlite } from '../../src/store/sqlite/sqlite-inspect.js';
import { openSqliteStore, type SqliteStore, type SqliteStoreOptions } from '../../src/store/sqlite/sqlite-store.js';
import type { FrameTagger } from '../../src/types.js';

export const TEST_LEXICONS = join(import.meta.dirname, '..', 'fixtures', 'lexicons');

const dirs: string[] = [];
const stores: SqliteStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

export function tempDir(prefix = 'framewatch-test-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}

/** A SQLite store in a temporary file, closed and removed after the test. */
export function tempStore(timezone = 'Asia/Kabul'): SqliteStore {
  return openTestStore(join(tempDir(), 'test.sqlite'), { timezone });
}

/** Opens a SQLite store that is closed after the test. */
export function openTestStore(path: string, opts: SqliteStoreOptions = {}): SqliteStore {
  const s = openSqliteStore(path, opts);
  stores.push(s);
  return s;
}

export function testTagger(): FrameTagger {
  return loadTagger(TEST_LEXICONS);
}

export function testPipeline(timezone = 'Asia/Kabul'): { store: SqliteStore; pipeline: Pipeline; tagger: FrameTagger } {
  const store = tempStore(timezone);
  const tagger = testTagger();
  return { store, tagger, pipeline: createPipeline({ store, tagger }) };
}

/** Rows of a table in a SQLite store (what the port does not show: raw columns, triggers' work). */
export function count(store: SqliteStore, table: string): number {
  return inspectSqlite(store).value<number>(`SELECT count(*) FROM ${table}`) ?? 0;
}

export function dump(store: SqliteStore, sql: string, ...params: unknown[]): unknown[] {
  return inspectSqlite(store).all(sql, ...params);
}
