-- framewatch schema v1.
-- Raw collected fields (posts) are kept apart from derived data (lang columns, post_frames,
-- daily_* aggregates) so a new lexicon means re-tagging, never re-collecting.

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE channels (
  id           INTEGER PRIMARY KEY,
  username     TEXT NOT NULL UNIQUE,          -- lower-cased, no '@'
  title        TEXT,
  description  TEXT,
  subscribers  INTEGER,
  lang_hint    TEXT,
  -- collection state: new | ok | no_preview | not_found | failing
  state        TEXT NOT NULL DEFAULT 'new'
               CHECK (state IN ('new', 'ok', 'no_preview', 'not_found', 'failing')),
  last_error   TEXT,
  last_run_id  INTEGER,
  newest_id    INTEGER,                        -- highest message id committed (incremental cursor)
  oldest_id    INTEGER,                        -- lowest message id reached by backfill (backfill cursor)
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);

CREATE TABLE posts (
  id                 INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused: the FTS watermark relies on it
  channel_id         INTEGER NOT NULL REFERENCES channels(id),
  message_id         INTEGER NOT NULL,
  posted_at          TEXT NOT NULL,            -- ISO 8601 UTC
  day                TEXT NOT NULL,            -- YYYY-MM-DD in the configured timezone
  text               TEXT NOT NULL,
  normalized_text    TEXT NOT NULL,
  lang               TEXT NOT NULL CHECK (lang IN ('prs', 'pus', 'arb', 'eng', 'und')),
  lang_guess         TEXT,                     -- franc's raw ISO 639-3 code
  lang_confidence    REAL,
  lang_reason        TEXT,
  views              INTEGER,
  forwarded_from     TEXT,
  forwarded_from_url TEXT,
  reply_to           INTEGER,
  edited             INTEGER NOT NULL DEFAULT 0,
  media_kinds        TEXT NOT NULL DEFAULT '[]', -- JSON array
  permalink          TEXT,
  signature          TEXT,
  links              TEXT NOT NULL DEFAULT '[]', -- JSON array
  link_preview       TEXT,                        -- JSON object or NULL
  is_service         INTEGER NOT NULL DEFAULT 0,
  source             TEXT,
  content_hash       TEXT NOT NULL,            -- hash of the raw fields; decides "updated"
  lexicon_version    TEXT,                     -- lexicon the current tags come from
  first_seen         TEXT NOT NULL,
  last_seen          TEXT NOT NULL,
  UNIQUE (channel_id, message_id)
);
CREATE INDEX posts_day ON posts(day);
CREATE INDEX posts_posted_at ON posts(posted_at);

CREATE TABLE post_frames (
  post_id         INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
  frame           TEXT NOT NULL,
  score           REAL NOT NULL,
  hits            TEXT NOT NULL,               -- JSON array of {term, matched, start, end, weight, negated, quoted}
  negated         INTEGER NOT NULL DEFAULT 0,  -- every hit negated
  quoted          INTEGER NOT NULL DEFAULT 0,  -- every hit quoted/reported
  flagged         INTEGER NOT NULL DEFAULT 0,  -- every hit negated or quoted (counted apart in the aggregates)
  lexicon_version TEXT NOT NULL,
  PRIMARY KEY (post_id, frame)
) WITHOUT ROWID;
CREATE INDEX post_frames_frame ON post_frames(frame, post_id);

-- Daily aggregates, kept exact on every insert, update and delete: inserts are counted by the post
-- writer (src/store/post-writer.ts) and applied in bulk in the same transaction; updates and deletes
-- by the triggers below, whatever code path runs them.
CREATE TABLE daily_post_counts (
  day        TEXT NOT NULL,
  channel_id INTEGER NOT NULL,
  lang       TEXT NOT NULL,
  posts      INTEGER NOT NULL,
  PRIMARY KEY (day, channel_id, lang)
) WITHOUT ROWID;

CREATE TABLE daily_frame_counts (
  day           TEXT NOT NULL,
  channel_id    INTEGER NOT NULL,
  lang          TEXT NOT NULL,
  frame         TEXT NOT NULL,
  posts         INTEGER NOT NULL,
  flagged_posts INTEGER NOT NULL,              -- of which every hit is negated or quoted
  PRIMARY KEY (day, frame, channel_id, lang)
) WITHOUT ROWID;
CREATE INDEX daily_frame_counts_frame_day ON daily_frame_counts(frame, day);

-- Remove a post's tags while the post row still exists, so the post_frames trigger can find its day/lang
-- (an ON DELETE CASCADE would run after the post is gone).
CREATE TRIGGER posts_bd_frames BEFORE DELETE ON posts BEGIN
  DELETE FROM post_frames WHERE post_id = OLD.id;
END;

CREATE TRIGGER posts_ad_agg AFTER DELETE ON posts BEGIN
  UPDATE daily_post_counts SET posts = posts - 1
   WHERE day = OLD.day AND channel_id = OLD.channel_id AND lang = OLD.lang;
  DELETE FROM daily_post_counts
   WHERE day = OLD.day AND channel_id = OLD.channel_id AND lang = OLD.lang AND posts <= 0;
