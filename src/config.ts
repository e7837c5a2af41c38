// The only reader of process.env. Validates what a command uses and lists every problem in one error.
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
  /** How long a collector's lease on a channel lasts unless renewed (COLLECT_LEASE_MS; shared databases). */
  collectLeaseMs: number;
  /** Bot API call timeout (TELEGRAM_TIMEOUT_MS). */
  telegramTimeoutMs: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
}

/**
 * Groups of settings. FRAMEWATCH_DB and TIMEZONE are always checked; a group is checked up front only
 * by the commands that use it, so a bad bot token never blocks `stats`.
 *   channels  CHANNELS
 *   collect   TME_BASE_URL, COLLECT_MIN_INTERVAL_MS, COLLECT_LEASE_MS
 *   telegram  TELEGRAM_BOT_TOKEN, TELEGRAM_API_ROOT, TELEGRAM_TIMEOUT_MS, DIGEST_CHAT_IDS, ADMIN_CHAT_IDS
 *   schedule  COLLECT_CRON, DIGEST_CRON
 *   log       LOG_LEVEL
 */
export const CONFIG_PARTS = ['channels', 'collect', 'telegram', 'schedule', 'log'] as const;
export type ConfigPart = (typeof CONFIG_PARTS)[number];

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
  COLLECT_LEASE_MS: '120000',
  TELEGRAM_TIMEOUT_MS: '30000',
  LOG_LEVEL: 'info',
} as const;

/** A setting, or its default when unset or blank. */
function setting(env: Env, key: keyof typeof DEFAULTS): string {
  const v = env[key];
  return v === undefined || v.trim() === '' ? DEFAULTS[key] : v.trim();
}

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

function wholeMs(name: string, raw: string, problems: string[], { min = 0 } = {}): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < min) {
    problems.push(`${name}: "${raw}" is not a whole number of milliseconds${min > 0 ? ` (at least ${min})` : ''}`);
  }
  return n;
}

type PartFields = {
  channels: Pick<Config, 'channels'>;
  collect: Pick<Config, 'tmeBaseUrl' | 'collectMinIntervalMs' | 'collectLeaseMs'>;
  telegram: Pick<Config, 'botToken' | 'telegramApiRoot' | 'telegramTimeoutMs' | 'digestChatIds' | 'adminChatIds'>;
  schedule: Pick<Config, 'collectCron' | 'digestCron'>;
  log: Pick<Config, 'logLevel'>;
};

/** Each group's reader: its fields, with every problem pushed to `problems`. */
const PART_READERS: { [P in ConfigPart]: (env: Env, problems: string[]) => PartFields[P] } = {
  channels: (env, problems) => ({ channels: parseChannelSpecs(env.CHANNELS, problems) }),

  collect(env, problems) {
    const tme = setting(env, 'TME_BASE_URL');
    const tmeUrl = validUrl(tme);
    if (!tmeUrl) problems.push(`TME_BASE_URL: "${tme}" is not an http(s) URL`);
    return {
      tmeBaseUrl: tmeUrl ? tmeUrl.origin + tmeUrl.pathname.replace(/\/+$/, '') : tme,
      collectMinIntervalMs: wholeMs('COLLECT_MIN_INTERVAL_MS', setting(env, 'COLLECT_MIN_INTERVAL_MS'), problems),
      collectLeaseMs: wholeMs('COLLECT_LEASE_MS', setting(env, 'COLLECT_LEASE_MS'), problems, { min: 1000 }),
    };
  },

  telegram(env, problems) {
    const botToken = env.TELEGRAM_BOT_TOKEN?.trim() || null;
    if (botToken !== null && !/^\d+:[A-Za-z0-9_-]{20,}$/.test(botToken)) {
      problems.push('TELEGRAM_BOT_TOKEN: does not look like a bot token (digits:secret from @BotFather)');
    }
    const apiRoot = setting(env, 'TELEGRAM_API_ROOT');
    const apiUrl = validUrl(apiRoot);
    if (!apiUrl) problems.push(`TELEGRAM_API_ROOT: "${apiRoot}" is not an http(s) URL`);
    else if (apiUrl.pathname !== '/' || apiUrl.search) problems.push(`TELEGRAM_API_ROOT: "${apiRoot}" must have no path (e.g. https://api.telegram.org)`);
    return {
      botToken,
      telegramApiRoot: apiUrl ? apiUrl.origin : apiRoot,
      telegramTimeoutMs: wholeMs('TELEGRAM_TIMEOUT_MS', setting(env, 'TELEGRAM_TIMEOUT_MS'), problems, { min: 1 }),
      digestChatIds: chatIds('DIGEST_CHAT_IDS', env.DIGEST_CHAT_IDS, problems),
      adminChatIds: chatIds('ADMIN_CHAT_IDS', env.ADMIN_CHAT_IDS, problems),
    };
  },

  schedule: (env, problems) => ({
    collectCron: cron('COLLECT_CRON', setting(env, 'COLLECT_CRON'), problems),
    digestCron: cron('DIGEST_CRON', setting(env, 'DIGEST_CRON'), problems),
  }),

  log(env, problems) {
    const logLevel = setting(env, 'LOG_LEVEL');
    if (!['debug', 'info', 'warn', 'error'].includes(logLevel)) problems.push(`LOG_LEVEL: "${logLevel}" is not one of debug, info, warn, error`);
    return { logLevel: logLevel as Config['logLevel'] };
  },
};

