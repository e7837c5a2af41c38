import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ForeignHostError,
  ForeignRedirectError,
  HttpStatusError,
  isRetryable,
  NetworkError,
  parseRetryAfter,
  PoliteFetcher,
  RateLimitedError,
  ResponseTooLargeError,
  TimeoutError,
} from '../../src/collect/polite-fetcher.js';

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

async function server(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const s = createServer(handler);
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

function fakeTime() {
  let offset = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => Date.now() + offset,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      offset += ms;
    },
  };
}

describe('parseRetryAfter', () => {
  const now = Date.parse('2024-05-01T10:00:00Z');
  it.each([
    ['120', 120_000],
    ['0', 0],
    ['Wed, 01 May 2024 10:00:30 GMT', 30_000],
    ['Wed, 01 May 2024 09:00:00 GMT', 0],
    ['soon', null],
    [null, null],
  ])('%j → %j', (v, ms) => {
    expect(parseRetryAfter(v, now)).toBe(ms);
  });
});

describe('PoliteFetcher', () => {
  it('sends one request at a time, the minimum interval apart, naming the tool', async () => {
    let active = 0;
    let maxActive = 0;
    const agents = new Set<string | undefined>();
    const url = await server((req, res) => {
      active++;
      maxActive = Math.max(maxActive, active);
      agents.add(req.headers['user-agent']);
      setTimeout(() => {
        active--;
        res.end(`page ${req.url}`);
      }, 15);
    });
    const t = fakeTime();
    const f = new PoliteFetcher({ baseUrl: url, minIntervalMs: 1000, userAgent: 'framewatch/9.9 (+research monitor)', ...t });
    const got = await Promise.all(['/s/a', '/s/b', '/s/c'].map((p) => f.get(p)));
    expect(got.map((g) => (g.kind === 'ok' ? g.body : g.kind))).toEqual(['page /s/a', 'page /s/b', 'page /s/c']);
    expect(maxActive).toBe(1);
    expect([...agents]).toEqual(['framewatch/9.9 (+research monitor)']);
    expect(t.sleeps).toHaveLength(2);
    for (const ms of t.sleeps) {
      expect(ms).toBeGreaterThan(900);
      expect(ms).toBeLessThanOrEqual(1000);
    }
  });

  it('refuses any URL outside the base host without sending anything', async () => {
    const f = new PoliteFetcher({ baseUrl: 'http://127.0.0.1:9', minIntervalMs: 0 });
    expect(() => f.get('http://example.org/s/x')).toThrow(ForeignHostError);
    expect(f.requestCount).toBe(0);
  });

  it('returns same-host redirects to the caller and refuses foreign ones', async () => {
    const url = await server((req, res) => {
      if (req.url === '/s/moved') res.writeHead(302, { location: '/moved' }).end();
      else res.writeHead(301, { location: 'https://elsewhere.example/s/x' }).end();
    });
    const f = new PoliteFetcher({ baseUrl: url, minIntervalMs: 0, ...fakeTime() });
    expect(await f.get('/s/moved')).toEqual({ kind: 'redirect', url: `${url}/s/moved`, status: 302, location: `${url}/moved` });
    const err = await f.get('/s/away').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ForeignRedirectError);
    expect((err as ForeignRedirectError).location).toBe('https://elsewhere.example/s/x');
  });

  it('retries 5xx with growing backoff, and reports the status and attempts at the end', async () => {
    const url = await server((_req, res) => void res.writeHead(502).end());
    const t = fakeTime();
    const f = new PoliteFetcher({ baseUrl: url, minIntervalMs: 0, retries: 3, backoffBaseMs: 1000, random: () => 1, ...t });
    const err = await f.get('/s/x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpStatusError);
    expect(err).toMatchObject({ status: 502, attempts: 4 });
    expect(t.sleeps.map((ms) => Math.round(ms / 100) * 100)).toEqual([1000, 2000, 4000]);
  });

  it('does not retry a 404', async () => {
    let n = 0;
    const url = await server((_req, res) => {
      n++;
      res.writeHead(404).end();
    });
    const err = await new PoliteFetcher({ baseUrl: url, minIntervalMs: 0, ...fakeTime() }).get('/s/x').catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 404, attempts: 1 });
    expect(isRetryable(err)).toBe(false);
    expect(n).toBe(1);
  });

  it('429 without Retry-After backs off, and ends as RateLimitedError', async () => {
    const url = await server((_req, res) => void res.writeHead(429).end());
    const f = new PoliteFetcher({ baseUrl: url, minIntervalMs: 0, retries: 1, ...fakeTime() });
    const err = await f.get('/s/x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect(err).toMatchObject({ status: 429, attempts: 2 });
  });

  it.each([
    ['a reset connection', 'reset', NetworkError],
    ['a hang', 'hang', TimeoutError],
    ['a declared oversized body', 'big', ResponseTooLargeError],
  ] as const)('%s surfaces as its own error class', async (_n, mode, cls) => {
    const url = await server((req, res) => {
      if (mode === 'reset') req.socket.destroy();
      else if (mode === 'big') res.writeHead(200, { 'content-length': 5000 }).end('z'.repeat(5000));
    });
    const f = new PoliteFetcher({ baseUrl: url, minIntervalMs: 0, retries: 0, timeoutMs: 150, maxBytes: 1000, ...fakeTime() });
    expect(await f.get('/s/x').catch((e: unknown) => e)).toBeInstanceOf(cls);
  });

  it('a body that fails the caller check is retried, then reported', async () => {
    let n = 0;
    const url = await server((_req, res) => {
      n++;
      res.end(n < 3 ? '<html><body>half' : '<html><body>whole</body></html>');
    });
    const f = new PoliteFetcher({ baseUrl: url, minIntervalMs: 0, ...fakeTime() });
    const got = await f.get('/s/x', { validate: (b) => (b.includes('</html>') ? null : 'cut short') });
    expect(got).toMatchObject({ kind: 'ok', body: '<html><body>whole</body></html>' });
    expect(n).toBe(3);
  });
});
