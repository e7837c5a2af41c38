// One timestamped line per event, to stderr by default. Every line passes through scrubSecrets,
// so a bot token can't leak through an error message that quotes a request URL.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

// Anything shaped like a bot token (digits:secret), with or without the /bot prefix of an API URL.
const TOKEN_SHAPE = /\b\d{3,}:[A-Za-z0-9_-]{20,}/g;

/** Removes the given secrets (and anything shaped like a bot token) from text. */
export function scrubSecrets(text: string, secrets: readonly (string | null | undefined)[] = []): string {
  let out = text;
  for (const s of secrets) {
    if (!s || s.length < 6) continue;
    out = out.split(s).join('[redacted]');
    // The part after the colon alone is the actual secret.
    const secretPart = s.includes(':') ? s.slice(s.indexOf(':') + 1) : '';
    if (secretPart.length >= 6) out = out.split(secretPart).join('[redacted]');
  }
  return out.replace(TOKEN_SHAPE, '[redacted]');
}

/** One line: newlines inside a message become " | ". */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' | ').trim();
}

export interface LoggerOptions {
  level?: LogLevel;
  secrets?: readonly (string | null | undefined)[];
  write?: (line: string) => void;
  now?: () => Date;
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  const min = RANK[opts.level ?? 'info'];
  const write = opts.write ?? ((line: string) => process.stderr.write(line));
  const now = opts.now ?? (() => new Date());
  const secrets = opts.secrets ?? [];
  const emit = (level: LogLevel) => (message: string) => {
    if (RANK[level] < min) return;
    write(`${now().toISOString()} ${level.padEnd(5)} ${oneLine(scrubSecrets(message, secrets))}\n`);
  };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}

/** The message of anything thrown, scrubbed and on one line. */
export function errorText(err: unknown, secrets: readonly (string | null | undefined)[] = []): string {
  const msg = err instanceof Error ? err.message : String(err);
  return oneLine(scrubSecrets(msg, secrets));
}

/** A logger that drops everything (tests, library use). */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
