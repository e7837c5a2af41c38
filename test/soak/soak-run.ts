// The concurrency soak, for any backend: 2 writers and 3 readers, real CLI processes, side by side
// on one database. Writers: `collect` against the local t.me stand-in, whose channels keep growing,
// and `import` of fresh JSON Lines files. Readers: `query --text`, `trend` and `digest`. Returns what
// was tried and what failed; the caller checks the store afterwards.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { DEMO_DIR } from '../../src/paths.js';
import { CLI } from '../helpers/run-cli.js';
import { startFakeTme, type FakePost, type FakeTme } from '../collect/fake-tme.js';

const ENV = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', TIMEZONE: 'Asia/Kabul', COLLECT_MIN_INTERVAL_MS: '0' };
const CHANNELS = ['soak_alpha', 'soak_bravo', 'soak_charlie'];

/** Real texts in Dari, Pashto, Arabic and English, most of them framed. */
const TEXTS = (JSON.parse(readFileSync(join(DEMO_DIR, 'posts.json'), 'utf8')) as { text: string }[]).map((p) => p.text);

interface Outcome {
  role: string;
  args: string[];
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(role: string, args: string[]): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: tmpdir(), env: ENV });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ role, args, code, stdout, stderr }));
  });
}

/** What makes a command count as failed: its exit code, a lock or serialization error, a crash, a failing channel. */
function failure(o: Outcome): string | null {
  if (o.code !== 0) return `exit ${o.code}`;
  if (/locked|SQLITE_BUSY|deadlock|could not serialize|this is a bug/i.test(o.stderr + o.stdout)) return 'lock error or crash';
  if (o.role === 'collect' && /failing/.test(o.stdout)) return 'a channel was marked failing';
  return null;
}

export interface SoakResult {
  tried: Record<string, number>;
  failed: Record<string, number>;
  failures: string[];
  /** The summary line the soak prints. */
  line: string;
}

/**
 * Runs the soak for `seconds` on `db` (a SQLite path or a postgres:// URL), then one last collection.
 * Every command must succeed; `expect`s inside fail the test otherwise.
 */
export async function runSoak(db: string, seconds: number, label: string): Promise<SoakResult> {
  let tme: FakeTme | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'framewatch-soak-'));
  try {
    const first = await run('import', ['--db', db, 'import', join(DEMO_DIR, 'corpus.jsonl')]);
    expect(failure(first), first.stderr).toBeNull();

    // The channels grow while the collector runs, so every run has new pages to commit.
    let nextId = 1;
    const post = (): FakePost => {
      const id = nextId++;
      return { id, date: new Date(Date.parse('2026-11-20T06:00:00Z') + id * 60_000).toISOString(), text: TEXTS[id % TEXTS.length]!, views: 100 + id };
    };
    tme = await startFakeTme(Object.fromEntries(CHANNELS.map((c) => [c, Array.from({ length: 30 }, post)])));
    const grow = setInterval(() => {
      for (const c of CHANNELS) tme!.channels.get(c)!.push(...Array.from({ length: 3 }, post));
    }, 1000);

    let importN = 0;
    const importFile = (): string => {
      const file = join(dir, `batch-${importN}.jsonl`);
      const lines = Array.from({ length: 150 }, (_, i) => {
        const k = importN * 150 + i;
        return JSON.stringify({
          channel: `soak_import_${importN % 4}`,
          id: 100_000 + k,
          date: new Date(Date.parse('2026-11-01T00:00:00Z') + k * 97_000).toISOString(),
          text: TEXTS[k % TEXTS.length],
          views: k,
        });
      });
      writeFileSync(file, `${lines.join('\n')}\n`);
      importN++;
      return file;
    };

    const roles: Record<string, () => string[]> = {
      collect: () => ['--db', db, 'collect', ...CHANNELS, '--base-url', tme!.url],
      import: () => ['--db', db, 'import', importFile()],
      'query --text': () => ['--db', db, 'query', '--text', 'خوارج', '--format', 'json', '--limit', '5'],
      trend: () => ['--db', db, 'trend', '--interval', 'week', '--by', 'lang'],
      digest: () => ['--db', db, 'digest', '--date', '2026-11-26'],
    };
    const tried: Record<string, number> = {};
    const failed: Record<string, number> = {};
    const failures: string[] = [];
    const end = Date.now() + seconds * 1000;
    await Promise.all(
      Object.entries(roles).map(async ([role, args]) => {
        tried[role] = 0;
        failed[role] = 0;
        while (Date.now() < end) {
          const o = await run(role, args());
          tried[role]++;
          const why = failure(o);
          if (why) {
            failed[role]++;
            if (failures.length < 10) failures.push(`${role}: ${why}: ${(o.stderr || o.stdout).trim().split('\n').slice(0, 3).join(' | ')}`);
          }
        }
      }),
    );
    clearInterval(grow);

    const total = Object.values(tried).reduce((a, b) => a + b, 0);
    const totalFailed = Object.values(failed).reduce((a, b) => a + b, 0);
    const line =
      `soak ${label} ${seconds} s: ${total} commands tried, ${totalFailed} failed; ` +
      Object.keys(roles)
        .map((r) => `${r} ${tried[r]}/${failed[r]}`)
        .join(', ') +
      ' (tried/failed)';
    console.log(line);
    expect(failures).toEqual([]);
    for (const r of Object.keys(roles)) expect(tried[r], r).toBeGreaterThan(1);
    const last = await run('collect', roles.collect!());
    expect(failure(last), last.stderr).toBeNull();
    return { tried, failed, failures, line };
  } finally {
    await tme?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
