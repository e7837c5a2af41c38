// The collector's state on PostgreSQL: channel rows and cursors, covered id ranges, runs and their
// per-channel rows, collection health. Channels by username; ids stay inside.
import type {
  ChannelInfoUpdate,
  ChannelListing,
  ChannelState,
  CollectionHealth,
  OpenRun,
  RunChannelRecord,
  RunRecord,
  RunStatus,
  RunSummary,
  Segment,
} from '../store.js';
import { one, rows, transaction, value, type Pool, type Queryable } from './connection.js';
import { refreshCursors } from './post-writer.js';

const INTERRUPTED = 'interrupted: the run stopped before this channel finished';
const now = (): string => new Date().toISOString();

export async function channelIdOf(q: Queryable, username: string): Promise<number | null> {
  return (await value<number>(q, 'SELECT id FROM channels WHERE username = $1', [username.replace(/^@/, '').toLowerCase()])) ?? null;
}

export async function segments(q: Queryable, channelId: number): Promise<Segment[]> {
  return rows<Segment>(q, 'SELECT lo, hi FROM collect_segments WHERE channel_id = $1 ORDER BY hi DESC', [channelId]);
}

export async function storedIdRange(q: Queryable, channelId: number): Promise<Segment | null> {
  const r = await one<{ lo: number | null; hi: number | null }>(q, 'SELECT min(message_id) AS lo, max(message_id) AS hi FROM posts WHERE channel_id = $1', [channelId]);
  return !r || r.lo === null || r.hi === null ? null : { lo: r.lo, hi: r.hi };
}

export async function resetSegments(pool: Pool, channelId: number): Promise<Segment[]> {
  return transaction(pool, async (c) => {
    const old = await rows<Segment>(c, 'DELETE FROM collect_segments WHERE channel_id = $1 RETURNING lo, hi', [channelId]);
    await refreshCursors(c, channelId);
    return old.sort((a, b) => b.hi - a.hi);
  });
}

export async function countPostsFrom(q: Queryable, channelId: number, fromId: number): Promise<number> {
  return (await value<number>(q, 'SELECT count(*) FROM posts WHERE channel_id = $1 AND message_id >= $2', [channelId, fromId]))!;
}

export async function postedAtOfLowestFrom(q: Queryable, channelId: number, fromId: number): Promise<string | null> {
  return (
    (await value<string>(q, 'SELECT posted_at FROM posts WHERE channel_id = $1 AND message_id >= $2 ORDER BY message_id LIMIT 1', [channelId, fromId])) ??
    null
  );
}

export async function updateChannelInfo(q: Queryable, channelId: number, info: ChannelInfoUpdate): Promise<void> {
  await q.query(
    `UPDATE channels SET title = coalesce($2, title), description = coalesce($3, description),
       subscribers = coalesce($4, subscribers), updated_at = $5 WHERE id = $1`,
    [channelId, info.title ?? null, info.description ?? null, info.subscribers ?? null, now()],
  );
}

export async function startRun(q: Queryable, trigger: string, pid?: number, holder?: string): Promise<number> {
  return (await value<number>(
    q,
    `INSERT INTO collection_runs(started_at, status, trigger, pid, holder, heartbeat_at) VALUES ($1, 'running', $2, $3, $4, now()) RETURNING id`,
    [now(), trigger, pid ?? null, holder ?? null],
  ))!;
}

export async function openRuns(q: Queryable): Promise<OpenRun[]> {
  const r = await rows<{ id: number; pid: number | null; startedAt: string; holder: string | null; heartbeatAt: Date | null }>(
    q,
    `SELECT id, pid, started_at AS "startedAt", holder, heartbeat_at AS "heartbeatAt" FROM collection_runs WHERE status = 'running' ORDER BY id`,
  );
  // holder and heartbeat only for runs of shared collectors (they have a holder)
  return r.map(({ holder, heartbeatAt, ...run }) => (holder ? { ...run, holder, heartbeatAt: heartbeatAt ? heartbeatAt.toISOString() : null } : run));
}

export async function markInterrupted(q: Queryable, runId: number, summary: RunSummary): Promise<void> {
  await q.query(`UPDATE collection_runs SET status = 'interrupted', summary = coalesce(summary, $1) WHERE id = $2 AND status = 'running'`, [
    JSON.stringify(summary),
    runId,
  ]);
}

