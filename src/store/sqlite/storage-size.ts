// Where a SQLite database's bytes go (the bench's db figure): the file, its free pages, and each
// table and index by the pages it holds (dbstat). Diagnostics only; read-only.
import Database from 'better-sqlite3';

export interface StorageSize {
  /** Bytes of the database file (pages in use plus free pages). */
  fileBytes: number;
  freeBytes: number;
  posts: number;
  /** Table or index name -> bytes of its pages, largest first. FTS5 shows as its shadow tables (posts_fts_data, ...). */
  tables: Record<string, number>;
}

export function sqliteStorageSize(path: string): StorageSize {
  const db = new Database(path, { readonly: true });
  try {
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const pages = db.pragma('page_count', { simple: true }) as number;
    const free = db.pragma('freelist_count', { simple: true }) as number;
    const rows = db.prepare('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC, name').all() as {
      name: string;
      bytes: number;
    }[];
    return {
      fileBytes: pages * pageSize,
      freeBytes: free * pageSize,
      posts: db.prepare('SELECT count(*) FROM posts').pluck().get() as number,
      tables: Object.fromEntries(rows.map((r) => [r.name, r.bytes])),
    };
  } finally {
    db.close();
  }
}
