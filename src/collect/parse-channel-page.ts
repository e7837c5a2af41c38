// Parser for the t.me/s/<channel> web preview. Pure: HTML in, plain data out.
// cheerio (htmlparser2 build) parses once; then one hand-written walk per message
// collects everything, which keeps a 20-post page in the low milliseconds.
import { load } from 'cheerio/slim';
import type { IncomingPost, LinkPreview, MediaKind } from '../types.js';

export interface ParsedChannelInfo {
  /** Username as the page spells it (no '@'), or null when the page does not say. */
  username: string | null;
  title: string | null;
  description: string | null;
  subscribers: number | null;
  /** Other counters the header shows: photos, videos, links, files ... */
  counters: Record<string, number>;
}

export interface ParsedPoll {
  question: string;
  options: string[];
}

export interface ParsedPost {
  /** Channel part of data-post, as spelled on the page. */
  channel: string;
  messageId: number;
  /** ISO 8601 UTC, or null when the post has no datetime (a truncated page). */
  postedAt: string | null;
  /** The bubble's own text, `<br>` as '\n'; never the quoted reply. */
  text: string;
  views: number | null;
  isService: boolean;
  /** Display name of the origin ("Forwarded from X"). */
  forwardedFrom: string | null;
  /** Link to the origin (channel or post) when the page gives one. */
  forwardedFromUrl: string | null;
  /** Username of the origin, parsed from a t.me link. */
  forwardedFromUsername: string | null;
  /** Message id of the origin post when the link points at one. */
  forwardedFromPostId: number | null;
  replyTo: number | null;
  replyToUrl: string | null;
  edited: boolean;
  signature: string | null;
  mediaKinds: MediaKind[];
  links: string[];
  linkPreview: LinkPreview | null;
  poll: ParsedPoll | null;
  permalink: string;
}

export type PageKind =
  /** A message list (possibly empty: "No posts found"). */
  | 'messages'
  /** A landing page for an existing channel/group/user: no public preview. */
  | 'landing'
  /** The landing page Telegram shows for a name that does not exist. */
  | 'not_found'
  /** Anything else (error page, garbage). */
  | 'unknown';

export interface ParsedPage {
  kind: PageKind;
  /** kind === 'messages' */
  hasMessageList: boolean;
  channel: ParsedChannelInfo;
  /** In page order (t.me lists oldest first). */
  posts: ParsedPost[];
  /** Cursor for the next older page (`?before=`), from the "more" link or `link rel=prev`. */
  olderBefore: number | null;
  /** Cursor for the next newer page (`?after=`), when shown. */
  newerAfter: number | null;
  /** The document ended properly (`</html>` seen) and every post has an id and a date. */
  complete: boolean;
  /** Posts skipped or oddities met, one line each. */
  warnings: string[];
}

export interface ParseOptions {
  /**
   * URL the page is taken to live at, for resolving relative hrefs (hashtag links are `?q=...`).
   * Defaults to https://t.me/s/<channel>, so links stay canonical even when pages come from a mirror.
   */
  baseUrl?: string;
}

// ---- minimal structural view of domhandler nodes (cheerio's tree) ----
interface DomNode {
  type: string;
  parent: DomNode | null;
}
interface DomText extends DomNode {
  type: 'text';
  data: string;
}
interface DomElement extends DomNode {
  type: 'tag' | 'script' | 'style';
  name: string;
  attribs: Record<string, string>;
  children: DomNode[];
}
interface DomParent extends DomNode {
  children: DomNode[];
}

function isElement(n: DomNode): n is DomElement {
  return n.type === 'tag' || n.type === 'script' || n.type === 'style';
}

function classesOf(el: DomElement): string[] {
  const c = el.attribs['class'];
  return c ? c.split(/\s+/) : [];
}

function hasClass(el: DomElement, cls: string): boolean {
  const c = el.attribs['class'];
  if (!c) return false;
  // fast path before the exact split check
  return c.includes(cls) && classesOf(el).includes(cls);
}

const SKIP_TAGS = new Set(['script', 'style', 'svg', 'template', 'noscript']);
const BLOCK_TAGS = new Set([
  'div', 'p', 'blockquote', 'pre', 'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'tr', 'section',
]);

