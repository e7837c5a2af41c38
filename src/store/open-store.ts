// Opens the store a location names. Today every location is a SQLite file (or ':memory:'); a
// second adapter is chosen here by its location (e.g. a postgres:// URL), nowhere else.
import type { Store } from './store.js';

export interface OpenStoreOptions {
  /** TIMEZONE: the days posts are counted under; a change re-buckets the stored posts. */
  timezone?: string;
  readonly?: boolean;
}

export async function openStore(location: string, opts: OpenStoreOptions = {}): Promise<Store> {
  // Loaded on demand: `--help` and the commands that need no database never load a driver.
  const { openSqliteStore } = await import('./sqlite/sqlite-store.js');
  return openSqliteStore(location, opts);
}
