import { defineConfig } from 'vitest/config';

// The concurrency soak (test/soak): slow, so outside the default `npm test`; `.ci/run` runs it.
export default defineConfig({
  test: {
    include: ['test/soak/**/*.soak.ts'],
    environment: 'node',
    testTimeout: 600_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
