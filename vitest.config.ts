import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // better-sqlite3 and child processes: forks are the safe pool.
    pool: 'forks',
    // A throwaway PostgreSQL cluster for the PostgreSQL adapter's tests, when PostgreSQL is installed.
    globalSetup: ['test/helpers/pg-global-setup.ts'],
    // CI also writes a JSON report, from which .ci/run prints a plain "N passed, N failed" line.
    ...(process.env.CI ? { reporters: ['default', 'json'], outputFile: { json: '.ci/vitest-report.json' } } : {}),
  },
});
