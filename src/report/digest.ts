// PURE: the daily digest's numbers and its Telegram-HTML messages. No I/O; the data comes from
// store/digest-queries.ts. Everything that comes from posts or channels is escaped here.
import { escapeAttr, escapeHtml, isolate, packMessages, safeHref, truncate, TELEGRAM_MAX_CHARS } from './telegram-html.js';
import { localDateTime } from '../util/day-in-zone.js';

/** The spike rule and windows, stated once (docs/digest-and-bot.md repeats them). */
export const DIGEST_RULES = {
  /** Days before the digest day that make the baseline. */
  baselineDays: 7,
  /** Days the sparkline covers, ending with the digest day. */
  sparkDays: 14,
  /** Spike: posts that day >= factor × baseline ... */
  spikeFactor: 2,
  /** ... and at least this many posts that day. */
  spikeMinPosts: 3,
  /** Frames that get example posts: the top N of the day, plus every spiking frame, at most maxExampleFrames. */
  exampleFrames: 3,
  maxExampleFrames: 5,
  examplesPerFrame: 2,
  topChannels: 3,
  /** Unhealthy channels listed by name; the rest are counted. */
  healthList: 15,
} as const;

export interface ChannelCount {
  channel: string;
  posts: number;
}

export interface DigestFrame {
  frame: string;
  /** Posts per day over `DigestData.days` (oldest first; the last one is the digest day). */
  counts: number[];
  /** Of the digest day's posts, those whose every hit is negated or quoted. */
  flaggedToday: number;
  /** Channels with the most posts of this frame on the digest day. */
  topChannels: ChannelCount[];
}

/** A post as the digest and the bot show it: where it is, when, and its text. */
export interface PostRef {
  channel: string;
  messageId: number;
  postedAt: string;
  lang: string;
  text: string;
  url: string | null;
}

export interface DigestExample extends PostRef {
  frame: string;
  /** Surface forms that matched, in text order, de-duplicated. */
  matched: string[];
  /** Offset of the first hit (UTF-16) in text, to centre the snippet. */
  firstHitAt: number;
  negated: boolean;
  quoted: boolean;
}

export interface HealthChannel {
  username: string;
  state: string;
  lastError: string | null;
}

export interface DigestHealth {
  totalChannels: number;
  byState: Record<string, number>;
  /** Channels failing, not found or without a web preview. */
  problems: HealthChannel[];
  lastRun: { id: number; startedAt: string; finishedAt: string | null; status: string } | null;
}

export interface DigestData {
  day: string;
  timezone: string;
  /** When the digest is built (ISO); decides whether the day is still running. */
  generatedAt: string;
  /** UTC instant the next day starts (the digest day is over after it). */
  dayEndsAt: string;
  /** The sparkline window: `DIGEST_RULES.sparkDays` days ending with `day`, oldest first. */
  days: string[];
  /** All posts collected per day of `days` (0 = nothing collected that day). */
  postsPerDay: number[];
  langs: { lang: string; posts: number }[];
  channelsActive: number;
  frames: DigestFrame[];
  /** Frame id → human label (optional). */
  labels?: Record<string, string>;
  examples: DigestExample[];
  health: DigestHealth;
}

export interface FrameTrend {
  today: number;
  /** Mean posts per day over the baseline days that had any collection; null = no such day. */
  baseline: number | null;
  baselineDays: number;
  change: number | null;
  /** Percentage change; null when the baseline is null or 0. */
  changePct: number | null;
  spike: boolean;
}

/**
 * Today's count against the average of the `baselineDays` days before it. Days on which nothing at
 * all was collected (collector down, channels not yet added) are left out of the average, so an
 * outage does not fake a spike the day collection resumes.
 */