/** Text the way a reader sees it: collapsed whitespace, `<br>` and blocks as line breaks. */
export function extractText(root: DomNode): string {
  const out: string[] = [];
  let atLineStart = true;
  let pendingSpace = false;
  let empty = true;

  const newline = (): void => {
    out.push('\n');
    atLineStart = true;
    pendingSpace = false;
    empty = false;
  };
  const word = (w: string): void => {
    if (pendingSpace && !atLineStart) out.push(' ');
    out.push(w);
    atLineStart = false;
    pendingSpace = false;
    empty = false;
  };
  const text = (s: string, pre: boolean): void => {
    if (pre) {
      const parts = s.split('\n');
      parts.forEach((p, i) => {
        if (i > 0) newline();
        if (p) word(p);
      });
      return;
    }
    const parts = s.split(/[ \t\n\r\f\u00a0]+/);
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i]!;
      if (i > 0) pendingSpace = true;
      if (p) word(p);
    }
  };
  // An explicit stack, not recursion: hostile markup nests thousands of elements deep.
  type Step = { node: DomNode; pre: boolean } | { closeBlock: true };
  const stack: Step[] = [];
  const pushChildren = (kids: DomNode[], pre: boolean): void => {
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i]!, pre });
  };
  if (isElement(root)) pushChildren(root.children, false);
  else stack.push({ node: root, pre: false });
  while (stack.length) {
    const step = stack.pop()!;
    if ('closeBlock' in step) {
      if (!atLineStart) newline();
      continue;
    }
    const { node: n, pre } = step;
    if (n.type === 'text') {
      text((n as DomText).data, pre);
      continue;
    }
    if (!isElement(n)) {
      const kids = (n as Partial<DomParent>).children;
      if (kids) pushChildren(kids, pre);
      continue;
    }
    const name = n.name;
    if (SKIP_TAGS.has(name)) continue;
    if (name === 'br') {
      newline();
      continue;
    }
    if (name === 'img') {
      const alt = n.attribs['alt'];
      if (alt) word(alt);
      continue;
    }
    const block = BLOCK_TAGS.has(name);
    if (block) {
      if (!atLineStart && !empty) newline();
      stack.push({ closeBlock: true });
    }
    pushChildren(n.children, pre || name === 'pre');
  }
  return out.join('').replace(/^\n+|\n+$/g, '').replace(/ +\n/g, '\n');
}

/** "1.2K" → 1200, "24M" → 24000000, "1,234" → 1234, "11 110 268" → 11110268. */
export function parseCount(raw: string | null | undefined): number | null {
  if (raw == null) return null;
  const s = raw.replace(/[\s\u00a0\u202f]/g, '').replace(/,(?=\d{3}(\D|$))/g, '');
  const m = /^(\d+(?:[.,]\d+)?)([KMB])?$/i.exec(s);
  if (!m) return null;
  const n = Number(m[1]!.replace(',', '.'));
  if (!Number.isFinite(n)) return null;
  const mult = m[2] ? { K: 1e3, M: 1e6, B: 1e9 }[m[2].toUpperCase() as 'K' | 'M' | 'B'] : 1;
  return Math.round(n * mult);
}

/** The `&amp;amp;` bug (since 2024-04): hrefs arrive HTML-escaped one time too many. */
export function fixHref(href: string): string {
  let h = href.trim();
  // after the parser decodes entities once, the double escape is left as "&amp;"
  while (h.includes('&amp;')) h = h.replace(/&amp;/g, '&');
  return h;
}

function resolveUrl(href: string, base: string): string | null {
  try {
    const u = new URL(fixHref(href), base);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return u.toString();
  } catch {
    return null;
  }
}

/** t.me/<name>[/<id>] → {username, postId}; null for other hosts or paths. */
function parseTmeLink(href: string | undefined): { username: string; postId: number | null } | null {
  if (!href) return null;
  const m = /^(?:https?:)?\/\/(?:www\.)?(?:t\.me|telegram\.me)\/(?:s\/)?([A-Za-z][A-Za-z0-9_]{2,})(?:\/(\d+))?/i.exec(href.trim());
  if (!m) return null;
  return { username: m[1]!, postId: m[2] ? Number(m[2]) : null };
}

