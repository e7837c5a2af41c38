// Soak on PostgreSQL: the same 2 writers and 3 readers (soak-run.ts) on one PostgreSQL database for
// PG_SOAK_SECONDS (default 60), on the throwaway cluster of vitest's globalSetup. Every command must
// succeed (no deadlock, no serialization failure), and the aggregates are exact afterwards.
import { describe, expect, it } from 'vitest';
import { openTestPgStore, pgTestsRun, tempPgDatabase } from '../helpers/pg-test-store.js';
import { runSoak } from './soak-run.js';

const SECONDS = Number(process.env.PG_SOAK_SECONDS ?? 60);

describe.runIf(pgTestsRun())('concurrency soak on PostgreSQL', () => {
  it(`2 writers and 3 readers for ${SECONDS} s: no command fails, aggregates exact`, async () => {
    const db = await tempPgDatabase();
    await runSoak(db, SECONDS, 'postgres');
    const store = await openTestPgStore(db, { timezone: 'Asia/Kabul' });
    expect(await store.aggregateDrift()).toEqual([]);
    expect((await store.sizes()).posts).toBeGreaterThan(0);
  });
});
