// A t.me/s/<channel> web-preview page with 20 posts, shaped like the real thing (head meta, channel
// header, bubble SVGs, photos, forwards, replies, link previews, emoji, views, dates), so the parse
// figure sees a realistic amount of markup (~100 KB per page).
import type { BenchPost } from './corpus.js';
import { mulberry32 } from './corpus.js';

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const hex = (rnd: () => number, n: number): string => {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let s = '';
  for (let i = 0; i < n; i++) s += abc[Math.floor(rnd() * abc.length)];
  return s;
};

const BUBBLE_TAIL = `
        <i class="tgme_widget_message_bubble_tail">
      <svg class="bubble_icon" width="9px" height="20px" viewBox="0 0 9 20">
        <g fill="none">
          <path class="background" fill="#ffffff" d="M8,1 L9,1 L9,20 L8,20 L8,18 C7.8,15.2 7.1,12.2 5.9,9.2 C5.0,6.9 3.5,4.7 1.3,2.7 C0.9,2.4 0.9,1.7 1.3,1.3 C1.5,1.1 1.7,1 2,1 L8,1 Z"></path>
          <path class="border_1x" fill="#d7e3ec" d="M9,1 L2,1 C1.7,1 1.5,1.1 1.3,1.3 C0.9,1.7 0.9,2.4 1.3,2.7 C3.5,4.7 5.0,6.9 5.9,9.2 C7.1,12.2 7.8,15.2 8,18 L8,20 L9,20 L9,1 Z"></path>
          <path class="border_2x" d="M9,1 L2,1 C1.7,1 1.5,1.1 1.3,1.3 C0.9,1.7 0.9,2.4 1.3,2.7 C3.5,4.7 5.0,6.9 5.9,9.2 C7.1,12.2 7.8,15.2 8,18 L8,20 L9,20 L9,1 Z M2,0.5 L9,0.5 L9,20 L7.5,20"></path>
          <path class="border_3x" d="M9,1 L2,1 C1.7,1 1.5,1.1 1.3,1.3 C0.9,1.7 0.9,2.4 1.3,2.7 C3.5,4.7 5.0,6.9 5.9,9.2 C7.1,12.2 7.8,15.2 8,18 L8,20 L9,20 L9,1 Z M2,0.6 L9,0.6 L9,20 L7.6,20"></path>
        </g>
      </svg>
    </i>`;

function textHtml(text: string, rnd: () => number): string {
  // Sentences on their own lines, some bold, hashtags and t.me links as anchors, emoji as <i class="emoji">.
  return text
    .split(/(?<=[.!?؟])\s+/u)
    .map((sentence) =>
      sentence
        .split(' ')
        .map((w) => {
          if (/^https?:\/\//.test(w)) {
            return `<a href="${esc(w)}" target="_blank" rel="noopener" onclick="return confirm('Open this link?\\n\\n'+this.href);">${esc(w)}</a>`;
          }
          if (w.startsWith('#')) return `<a href="?q=${encodeURIComponent(w)}">${esc(w)}</a>`;
          if (/\p{Extended_Pictographic}/u.test(w)) {
            return `<i class="emoji" style="background-image:url('//telegram.org/img/emoji/40/F09F8FB4.png')"><b>${w}</b></i>`;
          }
          return rnd() < 0.04 ? `<b>${esc(w)}</b>` : esc(w);
        })
        .join(' '),
    )
    .join('<br/>');
}

function messageHtml(channel: string, title: string, p: BenchPost, i: number, rnd: () => number): string {
  const id = p.messageId;
  const photo = i % 3 === 0;
  const forwarded = i % 7 === 3;
  const reply = i % 5 === 2;
  const preview = i % 6 === 4;
  const views = p.views ?? 0;
  const viewsText = views >= 1000 ? `${(views / 1000).toFixed(1)}K` : String(views);
  const time = p.postedAt.replace(/\.\d{3}Z$/, '+00:00');
  return `<div class="tgme_widget_message_wrap js-widget_message_wrap"><div class="tgme_widget_message text_not_supported_wrap js-widget_message" data-post="${channel}/${id}" data-view="${hex(rnd, 86)}">
  <div class="tgme_widget_message_user"><a href="https://t.me/${channel}"><i class="tgme_widget_message_user_photo bgcolor1" data-content="${esc(title[0] ?? 'C')}"><img src="https://cdn4.telesco.pe/file/${hex(rnd, 340)}.jpg"></i></a></div>
  <div class="tgme_widget_message_bubble">
${BUBBLE_TAIL}
    <div class="tgme_widget_message_author accent_color"><a class="tgme_widget_message_owner_name" href="https://t.me/${channel}"><span dir="auto">${esc(title)}</span></a></div>
${forwarded ? `    <div class="tgme_widget_message_forwarded_from accent_color">Forwarded from <a class="tgme_widget_message_forwarded_from_name" href="https://t.me/origin_${i}/${id + 100}"><span dir="auto">Origin ${i}</span></a></div>\n` : ''}${reply ? `    <a class="tgme_widget_message_reply" href="https://t.me/${channel}/${id - 1}"><div class="tgme_widget_message_author accent_color"><span class="tgme_widget_message_author_name" dir="auto">${esc(title)}</span></div><div class="tgme_widget_message_metatext js-message_reply_text" dir="auto">${esc(p.text.slice(0, 60))}</div></a>\n` : ''}${photo ? `    <a class="tgme_widget_message_photo_wrap ${hex(rnd, 16)} ${hex(rnd, 16)}" href="https://t.me/${channel}/${id}" style="width:800px;background-image:url('https://cdn4.telesco.pe/file/${hex(rnd, 340)}.jpg')"><div class="tgme_widget_message_photo" style="padding-top:56.25%"></div></a>\n` : ''}    <div class="tgme_widget_message_text js-message_text" dir="auto">${textHtml(p.text, rnd)}</div>
${preview ? `    <a class="tgme_widget_message_link_preview" href="https://example.org/news/${id}"><i class="link_preview_right_image" style="background-image:url('https://cdn4.telesco.pe/file/${hex(rnd, 200)}.jpg')"></i><div class="link_preview_site_name accent_color" dir="auto">Example News</div><div class="link_preview_title" dir="auto">Report ${id}</div><div class="link_preview_description" dir="auto">${esc(p.text.slice(0, 120))}</div></a>\n` : ''}    <div class="tgme_widget_message_footer compact js-message_footer">
      <div class="tgme_widget_message_info short js-message_info">
        <span class="tgme_widget_message_views">${viewsText}</span><span class="copyonly"> views</span><span class="tgme_widget_message_meta">${i % 9 === 5 ? '<span class="tgme_widget_message_meta">edited&nbsp;</span>' : ''}<a class="tgme_widget_message_date" href="https://t.me/${channel}/${id}"><time datetime="${time}" class="time">${time.slice(11, 16)}</time></a></span>
      </div>
    </div>
  </div>
</div></div>`;
}

