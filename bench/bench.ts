// framewatch benchmarks (issue 8): `npm run bench [-- --json] [--seed N] [--scale N]`.
// Generates a deterministic synthetic corpus and measures tag, detect, ingest, trend, query, fts, digest,
// parse and startup. A table goes to stdout (or, with --json, exactly one JSON object); progress to stderr.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { franc } from 'franc';
import { parseChannelPage } from '../src/collect/parse-channel-page.js';
import { loadTagger } from '../src/frames/load-tagger.js';
import { loadNaiveTagger, naiveTag } from '../src/frames/naive-tagger.js';
import { loadBaselines } from './baselines.js';
import { backendTable, parseBackends, runBackends, type Backend } from './backends.js';
import { detectLanguage } from '../src/language/detect.js';
import { DEMO_DIR, LEXICON_DIR, PACKAGE_ROOT } from '../src/paths.js';
import { openStore } from '../src/store/open-store.js';
import { channelPageHtml } from './channel-page.js';
import { createCorpus, type BenchPost, type Corpus } from './corpus.js';
import { runDbFigures } from './db-figures.js';
import { curveFigure, dbFigure, parseCurve, reclassifyFigure, type CurveRow } from './storage-figures.js';
import type { IngestResult } from './ingest-child.js';
import { median, round, throughput } from './measure.js';
import { loadFragments, loadLexiconTerms, termPools, type LexiconTerm } from './sources.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const FIGURES = ['startup', 'parse', 'detect', 'tag', 'ingest', 'trend', 'query', 'fts', 'digest', 'db', 'reclassify'] as const;
type FigureName = (typeof FIGURES)[number];

interface Args {
  json: boolean;
  seed: number;
  scale: number;
  /** Posts for the tag and detect figures. */
  sample: number;
  only: Set<FigureName>;
  /** Reuse this database for trend/query/fts/digest (skips ingest unless asked for). */
  db: string | null;
  keepDb: boolean;
  lexicons: string;
  /** --backend: ingest and the database figures on each of these, side by side (backends.ts). */
  backends: Backend[] | null;
  pg: string | null;
  /** --curve: ingest + db + query figures again at each of these sizes (storage-figures.ts). */
  curve: number[] | null;
}

const USAGE = `usage: npm run bench -- [--json] [--seed N] [--scale N] [--sample N] [--only a,b] [--db FILE] [--keep-db] [--lexicons DIR]
  --json      print exactly one JSON object on stdout (progress on stderr)
  --seed N    corpus seed (default 42)
  --scale N   posts to ingest (default 1000000); trend/query/fts/digest run over that database
  --sample N  posts for the tag and detect figures (default 10000)
  --only L    comma-separated subset of: ${FIGURES.join(', ')}
  --db FILE   measure trend/query/fts/digest over an existing database instead of ingesting
  --keep-db   keep the temporary database and print its path
  --lexicons DIR  lexicon directory (default: the project's lexicons/)
  --backend L  ingest, trend, query, fts and digest on each backend of L (sqlite,postgres), side by side
  --pg URL    with --backend postgres: an empty PostgreSQL database (default: a throwaway local cluster)
  --curve L   also ingest L posts each (e.g. 100000,1000000,3000000) into new databases: ingest rate, bytes/post, trend/query/fts/digest ms
`;

