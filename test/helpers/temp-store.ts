import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { loadTagger } from '../../src/frames/load-tagger.js';
import { createPipeline, type Pipeline } from '../../src/pipeline.js';
import { openStore, type Store } from '../../src/store/open-store.js';
import type { FrameTagger } from '../../src/types.js';

export const TEST_LEXICONS = join(import.meta.dirname, '..', 'fixtures', 'lexicons');

const dirs: string[] = [];
const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

export function tempDir(prefix = 'framewatch-test-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}

export function tempStore(timezone = 'Asia/Kabul'): Store {
  const s = openStore(join(tempDir(), 'test.sqlite'), { timezone });
  stores.push(s);
  return s;
}

export function testTagger(): FrameTagger {
  return loadTagger(TEST_LEXICONS);
}

export function testPipeline(timezone = 'Asia/Kabul'): { store: Store; pipeline: Pipeline; tagger: FrameTagger } {
  const store = tempStore(timezone);
  const tagger = testTagger();
  return { store, tagger, pipeline: createPipeline({ store, tagger, timezone }) };
}

export function count(store: Store, table: string): number {
  return (store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

export function dump(store: Store, sql: string): unknown[] {
  return store.db.prepare(sql).all();
}
