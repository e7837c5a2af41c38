import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { createLogger } from '../../src/logger.js';
import { startDaemon, type CollectJob, type Daemon, type DaemonConfig } from '../../src/schedule/daemon.js';
import { htmlProblems } from '../../src/report/telegram-html.js';
import { tempDir, testPipeline } from '../helpers/temp-store.js';
import { startMockBotApi, textMessage, until, type MockBotApi } from './mock-bot-api.js';
import { startCli } from './run-cli-async.js';

const TOKEN = '424242424:AAHdaemonTokenNeverInLogs_abcdefghij';
const SECRET = TOKEN.split(':')[1]!;

let mock: MockBotApi | null = null;
let daemon: Daemon | null = null;
const servers: Server[] = [];
afterEach(async () => {
  await daemon?.stop('test end');
  daemon = null;
  await mock?.close();
  mock = null;
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    s.close();
  }
});

function config(url: string, over: Partial<DaemonConfig> = {}): DaemonConfig {
  return {
    timezone: 'UTC',
    collectCron: '* * * * * *',
    digestCron: '* * * * * *',
    botToken: TOKEN,
    telegramApiRoot: url,
    digestChatIds: ['1001'],
    adminChatIds: [],
    ...over,
  };
}

describe('the daemon (in process, fast cron, mock Bot API)', () => {
  it('collects and sends the digest on schedule, never two collections at once, the digest once; stop() ends cleanly', async () => {
    mock = await startMockBotApi();
    const { store, pipeline, tagger } = testPipeline('UTC');
    const lines: string[] = [];
    const log = createLogger({ level: 'debug', secrets: [TOKEN], write: (l) => lines.push(l) });
    let runs = 0;
    let active = 0;
    let maxActive = 0;
    // A slow collector (1.5 s) on a 1 s schedule: ticks that find it busy must be skipped.
    const collect: CollectJob = async ({ signal }) => {
      runs++;
      active++;
      maxActive = Math.max(maxActive, active);
      try {
        await pipeline.ingest([{ channel: 'khurasan_alpha', messageId: runs, postedAt: '2026-03-15T08:00:00Z', text: `The apostate regime, report ${runs}.` }]);
        await new Promise((r) => setTimeout(r, 1500));
        return `pass ${runs}${signal.aborted ? ' (aborted)' : ''}`;
      } finally {
        active--;
      }
    };
    daemon = startDaemon({ config: config(mock.url), store, log, collect, tagger, now: () => new Date('2026-03-16T06:00:00Z') });
    await until(
      () =>
        runs >= 2 &&
        lines.filter((l) => / digest: done/.test(l)).length >= 2 &&
        lines.some((l) => /collect: previous run still going; this tick skipped/.test(l)),
      20_000,
      'two collections, two digest ticks and a skipped overlapping tick',
    );
    expect(maxActive).toBe(1);

    // The digest of 2026-03-15 went out once, though the digest job ran several times.
    const digests = mock.calls('sendMessage').filter((c) => String(c.body.text).includes('framewatch digest · 2026-03-15'));
    expect(digests).toHaveLength(1);
    expect(digests[0]!.body.parse_mode).toBe('HTML');
    expect(htmlProblems(String(digests[0]!.body.text))).toEqual([]);
    expect(lines.some((l) => /digest: done in .*day 2026-03-15: sent to 0 chats, 1 already had it/.test(l))).toBe(true);

    // The bot polls in the same process and /status shows the schedule.
    mock.pushUpdate(textMessage(1001, '/status'));
    await mock.waitFor(() => mock!.calls('sendMessage').some((c) => String(c.body.text).includes('framewatch status')));
    const status = String(mock.calls('sendMessage').find((c) => String(c.body.text).includes('framewatch status'))!.body.text);
    // Every time names its zone.
    expect(status).toMatch(/collect: next \d{4}-\d\d-\d\d \d\d:\d\d UTC; last \d{4}-\d\d-\d\d \d\d:\d\d UTC ok: pass \d/);
    expect(status).toMatch(/digest: next \d{4}-\d\d-\d\d \d\d:\d\d UTC/);

    const d = daemon;
    daemon = null;
    await d.stop('test');
    const runsAtStop = runs;
    await expect(store.overview()).rejects.toThrow(/not open/);
    await new Promise((r) => setTimeout(r, 1200));
    expect(runs).toBe(runsAtStop);
    const text = lines.join('');
    for (const event of ['daemon stopping (test)', 'cron tasks stopped', 'bot: stopped', 'database closed; daemon stopped']) {
      expect(text).toContain(event);
    }
    expect(text).not.toContain(SECRET);
    for (const l of lines) expect(l).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (debug|info |warn |error) [^\n]*\n$/);
  });

  it('a failing collection is logged and the daemon keeps going', async () => {
    const { store } = testPipeline('UTC');
    const lines: string[] = [];
    const log = createLogger({ write: (l) => lines.push(l) });
    let calls = 0;
    const collect: CollectJob = async () => {
      calls++;
      throw new Error(`channel page broke (${calls})`);
    };
    daemon = startDaemon({ config: config('http://127.0.0.1:9', { botToken: null, digestChatIds: [] }), store, log, collect });
    await until(() => calls >= 2, 10_000, 'two collection attempts');
    expect(lines.some((l) => /error collect: failed: channel page broke \(1\)/.test(l))).toBe(true);
    expect(lines.some((l) => /digest: off \(TELEGRAM_BOT_TOKEN is not set\)/.test(l))).toBe(true);
    expect(lines.some((l) => /bot: off/.test(l))).toBe(true);
  });

  it('a digest send hung on a silent Bot API is cancelled by stop(): the daemon stops without waiting out its grace time', async () => {
    mock = await startMockBotApi();
    mock.hang('sendMessage');
    const { store, pipeline, tagger } = testPipeline('UTC');
    await pipeline.ingest([{ channel: 'khurasan_alpha', messageId: 1, postedAt: '2026-03-15T08:00:00Z', text: 'The apostate regime, again.' }]);
    const lines: string[] = [];
    const log = createLogger({ level: 'debug', secrets: [TOKEN], write: (l) => lines.push(l) });
    const d = startDaemon({ config: config(mock.url), store, log, collect: null, tagger, bot: false, now: () => new Date('2026-03-16T06:00:00Z'), stopTimeoutMs: 20_000 });
    await mock.waitFor(() => mock!.calls('sendMessage').length >= 1);
    await d.stop('test');
    const text = lines.join('');
    expect(text).toContain('warn  digest: stopped before it finished: digest 2026-03-15: sendMessage cancelled: stopping');
    expect(text).not.toContain('closing anyway');
    expect(text).toContain('database closed; daemon stopped');
    await expect(store.overview()).rejects.toThrow(/not open/);
    await until(() => mock!.hanging === 0, 5_000, 'the held sendMessage to be closed by the client');
  }, 30_000);

  it('refuses an invalid cron expression', () => {
    const { store } = testPipeline('UTC');
    expect(() =>
      startDaemon({ config: config('http://127.0.0.1:9', { collectCron: '99 * * * *' }), store, log: createLogger({ write: () => {} }), collect: null }),
    ).toThrow(UserError);
  });
});

