import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, readEnv } from '../../src/config.js';
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

  it('reads .env but real environment variables win', () => {
    const f = join(tempDir(), '.env');
    writeFileSync(f, 'TIMEZONE=UTC\nCHANNELS=from_file_one\n# a comment\n');
    const env = readEnv(f, { CHANNELS: 'from_env_one' });
    expect(loadConfig({ env })).toMatchObject({ timezone: 'UTC', channels: [{ name: 'from_env_one' }] });
  });
});
