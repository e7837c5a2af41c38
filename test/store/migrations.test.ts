import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listMigrations, migrate, openStore } from '../../src/store/open-store.js';
import { tempDir } from '../helpers/temp-store.js';

describe('migrations', () => {
  it('apply to an empty database, are recorded, and are not applied twice', () => {
    const path = join(tempDir(), 'm.sqlite');
    const store = openStore(path);
    const names = listMigrations().map((m) => m.name);
    expect(names[0]).toBe('001-initial.sql');
    const recorded = store.db.prepare('SELECT name FROM schema_migrations ORDER BY version').pluck().all();
    expect(recorded).toEqual(names);
    const tables = store.db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name").pluck().all();
    for (const t of ['channels', 'posts', 'post_frames', 'daily_post_counts', 'daily_frame_counts', 'collection_runs', 'posts_fts']) {
      expect(tables).toContain(t);
    }
    expect(migrate(store.db)).toEqual([]);
    store.close();
    const again = openStore(path);
    expect(again.db.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(names.length);
    again.close();
  });

  it('sets WAL, a busy timeout and foreign keys', () => {
    const store = openStore(join(tempDir(), 'p.sqlite'));
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(Number(store.db.pragma('busy_timeout', { simple: true }))).toBeGreaterThan(0);
    store.close();
  });

  it('refuses a file that is not a database with a clear error', async () => {
    const { writeFileSync } = await import('node:fs');
    const path = join(tempDir(), 'not-a-db.sqlite');
    writeFileSync(path, 'hello, this is text and not SQLite at all'.repeat(50));
    expect(() => openStore(path)).toThrow(/not a framewatch database/);
  });
});
