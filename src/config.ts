// The only reader of process.env. Validates once and lists every problem in one error.
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { ConfigError } from './errors.js';
import { PACKAGE_ROOT } from './paths.js';
import { SIDES, isLang, isSide, type Lang, type Side } from './types.js';

export interface ChannelSpec {
  name: string;
  hint?: Lang;
  /** The channel's known side (name:lang:side, name::side). */
  side?: Side;
}

export interface Config {
  db: string;
  channels: ChannelSpec[];
  timezone: string;
  botToken: string | null;
  telegramApiRoot: string;
  digestChatIds: string[];
  adminChatIds: string[];
  tmeBaseUrl: string;
  collectCron: string;
  digestCron: string;
  collectMinIntervalMs: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
}

export type Env = Record<string, string | undefined>;

export const CHANNEL_NAME = /^[A-Za-z][A-Za-z0-9_]{3,31}$/;
const CRON_FIELD = /^[\d*/,\-A-Za-z?]+$/;

export const DEFAULTS = {
  FRAMEWATCH_DB: 'db/framewatch.sqlite',
  TIMEZONE: 'Asia/Kabul',
  TELEGRAM_API_ROOT: 'https://api.telegram.org',
  TME_BASE_URL: 'https://t.me',
  COLLECT_CRON: '*/30 * * * *',
  DIGEST_CRON: '0 7 * * *',
  COLLECT_MIN_INTERVAL_MS: '1500',
  LOG_LEVEL: 'info',
} as const;

/** Reads `.env` (if present) under the real environment: real variables win. */
export function readEnv(envFile = resolve('.env'), base: Env = process.env): Env {
  if (!existsSync(envFile)) return { ...base };
  let parsed: Record<string, string>;
  try {
    parsed = parseEnv(readFileSync(envFile, 'utf8')) as Record<string, string>;
  } catch (err) {
    throw new ConfigError([`${envFile}: cannot parse (${(err as Error).message})`]);
  }
  return { ...parsed, ...base };
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function isValidTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function validUrl(value: string): URL | null {
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : null;
  } catch {
    return null;
  }
}

export function parseChannelSpecs(value: string | undefined, problems: string[]): ChannelSpec[] {
  const out: ChannelSpec[] = [];
  for (const item of list(value)) {
    // A t.me URL carries its own colon: take it off before splitting name:lang:side.
    const bare = item.replace(/^https?:\/\/t\.me\/(s\/)?/i, '');
    const [rawName = '', hint = '', side = '', ...rest] = bare.split(':').map((s) => s.trim());
    const name = rawName.replace(/^@/, '');
    if (!CHANNEL_NAME.test(name) || rest.length > 0) {
      problems.push(`CHANNELS: "${item}" is not a channel name (letters, digits, _; 4-32 characters; optional ":lang" and ":side")`);
      continue;
    }
    if (hint !== '' && (!isLang(hint) || hint === 'und')) {
      problems.push(`CHANNELS: "${item}" has language hint "${hint}"; use prs, pus, arb or eng (or leave it empty: name::side)`);
      continue;
    }
    if (side !== '' && !isSide(side)) {
      problems.push(`CHANNELS: "${item}" has side "${side}"; use ${SIDES.join(' or ')}`);
      continue;
    }
    out.push({ name: name.toLowerCase(), ...(hint ? { hint: hint as Lang } : {}), ...(side ? { side: side as Side } : {}) });
  }
  return out;
}

function cron(name: string, value: string, problems: string[]): string {
  const fields = value.trim().split(/\s+/);
  if (fields.length < 5 || fields.length > 6 || !fields.every((f) => CRON_FIELD.test(f))) {
    problems.push(`${name}: "${value}" is not a cron expression (5 or 6 fields, e.g. "*/30 * * * *")`);
  }
  return value.trim();
}

function chatIds(name: string, value: string | undefined, problems: string[]): string[] {
  const ids = list(value);
  for (const id of ids) {
    if (!/^-?\d+$/.test(id) && !/^@[A-Za-z][A-Za-z0-9_]{3,31}$/.test(id)) {
      problems.push(`${name}: "${id}" is not a chat id (a number such as -1001234567890, or @channelname)`);
    }
  }
  return ids;
}

