// framewatch migrate (issue 13): the demo database round-trips SQLite → PostgreSQL → SQLite with equal
// counts and aggregates (the command checks, and so does this test through stats and trend); a copy
// cut short resumes after the last batch it stored; a difference fails the check.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyStore, verify } from '../../src/transfer/copy-store.js';
import { openTestPgStore, pgTestsRun, tempPgDatabase } from '../helpers/pg-test-store.js';
import { runCli } from '../helpers/run-cli.js';
import { openTestStore, tempDir } from '../helpers/temp-store.js';

const TZ = { TIMEZONE: 'Asia/Kabul' };

describe.runIf(pgTestsRun())('framewatch migrate', () => {
  it('round-trips the demo database: SQLite → PostgreSQL → SQLite, counts and aggregates equal', async () => {
    const dir = tempDir();
    const demo = join(dir, 'demo.sqlite');
    expect(runCli(['demo', '--db', demo], { env: TZ }).code).toBe(0);
    const pg = await tempPgDatabase();
    const to = runCli(['--db', demo, 'migrate', '--to', pg], { env: TZ });
    expect(to.stderr).not.toMatch(/unexpected/);
    expect(to.code, to.stderr).toBe(0);
    expect(to.stdout).toMatch(/^copied into postgres:\/\/.*: \d+ posts \(\d+ in this run\), \d+ frame tags, 14 channels, .*counts and daily aggregates equal$/m);
    const back = join(dir, 'back.sqlite');
    const from = runCli(['--db', back, 'migrate', '--from', pg], { env: TZ });
    expect(from.code, from.stderr).toBe(0);

    // What an analyst reads is the same from all three.
    const read = (db: string, args: string[]) => {
      const r = runCli(['--db', db, ...args], { env: TZ });
      expect(r.code, r.stderr).toBe(0);
      return r.stdout;
    };
    for (const args of [['stats', '--format', 'json'], ['trend', '--interval', 'week', '--by', 'lang'], ['query', '--text', 'خوارج', '--format', 'json', '--limit', '500']]) {
      const a = read(demo, args);
      expect(read(pg, args), args.join(' ')).toBe(a);
      expect(read(back, args), args.join(' ')).toBe(a);
    }
    // Again: nothing left to copy, still equal.
    const again = runCli(['--db', demo, 'migrate', '--to', pg], { env: TZ });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/\(0 in this run\)/);
  }, 240_000);

  it('resumes after an interruption, and fails in one line when the databases differ', async () => {
    const dir = tempDir();
    const demo = join(dir, 'demo.sqlite');
    expect(runCli(['demo', '--db', demo], { env: TZ }).code).toBe(0);
    const source = openTestStore(demo, { timezone: 'Asia/Kabul' });
    const target = await openTestPgStore(await tempPgDatabase(), { timezone: 'Asia/Kabul' });
    const total = (await source.sizes()).posts;
    let batches = 0;
    const crash = copyStore(source, target, {
      batch: 100,
      onProgress: () => {
        if (++batches === 2) throw new Error('power cut');
      },
    });
    await expect(crash).rejects.toThrow('power cut');
    expect((await target.sizes()).posts).toBe(200);
    const resumed = await copyStore(source, target, { batch: 100 });
    expect(resumed).toMatchObject({ posts: total, copiedNow: total - 200 });
    await verify(source, target);

    await target.ingest({ posts: [], seenAt: new Date().toISOString(), channels: [{ username: 'only_here' }] });
    await expect(verify(source, target)).rejects.toThrow(/^migrate: .* differ after the copy: channels 14 vs 15$/);
  }, 240_000);
});
