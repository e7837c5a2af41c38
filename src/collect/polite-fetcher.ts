// HTTP for the collector: one request at a time, a minimum gap between requests, timeouts,
// retries with backoff, Retry-After, a size cap, and redirects handled by hand so that only
// the configured host is ever contacted.

export const DEFAULT_USER_AGENT = 'framewatch (+research monitor)';

/** Base of every fetch failure: carries the URL and how many attempts were made. */
export class FetchError extends Error {
  constructor(
    message: string,
    readonly url: string,
    readonly attempts: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'FetchError';
  }
}

/** The server answered, and said no. */
export class HttpStatusError extends FetchError {
  constructor(readonly status: number, url: string, attempts: number) {
    super(`HTTP ${status} from ${url}`, url, attempts);
    this.name = 'HttpStatusError';
  }
}

/** 429 that was still 429 after the retries, or asked for a wait longer than we accept. */
export class RateLimitedError extends HttpStatusError {
  constructor(url: string, attempts: number, readonly retryAfterMs: number | null) {
    super(429, url, attempts);
    this.name = 'RateLimitedError';
    this.message =
      retryAfterMs === null
        ? `rate limited (HTTP 429) by ${url}`
        : `rate limited (HTTP 429) by ${url}; Retry-After ${Math.ceil(retryAfterMs / 1000)} s`;
  }
}

/** Could not reach the server, or the connection broke (reset, refused, cut short). */
export class NetworkError extends FetchError {
  constructor(url: string, attempts: number, cause: unknown) {
    super(`network error for ${url}: ${describeCause(cause)}`, url, attempts, { cause });
    this.name = 'NetworkError';
  }
}

export class TimeoutError extends FetchError {
  constructor(url: string, attempts: number, readonly timeoutMs: number) {
    super(`timed out after ${timeoutMs} ms: ${url}`, url, attempts);
    this.name = 'TimeoutError';
  }
}

export class ResponseTooLargeError extends FetchError {
  constructor(url: string, attempts: number, readonly limitBytes: number) {
    super(`response larger than ${limitBytes} bytes: ${url}`, url, attempts);
    this.name = 'ResponseTooLargeError';
  }
}

/** A redirect pointed at another host; it was not followed. */
export class ForeignRedirectError extends FetchError {
  constructor(url: string, attempts: number, readonly location: string) {
    super(`refused redirect to another host: ${url} -> ${location}`, url, attempts);
    this.name = 'ForeignRedirectError';
  }
}

/** Asked to fetch a URL outside the configured base host. */
export class ForeignHostError extends FetchError {
  constructor(url: string, readonly allowedOrigin: string) {
    super(`refused to fetch ${url}: only ${allowedOrigin} is allowed`, url, 0);
    this.name = 'ForeignHostError';
  }
}

/** The caller's AbortSignal fired (shutdown): not retried. */
export class AbortedError extends FetchError {
  constructor(url: string, attempts: number) {
    super(`stopped: ${url}`, url, attempts);
    this.name = 'AbortedError';
  }
}

/** The body arrived but the caller's check says it is cut short or malformed. */
export class IncompleteResponseError extends FetchError {
  constructor(url: string, attempts: number, readonly reason: string) {
    super(`incomplete response from ${url}: ${reason}`, url, attempts);
    this.name = 'IncompleteResponseError';
  }
}

function describeCause(cause: unknown): string {
  if (cause instanceof Error) {
    const inner = (cause as { cause?: unknown }).cause;
    const code = (inner as { code?: string } | undefined)?.code ?? (cause as { code?: string }).code;
    const innerMsg = inner instanceof Error ? inner.message : '';
    return [cause.message, code, innerMsg && innerMsg !== cause.message ? innerMsg : ''].filter(Boolean).join(' / ');
  }
  return String(cause);
}

export function isRetryable(err: unknown): boolean {
  if (err instanceof HttpStatusError) return err.status === 429 || err.status >= 500;
  return err instanceof NetworkError || err instanceof TimeoutError || err instanceof IncompleteResponseError;
}

export interface RetryInfo {
  url: string;
  /** Attempt that failed, from 1. */
  attempt: number;
  delayMs: number;
  error: FetchError;
}

