// vitest globalSetup: one throwaway PostgreSQL cluster for the whole run, when PostgreSQL is
// installed (or FRAMEWATCH_TEST_PG names a server to use instead). Tests read its URL with
// pgServer() (test/helpers/pg-test-store.ts); each test gets its own database on it.
import type { TestProject } from 'vitest/node';
import { pgBinDir, startPgCluster, type PgCluster } from '../../bench/pg-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of the test server, or '' when there is none (why in pgMissing). */
    pgUrl: string;
    pgMissing: string;
  }
}

let cluster: PgCluster | null = null;

export async function setup(project: TestProject): Promise<void> {
  const given = process.env.FRAMEWATCH_TEST_PG?.trim();
  if (given) {
    project.provide('pgUrl', given);
    project.provide('pgMissing', '');
    return;
  }
  if (!pgBinDir()) {
    project.provide('pgUrl', '');
    project.provide('pgMissing', 'PostgreSQL is not installed (apt-get install -y postgresql)');
    return;
  }
  cluster = await startPgCluster();
  project.provide('pgUrl', cluster.url);
  project.provide('pgMissing', '');
}

export function teardown(): void {
  cluster?.stop();
  cluster = null;
}
