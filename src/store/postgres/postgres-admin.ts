// Server-side chores on a PostgreSQL server and raw SQL on a database, for tests, the bench and
// diagnostics: what the port deliberately does not offer. Nothing in the application uses it.
import pg from 'pg';

/** A URL naming another database on the same server. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

async function onServer<T>(adminUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

const ident = (name: string): string => {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`not a plain database name: ${name}`);
  return `"${name}"`;
};

/** Creates an empty database; returns its URL. */
export async function createDatabase(adminUrl: string, name: string): Promise<string> {
  await onServer(adminUrl, (c) => c.query(`CREATE DATABASE ${ident(name)}`));
  return withDatabase(adminUrl, name);
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await onServer(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`));
}

/** Runs SQL on a database and returns the rows (tests: what the port does not show). */
export async function querySql<T = Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  return onServer(url, async (c) => (await c.query(sql, params)).rows as T[]);
}
