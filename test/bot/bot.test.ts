import { afterEach, describe, expect, it } from 'vitest';
import { parseCommand, runCommand } from '../../src/bot/bot-commands.js';
import { REFUSAL, createBot, isAllowedChat, type RunningBot } from '../../src/bot/bot.js';
import { createLogger } from '../../src/logger.js';
import { htmlProblems } from '../../src/report/telegram-html.js';
import { testPipeline } from '../helpers/temp-store.js';
import { BOT_USER, startMockBotApi, textMessage, type MockBotApi } from './mock-bot-api.js';

const TOKEN = '987654321:AAAnotherFakeTokenForBotTests_xyz';
const NOW = () => new Date('2026-03-16T06:00:00Z');

async function filled() {
  const { store, pipeline, tagger } = testPipeline('UTC');
  await pipeline.ingest([
    { channel: 'khurasan_alpha', messageId: 1, postedAt: '2026-03-10T08:00:00Z', text: 'The apostate Taliban sold the religion.' },
    { channel: 'khurasan_alpha', messageId: 2, postedAt: '2026-03-15T08:00:00Z', text: 'Those apostates in Kabul <b>guard</b> the embassies & more.' },
    { channel: 'almirsaad_beta', messageId: 3, postedAt: '2026-03-15T09:00:00Z', text: 'د خوارجو ډله د اسلامي امارت پر وړاندې ماتې خوړلې ده' },
    { channel: 'news_gamma', messageId: 4, postedAt: '2026-03-15T10:00:00Z', text: 'Markets in Herat opened early today after the holiday.' },
  ]);
  return { store, tagger };
}

let mock: MockBotApi | null = null;
let running: RunningBot | null = null;
afterEach(async () => {
  await running?.stop('test end');
  running = null;
  await mock?.close();
  mock = null;
});

describe('parseCommand', () => {
  it.each([
    ['/trend apostasy 30', { name: 'trend', args: 'apostasy 30' }],
    ['/Status', { name: 'status', args: '' }],
    ['/query@framewatch_test_bot  د خوارجو ', { name: 'query', args: 'د خوارجو' }],
    ['/query@other_bot x', null],
    ['hello /status', null],
    ['', null],
  ])('%j', (text, want) => expect(parseCommand(text, 'framewatch_test_bot')).toEqual(want));
});

describe('isAllowedChat', () => {
  it.each([
    [{ id: 1001, type: 'private' }, ['1001'], true],
    [{ id: -1001234, type: 'supergroup' }, ['-1001234'], true],
    [{ id: -100555, type: 'supergroup', username: 'AnalystsRoom' }, ['@analystsroom'], true],
    [{ id: -100556, type: 'channel', username: 'PubChan' }, ['42', '@pubchan'], true],
    [{ id: -557, type: 'group', username: 'PubChan' }, ['@PubChan'], true],
    // Anyone can name their own account PubChan: a private chat counts by its numeric id only.
    [{ id: 777, type: 'private', username: 'PubChan' }, ['42', '@pubchan'], false],
    [{ id: 42, type: 'private', username: 'PubChan' }, ['42', '@pubchan'], true],
    [{ id: 1002, type: 'private' }, ['1001'], false],
    [{ id: 1002, type: 'private' }, [], false],
  ])('%j in %j → %s', (chat, allowed, ok) => expect(isAllowedChat(chat, allowed)).toBe(ok));
});

