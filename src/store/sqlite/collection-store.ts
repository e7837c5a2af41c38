// All SQL of the collector: channel state and cursors, covered id ranges, runs. Channels by row id;
// the adapter maps usernames.
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
import type { Db } from './open-database.js';

export interface RunChannelProgress {
  pages: number;
  newPosts: number;
  updatedPosts: number;
}

export interface CollectionSql {
  /** The channel's id by its (lower-cased) username, or null when it is not in the database. */
  findChannelId(username: string): number | null;
  segments(channelId: number): Segment[];
  /** Adds [lo, hi] to the covered ranges (merging neighbours) and refreshes channels.newest_id/oldest_id. */
  addSegment(channelId: number, lo: number, hi: number): void;
  storedIdRange(channelId: number): Segment | null;
  resetSegments(channelId: number): Segment[];
  countPostsFrom(channelId: number, fromId: number): number;
  postedAtOfLowestFrom(channelId: number, fromId: number): string | null;
  updateChannelInfo(channelId: number, info: ChannelInfoUpdate): void;
  startRun(trigger: string, pid?: number): number;
  openRuns(): OpenRun[];
  markInterrupted(runId: number, summary: RunSummary): void;
  startRunChannel(runId: number, channelId: number): void;
  addRunChannelProgress(runId: number, channelId: number, p: RunChannelProgress): void;
  finishRunChannel(runId: number, channelId: number, state: ChannelState, error: string | null, note: string | null): void;
  finishRun(runId: number, status: RunStatus, summary: RunSummary): void;
  getRun(runId: number): RunRecord | null;
  listChannels(): ChannelListing[];
  health(): CollectionHealth;
}

const INTERRUPTED = 'interrupted: the run stopped before this channel finished';

