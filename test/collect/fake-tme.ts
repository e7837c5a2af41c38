// A stand-in for t.me in tests: renders web-preview pages in the real markup from synthetic
// posts in the four languages, and serves them from a real HTTP server on 127.0.0.1.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakePost {
  id: number;
  date: string; // ISO
  text: string; // plain text, '\n' = line break
  views: number;
  service?: boolean;
  /** Raw HTML for the text bubble instead of the escaped `text` (hostile markup). */
  html?: string;
  /** The channel its data-post names, when not the page's own (a foreign post). */
  dataPostChannel?: string;
}

const LINES: Record<string, string[]> = {
  prs: ['گزارش شمارهٔ {n} از کابل: بازارها امروز باز بودند.', 'مردم خواستار امنیت بیشتر در شهر شدند.'],
  pus: ['د {n} شمېره راپور: په کندهار کې نن باران وورېد.', 'خلک د اوبو د کمښت په اړه اندېښمن دي.'],
  arb: ['التقرير رقم {n}: عقد المجلس اجتماعه الأسبوعي اليوم.', 'وناقش الأعضاء خطة إعادة الإعمار.'],
  eng: ['Bulletin {n}: the border crossing reopened this morning.', 'Traders said queues were shorter than last week.'],
};
const LANGS = Object.keys(LINES);