describe('bot commands (answers)', async () => {
  const env = async () => {
    const { store, tagger } = await filled();
    return { store, timezone: 'UTC', frames: tagger.frames(), lexiconVersion: tagger.version, now: NOW };
  };

  it('/frames lists frames with their counts', async () => {
    const text = (await runCommand('frames', '', await env())).join('\n');
    expect(text).toMatch(/<b>apostasy<\/b> 2 · 2 — Apostasy/);
    expect(text).toMatch(/<b>khawarij<\/b> 1 · 1/);
  });

  it('/trend gives daily counts; bad input gets usage', async () => {
    const e = await env();
    const text = (await runCommand('trend', 'apostasy 7', e)).join('\n');
    expect(text).toContain('<b>apostasy</b>: 2 posts in 7 days (2026-03-10 – 2026-03-16, UTC)');
    expect(text).toContain('<code>█▁▁▁▁█▁</code>');
    expect(text).toContain('<code>2026-03-15 1</code> █');
    expect(text).not.toContain('2026-03-09');
    expect((await runCommand('trend', 'nosuchframe', e)).join('')).toContain('Unknown frame “nosuchframe”');
    expect((await runCommand('trend', 'apostasy 0', e)).join('')).toContain('from 1 to 90');
    expect((await runCommand('trend', '', e)).join('')).toContain('Usage: /trend');
    const long = await runCommand('trend', 'apostasy 90', e);
    for (const m of long) expect(htmlProblems(m)).toEqual([]);
  });

  it('/query by frame shows evidence; by text uses full-text search safely', async () => {
    const e = await env();
    const byFrame = (await runCommand('query', 'apostasy', e)).join('\n');
    expect(byFrame).toContain('<a href="https://t.me/khurasan_alpha/2">@khurasan_alpha/2</a> · eng · 2026-03-15 08:00 UTC');
    expect((await runCommand('query', 'apostasy', { ...e, timezone: 'Asia/Kabul' })).join('\n')).toContain('@khurasan_alpha/2</a> · eng · 2026-03-15 12:30 Asia/Kabul');
    expect(byFrame).toContain('matched: <code>\u2068apostates\u2069</code>');
    expect(byFrame).toContain('&lt;b&gt;guard&lt;/b&gt; the embassies &amp; more');
    const byText = (await runCommand('query', 'خوارجو', e)).join('\n');
    expect(byText).toContain('@almirsaad_beta/3');
    for (const q of ['"unclosed', 'markets OR *', 'NEAR(', '<b>x</b> & y']) {
      const out = await runCommand('query', q, e);
      for (const m of out) expect(htmlProblems(m), q).toEqual([]);
    }
    expect((await runCommand('query', 'Herat markets', e)).join('')).toContain('@news_gamma/4');
  });

  it('/digest, /status and /help answer in valid HTML', async () => {
    const e = await env();
    for (const [name, args] of [
      ['digest', ''],
      ['digest', '2026-03-15'],
      ['digest', 'today'],
      ['digest', 'soon'],
      ['status', ''],
      ['help', ''],
      ['start', ''],
      ['bogus', ''],
    ] as const) {
      const out = await runCommand(name, args, e);
      expect(out.length).toBeGreaterThan(0);
      for (const m of out) expect(htmlProblems(m), `/${name} ${args}`).toEqual([]);
    }
    expect((await runCommand('digest', '', e)).join('')).toContain('framewatch digest · 2026-03-15');
    expect((await runCommand('digest', 'soon', e)).join('')).toContain('is not a date');
    expect((await runCommand('status', '', e)).join('')).toContain('Posts: 4 from 3 channels (2026-03-10 – 2026-03-15, UTC)');
    await e.store.recordDigestSend({ day: '2026-03-15', chatId: '1001', sentAt: '2026-03-16T02:30:00.000Z', messages: 1, complete: true });
    expect((await runCommand('status', '', e)).join('')).toContain('Last digest sent: 2026-03-15, at 2026-03-16 02:30 UTC');
    expect((await runCommand('status', '', { ...e, timezone: 'Asia/Kabul' })).join('')).toContain('Last digest sent: 2026-03-15, at 2026-03-16 07:00 Asia/Kabul');
  });
});

/** A bot on the filled store, polling the mock; its log lines are collected. */
async function pollingBot(digestChatIds: string[], adminChatIds: string[]): Promise<{ mock: MockBotApi; lines: string[]; bot: RunningBot }> {
  const api = await startMockBotApi();
  mock = api;
  const { store, tagger } = await filled();
  const lines: string[] = [];
  const log = createLogger({ level: 'debug', secrets: [TOKEN], write: (l) => lines.push(l) });
  const bot = createBot({ token: TOKEN, apiRoot: api.url, digestChatIds, adminChatIds, store, timezone: 'UTC', frames: tagger.frames(), now: NOW, log });
  running = bot.start();
  return { mock: api, lines, bot: running };
}

