// What the bot answers, as Telegram-HTML messages. Reads the store; knows nothing about telegraf.
import { isTelegramUrl } from '../util/telegram-link.js';
import { normalizeText } from '../language/normalize.js';
import { buildDigestForDay, defaultDigestDay } from '../report/build-digest.js';
import { localTime, renderHealth, snippet, sparkline } from '../report/digest.js';
import { escapeAttr, escapeHtml, isolate, packMessages, safeHref, truncate } from '../report/telegram-html.js';
import type { Store } from '../store/store.js';
import { wordsQuery } from '../store/text-query.js';
import type { FrameInfo, FrameTagger } from '../types.js';
import { addDays, todayInZone } from '../util/day-in-zone.js';

export interface CommandEnv {
  store: Store;
  timezone: string;
  /** The tagger's frames (labels for /frames; frames with no posts yet). */
  frames?: readonly FrameInfo[];
  /** The current lexicon: the digest marks frames validated on labels (P 0.82) and the others "unvalidated". */
  tagger?: FrameTagger;
  lexiconVersion?: string;
  now?: () => Date;
  /** Extra /status lines (the daemon's schedule). */
  status?: () => string[];
}

export const BOT_COMMANDS: readonly { command: string; args: string; description: string }[] = [
  { command: 'digest', args: '[YYYY-MM-DD|today]', description: 'the daily digest (default: yesterday)' },
  { command: 'frames', args: '', description: 'frames with their posts over the last 7 days' },
  { command: 'trend', args: '<frame> [days]', description: 'daily posts of one frame (default 14 days, at most 90)' },
  { command: 'query', args: '<frame or words>', description: 'the newest posts with that frame or those words' },
  { command: 'status', args: '', description: 'collection, channel health and the last digest' },
  { command: 'help', args: '', description: 'this list' },
];

export const MAX_TREND_DAYS = 90;
const QUERY_LIMIT = 5;

/** `/name@bot args` → {name, args}; null when the text is not a command (or is for another bot). */
export function parseCommand(text: string, botUsername?: string): { name: string; args: string } | null {
  const m = /^\/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]{3,64}))?(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (!m) return null;
  if (m[2] && botUsername && m[2].toLowerCase() !== botUsername.toLowerCase()) return null;
  return { name: m[1]!.toLowerCase(), args: (m[3] ?? '').trim() };
}

function lines(...ls: string[]): string[] {
  return packMessages([ls]);
}

export function helpText(): string[] {
  return lines(
    '<b>framewatch bot</b>',
    ...BOT_COMMANDS.map((c) => `/${c.command}${c.args ? ` ${escapeHtml(c.args)}` : ''} — ${escapeHtml(c.description)}`),
  );
}

/** Runs one command; returns the reply messages (each ≤ 4096 characters, valid HTML). */
export async function runCommand(name: string, args: string, env: CommandEnv): Promise<string[]> {
  switch (name) {
    case 'start':
    case 'help':
      return helpText();
    case 'digest':
      return digestCmd(args, env);
    case 'frames':
      return framesCmd(env);
    case 'trend':
      return trendCmd(args, env);
    case 'query':
      return queryCmd(args, env);
    case 'status':
      return statusCmd(env);
    default:
      return lines(`Unknown command /${escapeHtml(name)}. Send /help for the list.`);
  }
}

function today(env: CommandEnv): string {
  return todayInZone(env.timezone, env.now?.() ?? new Date());
}

function isDay(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
}

async function digestCmd(args: string, env: CommandEnv): Promise<string[]> {
  const a = args.toLowerCase();
  let day: string;
  if (a === '' || a === 'yesterday') day = defaultDigestDay(env.timezone, env.now?.() ?? new Date());
  else if (a === 'today') day = today(env);
  else if (isDay(a)) day = a;
  else return lines(`Usage: /digest [YYYY-MM-DD|today] — “${escapeHtml(truncate(args, 40))}” is not a date.`);
  return buildDigestForDay(env.store, day, env.timezone, { now: env.now?.(), frames: env.frames, tagger: env.tagger });
}

