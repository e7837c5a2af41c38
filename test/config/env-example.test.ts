// .env.example is the configuration's documentation: every setting config.ts knows is listed there,
// with the default the code really uses, so `cp .env.example .env` changes nothing by itself.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../src/config.js';
import { PACKAGE_ROOT } from '../../src/paths.js';

const example = readFileSync(join(PACKAGE_ROOT, '.env.example'), 'utf8');
const listed = new Map(
  example
    .split('\n')
    .filter((l) => /^[A-Z][A-Z0-9_]*=/.test(l))
    .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)] as const),
);

describe('.env.example', () => {
  it.each(Object.entries(DEFAULTS))('lists %s with its default %s', (key, value) => {
    expect(listed.get(key)).toBe(value);
  });

  it.each(['CHANNELS', 'TELEGRAM_BOT_TOKEN', 'DIGEST_CHAT_IDS', 'ADMIN_CHAT_IDS'])('lists %s, empty', (key) => {
    expect(listed.get(key)).toBe('');
  });
});
