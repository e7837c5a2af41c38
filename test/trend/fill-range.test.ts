// Zero-filling never walks an absurd range (issue 14 item 2): whatever the flags ask and whatever
// dates are stored, trend and report fill only the days the data spans, and refuse a span too
// long to fill with one clear line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bucketCount, bucketStarts, isDay, MAX_FILL_BUCKETS, type Interval } from '../../src/util/time-buckets.js';
import { reportData } from '../../src/report/report-data.js';
import { trendData } from '../../src/report/trend-data.js';
import { inspectSqlite } from '../../src/store/sqlite/sqlite-inspect.js';
import type { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-store.js';
import { seedStore, type SeedPost } from '../query/seed.js';

const POSTS: SeedPost[] = [
  { channel: 'chan_a', id: 1, date: '2026-03-29T06:00:00Z', lang: 'pus', text: 'خوارجو بیا برید وکړ' },
  { channel: 'chan_b', id: 1, date: '2026-04-01T06:00:00Z', lang: 'prs', text: 'این رژیم مرتد است' },
  { channel: 'chan_c', id: 1, date: '2026-04-10T06:00:00Z', lang: 'arb', text: 'بيان عن الخوارج' },
  // The post whose date will be misread.
  { channel: 'chan_c', id: 2, date: '2026-04-05T06:00:00Z', lang: 'arb', text: 'الخوارج كلاب أهل النار' },
];

/**
 * Re-dates one stored post as an older framewatch stored it (the import now refuses such dates):
 * the aggregates follow through the update triggers.
 */
async function misdate(store: SqliteStore, postedAt: string, day: string): Promise<void> {
  inspectSqlite(store).run("UPDATE posts SET posted_at = ?, day = ? WHERE message_id = 2 AND channel_id = (SELECT id FROM channels WHERE username = 'chan_c')", postedAt, day);
  expect(await store.aggregateDrift()).toEqual([]);
}

/** A Telegram export read in milliseconds as seconds: 1.7e12 s is in the year 55840. */
async function year55840(): Promise<SqliteStore> {
  const { store } = await seedStore(POSTS);
  const iso = new Date(1_700_000_000_000 * 1000).toISOString();
  expect(iso.startsWith('+055840')).toBe(true);
  await misdate(store, iso, iso.slice(0, 10));
  return store;
}

async function year9999(): Promise<SqliteStore> {
  const { store } = await seedStore(POSTS);
  await misdate(store, '9999-03-01T06:00:00.000Z', '9999-03-01');
  return store;
}

const lines = (csv: string) => csv.trimEnd().split('\r\n');

describe('time buckets refuse what they cannot fill', () => {
  it.each<[string, string, Interval]>([
    ['2026-03-29', '2026-04-10', 'day'],
    ['2026-03-29', '2026-04-10', 'week'],
    ['2025-12-31', '2026-03-01', 'week'],
    ['2024-01-31', '2026-04-01', 'month'],
    ['2026-04-02', '2026-04-01', 'day'],
  ])('bucketCount(%s, %s, %s) is the number of buckets', (from, to, interval) => {
    expect(bucketCount(from, to, interval)).toBe(bucketStarts(from, to, interval).length);
  });

  it('bucketStarts refuses a day that is not YYYY-MM-DD and a range over the limit', () => {
    expect(() => bucketStarts('+055840-03', '2026-04-10', 'day')).toThrow(RangeError);
    expect(() => bucketStarts('2026-03-29', '+055840-03', 'day')).toThrow(RangeError);
    expect(() => bucketStarts('1000-01-01', '9999-12-31', 'day')).toThrow(/over 20000/);
    expect(bucketCount('1000-01-01', '9999-12-31', 'day')).toBeGreaterThan(MAX_FILL_BUCKETS);
    expect(isDay('2026-02-30')).toBe(false);
    expect(isDay('2026-02-28')).toBe(true);
  });
});

describe('the range the data spans', () => {
  it('a day stored as +055840-03 is left out of the span, and counted', async () => {
    const store = await year55840();
    expect(await store.dataSpan()).toEqual({ first: '2026-03-29', last: '2026-04-10', outside: 1 });
  });

  it('trend fills only the days with posts and says that the misdated post is left out', async () => {
    const store = await year55840();
    const d = await trendData(store, { interval: 'day' });
    expect([d.from, d.to]).toEqual(['2026-03-29', '2026-04-10']);
    expect(d.buckets).toHaveLength(13);
    expect(d.notes).toEqual(['1 post(s) dated outside the years 0000-9999 (a misread date) are left out']);
  });

  it('a range far beyond the data is cut to the data, with a note for each end', async () => {
    const { store } = await seedStore(POSTS);
    const d = await trendData(store, { interval: 'day', since: '1000-01-01', until: '9999-12-31' });
    expect([d.from, d.to, d.buckets.length]).toEqual(['2026-03-29', '2026-04-10', 13]);
    expect(d.notes).toEqual([
      'no posts before 2026-03-29: the range starts there, not on 1000-01-01',
      'no posts after 2026-04-10: the range ends there, not on 9999-12-31',
    ]);
    // Inside the data the range is kept as asked, zeros included.
    const inside = await trendData(store, { interval: 'day', since: '2026-04-02', until: '2026-04-04' });
    expect(inside.buckets).toEqual(['2026-04-02', '2026-04-03', '2026-04-04']);
    expect(inside.notes).toEqual([]);
  });

  it('a range with no posts at all is empty, and says where the posts are', async () => {
    const { store } = await seedStore(POSTS);
    const d = await trendData(store, { interval: 'month', since: '1000-01-01', until: '1999-12-31' });
    expect(d.buckets).toEqual([]);
    expect(d.notes).toEqual(['no posts between 1000-01-01 and 1999-12-31: the posts run from 2026-03-29 to 2026-04-10']);
  });

  it('a well-formed but absurd span (a post in 9999) is refused, not filled', async () => {
    const store = await year9999();
    await expect(trendData(store, { interval: 'day' })).rejects.toThrow(/^2026-03-29 \.\. 9999-03-01 is 2,912,051 days, too long a range to fill in \(at most 20,000\)/);
    await expect(reportData(store)).rejects.toThrow(/months, too long a range to fill in/);
    // Narrowed, it works.
    expect((await trendData(store, { interval: 'day', until: '2026-04-30' })).buckets).toHaveLength(33);
    expect((await reportData(store, { until: '2026-04-30' })).volume.buckets).toHaveLength(33);
  });
});

describe('trend and report (CLI) on a database with absurd dates', () => {
  async function dbFile(make: () => Promise<SqliteStore>): Promise<string> {
    const store = await make();
    await store.close();
    return store.location;
  }

  it('trend after a post dated in the year 55840: the CSV of the real days, and a note', async () => {
    const r = runCli(['trend', '--db', await dbFile(year55840)]);
    expect(r.code, r.stderr).toBe(0);
    const csv = lines(r.stdout);
    expect(csv[1]!.startsWith('2026-03-29,')).toBe(true);
    expect(csv.at(-1)!.startsWith('2026-04-10,')).toBe(true);
    expect(r.stderr).toBe('note: 1 post(s) dated outside the years 0000-9999 (a misread date) are left out\n');
  });

  it('trend --since 1000-01-01 --until 9999-12-31 is cut to the data', async () => {
    const r = runCli(['trend', '--db', await dbFile(async () => (await seedStore(POSTS)).store), '--since', '1000-01-01', '--until', '9999-12-31']);
    expect(r.code, r.stderr).toBe(0);
    expect(lines(r.stdout)).toHaveLength(1 + 13 * 2); // 13 days × 2 frames
    expect(r.stderr.trim().split('\n')).toEqual([
      'note: no posts before 2026-03-29: the range starts there, not on 1000-01-01',
      'note: no posts after 2026-04-10: the range ends there, not on 9999-12-31',
    ]);
  });

  it('report after a post dated in the year 55840 writes the report of the real days', async () => {
    const out = join(tempDir(), 'r.html');
    const r = runCli(['report', '--db', await dbFile(year55840), '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('2026-03-29 – 2026-04-10');
    expect(r.stderr).toContain('note: 1 post(s) dated outside the years 0000-9999');
  });

  it.each([['trend'], ['report']])('%s on a span to the year 9999: exit 1, one line saying what to do', async (cmd) => {
    const out = join(tempDir(), 'r.html');
    const r = runCli([cmd, '--db', await dbFile(year9999), ...(cmd === 'report' ? ['--out', out] : [])]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const err = r.stderr.trim().split('\n');
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^framewatch: 2026-03-29 \.\. 9999-03-01 is [\d,]+ (days|months), too long a range to fill in .* Nothing was written: narrow the range with --since\/--until/);
  });
});
