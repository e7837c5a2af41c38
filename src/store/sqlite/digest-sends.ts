// Digest delivery records: one row per (day, chat).
import type { DigestSend } from '../store.js';
import type { Db } from './open-database.js';

type Row = { day: string; chat_id: string; sent_at: string; messages: number; complete: number };

const toSend = (r: Row | undefined): DigestSend | undefined =>
  r && { day: r.day, chatId: r.chat_id, sentAt: r.sent_at, messages: r.messages, complete: r.complete === 1 };

export function getDigestSend(db: Db, day: string, chatId: string): DigestSend | undefined {
  return toSend(db.prepare('SELECT day, chat_id, sent_at, messages, complete FROM digest_sends WHERE day = ? AND chat_id = ?').get(day, chatId) as Row | undefined);
}

export function recordDigestSend(db: Db, s: DigestSend): void {
  db.prepare(
    `INSERT INTO digest_sends(day, chat_id, sent_at, messages, complete) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(day, chat_id) DO UPDATE SET sent_at = excluded.sent_at, messages = excluded.messages, complete = excluded.complete`,
  ).run(s.day, s.chatId, s.sentAt, s.messages, s.complete ? 1 : 0);
}

export function lastDigestSend(db: Db): DigestSend | undefined {
  return toSend(db.prepare('SELECT day, chat_id, sent_at, messages, complete FROM digest_sends ORDER BY sent_at DESC LIMIT 1').get() as Row | undefined);
}
