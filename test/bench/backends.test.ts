// `npm run bench -- --json --backend sqlite,postgres`: one JSON object on stdout with the database
// figures of both backends side by side, measured over the same corpus (so the same answers).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBackends } from '../../bench/backends.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { pgTestsRun, tempPgDatabase } from '../helpers/pg-test-store.js';

type Figures = Record<string, Record<string, number | string | null>>;

describe('bench --backend', () => {
  it('takes a list of known backends', () => {
    expect(parseBackends('sqlite, postgres,sqlite')).toEqual(['sqlite', 'postgres']);
    expect(() => parseBackends('sqlite,mysql')).toThrow(/unknown backend "mysql"/);
  });

  it.runIf(pgTestsRun())('reports ingest, trend, query, fts and digest for sqlite and postgres in one JSON object', { timeout: 180_000 }, async () => {
    const pg = await tempPgDatabase();
    const bench = join(PACKAGE_ROOT, 'dist', 'bench', 'bench.js');
    const args = ['--json', '--backend', 'sqlite,postgres', '--pg', pg, '--scale', '300', '--only', 'ingest,trend,query,fts,digest'];
    const r = spawnSync(process.execPath, [bench, ...args], { encoding: 'utf8' });
    expect(r.status, r.stderr.slice(-2000)).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0]!) as { backends: Record<string, Figures>; notMeasured: Record<string, string> };
    expect(out.notMeasured).toEqual({});
    expect(Object.keys(out.backends)).toEqual(['sqlite', 'postgres']);
    const { sqlite, postgres } = out.backends as { sqlite: Figures; postgres: Figures };
    for (const b of [sqlite, postgres]) {
      expect(b.ingest).toMatchObject({ posts: 300, newPosts: 300 });
      expect(b.ingest!.postsPerSec).toBeGreaterThan(0);
      for (const f of ['trend', 'query', 'fts', 'digest']) expect(b[f]!.ms).toBeGreaterThan(0);
    }
    expect(postgres.server).toEqual({ database: '--pg URL' });
    // Same corpus, same answers: the figures measure the same work on both.
    const answers = (b: Figures) => ({ trend: b.trend!.rows, from: b.trend!.from, to: b.trend!.to, query: b.query!.rows, fts: b.fts!.rows, digest: b.digest!.chars });
    expect(answers(postgres)).toEqual(answers(sqlite));
    expect(sqlite.trend!.rows).toBeGreaterThan(0);
  });
});