function toIso(datetime: string | undefined): string | null {
  if (!datetime) return null;
  const t = Date.parse(datetime);
  return Number.isFinite(t) ? new Date(t).toISOString() : null;
}

function cleanLine(s: string): string {
  return s.replace(/[\s\u00a0]+/g, ' ').trim();
}

// Classes the per-message walk records. Elements inside the reply quote are ignored.
interface MessageParts {
  text: DomElement | null;
  views: DomElement | null;
  dateLink: DomElement | null;
  time: DomElement | null;
  meta: DomElement | null;
  fromAuthor: DomElement | null;
  forwarded: DomElement | null;
  forwardedName: DomElement | null;
  reply: DomElement | null;
  preview: DomElement | null;
  previewSite: DomElement | null;
  previewTitle: DomElement | null;
  previewDescription: DomElement | null;
  pollQuestion: DomElement | null;
  pollOptions: DomElement[];
  anchors: DomElement[];
  buttons: DomElement[];
  locationHref: string | null;
  kinds: Set<MediaKind>;
  notSupported: boolean;
}

function collectParts(msg: DomElement): MessageParts {
  const p: MessageParts = {
    text: null, views: null, dateLink: null, time: null, meta: null, fromAuthor: null,
    forwarded: null, forwardedName: null, reply: null, preview: null, previewSite: null,
    previewTitle: null, previewDescription: null, pollQuestion: null, pollOptions: [],
    anchors: [], buttons: [], locationHref: null, kinds: new Set(), notSupported: false,
  };
  // inText: inside our own text element (collect anchors); inPreview: inside the link preview.
  // Document order, with an explicit stack (no recursion: markup may nest thousands deep).
  const stack: { n: DomNode; inText: boolean; inPreview: boolean }[] = [{ n: msg, inText: false, inPreview: false }];
  walk: while (stack.length) {
    const { n, inText, inPreview } = stack.pop()!;
    if (!isElement(n)) continue;
    if (SKIP_TAGS.has(n.name)) continue;
    let t = inText;
    let pv = inPreview;
    if (n.name === 'time' && n.attribs['datetime'] && !p.time && p.dateLink) p.time = n;
    if (inText && n.name === 'a' && n.attribs['href'] !== undefined) p.anchors.push(n);
    const cls = n.attribs['class'];
    if (cls) {
      for (const c of cls.split(/\s+/)) {
        switch (c) {
          case 'tgme_widget_message_reply':
            // the quoted message: shares classes with the post's own text, so skip it whole
            if (!p.reply) p.reply = n;
            continue walk;
          case 'tgme_widget_message_text':
            if (!inText && !inPreview && !p.text) {
              p.text = n;
              t = true;
            }
            break;
          case 'tgme_widget_message_views':
            if (!p.views) p.views = n;
            break;
          case 'tgme_widget_message_date':
            if (!p.dateLink) p.dateLink = n;
            break;
          case 'tgme_widget_message_meta':
            if (!p.meta) p.meta = n;
            break;
          case 'tgme_widget_message_from_author':
            if (!p.fromAuthor) p.fromAuthor = n;
            break;
          case 'tgme_widget_message_forwarded_from':
            if (!p.forwarded) p.forwarded = n;
            break;
          case 'tgme_widget_message_forwarded_from_name':
            if (!p.forwardedName) p.forwardedName = n;
            break;
          case 'tgme_widget_message_link_preview':
            if (!p.preview) p.preview = n;
            p.kinds.add('link_preview');
            pv = true;
            break;
          case 'link_preview_site_name':
            if (inPreview && !p.previewSite) p.previewSite = n;
            break;
          case 'link_preview_title':
            if (inPreview && !p.previewTitle) p.previewTitle = n;
            break;
          case 'link_preview_description':
            if (inPreview && !p.previewDescription) p.previewDescription = n;
            break;
          case 'tgme_widget_message_grouped_wrap':
            p.kinds.add('album');
            break;
          case 'tgme_widget_message_photo_wrap':
            if (!inPreview) p.kinds.add('photo');
            break;
          case 'tgme_widget_message_video_player':
            if (!inPreview) p.kinds.add('video');
            break;
          case 'tgme_widget_message_roundvideo_player':
            p.kinds.add('round_video');
            break;
          case 'tgme_widget_message_voice_player':
          case 'tgme_widget_message_voice':
            p.kinds.add('voice');
            break;
          case 'tgme_widget_message_document_wrap':
            p.kinds.add(documentKind(n));
            break;
          case 'tgme_widget_message_poll':
            p.kinds.add('poll');
            break;
          case 'tgme_widget_message_poll_question':
            if (!p.pollQuestion) p.pollQuestion = n;
            break;
          case 'tgme_widget_message_poll_option_text':
            p.pollOptions.push(n);
            break;
          case 'tgme_widget_message_sticker_wrap':
          case 'tgme_widget_message_sticker':
          case 'tgme_widget_message_tgsticker':
          case 'tgme_widget_message_videosticker':
            p.kinds.add('sticker');
            break;
          case 'tgme_widget_message_location_wrap':
          case 'tgme_widget_message_venue_wrap':
            p.kinds.add('location');
            if (n.attribs['href'] && !p.locationHref) p.locationHref = n.attribs['href'];
            break;
          case 'tgme_widget_message_inline_button':
            if (n.attribs['href']) p.buttons.push(n);
            break;
          case 'message_media_not_supported_wrap':
            p.notSupported = true;
            break;
          default:
            break;
        }
      }
    }
    for (let i = n.children.length - 1; i >= 0; i--) stack.push({ n: n.children[i]!, inText: t, inPreview: pv });
  }
  return p;
}

