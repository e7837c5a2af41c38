// Digest delivery records on PostgreSQL: one row per (day, chat).
import type { DigestSend } from '../store.js';
import { one, rows, type Queryable } from './connection.js';

type Row = { day: string; chat_id: string; sent_at: string; messages: number; complete: boolean };
const COLS = 'day, chat_id, sent_at, messages, complete';
const toSend = (r: Row): DigestSend => ({ day: r.day, chatId: r.chat_id, sentAt: r.sent_at, messages: r.messages, complete: r.complete });

export async function getDigestSend(q: Queryable, day: string, chatId: string): Promise<DigestSend | undefined> {
  const r = await one<Row>(q, `SELECT ${COLS} FROM digest_sends WHERE day = $1 AND chat_id = $2`, [day, chatId]);
  return r && toSend(r);
}

export async function recordDigestSend(q: Queryable, s: DigestSend): Promise<void> {
  await q.query(
    `INSERT INTO digest_sends(${COLS}) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (day, chat_id) DO UPDATE SET sent_at = EXCLUDED.sent_at, messages = EXCLUDED.messages, complete = EXCLUDED.complete`,
    [s.day, s.chatId, s.sentAt, s.messages, s.complete],
  );
}

export async function lastDigestSend(q: Queryable): Promise<DigestSend | undefined> {
  const r = await one<Row>(q, `SELECT ${COLS} FROM digest_sends ORDER BY sent_at DESC LIMIT 1`);
  return r && toSend(r);
}

export async function allDigestSends(q: Queryable): Promise<DigestSend[]> {
  return (await rows<Row>(q, `SELECT ${COLS} FROM digest_sends ORDER BY day, chat_id`)).map(toSend);
}
