// Opens the store a location names: a postgres:// (or postgresql://) URL is a PostgreSQL database,
// anything else a SQLite file (or ':memory:'). The adapter is chosen here, nowhere else.
import type { Store } from './store.js';

export interface OpenStoreOptions {
  /** TIMEZONE: the days posts are counted under; a change re-buckets the stored posts. */
  timezone?: string;
  readonly?: boolean;
}

/** Whether a location names a PostgreSQL database rather than a SQLite file. */
export function isPostgresLocation(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

export async function openStore(location: string, opts: OpenStoreOptions = {}): Promise<Store> {
  // Loaded on demand: `--help` and the commands that need no database never load a driver.
  if (isPostgresLocation(location)) {
    const { openPostgresStore } = await import('./postgres/postgres-store.js');
    return openPostgresStore(location, opts);
  }
  const { openSqliteStore } = await import('./sqlite/sqlite-store.js');
  return openSqliteStore(location, opts);
}
