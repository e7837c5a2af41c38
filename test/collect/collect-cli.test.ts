// The compiled CLI (npm test compiles first) against the local t.me stand-in, in child processes:
// the end-to-end check of the issue, and kill -9 in the middle of a backfill.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectSqlite } from '../../src/store/sqlite/sqlite-inspect.js';
import { cli, serve, snapshot, tmp, until } from './cli-harness.js';
import { makePosts } from './fake-tme.js';

describe('framewatch collect (compiled CLI, child processes)', () => {
  it('collects somechannel end to end; query lists the posts with their fields; channels shows the state', async () => {
    const posts = makePosts(45);
    const tme = await serve({ somechannel: posts });
    const db = join(tmp(), 'x.sqlite');
    const r = await cli(['collect', 'somechannel', '--base-url', tme.url, '--db', db]);
    expect(r.stderr).not.toMatch(/unexpected error/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^somechannel\s+ok\s+45 new, 0 updated, 0 unchanged; 3 pages, ids 1\.\.45/m);
    expect(tme.requests.map((q) => q.path)).toEqual(['/s/somechannel', '/s/somechannel?before=26', '/s/somechannel?before=6']);
    expect(tme.requests.every((q) => /^framewatch\/\d+\.\d+\.\d+ \(\+research monitor\)$/.test(q.ua ?? ''))).toBe(true);

    const q = await cli(['query', '--channel', 'somechannel', '--format', 'json', '--limit', '100', '--db', db]);
    expect(q.code).toBe(0);
    const rows = JSON.parse(q.stdout) as { channel: string; id: number; date: string; lang: string; text: string; views: number | null }[];
    expect(rows).toHaveLength(45);
    const byId = new Map(rows.map((row) => [row.id, row]));
    const p12 = posts.find((p) => p.id === 12)!;
    expect(byId.get(12)).toMatchObject({ channel: 'somechannel', date: p12.date, text: p12.text, lang: 'prs' });
    expect(byId.get(13)).toMatchObject({ lang: 'pus' });
    expect(byId.get(14)).toMatchObject({ lang: 'arb' });
    expect(byId.get(15)).toMatchObject({ lang: 'eng' });
    expect(typeof byId.get(15)!.views).toBe('number');
    expect(byId.get(1)!.text).toBe('Channel created');

    const ch = await cli(['channels', '--db', db]);
    expect(ch.code).toBe(0);
    expect(ch.stdout).toMatch(/^somechannel\s+ok\s+45\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+#1 /m);
    const js = await cli(['channels', '--format', 'json', '--db', db]);
    expect(JSON.parse(js.stdout)).toEqual([
      expect.objectContaining({ username: 'somechannel', state: 'ok', posts: 45, newestId: 45, oldestId: 1, lastRunId: 1 }),
    ]);
  });

  it('a channel without preview and a failing one are reported per channel; the exit code flags the failure', async () => {
    const tme = await serve({ fine_channel: makePosts(10) });
    tme.faults.push(async (q, res) => {
      if (q.channel !== 'broken_channel') return false;
      res.writeHead(500).end();
      return true;
    });
    const db = join(tmp(), 'x.sqlite');
    const r = await cli(['collect', 'fine_channel', 'hidden_channel', 'broken_channel', '--base-url', tme.url, '--db', db], {
      env: { CHANNELS: 'ignored_here' },
    });
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^fine_channel\s+ok\s+10 new/);
    expect(lines[1]).toMatch(/^hidden_channel\s+no_preview\s+no public preview \(redirected to \/hidden_channel\)/);
    expect(lines[2]).toMatch(/^broken_channel\s+failing\s+HTTP 500 from .* \(after 4 attempts\)/);
    expect(r.stderr).toMatch(/retry 1 in .* s: HTTP 500/);
  }, 60_000);

  it('channels default to CHANNELS; --since and --limit are validated', async () => {
    const tme = await serve({ from_env_one: makePosts(5), from_env_two: makePosts(5) });
    const db = join(tmp(), 'x.sqlite');
    const r = await cli(['collect', '--base-url', tme.url, '--db', db], { env: { CHANNELS: 'from_env_one,from_env_two:pus' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^from_env_one\s+ok/m);
    expect(r.stdout).toMatch(/^from_env_two\s+ok/m);
  });

  it.each([
    [['collect', 'no'], /"no" is not a channel name/],
    [['collect', 'bad-name!'], /"bad-name!" is not a channel name/],
    [['collect', '1channel'], /is not a channel name/],
    [['collect', 'good_name', '--limit', '0'], /--limit: "0" is not a positive whole number/],
    [['collect', 'good_name', '--since', 'last week'], /--since: "last week" is not a date/],
    [['collect', 'good_name', '--base-url', 'ftp://files.example'], /--base-url: "ftp:\/\/files.example" is not an http\(s\) URL/],
    [['collect'], /no channels to collect/],
  ])('usage error: %j', async (args, message) => {
    const r = await cli([...args, '--db', join(tmp(), 'x.sqlite')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /); // one line, no stack
  });

  it('kill -9 in the middle of a backfill, then a rerun: exactly the posts of an uninterrupted run', async () => {
    const posts = makePosts(400, { deleted: [17, 18, 19, 250, 333] });
    const args = (url: string, db: string) => ['collect', 'long_backfill', '--limit', '300', '--base-url', url, '--db', db];

    const cleanTme = await serve({ long_backfill: posts });
    const cleanDb = join(tmp(), 'clean.sqlite');
    const clean = await cli(args(cleanTme.url, cleanDb));
    expect(clean.code).toBe(0);
    // not a TTY: plain progress lines on stderr
    expect(clean.stderr).toMatch(/^long_backfill: page 2, 40 new, back to \d{4}-\d\d-\d\d$/m);
    expect(clean.stderr).toMatch(/^long_backfill: page 10, 200 new/m);

    const tme = await serve({ long_backfill: posts });
    tme.delayMs = 120; // slow pages, so the kill lands mid-way
    const db = join(tmp(), 'crash.sqlite');
    const killed = await cli(args(tme.url, db), {
      onStart: (child) => void until(() => tme.requests.length >= 7).then(() => child.kill('SIGKILL')),
    });
    expect(killed.signal).toBe('SIGKILL');
    const partial = snapshot(db).posts.length;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(300);

    tme.delayMs = 0;
    const rerun = await cli(args(tme.url, db));
    expect(rerun.code).toBe(0);
    expect(snapshot(db)).toEqual(snapshot(cleanDb));
    expect(snapshot(db).posts).toHaveLength(300);

    const check = inspectSqlite(db);
    const runs = check.column('SELECT status FROM collection_runs ORDER BY id');
    const perRun = check.all('SELECT state, error FROM collection_run_channels ORDER BY run_id');
    check.close();
    expect(runs).toEqual(['interrupted', 'ok']); // the killed run, marked when the rerun started
    expect(rerun.stderr).toMatch(/^run #1 was left running by a process that ended; marked interrupted$/m);
    expect(perRun).toEqual([
      { state: 'failing', error: 'interrupted: the run stopped before this channel finished' },
      { state: 'ok', error: null },
    ]);
  }, 60_000);
});