export function frameTrend(counts: readonly number[], postsPerDay: readonly number[], rules = DIGEST_RULES): FrameTrend {
  const n = counts.length;
  const today = counts[n - 1] ?? 0;
  let sum = 0;
  let days = 0;
  for (let i = Math.max(0, n - 1 - rules.baselineDays); i < n - 1; i++) {
    if ((postsPerDay[i] ?? 0) > 0) {
      sum += counts[i] ?? 0;
      days++;
    }
  }
  const baseline = days > 0 ? sum / days : null;
  const change = baseline === null ? null : today - baseline;
  const changePct = baseline ? ((today - baseline) / baseline) * 100 : null;
  const spike = baseline !== null && today >= rules.spikeMinPosts && today >= rules.spikeFactor * baseline;
  return { today, baseline, baselineDays: days, change, changePct, spike };
}

const BARS = '▁▂▃▄▅▆▇█';

/**
 * One bar per day scaled to the series maximum. Zero is always ▁ and any non-zero day is at least ▂,
 * so "a few" never looks like "none". Days with nothing collected at all show as ·.
 */
export function sparkline(values: readonly number[], postsPerDay?: readonly number[]): string {
  const max = Math.max(0, ...values);
  return values
    .map((v, i) => {
      if (postsPerDay && (postsPerDay[i] ?? 0) === 0 && v === 0) return '·';
      if (v <= 0 || max === 0) return BARS[0];
      return BARS[Math.max(1, Math.round((v / max) * (BARS.length - 1)))];
    })
    .join('');
}

export interface RankedFrame {
  frame: DigestFrame;
  trend: FrameTrend;
}

/** Frames ordered for the digest: most posts that day first, then the larger baseline, then id. */
export function rankFrames(data: Pick<DigestData, 'frames' | 'postsPerDay'>): RankedFrame[] {
  return data.frames
    .map((frame) => ({ frame, trend: frameTrend(frame.counts, data.postsPerDay) }))
    .sort(
      (a, b) =>
        b.trend.today - a.trend.today ||
        (b.trend.baseline ?? 0) - (a.trend.baseline ?? 0) ||
        (a.frame.frame < b.frame.frame ? -1 : a.frame.frame > b.frame.frame ? 1 : 0),
    );
}

/** The frames that get example posts: the day's top frames plus every spike (capped). */
export function pickExampleFrames(ranked: readonly RankedFrame[], rules = DIGEST_RULES): string[] {
  const withPosts = ranked.filter((r) => r.trend.today > 0);
  const out = withPosts.slice(0, rules.exampleFrames).map((r) => r.frame.frame);
  for (const r of withPosts) if (r.trend.spike && !out.includes(r.frame.frame)) out.push(r.frame.frame);
  return out.slice(0, rules.maxExampleFrames);
}

const LANG_NAMES: Record<string, string> = { prs: 'Dari', pus: 'Pashto', arb: 'Arabic', eng: 'English', und: 'undetermined' };

function fmtNum(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

function fmtSigned(n: number): string {
  const s = fmtNum(Math.abs(n));
  return n > 0 ? `+${s}` : n < 0 ? `−${s}` : '±0';
}

/** HH:MM (and the date when it differs from `day`) of an instant in the time zone. */
export function localTime(iso: string, timezone: string, day?: string): string {
  if (Number.isNaN(Date.parse(iso))) return '';
  const [date, time] = localDateTime(iso, timezone).split('T') as [string, string];
  return day === date ? time : `${date} ${time}`;
}

/** A window of the text around the first hit, on one line. */
export function snippet(text: string, at: number, max = 220): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  // Offsets refer to the original text; re-find the position after flattening whitespace.
  const before = text.slice(0, Math.max(0, at)).replace(/\s+/g, ' ').trimStart();
  const pos = Math.min(before.length, flat.length);
  const cps = Array.from(flat);
  if (cps.length <= max) return flat;
  // Code-point index of pos.
  let cpPos = 0;
  for (let u = 0; cpPos < cps.length && u < pos; cpPos++) u += cps[cpPos]!.length;
  let start = Math.max(0, cpPos - Math.floor(max / 4));
  if (start > 0) {
    const space = cps.slice(start, cpPos).indexOf(' ');
    if (space >= 0) start += space + 1;
  }
  const end = Math.min(cps.length, start + max);
  return `${start > 0 ? '…' : ''}${cps.slice(start, end).join('').trim()}${end < cps.length ? '…' : ''}`;
}

