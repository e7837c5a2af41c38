// The digest as it is read each morning (issue 14 item 20): frame labels, top movers first and at
// most 8 frame lines, "new" instead of a percentage of almost nothing, dates on the sparkline, one
// title only, and a plain-text form for a terminal or an e-mail.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTagger } from '../../src/frames/load-tagger.js';
import { frameTrend, rankMovers, renderDigest, renderDigestText, shortDay, type DigestData } from '../../src/report/digest.js';
import { htmlProblems } from '../../src/report/telegram-html.js';
import { addDays } from '../../src/util/day-in-zone.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-store.js';

const D = '2026-03-15';
const DAYS = Array.from({ length: 14 }, (_, i) => addDays(D, i - 13));

/** 7 baseline days at `base` a day (older days too), then `today`. */
const series = (base: number, today: number) => [...Array<number>(13).fill(base), today];

const LABELS: Record<string, string> = {
  apostasy: 'Apostasy (takfir of the Taliban)',
  khawarij: 'Khawarij / deviants',
  doha_agreement: 'Doha Agreement / Qatar deal',
  puppet_foreign_agent: 'Puppet / agent / slave of foreign powers',
};

function digest(frames: { id: string; counts: number[] }[], extra: Partial<DigestData> = {}): DigestData {
  return {
    day: D,
    timezone: 'Asia/Kabul',
    generatedAt: '2026-03-16T06:00:00Z',
    dayEndsAt: '2026-03-15T19:30:00Z',
    days: DAYS,
    postsPerDay: DAYS.map(() => 40),
    langs: [
      { lang: 'pus', posts: 22 },
      { lang: 'prs', posts: 18 },
    ],
    channelsActive: 6,
    frames: frames.map((f) => ({
      frame: f.id,
      counts: f.counts,
      flaggedToday: 0,
      topChannels: f.counts.at(-1) ? [{ channel: 'almirsaad_beta', posts: f.counts.at(-1)! }] : [],
    })),
    labels: LABELS,
    examples: [
      {
        frame: 'khawarij',
        channel: 'almirsaad_beta',
        messageId: 2051,
        postedAt: '2026-03-15T08:03:00Z',
        lang: 'pus',
        text: 'خوارج د اسلام په نوم د مسلمانانو وینه تویوي؛ دا ګمراه ډله د ټول امت دښمنه ده.',
        url: 'https://t.me/almirsaad_beta/2051',
        matched: ['خوارج', 'ګمراه ډله'],
        firstHitAt: 0,
        negated: false,
        quoted: false,
      },
    ],
    health: { totalChannels: 6, byState: { ok: 5, failing: 1 }, problems: [{ username: 'broken_one', state: 'failing', lastError: 'HTTP 502 <html> & more' }], lastRun: null },
    ...extra,
  };
}

/** The frame lines (first line of each frame block) of a rendered digest. */
const frameLines = (text: string) => text.split('\n').filter((l) => /^(🔺|•|▽) <b>/.test(l));

