// A throwaway PostgreSQL cluster for the tests (vitest globalSetup) and the bench (--backend
// postgres): initdb into a temporary folder, pg_ctl start on a free local port (socket in the same
// folder), and stop + delete afterwards. As root, the server runs as the `postgres` user (PostgreSQL
// refuses to run as root).
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

export interface PgCluster {
  /** Superuser URL of the `postgres` database (trust auth, local TCP). */
  url: string;
  stop(): void;
}

/** The folder of initdb and pg_ctl, or null when PostgreSQL is not installed. */
export function pgBinDir(): string | null {
  for (const dir of ['/usr/lib/postgresql']) {
    if (!existsSync(dir)) continue;
    const versions = readdirSync(dir).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) if (existsSync(join(dir, v, 'bin', 'initdb'))) return join(dir, v, 'bin');
  }
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  const found = which.stdout.trim();
  return which.status === 0 && found ? join(found, '..') : null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function postgresIds(): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

/** Starts a cluster; throws with initdb's or pg_ctl's words when it cannot. */
export async function startPgCluster(opts: { bin?: string } = {}): Promise<PgCluster> {
  const bin = opts.bin ?? pgBinDir();
  if (!bin) throw new Error('PostgreSQL is not installed (initdb not found): apt-get install -y postgresql');
  const root = userInfo().uid === 0;
  const dir = mkdtempSync(join(tmpdir(), 'framewatch-pg-'));
  const data = join(dir, 'data');
  if (root) {
    const { uid, gid } = postgresIds();
    chownSync(dir, uid, gid);
    chmodSync(dir, 0o700);
  }
  const as = (args: string[]): void => {
    const cmd = root ? ['su', 'postgres', '-s', '/bin/sh', '-c', args.map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ')] : args;
    const r = spawnSync(cmd[0]!, cmd.slice(1), { encoding: 'utf8', cwd: dir });
    if (r.status !== 0) throw new Error(`${args[0]} failed: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' | ')}`);
  };
  try {
    as([join(bin, 'initdb'), '-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  } catch {
    as([join(bin, 'initdb'), '-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
  }
  const port = await freePort();
  // fsync off: a test cluster never needs to survive a power cut, and it makes every commit cheap.
  const settings = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  as([join(bin, 'pg_ctl'), '-D', data, '-o', settings, '-l', join(dir, 'server.log'), '-w', 'start']);
  let stopped = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        as([join(bin, 'pg_ctl'), '-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