export interface PoliteFetcherOptions {
  /** Only this origin is ever fetched. */
  baseUrl: string;
  userAgent?: string;
  /** Gap between the end of one request and the start of the next. Default 1500 ms. */
  minIntervalMs?: number;
  /** Whole request, headers and body. Default 20 s. */
  timeoutMs?: number;
  /** Retries after the first attempt. Default 3. */
  retries?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** A Retry-After longer than this is not waited out: the request fails. Default 120 s. */
  maxRetryAfterMs?: number;
  /** Body size cap. Default 5 MiB. */
  maxBytes?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  random?: () => number;
  fetch?: typeof globalThis.fetch;
  onRetry?: (info: RetryInfo) => void;
  /**
   * Shutdown: ends any wait (interval, backoff, Retry-After) and starts no new attempt; the pending
   * get() rejects with AbortedError. An attempt already in flight is finished (its timeout bounds
   * it), so the page in hand is not thrown away.
   */
  signal?: AbortSignal;
}

export type FetchResult =
  | { kind: 'ok'; url: string; status: number; body: string }
  /** A redirect within the base host; the caller decides what it means. */
  | { kind: 'redirect'; url: string; status: number; location: string };

export interface GetOptions {
  /** Returns a reason when the body is unusable (e.g. truncated); such a response is retried. */
  validate?: (body: string) => string | null;
  /** Wait at least this long before the request (e.g. before asking a page again to confirm it). */
  pauseMs?: number;
}

const realSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Parses Retry-After (delta-seconds or HTTP date) into milliseconds from now. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (value == null) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  if (Number.isFinite(t)) return Math.max(0, t - now);
  return null;
}

export class PoliteFetcher {
  readonly origin: string;
  private readonly base: URL;
  private readonly o: Required<Omit<PoliteFetcherOptions, 'onRetry' | 'baseUrl' | 'signal'>> &
    Pick<PoliteFetcherOptions, 'onRetry' | 'signal'>;
  /** Serialises requests: each one waits for the previous. */
  private queue: Promise<unknown> = Promise.resolve();
  /** Earliest time the next request may start. */
  private nextAllowedAt = 0;
  requestCount = 0;

  constructor(opts: PoliteFetcherOptions) {
    this.base = new URL(opts.baseUrl);
    if (this.base.protocol !== 'http:' && this.base.protocol !== 'https:') {
      throw new TypeError(`base URL must be http(s): ${opts.baseUrl}`);
    }
    this.origin = this.base.origin;
    this.o = {
      userAgent: opts.userAgent ?? DEFAULT_USER_AGENT,
      minIntervalMs: opts.minIntervalMs ?? 1500,
      timeoutMs: opts.timeoutMs ?? 20_000,
      retries: opts.retries ?? 3,
      backoffBaseMs: opts.backoffBaseMs ?? 1000,
      backoffMaxMs: opts.backoffMaxMs ?? 30_000,
      maxRetryAfterMs: opts.maxRetryAfterMs ?? 120_000,
      maxBytes: opts.maxBytes ?? 5 * 1024 * 1024,
      sleep: opts.sleep ?? realSleep,
      now: opts.now ?? Date.now,
      random: opts.random ?? Math.random,
      fetch: opts.fetch ?? globalThis.fetch,
      onRetry: opts.onRetry,
      signal: opts.signal,
    };
  }

  /** Resolve a path against the base; throws ForeignHostError for any other origin. */
  resolve(pathOrUrl: string): URL {
    const u = new URL(pathOrUrl, this.base);
    if (u.origin !== this.origin) throw new ForeignHostError(u.toString(), this.origin);
    return u;
  }

