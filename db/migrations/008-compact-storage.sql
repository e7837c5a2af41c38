-- Compact storage (issue 15): about half the bytes per post, nothing lost.
--
--  - vocab: the strings repeated across millions of rows (frame ids, lexicon terms, rule and part
--    ids, lexicon versions), each stored once; rows hold its small integer id.
--  - post_frames: the frame as a vocab id; hits in a compact binary form (src/store/sqlite/
--    hits-codec.ts: term/rule/part as vocab ids, offsets as varints, `matched` re-read from the
--    post's text). Rows written before 008 keep their JSON text, which the reader still takes, and
--    `framewatch reclassify` rewrites them compactly. The lexicon version moves to the post (it was
--    always the post's).
--  - post_lexicon: which lexicon tagged each post, apart from the wide posts row, so that
--    reclassify re-stamps a million posts by rewriting a narrow table instead of every post.
--  - posts: normalized_text is no longer stored (it is normalizeText(text), recomputed where it is
--    needed); posts_day is dropped (day ranges narrow by posted_at, which is within a day of it).
--  - posts_fts: contentless (content = '', contentless_delete = 1): the index keeps no copy of the
--    text. It is emptied here and rebuilt from posts.text by the next sync (src/store/sqlite/fts-index.ts).
--
-- The triggers that read post_frames are recreated for frame ids. Tables are never dropped under a
-- foreign key: posts stays (its columns are dropped in place) and only post_frames is rebuilt.

CREATE TABLE vocab (
  id    INTEGER PRIMARY KEY,
  value TEXT NOT NULL UNIQUE
);

INSERT INTO vocab(value) SELECT DISTINCT lexicon_version FROM posts WHERE lexicon_version IS NOT NULL;
INSERT OR IGNORE INTO vocab(value) SELECT DISTINCT frame FROM post_frames;

-- Deleted with the post by posts_bd_derived below (cheaper than a foreign key check on every insert).
CREATE TABLE post_lexicon (
  post_id    INTEGER PRIMARY KEY,
  lexicon_id INTEGER NOT NULL
);
INSERT INTO post_lexicon(post_id, lexicon_id)
  SELECT p.id, v.id FROM posts p JOIN vocab v ON v.value = p.lexicon_version;

-- Triggers that name post_frames or posts_fts go first: the tables they read are replaced below.
DROP TRIGGER posts_bd_frames;
DROP TRIGGER posts_au_agg;
DROP TRIGGER posts_ad_fts;
DROP TRIGGER posts_au_fts;

CREATE TABLE post_frames_v8 (
  post_id  INTEGER NOT NULL,
  frame_id INTEGER NOT NULL,                   -- vocab id of the frame
  score    REAL NOT NULL,
  negated  INTEGER NOT NULL DEFAULT 0,         -- every hit negated
  quoted   INTEGER NOT NULL DEFAULT 0,         -- every hit quoted/reported
  flagged  INTEGER NOT NULL DEFAULT 0,         -- every hit negated or quoted (counted apart in the aggregates)
  hits     BLOB NOT NULL,                      -- compact (hits-codec.ts); TEXT: a JSON array from before 008
  PRIMARY KEY (post_id, frame_id)
) WITHOUT ROWID;
INSERT INTO post_frames_v8(post_id, frame_id, score, negated, quoted, flagged, hits)
  SELECT pf.post_id, v.id, pf.score, pf.negated, pf.quoted, pf.flagged, pf.hits
    FROM post_frames pf JOIN vocab v ON v.value = pf.frame;
DROP TABLE post_frames;
ALTER TABLE post_frames_v8 RENAME TO post_frames;
CREATE INDEX post_frames_frame ON post_frames(frame_id, post_id);

DROP INDEX posts_day;
ALTER TABLE posts DROP COLUMN normalized_text;
ALTER TABLE posts DROP COLUMN lexicon_version;

-- Remove a post's tags while the post row still exists, so the post_frames trigger can find its day/lang.
CREATE TRIGGER posts_bd_derived BEFORE DELETE ON posts BEGIN
  DELETE FROM post_frames WHERE post_id = OLD.id;
  DELETE FROM post_lexicon WHERE post_id = OLD.id;
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
         flagged_posts = flagged_posts - (SELECT pf.flagged FROM post_frames pf JOIN vocab v ON v.id = pf.frame_id
                                           WHERE pf.post_id = NEW.id AND v.value = daily_frame_counts.frame)
   WHERE day = OLD.day AND channel_id = OLD.channel_id AND lang = OLD.lang
     AND frame IN (SELECT v.value FROM post_frames pf JOIN vocab v ON v.id = pf.frame_id WHERE pf.post_id = NEW.id);
  DELETE FROM daily_frame_counts
   WHERE day = OLD.day AND channel_id = OLD.channel_id AND lang = OLD.lang AND posts <= 0;
  INSERT INTO daily_frame_counts(day, channel_id, lang, frame, posts, flagged_posts)
    SELECT NEW.day, NEW.channel_id, NEW.lang, v.value, 1, pf.flagged
      FROM post_frames pf JOIN vocab v ON v.id = pf.frame_id WHERE pf.post_id = NEW.id
  ON CONFLICT(day, frame, channel_id, lang) DO UPDATE
     SET posts = posts + 1, flagged_posts = flagged_posts + excluded.flagged_posts;
END;

CREATE TRIGGER post_frames_ad_agg AFTER DELETE ON post_frames BEGIN
  UPDATE daily_frame_counts
     SET posts = posts - 1, flagged_posts = flagged_posts - OLD.flagged
   WHERE frame = (SELECT value FROM vocab WHERE id = OLD.frame_id)
     AND (day, channel_id, lang) = (SELECT p.day, p.channel_id, p.lang FROM posts p WHERE p.id = OLD.post_id);
  DELETE FROM daily_frame_counts
   WHERE frame = (SELECT value FROM vocab WHERE id = OLD.frame_id) AND posts <= 0
     AND (day, channel_id, lang) = (SELECT p.day, p.channel_id, p.lang FROM posts p WHERE p.id = OLD.post_id);
END;

CREATE TRIGGER post_frames_au_agg AFTER UPDATE OF flagged ON post_frames
WHEN OLD.flagged IS NOT NEW.flagged
BEGIN
  UPDATE daily_frame_counts
     SET flagged_posts = flagged_posts - OLD.flagged + NEW.flagged
   WHERE frame = (SELECT value FROM vocab WHERE id = NEW.frame_id)
     AND (day, channel_id, lang) = (SELECT p.day, p.channel_id, p.lang FROM posts p WHERE p.id = NEW.post_id);
END;

-- Contentless full-text index over normalizeText(text). Edits of indexed posts are re-indexed by the
-- post writer; a deleted post leaves the index here.
DROP TABLE posts_fts;
CREATE VIRTUAL TABLE posts_fts USING fts5(
  normalized_text, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
);
DELETE FROM settings WHERE key IN ('fts_indexed_upto', 'fts_normalizer');
CREATE TRIGGER posts_ad_fts AFTER DELETE ON posts
WHEN OLD.id <= (SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'fts_indexed_upto')
BEGIN
  DELETE FROM posts_fts WHERE rowid = OLD.id;
END;
