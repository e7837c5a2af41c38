import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonlRecordToPost } from '../../src/import/read-jsonl.js';
import { DEMO_DIR, PACKAGE_ROOT } from '../../src/paths.js';
import { TARGET_LANGS, type TargetLang } from '../../src/types.js';
import { ISSUE_FRAMES as FRAME_IDS } from '../helpers/issue-frames.js';


interface BasePost { channel: string; lang: TargetLang; frames: string[]; text: string }
interface Rec { channel: string; id: number; date: string; text: string; views: number; edited?: boolean }

const CORPUS_FILE = join(DEMO_DIR, 'corpus.jsonl');
const corpusText = readFileSync(CORPUS_FILE, 'utf8');
const lines = corpusText.split('\n').filter((l) => l.trim() !== '');
const records = lines.map((l) => JSON.parse(l) as Rec);
const posts = JSON.parse(readFileSync(join(DEMO_DIR, 'posts.json'), 'utf8')) as BasePost[];

/** The base post a corpus line was built from (reposts may carry an extra tag line). */
function baseOf(r: Rec): BasePost {
  const b = posts.find((p) => r.text.startsWith(p.text));
  if (!b) throw new Error(`no base post for ${r.channel}/${r.id}`);
  return b;
}

const PASHTO_ONLY = /[ټډړږښګڼېۍځڅ]/u;
const PERSIAN_LETTERS = /[پچژگکی]/u;

describe('demo/posts.json', () => {
  it('uses only known frame ids, 0-2 per post, and covers every frame', () => {
    const used = new Set<string>();
    for (const p of posts) {
      expect(p.frames.length, p.text).toBeLessThanOrEqual(2);
      for (const f of p.frames) {
        expect(FRAME_IDS as readonly string[], p.text).toContain(f);
        used.add(f);
      }
      expect(new Set(p.frames).size).toBe(p.frames.length);
    }
    expect([...used].sort()).toEqual([...FRAME_IDS].sort());
  });

  it('has every language, with roughly a third neutral posts', () => {
    for (const lang of TARGET_LANGS) expect(posts.filter((p) => p.lang === lang).length, lang).toBeGreaterThanOrEqual(12);
    const neutral = posts.filter((p) => p.frames.length === 0).length / posts.length;
    expect(neutral).toBeGreaterThan(0.25);
    expect(neutral).toBeLessThan(0.45);
  });

  it('has fictional demo channel names and Telegram-sized texts', () => {
    for (const p of posts) {
      expect(p.channel).toMatch(/^[a-z][a-z0-9_]{3,31}$/);
      expect(p.channel).toMatch(/_demo$/);
      const len = [...p.text].length;
      expect(len, p.text).toBeGreaterThanOrEqual(80);
      expect(len, p.text).toBeLessThanOrEqual(300);
    }
    expect(new Set(posts.map((p) => p.text)).size).toBe(posts.length);
  });

  it('writes each language in its own orthography', () => {
    for (const p of posts) {
      if (p.lang === 'pus') expect(p.text, p.text).toMatch(PASHTO_ONLY);
      if (p.lang === 'prs') expect(p.text, p.text).not.toMatch(PASHTO_ONLY);
      if (p.lang === 'arb') {
        expect(p.text, p.text).not.toMatch(PASHTO_ONLY);
        expect(p.text, p.text).not.toMatch(PERSIAN_LETTERS);
      }
      if (p.lang === 'eng') expect(p.text, p.text).not.toMatch(/\p{Script=Arabic}/u);
    }
    // The deliberate pitfall: one Dari post typed with Arabic ك/ي.
    expect(posts.some((p) => p.lang === 'prs' && /[كي]/u.test(p.text) && !/[کی]/u.test(p.text))).toBe(true);
  });
});

