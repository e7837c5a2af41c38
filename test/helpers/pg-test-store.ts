// PostgreSQL stores for tests: a fresh database per store on the run's server (pg-global-setup.ts),
// dropped after the test. Without a server the tests skip locally and fail in CI (CI set).
import { randomBytes } from 'node:crypto';
import { afterEach, inject } from 'vitest';
import { createDatabase, dropDatabase } from '../../src/store/postgres/postgres-admin.js';
import { openPostgresStore, type PostgresStore, type PostgresStoreOptions } from '../../src/store/postgres/postgres-store.js';

/** The server's superuser URL, or null (then `pgMissing()` says why). */
export function pgServer(): string | null {
  return inject('pgUrl') || null;
}

export function pgMissing(): string {
  return inject('pgMissing');
}

/** Whether PostgreSQL tests run here: a server, or CI (where a missing server must fail them). */
export function pgTestsRun(): boolean {
  return pgServer() !== null || Boolean(process.env.CI);
}

const databases: string[] = [];
const stores: PostgresStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
  const admin = pgServer();
  if (admin) for (const d of databases.splice(0)) await dropDatabase(admin, d);
});

/** A new empty database on the test server; returns its URL (dropped after the test). */
export async function tempPgDatabase(): Promise<string> {
  const admin = pgServer();
  if (!admin) throw new Error(`no PostgreSQL for this test: ${pgMissing()}`);
  const name = `fw_test_${randomBytes(6).toString('hex')}`;
  databases.push(name);
  return createDatabase(admin, name);
}

/** Opens a store on `url`, closed after the test. */
export async function openTestPgStore(url: string, opts: PostgresStoreOptions = {}): Promise<PostgresStore> {
  const s = await openPostgresStore(url, opts);
  stores.push(s);
  return s;
}
