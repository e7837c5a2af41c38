// Sending through the Bot API with telegraf: retries (429 retry_after, 5xx, network) with bounded
// attempts, errors that say who refused what, the token scrubbed from every message, and one
// delivery record per (day, chat).
import { Telegraf, TelegramError, type Telegram } from 'telegraf';
import { UserError } from '../errors.js';
import { errorText, silentLogger, type Logger } from '../logger.js';
import type { Store } from '../store/store.js';
import type { FrameInfo, FrameTagger } from '../types.js';
import { addDays, startOfDayUtc } from '../util/day-in-zone.js';

/** The Bot API answered and said no (status and description as Telegram gave them). */
export class TelegramApiError extends UserError {
  constructor(
    readonly method: string,
    readonly status: number,
    readonly description: string,
    readonly chatId: string | null,
  ) {
    super(`Telegram API refused ${method}${chatId ? ` to chat ${chatId}` : ''}: ${status} ${description}${hintFor(status, description)}`);
    this.name = 'TelegramApiError';
  }
}

/** The Bot API could not be reached (network, DNS, TLS, timeout) or did not answer like the Bot API. */
export class TelegramUnreachableError extends UserError {
  constructor(
    readonly apiRoot: string,
    readonly reason: string,
  ) {
    super(`cannot reach the Telegram Bot API at ${apiRoot}: ${reason}`);
    this.name = 'TelegramUnreachableError';
  }
}

function hintFor(status: number, description: string): string {
  if (status === 401 || status === 404) return ' (check TELEGRAM_BOT_TOKEN)';
  if (/chat not found/i.test(description)) return ' (check the chat id; the bot must have been added to the chat)';
  if (status === 403) return ' (the bot must be a member of the chat and not blocked)';
  return '';
}

export interface SenderOptions {
  token: string;
  /** Origin of the Bot API, no path (config TELEGRAM_API_ROOT). */
  apiRoot: string;
  /** Attempts per call, including the first. */
  maxAttempts?: number;
  /** A 429 asking to wait longer than this fails instead of blocking. */
  maxRetryAfterSec?: number;
  sleep?: (ms: number) => Promise<void>;
  log?: Logger;
  /** No answer within this many ms (plus the long-poll time for getUpdates) fails the call. */
  timeoutMs?: number;
  /** Aborting it cancels every call in flight and every retry wait (getUpdates has its own stop). */
  signal?: AbortSignal;
}

export interface TelegramSender {
  readonly telegram: Telegram;
  /** Sends one HTML message (no link previews); returns Telegram's message_id. */
  sendMessage(chatId: string, html: string): Promise<number>;
  /** Any call, with the same retries and error classes. */
  call<T>(method: string, chatId: string | null, fn: (tg: Telegram) => Promise<T>): Promise<T>;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The default Bot API call timeout (TELEGRAM_TIMEOUT_MS); telegraf's own is 500 s. */
export const DEFAULT_TELEGRAM_TIMEOUT_MS = 30_000;

interface FetchLikeError extends Error {
  type?: string;
  code?: string;
  errno?: string;
}

const seconds = (ms: number) => `${ms / 1000}s`;

/**
 * A call that got no answer in time. Shaped like node-fetch's own timeout (FetchError,
 * request-timeout) so telegraf's polling loop retries it instead of ending as if stopped.
 */
class CallTimeoutError extends Error implements FetchLikeError {
  readonly type = 'request-timeout';
  constructor(method: string, ms: number) {
    super(`no answer to ${method} within ${seconds(ms)}`);
    this.name = 'FetchError';
  }
}

const isAbort = (err: unknown): boolean => (err as Error)?.name === 'AbortError';

function cancelled(method: string): Error {
  return Object.assign(new Error(`${method} cancelled: stopping`), { name: 'AbortError' });
}

/** The signal telegraf passes: its polling uses the abort-controller polyfill, not the native class. */
interface SignalLike {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

type CallApi = (method: string, payload: unknown, opts?: { signal?: SignalLike }) => Promise<unknown>;

/** How long one call may take: the timeout, plus the long-poll time getUpdates asks the server to hold. */
export function callDeadlineMs(method: string, payload: unknown, timeoutMs: number): number {
  const poll = method === 'getUpdates' ? Number((payload as { timeout?: unknown } | null)?.timeout ?? 0) : 0;
  return timeoutMs + (Number.isFinite(poll) && poll > 0 ? poll * 1000 : 0);
}

/**
 * Gives every call made through `tg` (ours and telegraf's, polling included) a deadline, and lets
 * `stop` cancel calls in flight. getUpdates is left to telegraf's own stop, so the last offset sync
 * still confirms the updates already handled.
 */
function addDeadlines(tg: Telegram, timeoutMs: number, stop: AbortSignal | undefined): void {
  const target = tg as unknown as { callApi: CallApi };
  const callApi: CallApi = target.callApi.bind(tg);
  target.callApi = async (method, payload, opts = {}) => {
    const ms = callDeadlineMs(method, payload, timeoutMs);
    const ctl = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      ctl.abort();
    }, ms);
    const onAbort = () => ctl.abort();
    const sources = [opts.signal, method === 'getUpdates' ? undefined : stop].filter((x): x is SignalLike => x !== undefined);
    for (const src of sources) {
      if (src.aborted) ctl.abort();
      else src.addEventListener('abort', onAbort);
    }
    try {
      return await callApi(method, payload, { signal: ctl.signal });
    } catch (err) {
      if (timedOut) throw new CallTimeoutError(method, ms);
      throw err;
    } finally {
      clearTimeout(timer);
      for (const src of sources) src.removeEventListener('abort', onAbort);
    }
  };
}