  /** GET with politeness and retries. Requests made through one fetcher never overlap. */
  get(pathOrUrl: string, opts: GetOptions = {}): Promise<FetchResult> {
    const url = this.resolve(pathOrUrl).toString();
    const run = this.queue.then(() => {
      if (opts.pauseMs) this.nextAllowedAt = Math.max(this.nextAllowedAt, this.o.now() + opts.pauseMs);
      return this.getWithRetries(url, opts);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async waitTurn(url: string, attempt: number): Promise<void> {
    const signal = this.o.signal;
    if (signal?.aborted) throw new AbortedError(url, attempt);
    const wait = this.nextAllowedAt - this.o.now();
    if (wait <= 0) return;
    if (!signal) return this.o.sleep(wait);
    let onAbort = (): void => undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(new AbortedError(url, attempt));
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      await Promise.race([this.o.sleep(wait), aborted]);
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  private async getWithRetries(url: string, opts: GetOptions): Promise<FetchResult> {
    for (let attempt = 1; ; attempt++) {
      await this.waitTurn(url, attempt);
      let delayMs: number;
      try {
        return await this.attempt(url, attempt, opts);
      } catch (err) {
        // Network trouble is wrapped where it happens; anything else (a validate callback that
        // throws, a bug) is not a network failure and is neither retried nor relabelled.
        if (!(err instanceof FetchError)) throw err;
        const e = err;
        if (!isRetryable(e) || attempt > this.o.retries) throw this.final(e, attempt);
        if (e instanceof HttpStatusError && e.status === 429) {
          const ra = (e as RateLimitedError).retryAfterMs ?? null;
          if (ra !== null && ra > this.o.maxRetryAfterMs) throw e;
          delayMs = ra ?? this.backoff(attempt);
        } else {
          delayMs = this.backoff(attempt);
        }
        this.o.onRetry?.({ url, attempt, delayMs, error: e });
        // the wait applies to the host, not just this request
        this.nextAllowedAt = Math.max(this.nextAllowedAt, this.o.now() + delayMs);
      }
    }
  }

  private final(e: FetchError, attempts: number): FetchError {
    if (e instanceof HttpStatusError && e.status === 429 && !(e instanceof RateLimitedError)) {
      return new RateLimitedError(e.url, attempts, null);
    }
    return e;
  }

  private backoff(attempt: number): number {
    const cap = Math.min(this.o.backoffMaxMs, this.o.backoffBaseMs * 2 ** (attempt - 1));
    // "equal jitter": never less than half the step, so retries really spread out
    return Math.round(cap / 2 + (cap / 2) * this.o.random());
  }

  private async attempt(url: string, attempt: number, opts: GetOptions): Promise<FetchResult> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.o.timeoutMs);
    this.requestCount++;
    try {
      let res: Response;
      try {
        res = await this.o.fetch(url, {
          method: 'GET',
          redirect: 'manual',
          signal: controller.signal,
          headers: {
            'user-agent': this.o.userAgent,
            accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5',
            'accept-language': 'en',
          },
        });
      } catch (err) {
        if (timedOut) throw new TimeoutError(url, attempt, this.o.timeoutMs);
        throw new NetworkError(url, attempt, err);
      }

      if (res.status >= 300 && res.status < 400) {
        await res.body?.cancel().catch(() => undefined);
        const loc = res.headers.get('location');
        if (!loc) throw new HttpStatusError(res.status, url, attempt);
        let target: URL;
        try {
          target = new URL(loc, url);
        } catch {
          throw new HttpStatusError(res.status, url, attempt); // a Location that is not a URL
        }
        if (target.origin !== this.origin) throw new ForeignRedirectError(url, attempt, target.toString());
        return { kind: 'redirect', url, status: res.status, location: target.toString() };
      }
      if (res.status === 429) {
        await res.body?.cancel().catch(() => undefined);
        throw new RateLimitedError(url, attempt, parseRetryAfter(res.headers.get('retry-after'), this.o.now()));
      }
      if (res.status < 200 || res.status >= 300) {
        await res.body?.cancel().catch(() => undefined);
        throw new HttpStatusError(res.status, url, attempt);
      }

      const declared = Number(res.headers.get('content-length'));
      if (Number.isFinite(declared) && declared > this.o.maxBytes) {
        controller.abort();
        throw new ResponseTooLargeError(url, attempt, this.o.maxBytes);
      }
      const body = await this.readCapped(res, url, attempt, controller, () => timedOut);
      const problem = opts.validate?.(body) ?? null;
      if (problem) throw new IncompleteResponseError(url, attempt, problem);
      return { kind: 'ok', url, status: res.status, body };
    } finally {
      clearTimeout(timer);
      this.nextAllowedAt = Math.max(this.nextAllowedAt, this.o.now() + this.o.minIntervalMs);
    }
  }

  private async readCapped(
    res: Response,
    url: string,
    attempt: number,
    controller: AbortController,
    timedOut: () => boolean,
  ): Promise<string> {
    if (!res.body) return '';
    const reader = res.body.getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        total += value.byteLength;
        if (total > this.o.maxBytes) {
          controller.abort();
          throw new ResponseTooLargeError(url, attempt, this.o.maxBytes);
        }
        chunks.push(value);
      }
    } catch (err) {
      if (err instanceof FetchError) throw err;
      if (timedOut()) throw new TimeoutError(url, attempt, this.o.timeoutMs);
      throw new NetworkError(url, attempt, err);
    }
    const buf = new Uint8Array(total);
    let off = 0;
    for (const c of chunks) {
      buf.set(c, off);
      off += c.byteLength;
    }
    return new TextDecoder('utf-8').decode(buf);
  }
}