export async function startRunChannel(q: Queryable, runId: number, channelId: number): Promise<void> {
  await q.query(
    `INSERT INTO collection_run_channels(run_id, channel_id, state, error, started_at) VALUES ($1, $2, 'failing', $3, $4)
     ON CONFLICT (run_id, channel_id) DO NOTHING`,
    [runId, channelId, INTERRUPTED, now()],
  );
}

export async function finishRunChannel(
  pool: Pool,
  runId: number,
  channelId: number,
  end: { state: ChannelState; error: string | null; note: string | null },
): Promise<void> {
  const t = now();
  await transaction(pool, async (c) => {
    await c.query('UPDATE collection_run_channels SET state = $3, error = $4, note = $5, finished_at = $6 WHERE run_id = $1 AND channel_id = $2', [
      runId,
      channelId,
      end.state,
      end.error,
      end.note,
      t,
    ]);
    await c.query('UPDATE channels SET state = $2, last_error = $3, last_run_id = $4, updated_at = $5 WHERE id = $1', [channelId, end.state, end.error, runId, t]);
  });
}

export async function finishRun(q: Queryable, runId: number, status: RunStatus, summary: RunSummary): Promise<void> {
  await q.query('UPDATE collection_runs SET status = $1, finished_at = $2, summary = $3 WHERE id = $4', [status, now(), JSON.stringify(summary), runId]);
}

export async function getRun(q: Queryable, runId: number): Promise<RunRecord | null> {
  const r = await one<{ id: number; started_at: string; finished_at: string | null; status: RunStatus; trigger: string; pid: number | null; summary: string | null }>(
    q,
    'SELECT id, started_at, finished_at, status, trigger, pid, summary FROM collection_runs WHERE id = $1',
    [runId],
  );
  if (!r) return null;
  const channels = await rows<RunChannelRecord>(
    q,
    `SELECT c.username AS channel, rc.state, rc.error, rc.note, rc.pages, rc.new_posts AS "newPosts", rc.updated_posts AS "updatedPosts",
            rc.started_at AS "startedAt", rc.finished_at AS "finishedAt"
       FROM collection_run_channels rc JOIN channels c ON c.id = rc.channel_id WHERE rc.run_id = $1 ORDER BY c.username`,
    [runId],
  );
  return {
    id: r.id,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    status: r.status,
    trigger: r.trigger,
    pid: r.pid,
    summary: r.summary === null ? null : (JSON.parse(r.summary) as RunSummary),
    channels,
  };
}

export async function listChannels(q: Queryable): Promise<ChannelListing[]> {
  return rows<ChannelListing>(
    q,
    `SELECT c.username, c.title, c.subscribers, c.state, c.last_error AS "lastError",
            s.hi AS "newestId", s.lo AS "oldestId", coalesce(s.n, 0) AS posts, s.last AS "lastPostAt",
            c.last_run_id AS "lastRunId", coalesce(rc.finished_at, rc.started_at, r.started_at) AS "lastRunAt",
            r.status AS "lastRunStatus", rc.note AS "lastRunNote"
       FROM channels c
       LEFT JOIN LATERAL (SELECT max(message_id) AS hi, min(message_id) AS lo, count(*) AS n, max(posted_at) AS last
                            FROM posts p WHERE p.channel_id = c.id) s ON true
       LEFT JOIN collection_runs r ON r.id = c.last_run_id
       LEFT JOIN collection_run_channels rc ON rc.run_id = c.last_run_id AND rc.channel_id = c.id
      ORDER BY c.username`,
  );
}

export async function health(q: Queryable): Promise<CollectionHealth> {
  const byState: Record<string, number> = {};
  let total = 0;
  for (const r of await rows<{ state: string; n: number }>(q, 'SELECT state, count(*) AS n FROM channels GROUP BY state')) {
    byState[r.state] = r.n;
    total += r.n;
  }
  const problems = (
    await rows<{ username: string; state: string; last_error: string | null }>(
      q,
      `SELECT username, state, last_error FROM channels WHERE state IN ('failing', 'not_found', 'no_preview') ORDER BY state, username`,
    )
  ).map((r) => ({ username: r.username, state: r.state, lastError: r.last_error }));
  const run = await one<{ id: number; started_at: string; finished_at: string | null; status: string }>(
    q,
    'SELECT id, started_at, finished_at, status FROM collection_runs ORDER BY id DESC LIMIT 1',
  );
  return {
    totalChannels: total,
    byState,
    problems,
    lastRun: run ? { id: run.id, startedAt: run.started_at, finishedAt: run.finished_at, status: run.status } : null,
  };
}