describe('the bot on long polling against a mock Bot API', () => {
  it('answers allowed chats through sendMessage, refuses others without logging their text', async () => {
    const { mock, lines, bot } = await pollingBot(['1001'], ['-100200']);
    await mock.waitFor(() => mock.calls('getUpdates').length > 0);
    expect(mock.calls('getMe')).toHaveLength(1);

    mock.pushUpdate(textMessage(1001, '/frames'));
    mock.pushUpdate(textMessage(-100200, `/trend@${BOT_USER.username} khawarij 3`, { type: 'supergroup' }));
    mock.pushUpdate(textMessage(555, '/status my secret plan words'));
    mock.pushUpdate(textMessage(-100999, 'ordinary group chatter, also secret', { type: 'group' }));
    mock.pushUpdate(textMessage(-100999, '/query secret thing', { type: 'group' }));
    mock.pushUpdate(textMessage(1001, 'just talking, not a command'));
    mock.pushUpdate(textMessage(1001, '/query apostasy'));
    await mock.waitFor(() => mock.calls('sendMessage').length >= 5);
    // Give the bot a moment to (wrongly) answer anything else, then stop it.
    await mock.waitFor(() => mock.calls('getUpdates').some((c) => Number(c.body.offset) >= 8));
    await bot.stop('test');
    running = null;

    const sent = mock.calls('sendMessage').map((c) => ({ chat: String(c.body.chat_id), text: String(c.body.text), mode: c.body.parse_mode }));
    expect(sent.map((s) => s.chat).sort()).toEqual(['-100200', '-100999', '1001', '1001', '555']);
    for (const s of sent) {
      expect(s.mode).toBe('HTML');
      expect(htmlProblems(s.text)).toEqual([]);
    }
    expect(sent.find((s) => s.chat === '-100200')!.text).toContain('<b>khawarij</b>: 1 post in 3 days');
    expect(sent.find((s) => s.chat === '1001' && s.text.includes('Frames'))).toBeDefined();
    expect(sent.find((s) => s.chat === '1001' && s.text.includes('@khurasan_alpha/2'))).toBeDefined();
    expect(sent.filter((s) => s.chat === '555' || s.chat === '-100999').every((s) => s.text === REFUSAL)).toBe(true);

    const log_ = lines.join('');
    expect(log_).toContain('bot: refused private chat 555');
    expect(log_).toContain('bot: refused group chat -100999');
    expect(log_).not.toContain('secret');
    expect(log_).not.toContain(TOKEN);
    expect(log_).toContain('bot: stopped');
    expect(mock.requests.every((r) => r.token === TOKEN)).toBe(true);
  });

  it('ADMIN_CHAT_IDS=42,@pubchan: a private chat named PubChan is refused /status; the public channel group is answered', async () => {
    const { mock, lines, bot } = await pollingBot([], ['42', '@pubchan']);
    await mock.waitFor(() => mock.calls('getUpdates').length > 0);
    mock.pushUpdate(textMessage(777, '/status', { type: 'private', username: 'PubChan' }));
    mock.pushUpdate(textMessage(-100777, '/status', { type: 'supergroup', username: 'PubChan' }));
    mock.pushUpdate(textMessage(42, '/status', { type: 'private', username: 'someone_else' }));
    await mock.waitFor(() => mock.calls('sendMessage').length >= 3);
    await bot.stop('test');
    running = null;
    const byChat = new Map(mock.calls('sendMessage').map((c) => [String(c.body.chat_id), String(c.body.text)]));
    expect(byChat.get('777')).toBe(REFUSAL);
    expect(byChat.get('-100777')).toContain('framewatch status');
    expect(byChat.get('42')).toContain('framewatch status');
    expect(lines.join('')).toContain('bot: refused private chat 777');
  });

  it('a refused token switches the bot off with a clear log line', async () => {
    mock = await startMockBotApi();
    mock.failNext('getMe', { status: 401, body: { ok: false, error_code: 401, description: 'Unauthorized' } });
    const { store } = await filled();
    const lines: string[] = [];
    const log = createLogger({ secrets: [TOKEN], write: (l) => lines.push(l) });
    const { start } = createBot({ token: TOKEN, apiRoot: mock.url, digestChatIds: ['1'], adminChatIds: [], store, timezone: 'UTC', log });
    const b = start();
    await b.done;
    expect(lines.join('')).toContain('Telegram API refused getMe: 401 Unauthorized (check TELEGRAM_BOT_TOKEN); the bot is off');
    expect(mock.calls('getUpdates')).toHaveLength(0);
  });
});
