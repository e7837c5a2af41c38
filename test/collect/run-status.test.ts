// Collection runs end 'interrupted' when stopped, and runs left 'running' by a process that died are
// marked so at the start of the next collection; migration 006 keeps the run history (item 17).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/collect/collect-run.js';
import { MIGRATIONS_DIR } from '../../src/paths.js';
import { listMigrations } from '../../src/store/sqlite/open-database.js';
import { inspectSqlite, type SqlInspector } from '../../src/store/sqlite/sqlite-inspect.js';
import type { Store } from '../../src/store/store.js';
import { openTestStore, tempDir } from '../helpers/temp-store.js';
import { makePosts } from './fake-tme.js';
import { ALL, harness, serve } from './harness.js';

/** The pid of a process that has certainly ended. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

const status = async (store: Store, id: number) => {
  const r = (await store.getRun(id))!;
  return { status: r.status, finishedAt: r.finishedAt };
};

describe('run status', () => {
  it("runs left 'running' by a process that ended are marked interrupted when the next run starts; live ones are not", async () => {
    const tme = await serve({ kunar_daily: makePosts(25) });
    const h = harness(tme);
    const killed = await h.store.startRun('cron', deadPid());
    const legacy = await h.store.startRun('cli'); // no pid: from before migration 006
    const elsewhere = await h.store.startRun('cron', process.ppid); // another process that is still running
    const r = await h.run(['kunar_daily'], ALL);
    expect(r.staleRuns).toEqual([killed, legacy]);
    expect(await status(h.store, killed)).toEqual({ status: 'interrupted', finishedAt: null });
    expect(await status(h.store, legacy)).toEqual({ status: 'interrupted', finishedAt: null });
    expect((await status(h.store, elsewhere)).status).toBe('running');
    expect((await status(h.store, r.runId)).status).toBe('ok');
    expect((await h.store.getRun(killed))!.summary).toEqual({ interrupted: 'found still running at the start of a later collection; its process had ended' });
  });

  it('a run of this very process that is still going is left alone', async () => {
    const tme = await serve({ first_chan: makePosts(25), second_chan: makePosts(25) });
    const h = harness(tme);
    const inner: Promise<RunResult>[] = [];
    // while the first run is on its first page, a second run starts on the same database
    tme.faults.push(async (q) => {
      if (q.channel === 'first_chan' && inner.length === 0) inner.push(h.run(['second_chan'], ALL));
      return false;
    });
    const outer = await h.run(['first_chan'], ALL);
    expect(inner).toHaveLength(1);
    const second = await inner[0]!;
    expect(second.staleRuns).toEqual([]);
    expect((await status(h.store, outer.runId)).status).toBe('ok');
  });
});

describe('migration 006', () => {
  it("rebuilds collection_runs to allow 'interrupted' without losing any run or per-channel history", async () => {
    // a database at migration 005, with history in it
    const dir = tempDir();
    const old = join(dir, 'migrations-005');
    mkdirSync(old);
    for (const m of listMigrations().filter((m) => m.version <= 5)) copyFileSync(join(MIGRATIONS_DIR, m.name), join(old, m.name));
    const path = join(dir, 'fw.sqlite');
    const before = openTestStore(path, { migrationsDir: old });
    const db = inspectSqlite(before);
    const now = '2026-05-01T10:00:00.000Z';
    db.run("INSERT INTO channels(id, username, state, created_at, updated_at, newest_id, oldest_id) VALUES (1, 'kabul_news', 'ok', ?, ?, 600, 1)", now, now);
    db.run("INSERT INTO channels(id, username, created_at, updated_at) VALUES (2, 'herat_news', ?, ?)", now, now);
    db.run(
      `INSERT INTO posts(channel_id, message_id, posted_at, day, text, normalized_text, lang, content_hash, first_seen, last_seen)
       VALUES (1, 590, ?, '2026-05-01', 'سلام', 'سلام', 'prs', 'h1', ?, ?), (1, 600, ?, '2026-05-01', 'سلام', 'سلام', 'prs', 'h2', ?, ?)`,
      now, now, now, now, now, now,
    );
    db.run('INSERT INTO collect_segments(channel_id, lo, hi) VALUES (1, 1, 600)');
    const runs = [
      [1, 'ok', now, '{"requests":3}'],
      [2, 'partial', now, null],
      [3, 'running', null, null],
    ] as const;
    for (const [id, st, fin, sum] of runs) {
      db.run("INSERT INTO collection_runs(id, started_at, finished_at, status, trigger, summary) VALUES (?, ?, ?, ?, 'cron', ?)", id, now, fin, st, sum);
    }
    const insRc = (...values: unknown[]) =>
      db.run(
        `INSERT INTO collection_run_channels(run_id, channel_id, state, error, pages, new_posts, updated_posts, started_at, finished_at, note)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ...values,
      );
    insRc(1, 1, 'ok', null, 3, 60, 0, now, now, 'preview redirected to /s/kabul_news');
    insRc(1, 2, 'no_preview', 'no public preview', 1, 0, 0, now, now, null);
    insRc(2, 1, 'failing', 'HTTP 503', 2, 20, 1, now, now, null);
    insRc(3, 1, 'failing', 'interrupted: the run stopped before this channel finished', 0, 0, 0, now, null, null);
    const dump = (d: SqlInspector) => ({
      runs: d.all('SELECT id, started_at, finished_at, status, trigger, summary FROM collection_runs ORDER BY id'),
      perChannel: d.all('SELECT * FROM collection_run_channels ORDER BY run_id, channel_id'),
    });
    const history = dump(db);
    expect(history.perChannel).toHaveLength(4);
    await before.close();

    const after = openTestStore(path);
    const adb = inspectSqlite(after);
    expect(adb.value('SELECT max(version) FROM schema_migrations')).toBeGreaterThanOrEqual(6);
    expect(dump(adb)).toEqual(history);
    expect(adb.all('PRAGMA foreign_key_check')).toEqual([]);
    expect(adb.pragma('foreign_keys')).toBe(1);
    // the new status is allowed; anything else still is not
    adb.run("UPDATE collection_runs SET status = 'interrupted' WHERE id = 3");
    expect(() => adb.run("UPDATE collection_runs SET status = 'paused' WHERE id = 3")).toThrow(/CHECK/);
    // the rebuilt tables keep their links: deleting a run still takes its per-channel rows along
    adb.run('DELETE FROM collection_runs WHERE id = 2');
    expect(adb.value('SELECT count(*) FROM collection_run_channels WHERE run_id = 2')).toBe(0);
    expect(() => adb.run('INSERT INTO collection_run_channels(run_id, channel_id, state, started_at) VALUES (99, 1, ?, ?)', 'ok', now)).toThrow(
      /FOREIGN KEY/,
    );
    // a collected channel's newest/oldest id is now what it has stored
    expect(adb.get('SELECT newest_id, oldest_id FROM channels WHERE id = 1')).toEqual({ newest_id: 600, oldest_id: 590 });
  });
});