function channelLink(channel: string): string {
  return `<a href="${escapeAttr(`https://t.me/${encodeURIComponent(channel)}`)}">@${escapeHtml(channel)}</a>`;
}

function postLink(ex: DigestExample): string {
  const href = safeHref(ex.url) ?? safeHref(`https://t.me/${encodeURIComponent(ex.channel)}/${ex.messageId}`);
  const label = `@${escapeHtml(ex.channel)}/${ex.messageId}`;
  return href ? `<a href="${escapeAttr(href)}">${label}</a>` : label;
}

export interface RenderOptions {
  limit?: number;
}

/** The digest as Telegram-HTML messages, each at most `limit` (4096) UTF-16 units and valid on its own. */
export function renderDigest(data: DigestData, opts: RenderOptions = {}): string[] {
  const R = DIGEST_RULES;
  const blocks: string[][] = [];
  const total = data.langs.reduce((s, l) => s + l.posts, 0);
  const running = Date.parse(data.generatedAt) < Date.parse(data.dayEndsAt);
  const first = data.days[0] ?? data.day;

  blocks.push([
    `<b>📊 framewatch digest · ${escapeHtml(data.day)}</b>${running ? ' <i>(day not over yet: partial)</i>' : ''}`,
    `<i>Day in ${escapeHtml(data.timezone)}; trends over ${escapeHtml(first)} – ${escapeHtml(data.day)}</i>`,
  ]);

  const langLine = data.langs.length
    ? data.langs.map((l) => `${escapeHtml(LANG_NAMES[l.lang] ?? l.lang)} ${l.posts}`).join(' · ')
    : '';
  blocks.push([
    '',
    total > 0
      ? `<b>Posts collected: ${total}</b> from ${data.channelsActive} channel${data.channelsActive === 1 ? '' : 's'}`
      : '<b>No posts collected on this day.</b>',
    ...(langLine ? [langLine] : []),
  ]);

  const all = rankFrames(data);
  // Frames with posts that day get a block; the ones that went quiet share one line.
  const ranked = all.filter((r) => r.trend.today > 0);
  const quiet = all
    .filter((r) => r.trend.today === 0 && (r.trend.baseline ?? 0) > 0)
    .sort((a, b) => (b.trend.baseline ?? 0) - (a.trend.baseline ?? 0));
  if (ranked.length || quiet.length) {
    blocks.push([
      '',
      `<b>Frames</b> <i>(posts that day vs ${R.baselineDays}-day average; 🔺 spike = ≥ ${R.spikeFactor}× average and ≥ ${R.spikeMinPosts} posts)</i>`,
    ]);
    for (const { frame, trend } of ranked) {
      const parts = [`${trend.today}`];
      if (trend.baseline === null) parts.push('no baseline');
      else {
        parts.push(`avg ${fmtNum(Math.round(trend.baseline * 10) / 10)}`);
        const pct = trend.changePct === null ? '' : ` (${fmtSigned(Math.round(trend.changePct))}%)`;
        parts.push(`${fmtSigned(Math.round(trend.change! * 10) / 10)}${pct}`);
      }
      if (frame.flaggedToday > 0) parts.push(`${frame.flaggedToday} negated/quoted`);
      const mark = trend.spike ? '🔺' : trend.change !== null && trend.change < 0 ? '▽' : '•';
      const top = frame.topChannels
        .slice(0, R.topChannels)
        .map((c) => `${channelLink(c.channel)} ${c.posts}`)
        .join(', ');
      blocks.push([
        `${mark} <b>${escapeHtml(frame.frame)}</b> ${parts.join(' · ')}${trend.spike ? ' <b>SPIKE</b>' : ''}`,
        `    <code>${sparkline(frame.counts, data.postsPerDay)}</code>${top ? ` ${top}` : ''}`,
      ]);
    }
    if (quiet.length) {
      blocks.push([
        `▽ <i>No posts that day (7-day average):</i> ${quiet
          .map((r) => `<b>${escapeHtml(r.frame.frame)}</b> ${fmtNum(Math.round(r.trend.baseline! * 10) / 10)}`)
          .join(', ')}`,
      ]);
    }
  } else if (total > 0) {
    blocks.push(['', '<i>No frame matched in the last 14 days.</i>']);
  }

  if (data.examples.length) {
    blocks.push(['', '<b>Examples</b>']);
    const byFrame = new Map<string, DigestExample[]>();
    for (const ex of data.examples) byFrame.set(ex.frame, [...(byFrame.get(ex.frame) ?? []), ex]);
    for (const [frame, list] of byFrame) {
      const label = data.labels?.[frame];
      const lines = [`<b>${escapeHtml(frame)}</b>${label && label !== frame ? ` <i>${escapeHtml(truncate(label, 80))}</i>` : ''}`];
      for (const ex of list) {
        const flags = [ex.negated ? 'negated' : '', ex.quoted ? 'quoted' : ''].filter(Boolean).join(', ');
        const matched = ex.matched
          .slice(0, 6)
          .map((m) => `<code>${escapeHtml(isolate(truncate(m, 40)))}</code>`)
          .join(', ');
        lines.push(
          `• ${postLink(ex)} · ${escapeHtml(ex.lang)} · ${escapeHtml(localTime(ex.postedAt, data.timezone, data.day))}` +
            `${matched ? ` · matched: ${matched}` : ''}${flags ? ` <i>(${flags})</i>` : ''}`,
        );
        lines.push(`    <i>${escapeHtml(isolate(snippet(ex.text, ex.firstHitAt)))}</i>`);
      }
      blocks.push(lines);
    }
  }

  blocks.push(['', ...renderHealth(data.health, data.timezone)]);

  return packMessages(blocks, {
    limit: opts.limit ?? TELEGRAM_MAX_CHARS,
    header: (k, n) => `<i>framewatch digest ${escapeHtml(data.day)} · part ${k}/${n}</i>`,
  });
}

