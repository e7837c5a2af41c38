// The PostgreSQL connection under the adapter: the pool, type parsing, transactions that retry on
// serialization failures and deadlocks, versioned migrations (db/migrations/postgres/*.sql).
// The only module besides the inspector that imports the driver.
import pg from 'pg';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../../errors.js';
import { MIGRATIONS_DIR } from '../../paths.js';

export type Pool = pg.Pool;
export type Client = pg.PoolClient;
/** A pool or a client inside a transaction: what a query needs. */
export type Queryable = pg.Pool | pg.PoolClient;

export const PG_MIGRATIONS_DIR = join(MIGRATIONS_DIR, 'postgres');

// 64-bit integers (ids, counts, sums) come back as numbers: every value framewatch stores is far
// below 2^53. numeric (sum of bigint) likewise.
const INT8 = 20;
const NUMERIC = 1700;
const toNumber = (v: string): number => Number(v);
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8 || oid === NUMERIC) return toNumber;
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/** Whether a location names a PostgreSQL database. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** The URL without its password (and without a password= parameter), for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '';
    for (const k of [...u.searchParams.keys()]) if (/pass/i.test(k)) u.searchParams.delete(k);
    return u.toString().replace(/:@/, '@');
  } catch {
    return 'postgres://(unreadable URL)';
  }
}

export function createPool(url: string, max = 4): Pool {
  const pool = new pg.Pool({ connectionString: url, max, types, application_name: 'framewatch', idleTimeoutMillis: 10_000 });
  // An idle client that loses its server (restart) must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  return pool;
}

export async function rows<T>(q: Queryable, sql: string, params: unknown[] = []): Promise<T[]> {
  return (await q.query(sql, params)).rows as T[];
}

export async function one<T>(q: Queryable, sql: string, params: unknown[] = []): Promise<T | undefined> {
  return (await q.query(sql, params)).rows[0] as T | undefined;
}

/** The first column of the first row. */
export async function value<T>(q: Queryable, sql: string, params: unknown[] = []): Promise<T | undefined> {
  const r = await q.query({ text: sql, values: params, rowMode: 'array' });
  return (r.rows[0] as unknown[] | undefined)?.[0] as T | undefined;
}

export async function run(q: Queryable, sql: string, params: unknown[] = []): Promise<number> {
  return (await q.query(sql, params)).rowCount ?? 0;
}

const RETRYABLE = new Set(['40001', '40P01']); // serialization failure, deadlock detected

export function pgCode(err: unknown): string | undefined {
  const c = (err as { code?: unknown }).code;
  return typeof c === 'string' ? c : undefined;
}

/**
 * Runs `fn` in a transaction on one client. A serialization failure or a deadlock rolls back and
 * runs `fn` again (it must not have effects outside the database), a few times.
 */
export async function transaction<T>(
  pool: Pool,
  fn: (c: Client) => Promise<T>,
  opts: { isolation?: 'read committed' | 'repeatable read'; readOnly?: boolean; retries?: number } = {},
): Promise<T> {
  const retries = opts.retries ?? 5;
  for (let attempt = 0; ; attempt++) {
    const client = await pool.connect();
    try {
      await client.query(`BEGIN ISOLATION LEVEL ${(opts.isolation ?? 'read committed').toUpperCase()}${opts.readOnly ? ' READ ONLY' : ''}`);
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      if (attempt < retries && RETRYABLE.has(pgCode(err) ?? '')) {
        await new Promise((r) => setTimeout(r, 20 * (attempt + 1) + Math.random() * 50));
        continue;
      }
      throw err;
    } finally {
      client.release();
    }
  }
}

interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function listPgMigrations(dir = PG_MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d+-[\w-]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.split('-')[0]), name: f, sql: readFileSync(join(dir, f), 'utf8') }));
}

// One key for every framewatch database: collectors starting at once migrate one after the other.
const MIGRATION_LOCK = 0x66776d67; // "fwmg"

/** Applies pending migrations, each in its own transaction, recorded in schema_migrations. Returns the names applied. */
export async function migratePg(pool: Pool, dir = PG_MIGRATIONS_DIR): Promise<string[]> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
    const done = new Set((await rows<{ version: number }>(client, 'SELECT version FROM schema_migrations')).map((r) => r.version));
    const applied: string[] = [];
    for (const m of listPgMigrations(dir)) {
      if (done.has(m.version)) continue;
      try {
        await client.query('BEGIN');
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations(version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, new Date().toISOString()]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw new UserError(`migration ${m.name} failed: ${(err as Error).message}`, { cause: err });
      }
      applied.push(m.name);
    }
    return applied;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    client.release();
  }
}

export async function getSettingPg(q: Queryable, key: string): Promise<string | undefined> {
  return value<string>(q, 'SELECT value FROM settings WHERE key = $1', [key]);
}

export async function setSettingPg(q: Queryable, key: string, val: string): Promise<void> {
  await q.query('INSERT INTO settings(key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value', [key, val]);
}
