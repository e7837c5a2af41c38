// Collection runs end 'interrupted' when stopped, and runs left 'running' by a process that died are
// marked so at the start of the next collection; migration 006 keeps the run history (item 17).
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/collect/collect-run.js';
import { MIGRATIONS_DIR } from '../../src/paths.js';
import { createCollectionStore } from '../../src/store/collection-store.js';
import { listMigrations, openStore } from '../../src/store/open-store.js';
import { tempDir } from '../helpers/temp-store.js';
import { makePosts } from './fake-tme.js';
import { ALL, harness, serve } from './harness.js';

/** The pid of a process that has certainly ended. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

const status = (db: Database.Database, id: number) =>
  db.prepare('SELECT status, finished_at AS finishedAt FROM collection_runs WHERE id = ?').get(id) as { status: string; finishedAt: string | null };

describe('run status', () => {
  it("runs left 'running' by a process that ended are marked interrupted when the next run starts; live ones are not", async () => {
    const tme = await serve({ kunar_daily: makePosts(25) });
    const h = harness(tme);
    const cstore = createCollectionStore(h.store.db);
    const killed = cstore.startRun('cron', deadPid());
    const legacy = cstore.startRun('cli'); // no pid: from before migration 006
    const elsewhere = cstore.startRun('cron', process.ppid); // another process that is still running
    const r = await h.run(['kunar_daily'], ALL);
    expect(r.staleRuns).toEqual([killed, legacy]);
    expect(status(h.store.db, killed)).toEqual({ status: 'interrupted', finishedAt: null });
    expect(status(h.store.db, legacy)).toEqual({ status: 'interrupted', finishedAt: null });
    expect(status(h.store.db, elsewhere).status).toBe('running');
    expect(status(h.store.db, r.runId).status).toBe('ok');
    const summary = h.store.db.prepare('SELECT summary FROM collection_runs WHERE id = ?').pluck().get(killed) as string;
    expect(JSON.parse(summary)).toEqual({ interrupted: 'found still running at the start of a later collection; its process had ended' });
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
    expect(status(h.store.db, outer.runId).status).toBe('ok');
  });
});

describe('migration 006', () => {
  it("rebuilds collection_runs to allow 'interrupted' without losing any run or per-channel history", () => {
    // a database at migration 005, with history in it
    const dir = tempDir();
    const old = join(dir, 'migrations-005');
    mkdirSync(old);
    for (const m of listMigrations().filter((m) => m.version <= 5)) copyFileSync(join(MIGRATIONS_DIR, m.name), join(old, m.name));
    const path = join(dir, 'fw.sqlite');
    const before = openStore(path, { migrationsDir: old });
    const db = before.db;
    const now = '2026-05-01T10:00:00.000Z';
    db.prepare("INSERT INTO channels(id, username, state, created_at, updated_at, newest_id, oldest_id) VALUES (1, 'kabul_news', 'ok', ?, ?, 600, 1)").run(now, now);
    db.prepare("INSERT INTO channels(id, username, created_at, updated_at) VALUES (2, 'herat_news', ?, ?)").run(now, now);
    db.prepare(
      `INSERT INTO posts(channel_id, message_id, posted_at, day, text, normalized_text, lang, content_hash, first_seen, last_seen)
       VALUES (1, 590, ?, '2026-05-01', 'سلام', 'سلام', 'prs', 'h1', ?, ?), (1, 600, ?, '2026-05-01', 'سلام', 'سلام', 'prs', 'h2', ?, ?)`,
    ).run(now, now, now, now, now, now);
    db.prepare('INSERT INTO collect_segments(channel_id, lo, hi) VALUES (1, 1, 600)').run();
    const runs = [
      [1, 'ok', now, '{"requests":3}'],
      [2, 'partial', now, null],
      [3, 'running', null, null],
    ] as const;
    for (const [id, st, fin, sum] of runs) {
      db.prepare("INSERT INTO collection_runs(id, started_at, finished_at, status, trigger, summary) VALUES (?, ?, ?, ?, 'cron', ?)").run(id, now, fin, st, sum);
    }
    const insRc = db.prepare(
      `INSERT INTO collection_run_channels(run_id, channel_id, state, error, pages, new_posts, updated_posts, started_at, finished_at, note)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    insRc.run(1, 1, 'ok', null, 3, 60, 0, now, now, 'preview redirected to /s/kabul_news');
    insRc.run(1, 2, 'no_preview', 'no public preview', 1, 0, 0, now, now, null);
    insRc.run(2, 1, 'failing', 'HTTP 503', 2, 20, 1, now, now, null);
    insRc.run(3, 1, 'failing', 'interrupted: the run stopped before this channel finished', 0, 0, 0, now, null, null);
    const dump = (d: Database.Database) => ({
      runs: d.prepare('SELECT id, started_at, finished_at, status, trigger, summary FROM collection_runs ORDER BY id').all(),
      perChannel: d.prepare('SELECT * FROM collection_run_channels ORDER BY run_id, channel_id').all(),
    });
    const history = dump(db);
    expect(history.perChannel).toHaveLength(4);
    before.close();

    const after = openStore(path);
    const adb = after.db;
    expect(adb.prepare('SELECT max(version) FROM schema_migrations').pluck().get()).toBeGreaterThanOrEqual(6);
    expect(dump(adb)).toEqual(history);
    expect(adb.pragma('foreign_key_check')).toEqual([]);
    expect(adb.pragma('foreign_keys', { simple: true })).toBe(1);
    // the new status is allowed; anything else still is not
    adb.prepare("UPDATE collection_runs SET status = 'interrupted' WHERE id = 3").run();
    expect(() => adb.prepare("UPDATE collection_runs SET status = 'paused' WHERE id = 3").run()).toThrow(/CHECK/);
    // the rebuilt tables keep their links: deleting a run still takes its per-channel rows along
    adb.prepare('DELETE FROM collection_runs WHERE id = 2').run();
    expect(adb.prepare('SELECT count(*) FROM collection_run_channels WHERE run_id = 2').pluck().get()).toBe(0);
    expect(() => adb.prepare('INSERT INTO collection_run_channels(run_id, channel_id, state, started_at) VALUES (99, 1, ?, ?)').run('ok', now)).toThrow(
      /FOREIGN KEY/,
    );
    // a collected channel's newest/oldest id is now what it has stored
    expect(adb.prepare('SELECT newest_id, oldest_id FROM channels WHERE id = 1').get()).toEqual({ newest_id: 600, oldest_id: 590 });
    after.close();
  });
});
