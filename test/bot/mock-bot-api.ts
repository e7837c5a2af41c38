// A local stand-in for the Telegram Bot API (node:http on 127.0.0.1, random port). Records every
// request; answers like the Bot API; can script failures; serves queued updates to getUpdates; can
// accept requests and never answer them (a hung API).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MockRequest {
  method: string;
  token: string;
  body: Record<string, unknown>;
}

export interface ScriptedReply {
  status: number;
  body: unknown;
}

export interface MockBotApi {
  /** Origin to use as TELEGRAM_API_ROOT. */
  readonly url: string;
  readonly requests: MockRequest[];
  calls(method: string): MockRequest[];
  /** The next call of `method` gets this reply instead of success (queue; one per call). */
  failNext(method: string, reply: ScriptedReply): void;
  /**
   * From now on, calls of `method` ('*' = every method) are read and recorded, and then never answered:
   * the connection stays open until the client gives up or close().
   */
  hang(method: string): void;
  /** Requests being held open by hang(). */
  readonly hanging: number;
  /** Updates for getUpdates (update_id assigned in order). */
  pushUpdate(update: Record<string, unknown>): void;
  /** Resolves when pred() holds (checked after every request), or rejects after timeoutMs. */
  waitFor(pred: () => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export const BOT_USER = { id: 4242, is_bot: true, first_name: 'framewatch test', username: 'framewatch_test_bot' };

export function tooManyRequests(retryAfter = 1): ScriptedReply {
  return {
    status: 429,
    body: { ok: false, error_code: 429, description: `Too Many Requests: retry after ${retryAfter}`, parameters: { retry_after: retryAfter } },
  };
}

export function forbidden(description = 'Forbidden: bot was blocked by the user'): ScriptedReply {
  return { status: 403, body: { ok: false, error_code: 403, description } };
}

export function textMessage(chatId: number, text: string, opts: { type?: string; username?: string; from?: number } = {}): Record<string, unknown> {
  const type = opts.type ?? (chatId > 0 ? 'private' : 'group');
  return {
    message: {
      message_id: Math.floor(Math.random() * 1e6),
      date: Math.floor(Date.now() / 1000),
      chat: { id: chatId, type, ...(opts.username ? { username: opts.username } : {}), ...(type === 'private' ? { first_name: 'A' } : { title: 'T' }) },
      from: { id: opts.from ?? Math.abs(chatId), is_bot: false, first_name: 'Analyst' },
      text,
      ...(text.startsWith('/') ? { entities: [{ type: 'bot_command', offset: 0, length: text.split(/\s/)[0]!.length }] } : {}),
    },
  };
}

export async function startMockBotApi(opts: { pollHoldMs?: number } = {}): Promise<MockBotApi> {
  const requests: MockRequest[] = [];
  const scripted = new Map<string, ScriptedReply[]>();
  const updates: Record<string, unknown>[] = [];
  let nextUpdateId = 1;
  let messageId = 100;
  const waiters: { pred: () => boolean; resolve: () => void }[] = [];
  const pendingPolls = new Set<() => void>();
  const holdMs = opts.pollHoldMs ?? 150;
  const hung = new Set<string>();
  const held = new Set<ServerResponse>();

  const check = () => {
    for (const w of [...waiters]) {
      if (w.pred()) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };

  const send = (res: ServerResponse, status: number, body: unknown) => {
    if (res.writableEnded || res.destroyed) return;
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  const handle = (req: IncomingMessage, res: ServerResponse, raw: string) => {
    const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(req.url ?? '');
    if (!m) return send(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    const [, token = '', method = ''] = m;
    let body: Record<string, unknown> = {};
    try {
      body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    } catch {
      body = { _raw: raw };
    }
    requests.push({ method, token, body });
    check();
    if (hung.has(method) || hung.has('*')) {
      held.add(res);
      res.on('close', () => held.delete(res));
      return;
    }
    const script = scripted.get(method);
    if (script?.length) {
      const r = script.shift()!;
      return send(res, r.status, r.body);
    }
    switch (method) {
      case 'getMe':
        return send(res, 200, { ok: true, result: BOT_USER });
      case 'deleteWebhook':
      case 'setMyCommands':
        return send(res, 200, { ok: true, result: true });
      case 'sendMessage': {
        const chatId = body.chat_id;
        return send(res, 200, {
          ok: true,
          result: { message_id: messageId++, date: Math.floor(Date.now() / 1000), chat: { id: Number(chatId), type: 'private' }, text: body.text },
        });
      }
      case 'getUpdates': {
        const offset = Number(body.offset ?? 0);
        const answer = () => {
          const out = updates.filter((u) => Number(u.update_id) >= offset);
          send(res, 200, { ok: true, result: body.limit ? out.slice(0, Number(body.limit)) : out });
        };
        if (updates.some((u) => Number(u.update_id) >= offset) || body.limit) return answer();
        // Long poll: hold until an update arrives or a short timeout.
        const done = () => {
          clearTimeout(timer);
          pendingPolls.delete(done);
          answer();
        };
        const timer = setTimeout(done, holdMs);
        pendingPolls.add(done);
        // res (not req) 'close': the client went away (an aborted poll) or the answer was sent.
        res.on('close', () => {
          clearTimeout(timer);
          pendingPolls.delete(done);
        });
        return;
      }
      default:
        return send(res, 200, { ok: true, result: true });
    }
  };

  const server: Server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (raw += c));
    req.on('end', () => handle(req, res, raw));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    calls: (method) => requests.filter((r) => r.method === method),
    hang(method) {
      hung.add(method);
    },
    get hanging() {
      return held.size;
    },
    failNext(method, reply) {
      scripted.set(method, [...(scripted.get(method) ?? []), reply]);
    },
    pushUpdate(update) {
      updates.push({ update_id: nextUpdateId++, ...update });
      for (const p of [...pendingPolls]) p();
    },
    waitFor(pred, timeoutMs = 15_000) {
      if (pred()) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const w = {
          pred,
          resolve: () => {
            clearTimeout(t);
            resolve();
          },
        };
        const t = setTimeout(() => {
          waiters.splice(waiters.indexOf(w), 1);
          reject(new Error(`mock Bot API: condition not met in ${timeoutMs} ms; saw ${requests.map((r) => r.method).join(', ')}`));
        }, timeoutMs);
        waiters.push(w);
      });
    },
    close() {
      for (const p of [...pendingPolls]) p();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Polls `pred` (for conditions outside the mock, e.g. log lines). */
export async function until(pred: () => boolean, timeoutMs = 15_000, what = 'condition'): Promise<void> {
  const start = Date.now();
  while (!pred()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