function documentKind(wrap: DomElement): MediaKind {
  // audio files are documents with an "audio" icon
  const stack: DomNode[] = [wrap];
  while (stack.length) {
    const n = stack.pop()!;
    if (!isElement(n)) continue;
    if (hasClass(n, 'tgme_widget_message_document_icon') && hasClass(n, 'audio')) return 'audio';
    for (const k of n.children) stack.push(k);
  }
  return 'document';
}

/** "edited" in the footer meta, not counting the signature's own text. */
function isEdited(meta: DomElement | null): boolean {
  if (!meta) return false;
  for (const k of meta.children) {
    if (k.type === 'text' && /\bedited\b/i.test((k as DomText).data)) return true;
    if (isElement(k) && k.name === 'span' && !hasClass(k, 'tgme_widget_message_from_author')) {
      if (/\bedited\b/i.test(extractText(k))) return true;
    }
  }
  return false;
}

const MEDIA_ORDER: MediaKind[] = [
  'album', 'photo', 'video', 'round_video', 'voice', 'audio', 'document', 'sticker', 'poll', 'location', 'link_preview', 'other',
];

function parseMessage(msg: DomElement, dataPost: string, baseFor: (channel: string) => string, warnings: string[]): ParsedPost | null {
  const slash = dataPost.lastIndexOf('/');
  const channel = dataPost.slice(0, slash);
  const messageId = Number(dataPost.slice(slash + 1));
  if (!channel || !Number.isSafeInteger(messageId) || messageId <= 0) {
    warnings.push(`skipped a message with a bad data-post "${dataPost}"`);
    return null;
  }
  const msgClasses = classesOf(msg);
  const isService = msgClasses.includes('service_message');
  const p = collectParts(msg);
  if (msgClasses.includes('sticker_media')) p.kinds.add('sticker');
  if (msgClasses.includes('roundvideo_media')) p.kinds.add('round_video');
  if (p.kinds.size === 0 && p.notSupported && !isService) p.kinds.add('other');
  if (isService) p.kinds.delete('photo');
  const base = baseFor(channel);

  const text = p.text ? extractText(p.text) : '';

  const links: string[] = [];
  const seen = new Set<string>();
  const addLink = (href: string | undefined): void => {
    if (!href) return;
    const u = resolveUrl(href, base);
    if (u && !seen.has(u)) {
      seen.add(u);
      links.push(u);
    }
  };
  // service messages only link back to the channel itself
  if (!isService) {
    for (const a of p.anchors) addLink(a.attribs['href']);
    if (p.locationHref) addLink(p.locationHref);
    for (const b of p.buttons) addLink(b.attribs['href']);
  }

  let forwardedFrom: string | null = null;
  let forwardedFromUrl: string | null = null;
  let forwardedFromUsername: string | null = null;
  let forwardedFromPostId: number | null = null;
  if (p.forwarded) {
    if (p.forwardedName) {
      forwardedFrom = cleanLine(extractText(p.forwardedName)) || null;
      const href = p.forwardedName.attribs['href'];
      if (href) {
        forwardedFromUrl = resolveUrl(href, base);
        const tme = parseTmeLink(forwardedFromUrl ?? undefined);
        if (tme) {
          forwardedFromUsername = tme.username;
          forwardedFromPostId = tme.postId;
        }
      }
    } else {
      forwardedFrom = cleanLine(extractText(p.forwarded).replace(/^\s*Forwarded from\s*/i, '')) || null;
    }
  }

  let replyTo: number | null = null;
  let replyToUrl: string | null = null;
  if (p.reply) {
    const href = p.reply.attribs['href'];
    if (href) {
      replyToUrl = resolveUrl(href, base);
      const m = /\/(\d+)(?:[?#].*)?$/.exec(href);
      if (m) replyTo = Number(m[1]);
    }
  }

  let linkPreview: LinkPreview | null = null;
  if (p.preview) {
    const href = p.preview.attribs['href'];
    linkPreview = {
      url: href ? resolveUrl(href, base) : null,
      title: p.previewTitle ? cleanLine(extractText(p.previewTitle)) || null : null,
      description: p.previewDescription ? extractText(p.previewDescription) || null : null,
      siteName: p.previewSite ? cleanLine(extractText(p.previewSite)) || null : null,
    };
  }

  const poll: ParsedPoll | null = p.pollQuestion
    ? { question: extractText(p.pollQuestion), options: p.pollOptions.map((o) => cleanLine(extractText(o))) }
    : null;

  const postedAt = toIso(p.time?.attribs['datetime']);
  const views = isService ? null : parseCount(p.views ? extractText(p.views) : null);
  const signature = p.fromAuthor ? cleanLine(extractText(p.fromAuthor)) || null : null;

  return {
    channel,
    messageId,
    postedAt,
    text,
    views,
    isService,
    forwardedFrom,
    forwardedFromUrl,
    forwardedFromUsername,
    forwardedFromPostId,
    replyTo,
    replyToUrl,
    edited: isEdited(p.meta),
    signature,
    mediaKinds: MEDIA_ORDER.filter((k) => p.kinds.has(k)),
    links,
    linkPreview,
    poll,
    permalink: `https://t.me/${channel}/${messageId}`,
  };
}

// Document-level parts, gathered in one walk that does not descend into messages.
interface DocParts {
  messages: { el: DomElement; post: string }[];
  history: boolean;
  tgmePage: boolean;
  pageTitle: DomElement | null;
  pageDescription: DomElement | null;
  pageExtra: DomElement | null;
  infoTitle: DomElement | null;
  infoDescription: DomElement | null;
  infoUsername: DomElement | null;
  headerCounter: DomElement | null;
  counters: DomElement[];
  moreBefore: string | null;
  moreAfter: string | null;
  linkPrev: string | null;
  linkNext: string | null;
  canonical: string | null;
  meta: Map<string, string>;
  resolveDomain: string | null;
}

function collectDoc(root: DomNode): DocParts {
  const d: DocParts = {
    messages: [], history: false, tgmePage: false, pageTitle: null, pageDescription: null, pageExtra: null,
    infoTitle: null, infoDescription: null, infoUsername: null, headerCounter: null, counters: [],
    moreBefore: null, moreAfter: null, linkPrev: null, linkNext: null, canonical: null, meta: new Map(),
    resolveDomain: null,
  };
  // Document order, with an explicit stack (no recursion: markup may nest thousands deep).
  const stack: DomNode[] = [root];
  const pushChildren = (kids: DomNode[]): void => {
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  };
  walk: while (stack.length) {
    const n = stack.pop()!;
    if (!isElement(n)) {
      const kids = (n as Partial<DomParent>).children;
      if (kids) pushChildren(kids);
      continue;
    }
    const a = n.attribs;
    switch (n.name) {
      case 'script':
      case 'style':
      case 'svg':
        continue walk;
      case 'meta': {
        const key = a['property'] ?? a['name'];
        if (key && a['content'] !== undefined && !d.meta.has(key)) d.meta.set(key, a['content']);
        continue walk;
      }
      case 'link': {
        const rel = a['rel'];
        if (rel === 'prev' && a['href'] && !d.linkPrev) d.linkPrev = a['href'];
        else if (rel === 'next' && a['href'] && !d.linkNext) d.linkNext = a['href'];
        else if (rel === 'canonical' && a['href'] && !d.canonical) d.canonical = a['href'];
        continue walk;
      }
      default:
        break;
    }
    const cls = a['class'];
    if (cls) {
      const list = cls.split(/\s+/);
      if (list.includes('tgme_widget_message') && a['data-post']) {
        d.messages.push({ el: n, post: a['data-post'] });
        continue; // message subtrees are walked by parseMessage
      }
      for (const c of list) {
        switch (c) {
          case 'tgme_channel_history':
            d.history = true;
            break;
          case 'tgme_page':
            d.tgmePage = true;
            break;
          case 'tgme_page_title':
            d.pageTitle ??= n;
            break;
          case 'tgme_page_description':
            d.pageDescription ??= n;
            break;
          case 'tgme_page_extra':
            d.pageExtra ??= n;
            break;
          case 'tgme_channel_info_header_title':
            d.infoTitle ??= n;
            break;
          case 'tgme_channel_info_description':
            d.infoDescription ??= n;
            break;
          case 'tgme_channel_info_header_username':
            d.infoUsername ??= n;
            break;
          case 'tgme_header_counter':
            d.headerCounter ??= n;
            break;
          case 'tgme_channel_info_counter':
            d.counters.push(n);
            break;
          case 'tme_messages_more':
            if (a['data-before'] && d.moreBefore === null) d.moreBefore = a['data-before'];
            if (a['data-after'] && d.moreAfter === null) d.moreAfter = a['data-after'];
            break;
          case 'tgme_action_button_new':
          case 'tgme_username_link': {
            const m = /^tg:\/\/resolve\?domain=([A-Za-z0-9_]+)/.exec(a['href'] ?? '');
            if (m && !d.resolveDomain) d.resolveDomain = m[1]!;
            break;
          }
          default:
            break;
        }
      }
    }
    pushChildren(n.children);
  }
  return d;
}

function cursorFrom(value: string | null, param: 'before' | 'after'): number | null {
  if (!value) return null;
  const raw = /^\d+$/.test(value) ? value : (new RegExp(`[?&]${param}=(\\d+)`).exec(value)?.[1] ?? null);
  if (!raw) return null;
  const n = Number(raw);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

/** The first descendant with the class, in document order. */
function findChild(el: DomElement, cls: string): DomElement | null {
  const stack: DomNode[] = [...el.children].reverse();
  while (stack.length) {
    const k = stack.pop()!;
    if (!isElement(k)) continue;
    if (hasClass(k, cls)) return k;
    for (let i = k.children.length - 1; i >= 0; i--) stack.push(k.children[i]!);
  }
  return null;
}

function channelInfo(d: DocParts, kind: PageKind, firstPostChannel: string | null): ParsedChannelInfo {
  let username: string | null = null;
  if (d.infoUsername) username = cleanLine(extractText(d.infoUsername)).replace(/^@/, '') || null;
  if (!username && d.canonical) username = /\/s\/([A-Za-z0-9_]+)/.exec(d.canonical)?.[1] ?? null;
  if (!username) username = /domain=([A-Za-z0-9_]+)/.exec(d.meta.get('al:android:url') ?? '')?.[1] ?? null;
  if (!username) username = firstPostChannel ?? d.resolveDomain;

  let title: string | null = null;
  if (d.infoTitle) title = cleanLine(extractText(d.infoTitle)) || null;
  if (!title && d.pageTitle) title = cleanLine(extractText(d.pageTitle)) || null;
  if (!title && kind !== 'not_found') title = d.meta.get('og:title')?.trim() || null;

  let description: string | null = null;
  if (d.infoDescription) description = extractText(d.infoDescription) || null;
  if (!description && d.pageDescription && kind !== 'not_found') description = extractText(d.pageDescription) || null;
  if (!description && kind !== 'not_found') description = d.meta.get('og:description')?.trim() || null;

  let subscribers: number | null = null;
  const counters: Record<string, number> = {};
  for (const c of d.counters) {
    const value = findChild(c, 'counter_value');
    const type = findChild(c, 'counter_type');
    if (!value || !type) continue;
    const n = parseCount(extractText(value));
    const t = cleanLine(extractText(type)).toLowerCase();
    if (n === null || !t) continue;
    if (/^(subscriber|member)s?$/.test(t)) subscribers = n;
    else counters[t] = n;
  }
  const fromExtra = (el: DomElement | null): number | null => {
    if (!el) return null;
    const m = /([\d][\d\s\u00a0\u202f.,]*[KMB]?)\s*(?:subscribers?|members?)/i.exec(extractText(el));
    return m ? parseCount(m[1]!) : null;
  };
  subscribers ??= fromExtra(d.headerCounter) ?? fromExtra(d.pageExtra);

  return { username, title, description, subscribers, counters };
}

/**
 * Cuts `<svg>` and `<script>` blocks out before parsing: every bubble carries an inline SVG tail
 * (a quarter of a real page) that the parser would otherwise build a tree for and we would skip.
 */
function dropSkippedBlocks(html: string): string {
  let out = '';
  let from = 0;
  for (;;) {
    const svg = html.indexOf('<svg', from);
    const script = html.indexOf('<script', from);
    const start = svg < 0 ? script : script < 0 ? svg : Math.min(svg, script);
    if (start < 0) break;
    const close = start === svg ? '</svg>' : '</script>';
    const end = html.indexOf(close, start);
    if (end < 0) break; // unclosed: leave it to the parser
    out += html.slice(from, start);
    from = end + close.length;
  }
  return from === 0 ? html : out + html.slice(from);
}

/** Parse one t.me/s page (or a fragment of one). Never throws on odd markup. */
export function parseChannelPage(html: string, opts: ParseOptions = {}): ParsedPage {
  const $ = load(dropSkippedBlocks(html));
  const root = $.root()[0] as unknown as DomNode;
  const d = collectDoc(root);
  const warnings: string[] = [];

  const baseFor = (channel: string): string => opts.baseUrl ?? `https://t.me/s/${channel}`;
  const posts: ParsedPost[] = [];
  let incomplete = 0;
  for (const m of d.messages) {
    const post = parseMessage(m.el, m.post, baseFor, warnings);
    if (!post) continue;
    if (!post.postedAt) {
      incomplete++;
      warnings.push(`post ${m.post} has no date`);
    }
    posts.push(post);
  }

  let kind: PageKind;
  if (d.history || posts.length > 0) kind = 'messages';
  else if (d.tgmePage) kind = d.pageTitle ? 'landing' : 'not_found';
  else kind = 'unknown';

  const ended = /<\/html\s*>/i.test(html.length > 4096 ? html.slice(-4096) : html);
  return {
    kind,
    hasMessageList: kind === 'messages',
    channel: channelInfo(d, kind, posts[0]?.channel ?? null),
    posts,
    olderBefore: cursorFrom(d.moreBefore, 'before') ?? cursorFrom(d.linkPrev, 'before'),
    newerAfter: cursorFrom(d.moreAfter, 'after') ?? cursorFrom(d.linkNext, 'after'),
    complete: ended && incomplete === 0,
    warnings,
  };
}

/** Map a parsed post to the pipeline's shape. `channel` is the configured name (lower-cased here). */
export function toIncomingPost(post: ParsedPost, channel: string, source = 'collect'): IncomingPost | null {
  if (!post.postedAt) return null;
  return {
    channel: channel.toLowerCase(),
    messageId: post.messageId,
    postedAt: post.postedAt,
    text: post.text,
    views: post.views,
    forwardedFrom: post.forwardedFrom,
    forwardedFromUrl: post.forwardedFromUrl,
    replyTo: post.replyTo,
    edited: post.edited,
    mediaKinds: post.mediaKinds,
    permalink: post.permalink,
    signature: post.signature,
    links: post.links,
    linkPreview: post.linkPreview,
    isService: post.isService,
    source,
  };
}
