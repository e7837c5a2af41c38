// `framewatch collect` in a child process: Ctrl-C (SIGINT) or SIGTERM finishes the page in hand,
// records the run as interrupted and prints the summary (item 17); each channel's line is printed as
// soon as the channel is done (item 19).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Child, cli, query, serve, tmp, until } from './cli-harness.js';
import { makePosts } from './fake-tme.js';

const runsOf = (path: string) =>
  query<{ id: number; status: string; finishedAt: string | null }>(path, 'SELECT id, status, finished_at AS finishedAt FROM collection_runs ORDER BY id');
const idsOf = (path: string, channel: string) =>
  query<{ id: number }>(path, 'SELECT p.message_id AS id FROM posts p JOIN channels c ON c.id = p.channel_id WHERE c.username = ? ORDER BY 1', channel).map(
    (r) => r.id,
  );

describe('framewatch collect and signals (compiled CLI)', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    '%s while a page is on its way: the page is stored, the run is interrupted, the summary is printed, and a rerun resumes',
    async (sig) => {
      const tme = await serve({ first_chan: makePosts(45), long_chan: makePosts(400), third_chan: makePosts(30) });
      const db = join(tmp(), 'x.sqlite');
      let child: Child | null = null;
      // the signal arrives while long_chan's page before=341 is being served; that page is answered
      // only once the collector has said it is stopping
      tme.faults.push(async (q) => {
        if (q.channel !== 'long_chan' || q.before !== 341 || !child) return false;
        const c = child;
        c.kill(sig);
        await until(() => c.stderr().includes('finishing the page in hand'));
        return false;
      });
      const args = ['collect', 'first_chan', 'long_chan', 'third_chan', '--limit', '300', '--base-url', tme.url, '--db', db];
      const r = await cli(args, { onStart: (c) => (child = c) });
      expect(r.signal).toBeNull(); // it exited by itself
      expect(r.code).toBe(1);
      const lines = r.stdout.trim().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^first_chan\s+ok\s+45 new/);
      expect(lines[1]).toMatch(/^long_chan\s+ok\s+80 new, .*; 4 pages, ids 321\.\.400.*\(stopped early: shutting down\)$/);
      expect(r.stderr).toContain(`${sig}: finishing the page in hand, then stopping (${sig} again to exit at once)`);
      expect(r.stderr).toMatch(
        new RegExp(
          `^interrupted by ${sig}: run #1 is recorded as interrupted; every committed page is kept; not collected: third_chan\\. Run the same command again to resume\\.$`,
          'm',
        ),
      );
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(tme.requests.some((q) => q.channel === 'third_chan')).toBe(false);

      expect(runsOf(db)).toEqual([{ id: 1, status: 'interrupted', finishedAt: expect.any(String) }]);
      expect(idsOf(db, 'long_chan')).toEqual(Array.from({ length: 80 }, (_, i) => 321 + i)); // the page in hand is kept

      const again = await cli(args);
      expect(again.code).toBe(0);
      expect(runsOf(db).map((x) => x.status)).toEqual(['interrupted', 'ok']);
      expect(idsOf(db, 'long_chan')).toHaveLength(300);
      expect(idsOf(db, 'third_chan')).toHaveLength(30);
    },
    60_000,
  );

  it('prints each channel as soon as it is done, not all at the end', async () => {
    const tme = await serve({ early_chan: makePosts(10), late_chan: makePosts(10) });
    let child: Child | null = null;
    let earlyLineSeen = false;
    // late_chan is answered only after early_chan's line has reached stdout
    tme.faults.push(async (q) => {
      if (q.channel !== 'late_chan' || !child) return false;
      const c = child;
      await until(() => /^early_chan\s+ok\s+10 new/m.test(c.stdout()), 10_000).then(
        () => (earlyLineSeen = true),
        () => undefined,
      );
      return false;
    });
    const r = await cli(['collect', 'early_chan', 'late_chan', '--base-url', tme.url, '--db', join(tmp(), 'x.sqlite')], {
      onStart: (c) => (child = c),
    });
    expect(r.code).toBe(0);
    expect(earlyLineSeen).toBe(true);
    expect(r.stdout).toMatch(/^early_chan\s+ok\s+10 new.*\nlate_chan\s+ok\s+10 new/m);
  }, 60_000);
});
