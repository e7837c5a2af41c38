import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  fixHref,
  parseChannelPage,
  parseCount,
  toIncomingPost,
  type ParsedPost,
} from '../../src/collect/parse-channel-page.js';

const FIX = join(import.meta.dirname, '..', 'fixtures', 'tme');
const read = (f: string) => readFileSync(join(FIX, f), 'utf8');

describe('parseChannelPage on a full page (kabul_voice-latest.html)', () => {
  const page = parseChannelPage(read('kabul_voice-latest.html'));
  const byId = new Map(page.posts.map((p) => [p.messageId, p]));
  const post = (id: number): ParsedPost => {
    const p = byId.get(id);
    if (!p) throw new Error(`post ${id} missing`);
    return p;
  };

  it('recognises a complete message list with its cursors and channel info', () => {
    expect(page.kind).toBe('messages');
    expect(page.hasMessageList).toBe(true);
    expect(page.complete).toBe(true);
    expect(page.olderBefore).toBe(3401);
    expect(page.channel).toEqual({
      username: 'kabul_voice',
      title: 'Kabul Voice | صدای کابل',
      description: 'خبرهای تازه از کابل و ولایات\nDaily news from Kabul and the provinces\n\nتماس: @kv_contact_bot',
      subscribers: 12400,
      counters: { photos: 1100, videos: 318, links: 95 },
    });
  });

  it('keeps page order and the gaps of deleted or grouped ids', () => {
    expect(page.posts.map((p) => p.messageId)).toEqual([
      3401, 3402, 3403, 3404, 3405, 3407, 3410, 3411, 3412, 3413, 3414, 3415, 3416, 3417, 3418, 3419, 3420, 3421,
      3422, 3423,
    ]);
    expect(page.warnings).toEqual([]);
  });

  it('reads dates as ISO UTC and views with K/M suffixes', () => {
    expect(post(3401).postedAt).toBe('2024-05-11T05:42:10.000Z');
    expect(post(3401).views).toBe(1200);
    expect(post(3402).views).toBe(24_000_000);
    expect(post(3403).views).toBe(15_300);
    expect(post(3410).views).toBe(980);
    expect(post(3422).views).toBe(1000);
  });

  it('keeps line breaks and reads Dari, Pashto and Arabic text', () => {
    expect(post(3401).text).toBe(
      'امروز در شهر کابل نشست بزرگ بزرگان قومی برگزار شد.\nشرکت‌کنندگان بر ضرورت همبستگی ملی و آرامش تأکید کردند.\n\n#کابل',
    );
    expect(post(3402).text.split('\n')).toHaveLength(2);
    expect(post(3402).text).toContain('د ننګرهار په ولایت کې');
    expect(post(3403).text).toBe(
      'أعلنت وزارة الخارجية صباح اليوم عن جولة جديدة من المشاورات في الدوحة.\nويأمل الطرفان في التوصل إلى تفاهم قبل نهاية الشهر الجاري.',
    );
  });

  it("takes the bubble's own text, never the quoted reply", () => {
    expect(post(3404).text).toBe(
      "Follow-up: the elders' gathering closed with a joint statement.\nThe full statement will be published tonight.",
    );
    expect(post(3404).replyTo).toBe(3401);
    expect(post(3420).text).toBe('تصحيح: صدر البيان مساء أمس وليس صباح اليوم.');
    expect(post(3420).replyTo).toBe(3413);
  });

  it('reads forwarded-from with a link, and as a bare name', () => {
    expect(post(3403)).toMatchObject({
      forwardedFrom: 'Doha Briefing',
      forwardedFromUrl: 'https://t.me/doha_briefing/812',
      forwardedFromUsername: 'doha_briefing',
      forwardedFromPostId: 812,
    });
    expect(post(3412)).toMatchObject({ forwardedFrom: 'عبدالواحد', forwardedFromUrl: null, forwardedFromUsername: null });
    expect(post(3401).forwardedFrom).toBeNull();
  });

  it('reads the edited flag and the signature', () => {
    expect(post(3402)).toMatchObject({ edited: true, signature: null });
    expect(post(3404)).toMatchObject({ edited: false, signature: 'Ahmad R.' });
    expect(post(3419)).toMatchObject({ edited: true, signature: 'Desk editor' });
    expect(post(3401).edited).toBe(false);
  });

  it('recognises service messages: no views, no links', () => {
    expect(post(3405)).toMatchObject({ isService: true, views: null, links: [], mediaKinds: [] });
    expect(post(3405).text).toContain('pinned «');
    expect(page.posts.filter((p) => p.isService).map((p) => p.messageId)).toEqual([3405]);
  });

  it.each([
    [3401, ['photo']],
    [3402, ['video']],
    [3403, []],
    [3407, ['album', 'photo', 'video']],
    [3410, ['poll']],
    [3411, ['link_preview']],
    [3413, ['document']],
    [3414, ['voice']],
    [3415, ['sticker']],
    [3416, ['round_video']],
    [3417, ['location']],
    [3418, ['audio']],
    [3421, ['video']],
    [3422, ['other']],
  ])('post %i has media kinds %j', (id, kinds) => {
    expect(post(id).mediaKinds).toEqual(kinds);
  });

  it('reads a link preview and undoes the &amp;amp; href bug', () => {
    const fixed = 'https://reliefwatch.example.org/report?id=77&lang=en&src=tg';
    expect(post(3411).linkPreview).toEqual({
      url: fixed,
      title: 'Aid convoys reach Kunar after two-week delay',
      description: 'Trucks carrying food and medicine crossed into the province on Friday, officials said.',
      siteName: 'Relief Watch',
    });
    expect(post(3411).links).toEqual([fixed]);
  });

  it('collects outbound links: text anchors, hashtags, location, URL buttons', () => {
    expect(post(3423).links).toEqual([
      'https://t.me/s/kabul_voice?q=%23%DA%A9%D8%A7%D8%A8%D9%84',
      'https://t.me/s/kabul_voice?q=%23%D8%B3%DA%93%DA%A9%D9%88%D9%86%D9%87',
      'https://kabulvoice.example/live',
    ]);
    expect(post(3417).links).toEqual(['https://maps.google.com/maps?q=34.5553,69.2075&ll=34.5553,69.2075&z=16']);
    expect(post(3419).links).toEqual(['https://t.me/doha_briefing']);
  });

  it('renders emoji, nbsp and block quotes as a reader sees them', () => {
    expect(post(3419).text).toBe(
      '🔴 BREAKING: Talks resume in Doha\n\nWe are ready for a lasting agreement, the delegation head said.\nMore at @doha_briefing',
    );
  });

  it('reads the album caption from its nested text block and the poll apart from the text', () => {
    expect(post(3407).text).toBe('تصاویر از بازار میوه‌فروشان در غرب کابل؛ قیمت‌ها نسبت به هفتهٔ گذشته کاهش یافته است.');
    expect(post(3410).text).toBe('');
    expect(post(3410).poll).toEqual({ question: 'ایا تاسو د ښوونځیو د بیا پرانیستلو ملاتړ کوئ؟', options: ['هو', 'نه'] });
  });

  it('maps to IncomingPost with the configured channel name, lower-cased', () => {
    const inc = toIncomingPost(post(3403), 'Kabul_Voice');
    expect(inc).toMatchObject({
      channel: 'kabul_voice',
      messageId: 3403,
      postedAt: '2024-05-11T09:01:33.000Z',
      views: 15300,
      forwardedFrom: 'Doha Briefing',
      forwardedFromUrl: 'https://t.me/doha_briefing/812',
      permalink: 'https://t.me/kabul_voice/3403',
      isService: false,
      source: 'collect',
    });
  });
});