describe('demo/corpus.jsonl', () => {
  it('is valid JSON Lines in the import format', () => {
    expect(corpusText.endsWith('\n')).toBe(true);
    lines.forEach((line, i) => {
      const r = JSON.parse(line) as Record<string, unknown>;
      expect(Object.keys(r).slice(0, 5)).toEqual(['channel', 'id', 'date', 'text', 'views']);
      expect(r.date).toMatch(/^2026-11-(0[6-9]|1\d|2[0-6])T\d\d:\d\d:\d\dZ$/);
      expect(r.views).toBeGreaterThanOrEqual(200);
      expect(r.views).toBeLessThanOrEqual(20000);
      const post = jsonlRecordToPost(r, 'corpus.jsonl', i + 1); // the real importer's validation
      expect(post.channel).toBe(r.channel);
      expect(post.text.length).toBeGreaterThan(0);
    });
  });

  it('spans 21 days with 8-20 posts a day and every language', () => {
    const perDay = new Map<string, number>();
    for (const r of records) if (!r.edited) perDay.set(r.date.slice(0, 10), (perDay.get(r.date.slice(0, 10)) ?? 0) + 1);
    expect(perDay.size).toBe(21);
    for (const [day, n] of perDay) {
      expect(n, day).toBeGreaterThanOrEqual(8);
      expect(n, day).toBeLessThanOrEqual(20);
    }
    const langs = new Set(records.filter((r) => !r.edited).map((r) => baseOf(r).lang));
    expect([...langs].sort()).toEqual([...TARGET_LANGS].sort());
  });

  it('keeps ids unique and increasing per channel, except the two deliberate edits', () => {
    const originals = records.filter((r) => !r.edited);
    const edits = records.filter((r) => r.edited === true);
    expect(edits).toHaveLength(2);
    const lastId = new Map<string, number>();
    let lastDate = '';
    for (const r of originals) {
      expect(r.date >= lastDate).toBe(true);
      lastDate = r.date;
      expect(r.id, `${r.channel}/${r.id}`).toBeGreaterThan(lastId.get(r.channel) ?? 0);
      lastId.set(r.channel, r.id);
    }
    for (const e of edits) {
      const same = originals.filter((r) => r.channel === e.channel && r.id === e.id);
      expect(same).toHaveLength(1);
      expect(same[0]?.date).toBe(e.date);
      expect(same[0]?.text).not.toBe(e.text);
      expect(records.indexOf(e)).toBeGreaterThan(records.indexOf(same[0] as Rec));
    }
  });

  it('reuses every base post on several days', () => {
    for (const p of posts) {
      const days = new Set(records.filter((r) => !r.edited && r.text.startsWith(p.text)).map((r) => r.date.slice(0, 10)));
      expect(days.size, p.text).toBeGreaterThanOrEqual(2);
    }
  });

  it('has the scripted trends: khawarij spikes last day, apostasy grows, neutral stays flat', () => {
    const days = [...new Set(records.map((r) => r.date.slice(0, 10)))].sort();
    const count = (pred: (p: BasePost) => boolean): number[] =>
      days.map((d) => records.filter((r) => !r.edited && r.date.startsWith(d) && pred(baseOf(r))).length);
    const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

    const kh = count((p) => p.frames.includes('khawarij'));
    const before = kh.slice(0, -1);
    expect(kh.at(-1) ?? 0).toBeGreaterThanOrEqual(2.5 * (sum(before) / before.length));

    const ap = count((p) => p.frames.includes('apostasy'));
    expect(sum(ap.slice(-7))).toBeGreaterThanOrEqual(2 * sum(ap.slice(0, 7)));

    const neutral = count((p) => p.frames.length === 0);
    expect(Math.max(...neutral) - Math.min(...neutral)).toBeLessThanOrEqual(2);
  });

  it('is exactly what the build script produces from posts.json', () => {
    const out = execFileSync(process.execPath, [join(DEMO_DIR, 'build-corpus.mjs'), '--stdout'], {
      cwd: PACKAGE_ROOT,
      encoding: 'utf8',
    });
    expect(out).toBe(corpusText);
  });
});
