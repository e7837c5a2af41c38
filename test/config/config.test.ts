import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { colorEnabled, loadConfig, readEnv } from '../../src/config.js';
import { ConfigError } from '../../src/errors.js';
import { tempDir } from '../helpers/temp-store.js';

describe('config', () => {
  it('has safe defaults', () => {
    const c = loadConfig({ env: {} });
    expect(c.timezone).toBe('Asia/Kabul');
    expect(c.db.endsWith(join('db', 'framewatch.sqlite'))).toBe(true);
    expect(c.telegramApiRoot).toBe('https://api.telegram.org');
    expect(c.tmeBaseUrl).toBe('https://t.me');
    expect(c.botToken).toBeNull();
    expect(c.channels).toEqual([]);
  });

  it('parses channels with language hints', () => {
    const c = loadConfig({ env: { CHANNELS: 'almirsaad:pus, @Khurasan_Voice ,alnaba_news:arb' } });
    expect(c.channels).toEqual([{ name: 'almirsaad', hint: 'pus' }, { name: 'khurasan_voice' }, { name: 'alnaba_news', hint: 'arb' }]);
  });

  it('--db overrides FRAMEWATCH_DB, relative to the working directory', () => {
    const c = loadConfig({ env: { FRAMEWATCH_DB: '/tmp/a.sqlite' }, dbOverride: 'x/b.sqlite', cwd: '/srv' });
    expect(c.db).toBe('/srv/x/b.sqlite');
  });

  it('lists every problem in one error', () => {
    let err: unknown;
    try {
      loadConfig({
        env: {
          TIMEZONE: 'Mars/Olympus',
          CHANNELS: 'ok_channel,1bad,fine_one:xx',
          TELEGRAM_API_ROOT: 'https://api.telegram.org/bot123',
          TME_BASE_URL: 'ftp://t.me',
          DIGEST_CHAT_IDS: '12345,not-a-chat',
          COLLECT_CRON: 'every hour',
          TELEGRAM_BOT_TOKEN: 'abc',
        },
      });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const problems = (err as ConfigError).problems;
    expect(problems).toHaveLength(8);
    const text = (err as Error).message;
    for (const name of ['TIMEZONE', 'CHANNELS: "1bad"', 'CHANNELS: "fine_one:xx"', 'TELEGRAM_API_ROOT', 'TME_BASE_URL', 'DIGEST_CHAT_IDS', 'COLLECT_CRON', 'TELEGRAM_BOT_TOKEN']) {
      expect(text).toContain(name);
    }
    // the token value itself is never echoed
    expect(text).not.toContain('"abc"');
  });

  it('checks only the groups a command uses up front; a bad value elsewhere fails only when it is read', () => {
    const env = {
      TELEGRAM_BOT_TOKEN: 'not-a-token',
      DIGEST_CHAT_IDS: '1001,chat one',
      COLLECT_CRON: 'every hour',
      LOG_LEVEL: 'loud',
      CHANNELS: 'almirsaad:pus:taliban',
    };
    // What stats uses (the database and the time zone) loads fine.
    const c = loadConfig({ env, uses: [] });
    expect(c.timezone).toBe('Asia/Kabul');
    expect(c.channels).toEqual([{ name: 'almirsaad', hint: 'pus', side: 'taliban' }]);
    // Reading a setting of a group that was not checked throws that group's problems, never a bad value.
    const read = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e;
      }
      return null;
    };
    const tokenErr = read(() => c.botToken);
    expect(tokenErr).toBeInstanceOf(ConfigError);
    expect((tokenErr as ConfigError).problems).toEqual([
      'TELEGRAM_BOT_TOKEN: does not look like a bot token (digits:secret from @BotFather)',
      'DIGEST_CHAT_IDS: "chat one" is not a chat id (a number such as -1001234567890, or @channelname)',
    ]);
    expect((read(() => c.collectCron) as ConfigError).problems).toEqual(['COLLECT_CRON: "every hour" is not a cron expression (5 or 6 fields, e.g. "*/30 * * * *")']);
    expect((read(() => c.logLevel) as ConfigError).problems).toEqual(['LOG_LEVEL: "loud" is not one of debug, info, warn, error']);
    expect(c.tmeBaseUrl).toBe('https://t.me');

    // Sending uses telegram and log: both groups' problems come in one error, nothing else.
    const sending = read(() => loadConfig({ env, uses: ['telegram', 'log'] })) as ConfigError;
    expect(sending.problems.map((p) => p.split(':')[0])).toEqual(['TELEGRAM_BOT_TOKEN', 'DIGEST_CHAT_IDS', 'LOG_LEVEL']);
    // The daemon uses everything.
    const daemon = read(() => loadConfig({ env })) as ConfigError;
    expect(daemon.problems.map((p) => p.split(':')[0])).toEqual(['TELEGRAM_BOT_TOKEN', 'DIGEST_CHAT_IDS', 'COLLECT_CRON', 'LOG_LEVEL']);
    // TIMEZONE is always checked.
    expect(read(() => loadConfig({ env: { TIMEZONE: 'Mars/Olympus' }, uses: [] }))).toBeInstanceOf(ConfigError);
  });

  it('TELEGRAM_TIMEOUT_MS: default 30 s, a positive whole number of milliseconds', () => {
    expect(loadConfig({ env: {} }).telegramTimeoutMs).toBe(30_000);
    expect(loadConfig({ env: { TELEGRAM_TIMEOUT_MS: '2500' } }).telegramTimeoutMs).toBe(2500);
    for (const bad of ['0', '-5', '1.5', 'soon']) {
      expect(() => loadConfig({ env: { TELEGRAM_TIMEOUT_MS: bad } }), bad).toThrow(/TELEGRAM_TIMEOUT_MS: ".*" is not a whole number of milliseconds \(at least 1\)/);
    }
  });

  it('NO_COLOR (any non-empty value) and TERM=dumb turn colour off; otherwise only a terminal gets it', () => {
    const tty = { isTTY: true };
    expect(colorEnabled(tty, {})).toBe(true);
    expect(colorEnabled({ isTTY: false }, {})).toBe(false);
    expect(colorEnabled(tty, { NO_COLOR: '1' })).toBe(false);
    expect(colorEnabled(tty, { NO_COLOR: '' })).toBe(true);
    expect(colorEnabled(tty, { TERM: 'dumb' })).toBe(false);
  });

  it('reads .env but real environment variables win', () => {
    const f = join(tempDir(), '.env');
    writeFileSync(f, 'TIMEZONE=UTC\nCHANNELS=from_file_one\n# a comment\n');
    const env = readEnv(f, { CHANNELS: 'from_env_one' });
    expect(loadConfig({ env })).toMatchObject({ timezone: 'UTC', channels: [{ name: 'from_env_one' }] });
  });
});
