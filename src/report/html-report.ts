// Pure renderer: ReportData → one self-contained HTML page. Charts are inline SVG and CSS drawn
// here; no script, no external resource, and a Content-Security-Policy that forbids any fetch.
// Every string that comes from posts or channels is escaped; post text keeps its direction
// (dir/lang per post, bidi isolation for names and terms inside left-to-right lines).
import { isTelegramUrl } from '../util/telegram-link.js';
import type { ExamplePost, LangCount, ReportData } from './report-data.js';
import type { Lang } from '../types.js';

export interface FrameLabel {
  label?: string;
  definition?: string;
  actor?: string;
}

export interface HtmlReportOptions {
  /** ISO time the report was made (passed in so the renderer stays pure). */
  generatedAt: string;
  timezone?: string;
  title?: string;
  /** Labels and definitions from the lexicons, when available. */
  frameInfo?: Record<string, FrameLabel>;
  /** Validation was looked up: frames without a band are marked "unvalidated". */
  markValidation?: boolean;
}

const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#79706e'];

const LANG_NAMES: Record<Lang, string> = { prs: 'Dari', pus: 'Pashto', arb: 'Arabic', eng: 'English', und: 'undetermined' };
const LANG_COLORS: Record<Lang, string> = { prs: '#4e79a7', pus: '#59a14f', arb: '#e15759', eng: '#f28e2b', und: '#bab0ac' };
/** BCP 47 tags browsers know (fonts, shaping, hyphenation). */
const HTML_LANG: Record<Lang, string> = { prs: 'fa-AF', pus: 'ps', arb: 'ar', eng: 'en', und: 'und' };
const DIR: Record<Lang, 'rtl' | 'ltr' | 'auto'> = { prs: 'rtl', pus: 'rtl', arb: 'rtl', eng: 'ltr', und: 'auto' };