const STATE_TEXT: Record<string, string> = {
  failing: 'failing',
  not_found: 'not found',
  no_preview: 'no public preview',
};

export function renderHealth(h: DigestHealth, timezone: string): string[] {
  const lines = ['<b>Collection health</b>'];
  if (h.lastRun) {
    const when = localTime(h.lastRun.finishedAt ?? h.lastRun.startedAt, timezone);
    lines.push(`Last collection run #${h.lastRun.id}: ${escapeHtml(h.lastRun.status)}, ${h.lastRun.finishedAt ? 'finished' : 'started'} ${escapeHtml(when)}`);
  } else {
    lines.push('<i>No collection run recorded (posts came from imports).</i>');
  }
  if (h.totalChannels === 0) {
    lines.push('No channels yet.');
    return lines;
  }
  if (!h.lastRun && h.problems.length === 0) {
    lines.push(`${h.totalChannels} channel${h.totalChannels === 1 ? '' : 's'}, none collected by framewatch yet.`);
    return lines;
  }
  const ok = h.byState.ok ?? 0;
  const fresh = h.byState.new ?? 0;
  const summary = [`${h.totalChannels} channel${h.totalChannels === 1 ? '' : 's'}`, `${ok} ok`];
  for (const s of ['failing', 'not_found', 'no_preview'] as const) if (h.byState[s]) summary.push(`${h.byState[s]} ${STATE_TEXT[s]}`);
  if (fresh) summary.push(`${fresh} not collected yet`);
  lines.push(`${h.problems.length ? '⚠️' : '✅'} ${summary.join(' · ')}`);
  for (const c of h.problems.slice(0, DIGEST_RULES.healthList)) {
    const err = c.lastError ? `: ${escapeHtml(truncate(c.lastError.replace(/\s+/g, ' '), 160))}` : '';
    lines.push(`• ${channelLink(c.username)} ${escapeHtml(STATE_TEXT[c.state] ?? c.state)}${err}`);
  }
  if (h.problems.length > DIGEST_RULES.healthList) lines.push(`• … and ${h.problems.length - DIGEST_RULES.healthList} more`);
  return lines;
}
