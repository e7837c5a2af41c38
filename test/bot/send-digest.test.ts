import { afterEach, describe, expect, it } from 'vitest';
import {
  DigestSendError,
  TelegramApiError,
  TelegramUnreachableError,
  callDeadlineMs,
  createSender,
  sendDigest,
  sendDigestForDay,
  type DigestConfig,
} from '../../src/bot/send-digest.js';
import { createLogger } from '../../src/logger.js';
import { htmlProblems } from '../../src/report/telegram-html.js';
import { testPipeline } from '../helpers/temp-store.js';
import { forbidden, startMockBotApi, tooManyRequests, until, type MockBotApi } from './mock-bot-api.js';

export const TOKEN = '123456789:AAFakeTokenForTests_abcdefghijklmnopq';
const DAY = '2026-03-15';
const AFTER = () => new Date('2026-03-16T06:00:00Z');

let mock: MockBotApi | null = null;
afterEach(async () => {
  await mock?.close();
  mock = null;
});

async function store() {
  const { store, pipeline } = testPipeline('UTC');
  await pipeline.ingest([
    { channel: 'voice_delta', messageId: 1, postedAt: `${DAY}T09:00:00Z`, text: 'The apostate <b>rulers</b> & their <script>alert(1)</script> friends' },
    { channel: 'almirsaad_beta', messageId: 2, postedAt: `${DAY}T10:00:00Z`, text: 'د خوارجو ډله د اسلامي امارت پر وړاندې ماتې خوړلې ده' },
  ]);
  return store;
}

function config(url: string, chats = ['1001']): DigestConfig {
  return { botToken: TOKEN, telegramApiRoot: url, digestChatIds: chats, timezone: 'UTC' };
}

function logSink() {
  const lines: string[] = [];
  return { lines, log: createLogger({ level: 'debug', secrets: [TOKEN], write: (l) => lines.push(l) }) };
}