/** Posts 1..count (minus `deleted`), one every 37 minutes from 2024-03-01, languages in turn. */
export function makePosts(count: number, opts: { deleted?: number[]; firstId?: number; start?: string } = {}): FakePost[] {
  const deleted = new Set(opts.deleted ?? []);
  const start = Date.parse(opts.start ?? '2024-03-01T06:00:00Z');
  const first = opts.firstId ?? 1;
  const out: FakePost[] = [];
  for (let id = first; id < first + count; id++) {
    if (deleted.has(id)) continue;
    const lang = LANGS[id % LANGS.length]!;
    const [a, b] = LINES[lang]!;
    out.push({
      id,
      date: new Date(start + (id - first) * 37 * 60_000).toISOString(),
      text: `${a!.replace('{n}', String(id))}\n${b}`,
      views: 100 + ((id * 7919) % 5000),
      service: id === first,
    });
  }
  return out;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function views(n: number): string {
  return n >= 1000 ? `${(n / 1000).toFixed(1).replace(/\.0$/, '')}K` : String(n);
}

/** The view count a reader of the page can know ("4.8K" → 4800). */
export function shownViews(n: number): number {
  return n >= 1000 ? Math.round(Number((n / 1000).toFixed(1)) * 1000) : n; // as views() rounds it
}

function renderPost(channel: string, p: FakePost): string {
  const hhmm = p.date.slice(11, 16);
  const text = p.service ? 'Channel created' : (p.html ?? esc(p.text).replace(/\n/g, '<br/>'));
  const v = p.service ? '' : `<span class="tgme_widget_message_views">${views(p.views)}</span><span class="copyonly"> views</span>`;
  return `<div class="tgme_widget_message_wrap js-widget_message_wrap"><div class="tgme_widget_message text_not_supported_wrap${p.service ? ' service_message' : ''} js-widget_message" data-post="${p.dataPostChannel ?? channel}/${p.id}" data-view="dGVzdA">
  <div class="tgme_widget_message_user"><a href="https://t.me/${channel}"><i class="tgme_widget_message_user_photo bgcolor1" data-content="T"></i></a></div>
  <div class="tgme_widget_message_bubble">
    <i class="tgme_widget_message_bubble_tail"><svg class="bubble_icon" width="9px" height="20px" viewBox="0 0 9 20"><g fill="none"><path class="background" fill="#ffffff" d="M8,1 L9,1 L9,20 L8,20 Z"></path></g></svg></i>
    <div class="tgme_widget_message_author accent_color"><a class="tgme_widget_message_owner_name" href="https://t.me/${channel}"><span dir="auto">Test ${channel}</span></a></div>
    <div class="tgme_widget_message_text js-message_text" dir="auto">${text}</div>
    <div class="tgme_widget_message_footer compact js-message_footer">
      <div class="tgme_widget_message_info short js-message_info">${v}<span class="tgme_widget_message_meta"><a class="tgme_widget_message_date" href="https://t.me/${channel}/${p.id}"><time datetime="${p.date.replace('.000Z', '+00:00')}" class="time">${hhmm}</time></a></span></div>
    </div>
  </div>
</div></div>`;
}

export interface RenderOptions {
  /** Leave out the older-page link (both the "more" link and link rel=prev). */
  noOlderLink?: boolean;
  /** Force this older-page cursor. */
  olderBefore?: number;
}

export function renderPage(channel: string, posts: FakePost[], hasOlder: boolean, opts: RenderOptions = {}): string {
  const min = posts.length ? Math.min(...posts.map((p) => p.id)) : null;
  const older = opts.noOlderLink ? null : (opts.olderBefore ?? (hasOlder && min !== null ? min : null));
  const more =
    older === null
      ? ''
      : `<div class="tgme_widget_message_centered js-messages_more_wrap"><a href="/s/${channel}?before=${older}" class="tme_messages_more js-messages_more" data-before="${older}"></a></div>`;
  const list = posts.length
    ? posts.map((p) => renderPost(channel, p)).join('\n')
    : '<div class="tgme_widget_message_wrap js-widget_message_wrap"><div class="tgme_widget_message_centered"><div class="tme_no_messages_found">No posts found</div></div></div>';
  return `<!DOCTYPE html>
<html>
  <head>
    <meta charset="utf-8">
    <title>Test ${channel} – Telegram</title>
    <meta property="og:title" content="Test ${channel}">
    <meta property="og:description" content="A channel served by the test server">
    ${older === null ? '' : `<link rel="prev" href="/s/${channel}?before=${older}">`}
  </head>
  <body class="widget_frame_base tgme_webpreview">
    <header class="tgme_header"><div class="tgme_channel_info">
      <div class="tgme_channel_info_header"><div class="tgme_channel_info_header_title"><span dir="auto">Test ${channel}</span></div>
      <div class="tgme_channel_info_header_username"><a href="https://t.me/${channel}">@${channel}</a></div></div>
      <div class="tgme_channel_info_counters"><div class="tgme_channel_info_counter"><span class="counter_value">2.5K</span> <span class="counter_type">subscribers</span></div></div>
      <div class="tgme_channel_info_description">A channel served by the test server</div>
    </div></header>
    <main class="tgme_main" data-url="/${channel}"><div class="tgme_container">
      <section class="tgme_channel_history js-message_history">
        ${more}
${list}
      </section>
    </div></main>
  </body>
</html>
<!-- page generated in 3.14ms -->
`;
}

export function landingPage(channel: string, exists: boolean): string {
  const body = exists
    ? `<div class="tgme_page_title" dir="auto"><span dir="auto">Test ${channel}</span></div>
       <div class="tgme_page_extra">1 204 members</div>
       <div class="tgme_page_action"><a class="tgme_action_button_new" href="tg://resolve?domain=${channel}">View in Telegram</a></div>`
    : `<div class="tgme_page_icon"><i class="tgme_icon_user"></i></div>
       <div class="tgme_page_action"><a class="tgme_action_button_new" href="tg://resolve?domain=${channel}">Send Message</a></div>`;
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Telegram: ${exists ? 'View' : 'Contact'} @${channel}</title></head>
<body><div class="tgme_page_wrap"><div class="tgme_body_wrap"><div class="tgme_page">${body}</div></div></div></body></html>
`;
}

export const PAGE_SIZE = 20;

/** The page t.me would show: the newest PAGE_SIZE posts below `before` (all posts when absent). */
export function pageOf(posts: FakePost[], before?: number): { posts: FakePost[]; hasOlder: boolean } {
  const eligible = posts.filter((p) => before === undefined || p.id < before).sort((a, b) => a.id - b.id);
  const page = eligible.slice(-PAGE_SIZE);
  return { posts: page, hasOlder: eligible.length > page.length };
}

export interface Req {
  path: string;
  channel: string | null;
  before: number | null;
  ua: string | undefined;
  /** Which listener took it (0 unless started with several: one per client under test). */
  via: number;
  /** When it arrived and when its answer was sent (ms since the epoch; 0 while unanswered). */
  at: number;
  doneAt: number;
}

/** Return true when the fault handled the response itself. */
export type Fault = (req: Req, res: ServerResponse, raw: IncomingMessage, nth: number) => boolean | Promise<boolean>;

export interface FakeTme {
  url: string;
  port: number;
  /** One URL per listener (urls[0] is url). */
  urls: string[];
  requests: Req[];
  channels: Map<string, FakePost[]>;
  /** Faults are tried in order before the normal answer. */
  faults: Fault[];
  /** Per-channel rendering tweaks. */
  render: Map<string, (page: { posts: FakePost[]; hasOlder: boolean }, before: number | undefined) => RenderOptions>;
  /** Milliseconds to wait before answering a page. */
  delayMs: number;
  close(): Promise<void>;
}

export async function startFakeTme(channels: Record<string, FakePost[]> = {}, opts: { listeners?: number } = {}): Promise<FakeTme> {
  const state = {
    requests: [] as Req[],
    channels: new Map(Object.entries(channels)),
    faults: [] as Fault[],
    render: new Map() as FakeTme['render'],
    delayMs: 0,
  };
  const sockets = new Set<import('node:net').Socket>();
  const handler = (via: number) => (raw: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const u = new URL(raw.url ?? '/', 'http://x');
      const m = /^\/s\/([A-Za-z0-9_]+)$/.exec(u.pathname);
      const before = u.searchParams.get('before');
      const req: Req = {
        path: u.pathname + u.search,
        channel: m ? m[1]! : null,
        before: before ? Number(before) : null,
        ua: raw.headers['user-agent'],
        via,
        at: Date.now(),
        doneAt: 0,
      };
      res.on('finish', () => (req.doneAt = Date.now()));
      state.requests.push(req);
      const nth = state.requests.length;
      for (const f of state.faults) if (await f(req, res, raw, nth)) return;
      if (state.delayMs) await new Promise((r) => setTimeout(r, state.delayMs));
      if (!m) {
        const landing = /^\/([A-Za-z0-9_]+)$/.exec(u.pathname);
        if (landing) {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          res.end(landingPage(landing[1]!, !landing[1]!.startsWith('nobody')));
          return;
        }
        res.writeHead(404).end('not found');
        return;
      }
      const name = m[1]!;
      const posts = state.channels.get(name);
      if (!posts) {
        // what t.me does for a name without a preview
        res.writeHead(302, { location: `/${name}` }).end();
        return;
      }
      const page = pageOf(posts, req.before ?? undefined);
      const opts = state.render.get(name)?.(page, req.before ?? undefined) ?? {};
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(renderPage(name, page.posts, page.hasOlder, opts));
    })();
  };
  const servers: Server[] = [];
  for (let i = 0; i < Math.max(1, opts.listeners ?? 1); i++) {
    const server = createServer(handler(i));
    server.on('connection', (s) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    servers.push(server);
  }
  const ports = servers.map((s) => (s.address() as AddressInfo).port);
  const urls = ports.map((p) => `http://127.0.0.1:${p}`);
  return Object.assign(state, {
    url: urls[0]!,
    port: ports[0]!,
    urls,
    close: async () => {
      for (const s of sockets) s.destroy();
      await Promise.all(servers.map((server) => new Promise<void>((r) => server.close(() => r()))));
    },
  });
}

/** Fault helper: applies `fn` to the first `times` requests matching `when`. */
export function times(n: number, when: (r: Req) => boolean, fn: (res: ServerResponse, raw: IncomingMessage) => void | Promise<void>): Fault {
  let left = n;
  return async (req, res, raw) => {
    if (left <= 0 || !when(req)) return false;
    left--;
    await fn(res, raw);
    return true;
  };
}