/** One page: `posts` (20 for the benchmark) of one channel, oldest first as t.me lists them. */
export function channelPageHtml(channel: string, posts: readonly BenchPost[], seed = 1): string {
  const rnd = mulberry32(seed);
  const title = `Bench Channel ${channel.slice(-3)}`;
  const first = posts[0]?.messageId ?? 1;
  const last = posts[posts.length - 1]?.messageId ?? 1;
  const msgs = posts.map((p, i) => messageHtml(channel, title, p, i, rnd)).join('');
  return `<!DOCTYPE html>
<html>
  <head>
    <meta charset="utf-8">
    <title>${esc(title)} – Telegram</title>
    <meta name="viewport" content="width=device-width, initial-scale=1.0, minimum-scale=1.0, maximum-scale=1.0, user-scalable=no" />
    <meta name="format-detection" content="telephone=no" />
<meta property="og:title" content="${esc(title)}">
<meta property="og:image" content="https://cdn4.telesco.pe/file/${hex(rnd, 340)}.jpg">
<meta property="og:site_name" content="Telegram">
<meta property="og:description" content="Benchmark channel ${esc(channel)}">
<meta property="al:android:url" content="tg://resolve?domain=${channel}">
<meta name="twitter:card" content="summary">
    <link rel="prev" href="/s/${channel}?before=${first}">
<link rel="canonical" href="/s/${channel}?before=${last + 1}">
    <script>window.matchMedia&&window.matchMedia('(prefers-color-scheme: dark)').matches&&document.documentElement.classList.add('theme_dark');</script>
    <link href="//telegram.org/css/font-roboto.css?1" rel="stylesheet" type="text/css">
    <link href="//telegram.org/css/widget-frame.css?71" rel="stylesheet" media="screen">
    <link href="//telegram.org/css/telegram-web.css?40" rel="stylesheet" media="screen">
    <style>.tgme_widget_message_bubble{min-width:120px}</style>
  </head>
  <body class="widget_frame_base tgme_webpreview emoji_image tgme_webpreview_channel">
    <header class="tgme_header search_collapsed">
      <div class="tgme_header_search"><form class="tgme_header_search_form" action="" method="get"><input class="tgme_header_search_form_input js-header_search" placeholder="Search" name="q" autocomplete="off"></form></div>
      <div class="tgme_header_right_column"><a class="tgme_header_link" href="https://t.me/s/${channel}"><div class="tgme_header_title">${esc(title)}</div><div class="tgme_header_counter">12.4K subscribers</div></a></div>
    </header>
    <main class="tgme_main">
      <section class="tgme_right_column">
        <div class="tgme_channel_info">
          <div class="tgme_channel_info_header">
            <i class="tgme_page_photo_image bgcolor1" data-content="B"><img src="https://cdn4.telesco.pe/file/${hex(rnd, 340)}.jpg"></i>
            <div class="tgme_channel_info_header_title"><span dir="auto">${esc(title)}</span></div>
            <div class="tgme_channel_info_header_username"><a href="https://t.me/${channel}">@${channel}</a></div>
          </div>
          <div class="tgme_channel_info_description">Benchmark channel<br/>${esc(channel)}</div>
          <div class="tgme_channel_info_counters">
            <div class="tgme_channel_info_counter"><span class="counter_value">12.4K</span> <span class="counter_type">subscribers</span></div>
            <div class="tgme_channel_info_counter"><span class="counter_value">3.1K</span> <span class="counter_type">photos</span></div>
            <div class="tgme_channel_info_counter"><span class="counter_value">402</span> <span class="counter_type">videos</span></div>
            <div class="tgme_channel_info_counter"><span class="counter_value">1.2K</span> <span class="counter_type">links</span></div>
          </div>
        </div>
      </section>
      <section class="tgme_channel_history js-message_history">
      <div class="tgme_widget_message_centered js-messages_more_wrap"><a href="/s/${channel}?before=${first}" class="tme_messages_more js-messages_more" data-before="${first}"></a></div>${msgs}
      </section>
    </main>
    <script src="//telegram.org/js/jquery.min.js"></script>
    <script src="//telegram.org/js/widget-frame.js?66"></script>
    <script>TWidgetMessage.init();</script>
  </body>
</html>
`;
}