/** `sleep` that ends early, by throwing an AbortError, when `signal` aborts. */
function abortableSleep(sleep: (ms: number) => Promise<void>, signal: AbortSignal | undefined): (ms: number) => Promise<void> {
  if (!signal) return sleep;
  return (ms) =>
    new Promise<void>((resolve, reject) => {
      const stopped = () => reject(Object.assign(new Error('stopped'), { name: 'AbortError' }));
      if (signal.aborted) return stopped();
      signal.addEventListener('abort', stopped, { once: true });
      void sleep(ms).then(() => {
        signal.removeEventListener('abort', stopped);
        resolve();
      });
    });
}

/** Maps whatever telegraf/node-fetch threw to TelegramApiError / TelegramUnreachableError, token-free. */
export function classifyTelegramError(err: unknown, method: string, chatId: string | null, apiRoot: string, token: string): Error {
  if (err instanceof TelegramApiError || err instanceof TelegramUnreachableError) return err;
  if (err instanceof TelegramError) {
    return new TelegramApiError(method, err.code, errorText(err.description ?? err.message, [token]), chatId);
  }
  const e = err as FetchLikeError;
  if (e?.name === 'FetchError') {
    const reason =
      e.type === 'invalid-json'
        ? 'the answer was not Bot API JSON'
        : e.type === 'request-timeout'
          ? e.message
          : e.code ?? e.errno ?? e.type ?? 'network error';
    return new TelegramUnreachableError(apiRoot, errorText(reason, [token]));
  }
  return new Error(errorText(err, [token]));
}

function retryable(err: unknown): { wait: number; why: string } | null {
  if (err instanceof TelegramError) {
    if (err.code === 429) return { wait: -1, why: '429 Too Many Requests' };
    if (err.code >= 500) return { wait: 0, why: `${err.code} ${err.description ?? ''}`.trim() };
    return null;
  }
  const e = err as FetchLikeError;
  // No retry after a timeout: the message may have arrived, and each try would wait the whole timeout again.
  if (e?.name === 'FetchError' && e.type !== 'invalid-json' && e.type !== 'request-timeout') {
    return { wait: 0, why: e.code ?? e.type ?? 'network error' };
  }
  return null;
}

export function createSender(opts: SenderOptions, telegram?: Telegram): TelegramSender {
  const tg = telegram ?? new Telegraf(opts.token, { telegram: { apiRoot: opts.apiRoot } }).telegram;
  addDeadlines(tg, opts.timeoutMs ?? DEFAULT_TELEGRAM_TIMEOUT_MS, opts.signal);
  const maxAttempts = opts.maxAttempts ?? 4;
  const maxRetryAfter = opts.maxRetryAfterSec ?? 120;
  const sleep = abortableSleep(opts.sleep ?? defaultSleep, opts.signal);
  const log = opts.log ?? silentLogger;

  async function call<T>(method: string, chatId: string | null, fn: (t: Telegram) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        if (opts.signal?.aborted) throw cancelled(method);
        return await fn(tg);
      } catch (err) {
        if (isAbort(err)) throw cancelled(method);
        const r = retryable(err);
        const classified = classifyTelegramError(err, method, chatId, opts.apiRoot, opts.token);
        if (!r || attempt >= maxAttempts) throw classified;
        let waitMs = r.wait >= 0 ? 1000 * 2 ** (attempt - 1) : 0;
        if (r.wait < 0) {
          const after = Number((err as TelegramError).parameters?.retry_after ?? 1);
          if (after > maxRetryAfter) throw classified;
          waitMs = Math.max(0, after) * 1000;
        }
        log.warn(`telegram: ${method}${chatId ? ` to chat ${chatId}` : ''} failed (${errorText(r.why, [opts.token])}); retry ${attempt + 1}/${maxAttempts} in ${seconds(waitMs)}`);
        await sleep(waitMs).catch(() => {
          throw cancelled(method);
        });
      }
    }
  }

  return {
    telegram: tg,
    call,
    async sendMessage(chatId, html) {
      const m = await call('sendMessage', chatId, (t) =>
        t.sendMessage(chatId, html, { parse_mode: 'HTML', link_preview_options: { is_disabled: true } }),
      );
      return m.message_id;
    },
  };
}

export interface SendDigestOptions {
  store: Store;
  day: string;
  timezone: string;
  messages: readonly string[];
  chatIds: readonly string[];
  sender: TelegramSender;
  /** Resend even when the record says it was sent. */
  force?: boolean;
  now?: () => Date;
  log?: Logger;
}