describe('pages that are not a message list', () => {
  it('a landing page means no public preview, with the channel facts it shows', () => {
    const p = parseChannelPage(read('landing-no-preview.html'));
    expect(p).toMatchObject({ kind: 'landing', hasMessageList: false, posts: [] });
    expect(p.channel).toMatchObject({ username: 'herat_circle', title: 'Herat Circle', subscribers: 4310 });
  });

  it('the "Contact @name" page means the name does not exist', () => {
    const p = parseChannelPage(read('landing-not-found.html'));
    expect(p).toMatchObject({ kind: 'not_found', hasMessageList: false });
    expect(p.channel).toMatchObject({ username: 'nobody_here_42', title: null, description: null });
  });

  it('"No posts found" is an empty message list', () => {
    const p = parseChannelPage(read('empty-history.html'));
    expect(p).toMatchObject({ kind: 'messages', posts: [], olderBefore: null, complete: true });
  });

  it('a page cut short is not complete, and a post without its date is reported', () => {
    const html = read('kabul_voice-latest.html');
    const cut = html.slice(0, html.indexOf('data-post="kabul_voice/3419"') + 200);
    const p = parseChannelPage(cut);
    expect(p.complete).toBe(false);
    expect(p.posts.at(-1)?.messageId).toBe(3419);
    expect(p.posts.at(-1)?.postedAt).toBeNull();
    expect(p.warnings).toContain('post kabul_voice/3419 has no date');
    expect(toIncomingPost(p.posts.at(-1)!, 'kabul_voice')).toBeNull();
  });

  it.each([['', 'unknown'], ['<html><body><h1>502 Bad Gateway</h1></body></html>', 'unknown']])(
    'odd input %j parses without throwing',
    (html, kind) => {
      expect(parseChannelPage(html).kind).toBe(kind);
    },
  );
});

describe('parseCount', () => {
  it.each([
    ['1.2K', 1200],
    ['24M', 24_000_000],
    ['436.6K', 436_600],
    ['3.1M', 3_100_000],
    ['980', 980],
    ['1,234', 1234],
    ['11 110 268', 11_110_268],
    ['1.5B', 1_500_000_000],
    ['', null],
    ['views', null],
  ])('%j → %j', (raw, n) => {
    expect(parseCount(raw)).toBe(n);
  });
});

describe('fixHref', () => {
  it.each([
    ['https://a.example/x?a=1&amp;b=2', 'https://a.example/x?a=1&b=2'],
    ['https://a.example/x?a=1&amp;amp;b=2', 'https://a.example/x?a=1&b=2'],
    ['https://a.example/x?a=1&b=2', 'https://a.example/x?a=1&b=2'],
  ])('%s', (raw, fixed) => {
    expect(fixHref(raw)).toBe(fixed);
  });
});
