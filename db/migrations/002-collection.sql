-- Collector bookkeeping.
-- collect_segments: id ranges of a channel known to be collected completely. Every post with
-- lo <= message_id <= hi that the web preview showed is stored (missing ids are deleted posts).
-- Each page commit adds its range in the same transaction as its posts, so a crash at any
-- moment leaves segments that are true, and a rerun only fetches what is not covered yet.
CREATE TABLE collect_segments (
  channel_id INTEGER NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
  lo         INTEGER NOT NULL,
  hi         INTEGER NOT NULL,
  CHECK (lo <= hi),
  PRIMARY KEY (channel_id, lo)
) WITHOUT ROWID;

-- Things worth knowing that are not failures ("older-page link missing", "page repeated").
ALTER TABLE collection_run_channels ADD COLUMN note TEXT;