// C0 controls other than tab/newline/CR are not allowed in HTML text.
const BAD_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(BAD_CHARS, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const esc = escapeHtml;

function fmt(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function pct(n: number, total: number): string {
  return total > 0 ? `${((100 * n) / total).toFixed(n * 1000 < total ? 1 : 0)}%` : '–';
}

function isLangKey(l: string): l is Lang {
  return l in LANG_NAMES;
}

function langName(l: string): string {
  return isLangKey(l) ? LANG_NAMES[l] : l;
}

function langColor(l: string): string {
  return isLangKey(l) ? LANG_COLORS[l] : '#bab0ac';
}

/** Only a post's own Telegram link becomes an href: an imported look-alike stays text. */
function safeUrl(url: string | null): string | null {
  return url && isTelegramUrl(url) ? url : null;
}

/** A whole-number axis: about five steps of 1, 2 or 5 × 10^k up to a max at or above `v`. */
export function axisTicks(v: number): { max: number; step: number } {
  if (v <= 0) return { max: 1, step: 1 };
  const raw = v / 5;
  const exp = 10 ** Math.floor(Math.log10(raw));
  let step = 10 * exp;
  for (const k of [1, 2, 5, 10]) {
    if (k * exp >= raw) {
      step = k * exp;
      break;
    }
  }
  step = Math.max(1, step);
  return { max: Math.ceil(v / step) * step, step };
}

function frameName(id: string, info?: Record<string, FrameLabel>): string {
  return info?.[id]?.label ?? id;
}

// ---------------------------------------------------------------- volume (small multiples)

/**
 * One small panel per frame, all on the same vertical scale (a line chart of 8 frames is a tangle).
 * Buckets in which nothing at all was collected (no post from any channel) are gaps in every line,
 * shaded grey: "nothing collected" is not "frame absent".
 */
function volumePanels(data: ReportData, colorOf: (f: string) => { color: string }, info?: Record<string, FrameLabel>, markValidation = false): string {
  const { buckets, series, allPosts } = data.volume;
  const n = buckets.length;
  if (series.length === 0 || n === 0) {
    return `<figure class="chart" id="volume-chart"><p class="note">no frame posts in this range</p></figure>`;
  }
  // A panel is about 340 CSS pixels wide: this viewBox keeps its 12-unit text readable.
  const W = 360;
  const H = 140;
  const m = { l: 34, r: 12, t: 8, b: 24 };
  const pw = W - m.l - m.r;
  const ph = H - m.t - m.b;
  // The scale holds the estimated bands of validated frames too.
  const top = (s: (typeof series)[number]) => [...s.values, ...(s.band?.high ?? [])].reduce((b, v) => Math.max(b, v), 0);
  const { max, step } = axisTicks(series.reduce((a, s) => Math.max(a, top(s)), 0));
  const x = (i: number) => m.l + (n <= 1 ? pw / 2 : (i * pw) / (n - 1));
  const y = (v: number) => m.t + ph - (v / max) * ph;
  const label = (b: string) => (data.interval === 'month' ? b.slice(0, 7) : b);
  const gap = (i: number) => (allPosts[i] ?? 0) === 0;
  const gaps = buckets.filter((_, i) => gap(i)).length;

  // What every panel shares: the scale, the dates, the grey bands of the gaps.
  const frame: string[] = ['<g class="axes" font-size="12" fill="#555">'];
  const half = n <= 1 ? pw / 2 : pw / (n - 1) / 2;
  for (let i = 0; i < n; i++) {
    if (!gap(i)) continue;
    let j = i;
    while (j + 1 < n && gap(j + 1)) j++; // one band per run of gaps
    const x0 = Math.max(m.l, x(i) - half);
    const x1 = Math.min(W - m.r, x(j) + half);
    const span = i === j ? label(buckets[i]!) : `${label(buckets[i]!)} – ${label(buckets[j]!)}`;
    frame.push(
      `<rect class="gap" data-from="${esc(buckets[i]!)}" data-to="${esc(buckets[j]!)}" x="${x0.toFixed(1)}" y="${m.t}" width="${(x1 - x0).toFixed(1)}" height="${ph}" fill="#ececec"><title>${esc(span)}: nothing collected</title></rect>`,
    );
    i = j;
  }
  for (let v = 0; v <= max; v += step) {
    const yy = y(v).toFixed(1);
    frame.push(`<line x1="${m.l}" x2="${W - m.r}" y1="${yy}" y2="${yy}" stroke="#e3e3e3"/>`);
    frame.push(`<text class="tick" x="${m.l - 6}" y="${yy}" text-anchor="end" dominant-baseline="middle">${fmt(v)}</text>`);
  }
  frame.push(`<line x1="${m.l}" x2="${W - m.r}" y1="${m.t + ph}" y2="${m.t + ph}" stroke="#999"/>`);
  const ticks = [...new Set([0, Math.floor((n - 1) / 2), n - 1])];
  for (const i of ticks) {
    const anchor = n <= 1 ? 'middle' : i === 0 ? 'start' : i === n - 1 ? 'end' : 'middle';
    frame.push(`<text x="${x(i).toFixed(1)}" y="${m.t + ph + 17}" text-anchor="${anchor}">${esc(label(buckets[i]!))}</text>`);
  }
  frame.push('</g>');
  const axes = frame.join('');

  const markers = n <= 60;
  const panels = series.map((s) => {
    const { color } = colorOf(s.frame);
    // The line breaks at every gap: one sub-path per run of collected buckets.
    const runs: number[][] = [];
    s.values.forEach((_, i) => {
      if (gap(i)) return;
      if (i === 0 || gap(i - 1)) runs.push([]);
      runs[runs.length - 1]!.push(i);
    });
    const d = runs.map((run) => run.map((i, k) => `${k === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(s.values[i]!).toFixed(1)}`).join(' ')).join(' ');
    // A validated frame's estimated true volume: its 95% band, shaded under the observed line.
    const b = s.band;
    const band = b
      ? runs
          .map((run) => {
            const pts = [...run.map((i) => `${x(i).toFixed(1)},${y(b.high[i]!).toFixed(1)}`), ...[...run].reverse().map((i) => `${x(i).toFixed(1)},${y(b.low[i]!).toFixed(1)}`)];
            return `<polygon class="band" points="${pts.join(' ')}" fill="${color}" fill-opacity="0.2" stroke="none"><title>${esc(frameName(s.frame, info))}: estimated true posts, 95% interval (precision ${b.precision.toFixed(2)}, recall ${b.recall.toFixed(2)}, from ${b.labels} labels)</title></polygon>`;
          })
          .join('')
      : '';
    const points = runs
      .flatMap((run) => (markers || run.length === 1 ? run : []))
      .map(
        (i) =>
          `<circle class="point" cx="${x(i).toFixed(1)}" cy="${y(s.values[i]!).toFixed(1)}" r="2.5" fill="${color}"><title>${esc(frameName(s.frame, info))} · ${esc(label(buckets[i]!))}: ${fmt(s.values[i]!)}</title></circle>`,
      )
      .join('');
    const total = s.values.reduce((a, b) => a + b, 0);
    return (
      `<div class="panel" data-series="${esc(s.frame)}">` +
      `<h3><span class="swatch" style="background:${color}"></span><bdi>${esc(frameName(s.frame, info))}</bdi> <span class="num">${fmt(total)}</span></h3>` +
      (b
        ? `<p class="validated" title="validated on ${b.labels} labels; shaded: estimated true posts, 95% interval">P ${b.precision.toFixed(2)} · R ${b.recall.toFixed(2)} (${b.labels} labels) · band: true posts</p>`
        : markValidation
          ? '<p class="unvalidated" title="too few labels for an estimate: framewatch review sample">unvalidated: no band</p>'
          : '') +
      `<svg viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="${esc(frameName(s.frame, info))}: posts per ${esc(data.interval)}" xmlns="http://www.w3.org/2000/svg">${axes}` +
      band +
      `<g class="series" data-series="${esc(s.frame)}" data-total="${total}"><title>${esc(frameName(s.frame, info))}: ${fmt(total)} posts</title>` +
      (d ? `<path class="series-line" d="${d}" fill="none" stroke="${color}" stroke-width="2" stroke-linejoin="round"/>` : '') +
      `${points}</g></svg></div>`
    );
  });
  const caption =
    `Posts per ${esc(data.interval)}, one panel per frame, all on the same scale (0–${fmt(max)}).` +
    (gaps ? ` Grey: ${gaps} ${esc(data.interval)}${gaps === 1 ? '' : 's'} with nothing collected at all, left as gaps (not zeros).` : '') +
    (series.some((s) => s.band)
      ? ' Shaded: the estimated true volume of frames validated on your labels (observed × precision / recall, 95% interval by posterior simulation); frames without enough labels get no band.'
      : '');
  return `<figure class="chart" id="volume-chart"><div class="panels">${panels.join('')}</div><figcaption class="note">${caption}</figcaption></figure>`;
}

// ---------------------------------------------------------------- language mix (stacked bars)

/** Languages always in this order (legend and every bar), whatever their counts: bars compare at a glance. */
const LANG_ORDER: readonly string[] = ['prs', 'pus', 'arb', 'eng', 'und'];

function byLangOrder(a: string, b: string): number {
  const ia = LANG_ORDER.indexOf(a);
  const ib = LANG_ORDER.indexOf(b);
  return (ia < 0 ? LANG_ORDER.length : ia) - (ib < 0 ? LANG_ORDER.length : ib) || (a < b ? -1 : a > b ? 1 : 0);
}

function stackRow(label: string, key: string, counts: LangCount[]): string {
  const total = counts.reduce((a, c) => a + c.posts, 0);
  const segs = [...counts]
    .sort((a, b) => byLangOrder(a.lang, b.lang))
    .filter((c) => c.posts > 0)
    .map((c) => {
      const w = total ? (100 * c.posts) / total : 0;
      return `<span class="seg" data-lang="${esc(c.lang)}" style="width:${w.toFixed(2)}%;background:${langColor(c.lang)}" title="${esc(langName(c.lang))}: ${fmt(c.posts)} (${pct(c.posts, total)})">${w >= 9 ? esc(pct(c.posts, total)) : ''}</span>`;
    })
    .join('');
  return `<div class="stack-row" data-frame="${esc(key)}"><div class="stack-label"><bdi>${esc(label)}</bdi> <span class="num">${fmt(total)}</span></div><div class="stack">${segs}</div></div>`;
}

function langSection(data: ReportData, info?: Record<string, FrameLabel>): string {
  const langs = [...new Set([...data.langMix.overall.map((l) => l.lang), ...Object.values(data.langMix.byFrame).flat().map((l) => l.lang)])].sort(
    byLangOrder,
  );
  const legend = langs
    .map((l) => `<li class="legend-item" data-lang="${esc(l)}"><span class="swatch" style="background:${langColor(l)}"></span>${esc(langName(l))} <code>${esc(l)}</code></li>`)
    .join('');
  const rows = [
    stackRow('All posts', '*', data.langMix.overall),
    ...data.frames.map((f) => stackRow(frameName(f, info), f, data.langMix.byFrame[f] ?? [])),
  ];
  return `<figure class="chart" id="lang-chart"><ul class="legend">${legend}</ul>${rows.join('')}</figure>`;
}

// ---------------------------------------------------------------- top channels

function channelSection(data: ReportData, colorOf: (f: string) => { color: string }, info?: Record<string, FrameLabel>): string {
  const cards = data.frames.map((f) => {
    const list = data.topChannels[f] ?? [];
    const max = Math.max(1, ...list.map((c) => c.posts));
    const rows = list
      .map(
        (c) =>
          `<tr class="channel-row"><td class="ch"><bdi>@${esc(c.channel)}</bdi></td>` +
          `<td class="barcell"><span class="bar" style="width:${((100 * c.posts) / max).toFixed(1)}%;background:${colorOf(f).color}"></span></td>` +
          `<td class="num">${fmt(c.posts)}</td></tr>`,
      )
      .join('');
    return `<div class="card" data-frame="${esc(f)}"><h3><bdi>${esc(frameName(f, info))}</bdi></h3><table class="channels">${rows || '<tr><td>no posts</td></tr>'}</table></div>`;
  });
  return `<div class="cards" id="channel-chart">${cards.join('')}</div>`;
}

// ---------------------------------------------------------------- co-occurrence (heatmap)

function coocSection(data: ReportData, info?: Record<string, FrameLabel>): string {
  const fs = data.frames;
  if (fs.length < 2) return '<p class="note">Co-occurrence needs at least two frames.</p>';
  const head = fs.map((f) => `<th scope="col"><bdi>${esc(frameName(f, info))}</bdi></th>`).join('');
  const body = fs
    .map((rowF, i) => {
      const rowTotal = data.cooccurrence[i]?.[i] ?? 0;
      const cells = fs
        .map((colF, j) => {
          const n = data.cooccurrence[i]?.[j] ?? 0;
          if (i === j) return `<td class="cooc-cell diag" data-row="${esc(rowF)}" data-col="${esc(colF)}" title="${esc(rowF)}: ${fmt(n)} posts">${fmt(n)}</td>`;
          const share = rowTotal ? n / rowTotal : 0;
          const alpha = Math.min(1, Math.sqrt(share)).toFixed(3);
          const dark = share > 0.3;
          return (
            `<td class="cooc-cell" data-row="${esc(rowF)}" data-col="${esc(colF)}" data-count="${n}" ` +
            `style="background:rgba(225,87,89,${alpha});${dark ? 'color:#fff' : ''}" ` +
            `title="${fmt(n)} posts have both; ${pct(n, rowTotal)} of the ${esc(rowF)} posts">${n ? fmt(n) : ''}</td>`
          );
        })
        .join('');
      return `<tr><th scope="row"><bdi>${esc(frameName(rowF, info))}</bdi></th>${cells}</tr>`;
    })
    .join('');
  return (
    `<div class="scroll"><table class="cooc" id="cooc-chart"><thead><tr><th></th>${head}</tr></thead><tbody>${body}</tbody></table></div>` +
    '<p class="note">Each cell counts the posts tagged with both frames; its colour is the share of the row frame\'s posts (diagonal: posts with the frame).</p>'
  );
}

// ---------------------------------------------------------------- example posts

const MAX_TEXT = 1500;

/** The post text with its hits marked; offsets are UTF-16 indices into the original text. */
export function markHits(text: string, hits: { start: number; end: number; frame: string; negated: boolean; quoted: boolean }[]): string {
  let cut = text.length > MAX_TEXT ? MAX_TEXT : text.length;
  if (cut < text.length && /[\uDC00-\uDFFF]/.test(text[cut] ?? '')) cut--; // do not split a surrogate pair
  const shown = text.slice(0, cut);
  const sorted = hits
    .filter((h) => Number.isInteger(h.start) && Number.isInteger(h.end) && h.start >= 0 && h.end > h.start && h.end <= cut)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let pos = 0;
  for (const h of sorted) {
    if (h.start < pos) continue; // overlaps the previous mark
    const flags = [h.negated ? 'negated' : '', h.quoted ? 'quoted' : ''].filter(Boolean);
    out += esc(shown.slice(pos, h.start));
    out += `<mark class="hit${flags.length ? ' flagged' : ''}" data-frame="${esc(h.frame)}" title="${esc(h.frame)}${flags.length ? ` (${flags.join(', ')})` : ''}">${esc(shown.slice(h.start, h.end))}</mark>`;
    pos = h.end;
  }
  out += esc(shown.slice(pos));
  return cut < text.length ? `${out}…` : out;
}

function examplePost(p: ExamplePost, info?: Record<string, FrameLabel>): string {
  const lang = isLangKey(p.lang) ? p.lang : 'und';
  const url = safeUrl(p.url);
  const frames = p.frames.map((f) => `<span class="tag"><bdi>${esc(frameName(f, info))}</bdi></span>`).join(' ');
  const link = url ? `<a href="${esc(url)}" rel="noreferrer noopener">${esc(url)}</a>` : '';
  return (
    `<article class="post" data-frame="${esc(p.frame)}" data-lang="${esc(lang)}">` +
    `<div class="post-meta"><bdi class="ch">@${esc(p.channel)}</bdi> · <time datetime="${esc(p.date)}">${esc(p.date.slice(0, 16).replace('T', ' '))} UTC</time>` +
    ` · ${esc(langName(lang))}${p.flagged ? ' · <span class="flag">negated/quoted</span>' : ''} · ${frames}</div>` +
    `<p class="post-text" dir="${DIR[lang]}" lang="${HTML_LANG[lang]}">${markHits(p.text, p.hits)}</p>` +
    (link ? `<div class="post-link">${link}</div>` : '') +
    '</article>'
  );
}

function exampleSection(data: ReportData, info?: Record<string, FrameLabel>): string {
  if (!data.examples.length) return '<p class="note">No tagged posts in this range.</p>';
  return data.frames
    .map((f) => {
      const posts = data.examples.filter((e) => e.frame === f);
      if (!posts.length) return '';
      const def = info?.[f]?.definition;
      return (
        `<div class="examples" data-frame="${esc(f)}"><h3><bdi>${esc(frameName(f, info))}</bdi> <code>${esc(f)}</code></h3>` +
        (def ? `<p class="def">${esc(def)}</p>` : '') +
        posts.map((p) => examplePost(p, info)).join('') +
        '</div>'
      );
    })
    .join('');
}

// ---------------------------------------------------------------- page

function frameTable(data: ReportData, colorOf: (f: string) => { color: string }, info?: Record<string, FrameLabel>): string {
  if (!data.allFrames.length) return '';
  const shown = new Set(data.frames);
  const rows = data.allFrames
    .map(
      (f) =>
        `<tr${shown.has(f.id) ? '' : ' class="dim"'}><td>${shown.has(f.id) ? `<span class="swatch" style="background:${colorOf(f.id).color}"></span>` : ''}<code>${esc(f.id)}</code></td>` +
        `<td><bdi>${esc(info?.[f.id]?.label ?? '')}</bdi></td><td class="num">${fmt(f.posts)}</td><td class="num">${pct(f.posts, data.totalPosts)}</td><td class="num">${fmt(f.flagged)}</td></tr>`,
    )
    .join('');
  return `<table class="frames"><thead><tr><th>frame</th><th>label</th><th>posts</th><th>of all posts</th><th>negated/quoted</th></tr></thead><tbody>${rows}</tbody></table>`;
}

const CSS = `
:root{--fg:#1d1d1f;--muted:#666;--line:#e3e3e3;--bg:#fff;--card:#fafafa}
*{box-sizing:border-box}
body{margin:0;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Naskh Arabic","DejaVu Sans",sans-serif;color:var(--fg);background:var(--bg)}
main{max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}h3{font-size:15px;margin:0 0 8px}
.meta{color:var(--muted);margin:0}
.summary{display:flex;gap:24px;flex-wrap:wrap;margin:16px 0}
.summary div{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:8px 14px}
.summary b{display:block;font-size:20px}
nav a{margin-right:12px}
.num{text-align:right;font-variant-numeric:tabular-nums;color:var(--muted)}
figure{margin:0}
.panels{display:grid;grid-template-columns:repeat(auto-fill,minmax(340px,1fr));gap:10px 16px}
.panel h3{font-size:13px;margin:0;font-weight:600;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
figcaption{margin-top:6px}
.legend{list-style:none;padding:0;margin:8px 0;display:flex;flex-wrap:wrap;gap:6px 16px}
.legend-item{display:flex;align-items:center;gap:6px}
.swatch{display:inline-block;width:14px;height:10px;border-radius:2px;vertical-align:middle;margin-right:4px}
bdi,.ch,.tag{unicode-bidi:isolate}
.stack-row{display:grid;grid-template-columns:220px 1fr;gap:8px;align-items:center;margin:4px 0}
.stack-label{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.stack{display:flex;height:20px;background:#f0f0f0;border-radius:3px;overflow:hidden}
.seg{display:block;height:100%;color:#fff;font-size:11px;line-height:20px;text-align:center;overflow:hidden;white-space:nowrap}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(320px,1fr));gap:12px}
.card{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:10px 12px}
table{border-collapse:collapse}
.channels{width:100%}.channels td{padding:2px 4px}.channels .ch{white-space:nowrap;width:40%}
.barcell{width:45%}.bar{display:block;height:10px;border-radius:2px;min-width:2px}
.scroll{overflow-x:auto}
.cooc th,.cooc td{border:1px solid var(--line);padding:4px 8px;text-align:center;min-width:56px}
.cooc thead th{font-weight:600;font-size:12px}.cooc tbody th{text-align:left;white-space:nowrap}
.cooc .diag{background:#f0f0f0;font-weight:600}
.frames td,.frames th{padding:3px 10px;border-bottom:1px solid var(--line);text-align:left}.frames .dim{color:#999}
.note{color:var(--muted);font-size:12px}
.examples{margin:16px 0}.def{color:var(--muted);margin:0 0 8px}
.post{border:1px solid var(--line);border-radius:6px;padding:10px 14px;margin:8px 0;background:var(--card)}
.post-meta{color:var(--muted);font-size:12px;direction:ltr}
.post-text{font-size:16px;line-height:1.8;margin:6px 0;white-space:pre-wrap;overflow-wrap:anywhere}
.post-text[lang="ar"],.post-text[lang="fa-AF"],.post-text[lang="ps"]{font-family:"Noto Naskh Arabic","Noto Sans Arabic","DejaVu Sans",serif;font-size:18px}
.post-link{font-size:12px;overflow-wrap:anywhere}
mark.hit{background:#ffe08a;border-radius:2px;padding:0 1px}
.validated,.unvalidated{font-size:12px;margin:0 0 2px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.validated{color:#2a6f2a}
.unvalidated{color:#888;font-style:italic}
mark.hit.flagged{background:#e0e0e0;text-decoration:line-through}
.tag{background:#eef;border-radius:3px;padding:0 4px}
.flag{color:#a33}
footer{color:var(--muted);font-size:12px;margin-top:40px}
@media print{nav{display:none}}
`;

/** One self-contained HTML page. */
export function renderHtmlReport(data: ReportData, opts: HtmlReportOptions): string {
  const info = opts.frameInfo;
  // Each frame keeps its colour in every section (panel, table, channel bars).
  const colors = new Map(data.frames.map((f, i) => [f, { color: PALETTE[i % PALETTE.length]! }]));
  const colorOf = (f: string) => colors.get(f) ?? { color: '#999' };
  const title = opts.title ?? 'framewatch report';
  const range = data.from && data.to ? `${data.from} – ${data.to}` : 'no data';
  const tagged = data.allFrames.length;
  const hidden = data.allFrames.length - data.allFrames.filter((f) => data.frames.includes(f.id)).length;
  return `<!doctype html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<meta name="referrer" content="no-referrer">
<title>${esc(title)} · ${esc(range)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<header>
<h1>${esc(title)}</h1>
<p class="meta">${esc(range)} (days in ${esc(opts.timezone ?? 'the configured time zone')}) · generated ${esc(opts.generatedAt)}</p>
<div class="summary">
<div><b>${fmt(data.totalPosts)}</b>posts</div>
<div><b>${fmt(data.channels)}</b>channels</div>
<div><b>${fmt(tagged)}</b>frames with posts</div>
<div><b>${fmt(data.volume.buckets.length)}</b>${esc(data.interval)}s</div>
</div>
${data.notes.map((n) => `<p class="note">Note: ${esc(n)}.</p>`).join('\n')}
<nav><a href="#volume">Volume</a><a href="#languages">Languages</a><a href="#channels">Channels</a><a href="#cooccurrence">Co-occurrence</a><a href="#examples">Examples</a></nav>
</header>
<section id="volume">
<h2>Frame volume over time</h2>
${volumePanels(data, colorOf, info, opts.markValidation ?? false)}
${data.interval !== 'day' && data.volume.buckets.length > 1 ? `<p class="note">${data.interval === 'week' ? 'Weeks start on Monday. ' : ''}The first and last ${esc(data.interval)} count only the days inside the range, so they can look low.</p>` : ''}
${hidden > 0 ? `<p class="note">${hidden} more frame(s) with fewer posts are not drawn; see the table below or use --frame.</p>` : ''}
${frameTable(data, colorOf, info)}
</section>
<section id="languages">
<h2>Language mix</h2>
${langSection(data, info)}
</section>
<section id="channels">
<h2>Top channels per frame</h2>
${channelSection(data, colorOf, info)}
</section>
<section id="cooccurrence">
<h2>Frame co-occurrence</h2>
${coocSection(data, info)}
</section>
<section id="examples">
<h2>Example posts</h2>
${exampleSection(data, info)}
</section>
<footer>Counts come from the daily aggregates (a post with two frames counts for each). Posts are quoted as collected; highlighted words are the lexicon matches (struck through: negated or quoted).</footer>
</main>
</body>
</html>
`;
}
