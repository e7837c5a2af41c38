-- Compact aggregates and posts (issue 15, after 008): ~140 bytes less per post, nothing lost.
--
--  - daily_frame_counts: the frame as its vocab id, and the frame first in the primary key, which
--    replaces the (frame, day) index: a frame's days are a range of the table itself, and a day
--    range over all frames is one range per frame (the reads list the frames of the range from
--    daily_frame_totals). The table and its index took ~120 bytes per post; this one ~40.
--  - posts.permalink: an empty BLOB stands for the canonical https://t.me/<username>/<message_id>,
--    rebuilt on read (src/store/sqlite/post-columns.ts). NULL stays NULL; any other link stays text.
--  - posts.last_seen: an empty BLOB stands for "same as first_seen" (a post seen once).
--    A BLOB is kept as it is in these TEXT columns, takes no bytes and is never a stored string, so
--    every value reads back exactly.
--
-- Rollups (004) that a development database may lack are created here, so that every database at
-- 009 has them and the triggers below can rely on them.

CREATE TABLE IF NOT EXISTS daily_frame_totals (
  day           TEXT NOT NULL,
  frame         TEXT NOT NULL,
  posts         INTEGER NOT NULL,
  flagged_posts INTEGER NOT NULL,
  PRIMARY KEY (day, frame)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS daily_totals (
  day   TEXT PRIMARY KEY,
  posts INTEGER NOT NULL
) WITHOUT ROWID;
-- Filled only when just created (the rollups are exact: an existing empty one has nothing to sum).
INSERT INTO daily_frame_totals(day, frame, posts, flagged_posts)
  SELECT day, frame, sum(posts), sum(flagged_posts) FROM daily_frame_counts
   WHERE NOT EXISTS (SELECT 1 FROM daily_frame_totals) GROUP BY day, frame;
INSERT INTO daily_totals(day, posts)
  SELECT day, sum(posts) FROM daily_post_counts WHERE NOT EXISTS (SELECT 1 FROM daily_totals) GROUP BY day;
CREATE TRIGGER IF NOT EXISTS daily_post_counts_ai_rollup AFTER INSERT ON daily_post_counts BEGIN
  INSERT INTO daily_totals(day, posts) VALUES (NEW.day, NEW.posts)
  ON CONFLICT(day) DO UPDATE SET posts = posts + excluded.posts;
END;
CREATE TRIGGER IF NOT EXISTS daily_post_counts_au_rollup AFTER UPDATE OF posts ON daily_post_counts BEGIN
  UPDATE daily_totals SET posts = posts + NEW.posts - OLD.posts WHERE day = NEW.day;
  DELETE FROM daily_totals WHERE NEW.posts < OLD.posts AND day = NEW.day AND posts <= 0;
END;
CREATE TRIGGER IF NOT EXISTS daily_post_counts_ad_rollup AFTER DELETE ON daily_post_counts BEGIN
  UPDATE daily_totals SET posts = posts - OLD.posts WHERE day = OLD.day;
  DELETE FROM daily_totals WHERE day = OLD.day AND posts <= 0;
END;

-- Triggers that name daily_frame_counts go first (its own go with the table).
DROP TRIGGER posts_au_agg;
DROP TRIGGER post_frames_ad_agg;
DROP TRIGGER post_frames_au_agg;

CREATE TABLE daily_frame_counts_v9 (
  day           TEXT NOT NULL,
  channel_id    INTEGER NOT NULL,
  lang          TEXT NOT NULL,
  frame_id      INTEGER NOT NULL,              -- vocab id of the frame
  posts         INTEGER NOT NULL,
  flagged_posts INTEGER NOT NULL,              -- of which every hit is negated or quoted
  PRIMARY KEY (frame_id, day, channel_id, lang)
) WITHOUT ROWID;
INSERT OR IGNORE INTO vocab(value) SELECT DISTINCT frame FROM daily_frame_counts;
INSERT INTO daily_frame_counts_v9(day, channel_id, lang, frame_id, posts, flagged_posts)
  SELECT d.day, d.channel_id, d.lang, v.id, d.posts, d.flagged_posts
    FROM daily_frame_counts d JOIN vocab v ON v.value = d.frame;
DROP TABLE daily_frame_counts;
ALTER TABLE daily_frame_counts_v9 RENAME TO daily_frame_counts;

CREATE TRIGGER posts_au_agg AFTER UPDATE OF day, channel_id, lang ON posts
WHEN OLD.day IS NOT NEW.day OR OLD.channel_id IS NOT NEW.channel_id OR OLD.lang IS NOT NEW.lang
BEGIN
  UPDATE daily_post_counts SET posts = posts - 1
   WHERE day = OLD.day AND channel_id = OLD.channel_id AND lang = OLD.lang;
  DELETE FROM daily_post_counts
   WHERE day = OLD.day AND channel_id = OLD.channel_id AND lang = OLD.lang AND posts <= 0;
  INSERT INTO daily_post_counts(day, channel_id, lang, posts) VALUES (NEW.day, NEW.channel_id, NEW.lang, 1)
  ON CONFLICT(day, channel_id, lang) DO UPDATE SET posts = posts + 1;
  -- move the post's frame counts along with it (only the rows just decremented can reach 0)
  UPDATE daily_frame_counts
     SET posts = posts - 1,
         flagged_posts = flagged_posts - (SELECT pf.flagged FROM post_frames pf
                                           WHERE pf.post_id = NEW.id AND pf.frame_id = daily_frame_counts.frame_id)
   WHERE frame_id IN (SELECT frame_id FROM post_frames WHERE post_id = NEW.id)
     AND day = OLD.day AND channel_id = OLD.channel_id AND lang = OLD.lang;
  DELETE FROM daily_frame_counts
   WHERE frame_id IN (SELECT frame_id FROM post_frames WHERE post_id = NEW.id)
     AND day = OLD.day AND channel_id = OLD.channel_id AND lang = OLD.lang AND posts <= 0;
  INSERT INTO daily_frame_counts(day, channel_id, lang, frame_id, posts, flagged_posts)
    SELECT NEW.day, NEW.channel_id, NEW.lang, pf.frame_id, 1, pf.flagged FROM post_frames pf WHERE pf.post_id = NEW.id
  ON CONFLICT(frame_id, day, channel_id, lang) DO UPDATE
     SET posts = posts + 1, flagged_posts = flagged_posts + excluded.flagged_posts;
END;

CREATE TRIGGER post_frames_ad_agg AFTER DELETE ON post_frames BEGIN
  UPDATE daily_frame_counts
     SET posts = posts - 1, flagged_posts = flagged_posts - OLD.flagged
   WHERE frame_id = OLD.frame_id
     AND (day, channel_id, lang) = (SELECT p.day, p.channel_id, p.lang FROM posts p WHERE p.id = OLD.post_id);
  DELETE FROM daily_frame_counts
   WHERE frame_id = OLD.frame_id AND posts <= 0
     AND (day, channel_id, lang) = (SELECT p.day, p.channel_id, p.lang FROM posts p WHERE p.id = OLD.post_id);
END;

CREATE TRIGGER post_frames_au_agg AFTER UPDATE OF flagged ON post_frames
WHEN OLD.flagged IS NOT NEW.flagged
BEGIN
  UPDATE daily_frame_counts
     SET flagged_posts = flagged_posts - OLD.flagged + NEW.flagged
   WHERE frame_id = NEW.frame_id
     AND (day, channel_id, lang) = (SELECT p.day, p.channel_id, p.lang FROM posts p WHERE p.id = NEW.post_id);
END;

-- The rollup keeps the frame's name (a few thousand rows); a missing vocab id fails the NOT NULL.
CREATE TRIGGER daily_frame_counts_ai_rollup AFTER INSERT ON daily_frame_counts BEGIN
  INSERT INTO daily_frame_totals(day, frame, posts, flagged_posts)
  VALUES (NEW.day, (SELECT value FROM vocab WHERE id = NEW.frame_id), NEW.posts, NEW.flagged_posts)
  ON CONFLICT(day, frame) DO UPDATE
     SET posts = posts + excluded.posts, flagged_posts = flagged_posts + excluded.flagged_posts;
END;

CREATE TRIGGER daily_frame_counts_au_rollup AFTER UPDATE OF posts, flagged_posts ON daily_frame_counts BEGIN
  UPDATE daily_frame_totals
     SET posts = posts + NEW.posts - OLD.posts, flagged_posts = flagged_posts + NEW.flagged_posts - OLD.flagged_posts
   WHERE day = NEW.day AND frame = (SELECT value FROM vocab WHERE id = NEW.frame_id);
  DELETE FROM daily_frame_totals
   WHERE NEW.posts < OLD.posts AND day = NEW.day AND frame = (SELECT value FROM vocab WHERE id = NEW.frame_id) AND posts <= 0;
END;

CREATE TRIGGER daily_frame_counts_ad_rollup AFTER DELETE ON daily_frame_counts BEGIN
  UPDATE daily_frame_totals
     SET posts = posts - OLD.posts, flagged_posts = flagged_posts - OLD.flagged_posts
   WHERE day = OLD.day AND frame = (SELECT value FROM vocab WHERE id = OLD.frame_id);
  DELETE FROM daily_frame_totals
   WHERE day = OLD.day AND frame = (SELECT value FROM vocab WHERE id = OLD.frame_id) AND posts <= 0;
END;

-- Posts: derived values as empty BLOBs. One pass over the table; no trigger watches these columns.
UPDATE posts SET
  permalink = CASE WHEN permalink = 'https://t.me/' || (SELECT username FROM channels c WHERE c.id = posts.channel_id) || '/' || message_id
                   THEN x'' ELSE permalink END,
  last_seen = CASE WHEN last_seen = first_seen THEN x'' ELSE last_seen END
 WHERE permalink = 'https://t.me/' || (SELECT username FROM channels c WHERE c.id = posts.channel_id) || '/' || message_id
    OR last_seen = first_seen;
