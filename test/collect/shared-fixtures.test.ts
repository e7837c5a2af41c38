// Real t.me captures from other projects (../shared/fixtures/tme). Read at run time, never copied.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseChannelPage, type ParsedPage, type ParsedPost } from '../../src/collect/parse-channel-page.js';
import { SHARED_DIR } from '../../src/paths.js';
import type { MediaKind } from '../../src/types.js';

const DIR = join(SHARED_DIR, 'fixtures', 'tme');
const have = existsSync(DIR);

// ---- a reader for the Python literals in tchan's .expected.txt ----------------------------
type Py = string | number | boolean | null | Py[] | { call: string; args: Py[]; kwargs: Record<string, Py> };

function parsePython(src: string): Py {
  let i = 0;
  const ws = () => {
    while (i < src.length && /[\s,]/.test(src[i]!)) i++;
  };
  const value = (): Py => {
    ws();
    const c = src[i]!;
    if (c === '"' || c === "'") {
      const q = c;
      let out = '';
      i++;
      while (src[i] !== q) {
        if (src[i] === '\\') {
          const e = src[i + 1]!;
          out += e === 'n' ? '\n' : e === 't' ? '\t' : e;
          i += 2;
        } else out += src[i++];
      }
      i++;
      return out;
    }
    if (c === '[' || c === '(') {
      const close = c === '[' ? ']' : ')';
      i++;
      const items: Py[] = [];
      for (;;) {
        ws();
        if (src[i] === close) {
          i++;
          return items;
        }
        items.push(value());
      }
    }
    const m = /^[A-Za-z_][\w.]*|^-?[\d_]+(\.\d+)?/.exec(src.slice(i))!;
    i += m[0].length;
    const word = m[0];
    if (/^-?[\d_]/.test(word)) return Number(word.replace(/_/g, ''));
    if (word === 'None') return null;
    if (word === 'True' || word === 'False') return word === 'True';
    // a call: Name(arg, key=value, ...)
    ws();
    const args: Py[] = [];
    const kwargs: Record<string, Py> = {};
    if (src[i] !== '(') return word;
    i++;
    for (;;) {
      ws();
      if (src[i] === ')') {
        i++;
        return { call: word, args, kwargs };
      }
      const key = /^([A-Za-z_]\w*)\s*=(?!=)/.exec(src.slice(i));
      if (key) {
        i += key[0].length;
        kwargs[key[1]!] = value();
      } else args.push(value());
    }
  };
  return value();
}

function isCall(v: Py): v is { call: string; args: Py[]; kwargs: Record<string, Py> } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function pyDate(v: Py): string {
  if (!isCall(v)) throw new Error('not a datetime');
  const [y, mo, d, h = 0, mi = 0, s = 0] = v.args as number[];
  return new Date(Date.UTC(y!, mo! - 1, d!, h, mi, s)).toISOString();
}

// tchan's `type` → what our post must show
const TYPE_CHECK: Record<string, (p: ParsedPost) => boolean> = {
  text: (p) => p.mediaKinds.every((k) => k === 'link_preview') && !p.isService,
  photo: (p) => p.mediaKinds.includes('photo'),
  video: (p) => p.mediaKinds.includes('video'),
  multimedia: (p) => p.mediaKinds.includes('album'),
  document: (p) => p.mediaKinds.some((k: MediaKind) => k === 'document' || k === 'audio'),
  audio: (p) => p.mediaKinds.includes('voice'), // tchan's "audio" is the voice-note player
  poll: (p) => p.mediaKinds.includes('poll'),
  sticker: (p) => p.mediaKinds.includes('sticker'),
  'round-video': (p) => p.mediaKinds.includes('round_video'),
  location: (p) => p.mediaKinds.includes('location'),
  service: (p) => p.isService,
};

/** tchan's text differs from ours only in where it breaks lines (it splits at links and emoji). */
const squash = (s: string | null) => (s ?? '').replace(/\s+/g, '');

function checkMessage(post: ParsedPost, kw: Record<string, Py>): void {
  for (const [key, v] of Object.entries(kw)) {
    switch (key) {
      case 'id':
        expect(post.messageId).toBe(v);
        break;
      case 'created_at':
        expect(post.postedAt).toBe(pyDate(v));
        break;
      case 'channel':
        expect(post.channel).toBe(v);
        break;
      case 'author':
        expect(post.signature).toBe(v);
        break;
      case 'edited':
        expect(post.edited).toBe(v);
        break;
      case 'views':
        expect(post.views).toBe(v);
        break;
      case 'text':
        expect(squash(post.text)).toBe(squash(v as string | null));
        if (typeof v === 'string' && !/\p{Extended_Pictographic}|https?:/u.test(v)) expect(post.text).toBe(v);
        break;
      case 'type':
        expect(TYPE_CHECK[v as string]?.(post), `type ${String(v)} vs ${JSON.stringify(post.mediaKinds)}`).toBe(true);
        break;
      case 'forwarded_author':
        expect(post.forwardedFrom).toBe(v);
        break;
      case 'forwarded_author_url':
        expect(post.forwardedFromUrl).toBe(v);
        break;
      case 'reply_to_id':
        expect(post.replyTo).toBe(v);
        break;
      case 'preview_url':
        expect(post.linkPreview?.url ?? null).toBe(v);
        break;
      case 'preview_title':
        expect(post.linkPreview?.title ?? null).toBe(v);
        break;
      case 'preview_description':
        expect(post.linkPreview?.description ?? null).toBe(v);
        break;
      case 'preview_site_name':
        expect(post.linkPreview?.siteName ?? null).toBe(v);
        break;
      case 'urls': {
        // ("link", url) are outbound links; media URLs (photo, video, thumbnails) are not kept
        const links = (v as Py[][]).filter((t) => t[0] === 'link').map((t) => t[1]);
        expect(post.links).toEqual(links);
        break;
      }
      case 'preview_image_url':
        break; // images are not collected
      default:
        throw new Error(`unmapped field ${key}`);
    }
  }
}