/**
 * Builds and validates the configuration. Throws one ConfigError listing every problem.
 * `dbOverride` is the global --db option.
 */
export function loadConfig(opts: { env?: Env; dbOverride?: string; cwd?: string } = {}): Config {
  const env = opts.env ?? readEnv();
  const cwd = opts.cwd ?? process.cwd();
  const problems: string[] = [];
  const get = (k: keyof typeof DEFAULTS): string => {
    const v = env[k];
    return v === undefined || v.trim() === '' ? DEFAULTS[k] : v.trim();
  };

  const dbRaw = opts.dbOverride ?? (env.FRAMEWATCH_DB?.trim() || undefined);
  // The default DB lives in the package's db/ folder so `npm run demo` and `npx framewatch` agree.
  const db = dbRaw === undefined ? resolve(PACKAGE_ROOT, DEFAULTS.FRAMEWATCH_DB) : dbRaw === ':memory:' ? dbRaw : isAbsolute(dbRaw) ? dbRaw : resolve(cwd, dbRaw);

  const timezone = get('TIMEZONE');
  if (!isValidTimezone(timezone)) problems.push(`TIMEZONE: "${timezone}" is not an IANA time zone (e.g. Asia/Kabul, UTC)`);

  const channels = parseChannelSpecs(env.CHANNELS, problems);

  const botToken = env.TELEGRAM_BOT_TOKEN?.trim() || null;
  if (botToken !== null && !/^\d+:[A-Za-z0-9_-]{20,}$/.test(botToken)) {
    problems.push('TELEGRAM_BOT_TOKEN: does not look like a bot token (digits:secret from @BotFather)');
  }

  const apiRoot = get('TELEGRAM_API_ROOT');
  const apiUrl = validUrl(apiRoot);
  if (!apiUrl) problems.push(`TELEGRAM_API_ROOT: "${apiRoot}" is not an http(s) URL`);
  else if (apiUrl.pathname !== '/' || apiUrl.search) problems.push(`TELEGRAM_API_ROOT: "${apiRoot}" must have no path (e.g. https://api.telegram.org)`);

  const tme = get('TME_BASE_URL');
  const tmeUrl = validUrl(tme);
  if (!tmeUrl) problems.push(`TME_BASE_URL: "${tme}" is not an http(s) URL`);

  const digestChatIds = chatIds('DIGEST_CHAT_IDS', env.DIGEST_CHAT_IDS, problems);
  const adminChatIds = chatIds('ADMIN_CHAT_IDS', env.ADMIN_CHAT_IDS, problems);

  const collectCron = cron('COLLECT_CRON', get('COLLECT_CRON'), problems);
  const digestCron = cron('DIGEST_CRON', get('DIGEST_CRON'), problems);

  const intervalRaw = get('COLLECT_MIN_INTERVAL_MS');
  const collectMinIntervalMs = Number(intervalRaw);
  if (!Number.isInteger(collectMinIntervalMs) || collectMinIntervalMs < 0) {
    problems.push(`COLLECT_MIN_INTERVAL_MS: "${intervalRaw}" is not a whole number of milliseconds`);
  }

  const logLevel = get('LOG_LEVEL');
  if (!['debug', 'info', 'warn', 'error'].includes(logLevel)) problems.push(`LOG_LEVEL: "${logLevel}" is not one of debug, info, warn, error`);

  if (problems.length > 0) throw new ConfigError(problems);

  return {
    db,
    channels,
    timezone,
    botToken,
    telegramApiRoot: apiUrl ? apiUrl.origin : apiRoot,
    digestChatIds,
    adminChatIds,
    tmeBaseUrl: tmeUrl ? tmeUrl.origin + tmeUrl.pathname.replace(/\/+$/, '') : tme,
    collectCron,
    digestCron,
    collectMinIntervalMs,
    logLevel: logLevel as Config['logLevel'],
  };
}
