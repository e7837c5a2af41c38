// `framewatch channels` (list in four formats), `channels reset NAME` and `channels remove NAME`,
// as compiled CLI child processes (items 1 and 19).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { confirm } from '../../src/cli/commands/channels.js';
import { CLI } from '../helpers/run-cli.js';
import { ENV, cli, query, serve, tmp } from './cli-harness.js';
import { makePosts, renderPage, times } from './fake-tme.js';

/** A database with two collected channels: kabul_daily (45 posts) and herat_daily (25). */
async function collected(): Promise<{ db: string; url: string }> {
  const tme = await serve({ kabul_daily: makePosts(45), herat_daily: makePosts(25) });
  const db = join(tmp(), 'x.sqlite');
  const r = await cli(['collect', 'kabul_daily', 'herat_daily', '--base-url', tme.url, '--db', db]);
  expect(r.code).toBe(0);
  return { db, url: tme.url };
}

describe('framewatch channels --format', () => {
  it('lists channels as a table, JSON (also --json), JSON Lines or CSV', async () => {
    const { db } = await collected();
    const env = { env: { CHANNELS: 'kabul_daily,never_collected' } };
    const table = await cli(['channels', '--db', db], env);
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^CHANNEL\s+STATE\s+POSTS\s+LAST POST\s+LAST RUN\s+DETAIL$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/).slice(0, 3))).toEqual([
      ['herat_daily', 'ok', '25'],
      ['kabul_daily', 'ok', '45'],
      ['never_collected', 'new', '0'],
    ]);

    const json = await cli(['channels', '--format', 'json', '--db', db], env);
    const alias = await cli(['channels', '--json', '--db', db], env);
    expect(alias.stdout).toBe(json.stdout);
    const rows = JSON.parse(json.stdout) as Record<string, unknown>[];
    expect(rows).toEqual([
      expect.objectContaining({ username: 'herat_daily', state: 'ok', posts: 25, oldestId: 1, newestId: 25, lastRunId: 1, lastRunStatus: 'ok' }),
      expect.objectContaining({ username: 'kabul_daily', state: 'ok', posts: 45, oldestId: 1, newestId: 45 }),
      expect.objectContaining({ username: 'never_collected', state: 'new', posts: 0, lastRunStatus: null }),
    ]);

    const jsonl = await cli(['channels', '--format', 'jsonl', '--db', db], env);
    expect(jsonl.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as unknown)).toEqual(rows);

    const csv = await cli(['channels', '--format', 'csv', '--db', db], env);
    const csvLines = csv.stdout.split('\r\n');
    expect(csvLines[0]).toBe(
      'channel,title,subscribers,state,posts,oldest_id,newest_id,last_post_at,last_run_id,last_run_at,last_run_status,last_error,last_run_note',
    );
    expect(csvLines[1]).toMatch(/^herat_daily,Test herat_daily,2500,ok,25,1,25,2024-03-01T2[\d:.]+Z,1,\d{4}-[\d\-T:.]+Z,ok,,$/);
    expect(csvLines).toHaveLength(5); // header, three rows, and the empty string after the last CRLF
  }, 60_000);

  it.each([
    [['channels', '--format', 'xml'], /--format: "xml" must be one of table, json, jsonl, csv/],
    [['channels', '--json', '--format', 'csv'], /--json and --format csv contradict each other/],
  ])('usage error: %j', async (args, message) => {
    const r = await cli([...args, '--db', join(tmp(), 'x.sqlite')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('framewatch channels reset', () => {
  it('re-opens a backfill that ended at a wrong "No posts found": the next collect gets the rest', async () => {
    const posts = makePosts(120);
    const tme = await serve({ kandahar_fm: posts });
    // answered "No posts found" twice: the collector takes it as the start of the channel
    tme.faults.push(
      times(2, (q) => q.before === 101, (res) => void res.writeHead(200, { 'content-type': 'text/html' }).end(renderPage('kandahar_fm', [], false))),
    );
    const db = join(tmp(), 'x.sqlite');
    const first = await cli(['collect', 'kandahar_fm', '--base-url', tme.url, '--db', db]);
    expect(first.stdout).toMatch(/^kandahar_fm\s+ok\s+20 new.*ids 101\.\.120.*no posts before id 101 \(asked twice\); if the channel is older, run framewatch channels reset kandahar_fm/m);
    const again = await cli(['collect', 'kandahar_fm', '--base-url', tme.url, '--db', db]);
    expect(again.stdout).toMatch(/^kandahar_fm\s+ok\s+0 new, 0 updated, 20 unchanged; 1 page, ids 101\.\.120, back to [\d-]+$/m); // stuck without a reset

    const reset = await cli(['channels', 'reset', '@Kandahar_FM', '--db', db]);
    expect(reset.code).toBe(0);
    expect(reset.stdout).toBe(
      'reset kandahar_fm: forgot the collected id ranges (1..120); its posts (ids 101..120) stay stored. ' +
        'The next framewatch collect kandahar_fm reads back from the newest post (the newest 100, or as far as --limit N / --since DATE ask).\n',
    );
    const after = await cli(['collect', 'kandahar_fm', '--limit', '200', '--base-url', tme.url, '--db', db]);
    expect(after.stdout).toMatch(/^kandahar_fm\s+ok\s+100 new, 0 updated, 20 unchanged; .*ids 1\.\.120/m);
    expect(query<{ n: number }>(db, 'SELECT count(*) AS n FROM posts')[0]!.n).toBe(120);
  }, 60_000);

  it('of a channel not in the database is a one-line error', async () => {
    const { db } = await collected();
    const r = await cli(['channels', 'reset', 'nobody_here', '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`framewatch: no channel "nobody_here" in ${db}; framewatch channels lists them\n`);
  }, 60_000);
});

describe('framewatch channels remove', () => {
  it('--yes removes the channel with its posts and counts; the other channel stays', async () => {
    const { db } = await collected();
    const r = await cli(['channels', 'remove', 'kabul_daily', '--yes', '--db', db], { env: { CHANNELS: 'kabul_daily' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^removed kabul_daily: 45 posts, \d+ frame tags? and 1 run record$/m);
    expect(r.stderr).toContain('note: kabul_daily is still in CHANNELS, so the next framewatch collect collects it again');
    expect(query(db, "SELECT username FROM channels ORDER BY 1")).toEqual([{ username: 'herat_daily' }]);
    expect(query(db, 'SELECT sum(posts) AS n FROM daily_post_counts')).toEqual([{ n: 25 }]);
    expect(query(db, 'SELECT sum(posts) AS n FROM daily_totals')).toEqual([{ n: 25 }]);
    const list = await cli(['channels', '--json', '--db', db]);
    expect((JSON.parse(list.stdout) as { username: string }[]).map((c) => c.username)).toEqual(['herat_daily']);
  }, 60_000);

  it('without --yes and without a terminal to ask on, refuses with a one-line usage error and removes nothing', async () => {
    const { db } = await collected();
    const r = await cli(['channels', 'remove', 'kabul_daily', '--db', db], { input: 'yes\n' });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'framewatch: channels remove kabul_daily: would delete 45 posts, ' +
        `${/(\d+ frame tags?)/.exec(r.stderr)?.[1]} and 1 run record; stdin is not a terminal to confirm on, so add --yes\n`,
    );
    expect(query(db, 'SELECT count(*) AS n FROM posts')).toEqual([{ n: 70 }]);
  }, 60_000);

  it('of a channel not in the database is a one-line error', async () => {
    const { db } = await collected();
    const r = await cli(['channels', 'remove', 'nobody_here', '--yes', '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^framewatch: no channel "nobody_here" in .*; nothing removed \(framewatch channels lists them\)\n$/);
  }, 60_000);

  it('on a terminal, asks and reads one line: "y" removes, anything else keeps (through script(1) when present)', async () => {
    const { db } = await collected();
    const script = spawnSync('script', ['--version'], { encoding: 'utf8' });
    if (script.status !== 0) {
      console.warn('script(1) not available: the terminal path is covered by the confirm() tests only');
      return;
    }
    const run = (answer: string) =>
      spawnSync('script', ['-qec', `${process.execPath} ${CLI} channels remove kabul_daily --db ${db}`, '/dev/null'], {
        input: answer,
        env: { ...ENV },
        encoding: 'utf8',
      });
    const no = run('n\n');
    expect(no.stdout).toContain('Remove kabul_daily and its 45 posts');
    expect(no.stdout).toContain('framewatch: not confirmed: nothing removed');
    expect(query(db, 'SELECT count(*) AS n FROM posts')).toEqual([{ n: 70 }]);
    const yes = run('y\n');
    expect(yes.stdout).toMatch(/removed kabul_daily: 45 posts/);
    expect(query(db, 'SELECT count(*) AS n FROM posts')).toEqual([{ n: 25 }]);
  }, 60_000);
});

describe('confirm()', () => {
  it.each([
    ['y\n', true],
    ['YES\n', true],
    [' yes \n', true],
    ['n\n', false],
    ['\n', false],
    ['yes please\n', false],
    ['', false], // end of input
  ])('%j → %s', async (answer, expected) => {
    const input = new PassThrough();
    const output = new PassThrough();
    let asked = '';
    output.on('data', (d: Buffer) => (asked += d.toString()));
    const pending = confirm('Remove kabul_daily? [y/N] ', input, output);
    input.end(answer);
    expect(await pending).toBe(expected);
    expect(asked).toBe('Remove kabul_daily? [y/N] ');
  });
});