function checkChannel(page: ParsedPage, kw: Record<string, Py>): void {
  for (const [key, v] of Object.entries(kw)) {
    if (key === 'image_url') continue; // images are not collected
    if (key === 'subscribers') expect(page.channel.subscribers).toBe(v);
    else if (key === 'username' || key === 'title' || key === 'description') expect(page.channel[key]).toBe(v);
    else if (['photos', 'videos', 'links'].includes(key)) expect(page.channel.counters[key]).toBe(v);
    else throw new Error(`unmapped field ${key}`);
  }
}

describe.skipIf(!have)('shared real-world t.me captures', () => {
  const files = have
    ? ['pages', 'tchan'].flatMap((sub) =>
        readdirSync(join(DIR, sub))
          .filter((f) => !f.endsWith('.expected.txt'))
          .map((f) => join(sub, f)),
      )
    : [];

  it('there are captures to read', () => {
    expect(files.length).toBeGreaterThan(30);
  });

  it.each(files)('%s parses without error, every post with an id and a date', (f) => {
    const page = parseChannelPage(readFileSync(join(DIR, f), 'utf8'));
    expect(page.warnings).toEqual([]);
    for (const p of page.posts) {
      expect(p.messageId).toBeGreaterThan(0);
      expect(p.postedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    }
  });

  const expected = have ? readdirSync(join(DIR, 'tchan')).filter((f) => f.endsWith('.expected.txt')) : [];
  it.each(expected)('tchan/%s: the fields it names match', (f) => {
    const html = readFileSync(join(DIR, 'tchan', f.replace('.expected.txt', '.html')), 'utf8');
    const page = parseChannelPage(html);
    const want = parsePython(readFileSync(join(DIR, 'tchan', f), 'utf8'));
    if (Array.isArray(want)) {
      expect(page.posts).toHaveLength(want.length);
      expect(page.kind).toBe('messages');
      return;
    }
    if (!isCall(want)) throw new Error('unexpected expected.txt');
    if (want.call === 'ChannelInfo') {
      checkChannel(page, want.kwargs);
      return;
    }
    expect(page.posts).toHaveLength(1);
    checkMessage(page.posts[0]!, want.kwargs);
  });

  it('the full 2020 page: 20 posts, one service message without views, both older-page cursors', () => {
    const page = parseChannelPage(readFileSync(join(DIR, 'pages', 'soufee-hashtag-subscriber_xCarier_full_2020-05.html'), 'utf8'));
    expect(page.posts).toHaveLength(20);
    expect(page.olderBefore).toBe(1491);
    const service = page.posts.filter((p) => p.isService);
    expect(service.map((p) => [p.messageId, p.views])).toEqual([[1502, null]]);
    expect(page.posts.filter((p) => !p.isService).every((p) => p.views !== null)).toBe(true);
  });

  it('landing pages: no message list; the nonexistent name is told apart', () => {
    const kind = (f: string) => parseChannelPage(readFileSync(join(DIR, 'pages', f), 'utf8')).kind;
    expect(kind('warodan-C01-landing-durov.html')).toBe('landing');
    expect(kind('warodan-A17-s-tdlibchat.html')).toBe('landing');
    expect(kind('warodan-A03-s-hanoi_chats.html')).toBe('landing');
    expect(kind('warodan-C02-landing-nonexistent.html')).toBe('not_found');
    expect(kind('warodan-A02-s-telegram.html')).toBe('messages');
  });

  it('the 2024 fragment: the &amp;amp; hrefs come out with plain &', () => {
    const page = parseChannelPage(
      readFileSync(join(DIR, 'pages', 'syndexmx-CDSirenTGSubscriptionBot_mchs_bryansk_2024-12.fragment.html'), 'utf8'),
    );
    const links = page.posts.flatMap((p) => p.links);
    expect(links.some((l) => l.includes('ok.ru'))).toBe(true);
    expect(links.filter((l) => l.includes('&amp;'))).toEqual([]);
    expect(page.posts.find((p) => p.mediaKinds.includes('album'))).toBeDefined();
    expect(page.posts.find((p) => p.forwardedFromUrl !== null)).toBeDefined();
  });

  it('the 2026 skeleton: nested text and an expandable quote stay inside the post', () => {
    const page = parseChannelPage(readFileSync(join(DIR, 'pages', 'shady2k-lifemodel_telegram-test-channel_2026-01.anonymized.html'), 'utf8'));
    expect(page.olderBefore).toBe(1001);
    const fwd = page.posts.find((p) => p.forwardedFrom !== null)!;
    expect(fwd.mediaKinds).toContain('album');
    expect(fwd.text.split('\n').length).toBeGreaterThan(5);
  });
});
