// Opening a PostgreSQL database: reachability in one line, migrations, and the time zone the days are
// in (a change re-dates every stored post and recounts the aggregates, as SQLite's open does).
import { UserError } from '../../errors.js';
import { dayInZone } from '../../util/day-in-zone.js';
import { rebuildAggregates } from './aggregate-queries.js';
import { getSettingPg, migratePg, pgCode, rows, setSettingPg, transaction, type Pool } from './connection.js';

const REDATE_LOCK = 0x66777a64; // "fwzd"
const BATCH = 5000;

/** Migrates and settles the zone; returns the zone posts are counted in. */
export async function openPgDatabase(pool: Pool, shown: string, opts: { timezone?: string; readonly?: boolean }): Promise<string> {
  try {
    await pool.query('SELECT 1');
  } catch (err) {
    const code = pgCode(err) ?? (err as NodeJS.ErrnoException).code ?? '';
    throw new UserError(`cannot open database ${shown}: ${(err as Error).message}${code ? ` (${code})` : ''}`, { cause: err });
  }
  if (opts.readonly) return opts.timezone ?? (await getSettingPg(pool, 'timezone')) ?? 'UTC';
  await migratePg(pool);
  const stored = await getSettingPg(pool, 'timezone');
  if (!opts.timezone || stored === opts.timezone) return stored ?? opts.timezone ?? 'UTC';
  await transaction(pool, async (c) => {
    await c.query('SELECT pg_advisory_xact_lock($1)', [REDATE_LOCK]);
    const now = await getSettingPg(c, 'timezone'); // another process may have done it meanwhile
    if (now !== opts.timezone) {
      if (now !== undefined) await redate(c, opts.timezone!);
      await setSettingPg(c, 'timezone', opts.timezone!);
    }
  });
  return opts.timezone;
}

async function redate(c: import('./connection.js').Client, timezone: string): Promise<void> {
  let after = 0;
  let changed = 0;
  for (;;) {
    const page = await rows<{ id: number; posted_at: string; day: string }>(c, 'SELECT id, posted_at, day FROM posts WHERE id > $1 ORDER BY id LIMIT $2', [after, BATCH]);
    if (!page.length) break;
    const moved = page.map((r) => ({ id: r.id, day: dayInZone(r.posted_at, timezone) })).filter((r, i) => r.day !== page[i]!.day);
    if (moved.length) {
      await c.query('UPDATE posts p SET day = m.day FROM unnest($1::bigint[], $2::text[]) AS m(id, day) WHERE p.id = m.id', [
        moved.map((m) => m.id),
        moved.map((m) => m.day),
      ]);
      changed += moved.length;
    }
    after = page[page.length - 1]!.id;
  }
  if (changed) await rebuildAggregates(c);
}
