// Soak on SQLite in WAL mode: 2 writers and 3 readers, real CLI processes, side by side on one
// database for SOAK_SECONDS (default 120); see soak-run.ts. Every command must succeed: no "database
// is locked", no channel marked failing. Run with `npm run test:soak` (vitest.soak.config.ts); not
// part of the default `npm test`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inspectSqlite } from '../../src/store/sqlite/sqlite-inspect.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { runSoak } from './soak-run.js';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 120);

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('concurrency soak', () => {
  it(`2 writers and 3 readers for ${SECONDS} s: no command fails`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'framewatch-soak-'));
    dirs.push(dir);
    const db = join(dir, 'soak.sqlite');
    await runSoak(db, SECONDS, 'sqlite');

    // Afterwards the store is whole: aggregates exact, and every post searchable.
    const store = openSqliteStore(db);
    try {
      expect(await store.aggregateDrift()).toEqual([]);
      expect(await store.pendingTextIndex()).toBe(0);
      // The full-text index covers every post, each exactly once (integrity-check compares the
      // index with the posts table and throws on any difference).
      const sql = inspectSqlite(store);
      const max = sql.value('SELECT max(id) FROM posts');
      expect(Number(await store.getSetting('fts_indexed_upto'))).toBe(max);
      sql.run("INSERT INTO posts_fts(posts_fts, rank) VALUES ('integrity-check', 1)");
    } finally {
      await store.close();
    }
  });
});