export function createCollectionSql(db: Db, now: () => string = () => new Date().toISOString()): CollectionSql {
  const selChannelId = db.prepare('SELECT id FROM channels WHERE username = ?').pluck();
  const selSegments = db.prepare('SELECT lo, hi FROM collect_segments WHERE channel_id = ? ORDER BY hi DESC');
  const selTouching = db.prepare(
    'SELECT lo, hi FROM collect_segments WHERE channel_id = ? AND lo <= ? AND hi >= ?',
  );
  const delSegment = db.prepare('DELETE FROM collect_segments WHERE channel_id = ? AND lo = ?');
  const insSegment = db.prepare('INSERT INTO collect_segments(channel_id, lo, hi) VALUES (?, ?, ?)');
  // newest_id / oldest_id: what is stored, never the ranges known to be empty (see 006)
  const refreshCursors = db.prepare(
    `UPDATE channels SET
       newest_id = (SELECT max(message_id) FROM posts WHERE channel_id = @id),
       oldest_id = (SELECT min(message_id) FROM posts WHERE channel_id = @id),
       updated_at = @now
     WHERE id = @id`,
  );
  const selIdRange = db.prepare('SELECT min(message_id) AS lo, max(message_id) AS hi FROM posts WHERE channel_id = ?');
  const delSegments = db.prepare('DELETE FROM collect_segments WHERE channel_id = ?');
  const countFrom = db.prepare('SELECT count(*) FROM posts WHERE channel_id = ? AND message_id >= ?').pluck();
  const lowestFrom = db
    .prepare('SELECT posted_at FROM posts WHERE channel_id = ? AND message_id >= ? ORDER BY message_id LIMIT 1')
    .pluck();
  const updInfo = db.prepare(
    `UPDATE channels SET title = coalesce(@title, title), description = coalesce(@description, description),
       subscribers = coalesce(@subscribers, subscribers), updated_at = @now WHERE id = @id`,
  );
  const insRun = db.prepare(
    "INSERT INTO collection_runs(started_at, status, trigger, pid) VALUES (?, 'running', ?, ?) RETURNING id",
  ).pluck();
  const selOpenRuns = db.prepare(
    "SELECT id, pid, started_at AS startedAt FROM collection_runs WHERE status = 'running' ORDER BY id",
  );
  // finished_at stays NULL: when the process died is not known
  const interruptRun = db.prepare(
    "UPDATE collection_runs SET status = 'interrupted', summary = coalesce(summary, ?) WHERE id = ? AND status = 'running'",
  );
  const insRunChannel = db.prepare(
    `INSERT INTO collection_run_channels(run_id, channel_id, state, error, started_at)
     VALUES (?, ?, 'failing', ?, ?)
     ON CONFLICT(run_id, channel_id) DO NOTHING`,
  );
  const progress = db.prepare(
    `UPDATE collection_run_channels SET pages = pages + @pages, new_posts = new_posts + @newPosts,
       updated_posts = updated_posts + @updatedPosts WHERE run_id = @runId AND channel_id = @channelId`,
  );
  const finRunChannel = db.prepare(
    `UPDATE collection_run_channels SET state = @state, error = @error, note = @note, finished_at = @now
     WHERE run_id = @runId AND channel_id = @channelId`,
  );
  const setChannelState = db.prepare(
    `UPDATE channels SET state = @state, last_error = @error, last_run_id = @runId, updated_at = @now WHERE id = @channelId`,
  );
  const finRun = db.prepare('UPDATE collection_runs SET status = ?, finished_at = ?, summary = ? WHERE id = ?');
  const list = db.prepare(
    `SELECT c.username, c.title, c.subscribers, c.state, c.last_error AS lastError,
            (SELECT max(message_id) FROM posts p WHERE p.channel_id = c.id) AS newestId,
            (SELECT min(message_id) FROM posts p WHERE p.channel_id = c.id) AS oldestId,
            (SELECT count(*) FROM posts p WHERE p.channel_id = c.id) AS posts,
            (SELECT max(posted_at) FROM posts p WHERE p.channel_id = c.id) AS lastPostAt,
            c.last_run_id AS lastRunId,
            coalesce(rc.finished_at, rc.started_at, r.started_at) AS lastRunAt,
            r.status AS lastRunStatus,
            rc.note AS lastRunNote
       FROM channels c
       LEFT JOIN collection_runs r ON r.id = c.last_run_id
       LEFT JOIN collection_run_channels rc ON rc.run_id = c.last_run_id AND rc.channel_id = c.id
      ORDER BY c.username`,
  );

  const selRun = db.prepare('SELECT id, started_at, finished_at, status, trigger, pid, summary FROM collection_runs WHERE id = ?');
  const selRunChannels = db.prepare(
    `SELECT c.username AS channel, rc.state, rc.error, rc.note, rc.pages, rc.new_posts AS newPosts, rc.updated_posts AS updatedPosts,
            rc.started_at AS startedAt, rc.finished_at AS finishedAt
       FROM collection_run_channels rc JOIN channels c ON c.id = rc.channel_id WHERE rc.run_id = ? ORDER BY c.username`,
  );
  const channelStates = db.prepare(HEALTH_SQL.channelStates);
  const unhealthy = db.prepare(HEALTH_SQL.unhealthyChannels);
  const lastRun = db.prepare(HEALTH_SQL.lastRun);

  const tx = <T>(fn: () => T): T => db.transaction(fn)();

  return {
    findChannelId: (username) => (selChannelId.get(username.toLowerCase()) as number | undefined) ?? null,
    segments: (channelId) => selSegments.all(channelId) as Segment[],
    addSegment(channelId, lo, hi) {
      if (!(Number.isSafeInteger(lo) && Number.isSafeInteger(hi)) || lo > hi) return;
      tx(() => {
        let newLo = lo;
        let newHi = hi;
        // ids are integers: [a, b] and [b + 1, c] join into one range
        for (const s of selTouching.all(channelId, hi + 1, lo - 1) as Segment[]) {
          newLo = Math.min(newLo, s.lo);
          newHi = Math.max(newHi, s.hi);
          delSegment.run(channelId, s.lo);
        }
        insSegment.run(channelId, newLo, newHi);
        refreshCursors.run({ id: channelId, now: now() });
      });
    },
    storedIdRange(channelId) {
      const r = selIdRange.get(channelId) as { lo: number | null; hi: number | null };
      return r.lo === null || r.hi === null ? null : { lo: r.lo, hi: r.hi };
    },
    resetSegments(channelId) {
      return tx(() => {
        const old = selSegments.all(channelId) as Segment[];
        delSegments.run(channelId);
        refreshCursors.run({ id: channelId, now: now() });
        return old;
      });
    },
    countPostsFrom: (channelId, fromId) => countFrom.get(channelId, fromId) as number,
    postedAtOfLowestFrom: (channelId, fromId) => (lowestFrom.get(channelId, fromId) as string | undefined) ?? null,
    updateChannelInfo(channelId, info) {
      updInfo.run({
        id: channelId,
        title: info.title ?? null,
        description: info.description ?? null,
        subscribers: info.subscribers ?? null,
        now: now(),
      });
    },
    startRun: (trigger, pid) => insRun.get(now(), trigger, pid ?? null) as number,
    openRuns: () => selOpenRuns.all() as OpenRun[],
    markInterrupted(runId, summary) {
      interruptRun.run(JSON.stringify(summary), runId);
    },
    startRunChannel(runId, channelId) {
      insRunChannel.run(runId, channelId, INTERRUPTED, now());
    },
    addRunChannelProgress(runId, channelId, p) {
      progress.run({ runId, channelId, ...p });
    },
    finishRunChannel(runId, channelId, state, error, note) {
      const t = now();
      tx(() => {
        finRunChannel.run({ runId, channelId, state, error, note, now: t });
        setChannelState.run({ channelId, state, error, runId, now: t });
      });
    },
    finishRun(runId, status, summary) {
      finRun.run(status, now(), JSON.stringify(summary), runId);
    },
    getRun(runId) {
      const r = selRun.get(runId) as
        | { id: number; started_at: string; finished_at: string | null; status: RunStatus; trigger: string; pid: number | null; summary: string | null }
        | undefined;
      if (!r) return null;
      return {
        id: r.id,
        startedAt: r.started_at,
        finishedAt: r.finished_at,
        status: r.status,
        trigger: r.trigger,
        pid: r.pid,
        summary: r.summary === null ? null : (JSON.parse(r.summary) as RunSummary),
        channels: selRunChannels.all(runId) as RunChannelRecord[],
      };
    },
    listChannels: () => list.all() as ChannelListing[],
    health() {
      const byState: Record<string, number> = {};
      let total = 0;
      for (const r of channelStates.all() as { state: string; n: number }[]) {
        byState[r.state] = r.n;
        total += r.n;
      }
      const problems = (unhealthy.all() as { username: string; state: string; last_error: string | null }[]).map((r) => ({
        username: r.username,
        state: r.state,
        lastError: r.last_error,
      }));
      const run = lastRun.get() as { id: number; started_at: string; finished_at: string | null; status: string } | undefined;
      return {
        totalChannels: total,
        byState,
        problems,
        lastRun: run ? { id: run.id, startedAt: run.started_at, finishedAt: run.finished_at, status: run.status } : null,
      };
    },
  };
}

/** The collection health the digest and the bot show: small tables only. */
export const HEALTH_SQL = {
  channelStates: `SELECT state, count(*) AS n FROM channels GROUP BY state`,
  unhealthyChannels: `SELECT username, state, last_error FROM channels
                       WHERE state IN ('failing', 'not_found', 'no_preview') ORDER BY state, username`,
  lastRun: `SELECT id, started_at, finished_at, status FROM collection_runs ORDER BY id DESC LIMIT 1`,
} as const;
