// The SQLite connection under the adapter: pragmas, migrations (db/migrations/*.sql), settings.
// The only module that imports the driver.
import Database from 'better-sqlite3';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UserError } from '../../errors.js';
import { MIGRATIONS_DIR } from '../../paths.js';
import { registerFtsFunctions } from './fts-index.js';
import { rebucketDays } from './rebucket-days.js';

export type Db = Database.Database;

export interface OpenDatabaseOptions {
  /** Time zone for the `day` column; a change re-buckets stored posts. */
  timezone?: string;
  readonly?: boolean;
  migrationsDir?: string;
  /** Sees the SQL of every statement prepared from now on (tests: which tables an operation reads). */
  trace?: (sql: string) => void;
}

interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d+-[\w-]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.split('-')[0]), name: f, sql: readFileSync(join(dir, f), 'utf8') }));
}

/** Applies pending migrations, each in its own transaction, and records them. Returns the names applied. */
export function migrate(db: Db, dir = MIGRATIONS_DIR): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const done = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version),
  );
  const applied: string[] = [];
  for (const m of listMigrations(dir)) {
    if (done.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)').run(
        m.version,
        m.name,
        new Date().toISOString(),
      );
    })();
    applied.push(m.name);
  }
  return applied;
}

export function getSetting(db: Db, key: string): string | undefined {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

export function setSetting(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
    key,
    value,
  );
}

/**
 * How long a statement waits for another process's write lock before failing with "database is
 * locked". Collection, imports and queries run side by side; an import holds the lock for a file.
 */
export const BUSY_TIMEOUT_MS = 30_000;

/**
 * Makes `db.transaction(fn)` begin IMMEDIATE (`.deferred` etc. stay available). A deferred
 * transaction that reads before it writes cannot wait for the write lock: SQLite fails its
 * upgrade at once with SQLITE_BUSY, busy timeout or not. Taking the lock at BEGIN waits instead.
 */
function immediateTransactions(db: Db): void {
  const plain = db.transaction.bind(db);
  db.transaction = ((fn: Parameters<Db['transaction']>[0]) => plain(fn).immediate) as Db['transaction'];
}

/** Opens (creating and migrating) a database file, or ':memory:'. The caller closes it with closeDatabase. */
export function openDatabase(path: string, opts: OpenDatabaseOptions = {}): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  let db: Db;
  try {
    // The timeout applies from the first statement on (journal_mode may need a lock too).
    db = new Database(path, { readonly: opts.readonly ?? false, timeout: BUSY_TIMEOUT_MS });
  } catch (err) {
    throw new UserError(`cannot open database ${path}: ${(err as Error).message}`, { cause: err });
  }
  immediateTransactions(db);
  registerFtsFunctions(db);
  try {
    if (!opts.readonly) db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    if (!opts.readonly) migrate(db, opts.migrationsDir);
    if (opts.timezone && !opts.readonly) {
      const stored = getSetting(db, 'timezone');
      if (stored !== opts.timezone) {
        if (stored !== undefined) rebucketDays(db, opts.timezone);
        setSetting(db, 'timezone', opts.timezone);
      }
    }
  } catch (err) {
    db.close();
    if (err instanceof UserError) throw err;
    const msg = (err as Error).message;
    if (/file is not a database|malformed/i.test(msg)) {
      throw new UserError(`${path} is not a framewatch database (${msg})`, { cause: err });
    }
    throw err;
  }
  if (opts.trace) traced(db, opts.trace);
  return db;
}

export function closeDatabase(db: Db): void {
  if (!db.open) return;
  // Keeps the planner's statistics fresh (cheap: bounded analysis, only where it is worth it).
  // Only when the write lock is free now: a reader never waits for a writer to close.
  if (!db.readonly) {
    try {
      db.pragma('busy_timeout = 0');
      db.pragma('analysis_limit = 400');
      db.pragma('optimize');
    } catch {
      // statistics are an optimisation; closing matters more
    }
  }
  db.close();
}

function traced(db: Db, trace: (sql: string) => void): void {
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    trace(sql);
    return prepare(sql);
  }) as Db['prepare'];
}
