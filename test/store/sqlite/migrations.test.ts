import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listMigrations, migrate, openDatabase, closeDatabase } from '../../../src/store/sqlite/open-database.js';
import { inspectSqlite } from '../../../src/store/sqlite/sqlite-inspect.js';
import { openTestStore, tempDir } from '../../helpers/temp-store.js';

describe('migrations', () => {
  it('apply to an empty database, are recorded, and are not applied twice', async () => {
    const path = join(tempDir(), 'm.sqlite');
    const store = openTestStore(path);
    const sql = inspectSqlite(store);
    const names = listMigrations().map((m) => m.name);
    expect(names[0]).toBe('001-initial.sql');
    expect(sql.column('SELECT name FROM schema_migrations ORDER BY version')).toEqual(names);
    const tables = sql.column("SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name");
    for (const t of ['channels', 'posts', 'post_frames', 'daily_post_counts', 'daily_frame_counts', 'collection_runs', 'posts_fts']) {
      expect(tables).toContain(t);
    }
    await store.close();
    const db = openDatabase(path);
    expect(migrate(db)).toEqual([]);
    closeDatabase(db);
    const again = openTestStore(path);
    expect(inspectSqlite(again).value('SELECT count(*) FROM schema_migrations')).toBe(names.length);
  });

  it('sets WAL, a busy timeout and foreign keys', () => {
    const sql = inspectSqlite(openTestStore(join(tempDir(), 'p.sqlite')));
    expect(sql.pragma('journal_mode')).toBe('wal');
    expect(sql.pragma('foreign_keys')).toBe(1);
    expect(Number(sql.pragma('busy_timeout'))).toBeGreaterThan(0);
  });

  it('refuses a file that is not a database with a clear error', async () => {
    const { writeFileSync } = await import('node:fs');
    const path = join(tempDir(), 'not-a-db.sqlite');
    writeFileSync(path, 'hello, this is text and not SQLite at all'.repeat(50));
    expect(() => openTestStore(path)).toThrow(/not a framewatch database/);
  });
});
