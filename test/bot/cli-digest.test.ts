import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { htmlProblems } from '../../src/report/telegram-html.js';
import { testPipeline } from '../helpers/temp-store.js';
import { forbidden, startMockBotApi, tooManyRequests, type MockBotApi } from './mock-bot-api.js';
import { runCliAsync } from './run-cli-async.js';

const TOKEN = '555000111:AAHcliTokenThatMustNeverLeak_0123456789';
const SECRET = TOKEN.split(':')[1]!;
const DAY = '2026-03-15';

let mock: MockBotApi | null = null;
afterEach(async () => {
  await mock?.close();
  mock = null;
});

/** A DB file with posts on DAY (Kabul time), closed so the CLI can open it. */
async function dbFile(): Promise<string> {
  const { store, pipeline } = testPipeline('Asia/Kabul');
  await pipeline.ingest([
    { channel: 'voice_delta', messageId: 7, postedAt: `${DAY}T05:00:00Z`, text: 'The apostate <b>rulers</b> & their <script>alert(1)</script> friends' },
    { channel: 'voice_delta', messageId: 8, postedAt: `${DAY}T06:00:00Z`, text: 'Every apostate regime falls in the end.' },
    { channel: 'almirsaad_beta', messageId: 9, postedAt: `${DAY}T07:00:00Z`, text: 'د خوارجو ډله د اسلامي امارت پر وړاندې ماتې خوړلې ده' },
  ]);
  await store.close();
  return store.location;
}

/** Every byte of the DB (and its WAL/SHM) as latin1 text, to look for the token. */
function dbBytes(path: string): string {
  const dir = dirname(path);
  return readdirSync(dir)
    .filter((f) => f.startsWith('test.sqlite'))
    .map((f) => readFileSync(join(dir, f)).toString('latin1'))
    .join('');
}

const env = (db: string, url: string, chats = '1001') => ({
  FRAMEWATCH_DB: db,
  TELEGRAM_BOT_TOKEN: TOKEN,
  TELEGRAM_API_ROOT: url,
  DIGEST_CHAT_IDS: chats,
});

describe('framewatch digest (CLI)', () => {
  it('prints the digest as valid, escaped Telegram HTML without --send', async () => {
    const db = await dbFile();
    const r = await runCliAsync(['digest', '--date', DAY], { FRAMEWATCH_DB: db });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`framewatch digest · ${DAY}`);
    expect(r.stdout).toContain('&lt;b&gt;rulers&lt;/b&gt; &amp; their &lt;script&gt;');
    expect(r.stdout).not.toContain('<script>');
    expect(htmlProblems(r.stdout.trim())).toEqual([]);
  });

  it('--send posts to the mock Bot API once; a second run sends nothing; --force resends', async () => {
    mock = await startMockBotApi();
    const db = await dbFile();
    const first = await runCliAsync(['digest', '--date', DAY, '--send'], env(db, mock.url, '1001,-100222'));
    expect(first.stderr).not.toContain('error');
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(`digest ${DAY}: sent 2 messages to 2 chats\n`);
    const calls = mock.calls('sendMessage');
    expect(calls.map((c) => c.body.chat_id)).toEqual(['1001', '-100222']);
    for (const c of calls) {
      expect(c.body.parse_mode).toBe('HTML');
      const text = String(c.body.text);
      expect(text.length).toBeLessThanOrEqual(4096);
      expect(htmlProblems(text)).toEqual([]);
      expect(text).toContain('&lt;script&gt;');
    }

    const second = await runCliAsync(['digest', '--date', DAY, '--send'], env(db, mock.url, '1001,-100222'));
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('sent 0 messages to 0 chats; 2 chats already had it (--force resends)');
    expect(mock.calls('sendMessage')).toHaveLength(2);

    const forced = await runCliAsync(['digest', '--date', DAY, '--send', '--force'], env(db, mock.url, '1001'));
    expect(forced.code).toBe(0);
    expect(mock.calls('sendMessage')).toHaveLength(3);
    for (const r of [first, second, forced]) expect(r.stdout + r.stderr).not.toContain(SECRET);
    expect(dbBytes(db)).not.toContain(SECRET);
  });

  it('a 429 then success is retried and the run succeeds', async () => {
    mock = await startMockBotApi();
    mock.failNext('sendMessage', tooManyRequests(1));
    const db = await dbFile();
    const r = await runCliAsync(['digest', '--date', DAY, '--send'], env(db, mock.url));
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warn .*sendMessage to chat 1001 failed \(429 Too Many Requests\); retry 2\/4 in 1s/);
    expect(mock.calls('sendMessage')).toHaveLength(2);
  });

  it('a 403 exits non-zero with one clear line, and the token appears nowhere', async () => {
    mock = await startMockBotApi();
    mock.failNext('sendMessage', forbidden('Forbidden: bot was blocked by the user'));
    const db = await dbFile();
    const r = await runCliAsync(['digest', '--date', DAY, '--send'], env(db, mock.url));
    expect(r.code).toBe(1);
    const last = r.stderr.trim().split('\n').at(-1);
    expect(last).toBe(
      `framewatch: digest ${DAY}: Telegram API refused sendMessage to chat 1001: 403 Forbidden: bot was blocked by the user (the bot must be a member of the chat and not blocked)`,
    );
    expect(r.stdout + r.stderr).not.toContain(SECRET);
    expect(dbBytes(db)).not.toContain(SECRET);
  });

  it('an unreachable API exits non-zero without the token', async () => {
    mock = await startMockBotApi();
    const url = mock.url;
    await mock.close();
    mock = null;
    const db = await dbFile();
    const r = await runCliAsync(['digest', '--date', DAY, '--send'], env(db, url));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/framewatch: digest 2026-03-15: cannot reach the Telegram Bot API at http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED\n$/);
    expect(r.stderr).not.toContain(SECRET);
  }, 30_000);

  it('an API that accepts and never answers: --send fails with exactly one line once TELEGRAM_TIMEOUT_MS passes', async () => {
    mock = await startMockBotApi();
    mock.hang('*');
    const db = await dbFile();
    const r = await runCliAsync(['digest', '--date', DAY, '--send'], { ...env(db, mock.url, '1001,-100222'), TELEGRAM_TIMEOUT_MS: '500' }, 30_000);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^framewatch: digest 2026-03-15: cannot reach the Telegram Bot API at http:\/\/127\.0\.0\.1:\d+: no answer to sendMessage within 0\.5s \(1 more chat not sent\)\n$/,
    );
    expect(r.stdout).toBe('');
    expect(mock.calls('sendMessage')).toHaveLength(1);
    expect(r.stderr).not.toContain(SECRET);
  }, 40_000);

  it.each([
    [['digest', '--force'], 2, '--force only makes sense with --send'],
    [['digest', '--date', '2026-02-30'], 2, 'is not a calendar date'],
    [['digest', '--send', '--date', DAY], 1, 'TELEGRAM_BOT_TOKEN is not set'],
  ])('%j → exit %i', async (args, code, msg) => {
    const db = await dbFile();
    const r = await runCliAsync(args, { FRAMEWATCH_DB: db });
    expect(r.code).toBe(code);
    expect(r.stderr).toContain(msg);
  });
});
