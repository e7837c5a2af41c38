// Two processes on one database: a writer holding the write lock must neither fail another writer
// (it waits) nor a reader (it never needs the lock). The other "process" is a worker thread with
// its own SQLite connection, which holds the lock until the test releases it.
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { runCommand } from '../../../src/bot/bot-commands.js';
import { syncFtsIfFree } from '../../../src/store/sqlite/fts-index.js';
import { BUSY_TIMEOUT_MS } from '../../../src/store/sqlite/open-database.js';
import { inspectSqlite, sqliteDriverPath } from '../../../src/store/sqlite/sqlite-inspect.js';
import { connectionOf } from '../../../src/store/sqlite/sqlite-store.js';
import { parseTextQuery } from '../../../src/store/text-query.js';
import type { IncomingPost } from '../../../src/types.js';
import { testPipeline } from '../../helpers/temp-store.js';
import { runCliAsync } from '../../bot/run-cli-async.js';

// The holder: BEGIN IMMEDIATE, one write, then waits for the release signal (or holdMs), commits.
const HOLDER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { timeout: 0 });
db.exec('BEGIN IMMEDIATE');
db.prepare("INSERT INTO settings(key, value) VALUES ('lock_holder', 'worker') ON CONFLICT(key) DO UPDATE SET value = excluded.value").run();
parentPort.postMessage('locked');
Atomics.wait(new Int32Array(workerData.release), 0, 0, workerData.holdMs);
db.exec('COMMIT');
db.close();
parentPort.postMessage('released');
`;

interface Holder {
  /** Lets the worker commit now. */
  release(): void;
  /** Resolves once the worker has committed and closed. */
  done: Promise<void>;
}

const holders: Holder[] = [];
afterEach(async () => {
  for (const h of holders.splice(0)) {
    h.release();
    await h.done;
  }
});

/** Starts a worker that holds the database's write lock until release() or holdMs. */
async function holdWriteLock(path: string, holdMs = 60_000): Promise<Holder> {
  const release = new SharedArrayBuffer(4);
  const worker = new Worker(HOLDER, {
    eval: true,
    workerData: { path, holdMs, release, driver: sqliteDriverPath() },
  });
  const done = new Promise<void>((resolve, reject) => {
    worker.on('error', reject);
    worker.on('exit', () => resolve());
  });
  await new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
  });
  const h = {
    release: () => {
      const flag = new Int32Array(release);
      Atomics.store(flag, 0, 1);
      Atomics.notify(flag, 0);
    },
    done,
  };
  holders.push(h);
  return h;
}

const posts = (from: number, texts: string[]): IncomingPost[] =>
  texts.map((text, i) => ({ channel: 'almirsaad_lock', messageId: from + i, postedAt: `2026-05-0${1 + (i % 9)}T08:00:00Z`, text }));

const TEXTS = [
  'خوارج د اسلام په نوم د مسلمانانو وینه تویوي',
  'الخوارج كلاب أهل النار',
  'خوارج در کابل حمله کردند',
  'The khawarij attacked a mosque in Kunduz again.',
];

describe('a second writer waits for the lock instead of failing', () => {
  it('every connection has the busy timeout', () => {
    const { store } = testPipeline();
    expect(inspectSqlite(store).pragma('busy_timeout')).toBe(BUSY_TIMEOUT_MS);
  });

  it('a transaction that reads before it writes (as ingest does) waits for the other writer', async () => {
    const { store, pipeline } = testPipeline();
    const holder = await holdWriteLock(store.location, 400);
    // A deferred BEGIN would read first and then fail its upgrade at once with "database is locked".
    const counts = await pipeline.ingest(posts(1, TEXTS));
    expect(counts.new).toBe(4);
    await holder.done;
    expect(await store.getSetting('lock_holder')).toBe('worker');
  });

  it('the writer catch-up of the full-text index waits for the lock too', async () => {
    const { store, pipeline } = testPipeline();
    await pipeline.ingest(posts(1, TEXTS));
    const holder = await holdWriteLock(store.location, 400);
    expect(await store.syncTextIndex()).toBe(4);
    await holder.done;
    expect(await store.pendingTextIndex()).toBe(0);
  });
});

describe('a reader never needs the write lock', () => {
  it('query --text searches what is indexed while a writer holds the lock, and counts what it left out', async () => {
    const { store, pipeline } = testPipeline();
    await pipeline.ingest(posts(1, TEXTS.slice(0, 2)));
    await store.syncTextIndex();
    await pipeline.ingest(posts(10, TEXTS.slice(2))); // stored, not indexed yet
    await holdWriteLock(store.location);
    const rows = await store.queryPosts({ text: parseTextQuery('خوارج'), limit: 10 });
    expect(rows.map((r) => r.id).sort()).toEqual([1]);
    expect(await store.pendingTextIndex()).toBe(2);
    expect(syncFtsIfFree(connectionOf(store))).toEqual({ indexed: 0, pending: 2 });
    // The bot's text search as well.
    const reply = (await runCommand('query', 'خوارج', { store, timezone: 'UTC' })).join('\n');
    expect(reply).toContain('the 1 newest');
    expect(reply).toContain('almirsaad_lock/1<');
  });

  it('once the lock is free, the next search catches up by itself', async () => {
    const { store, pipeline } = testPipeline();
    await pipeline.ingest(posts(1, TEXTS));
    const holder = await holdWriteLock(store.location);
    expect(syncFtsIfFree(connectionOf(store)).pending).toBe(4);
    holder.release();
    await holder.done;
    const rows = await store.queryPosts({ text: parseTextQuery('خوارج'), limit: 10 });
    expect(rows.map((r) => r.id).sort()).toEqual([1, 3]);
    expect(await store.pendingTextIndex()).toBe(0);
  });

  it('the CLI: exit 0, the hits, and a one-line note instead of "database is locked"', async () => {
    const { store, pipeline } = testPipeline();
    await pipeline.ingest(posts(1, TEXTS.slice(0, 1)));
    await store.syncTextIndex();
    await pipeline.ingest(posts(10, TEXTS.slice(1)));
    const path = store.location;
    await store.close();
    await holdWriteLock(path);
    const r = await runCliAsync(['query', '--db', path, '--text', 'خوارج', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { id: number }[]).map((x) => x.id)).toEqual([1]);
    expect(r.stderr).toMatch(/^note: --text searched the indexed posts only; 3 post\(s\) stored in the last moments are not indexed yet[^\n]*\n$/);
  });

  it('trend and digest read while a writer holds the lock', async () => {
    const { store, pipeline } = testPipeline();
    await pipeline.ingest(posts(1, TEXTS));
    const path = store.location;
    await store.close();
    await holdWriteLock(path);
    const trend = await runCliAsync(['trend', '--db', path]);
    expect(trend.code, trend.stderr).toBe(0);
    expect(trend.stdout.split('\r\n')[0]).toBe('date,frame,posts,all_posts,share');
    const digest = await runCliAsync(['digest', '--db', path, '--date', '2026-05-01']);
    expect(digest.code, digest.stderr).toBe(0);
  });
});
