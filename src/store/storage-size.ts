// Where a database's bytes go (the bench's db figure); SQLite files only.
import { isPostgresLocation } from './open-store.js';
import { sqliteStorageSize, type StorageSize } from './sqlite/storage-size.js';

export type { StorageSize };

export function storageSize(location: string): StorageSize {
  if (isPostgresLocation(location)) throw new Error('storage sizes are measured on SQLite files only');
  return sqliteStorageSize(location);
}
