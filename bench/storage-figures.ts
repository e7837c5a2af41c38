// Figures of the SQLite side beyond speed of queries (issue 15): the database's bytes per post and per
// table, reclassify after a one-term lexicon edit, and the scaling curve (the same figures at several
// database sizes).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { storageSize } from '../src/store/storage-size.js';
import { lexiconsWithTerm } from './lexicon-edit.js';
import { round } from './measure.js';
import type { ReclassifyChildResult } from './reclassify-child.js';

const HERE = dirname(fileURLToPath(import.meta.url));

type Value = number | string | boolean | null;

/** `db`: bytes per post and the bytes of every table and index (dbstat). */
export function dbFigure(path: string): { bytesPerPost: number; fileMb: number; freeMb: number; posts: number; tables: Record<string, number> } {
  const s = storageSize(path);
  if (s.posts === 0) throw new Error('no posts in the database');
  return {
    bytesPerPost: Math.round(s.fileBytes / s.posts),
    fileMb: round(s.fileBytes / 1048576, 1),
    freeMb: round(s.freeBytes / 1048576, 1),
    posts: s.posts,
    tables: s.tables,
  };
}

/** Runs a bench child script that prints one JSON line on stdout; its stderr goes to ours. */
export async function runChild<T>(script: string, args: string[]): Promise<T> {
  const out = await new Promise<string>((resolve, reject) => {
    const p = spawn(process.execPath, [join(HERE, script), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let buf = '';
    p.stdout.setEncoding('utf8').on('data', (d: string) => (buf += d));
    p.on('error', reject);
    p.on('close', (code) => (code === 0 ? resolve(buf) : reject(new Error(`${script} exited with ${code}`))));
  });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as T;
}

/**
 * `reclassify`: the ingested database reclassified with the shipped lexicons plus one term
 * (bench/lexicon-edit.ts), in a child process, as `framewatch reclassify` runs after a lexicon edit
 * (stored languages kept: same detector and hints). Then `redetect`: the same again with
 * `--redetect` (every language detected again, what a detector or hint change costs). Changes the
 * database (run it after the query figures).
 */
export async function reclassifyFigure(dbPath: string, lexicons: string): Promise<Record<string, Value>> {
  const edited = lexiconsWithTerm(lexicons);
  try {
    const r = await runChild<ReclassifyChildResult>('reclassify-child.js', ['--db', dbPath, '--lexicons', edited]);
    const d = await runChild<ReclassifyChildResult>('reclassify-child.js', ['--db', dbPath, '--lexicons', edited, '--redetect']);
    return {
      ...r,
      seconds: round(r.ms / 1000, 1),
      edit: 'one term added to khawarij (eng: fruit lorries)',
      redetectPostsPerSec: d.postsPerSec,
      redetectSeconds: round(d.ms / 1000, 1),
      redetectCpuPostsPerSec: d.cpuPostsPerSec,
      redetectPeakRssMb: d.peakRssMb,
    };
  } finally {
    rmSync(edited, { recursive: true, force: true });
  }
}

export type CurveRow = Record<string, Value>;

export interface CurveSteps {
  /** Ingests `posts` into a new database at `path`; gives the ingest figure. */
  ingest(posts: number, path: string): Promise<Record<string, Value>>;
  /** trend, query, fts and digest over the database at `path`, by figure name. */
  queries(path: string): Promise<Record<string, Record<string, Value>>>;
  log(msg: string): void;
}

/** `curve`: ingest rate, bytes per post and the query times at each database size. */
export async function curveFigure(sizes: readonly number[], steps: CurveSteps): Promise<CurveRow[]> {
  const rows: CurveRow[] = [];
  for (const posts of sizes) {
    const dir = mkdtempSync(join(tmpdir(), 'framewatch-curve-'));
    try {
      const path = join(dir, 'curve.sqlite');
      steps.log(`bench: curve: ${posts.toLocaleString('en-US')} posts ...`);
      const loadStart = loadavg()[0] ?? 0;
      const ingest = await steps.ingest(posts, path);
      if (!existsSync(path)) throw new Error(`curve: no database after ingesting ${posts} posts`);
      const size = dbFigure(path);
      const q = await steps.queries(path);
      const ms = (name: string): Value => q[name]?.ms ?? null;
      const row: CurveRow = {
        posts,
        ingestPostsPerSec: ingest.postsPerSec ?? null,
        ingestCpuPostsPerSec: ingest.cpuPostsPerSec ?? null,
        peakRssMb: ingest.peakRssMb ?? null,
        bytesPerPost: size.bytesPerPost,
        trendMs: ms('trend'),
        queryMs: ms('query'),
        ftsMs: ms('fts'),
        digestMs: ms('digest'),
        loadAvgStart: round(loadStart, 2),
        loadAvgEnd: round(loadavg()[0] ?? 0, 2),
      };
      steps.log(`bench: curve: ${JSON.stringify(row)}`);
      rows.push(row);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return rows;
}

/** --curve 100000,1000000: sizes in posts. */
export function parseCurve(v: string | undefined): number[] {
  const sizes = (v ?? '').split(',').map((s) => Number(s.trim()));
  if (!sizes.length || sizes.some((n) => !Number.isSafeInteger(n) || n < 1000)) throw new Error(`--curve needs sizes of at least 1000 posts, e.g. 100000,1000000; got "${v ?? ''}"`);
  return sizes;
}
