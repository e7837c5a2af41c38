// The shared collection list and channel leases on PostgreSQL (see channel_leases in 001-initial.sql).
// Times are the database's clock, so hosts with skewed clocks still agree on who holds what.
import type { ChannelLease, ClaimOptions } from '../store.js';
import { rows, transaction, value, type Pool, type Queryable } from './connection.js';
import { ensureChannel } from './post-writer.js';

export async function enlistChannels(pool: Pool, usernames: readonly string[]): Promise<void> {
  if (!usernames.length) return;
  await transaction(pool, async (c) => {
    const ids: number[] = [];
    for (const u of [...new Set(usernames.map((n) => n.toLowerCase()))].sort()) ids.push(await ensureChannel(c, { username: u }));
    await c.query('INSERT INTO channel_leases(channel_id) SELECT unnest($1::bigint[]) ON CONFLICT DO NOTHING', [ids]);
  });
}

export async function collectionList(q: Queryable): Promise<string[]> {
  return (await rows<{ username: string }>(q, 'SELECT c.username FROM channel_leases l JOIN channels c ON c.id = l.channel_id ORDER BY c.username')).map(
    (r) => r.username,
  );
}

export async function clock(q: Queryable): Promise<string> {
  return (await value<Date>(q, 'SELECT now()'))!.toISOString();
}

/**
 * The row is locked with FOR UPDATE SKIP LOCKED: two collectors claiming at the same moment take
 * different channels, and neither waits for the other.
 */
export async function claimChannel(pool: Pool, holder: string, opts: ClaimOptions): Promise<string | null> {
  if (opts.only) await enlistChannels(pool, opts.only);
  return transaction(pool, async (c) => {
    const only = opts.only ? opts.only.map((n) => n.toLowerCase()) : null;
    const got = await rows<{ channel_id: number; username: string }>(
      c,
      `SELECT l.channel_id, ch.username FROM channel_leases l JOIN channels ch ON ch.id = l.channel_id
        WHERE (l.holder IS NULL OR l.expires_at <= now())
          AND ($1::timestamptz IS NULL OR l.done_at IS NULL OR l.done_at < $1::timestamptz)
          AND ($2::text[] IS NULL OR ch.username = ANY($2::text[]))
        ORDER BY l.done_at NULLS FIRST, ch.username
        LIMIT 1
        FOR UPDATE OF l SKIP LOCKED`,
      [opts.notDoneSince ?? null, only],
    );
    const row = got[0];
    if (!row) return null;
    await c.query(
      `UPDATE channel_leases SET holder = $2, taken_at = now(), heartbeat_at = now(), expires_at = now() + $3 * interval '1 millisecond'
        WHERE channel_id = $1`,
      [row.channel_id, holder, opts.ttlMs],
    );
    return row.username;
  });
}

export async function renewLeases(pool: Pool, holder: string, ttlMs: number): Promise<string[]> {
  return transaction(pool, async (c) => {
    await c.query(`UPDATE collection_runs SET heartbeat_at = now() WHERE holder = $1 AND status = 'running'`, [holder]);
    const held = await rows<{ username: string }>(
      c,
      `UPDATE channel_leases l SET heartbeat_at = now(), expires_at = now() + $2 * interval '1 millisecond'
         FROM channels ch WHERE ch.id = l.channel_id AND l.holder = $1 AND l.expires_at > now()
       RETURNING ch.username`,
      [holder, ttlMs],
    );
    return held.map((r) => r.username).sort();
  });
}

export async function releaseLease(q: Queryable, channel: string, holder: string, done: boolean): Promise<void> {
  await q.query(
    `UPDATE channel_leases l SET holder = NULL, expires_at = NULL, heartbeat_at = NULL
       ${done ? ', done_at = now(), done_by = $2' : ''}
      FROM channels ch WHERE ch.id = l.channel_id AND ch.username = $1 AND l.holder = $2`,
    [channel.toLowerCase(), holder],
  );
}

export async function leases(q: Queryable): Promise<ChannelLease[]> {
  const r = await rows<{ channel: string; holder: string | null; expires_at: Date | null; heartbeat_at: Date | null; done_at: Date | null; done_by: string | null }>(
    q,
    `SELECT ch.username AS channel,
            CASE WHEN l.expires_at > now() THEN l.holder END AS holder,
            CASE WHEN l.expires_at > now() THEN l.expires_at END AS expires_at,
            CASE WHEN l.expires_at > now() THEN l.heartbeat_at END AS heartbeat_at,
            l.done_at, l.done_by
       FROM channel_leases l JOIN channels ch ON ch.id = l.channel_id ORDER BY ch.username`,
  );
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return r.map((x) => ({
    channel: x.channel,
    holder: x.holder,
    expiresAt: iso(x.expires_at),
    heartbeatAt: iso(x.heartbeat_at),
    doneAt: iso(x.done_at),
    doneBy: x.done_by,
  }));
}
