// Output consistency across commands (compiled CLI): --format table|json|jsonl|csv with --json as an
// alias, --out - for standard output, times that name their zone.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, runCli } from '../helpers/run-cli.js';
import { tempDir, TEST_LEXICONS } from '../helpers/temp-store.js';
import { POSTS } from '../query/posts.js';
import { seedStore } from '../query/seed.js';

async function dbFile(): Promise<string> {
  const { store } = await seedStore(Object.values(POSTS));
  await store.close();
  return store.location;
}

function ok(args: string[], env: Record<string, string> = {}, cwd?: string): string {
  const r = runCli(args, { env, ...(cwd ? { cwd } : {}) });
  expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
  return r.stdout;
}

const csvLines = (s: string) => s.trimEnd().split('\r\n');

describe('stats --format', () => {
  it('json (and --json, the same), jsonl and csv rows, and a table whose times name the zone', async () => {
    const db = await dbFile();
    const json = ok(['stats', '--db', db, '--format', 'json']);
    expect(ok(['stats', '--db', db, '--json'])).toBe(json);
    const s = JSON.parse(json) as { posts: number; byFrame: { frame: string; posts: number; flagged: number }[] };
    expect(s.posts).toBe(Object.keys(POSTS).length);

    const csv = csvLines(ok(['stats', '--db', db, '--format', 'csv']));
    expect(csv[0]).toBe('kind,name,posts,flagged');
    expect(csv).toContain(`total,posts,${s.posts},`);
    const khawarij = s.byFrame.find((f) => f.frame === 'khawarij')!;
    expect(csv).toContain(`frame,khawarij,${khawarij.posts},${khawarij.flagged}`);
    expect(csv).toContain('channel,khurasan_t,7,');
    expect(csv).toContain('lang,prs,6,');

    const jsonl = ok(['stats', '--db', db, '--format', 'jsonl']).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(jsonl).toHaveLength(csv.length - 1);
    expect(jsonl).toContainEqual({ kind: 'lang', name: 'arb', posts: 3, flagged: null });

    // a3, the first post, is 20:00Z on 31 March: 00:30 on 1 April in Kabul. The last, z22, is 09:00Z on 7 April.
    expect(ok(['stats', '--db', db])).toContain('dates: 2026-04-01 00:30 .. 2026-04-07 13:30 Asia/Kabul');
    expect(ok(['stats', '--db', db], { TIMEZONE: 'UTC' })).toContain('dates: 2026-03-31 20:00 .. 2026-04-07 09:00 UTC');
  });

  it('--json with another --format, or an unknown format, is a usage error', async () => {
    const db = await dbFile();
    for (const args of [['--json', '--format', 'csv'], ['--format', 'xml']]) {
      const r = runCli(['stats', '--db', db, ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain('--format');
    }
  });
});

describe('query', () => {
  it('--json is --format json; the table shows local times naming TIMEZONE', async () => {
    const db = await dbFile();
    const args = ['query', '--db', db, '--channel', 'azaim_t'];
    expect(ok([...args, '--json'])).toBe(ok([...args, '--format', 'json']));
    const table = ok([...args, '--format', 'table', '--limit', '1']);
    expect(table).toContain('1. 2026-04-07 13:30 Asia/Kabul  @azaim_t/22');
    expect(ok([...args, '--format', 'table', '--limit', '1'], { TIMEZONE: 'UTC' })).toContain('1. 2026-04-07 09:00 UTC  @azaim_t/22');
    expect(runCli([...args, '--json', '--format', 'jsonl']).code).toBe(2);
  });
});

/** Labelled files for eval, in a fresh directory (temp directories go after each test). */
function goldFiles(): { langGold: string; frameGold: string } {
  const dir = tempDir();
  const langGold = join(dir, 'lang.jsonl');
  writeFileSync(
    langGold,
    [
      { text: 'د کابل په ښار کې نن باران وورېد او سړک بند شول.', lang: 'pus' },
      { text: 'وزارت صحت عامه گفت که این برنامه از هفته آینده آغاز می‌شود.', lang: 'prs' },
      { text: 'قالت الحكومة إن المفاوضات ستستأنف في الأسبوع المقبل.', lang: 'arb' },
      { text: 'The talks will resume next week, officials said.', lang: 'eng' },
    ]
      .map((x) => JSON.stringify(x))
      .join('\n'),
  );
  const frameGold = join(dir, 'frames.jsonl');
  writeFileSync(
    frameGold,
    [
      { text: 'They are puppets of the West', lang: 'eng', frames: ['puppet_foreign_agent'] },
      { text: 'د کابل په ښار کې نن باران وورېد', lang: 'pus', frames: [] },
    ]
      .map((x) => JSON.stringify(x))
      .join('\n'),
  );
  return { langGold, frameGold };
}

describe('eval --format', () => {
  it('eval lang: csv and jsonl rows (all, each label with its confusion row, each length band); --json is --format json', () => {
    const { langGold } = goldFiles();
    const csv = csvLines(ok(['eval', 'lang', langGold, '--format', 'csv']));
    expect(csv[0]).toBe('label,n,accuracy,precision,recall,f1,as_prs,as_pus,as_arb,as_eng,as_und');
    expect(csv[1]).toMatch(/^all,4,[\d.]+,,,,\d+,\d+,\d+,\d+,\d+$/);
    expect(csv.slice(2, 7).map((l) => l.split(',')[0])).toEqual(['prs', 'pus', 'arb', 'eng', 'und']);
    expect(csv.slice(7).map((l) => l.split(',')[0])).toEqual(['length <40', 'length 40-100', 'length >100']);
    const jsonl = ok(['eval', 'lang', langGold, '--format', 'jsonl']).trim().split('\n');
    expect(jsonl).toHaveLength(csv.length - 1);
    expect(JSON.parse(jsonl[0]!)).toMatchObject({ label: 'all', n: 4 });
    expect(ok(['eval', 'lang', langGold, '--json'])).toBe(ok(['eval', 'lang', langGold, '--format', 'json']));
  });

  it('eval frames: csv rows (micro, macro, each frame); --mistakes belongs to the table', () => {
    const { frameGold } = goldFiles();
    const csv = csvLines(ok(['eval', 'frames', frameGold, '--lexicons', TEST_LEXICONS, '--format', 'csv']));
    expect(csv[0]).toBe('frame,support,precision,recall,f1');
    expect(csv[1]).toMatch(/^micro,1,/);
    expect(csv[2]).toMatch(/^macro,1,/);
    expect(csv.some((l) => l.startsWith('puppet_foreign_agent,1,'))).toBe(true);
    const json = ok(['eval', 'frames', frameGold, '--lexicons', TEST_LEXICONS, '--format', 'json']);
    expect(ok(['eval', 'frames', frameGold, '--lexicons', TEST_LEXICONS, '--json'])).toBe(json);
    const r = runCli(['eval', 'frames', frameGold, '--lexicons', TEST_LEXICONS, '--json', '--mistakes']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('framewatch: --mistakes lists lines in the table; it has no place in --format json\n');
  });
});

describe('--out - is standard output', () => {
  it('trend, report and digest write to stdout with --out -, and create no file named "-"', async () => {
    const db = await dbFile();
    const cwd = tempDir();
    const trend = ok(['trend', '--db', db, '--out', '-'], {}, cwd);
    expect(trend.startsWith('date,frame,posts,all_posts,share\r\n')).toBe(true);
    expect(trend).toBe(ok(['trend', '--db', db], {}, cwd));
    expect(ok(['report', '--db', db, '--out', '-'], {}, cwd)).toMatch(/^<!DOCTYPE html>/i);
    const digest = ok(['digest', '--db', db, '--date', '2026-04-03', '--out', '-'], {}, cwd);
    expect(digest).toContain('2026-04-03');
    expect(digest).toBe(ok(['digest', '--db', db, '--date', '2026-04-03'], {}, cwd));
    expect(existsSync(join(cwd, '-'))).toBe(false);
  });

  it('digest --out FILE writes the file; --out with --send is a usage error', async () => {
    const db = await dbFile();
    const file = join(tempDir(), 'digest.html');
    const r = runCli(['digest', '--db', db, '--date', '2026-04-03', '--out', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(readFileSync(file, 'utf8')).toBe(ok(['digest', '--db', db, '--date', '2026-04-03']));
    const both = runCli(['digest', '--db', db, '--send', '--out', file]);
    expect(both.code).toBe(2);
    expect(both.stderr).toBe('framewatch: --out is for printing; --send sends to DIGEST_CHAT_IDS\n');
  });

  it('a file that cannot be written: one line saying nothing was written', async () => {
    const db = await dbFile();
    const r = runCli(['trend', '--db', db, '--out', join(tempDir(), 'no', 'such', 'dir.csv')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^framewatch: cannot write .*dir\.csv: ENOENT; nothing was written \(check the path, or use --out - for standard output\)\n$/);
  });
});

// Colour only shows on a terminal: util-linux `script` gives the command one (skipped without it).
const SCRIPT = '/usr/bin/script';

describe.skipIf(!existsSync(SCRIPT))('NO_COLOR', () => {
  const onTerminal = (env: Record<string, string>) => {
    const quote = (a: string) => `'${a.replace(/'/g, `'\\''`)}'`;
    const command = [process.execPath, CLI, 'tag', 'The apostate Taliban betrayed the religion for dollars.'].map(quote).join(' ');
    const r = spawnSync(SCRIPT, ['-qec', command, '/dev/null'], {
      cwd: tmpdir(),
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', TERM: 'xterm', ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status, r.stderr).toBe(0);
    return r.stdout;
  };

  it('framewatch tag colours the matched terms on a terminal, and not when NO_COLOR is set', () => {
    expect(onTerminal({})).toContain('\x1b[');
    const plain = onTerminal({ NO_COLOR: '1' });
    expect(plain).toContain('apostate');
    expect(plain).not.toContain('\x1b[');
  });
});