END;

CREATE TRIGGER posts_au_agg AFTER UPDATE OF day, channel_id, lang ON posts
WHEN OLD.day IS NOT NEW.day OR OLD.channel_id IS NOT NEW.channel_id OR OLD.lang IS NOT NEW.lang
BEGIN
  UPDATE daily_post_counts SET posts = posts - 1
   WHERE day = OLD.day AND channel_id = OLD.channel_id AND lang = OLD.lang;
  DELETE FROM daily_post_counts
   WHERE day = OLD.day AND channel_id = OLD.channel_id AND lang = OLD.lang AND posts <= 0;
  INSERT INTO daily_post_counts(day, channel_id, lang, posts) VALUES (NEW.day, NEW.channel_id, NEW.lang, 1)
  ON CONFLICT(day, channel_id, lang) DO UPDATE SET posts = posts + 1;
  -- move the post's frame counts along with it
  UPDATE daily_frame_counts
     SET posts = posts - 1,
         flagged_posts = flagged_posts - (SELECT pf.flagged FROM post_frames pf
                                           WHERE pf.post_id = NEW.id AND pf.frame = daily_frame_counts.frame)
   WHERE day = OLD.day AND channel_id = OLD.channel_id AND lang = OLD.lang
     AND frame IN (SELECT frame FROM post_frames WHERE post_id = NEW.id);
  DELETE FROM daily_frame_counts
   WHERE day = OLD.day AND channel_id = OLD.channel_id AND lang = OLD.lang AND posts <= 0;
  INSERT INTO daily_frame_counts(day, channel_id, lang, frame, posts, flagged_posts)
    SELECT NEW.day, NEW.channel_id, NEW.lang, pf.frame, 1, pf.flagged
      FROM post_frames pf WHERE pf.post_id = NEW.id
  ON CONFLICT(day, frame, channel_id, lang) DO UPDATE
     SET posts = posts + 1, flagged_posts = flagged_posts + excluded.flagged_posts;
END;

CREATE TRIGGER post_frames_ad_agg AFTER DELETE ON post_frames BEGIN
  UPDATE daily_frame_counts
     SET posts = posts - 1, flagged_posts = flagged_posts - OLD.flagged
   WHERE frame = OLD.frame
     AND (day, channel_id, lang) = (SELECT p.day, p.channel_id, p.lang FROM posts p WHERE p.id = OLD.post_id);
  DELETE FROM daily_frame_counts
   WHERE frame = OLD.frame AND posts <= 0
     AND (day, channel_id, lang) = (SELECT p.day, p.channel_id, p.lang FROM posts p WHERE p.id = OLD.post_id);
END;

CREATE TRIGGER post_frames_au_agg AFTER UPDATE OF flagged ON post_frames
WHEN OLD.flagged IS NOT NEW.flagged
BEGIN
  UPDATE daily_frame_counts
     SET flagged_posts = flagged_posts - OLD.flagged + NEW.flagged
   WHERE frame = NEW.frame
     AND (day, channel_id, lang) = (SELECT p.day, p.channel_id, p.lang FROM posts p WHERE p.id = NEW.post_id);
END;

-- Full-text search over the normalized text (FTS5 itself neither strips Arabic diacritics nor folds ي/ی).
-- Indexed in bulk, not row by row: src/store/fts-index.ts adds every post above the watermark
-- settings('fts_indexed_upto') in one statement after an import or a collection run and before any
-- search. The triggers below keep rows that are already indexed in step with edits and deletes.
CREATE VIRTUAL TABLE posts_fts USING fts5(
  normalized_text, content = 'posts', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER posts_ad_fts AFTER DELETE ON posts
WHEN OLD.id <= (SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'fts_indexed_upto')
BEGIN
  INSERT INTO posts_fts(posts_fts, rowid, normalized_text) VALUES ('delete', OLD.id, OLD.normalized_text);
END;
CREATE TRIGGER posts_au_fts AFTER UPDATE OF normalized_text ON posts
WHEN OLD.id <= (SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'fts_indexed_upto')
BEGIN
  INSERT INTO posts_fts(posts_fts, rowid, normalized_text) VALUES ('delete', OLD.id, OLD.normalized_text);
  INSERT INTO posts_fts(rowid, normalized_text) VALUES (NEW.id, NEW.normalized_text);
END;

CREATE TABLE collection_runs (
  id          INTEGER PRIMARY KEY,
  started_at  TEXT NOT NULL,
  finished_at TEXT,
  status      TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'ok', 'partial', 'failed')),
  trigger     TEXT NOT NULL DEFAULT 'cli',      -- cli | cron | import | demo
  summary     TEXT                              -- JSON
);

-- Per-run, per-channel outcome: the channel state history.
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
  PRIMARY KEY (run_id, channel_id)
) WITHOUT ROWID;
