-- Query indexes and trend rollups (issue 7).

-- `query --channel` lists a channel's posts newest first: (channel_id, posted_at) serves both the
-- filter and the order without a sort.
CREATE INDEX IF NOT EXISTS posts_channel_posted_at ON posts(channel_id, posted_at);

-- Per-day rollups of the daily aggregates over all channels and languages. The plain trend
-- (day × frame, no --by) and the report's volume chart read these: a year is ~365 × frames rows
-- instead of every (day, frame, channel, lang) row. Triggers on the daily_* tables keep them exact:
-- every change of a daily_* row (including the upserts of 001's triggers and rows deleted when they
-- drop to 0) moves the same amount here.
CREATE TABLE daily_frame_totals (
  day           TEXT NOT NULL,
  frame         TEXT NOT NULL,
  posts         INTEGER NOT NULL,
  flagged_posts INTEGER NOT NULL,
  PRIMARY KEY (day, frame)
) WITHOUT ROWID;

CREATE TABLE daily_totals (
  day   TEXT PRIMARY KEY,
  posts INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO daily_frame_totals(day, frame, posts, flagged_posts)
  SELECT day, frame, sum(posts), sum(flagged_posts) FROM daily_frame_counts GROUP BY day, frame;
INSERT INTO daily_totals(day, posts)
  SELECT day, sum(posts) FROM daily_post_counts GROUP BY day;

CREATE TRIGGER daily_frame_counts_ai_rollup AFTER INSERT ON daily_frame_counts BEGIN
  INSERT INTO daily_frame_totals(day, frame, posts, flagged_posts) VALUES (NEW.day, NEW.frame, NEW.posts, NEW.flagged_posts)
  ON CONFLICT(day, frame) DO UPDATE
     SET posts = posts + excluded.posts, flagged_posts = flagged_posts + excluded.flagged_posts;
END;

-- Aggregate rows only ever change their counts (their keys never move), so an update adds the difference.
CREATE TRIGGER daily_frame_counts_au_rollup AFTER UPDATE OF posts, flagged_posts ON daily_frame_counts BEGIN
  UPDATE daily_frame_totals
     SET posts = posts + NEW.posts - OLD.posts, flagged_posts = flagged_posts + NEW.flagged_posts - OLD.flagged_posts
   WHERE day = NEW.day AND frame = NEW.frame;
  DELETE FROM daily_frame_totals WHERE NEW.posts < OLD.posts AND day = NEW.day AND frame = NEW.frame AND posts <= 0;
END;

CREATE TRIGGER daily_frame_counts_ad_rollup AFTER DELETE ON daily_frame_counts BEGIN
  UPDATE daily_frame_totals
     SET posts = posts - OLD.posts, flagged_posts = flagged_posts - OLD.flagged_posts
   WHERE day = OLD.day AND frame = OLD.frame;
  DELETE FROM daily_frame_totals WHERE day = OLD.day AND frame = OLD.frame AND posts <= 0;
END;

CREATE TRIGGER daily_post_counts_ai_rollup AFTER INSERT ON daily_post_counts BEGIN
  INSERT INTO daily_totals(day, posts) VALUES (NEW.day, NEW.posts)
  ON CONFLICT(day) DO UPDATE SET posts = posts + excluded.posts;
END;

CREATE TRIGGER daily_post_counts_au_rollup AFTER UPDATE OF posts ON daily_post_counts BEGIN
  UPDATE daily_totals SET posts = posts + NEW.posts - OLD.posts WHERE day = NEW.day;
  DELETE FROM daily_totals WHERE NEW.posts < OLD.posts AND day = NEW.day AND posts <= 0;
END;

CREATE TRIGGER daily_post_counts_ad_rollup AFTER DELETE ON daily_post_counts BEGIN
  UPDATE daily_totals SET posts = posts - OLD.posts WHERE day = OLD.day;
  DELETE FROM daily_totals WHERE day = OLD.day AND posts <= 0;
END;