async function allFrames(env: CommandEnv): Promise<string[]> {
  return [...new Set([...(env.frames ?? []).map((f) => f.id), ...(await env.store.knownFrames())])].sort();
}

/** Posts per frame over [from, to] (inclusive days), from the aggregates. */
async function framePosts(env: CommandEnv, from?: string, to?: string): Promise<Map<string, number>> {
  return new Map((await env.store.frameTotals({ from, to })).map((r) => [r.frame, r.posts]));
}

async function framesCmd(env: CommandEnv): Promise<string[]> {
  const t = today(env);
  const week = await framePosts(env, addDays(t, -6), t);
  const ever = await framePosts(env);
  const labels = new Map((env.frames ?? []).map((f) => [f.id, f.label]));
  const ids = (await allFrames(env)).sort((a, b) => (week.get(b) ?? 0) - (week.get(a) ?? 0) || (ever.get(b) ?? 0) - (ever.get(a) ?? 0) || (a < b ? -1 : 1));
  if (!ids.length) return lines('No frames yet: the lexicon is empty and nothing has been tagged.');
  return packMessages([
    [`<b>Frames</b> <i>(posts in the last 7 days · all time)</i>`],
    ...ids.map((id) => {
      const label = labels.get(id);
      return [`• <b>${escapeHtml(id)}</b> ${week.get(id) ?? 0} · ${ever.get(id) ?? 0}${label && label !== id ? ` — ${escapeHtml(truncate(label, 90))}` : ''}`];
    }),
  ]);
}

async function trendCmd(args: string, env: CommandEnv): Promise<string[]> {
  const [frameArg = '', daysArg, ...rest] = args.split(/\s+/).filter(Boolean);
  if (!frameArg || rest.length) return lines(`Usage: /trend &lt;frame&gt; [days] — e.g. /trend khawarij 30. Send /frames for the ids.`);
  const frame = frameArg.toLowerCase();
  if (!(await allFrames(env)).includes(frame)) return lines(`Unknown frame “${escapeHtml(truncate(frameArg, 60))}”. Send /frames for the list.`);
  let days = 14;
  if (daysArg !== undefined) {
    days = Number(daysArg);
    if (!/^\d+$/.test(daysArg) || days < 1 || days > MAX_TREND_DAYS) return lines(`Days must be a whole number from 1 to ${MAX_TREND_DAYS}.`);
  }
  const last = today(env);
  const first = addDays(last, -(days - 1));
  const byDay = new Map((await env.store.dailyFrames({ from: first, to: last, frames: [frame] })).map((r) => [r.day, r.posts]));
  const series = Array.from({ length: days }, (_, i) => addDays(first, i));
  const counts = series.map((d) => byDay.get(d) ?? 0);
  const total = counts.reduce((s, n) => s + n, 0);
  const width = String(Math.max(0, ...counts)).length;
  const spark = sparkline(counts);
  return packMessages([
    [
      `<b>${escapeHtml(frame)}</b>: ${total} post${total === 1 ? '' : 's'} in ${days} day${days === 1 ? '' : 's'} (${first} – ${last}, ${escapeHtml(env.timezone)})`,
      `<code>${spark}</code>`,
    ],
    series.map((d, i) => `<code>${d} ${String(counts[i]).padStart(width)}</code> ${Array.from(spark)[i] ?? ''}`),
  ]);
}

/** A local time that names its zone: "2026-03-15 13:30 Asia/Kabul". */
export function zonedTime(iso: string, tz: string): string {
  const t = localTime(iso, tz);
  return t ? `${t} ${tz}` : '';
}

