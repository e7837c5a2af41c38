// Several collectors on one PostgreSQL database (issue 13): three `run --role collector --once`
// processes share 30 channels of 5 pages each through the database's collection list and channel
// leases. One of them is killed with SIGKILL in the middle of a channel; the others finish the pass,
// one of them continuing the killed collector's channel from its stored ranges once the lease
// expires. Each collector reaches the stand-in through its own listener, so the request log says
// who fetched what, and when.
import { afterEach, describe, expect, it } from 'vitest';
import { openTestPgStore, pgTestsRun, tempPgDatabase } from '../helpers/pg-test-store.js';
import { cli, type Child, until } from './cli-harness.js';
import { makePosts, startFakeTme, type FakeTme, type Req } from './fake-tme.js';

const CHANNELS = Array.from({ length: 30 }, (_, i) => `team_chan_${String(i).padStart(2, '0')}`);
const POSTS = 100; // 5 pages of 20

let tme: FakeTme | null = null;
afterEach(async () => {
  await tme?.close();
  tme = null;
});

describe.runIf(pgTestsRun())('distributed collection on PostgreSQL', () => {
  it('3 collectors, one killed mid-channel: every post exactly once, no channel fetched by two collectors at once', async () => {
    const db = await tempPgDatabase();
    tme = await startFakeTme(Object.fromEntries(CHANNELS.map((c) => [c, makePosts(POSTS)])), { listeners: 3 });
    tme.delayMs = 20;
    const env = (i: number) => ({
      CHANNELS: CHANNELS.join(','),
      TME_BASE_URL: tme!.urls[i]!,
      COLLECT_MIN_INTERVAL_MS: '60',
      COLLECT_LEASE_MS: '2000',
      TIMEZONE: 'UTC',
    });
    const args = ['--db', db, 'run', '--role', 'collector', '--once'];
    const children: (Child | null)[] = [null, null, null];
    const runs = [0, 1, 2].map((i) => cli(args, { env: env(i), onStart: (c) => (children[i] = c) }));

    // Kill collector 0 inside a channel: when it asks for the third page, the first two are committed
    // (a page is committed before the next is asked for), and two more are still to go.
    const requests = tme.requests;
    let victim: string | null = null;
    await until(() => {
      const mine = requests.filter((r) => r.via === 0 && r.channel);
      const current = mine.at(-1)?.channel;
      if (!current || mine.filter((r) => r.channel === current).length !== 3) return false;
      victim = current;
      return true;
    }, 60_000);
    const killedAt = Date.now();
    children[0]!.kill('SIGKILL');
    const [killed, ...survivors] = await Promise.all(runs);
    expect(killed!.signal).toBe('SIGKILL');
    for (const s of survivors) expect(s.code, s.stderr).toBe(0);

    // Every post of every channel, exactly once.
    const store = await openTestPgStore(db, { timezone: 'UTC' });
    expect(await store.sizes()).toMatchObject({ posts: CHANNELS.length * POSTS, channels: CHANNELS.length });
    for (const c of CHANNELS) {
      const rows = await store.queryPosts({ channels: [c], limit: 1000 });
      expect(rows.map((r) => r.id).sort((a, b) => a - b), c).toEqual(Array.from({ length: POSTS }, (_, i) => i + 1));
    }
    expect(await store.aggregateDrift()).toEqual([]);

    // The request log: per channel, one collector after the other, never two at once.
    const byChannel = new Map<string, Req[]>();
    for (const r of requests) if (r.channel) byChannel.set(r.channel, [...(byChannel.get(r.channel) ?? []), r]);
    expect([...byChannel.keys()].sort()).toEqual(CHANNELS);
    for (const [channel, reqs] of byChannel) {
      const collectors = reqs.map((r) => r.via).filter((v, i, a) => i === 0 || a[i - 1] !== v);
      for (let i = 1; i < reqs.length; i++) {
        // never two requests for one channel in flight together
        expect(reqs[i]!.at, channel).toBeGreaterThanOrEqual(reqs[i - 1]!.doneAt || reqs[i - 1]!.at);
      }
      if (channel !== victim) {
        expect(collectors, channel).toHaveLength(1);
        continue;
      }
      // The killed collector's channel: taken over once, after the kill, from the stored ranges: only
      // the latest page is read again, never an older page the killed one had committed (all it asked
      // for but the page in hand when it died).
      expect(collectors[0]).toBe(0);
      expect(collectors).toHaveLength(2);
      const first = reqs.filter((r) => r.via === 0);
      const next = reqs.filter((r) => r.via !== 0);
      expect(next[0]!.at).toBeGreaterThan(killedAt);
      const committed = first.slice(0, -1);
      const olderPagesAgain = next.filter((r) => r.before !== null && committed.some((f) => f.before === r.before));
      expect(olderPagesAgain, JSON.stringify({ first: first.map((r) => r.path), next: next.map((r) => r.path) })).toEqual([]);
    }
    const per = [0, 1, 2].map((v) => requests.filter((r) => r.via === v).length);
    console.log(`distributed: ${requests.length} requests (collectors ${per.join('/')}), ${victim} killed mid-channel and taken over`);
    // Every survivor did a share, and the killed one's work before the kill is kept.
    for (const v of [1, 2]) expect(requests.some((r) => r.via === v)).toBe(true);

    // The killed collector's run is found and marked interrupted by the next pass. A pass is a clock
    // minute (run.ts): in the minute the pass above ended, every channel is done and nothing is
    // fetched again. When the minute has turned meanwhile (a slow machine), the channels finished in
    // an earlier minute are due again: each costs one request for its newest page, which holds
    // nothing new, and never an older page.
    const before = requests.length;
    const doneAt = new Map((await store.leases()).map((l) => [l.channel, Date.parse(l.doneAt ?? '')]));
    const again = await cli(args, { env: env(1) });
    const endedMinute = Math.floor(Date.now() / 60_000);
    expect(again.code, again.stderr).toBe(0);
    const due = new Set(CHANNELS.filter((c) => Math.floor(doneAt.get(c)! / 60_000) < endedMinute));
    const extra = requests.slice(before);
    expect(extra.filter((r) => !r.channel || !due.has(r.channel) || r.before !== null)).toEqual([]);
    expect(new Set(extra.map((r) => r.channel)).size).toBe(extra.length);
    expect(await store.sizes()).toMatchObject({ posts: CHANNELS.length * POSTS });
    console.log(`distributed: the next pass fetched ${extra.length} newest page(s); ${due.size} channel(s) were done in an earlier minute`);
    expect(await store.openRuns()).toEqual([]);
    const leases = await store.leases();
    expect(leases.map((l) => l.holder)).toEqual(CHANNELS.map(() => null));
    expect(leases.every((l) => l.doneAt !== null)).toBe(true);
  }, 180_000);
});