describe('the digest, read each morning', () => {
  it('shows frame labels, not ids, in the frame lines and the examples', () => {
    const text = renderDigest(digest([{ id: 'khawarij', counts: series(2, 6) }, { id: 'apostasy', counts: series(1, 2) }])).join('\n');
    expect(text).toContain('🔺 <b>Khawarij / deviants</b> 6 · avg 2 · +4 (+200%) <b>SPIKE</b>');
    expect(text).toContain('• <b>Apostasy (takfir of the Taliban)</b> 2 · avg 1 · +1 (+100%)');
    expect(text).toContain('\n<b>Khawarij / deviants</b>\n• <a href="https://t.me/almirsaad_beta/2051">');
    expect(text).not.toMatch(/<b>(khawarij|apostasy)<\/b>/);
  });

  it('a frame without a label shows its id', () => {
    const text = renderDigest(digest([{ id: 'ttp_pakistan_dispute', counts: series(1, 3) }])).join('\n');
    expect(text).toContain('<b>ttp_pakistan_dispute</b> 3');
  });

  it('lists the top movers first, at most 8 frame lines, and the rest in one line', () => {
    const frames = [
      { id: 'steady_busy', counts: series(10, 10) }, // the busiest day, but it did not move
      { id: 'falls', counts: series(6, 0) }, // −6
      { id: 'spikes', counts: series(1, 4) }, // +3, a spike
      { id: 'rises', counts: series(5, 9) }, // +4
      ...Array.from({ length: 10 }, (_, i) => ({ id: `small_${i}`, counts: series(3, 3 + (i % 3)) })), // 0..+2, no spike
    ];
    const text = renderDigest(digest(frames)).join('\n');
    const lines = frameLines(text);
    expect(lines).toHaveLength(8);
    expect(lines.slice(0, 3).map((l) => /<b>([^<]+)<\/b>/.exec(l)![1])).toEqual(['spikes', 'falls', 'rises']);
    expect(lines[1]).toBe('▽ <b>falls</b> 0 · avg 6 · −6 (−100%)');
    expect(text).not.toContain('<b>steady_busy</b>');
    expect(lines.slice(3).map((l) => /<b>([^<]+)<\/b>/.exec(l)![1])).toEqual(['small_2', 'small_5', 'small_8', 'small_1', 'small_4']);
    expect(text).toContain('\n<i>+ 6 more frames: 26 posts that day, none moved more than ±1</i>: steady_busy 10, small_7 4, small_0 3, small_3 3, small_6 3, small_9 3\n');
    expect(rankMovers(digest(frames)).map((r) => r.frame.frame).slice(0, 4)).toEqual(['spikes', 'falls', 'rises', 'small_2']);
  });

  it('a baseline under 1 post a day gives "new", not a percentage', () => {
    expect(frameTrend(series(0.4, 3), DAYS.map(() => 1)).changePct).toBeNull();
    expect(frameTrend(series(1, 3), DAYS.map(() => 1)).changePct).toBe(200);
    const counts = [0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 1, 0, 2]; // 3 posts in the 7 days before: 0.4 a day
    const text = renderDigest(digest([{ id: 'doha_agreement', counts }, { id: 'khawarij', counts: series(1, 0) }])).join('\n');
    expect(text).toContain('• <b>Doha Agreement / Qatar deal</b> 2 · avg 0.4 · +1.6 · new\n');
    // A fall from a baseline of 1 still gets its percentage.
    expect(text).toContain('▽ <b>Khawarij / deviants</b> 0 · avg 1 · −1 (−100%)\n');
    expect(text).not.toContain('+367%');
  });

  it('puts the dates on the ends of each sparkline', () => {
    expect(shortDay('2026-03-02')).toBe('2 Mar');
    const text = renderDigest(digest([{ id: 'khawarij', counts: series(2, 6) }])).join('\n');
    expect(text).toContain('    <code>2 Mar ▃▃▃▃▃▃▃▃▃▃▃▃▃█ 15 Mar</code> <a href="https://t.me/almirsaad_beta">@almirsaad_beta</a> 6');
  });

  it('a split digest has its title once: part 2 on carries only "part k/n"', () => {
    const frames = Array.from({ length: 8 }, (_, i) => ({ id: `frame_${i}`, counts: series(1, 3 + i) }));
    const examples = Array.from({ length: 12 }, (_, i) => ({ ...digest([]).examples[0]!, frame: `frame_${i % 5}`, messageId: 3000 + i, text: 'خوارج '.repeat(60) }));
    const msgs = renderDigest(digest(frames, { examples }), { limit: 1500 });
    expect(msgs.length).toBeGreaterThan(2);
    expect(msgs[0]!.split('\n')[0]).toBe(`<b>📊 framewatch digest · ${D}</b> <i>(part 1/${msgs.length})</i>`);
    for (const [i, m] of msgs.entries()) {
      expect(m.length).toBeLessThanOrEqual(1500);
      expect(htmlProblems(m, 1500)).toEqual([]);
      expect(m.split('framewatch digest')).toHaveLength(i === 0 ? 2 : 1);
      if (i > 0) expect(m.split('\n')[0]).toBe(`<i>(part ${i + 1}/${msgs.length})</i>`);
    }
  });

  it('renders as plain text: no markup, nothing escaped, links as URLs, one piece', () => {
    const text = renderDigestText(digest([{ id: 'khawarij', counts: series(2, 6) }]));
    const lines = text.split('\n');
    expect(lines[0]).toBe(`📊 framewatch digest · ${D}`);
    expect(text).toContain('\n🔺 Khawarij / deviants 6 · avg 2 · +4 (+200%) SPIKE\n    2 Mar ▃▃▃▃▃▃▃▃▃▃▃▃▃█ 15 Mar @almirsaad_beta 6\n');
    expect(text).toContain('\n• https://t.me/almirsaad_beta/2051 · pus · 12:33 · matched: \u2068خوارج\u2069, \u2068ګمراه ډله\u2069\n');
    expect(text).toContain('• @broken_one failing: HTTP 502 <html> & more');
    expect(text).not.toMatch(/<\/?(b|i|a|code)\b|&(lt|gt|amp);/);
    expect(text.endsWith('\n')).toBe(true);
  });
});

describe('framewatch digest (CLI)', () => {
  function dbWithPosts(): string {
    const dir = tempDir();
    const file = join(dir, 'posts.jsonl');
    const posts = [
      { channel: 'almirsaad_cli', id: 1, date: '2026-03-15T05:00:00Z', text: 'د خوارجو ډله د اسلام دښمنه ده او امارت به یې ختمه کړي.' },
      // Not a hadith quote: the lexicon leaves the theological labels of scripture and scholarship out.
      { channel: 'almirsaad_cli', id: 2, date: '2026-03-15T06:00:00Z', text: 'الخوارج قتلوا المصلين في مسجد قندوز' },
      { channel: 'voice_cli', id: 9, date: '2026-03-15T07:00:00Z', text: 'The apostate Taliban betrayed the religion for dollars.' },
    ];
    writeFileSync(file, posts.map((p) => JSON.stringify(p)).join('\n'));
    const db = join(dir, 'd.sqlite');
    const r = runCli(['import', file, '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    return db;
  }

  it('prints the lexicon labels; --format text prints plain text', () => {
    const db = dbWithPosts();
    const label = loadTagger()
      .frames()
      .find((f) => f.id === 'khawarij')!.label;
    const html = runCli(['digest', '--db', db, '--date', D]);
    expect(html.code, html.stderr).toBe(0);
    expect(html.stdout).toMatch(new RegExp(`<b>${label.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}</b> 2 `));
    expect(html.stdout).not.toContain('<b>khawarij</b>');
    const text = runCli(['digest', '--db', db, '--date', D, '--format', 'text']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout.split('\n')[0]).toBe(`📊 framewatch digest · ${D}`);
    expect(text.stdout).toContain(`${label} 2 `);
    expect(text.stdout).toContain('https://t.me/almirsaad_cli/');
    expect(text.stdout).not.toMatch(/<\/?(b|i|a|code)\b/);
  });

  it.each([
    [['--format', 'pdf'], 2, '--format'],
    [['--format', 'text', '--send'], 2, '--format text is for printing'],
  ])('digest %j: exit %i, one line', (args, code, message) => {
    const r = runCli(['digest', '--db', join(tempDir(), 'x.sqlite'), '--date', D, ...args]);
    expect(r.code).toBe(code);
    expect(r.stderr).toContain(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
