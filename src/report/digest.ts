// PURE: the daily digest's numbers and its Telegram-HTML messages. No I/O; the data comes from
// load-digest.ts. Everything that comes from posts or channels is escaped here.
import { isTelegramUrl } from '../util/telegram-link.js';
import { escapeAttr, escapeHtml, isolate, packMessages, safeHref, truncate, TELEGRAM_MAX_CHARS } from './telegram-html.js';
import { localDateTime } from '../util/day-in-zone.js';
import type { CollectionHealth } from '../store/store.js';

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
  /** Frame lines, top movers first; the other frames share one summary line. */
  frameLines: 8,
  /** Under this baseline (posts a day) a rise is "new", not a percentage of almost nothing. */
  pctMinBaseline: 1,
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

export type DigestHealth = CollectionHealth;

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
  /**
   * When validation was looked up: frame id → its measured precision (validated frames only, see
   * src/review/frame-validation.ts). Frame lines then say "P 0.82" or "unvalidated".
   */
  precision?: Record<string, number>;
  examples: DigestExample[];
  health: DigestHealth;
}

export interface FrameTrend {
  today: number;
  /** Mean posts per day over the baseline days that had any collection; null = no such day. */
  baseline: number | null;
  baselineDays: number;
  change: number | null;
  /** Percentage change; null when the baseline is null or under `pctMinBaseline` posts a day. */
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
  const changePct = baseline !== null && baseline >= rules.pctMinBaseline ? ((today - baseline) / baseline) * 100 : null;
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

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * Frames ordered by how much they moved: spikes first, then the largest change against the
 * baseline (up or down; no baseline counts the day's posts), then the busier day, then id. Frames
 * with no posts that day and none in the baseline are left out.
 */
export function rankMovers(data: Pick<DigestData, 'frames' | 'postsPerDay'>): RankedFrame[] {
  // Compared as shown (one decimal), so changes that print the same fall to the busier day.
  const moved = (r: RankedFrame) => round1(Math.abs(r.trend.change ?? r.trend.today));
  return rankFrames(data)
    .filter((r) => r.trend.today > 0 || (r.trend.baseline ?? 0) > 0)
    .sort((a, b) => Number(b.trend.spike) - Number(a.trend.spike) || moved(b) - moved(a) || b.trend.today - a.trend.today);
}

const LANG_NAMES: Record<string, string> = { prs: 'Dari', pus: 'Pashto', arb: 'Arabic', eng: 'English', und: 'undetermined' };
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "26 Nov" for 2026-11-26 (the sparkline's ends). */
export function shortDay(day: string): string {
  return `${Number(day.slice(8, 10))} ${MONTHS[Number(day.slice(5, 7)) - 1] ?? day.slice(5, 7)}`;
}

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

/**
 * The few marks the digest uses, for Telegram HTML or for plain text (a terminal, an e-mail). The
 * blocks are built once with either; only HTML escapes, and plain text writes links as URLs.
 */
interface Markup {
  /** Text from posts, channels or labels. */
  text(s: string): string;
  b(s: string): string;
  i(s: string): string;
  code(s: string): string;
  channel(name: string): string;
  post(ex: PostRef & { messageId: number }): string;
}

/** Only the post's own Telegram link is shown as the post: an imported look-alike is data, not a link. */
function postHref(ex: PostRef): string | null {
  return ex.url && isTelegramUrl(ex.url) ? safeHref(ex.url) : null;
}

const HTML: Markup = {
  text: escapeHtml,
  b: (s) => `<b>${s}</b>`,
  i: (s) => `<i>${s}</i>`,
  code: (s) => `<code>${s}</code>`,
  channel: (name) => `<a href="${escapeAttr(`https://t.me/${encodeURIComponent(name)}`)}">@${escapeHtml(name)}</a>`,
  post(ex) {
    const href = postHref(ex);
    const label = `@${escapeHtml(ex.channel)}/${ex.messageId}`;
    return href ? `<a href="${escapeAttr(href)}">${label}</a>` : label;
  },
};

const TEXT: Markup = {
  text: (s) => s,
  b: (s) => s,
  i: (s) => s,
  code: (s) => s,
  channel: (name) => `@${name}`,
  post: (ex) => postHref(ex) ?? `@${ex.channel}/${ex.messageId}`,
};

/** A frame's label (its id when there is none), short enough for one line. */
function frameLabel(data: Pick<DigestData, 'labels'>, frame: string, max = 64): string {
  return truncate(data.labels?.[frame] || frame, max);
}

/** The label up to its first " / " or " (": "Khawarij" for "Khawarij / deviants". */
function shortLabel(data: Pick<DigestData, 'labels'>, frame: string): string {
  return truncate((data.labels?.[frame] || frame).split(/ \/ | \(/)[0]!, 32);
}

function frameLine(data: DigestData, { frame, trend }: RankedFrame, m: Markup): string[] {
  const R = DIGEST_RULES;
  const parts = [`${trend.today}`];
  if (trend.baseline === null) parts.push('no baseline');
  else {
    parts.push(`avg ${fmtNum(round1(trend.baseline))}`);
    const change = fmtSigned(round1(trend.change!));
    if (trend.changePct !== null) parts.push(`${change} (${fmtSigned(Math.round(trend.changePct))}%)`);
    else parts.push(trend.today > trend.baseline ? `${change} · new` : change);
  }
  if (frame.flaggedToday > 0) parts.push(`${frame.flaggedToday} negated/quoted`);
  if (data.precision) {
    const p = data.precision[frame.frame];
    parts.push(p === undefined ? m.i('unvalidated') : `P ${p.toFixed(2)}`);
  }
  const mark = trend.spike ? '🔺' : trend.change !== null && trend.change < 0 ? '▽' : '•';
  const top = frame.topChannels
    .slice(0, R.topChannels)
    .map((c) => `${m.channel(c.channel)} ${c.posts}`)
    .join(', ');
  const first = data.days[0] ?? data.day;
  const spark = `${shortDay(first)} ${sparkline(frame.counts, data.postsPerDay)} ${shortDay(data.day)}`;
  return [
    `${mark} ${m.b(m.text(frameLabel(data, frame.frame)))} ${parts.join(' · ')}${trend.spike ? ` ${m.b('SPIKE')}` : ''}`,
    `    ${m.code(spark)}${top ? ` ${top}` : ''}`,
  ];
}

/** One line for the frames after the top movers: how many, their posts, how little they moved. */
function restLine(data: DigestData, rest: readonly RankedFrame[], m: Markup): string {
  const posts = rest.reduce((a, r) => a + r.trend.today, 0);
  const moved = Math.max(...rest.map((r) => Math.abs(r.trend.change ?? r.trend.today)));
  const names = rest
    .filter((r) => r.trend.today > 0)
    .sort((a, b) => b.trend.today - a.trend.today)
    .map((r) => `${shortLabel(data, r.frame.frame)} ${r.trend.today}`)
    .join(', ');
  const head = `+ ${rest.length} more frame${rest.length === 1 ? '' : 's'}: ${posts} post${posts === 1 ? '' : 's'} that day, none moved more than ±${fmtNum(round1(moved))}`;
  return `${m.i(m.text(head))}${names ? `: ${m.text(truncate(names, 240))}` : ''}`;
}

/** The digest as blocks of lines (lines that belong together), in either markup. */
function digestBlocks(data: DigestData, m: Markup): string[][] {
  const R = DIGEST_RULES;
  const blocks: string[][] = [];
  const total = data.langs.reduce((s, l) => s + l.posts, 0);
  const running = Date.parse(data.generatedAt) < Date.parse(data.dayEndsAt);
  const first = data.days[0] ?? data.day;

  blocks.push([
    `${m.b(`📊 framewatch digest · ${m.text(data.day)}`)}${running ? ` ${m.i('(day not over yet: partial)')}` : ''}`,
    m.i(`Day in ${m.text(data.timezone)}; trends over ${m.text(first)} – ${m.text(data.day)}`),
  ]);

  const langLine = data.langs.length ? data.langs.map((l) => `${m.text(LANG_NAMES[l.lang] ?? l.lang)} ${l.posts}`).join(' · ') : '';
  blocks.push([
    '',
    total > 0
      ? `${m.b(`Posts collected: ${total}`)} from ${data.channelsActive} channel${data.channelsActive === 1 ? '' : 's'}`
      : m.b('No posts collected on this day.'),
    ...(langLine ? [langLine] : []),
  ]);

  const movers = rankMovers(data);
  if (movers.length) {
    blocks.push([
      '',
      `${m.b('Frames')} ${m.i(
        m.text(
          `(top movers first: posts that day vs ${R.baselineDays}-day average; 🔺 spike = ≥ ${R.spikeFactor}× average and ≥ ${R.spikeMinPosts} posts; "new" = average under ${R.pctMinBaseline} a day` +
            `${data.precision ? '; P = precision measured on your labels, "unvalidated" = too few labels' : ''})`,
        ),
      )}`,
    ]);
    for (const r of movers.slice(0, R.frameLines)) blocks.push(frameLine(data, r, m));
    const rest = movers.slice(R.frameLines);
    if (rest.length) blocks.push([restLine(data, rest, m)]);
  } else if (total > 0) {
    blocks.push(['', m.i(`No frame matched in the last ${R.sparkDays} days.`)]);
  }

  if (data.examples.length) {
    blocks.push(['', m.b('Examples')]);
    const byFrame = new Map<string, DigestExample[]>();
    for (const ex of data.examples) byFrame.set(ex.frame, [...(byFrame.get(ex.frame) ?? []), ex]);
    for (const [frame, list] of byFrame) {
      const lines = [m.b(m.text(frameLabel(data, frame, 80)))];
      for (const ex of list) {
        const flags = [ex.negated ? 'negated' : '', ex.quoted ? 'quoted' : ''].filter(Boolean).join(', ');
        const matched = ex.matched
          .slice(0, 6)
          .map((t) => m.code(m.text(isolate(truncate(t, 40)))))
          .join(', ');
        lines.push(
          `• ${m.post(ex)} · ${m.text(ex.lang)} · ${m.text(localTime(ex.postedAt, data.timezone, data.day))}` +
            `${matched ? ` · matched: ${matched}` : ''}${flags ? ` ${m.i(`(${flags})`)}` : ''}`,
        );
        lines.push(`    ${m.i(m.text(isolate(snippet(ex.text, ex.firstHitAt))))}`);
      }
      blocks.push(lines);
    }
  }

  blocks.push(['', ...healthLines(data.health, data.timezone, m)]);
  return blocks;
}

export interface RenderOptions {
  limit?: number;
}

/**
 * The digest as Telegram-HTML messages, each at most `limit` (4096) UTF-16 units and valid on its
 * own. The first carries the title (with "part 1/n" when split); later parts only "part k/n".
 */
export function renderDigest(data: DigestData, opts: RenderOptions = {}): string[] {
  const messages = packMessages(digestBlocks(data, HTML), {
    limit: opts.limit ?? TELEGRAM_MAX_CHARS,
    header: (k, n) => (k === 1 ? null : `<i>(part ${k}/${n})</i>`),
  });
  if (messages.length > 1) {
    const [title, ...rest] = messages[0]!.split('\n');
    messages[0] = [`${title} <i>(part 1/${messages.length})</i>`, ...rest].join('\n');
  }
  return messages;
}

/** The digest as plain text, one piece (a terminal, an e-mail): no markup, links as URLs. */
export function renderDigestText(data: DigestData): string {
  return `${digestBlocks(data, TEXT)
    .map((b) => b.join('\n'))
    .join('\n')
    .trim()}\n`;
}

const STATE_TEXT: Record<string, string> = {
  failing: 'failing',
  not_found: 'not found',
  no_preview: 'no public preview',
};

/** The collection-health lines in Telegram HTML (the digest and the bot's /status). */
export function renderHealth(h: DigestHealth, timezone: string): string[] {
  return healthLines(h, timezone, HTML);
}

function healthLines(h: DigestHealth, timezone: string, m: Markup): string[] {
  const lines = [m.b('Collection health')];
  if (h.lastRun) {
    const when = localTime(h.lastRun.finishedAt ?? h.lastRun.startedAt, timezone);
    lines.push(`Last collection run #${h.lastRun.id}: ${m.text(h.lastRun.status)}, ${h.lastRun.finishedAt ? 'finished' : 'started'} ${m.text(when)}`);
  } else {
    lines.push(m.i('No collection run recorded (posts came from imports).'));
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
  // A last run that was interrupted or failed is a problem too, even when every channel is ok.
  const runTrouble = h.lastRun !== null && h.lastRun !== undefined && (h.lastRun.status === 'interrupted' || h.lastRun.status === 'failed');
  lines.push(`${h.problems.length || runTrouble ? '⚠️' : '✅'} ${summary.join(' · ')}`);
  for (const c of h.problems.slice(0, DIGEST_RULES.healthList)) {
    const err = c.lastError ? `: ${m.text(truncate(c.lastError.replace(/\s+/g, ' '), 160))}` : '';
    lines.push(`• ${m.channel(c.username)} ${m.text(STATE_TEXT[c.state] ?? c.state)}${err}`);
  }
  if (h.problems.length > DIGEST_RULES.healthList) lines.push(`• … and ${h.problems.length - DIGEST_RULES.healthList} more`);
  return lines;
}
