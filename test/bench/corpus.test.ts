import { describe, expect, it } from 'vitest';
import { createCorpus, FALLBACK_FRAGMENTS, mulberry32, splitSentences, type Pools } from '../../bench/corpus.js';
import { channelPageHtml } from '../../bench/channel-page.js';
import { parseChannelPage } from '../../src/collect/parse-channel-page.js';

const TERMS: Pools = {
  prs: ['مرتد', 'نوکران امریکا'],
  pus: ['مرتدین', 'غلامان'],
  arb: ['المرتدين', 'الطواغيت'],
  eng: ['apostate', 'puppets of the west'],
};
const corpus = (seed: number) => createCorpus({ seed, fragments: FALLBACK_FRAGMENTS, terms: TERMS });

describe('bench corpus', () => {
  it('is identical for the same seed and differs for another', () => {
    const a = corpus(7).sample(2000);
    const b = corpus(7).sample(2000);
    const c = corpus(8).sample(2000);
    expect(a).toEqual(b);
    expect(a.map((p) => p.text)).not.toEqual(c.map((p) => p.text));
  });

  it('gives the same posts in batches as in one sample', () => {
    const batched = [...corpus(3).batches(2500, 1000)];
    expect(batched.map((b) => b.length)).toEqual([1000, 1000, 500]);
    expect(batched.flat()).toEqual(corpus(3).sample(2500));
  });

  it('covers the four languages, 500 channels and a year of dates', () => {
    const c = corpus(42);
    expect(c.channels).toHaveLength(500);
    expect(new Set(c.channels.map((ch) => ch.name)).size).toBe(500);
    const posts = c.sample(30_000);
    expect(new Set(posts.map((p) => p.lang))).toEqual(new Set(['prs', 'pus', 'arb', 'eng']));
    expect(new Set(posts.map((p) => p.channel)).size).toBe(500);
    const times = posts.map((p) => Date.parse(p.postedAt));
    const days = (Math.max(...times) - Math.min(...times)) / 86_400_000;
    expect(days).toBeGreaterThan(360);
    expect(days).toBeLessThanOrEqual(366);
    expect(posts[0]!.postedAt.startsWith('2024-01-01')).toBe(true);
  });

  it('writes posts of about 200 characters in the right script, with lexicon terms', () => {
    const posts = corpus(42).sample(4000);
    const mean = posts.reduce((a, p) => a + p.text.length, 0) / posts.length;
    expect(mean).toBeGreaterThan(160);
    expect(mean).toBeLessThan(260);
    for (const p of posts.slice(0, 400)) {
      const arabicScript = /[\u0600-\u06ff]/.test(p.text);
      expect(arabicScript, p.text).toBe(p.lang !== 'eng');
    }
    const withTerm = posts.filter((p) => TERMS[p.lang].some((t) => p.text.includes(t))).length;
    expect(withTerm / posts.length).toBeGreaterThan(0.15);
  });

  it('gives each channel increasing message ids in date order', () => {
    const posts = corpus(5).sample(5000);
    const last = new Map<string, { id: number; at: string }>();
    for (const p of posts) {
      const prev = last.get(p.channel);
      if (prev) {
        expect(p.messageId).toBe(prev.id + 1);
        expect(p.postedAt >= prev.at).toBe(true);
      }
      last.set(p.channel, { id: p.messageId, at: p.postedAt });
    }
  });
});

describe('bench helpers', () => {
  it('mulberry32 is deterministic and in [0, 1)', () => {
    const r1 = mulberry32(1);
    const r2 = mulberry32(1);
    const xs = Array.from({ length: 1000 }, () => r1());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => r2()));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
  });

  it('splits Latin and Arabic-script sentences', () => {
    expect(splitSentences('The first sentence is here. And the second one follows!')).toEqual([
      'The first sentence is here.',
      'And the second one follows!',
    ]);
    expect(splitSentences('آیا این جمله اول است؟ بله این جمله دوم است.')).toHaveLength(2);
  });

  it('builds a 20-post channel page the parser reads back', () => {
    const posts = corpus(9)
      .sample(20)
      .map((p, i) => ({ ...p, channel: 'bench_ch_001', messageId: 100 + i }));
    const page = parseChannelPage(channelPageHtml('bench_ch_001', posts));
    expect(page.kind).toBe('messages');
    expect(page.posts.map((p) => p.messageId)).toEqual(posts.map((p) => p.messageId));
    expect(page.posts[0]!.postedAt).toBe(posts[0]!.postedAt);
    expect(page.posts[3]!.text.replace(/\s+/g, ' ')).toBe(posts[3]!.text);
  });
});
