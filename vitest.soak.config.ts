import { defineConfig } from 'vitest/config';

// The concurrency soaks (test/soak, SQLite and PostgreSQL): slow, so outside the default `npm test`;
// `.ci/run` runs them.
export default defineConfig({
  test: {
    include: ['test/soak/**/*.soak.ts'],
    environment: 'node',
    testTimeout: 600_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The PostgreSQL soak's throwaway cluster (as in vitest.config.ts).
    globalSetup: ['test/helpers/pg-global-setup.ts'],
  },
});