export interface LoadConfigOptions {
  env?: Env;
  /** The global --db option. */
  dbOverride?: string;
  cwd?: string;
  /**
   * The groups checked up front, together with FRAMEWATCH_DB and TIMEZONE (default: all). A group
   * left out is checked when one of its fields is first read: a bad value then throws a ConfigError
   * naming that group's problems, so nothing runs on a setting that was never checked.
   */
  uses?: readonly ConfigPart[];
}

/** Builds and validates the configuration. Throws one ConfigError listing every problem of the groups in `uses`. */
export function loadConfig(opts: LoadConfigOptions = {}): Config {
  const env = opts.env ?? readEnv();
  const cwd = opts.cwd ?? process.cwd();
  const uses = new Set<ConfigPart>(opts.uses ?? CONFIG_PARTS);
  const problems: string[] = [];

  const dbRaw = opts.dbOverride ?? (env.FRAMEWATCH_DB?.trim() || undefined);
  // The default DB lives in the package's db/ folder so `npm run demo` and `npx framewatch` agree.
  // A postgres:// (postgresql://) URL names a PostgreSQL database and is kept as given; anything else is a SQLite path.
  const db =
    dbRaw === undefined
      ? resolve(PACKAGE_ROOT, DEFAULTS.FRAMEWATCH_DB)
      : dbRaw === ':memory:' || /^postgres(ql)?:\/\//i.test(dbRaw)
        ? dbRaw
        : isAbsolute(dbRaw)
          ? dbRaw
          : resolve(cwd, dbRaw);

  const timezone = setting(env, 'TIMEZONE');
  if (!isValidTimezone(timezone)) problems.push(`TIMEZONE: "${timezone}" is not an IANA time zone (e.g. Asia/Kabul, UTC)`);

  const config = { db, timezone } as Config;
  for (const part of CONFIG_PARTS) {
    const partProblems: string[] = [];
    const fields: object = PART_READERS[part](env, partProblems);
    if (uses.has(part)) problems.push(...partProblems);
    if (uses.has(part) || partProblems.length === 0) {
      Object.assign(config, fields);
      continue;
    }
    for (const key of Object.keys(fields)) {
      Object.defineProperty(config, key, {
        enumerable: true,
        get() {
          throw new ConfigError(partProblems);
        },
      });
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/**
 * Whether to colour output written to `stream`: only on a terminal, and never when NO_COLOR is set
 * to anything (https://no-color.org) or TERM is "dumb".
 */
export function colorEnabled(stream: { isTTY?: boolean }, env: Env = process.env): boolean {
  if ((env.NO_COLOR ?? '') !== '' || env.TERM === 'dumb') return false;
  return stream.isTTY === true;
}
