-- Collection runs can end 'interrupted': stopped by SIGINT/SIGTERM, or found still 'running' after
-- their process died (marked at the start of the next collection). `pid` is the process that runs
-- a run, so a later process can tell a dead run from one that is still going.
--
-- SQLite cannot change a CHECK constraint in place: collection_runs is rebuilt. With foreign keys on
-- (they are, and a migration runs inside a transaction, where the pragma cannot be switched off),
-- dropping collection_runs would delete every collection_run_channels row through its ON DELETE
-- CASCADE. So the per-channel history is set aside first, both tables are rebuilt, and the history
-- is put back unchanged.
CREATE TEMP TABLE run_channels_kept AS SELECT * FROM collection_run_channels;
DROP TABLE collection_run_channels;

CREATE TABLE collection_runs_v6 (
  id          INTEGER PRIMARY KEY,
  started_at  TEXT NOT NULL,
  finished_at TEXT,
  status      TEXT NOT NULL DEFAULT 'running'
              CHECK (status IN ('running', 'ok', 'partial', 'failed', 'interrupted')),
  trigger     TEXT NOT NULL DEFAULT 'cli',      -- cli | cron | import | demo
  summary     TEXT,                             -- JSON
  pid         INTEGER                           -- process running it (NULL for runs before 006)
);
INSERT INTO collection_runs_v6(id, started_at, finished_at, status, trigger, summary)
  SELECT id, started_at, finished_at, status, trigger, summary FROM collection_runs;
DROP TABLE collection_runs;
ALTER TABLE collection_runs_v6 RENAME TO collection_runs;

CREATE TABLE collection_run_channels (
  run_id        INTEGER NOT NULL REFERENCES collection_runs(id) ON DELETE CASCADE,
  channel_id    INTEGER NOT NULL REFERENCES channels(id),
  state         TEXT NOT NULL CHECK (state IN ('ok', 'no_preview', 'not_found', 'failing')),
  error         TEXT,
  pages         INTEGER NOT NULL DEFAULT 0,
  new_posts     INTEGER NOT NULL DEFAULT 0,
  updated_posts INTEGER NOT NULL DEFAULT 0,
  started_at    TEXT NOT NULL,
  finished_at   TEXT,
  note          TEXT,                           -- things worth knowing that are not failures (002)
  PRIMARY KEY (run_id, channel_id)
) WITHOUT ROWID;
INSERT INTO collection_run_channels(run_id, channel_id, state, error, pages, new_posts, updated_posts, started_at, finished_at, note)
  SELECT run_id, channel_id, state, error, pages, new_posts, updated_posts, started_at, finished_at, note FROM run_channels_kept;
DROP TABLE run_channels_kept;

-- From 006 on, channels.newest_id / oldest_id are the highest and lowest message id actually stored
-- for the channel (the collector's cursors are the ranges in collect_segments, which may also cover
-- ids known to be empty). Bring the collected channels in line.
UPDATE channels SET
  newest_id = (SELECT max(message_id) FROM posts WHERE posts.channel_id = channels.id),
  oldest_id = (SELECT min(message_id) FROM posts WHERE posts.channel_id = channels.id)
WHERE id IN (SELECT channel_id FROM collect_segments);
