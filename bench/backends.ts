// `npm run bench -- --backend sqlite,postgres`: the database figures (ingest, trend, query, fts,
// digest) for each backend in one run, side by side under `backends` in the JSON. PostgreSQL is a
// throwaway cluster started here (as the tests do) unless --pg URL names an empty database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openStore } from '../src/store/open-store.js';
import type { FrameTagger } from '../src/types.js';
import type { Corpus } from './corpus.js';
import { runDbFigures, type DbFigure } from './db-figures.js';
import { startPgCluster, type PgCluster } from './pg-cluster.js';
import type { LexiconTerm } from './sources.js';

export const BACKENDS = ['sqlite', 'postgres'] as const;
export type Backend = (typeof BACKENDS)[number];
type Figure = Record<string, number | string | boolean | null>;

export interface BackendRun {
  backends: readonly Backend[];
  /** An empty PostgreSQL database to use instead of a throwaway cluster. */
  pgUrl: string | null;
  figures: readonly DbFigure[];
  corpus: Corpus;
  terms: readonly LexiconTerm[];
  tagger: () => FrameTagger;
  /** The ingest figure into a location (the bench's own child process). */
  ingest: (location: string) => Promise<Figure>;
  log: (msg: string) => void;
}

export function parseBackends(value: string): Backend[] {
  const names = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const n of names) if (!(BACKENDS as readonly string[]).includes(n)) throw new Error(`--backend: unknown backend "${n}" (sqlite, postgres)`);
  return [...new Set(names)] as Backend[];
}

/** Every figure of every backend; a figure that fails is left out and named in `notMeasured`. */
export async function runBackends(r: BackendRun): Promise<{ backends: Record<string, Record<string, Figure>>; notMeasured: Record<string, string> }> {
  const out: Record<string, Record<string, Figure>> = {};
  const notMeasured: Record<string, string> = {};
  for (const backend of r.backends) {
    const figures: Record<string, Figure> = {};
    out[backend] = figures;
    let cluster: PgCluster | null = null;
    let dir: string | null = null;
    try {
      let location: string;
      if (backend === 'sqlite') {
        dir = mkdtempSync(join(tmpdir(), 'framewatch-bench-'));
        location = join(dir, 'bench.sqlite');
      } else if (r.pgUrl) {
        location = r.pgUrl;
      } else {
        r.log('bench: postgres: starting a throwaway cluster ...');
        cluster = await startPgCluster();
        location = cluster.url;
      }
      const run = async (name: string, fn: () => Figure | Promise<Figure>): Promise<void> => {
        r.log(`bench: ${backend} ${name} ...`);
        const t0 = performance.now();
        try {
          figures[name] = await fn();
          r.log(`bench: ${backend} ${name} done in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${JSON.stringify(figures[name])}`);
        } catch (err) {
          notMeasured[`${backend}.${name}`] = (err as Error).message.split('\n')[0] ?? String(err);
          r.log(`bench: ${backend} ${name} NOT MEASURED: ${(err as Error).stack ?? String(err)}`);
        }
      };
      // Where the figures come from: a throwaway cluster does not sync to disk (pg-cluster.ts).
      figures.server = { database: backend === 'sqlite' ? 'file, WAL, synchronous=NORMAL' : r.pgUrl ? '--pg URL' : 'throwaway cluster, fsync=off' };
      await run('ingest', async () => {
        const f = await r.ingest(location);
        // The child measures a file's size; a server's database is not a file here.
        return backend === 'sqlite' ? f : { ...f, dbMb: null };
      });
      if (!figures.ingest) continue;
      const store = await openStore(location, { timezone: 'Asia/Kabul' });
      try {
        await runDbFigures(store, r.corpus, r.terms, r.figures, r.tagger(), run);
      } finally {
        await store.close();
      }
    } catch (err) {
      notMeasured[backend] = (err as Error).message.split('\n')[0] ?? String(err);
      r.log(`bench: ${backend} NOT MEASURED: ${(err as Error).stack ?? String(err)}`);
    } finally {
      cluster?.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    }
  }
  return { backends: out, notMeasured };
}

/** The side-by-side table of the backends' figures. */
export function backendTable(backends: Record<string, Record<string, Figure>>): string {
  const names = Object.keys(backends);
  const rows: [string, string][] = [
    ['ingest.postsPerSec', 'ingest: posts/s'],
    ['ingest.cpuPostsPerSec', 'ingest: posts per CPU-second (this process)'],
    ['trend.ms', 'trend: daily x all frames x year (ms)'],
    ['query.ms', 'query: frame + lang + month (ms)'],
    ['fts.ms', 'fts: full-text query (ms)'],
    ['digest.ms', 'digest: render one day (ms)'],
  ];
  const cell = (b: string, path: string): string => {
    const [fig, key] = path.split('.') as [string, string];
    const v = backends[b]?.[fig]?.[key];
    return typeof v === 'number' ? v.toLocaleString('en-US', { maximumFractionDigits: 2 }) : '-';
  };
  const table = [['figure', ...names], ...rows.map(([path, label]) => [label, ...names.map((b) => cell(b, path))])];
  const w = table[0]!.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
  return `${table.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join('  ')).join('\n')}\n`;
}
