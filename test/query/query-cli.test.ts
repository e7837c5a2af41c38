// The query command end to end (compiled CLI): flags, formats, errors.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { names, POSTS } from './posts.js';
import { seedStore } from './seed.js';

async function dbFile(): Promise<string> {
  const { store } = await seedStore(Object.values(POSTS));
  await store.close();
  return store.location;
}

function json(args: string[], db: string): Record<string, unknown>[] {
  const r = runCli(['query', '--db', db, '--format', 'json', ...args]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>[];
}

const asRows = (xs: Record<string, unknown>[]) => xs.map((x) => ({ channel: String(x.channel), id: Number(x.id) }));

describe('framewatch query', () => {
  it('--since/--until days are local days in TIMEZONE', async () => {
    const db = await dbFile();
    // a3 was posted at 20:00Z on 31 March: 00:30 on 1 April in Kabul.
    expect(names(asRows(json(['--since', '2026-04-01', '--until', '2026-04-01'], db))).sort()).toEqual(['a1', 'a3']);
    expect(json(['--until', '2026-03-31'], db)).toEqual([]);
    // In UTC the same post is on 31 March (the DB re-buckets when TIMEZONE changes).
    const utc = runCli(['query', '--db', db, '--format', 'json', '--until', '2026-03-31'], { env: { TIMEZONE: 'UTC' } });
    expect(names(asRows(JSON.parse(utc.stdout) as Record<string, unknown>[]))).toEqual(['a3']);
  });

  it('combines repeatable and comma-list filters, --match all, --flags and --text', async () => {
    const db = await dbFile();
    const r = json(['--frame', 'khawarij,apostasy', '--match', 'all', '--lang', 'prs', '--lang', 'arb'], db);
    expect(names(asRows(r)).sort()).toEqual(['k11', 'z20']);
    expect(names(asRows(json(['--frame', 'khawarij', '--frame', 'apostasy', '--match', 'all', '--flags', 'exclude'], db)))).toEqual(['z20']);
    expect(names(asRows(json(['--text', 'كابل', '--channel', 'khurasan_t,almirsaad_t'], db))).sort()).toEqual(['a3', 'k13']);
    expect(names(asRows(json(['--text', '-مردم کابل'], db))).sort()).toEqual(['a3', 'z20']);
    expect(names(asRows(json(['--sort', 'score', '--limit', '2', '--offset', '1'], db)))).toEqual(['k12', 'k11']);
  });

  it('json keeps the documented fields; each row has frames, matched terms and the permalink', async () => {
    const db = await dbFile();
    const [row] = json(['--channel', 'azaim_t', '--frame', 'puppet'], db);
    for (const key of ['channel', 'id', 'date', 'lang', 'text', 'views', 'edited', 'forwardedFrom', 'url', 'frames', 'hits']) {
      expect(row).toHaveProperty(key);
    }
    expect(row!.date).toBe('2026-04-03T12:00:00.000Z');
    expect(row!.url).toBe('https://t.me/azaim_t/20');
    expect(row!.hits).toContainEqual(expect.objectContaining({ frame: 'puppet', term: 'عملاء', start: 8, end: 13 }));
  });

  it('jsonl, csv and table formats', async () => {
    const db = await dbFile();
    const jsonl = runCli(['query', '--db', db, '--format', 'jsonl', '--frame', 'khawarij', '--lang', 'pus']);
    const lines = jsonl.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines.map((l) => (JSON.parse(l) as { id: number }).id)).toEqual([2, 1]);

    const csv = runCli(['query', '--db', db, '--format', 'csv', '--frame', 'puppet', '--channel', 'azaim_t', '--bom']);
    expect(csv.stdout.startsWith('\uFEFFdate,channel,id,lang,frames,score,matched_terms')).toBe(true);
    expect(csv.stdout).toContain('https://t.me/azaim_t/20');
    expect(csv.stdout).toContain('puppet:""عملاء""');

    const table = runCli(['query', '--db', db, '--format', 'table', '--frame', 'khawarij', '--flags', 'only', '--limit', '1']);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('@khurasan_t/12');
    expect(table.stdout).toContain('khawarij:"khawarij"(neg)');
    expect(table.stdout).toContain('https://t.me/khurasan_t/12');
    expect(table.stdout).toContain('--offset 1');
    // Not a TTY: json by default.
    expect(() => JSON.parse(runCli(['query', '--db', db, '--limit', '1']).stdout) as unknown).not.toThrow();
  });

  it.each([
    [['--text', '"مردم کابل'], /--text: unbalanced quote/],
    [['--text', 'OR'], /--text: OR needs a word/],
    [['--text', '؟'], /--text: nothing to search for/],
    [['--flags', 'maybe'], /--flags: "maybe" must be one of include, exclude, only/],
    [['--match', 'some'], /--match/],
    [['--sort', 'views'], /--sort/],
    [['--format', 'xml'], /--format/],
    [['--limit', '0'], /--limit/],
    [['--offset', '-1'], /--offset/],
    [['--since', '2026-13-01'], /--since/],
  ])('usage error %j: exit 2, one line', async (args, message) => {
    const db = await dbFile();
    const r = runCli(['query', '--db', db, ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