function postLine(p: { channel: string; messageId: number; postedAt: string; lang: string; url: string | null }, tz: string): string {
  // Only the post's own Telegram link is a link: never one built from a guessed username or an imported look-alike.
  const href = p.url && isTelegramUrl(p.url) ? safeHref(p.url) : null;
  const ref = `@${escapeHtml(p.channel)}/${p.messageId}`;
  return `• ${href ? `<a href="${escapeAttr(href)}">${ref}</a>` : ref} · ${escapeHtml(p.lang)} · ${escapeHtml(zonedTime(p.postedAt, tz))}`;
}

async function queryCmd(args: string, env: CommandEnv): Promise<string[]> {
  const q = args.trim();
  if (!q) return lines('Usage: /query &lt;frame or words&gt; — e.g. /query apostasy, or /query امارت. Send /frames for the ids.');
  const frame = q.toLowerCase();
  if (/^[a-z][a-z0-9_]*$/.test(frame) && (await allFrames(env)).includes(frame)) {
    const rows = await env.store.queryPosts({ frames: [frame], limit: QUERY_LIMIT });
    if (!rows.length) return lines(`No posts with frame <b>${escapeHtml(frame)}</b> yet.`);
    return packMessages([
      [`<b>${escapeHtml(frame)}</b>: the ${rows.length} newest post${rows.length === 1 ? '' : 's'}`],
      ...rows.map((r) => {
        const hits = r.hits.filter((h) => h.frame === frame).sort((a, b) => a.start - b.start);
        const matched = [...new Set(hits.map((h) => h.matched))].slice(0, 6).map((m) => `<code>${escapeHtml(isolate(truncate(m, 40)))}</code>`);
        return [
          `${postLine({ channel: r.channel, messageId: r.id, postedAt: r.date, lang: r.lang, url: r.url }, env.timezone)}${matched.length ? ` · matched: ${matched.join(', ')}` : ''}`,
          `    <i>${escapeHtml(isolate(snippet(r.text, hits[0]?.start ?? 0, 300)))}</i>`,
        ];
      }),
    ]);
  }
  const terms = normalizeText(q).split(/\s+/).filter(Boolean);
  if (!terms.length) return lines('Nothing to search for: give a frame id or some words.');
  // Every word, quoted: what the user sent is never search syntax here.
  const hits = (await env.store.queryPosts({ text: wordsQuery(terms.slice(0, 12)), limit: QUERY_LIMIT })).map((r) => ({
    channel: r.channel,
    messageId: r.id,
    postedAt: r.date,
    lang: r.lang,
    text: r.text,
    url: r.url,
  }));
  const shown = escapeHtml(truncate(q, 60));
  if (!hits.length) return lines(`No posts contain “${shown}”.`);
  return packMessages([
    [`Posts containing “${shown}”: the ${hits.length} newest`],
    ...hits.map((h) => {
      const at = h.text.toLowerCase().indexOf(q.toLowerCase());
      return [postLine(h, env.timezone), `    <i>${escapeHtml(isolate(snippet(h.text, Math.max(0, at), 300)))}</i>`];
    }),
  ]);
}

async function statusCmd(env: CommandEnv): Promise<string[]> {
  const t = await env.store.overview();
  const out = ['<b>framewatch status</b>'];
  out.push(
    t.posts
      ? `Posts: ${t.posts} from ${t.channels} channel${t.channels === 1 ? '' : 's'} (${t.firstDay} – ${t.lastDay}, ${escapeHtml(env.timezone)})`
      : 'No posts stored yet.',
  );
  const last = await env.store.lastDigestSend();
  out.push(last ? `Last digest sent: ${last.day}, at ${escapeHtml(zonedTime(last.sentAt, env.timezone))}` : 'No digest sent yet.');
  if (env.frames) out.push(`Lexicon: ${env.frames.length} frames${env.lexiconVersion ? `, version ${escapeHtml(env.lexiconVersion)}` : ''}`);
  for (const l of env.status?.() ?? []) out.push(escapeHtml(l));
  return packMessages([out, ['', ...renderHealth(await env.store.collectionHealth(), env.timezone)]]);
}