async function tmeServer(): Promise<{ url: string; paths: string[] }> {
  const paths: string[] = [];
  const server = createServer((req, res) => {
    paths.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!DOCTYPE html><html><head><title>Telegram</title></head><body><div class="tgme_page">No preview</div></body></html>');
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, paths };
}

describe('framewatch run (child process)', () => {
  it('runs collection and the digest on a fast schedule against local servers, polls the bot, and stops cleanly on SIGTERM', async () => {
    mock = await startMockBotApi();
    const tme = await tmeServer();
    const db = join(tempDir(), 'run.sqlite');
    const cli = startCli(['run'], {
      FRAMEWATCH_DB: db,
      TIMEZONE: 'UTC',
      CHANNELS: 'localtest_chan',
      TME_BASE_URL: tme.url,
      COLLECT_MIN_INTERVAL_MS: '0',
      COLLECT_CRON: '* * * * * *',
      DIGEST_CRON: '* * * * * *',
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: mock.url,
      DIGEST_CHAT_IDS: '1001',
      LOG_LEVEL: 'info',
    });
    try {
      await until(
        () => / collect: done/.test(cli.stderr()) && / digest: done/.test(cli.stderr()) && mock!.calls('getUpdates').length > 0,
        30_000,
        `collect, digest and polling; stderr so far:\n${cli.stderr()}`,
      );
    } catch (err) {
      cli.child.kill('SIGKILL');
      throw new Error(`${(err as Error).message}\n${cli.stderr()}`);
    }
    expect(tme.paths.some((p) => p.startsWith('/s/localtest_chan'))).toBe(true);
    expect(mock.calls('sendMessage').length).toBeGreaterThan(0);
    cli.child.kill('SIGTERM');
    const exit = await cli.exited;
    const err = cli.stderr();
    expect(exit).toEqual({ code: 0, signal: null });
    expect(err).toContain('daemon stopping (SIGTERM)');
    expect(err).toContain('bot: stopped');
    expect(err).toContain('database closed; daemon stopped');
    expect(err).not.toContain(SECRET);
    expect(cli.stdout()).not.toContain(SECRET);
    for (const l of err.trim().split('\n')) expect(l).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z (debug|info |warn |error) /);
  }, 60_000);

  it('with a Bot API that accepts and never answers, one SIGTERM is enough: it exits 0 within its grace time', async () => {
    mock = await startMockBotApi();
    mock.hang('*');
    const db = join(tempDir(), 'hung.sqlite');
    const cli = startCli(['run'], {
      FRAMEWATCH_DB: db,
      TIMEZONE: 'UTC',
      DIGEST_CRON: '* * * * * *',
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: mock.url,
      DIGEST_CHAT_IDS: '1001',
      LOG_LEVEL: 'debug',
    });
    let exit: { code: number | null; signal: NodeJS.Signals | null } | 'still running' = 'still running';
    try {
      // The bot is stuck in getMe and the digest job in sendMessage: the silent API holds both.
      await mock.waitFor(() => mock!.calls('getMe').length > 0 && mock!.calls('sendMessage').length > 0, 30_000);
      cli.child.kill('SIGTERM');
      // Far below the 500 s node-fetch would wait; the stated grace time is 30 s.
      exit = await Promise.race([cli.exited, new Promise<'still running'>((r) => setTimeout(() => r('still running'), 40_000))]);
    } finally {
      cli.child.kill('SIGKILL');
    }
    const err = cli.stderr();
    expect(exit, err).toEqual({ code: 0, signal: null });
    expect(err).toContain('daemon stopping (SIGTERM)');
    expect(err).toContain('database closed; daemon stopped');
    expect(err).not.toContain('SIGTERM again');
    expect(err).not.toContain(SECRET);
  }, 90_000);
});
