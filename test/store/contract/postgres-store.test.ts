// The storage contract against the PostgreSQL adapter (a database per store, dropped after each test).
// Runs on the throwaway cluster of test/helpers/pg-global-setup.ts; skipped only outside CI when
// PostgreSQL is not installed.
import { describe, it } from 'vitest';
import { openTestPgStore, pgMissing, pgTestsRun, tempPgDatabase } from '../../helpers/pg-test-store.js';
import { defineStoreContract } from './store-contract.js';

if (pgTestsRun()) {
  defineStoreContract('postgres', {
    create: async ({ timezone }) => openTestPgStore(await tempPgDatabase(), { timezone }),
    reopen: async (store, { timezone }) => openTestPgStore(store.location, { timezone }),
  });
} else {
  describe.skip(`store contract: postgres (${pgMissing()})`, () => it('needs PostgreSQL'));
}
