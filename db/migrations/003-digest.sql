-- Digest deliveries: one row per (day, chat) once every message of that day's digest reached the chat.
-- `complete` = the day had ended when it was sent; a digest sent while its day was still running does
-- not stop the scheduled full-day digest. The bot token is never stored.
CREATE TABLE digest_sends (
  day      TEXT NOT NULL,                     -- YYYY-MM-DD in the configured timezone
  chat_id  TEXT NOT NULL,
  sent_at  TEXT NOT NULL,                     -- ISO 8601 UTC
  messages INTEGER NOT NULL,                  -- Telegram messages the digest took
  complete INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (day, chat_id)
) WITHOUT ROWID;