function parseArgs(argv: string[]): Args {
  const a: Args = { json: false, seed: 42, scale: 1_000_000, sample: 10_000, only: new Set(FIGURES), db: null, keepDb: false, lexicons: LEXICON_DIR, backends: null, pg: null, curve: null };
  const int = (flag: string, v: string | undefined, min: number): number => {
    const n = Number(v);
    if (!Number.isSafeInteger(n) || n < min) throw new Error(`${flag} needs an integer >= ${min}, got "${v ?? ''}"`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const f = argv[i]!;
    switch (f) {
      case '--json':
        a.json = true;
        break;
      case '--seed':
        a.seed = int(f, argv[++i], 0);
        break;
      case '--scale':
        a.scale = int(f, argv[++i], 1);
        break;
      case '--sample':
        a.sample = int(f, argv[++i], 20);
        break;
      case '--only': {
        const names = (argv[++i] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
        for (const n of names) if (!(FIGURES as readonly string[]).includes(n)) throw new Error(`--only: unknown figure "${n}"`);
        a.only = new Set(names as FigureName[]);
        break;
      }
      case '--db':
        a.db = argv[++i] ?? null;
        if (!a.db) throw new Error('--db needs a file');
        break;
      case '--lexicons':
        a.lexicons = argv[++i] ?? '';
        if (!a.lexicons) throw new Error('--lexicons needs a directory');
        break;
      case '--backend':
        a.backends = parseBackends(argv[++i] ?? '');
        break;
      case '--pg':
        a.pg = argv[++i] ?? null;
        if (!a.pg) throw new Error('--pg needs a postgres:// URL');
        break;
      case '--curve':
        a.curve = parseCurve(argv[++i]);
        break;
      case '--keep-db':
        a.keepDb = true;
        break;
      case '-h':
      case '--help':
        process.stdout.write(USAGE);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option "${f}"\n${USAGE}`);
    }
  }
  return a;
}

const log = (msg: string): void => void process.stderr.write(`${msg}\n`);
const fmt = (n: number): string => n.toLocaleString('en-US', { maximumFractionDigits: n >= 100 ? 0 : 2 });

type Figure = Record<string, number | string | boolean | null>;

// ---- figures -------------------------------------------------------------------------------------

function startupFigure(): Figure {
  const main = join(PACKAGE_ROOT, 'dist', 'src', 'cli', 'main.js');
  if (!existsSync(main)) throw new Error(`${main} not built`);
  const once = (): number => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [main, '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const ms = performance.now() - t0;
    if (r.status !== 0) throw new Error(`framewatch --help exited ${r.status}: ${r.stderr.toString().slice(0, 200)}`);
    return ms;
  };
  once(); // warm the file cache
  const times = Array.from({ length: 7 }, once);
  // `framewatch tag --timing`: when the first text was tagged, in ms since its process started (the
  // compiled-lexicon cache is warm after the first run). Node's own start-up on this machine is
  // reported beside it: no code of framewatch runs before that.
  const tagOnce = (): number => {
    const r = spawnSync(process.execPath, [main, 'tag', '--timing', '--lang', 'eng', 'The Taliban are servants of America'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const m = /tagged at ([\d.]+) ms/.exec(r.stderr.toString());
    if (r.status !== 0 || !m) throw new Error(`framewatch tag --timing: exit ${r.status}: ${r.stderr.toString().slice(0, 200)}`);
    return Number(m[1]);
  };
  tagOnce();
  const tagTimes = Array.from({ length: 7 }, tagOnce);
  const nodeOnce = (): number => Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(performance.now()))']).stdout.toString());
  const nodeTimes = Array.from({ length: 7 }, nodeOnce);
  return {
    ms: round(median(times), 1),
    minMs: round(Math.min(...times), 1),
    runs: times.length,
    tagMs: round(median(tagTimes), 1),
    tagMinMs: round(Math.min(...tagTimes), 1),
    nodeBootMs: round(median(nodeTimes), 1),
  };
}

function parseFigure(posts: readonly BenchPost[]): Figure {
  // Ten distinct pages of 20 posts, each from one channel with consecutive ids, like a real fetch.
  const pages: string[] = [];
  for (let p = 0; p < 10; p++) {
    const chunk = posts.slice(p * 20, p * 20 + 20).map((x, i) => ({ ...x, channel: 'bench_ch_007', messageId: 5000 + p * 20 + i }));
    pages.push(channelPageHtml('bench_ch_007', chunk, p + 1));
  }
  const parsed = parseChannelPage(pages[0]!);
  if (parsed.posts.length !== 20) throw new Error(`parser found ${parsed.posts.length} posts on a 20-post page`);
  const r = throughput(pages, (html) => parseChannelPage(html).posts.length, { warmup: 10, minMs: 2000 });
  const bytes = pages.reduce((a, h) => a + Buffer.byteLength(h), 0) / pages.length;
  return {
    msPerPage: round(1000 / r.perSec, 3),
    cpuMsPerPage: round(1000 / r.cpuPerSec, 3),
    pageKb: round(bytes / 1024, 1),
    pagesParsed: r.passes * pages.length,
  };
}

function detectFigure(posts: readonly BenchPost[]): Figure {
  const texts = posts.map((p) => p.text);
  let agree = 0;
  for (const p of posts) if (detectLanguage(p.text).lang === p.lang) agree++;
  const ours = throughput(texts, (t) => detectLanguage(t).lang, { minMs: 2000 });
  const fr = throughput(texts, (t) => franc(t), { minMs: 2000 });
  return {
    postsPerSec: Math.round(ours.perSec),
    francPostsPerSec: Math.round(fr.perSec),
    ratio: round(ours.perSec / fr.perSec, 2),
    cpuPostsPerSec: Math.round(ours.cpuPerSec),
    francCpuPostsPerSec: Math.round(fr.cpuPerSec),
    posts: posts.length,
    /** Share of posts detected as the language they were generated in (a corpus sanity check). */
    agreement: round(agree / posts.length, 3),
  };
}

/** The naive baseline is ~1000x slower: it gets this many posts, and the ratio compares both taggers on exactly those. */
const BASELINE_POSTS = 200;

function tagFigure(posts: readonly BenchPost[], lexicons: string): Figure {
  const tagger = loadTagger(lexicons);
  const items = posts.map((p) => ({ text: p.text, lang: p.lang }));
  let tagged = 0;
  for (const it of items) if (tagger.tag(it.text, it.lang).frames.length) tagged++;
  const real = throughput(items, (it) => tagger.tag(it.text, it.lang).frames.length, { minMs: 2000 });

  // The project's naive baseline (src/frames/naive-tagger.ts): one Unicode-boundary RegExp per term.
  // One full pass first, so V8 has compiled every RegExp to native code before the timed pass.
  const naive = loadNaiveTagger(lexicons);
  const naiveTerms = naive.frames.reduce((a, f) => a + f.terms.length, 0);
  const subset = items.slice(0, BASELINE_POSTS);
  let naiveTagged = 0;
  for (const it of subset) if (naiveTag(naive, it.text, it.lang).frames.length) naiveTagged++;
  const base = throughput(subset, (it) => naiveTag(naive, it.text, it.lang).frames.length, { warmup: 0, minMs: 0 });
  const realOnSubset = throughput(subset, (it) => tagger.tag(it.text, it.lang).frames.length, { minMs: 1000 });

  // Baselines that a careful developer writes without a compiler, on the same posts in the same run.
  const baselines = loadBaselines(lexicons);
  const alternation = throughput(items, (it) => baselines.alternation(it.text), { minMs: 2000 });
  const aho = throughput(items, (it) => baselines.ahoCorasick(it.text), { minMs: 2000 });
  return {
    postsPerSec: Math.round(real.perSec),
    alternationPostsPerSec: Math.round(alternation.perSec),
    ahoCorasickPostsPerSec: Math.round(aho.perSec),
    acRatio: round(real.perSec / aho.perSec, 2),
    alternationRatio: round(real.perSec / alternation.perSec, 2),
    baselinePostsPerSec: round(base.perSec, 1),
    ratio: round(realOnSubset.perSec / base.perSec, 1),
    cpuPostsPerSec: Math.round(real.cpuPerSec),
    baselineCpuPostsPerSec: round(base.cpuPerSec, 1),
    posts: items.length,
    baselinePosts: subset.length,
    terms: naiveTerms,
    frames: tagger.frames().length,
    taggedShare: round(tagged / items.length, 3),
    baselineTaggedShare: round(naiveTagged / subset.length, 3),
  };
}

async function ingestFigure(args: Args, dbPath: string): Promise<Figure> {
  const child = join(HERE, 'ingest-child.js');
  const cliArgs = [child, '--db', dbPath, '--count', String(args.scale), '--seed', String(args.seed), '--batch', '1000', '--lexicons', args.lexicons, ...termsArgs()];
  const out = await new Promise<string>((resolve, reject) => {
    const p = spawn(process.execPath, cliArgs, { stdio: ['ignore', 'pipe', 'inherit'] });
    let buf = '';
    p.stdout.setEncoding('utf8').on('data', (d: string) => (buf += d));
    p.on('error', reject);
    p.on('close', (code) => (code === 0 ? resolve(buf) : reject(new Error(`ingest child exited with ${code}`))));
  });
  const r = JSON.parse(out.trim().split('\n').pop() ?? '{}') as IngestResult;
  const sizeMb = existsSync(dbPath) ? statSync(dbPath).size / 1048576 : 0;
  return {
    postsPerSec: r.postsPerSec,
    peakRssMb: r.peakRssMb,
    cpuPostsPerSec: r.cpuPostsPerSec,
    posts: r.posts,
    newPosts: r.newPosts,
    seconds: round(r.ingestMs / 1000, 1),
    generateSeconds: round(r.generateMs / 1000, 1),
    sampledRssMb: r.sampledRssMb,
    cpuCurve: r.cpuCurve.join(' '),
    batch: r.batch,
    dbMb: round(sizeMb, 0),
  };
}

// ---- checks and output -----------------------------------------------------------------------------

interface Check {
  path: string;
  label: string;
  target: string;
  ok?: (v: number) => boolean;
  /** The same figure computed from this process's CPU time instead of wall time (robust to a busy machine). */
  cpu?: string;
}

const CHECKS: Check[] = [
  { path: 'tag.postsPerSec', cpu: 'tag.cpuPostsPerSec', label: 'tag: posts/s (full lexicons)', target: '>= 100,000', ok: (v) => v >= 100_000 },
  { path: 'tag.baselinePostsPerSec', cpu: 'tag.baselineCpuPostsPerSec', label: 'tag: naive baseline posts/s', target: '-' },
  { path: 'tag.ratio', label: 'tag: speed-up over baseline', target: '>= 10x', ok: (v) => v >= 10 },
  { path: 'tag.alternationPostsPerSec', label: 'tag: one alternation RegExp per frame, posts/s', target: '-' },
  { path: 'tag.ahoCorasickPostsPerSec', label: 'tag: Aho-Corasick over all terms, posts/s', target: '-' },
  { path: 'tag.acRatio', label: 'tag: speed vs Aho-Corasick baseline', target: '>= 1x', ok: (v) => v >= 1 },
  { path: 'detect.postsPerSec', cpu: 'detect.cpuPostsPerSec', label: 'detect: posts/s', target: '-' },
  { path: 'detect.francPostsPerSec', cpu: 'detect.francCpuPostsPerSec', label: 'detect: franc(text) posts/s', target: '-' },
  { path: 'detect.ratio', label: 'detect: speed-up over franc', target: '>= 2x', ok: (v) => v >= 2 },
  { path: 'ingest.postsPerSec', cpu: 'ingest.cpuPostsPerSec', label: 'ingest: posts/s', target: '>= 20,000', ok: (v) => v >= 20_000 },
  { path: 'ingest.peakRssMb', label: 'ingest: peak RSS (MB)', target: '<= 400', ok: (v) => v <= 400 },
  { path: 'db.bytesPerPost', label: 'db: bytes per post on disk', target: '<= 1,000', ok: (v) => v <= 1000 },
  { path: 'reclassify.postsPerSec', cpu: 'reclassify.cpuPostsPerSec', label: 'reclassify: posts/s (one term added)', target: '>= 16,000', ok: (v) => v >= 16_000 },
  { path: 'reclassify.redetectPostsPerSec', cpu: 'reclassify.redetectCpuPostsPerSec', label: 'reclassify --redetect: posts/s', target: '-' },
  { path: 'trend.ms', label: 'trend: daily x all frames x year (ms)', target: '<= 50', ok: (v) => v <= 50 },
  { path: 'query.ms', label: 'query: frame + lang + month (ms)', target: '-' },
  { path: 'fts.ms', label: 'fts: full-text query (ms)', target: '-' },
  { path: 'digest.ms', label: 'digest: render one day (ms)', target: '<= 200', ok: (v) => v <= 200 },
  { path: 'parse.msPerPage', cpu: 'parse.cpuMsPerPage', label: 'parse: ms per 20-post page', target: '<= 3', ok: (v) => v <= 3 },
  { path: 'startup.ms', label: 'startup: framewatch --help (ms)', target: '<= 300', ok: (v) => v <= 300 },
  { path: 'startup.tagMs', label: 'startup: framewatch tag, first text tagged (ms since process start)', target: '<= 150', ok: (v) => v <= 150 },
  { path: 'startup.nodeBootMs', label: 'startup: node itself, first line of a script (ms)', target: '-' },
];

function valueAt(result: Record<string, Figure>, path: string): number | null {
  const [fig, key] = path.split('.') as [string, string];
  const v = result[fig]?.[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function table(result: Record<string, Figure>, notMeasured: Record<string, string>, only: ReadonlySet<string>): string {
  const rows = CHECKS.filter((c) => only.has(c.path.split('.')[0]!)).map((c) => {
    const v = valueAt(result, c.path);
    const verdict = v === null ? 'NOT MEASURED' : c.ok ? (c.ok(v) ? 'pass' : 'FAIL') : '';
    const cpu = c.cpu ? valueAt(result, c.cpu) : null;
    return [c.label, v === null ? '-' : fmt(v), c.target, verdict, cpu === null ? '' : fmt(cpu)];
  });
  const head = ['figure', 'value', 'target', 'result', 'by CPU time'];
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 1 ? c.padStart(w[i]!) : c.padEnd(w[i]!))).join('  ').trimEnd();
  const out = [line(head), w.map((n) => '-'.repeat(n)).join('  '), ...rows.map(line)];
  for (const [fig, why] of Object.entries(notMeasured)) out.push(`not measured: ${fig}: ${why}`);
  return `${out.join('\n')}\n`;
}

// ---- storage figures (issue 15; storage-figures.ts) --------------------------------------------------

let termsFile: string | null = null;

/** The corpus terms for the ingest child, in a file written once: the child then never parses lexicon YAML. */
function termsArgs(): string[] {
  return termsFile ? ['--terms', termsFile] : [];
}

function writeTermsFile(terms: readonly LexiconTerm[]): void {
  if (!terms.length) return;
  termsFile = join(mkdtempSync(join(tmpdir(), 'framewatch-bench-terms-')), 'terms.json');
  writeFileSync(termsFile, JSON.stringify(terms));
  process.on('exit', () => rmSync(dirname(termsFile!), { recursive: true, force: true }));
}

/**
 * db and reclassify over the ingested SQLite database; reclassify only on the bench's own copy (it
 * rewrites tags). Returns db.tables (name -> bytes), which the JSON adds to the db figure.
 */
async function storageRuns(
  args: Args,
  dbPath: string | null,
  ownDb: boolean,
  run: (name: FigureName, fn: () => Promise<Figure> | Figure) => Promise<void>,
  notMeasured: Record<string, string>,
): Promise<Record<string, number> | null> {
  const ok = dbPath !== null && existsSync(dbPath);
  let tables: Record<string, number> | null = null;
  if (args.only.has('db')) {
    if (ok) {
      await run('db', () => {
        const { tables: t, ...figure } = dbFigure(dbPath);
        tables = t;
        return figure;
      });
    } else notMeasured.db = 'no database (ingest failed)';
  }
  if (args.only.has('reclassify')) {
    if (!ok) notMeasured.reclassify = 'no database (ingest failed)';
    else if (!ownDb) notMeasured.reclassify = 'not on a --db database (it would rewrite its tags)';
    else await run('reclassify', () => reclassifyFigure(dbPath, args.lexicons));
  }
  return tables;
}

/** --curve: each size ingested into its own new database, then its size and the query figures. */
async function curveRun(args: Args, corpus: Corpus, terms: LexiconTerm[], dbFigures: readonly ('trend' | 'query' | 'fts' | 'digest')[]): Promise<CurveRow[]> {
  const which = dbFigures.length ? dbFigures : (['trend', 'query', 'fts', 'digest'] as const);
  return curveFigure(args.curve ?? [], {
    log,
    ingest: (posts, path) => ingestFigure({ ...args, scale: posts }, path),
    queries: async (path) => {
      const out: Record<string, Figure> = {};
      const store = await openStore(path, { timezone: 'Asia/Kabul' });
      try {
        await runDbFigures(store, corpus, terms, which, loadTagger(args.lexicons), async (name, fn) => {
          out[name] = await fn();
        });
      } finally {
        await store.close();
      }
      return out;
    },
  });
}

// ---- main -------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const t0 = performance.now();
  const loadStart = loadavg()[0] ?? 0;
  if (loadStart > 0.5 * cpus().length) log(`bench: warning: load average ${loadStart.toFixed(2)}; figures will be low`);
  const result: Record<string, Figure> = {};
  const notMeasured: Record<string, string> = {};
  const run = async (name: FigureName, fn: () => Figure | Promise<Figure>): Promise<void> => {
    if (!args.only.has(name)) return;
    log(`bench: ${name} ...`);
    const s = performance.now();
    try {
      result[name] = await fn();
      log(`bench: ${name} done in ${fmt((performance.now() - s) / 1000)} s: ${JSON.stringify(result[name])}`);
    } catch (err) {
      notMeasured[name] = (err as Error).message.split('\n')[0] ?? String(err);
      log(`bench: ${name} NOT MEASURED: ${(err as Error).stack ?? String(err)}`);
    }
  };

  const fragments = loadFragments(DEMO_DIR);
  let terms: LexiconTerm[] = [];
  let lexiconProblem: string | null = null;
  try {
    terms = loadLexiconTerms(args.lexicons);
    writeTermsFile(terms);
  } catch (err) {
    // The corpus can do without terms; the tag figure reports the problem.
    lexiconProblem = (err as Error).message;
    log(`bench: lexicons unusable: ${lexiconProblem}`);
  }
  const corpus: Corpus = createCorpus({ seed: args.seed, fragments: fragments.pools, terms: termPools(terms) });
  const sample = corpus.sample(Math.max(args.sample, 200));
  log(`bench: seed ${args.seed}, corpus from ${fragments.source}, ${terms.length} lexicon terms, ${cpus().length} CPUs`);

  await run('startup', startupFigure);
  await run('parse', () => parseFigure(sample));
  await run('detect', () => detectFigure(sample));
  await run('tag', () => {
    if (lexiconProblem) throw new Error(`lexicons: ${lexiconProblem}`);
    return tagFigure(sample, args.lexicons);
  });

  const dbFigures = (['trend', 'query', 'fts', 'digest'] as const).filter((f) => args.only.has(f));
  let backends: Record<string, Record<string, Figure>> | null = null;
  if (args.backends) {
    const r = await runBackends({
      backends: args.backends,
      pgUrl: args.pg,
      figures: dbFigures,
      corpus,
      terms,
      tagger: () => loadTagger(args.lexicons),
      ingest: (location) => ingestFigure(args, location),
      log,
    });
    backends = r.backends;
    Object.assign(notMeasured, r.notMeasured);
    for (const f of ['ingest', ...dbFigures] as const) args.only.delete(f); // measured per backend instead
  }
  const storageFigures = (['db', 'reclassify'] as const).filter((f) => args.only.has(f));
  if (args.backends) for (const f of storageFigures) notMeasured[f] = 'SQLite only: run without --backend';
  const needIngest =
    !args.backends && (args.only.has('ingest') || ((dbFigures.length > 0 || storageFigures.length > 0) && !args.db));
  let tmp: string | null = null;
  let dbPath = args.db;
  let dbTables: Record<string, number> | null = null;
  if (needIngest) {
    tmp = mkdtempSync(join(tmpdir(), 'framewatch-bench-'));
    dbPath = join(tmp, 'bench.sqlite');
    args.only.add('ingest');
    await run('ingest', () => ingestFigure(args, dbPath!));
  }
  try {
    if (args.backends) {
      // measured per backend above
    } else if (dbFigures.length && dbPath && existsSync(dbPath)) {
      const store = await openStore(dbPath, { timezone: 'Asia/Kabul' });
      try {
        await runDbFigures(store, corpus, terms, dbFigures, loadTagger(args.lexicons), (name, fn) => run(name, fn));
      } finally {
        await store.close();
      }
    } else {
      for (const f of dbFigures) notMeasured[f] = 'no database (ingest failed)';
    }
    if (!args.backends) dbTables = await storageRuns(args, dbPath, tmp !== null, (name, fn) => run(name, fn), notMeasured);
  } finally {
    if (tmp && !args.keepDb) rmSync(tmp, { recursive: true, force: true });
    else if (tmp) log(`bench: kept ${dbPath}`);
  }

  const curve = args.curve ? await curveRun(args, corpus, terms, dbFigures) : null;

  const totalSeconds = round((performance.now() - t0) / 1000, 1);
  const pass: Record<string, boolean | null> = {};
  for (const c of CHECKS) {
    if (!c.ok) continue;
    const v = valueAt(result, c.path);
    pass[c.path] = v === null ? null : c.ok(v);
  }
  const meta = {
    seed: args.seed,
    scale: args.scale,
    sample: sample.length,
    channels: corpus.channels.length,
    days: corpus.days,
    corpus: fragments.source,
    lexiconTerms: terms.length,
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? '?',
    totalSeconds,
    /** 1-minute load average at start and end: figures taken on a busy machine are not comparable. */
    loadAvgStart: round(loadStart, 2),
    loadAvgEnd: round(loadavg()[0] ?? 0, 2),
  };
  if (args.json) {
    process.stdout.write(`${JSON.stringify({ ...result, ...(result.db && dbTables ? { db: { ...result.db, tables: dbTables } } : {}), ...(backends ? { backends } : {}), ...(curve ? { curve } : {}), meta, pass, notMeasured })}\n`);
  } else {
    process.stdout.write(table(result, notMeasured, args.only));
    if (backends) process.stdout.write(`\n${backendTable(backends)}`);
    if (curve) process.stdout.write(`\ncurve:\n${curve.map((r) => JSON.stringify(r)).join('\n')}\n`);
    process.stdout.write(
      `\n${meta.scale.toLocaleString('en-US')} posts ingested, seed ${meta.seed}, ${meta.cpus} CPUs, ` +
        `load ${meta.loadAvgStart} -> ${meta.loadAvgEnd}, ${totalSeconds} s total\n`,
    );
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exitCode = 1;
});