describe('sending the digest to a mock Bot API', () => {
  it('sends sendMessage with parse_mode HTML and valid, escaped text; records it; a second run sends nothing', async () => {
    mock = await startMockBotApi();
    const s = await store();
    const { lines, log } = logSink();
    const r = await sendDigestForDay(s, config(mock.url, ['1001', '-100777']), DAY, { now: AFTER, log });
    expect(r.sent).toEqual([
      { chatId: '1001', messages: 1 },
      { chatId: '-100777', messages: 1 },
    ]);
    const calls = mock.calls('sendMessage');
    expect(calls).toHaveLength(2);
    for (const c of calls) {
      expect(c.token).toBe(TOKEN);
      expect(c.body.parse_mode).toBe('HTML');
      expect(c.body.link_preview_options).toEqual({ is_disabled: true });
      const text = String(c.body.text);
      expect(text.length).toBeLessThanOrEqual(4096);
      expect(htmlProblems(text)).toEqual([]);
      expect(text).toContain('&lt;b&gt;rulers&lt;/b&gt; &amp; their &lt;script&gt;');
      expect(text).not.toContain('<script>');
    }
    expect(calls.map((c) => c.body.chat_id)).toEqual(['1001', '-100777']);
    expect(await s.getDigestSend(DAY, '1001')).toMatchObject({ messages: 1, complete: true });

    const again = await sendDigestForDay(s, config(mock.url, ['1001', '-100777']), DAY, { now: AFTER, log });
    expect(again.sent).toEqual([]);
    expect(again.skipped.map((x) => x.chatId)).toEqual(['1001', '-100777']);
    expect(mock.calls('sendMessage')).toHaveLength(2);

    const forced = await sendDigestForDay(s, config(mock.url), DAY, { now: AFTER, log, force: true });
    expect(forced.sent).toHaveLength(1);
    expect(mock.calls('sendMessage')).toHaveLength(3);
    expect(lines.join('')).not.toContain(TOKEN);
  });

  it('a 429 is retried after retry_after, then succeeds', async () => {
    mock = await startMockBotApi();
    mock.failNext('sendMessage', tooManyRequests(1));
    const waits: number[] = [];
    const { lines, log } = logSink();
    const s = await store();
    const r = await sendDigestForDay(s, config(mock.url), DAY, { now: AFTER, log, sleep: async (ms) => void waits.push(ms) });
    expect(r.sent).toEqual([{ chatId: '1001', messages: 1 }]);
    expect(waits).toEqual([1000]);
    const calls = mock.calls('sendMessage');
    expect(calls).toHaveLength(2);
    expect(calls[1]!.body.text).toBe(calls[0]!.body.text);
    expect(lines.some((l) => /429.*retry 2\/4 in 1s/.test(l))).toBe(true);
  });

  it('really waits retry_after with the default sleep', async () => {
    mock = await startMockBotApi();
    mock.failNext('sendMessage', tooManyRequests(1));
    const sender = createSender({ token: TOKEN, apiRoot: mock.url });
    await sender.sendMessage('1001', 'hello');
    expect(mock.calls('sendMessage')).toHaveLength(2);
  });

  it('gives up when Telegram keeps saying 429, or asks to wait too long', async () => {
    mock = await startMockBotApi();
    for (let i = 0; i < 4; i++) mock.failNext('sendMessage', tooManyRequests(1));
    const sender = createSender({ token: TOKEN, apiRoot: mock.url, sleep: async () => {} });
    await expect(sender.sendMessage('1001', 'x')).rejects.toThrow(TelegramApiError);
    expect(mock.calls('sendMessage')).toHaveLength(4);

    mock.failNext('sendMessage', tooManyRequests(3600));
    const waits: number[] = [];
    const patient = createSender({ token: TOKEN, apiRoot: mock.url, sleep: async (ms) => void waits.push(ms) });
    await expect(patient.sendMessage('1001', 'x')).rejects.toThrow(/429 Too Many Requests: retry after 3600/);
    expect(waits).toEqual([]);
  });

  it('a 403 gives a clear "API said no" error; the other chats still get it; nothing recorded for that chat', async () => {
    mock = await startMockBotApi();
    mock.failNext('sendMessage', forbidden());
    const s = await store();
    const { lines, log } = logSink();
    const err = await sendDigestForDay(s, config(mock.url, ['1001', '1002']), DAY, { now: AFTER, log }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DigestSendError);
    const e = err as DigestSendError;
    expect(e.message).toBe(
      'digest 2026-03-15: Telegram API refused sendMessage to chat 1001: 403 Forbidden: bot was blocked by the user ' +
        '(the bot must be a member of the chat and not blocked); sent to 1 chat',
    );
    expect(e.failures[0]!.error).toBeInstanceOf(TelegramApiError);
    expect((e.failures[0]!.error as TelegramApiError).status).toBe(403);
    expect(e.result.sent).toEqual([{ chatId: '1002', messages: 1 }]);
    expect(await s.getDigestSend(DAY, '1001')).toBeUndefined();
    expect(await s.getDigestSend(DAY, '1002')).toBeDefined();
    expect(mock.calls('sendMessage')).toHaveLength(2); // 403 is not retried
    expect(lines.join('') + e.message).not.toContain(TOKEN);
  });

  it('an unreachable API is a different error, without the token, and stops the remaining chats', async () => {
    mock = await startMockBotApi();
    const url = mock.url;
    await mock.close();
    mock = null;
    const s = await store();
    const err = await sendDigestForDay(s, config(url, ['1001', '1002']), DAY, { now: AFTER, sleep: async () => {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DigestSendError);
    const e = err as DigestSendError;
    expect(e.failures).toHaveLength(1);
    expect(e.failures[0]!.error).toBeInstanceOf(TelegramUnreachableError);
    expect(e.message).toMatch(/^digest 2026-03-15: cannot reach the Telegram Bot API at http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED \(1 more chat not sent\)$/);
    expect(e.message).not.toContain(TOKEN);
    expect(e.message).not.toContain(TOKEN.split(':')[1]!);
  });

  it('an API that accepts the connection and never answers: the call times out once (no retry) as "unreachable"', async () => {
    mock = await startMockBotApi();
    mock.hang('sendMessage');
    const s = await store();
    const { lines, log } = logSink();
    const err = await sendDigestForDay(
      s,
      { ...config(mock.url, ['1001', '1002']), telegramTimeoutMs: 300 },
      DAY,
      { now: AFTER, log, sleep: async () => {} },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DigestSendError);
    const e = err as DigestSendError;
    expect(e.failures[0]!.error).toBeInstanceOf(TelegramUnreachableError);
    expect(e.message).toMatch(
      /^digest 2026-03-15: cannot reach the Telegram Bot API at http:\/\/127\.0\.0\.1:\d+: no answer to sendMessage within 0\.3s \(1 more chat not sent\)$/,
    );
    // A message that may have arrived is not sent twice, and the second chat is not tried.
    expect(mock.calls('sendMessage')).toHaveLength(1);
    expect(await s.getDigestSend(DAY, '1001')).toBeUndefined();
    expect(lines.join('') + e.message).not.toContain(TOKEN.split(':')[1]!);
  });

  it('every call has a deadline; getUpdates gets its long-poll time on top', () => {
    expect(callDeadlineMs('sendMessage', { chat_id: 1, text: 'x' }, 30_000)).toBe(30_000);
    expect(callDeadlineMs('getMe', {}, 5_000)).toBe(5_000);
    expect(callDeadlineMs('getUpdates', { timeout: 50, offset: 3 }, 30_000)).toBe(80_000);
    expect(callDeadlineMs('getUpdates', { offset: 3, limit: 1 }, 30_000)).toBe(30_000);
  });

  it('a stop signal cancels a call in flight at once', async () => {
    mock = await startMockBotApi();
    mock.hang('getMe');
    const stop = new AbortController();
    const sender = createSender({ token: TOKEN, apiRoot: mock.url, timeoutMs: 600_000, signal: stop.signal });
    const pending = sender.call('getMe', null, (t) => t.getMe()).catch((e: unknown) => e);
    await mock.waitFor(() => mock!.calls('getMe').length === 1);
    stop.abort();
    const err = (await pending) as Error;
    expect(err.name).toBe('AbortError');
    expect(err.message).toBe('getMe cancelled: stopping');
    await until(() => mock!.hanging === 0, 5_000, 'the held request to be closed by the client');
  });

  it('an API that answers non-JSON errors are scrubbed of the token', async () => {
    const { createServer } = await import('node:http');
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>proxy login</html>');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      const sender = createSender({ token: TOKEN, apiRoot: `http://127.0.0.1:${port}`, sleep: async () => {} });
      const err = (await sender.sendMessage('1', 'x').catch((e: unknown) => e)) as Error;
      expect(err).toBeInstanceOf(TelegramUnreachableError);
      expect(err.message).toContain('not Bot API JSON');
      expect(err.message).not.toContain(TOKEN.split(':')[1]!);
    } finally {
      server.close();
    }
  });

  it('a digest sent while its day runs is partial: it does not block the full-day digest, but is not repeated that day', async () => {
    mock = await startMockBotApi();
    const s = await store();
    const during = () => new Date(`${DAY}T12:00:00Z`);
    await sendDigestForDay(s, config(mock.url), DAY, { now: during });
    expect(await s.getDigestSend(DAY, '1001')).toMatchObject({ complete: false });
    expect(String(mock.calls('sendMessage')[0]!.body.text)).toContain('day not over yet');
    await sendDigestForDay(s, config(mock.url), DAY, { now: during });
    expect(mock.calls('sendMessage')).toHaveLength(1);
    await sendDigestForDay(s, config(mock.url), DAY, { now: AFTER });
    expect(mock.calls('sendMessage')).toHaveLength(2);
    expect(await s.getDigestSend(DAY, '1001')).toMatchObject({ complete: true });
  });

  it('multi-message digests go out in order; a failure midway says how far it got', async () => {
    mock = await startMockBotApi();
    const s = await store();
    const sender = createSender({ token: TOKEN, apiRoot: mock.url });
    const messages = ['<b>one</b>', '<b>two</b>', '<b>three</b>'];
    await sendDigest({ store: s, day: DAY, timezone: 'UTC', messages, chatIds: ['1001'], sender, now: AFTER });
    expect(mock.calls('sendMessage').map((c) => c.body.text)).toEqual(messages);
    expect(await s.getDigestSend(DAY, '1001')).toMatchObject({ messages: 3 });

    mock.requests.length = 0;
    mock.failNext('sendMessage', { status: 200, body: { ok: true, result: { message_id: 1, date: 0, chat: { id: 1, type: 'private' } } } });
    mock.failNext('sendMessage', { status: 400, body: { ok: false, error_code: 400, description: 'Bad Request: chat not found' } });
    const err = (await sendDigest({ store: s, day: '2026-03-14', timezone: 'UTC', messages, chatIds: ['1001'], sender, now: AFTER }).catch(
      (e: unknown) => e,
    )) as Error;
    expect(err.message).toContain('400 Bad Request: chat not found (check the chat id; the bot must have been added to the chat) (after 1 of 3 messages)');
    expect(await s.getDigestSend('2026-03-14', '1001')).toBeUndefined();
  });

  it('refuses clearly without a token or chats', async () => {
    const s = await store();
    await expect(sendDigestForDay(s, { ...config('http://127.0.0.1:9'), botToken: null }, DAY)).rejects.toThrow('TELEGRAM_BOT_TOKEN is not set');
    await expect(sendDigestForDay(s, config('http://127.0.0.1:9', []), DAY)).rejects.toThrow('DIGEST_CHAT_IDS is empty');
  });
});
