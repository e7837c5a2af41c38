// Raw SQL on a SQLite store or file, for the adapter's tests and for diagnostics: what the port
// deliberately does not offer (schema, pragmas, triggers, the FTS index). Nothing in the application
// uses it.
import Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import { connectionOf, type SqliteStore } from './sqlite-store.js';

export type SqlValue = string | number | bigint | null | Buffer;

export interface SqlInspector {
  all<T = Record<string, SqlValue>>(sql: string, ...params: unknown[]): T[];
  get<T = Record<string, SqlValue>>(sql: string, ...params: unknown[]): T | undefined;
  /** The first column of the first row. */
  value<T = SqlValue>(sql: string, ...params: unknown[]): T | undefined;
  /** The first column of every row. */
  column<T = SqlValue>(sql: string, ...params: unknown[]): T[];
  run(sql: string, ...params: unknown[]): { changes: number };
  exec(sql: string): void;
  pragma(name: string): unknown;
  /** Closes a connection opened on a file; a store's own connection stays open. */
  close(): void;
}

/** Inspects a store's own connection, or opens a file (read-only unless asked). */
export function inspectSqlite(target: SqliteStore | string, opts: { readonly?: boolean } = {}): SqlInspector {
  const own = typeof target !== 'string';
  const db = own ? connectionOf(target) : new Database(target, { readonly: opts.readonly ?? true });
  return {
    all: <T>(sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as T[],
    get: <T>(sql: string, ...params: unknown[]) => db.prepare(sql).get(...params) as T | undefined,
    value: <T>(sql: string, ...params: unknown[]) => db.prepare(sql).pluck().get(...params) as T | undefined,
    column: <T>(sql: string, ...params: unknown[]) => db.prepare(sql).pluck().all(...params) as T[],
    run: (sql: string, ...params: unknown[]) => ({ changes: db.prepare(sql).run(...params).changes }),
    exec: (sql: string) => void db.exec(sql),
    pragma: (name: string) => db.pragma(name, { simple: true }),
    close: () => {
      if (!own) db.close();
    },
  };
}

/** Where the driver lives, for a worker thread that must open its own connection (lock tests). */
export function sqliteDriverPath(): string {
  return createRequire(import.meta.url).resolve('better-sqlite3');
}
