// A word in most posts takes the newest-first scan instead of sorting every match: same results.
import { describe, expect, it } from 'vitest';
import { parseTextQuery } from '../../src/store/text-query.js';
import type { Lang } from '../../src/types.js';
import { seedStore, type SeedPost } from './seed.js';

describe('full-text search over a common word', () => {
  it('returns the same newest-first pages as a plain sort', async () => {
    const langs: Lang[] = ['prs', 'pus', 'arb'];
    const posts: SeedPost[] = [];
    for (let i = 1; i <= 3000; i++) {
      // Dates deliberately not in id order (a backfill stores older posts later).
      const minute = (i * 7919) % 3000;
      posts.push({
        channel: `dense_${i % 4}`,
        id: i,
        date: new Date(Date.UTC(2026, 0, 1) + minute * 60_000).toISOString(),
        lang: langs[i % 3]!,
        text: i % 3 === 0 ? `خبر شماره ${i} از هرات` : `خبر شماره ${i} از كابل`,
      });
    }
    const { store } = await seedStore(posts);
    const text = parseTextQuery('کابل');
    const expected = (filter: (p: SeedPost) => boolean, offset: number, limit: number) =>
      posts
        .filter((p) => p.text.includes('كابل') && filter(p))
        .sort((a, b) => (a.date === b.date ? 0 : a.date < b.date ? 1 : -1))
        .slice(offset, offset + limit)
        .map((p) => `${p.channel}/${p.id}`);
    const got = (rows: { channel: string; id: number }[]) => rows.map((r) => `${r.channel}/${r.id}`);
    expect(got(await store.queryPosts({ text, limit: 10, offset: 5 }))).toEqual(expected(() => true, 5, 10));
    expect(got(await store.queryPosts({ text, langs: ['pus'], limit: 7 }))).toEqual(expected((p) => p.lang === 'pus', 0, 7));
    const until = '2026-01-01T10:00:00.000Z';
    expect(got(await store.queryPosts({ text, until, channels: ['dense_1'], limit: 5 }))).toEqual(
      expected((p) => p.date < until && p.channel === 'dense_1', 0, 5),
    );
  });
});
