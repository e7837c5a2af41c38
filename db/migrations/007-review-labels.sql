-- Validation on the analyst's own channels (framewatch review / eval labels): recorded review samples
-- and the analysts' labels. Everything points at posts and goes with them (channels remove).

CREATE TABLE review_samples (
  id              INTEGER PRIMARY KEY,
  frame           TEXT NOT NULL,
  seed            INTEGER NOT NULL,
  scope           TEXT NOT NULL,              -- JSON {since, until, channels, langs}: the posts drawn from
  size            INTEGER NOT NULL,           -- labels asked for (n)
  lexicon_version TEXT NOT NULL,              -- the lexicon that found the strata
  created_at      TEXT NOT NULL
);
CREATE INDEX review_samples_frame ON review_samples(frame, id);

CREATE TABLE review_items (
  sample_id    INTEGER NOT NULL REFERENCES review_samples(id) ON DELETE CASCADE,
  position     INTEGER NOT NULL,              -- 1-based, the order the labelling screen shows
  post_id      INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
  stratum      TEXT NOT NULL CHECK (stratum IN ('tagged', 'near', 'rest')),
  stratum_size INTEGER NOT NULL,              -- N_s when drawn
  weight       REAL NOT NULL,                 -- N_s / n_s
  PRIMARY KEY (sample_id, position),
  UNIQUE (sample_id, post_id)
) WITHOUT ROWID;
CREATE INDEX review_items_post ON review_items(post_id);

-- The current label per (post, frame, labeller).
CREATE TABLE labels (
  post_id         INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
  frame           TEXT NOT NULL,
  labeller        TEXT NOT NULL,
  label           INTEGER NOT NULL CHECK (label IN (0, 1)),
  labelled_at     TEXT NOT NULL,
  lexicon_version TEXT NOT NULL,              -- in force when labelled; eval re-tags with the current one
  sample_id       INTEGER REFERENCES review_samples(id) ON DELETE SET NULL,
  stratum         TEXT CHECK (stratum IN ('tagged', 'near', 'rest')),
  stratum_size    INTEGER,
  weight          REAL,
  PRIMARY KEY (post_id, frame, labeller)
) WITHOUT ROWID;
CREATE INDEX labels_frame ON labels(frame, labeller);

-- Labels no longer current: replaced by a later answer, undone, or older than the current one.
CREATE TABLE label_history (
  post_id         INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
  frame           TEXT NOT NULL,
  labeller        TEXT NOT NULL,
  label           INTEGER NOT NULL CHECK (label IN (0, 1)),
  labelled_at     TEXT NOT NULL,
  lexicon_version TEXT NOT NULL,
  sample_id       INTEGER REFERENCES review_samples(id) ON DELETE SET NULL,
  stratum         TEXT CHECK (stratum IN ('tagged', 'near', 'rest')),
  stratum_size    INTEGER,
  weight          REAL,
  reason          TEXT NOT NULL CHECK (reason IN ('replaced', 'undone', 'older')),
  archived_at     TEXT NOT NULL,
  UNIQUE (post_id, frame, labeller, labelled_at, label, reason)
);
CREATE INDEX label_history_frame ON label_history(frame, labeller);