export interface SendDigestResult {
  day: string;
  sent: { chatId: string; messages: number }[];
  skipped: { chatId: string; sentAt: string }[];
}

/** Some chats did not get the digest; `failures` says why for each, `result` what did go out. */
export class DigestSendError extends UserError {
  constructor(
    readonly failures: { chatId: string; error: Error }[],
    readonly result: SendDigestResult,
    notTried: number,
  ) {
    const [first] = failures;
    const more = failures.length - 1 + notTried;
    super(
      `digest ${result.day}: ${first?.error.message ?? 'not sent'}` +
        (more > 0 ? ` (${more} more chat${more === 1 ? '' : 's'} not sent)` : '') +
        (result.sent.length ? `; sent to ${result.sent.length} chat${result.sent.length === 1 ? '' : 's'}` : ''),
    );
    this.name = 'DigestSendError';
  }
}

/**
 * Sends the digest of `day` to every chat that has not had it. A digest sent while its day was
 * still running is recorded as partial and does not block the full-day digest once the day is over.
 * Chats are independent: a refusal by one does not stop the others; an unreachable API stops all.
 */
export async function sendDigest(opts: SendDigestOptions): Promise<SendDigestResult> {
  const now = opts.now ?? (() => new Date());
  const log = opts.log ?? silentLogger;
  if (!opts.chatIds.length) throw new UserError('DIGEST_CHAT_IDS is empty: no chat to send the digest to');
  if (!opts.messages.length) throw new UserError(`digest ${opts.day}: nothing to send`);
  const dayEnds = startOfDayUtc(addDays(opts.day, 1), opts.timezone).getTime();
  const result: SendDigestResult = { day: opts.day, sent: [], skipped: [] };
  const failures: { chatId: string; error: Error }[] = [];
  let notTried = 0;
  for (const [i, chatId] of opts.chatIds.entries()) {
    const prev = await opts.store.getDigestSend(opts.day, chatId);
    const dayOver = now().getTime() >= dayEnds;
    if (prev && !opts.force && (prev.complete || !dayOver)) {
      result.skipped.push({ chatId, sentAt: prev.sentAt });
      log.info(`digest ${opts.day}: chat ${chatId} already has it (sent ${prev.sentAt}); skipped`);
      continue;
    }
    let delivered = 0;
    try {
      for (const m of opts.messages) {
        await opts.sender.sendMessage(chatId, m);
        delivered++;
      }
      await opts.store.recordDigestSend({ day: opts.day, chatId, sentAt: now().toISOString(), messages: delivered, complete: now().getTime() >= dayEnds });
      result.sent.push({ chatId, messages: delivered });
      log.info(`digest ${opts.day}: sent ${delivered} message${delivered === 1 ? '' : 's'} to chat ${chatId}`);
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      if (delivered > 0) error.message += ` (after ${delivered} of ${opts.messages.length} messages)`;
      failures.push({ chatId, error });
      // An unreachable API or a stop ends the run; the error thrown at the end says so.
      if (err instanceof TelegramUnreachableError || isAbort(err)) {
        notTried = opts.chatIds.length - i - 1;
        break;
      }
      // The final error names only the first failure: with several chats, log each.
      if (opts.chatIds.length > 1) log.warn(`digest ${opts.day}: ${error.message}`);
    }
  }
  if (failures.length) throw new DigestSendError(failures, result, notTried);
  return result;
}

export interface DigestConfig {
  botToken: string | null;
  telegramApiRoot: string;
  digestChatIds: string[];
  timezone: string;
  /** Bot API call timeout (default DEFAULT_TELEGRAM_TIMEOUT_MS). */
  telegramTimeoutMs?: number;
}

/** Builds the digest of `day` and sends it to DIGEST_CHAT_IDS (CLI `digest --send` and the daemon). */
export async function sendDigestForDay(
  store: Store,
  config: DigestConfig,
  day: string,
  opts: {
    force?: boolean;
    now?: () => Date;
    log?: Logger;
    sleep?: (ms: number) => Promise<void>;
    frames?: readonly FrameInfo[];
    /** The current lexicon: frames validated on labels show their precision, the others "unvalidated". */
    tagger?: FrameTagger;
    /** Cancels the sending (the daemon stopping). */
    signal?: AbortSignal;
  } = {},
): Promise<SendDigestResult> {
  if (!config.botToken) throw new UserError('TELEGRAM_BOT_TOKEN is not set: cannot send the digest');
  if (!config.digestChatIds.length) throw new UserError('DIGEST_CHAT_IDS is empty: no chat to send the digest to');
  const { buildDigestForDay } = await import('../report/build-digest.js');
  const messages = await buildDigestForDay(store, day, config.timezone, { now: opts.now?.(), frames: opts.frames, tagger: opts.tagger });
  const sender = createSender({
    token: config.botToken,
    apiRoot: config.telegramApiRoot,
    sleep: opts.sleep,
    log: opts.log,
    timeoutMs: config.telegramTimeoutMs,
    signal: opts.signal,
  });
  return sendDigest({ store, day, timezone: config.timezone, messages, chatIds: config.digestChatIds, sender, force: opts.force, now: opts.now, log: opts.log });
}
