// The compiled CLI in child processes against the local t.me stand-in (npm test compiles first).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { inspectSqlite } from '../../src/store/sqlite/sqlite-inspect.js';
import { CLI } from '../helpers/run-cli.js';
import { startFakeTme, type FakeTme } from './fake-tme.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

export function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'framewatch-collect-'));
  cleanup.push(() => rmSync(d, { recursive: true, force: true }));
  return d;
}

export async function serve(channels: Parameters<typeof startFakeTme>[0]): Promise<FakeTme> {
  const s = await startFakeTme(channels);
  cleanup.push(() => s.close());
  return s;
}

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export const ENV = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', TIMEZONE: 'UTC', COLLECT_MIN_INTERVAL_MS: '0' };

/** A running CLI child: signal it, and read what it printed so far. */
export interface Child {
  kill(signal?: NodeJS.Signals): void;
  stdout(): string;
  stderr(): string;
}

/** Runs the CLI without blocking this process (the server lives here). `onStart` may signal it. */
export function cli(
  args: string[],
  opts: { env?: Record<string, string>; onStart?: (child: Child) => void; input?: string } = {},
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: tmpdir(), env: { ...ENV, ...opts.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    child.stdin.end(opts.input ?? '');
    opts.onStart?.({ kill: (sig = 'SIGKILL') => void child.kill(sig), stdout: () => stdout, stderr: () => stderr });
  });
}

/** Resolves once `check` holds (polled); rejects after `ms` so a test fails instead of hanging. */
export function until(check: () => boolean, ms = 20_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const timer = setInterval(() => {
      if (check()) {
        clearInterval(timer);
        resolve();
      } else if (Date.now() - t0 > ms) {
        clearInterval(timer);
        reject(new Error(`condition not met within ${ms} ms`));
      }
    }, 5);
  });
}

/** Rows of one query on a database file, opened read-only for it. */
export function query<T>(path: string, sql: string, ...params: unknown[]): T[] {
  const db = inspectSqlite(path);
  try {
    return db.all<T>(sql, ...params);
  } finally {
    db.close();
  }
}

/** Everything the collector and the pipeline wrote about posts, in a comparable form. */
export function snapshot(dbPath: string) {
  const db = inspectSqlite(dbPath);
  try {
    return {
      posts: db.all(
        `SELECT c.username, p.message_id, p.posted_at, p.day, p.text, p.lang, p.views,
                p.forwarded_from, p.reply_to, p.edited, p.media_kinds, p.links, p.is_service, p.content_hash
           FROM posts p JOIN channels c ON c.id = p.channel_id ORDER BY c.username, p.message_id`,
      ),
      frames: db.all(
        `SELECT p.message_id, v.value AS frame, f.score FROM post_frames f JOIN posts p ON p.id = f.post_id JOIN vocab v ON v.id = f.frame_id ORDER BY 1, 2`,
      ),
      daily: db.all('SELECT day, lang, posts FROM daily_post_counts ORDER BY day, lang'),
      dailyFrames: db.all(
        'SELECT d.day, d.lang, v.value AS frame, d.posts FROM daily_frame_counts d JOIN vocab v ON v.id = d.frame_id ORDER BY 1, 2, 3',
      ),
    };
  } finally {
    db.close();
  }
}

