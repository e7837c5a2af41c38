import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderTrendCsv } from '../../src/report/trend-csv.js';
import { trendData, type TrendData } from '../../src/report/trend-data.js';
import { openTestStore, tempDir } from '../helpers/temp-store.js';
import { runCli } from '../helpers/run-cli.js';
import { seedStore, type SeedPost } from '../query/seed.js';

// Around the end of March 2026 in Kabul (UTC+4:30). 2026-03-30 is a Monday.
const POSTS: SeedPost[] = [
  // 20:00Z on 31 March = 00:30 on Wednesday 1 April in Kabul.
  { channel: 'chan_a', id: 1, date: '2026-03-31T20:00:00Z', lang: 'pus', text: 'خوارجو بیا برید وکړ' },
  // 19:00Z on 31 March = 23:30 on 31 March in Kabul.
  { channel: 'chan_b', id: 1, date: '2026-03-31T19:00:00Z', lang: 'prs', text: 'این رژیم مرتد است' },
  // 23:30 on Sunday 29 March in Kabul: the week of 23 March.
  { channel: 'chan_c', id: 1, date: '2026-03-29T19:00:00Z', lang: 'arb', text: 'بيان عن الخوارج' },
  // 00:30 on Monday 30 March in Kabul: the week of 30 March.
  { channel: 'chan_c', id: 2, date: '2026-03-29T20:00:00Z', lang: 'arb', text: 'نشرة الأخبار اليومية' },
  { channel: 'chan_b', id: 2, date: '2026-04-10T10:00:00Z', lang: 'prs', text: 'خوارج و مرتد هر دو دشمن اند' },
  { channel: 'chan_b', id: 3, date: '2026-04-10T11:00:00Z', lang: 'prs', text: 'هوا در کابل سرد است' },
];

const lines = (csv: string) => csv.trimEnd().split('\r\n');

async function data(q: Parameters<typeof trendData>[1], timezone = 'Asia/Kabul'): Promise<TrendData> {
  const { store } = await seedStore(POSTS, { timezone });
  return trendData(store, q);
}

describe('trend CSV', () => {
  it('months follow the configured time zone (31 March 20:00Z is April in Kabul)', async () => {
    expect(lines(renderTrendCsv(await data({ interval: 'month' })))).toEqual([
      'date,frame,posts,all_posts,share',
      '2026-03-01,apostasy,1,3,0.333333',
      '2026-03-01,khawarij,1,3,0.333333',
      '2026-04-01,apostasy,1,3,0.333333',
      '2026-04-01,khawarij,2,3,0.666667',
    ]);
    expect(lines(renderTrendCsv(await data({ interval: 'month' }, 'UTC')))).toEqual([
      'date,frame,posts,all_posts,share',
      '2026-03-01,apostasy,1,4,0.25',
      '2026-03-01,khawarij,2,4,0.5',
      '2026-04-01,apostasy,1,2,0.5',
      '2026-04-01,khawarij,1,2,0.5',
    ]);
  });

  it('weeks start on Monday in the configured time zone; weeks beyond the posts are not filled in', async () => {
    const d = await data({ interval: 'week', since: '2026-03-16', until: '2026-04-19' });
    expect(lines(renderTrendCsv(d))).toEqual([
      'date,frame,posts,all_posts,share',
      '2026-03-23,apostasy,0,1,0',
      '2026-03-23,khawarij,1,1,1',
      '2026-03-30,apostasy,1,3,0.333333',
      '2026-03-30,khawarij,1,3,0.333333',
      '2026-04-06,apostasy,1,2,0.5',
      '2026-04-06,khawarij,1,2,0.5',
    ]);
    expect(d.notes).toEqual([
      'no posts before 2026-03-29: the range starts there, not on 2026-03-16',
      'no posts after 2026-04-10: the range ends there, not on 2026-04-19',
    ]);
  });

  it('days: every day of the data range, zeros included', async () => {
    const csv = lines(renderTrendCsv(await data({ interval: 'day' })));
    // 29 March .. 10 April = 13 days × 2 frames.
    expect(csv).toHaveLength(1 + 13 * 2);
    expect(csv).toContain('2026-03-29,khawarij,1,1,1');
    expect(csv).toContain('2026-03-30,khawarij,0,1,0');
    expect(csv).toContain('2026-04-05,apostasy,0,0,0');
    expect(csv).toContain('2026-04-01,khawarij,1,1,1');
    expect(csv.at(-1)).toBe('2026-04-10,khawarij,1,2,0.5');
  });

  it('wide: a date × frame table with all posts, posts or shares', async () => {
    const d = await data({ interval: 'week' });
    expect(lines(renderTrendCsv(d, { wide: true }))).toEqual([
      'date,all_posts,apostasy,khawarij',
      '2026-03-23,1,0,1',
      '2026-03-30,3,1,1',
      '2026-04-06,2,1,1',
    ]);
    expect(lines(renderTrendCsv(d, { wide: true, value: 'share' }))[2]).toBe('2026-03-30,3,0.333333,0.333333');
  });

  it('groups by language: share within the language, every language zero-filled', async () => {
    const csv = lines(renderTrendCsv(await data({ interval: 'month', by: ['lang'] })));
    expect(csv[0]).toBe('date,lang,frame,posts,all_posts,share');
    expect(csv).toHaveLength(1 + 2 * 3 * 2); // months × languages (arb, prs, pus) × frames
    expect(csv).toContain('2026-04-01,prs,khawarij,1,2,0.5');
    expect(csv).toContain('2026-04-01,pus,khawarij,1,1,1');
    expect(csv).toContain('2026-03-01,pus,khawarij,0,0,0');
    expect(csv).toContain('2026-03-01,arb,khawarij,1,2,0.5');
  });

  it('groups by channel and language in the order asked, wide too', async () => {
    const d = await data({ interval: 'month', by: ['channel', 'lang'] });
    const wide = lines(renderTrendCsv(d, { wide: true }));
    expect(wide).toEqual([
      'date,channel,lang,all_posts,apostasy,khawarij',
      '2026-03-01,chan_a,pus,0,0,0',
      '2026-03-01,chan_b,prs,1,1,0',
      '2026-03-01,chan_c,arb,2,0,1',
      '2026-04-01,chan_a,pus,1,0,1',
      '2026-04-01,chan_b,prs,2,1,1',
      '2026-04-01,chan_c,arb,0,0,0',
    ]);
  });

  it('--frame lists exactly the frames asked for, zero-filled even when absent', async () => {
    const csv = lines(renderTrendCsv(await data({ interval: 'month', frames: ['khawarij', 'no_such_frame'] })));
    expect(csv).toEqual([
      'date,frame,posts,all_posts,share',
      '2026-03-01,khawarij,1,3,0.333333',
      '2026-03-01,no_such_frame,0,3,0',
      '2026-04-01,khawarij,2,3,0.666667',
      '2026-04-01,no_such_frame,0,3,0',
    ]);
  });

  it('an empty database gives a header only', async () => {
    const { store } = await seedStore([]);
    expect(renderTrendCsv(await trendData(store, { interval: 'day' }))).toBe('date,frame,posts,all_posts,share\r\n');
  });

  it('reads only the daily aggregate tables, never posts or post_frames', async () => {
    const { store } = await seedStore(POSTS);
    await store.close();
    // The SQLite adapter, traced: every statement the trend makes it prepare.
    const seen: string[] = [];
    const traced = openTestStore(store.location, { timezone: 'Asia/Kabul', trace: (sql) => seen.push(sql) });
    await trendData(traced, { interval: 'week', by: ['lang', 'channel'] });
    await trendData(traced, { interval: 'day' });
    await trendData(traced, { interval: 'month', frames: ['khawarij'], since: '2026-01-01', until: '2026-12-31' });
    expect(seen.length).toBeGreaterThan(4);
    // Without --by, the per-day rollups (migration 004) are read.
    expect(seen.some((sql) => /FROM daily_frame_totals/.test(sql))).toBe(true);
    for (const sql of seen) {
      expect(sql).toMatch(/\b(FROM|JOIN)\s+(daily_post_counts|daily_frame_counts|daily_totals|daily_frame_totals|channels|sqlite_master)\b/);
      expect(sql).not.toMatch(/\b(FROM|JOIN)\s+(posts|post_frames|posts_fts)\b/i);
    }
  });

  it('neutralizes formula cells and writes a BOM on request', () => {
    const d: TrendData = {
      interval: 'day',
      by: ['channel'],
      from: '2026-04-01',
      to: '2026-04-01',
      buckets: ['2026-04-01'],
      frames: ['=HYPERLINK("http://x")', '+cmd', '@SUM(A1)', '-2+3'],
      groups: [['=1+1']],
      counts: new Map(),
      totals: new Map(),
    };
    const csv = renderTrendCsv(d, { bom: true });
    expect(csv.startsWith('\uFEFFdate,channel,frame,posts,all_posts,share\r\n')).toBe(true);
    expect(lines(csv.slice(1)).slice(1)).toEqual([
      `2026-04-01,'=1+1,"'=HYPERLINK(""http://x"")",0,0,0`,
      `2026-04-01,'=1+1,'+cmd,0,0,0`,
      `2026-04-01,'=1+1,'@SUM(A1),0,0,0`,
      `2026-04-01,'=1+1,'-2+3,0,0,0`,
    ]);
    expect(lines(renderTrendCsv(d, { wide: true }))[0]).toBe(`date,channel,all_posts,"'=HYPERLINK(""http://x"")",'+cmd,'@SUM(A1),'-2+3`);
  });
});

describe('framewatch trend (CLI)', () => {
  async function dbFile(): Promise<string> {
    const { store } = await seedStore(POSTS);
    await store.close();
    return store.location;
  }

  it('writes week × lang,channel CSV to a file with a BOM', async () => {
    const db = await dbFile();
    const out = join(tempDir(), 'trend.csv');
    const r = runCli(['trend', '--db', db, '--interval', 'week', '--by', 'lang,channel', '--out', out, '--bom']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = lines(bytes.toString('utf8').slice(1));
    expect(csv[0]).toBe('date,lang,channel,frame,posts,all_posts,share');
    expect(csv).toContain('2026-03-30,pus,chan_a,khawarij,1,1,1');
    expect(csv).toHaveLength(1 + 3 * 3 * 2); // weeks × (lang, channel) groups × frames
  });

  it('prints to stdout: wide, month, frame filter, since/until', async () => {
    const db = await dbFile();
    const r = runCli(['trend', '--db', db, '--interval', 'month', '--wide', '--frame', 'khawarij', '--since', '2026-02-15', '--until', '2026-04-30']);
    expect(r.code, r.stderr).toBe(0);
    expect(lines(r.stdout)).toEqual(['date,all_posts,khawarij', '2026-03-01,3,1', '2026-04-01,3,2']);
    expect(r.stderr).toBe(
      'note: no posts before 2026-03-29: the range starts there, not on 2026-02-15\n' +
        'note: no posts after 2026-04-10: the range ends there, not on 2026-04-30\n',
    );
  });

  it.each([
    [['--interval', 'year'], /--interval: "year" must be one of day, week, month/],
    [['--by', 'frame'], /--by: "frame" must be one of lang, channel/],
    [['--since', '2026-04-10', '--until', '2026-04-01'], /--since 2026-04-10 is after --until 2026-04-01/],
    [['--since', '1 April'], /--since/],
    [['--value', 'ratio'], /--value/],
  ])('usage error %j: exit 2, one line', async (args, message) => {
    const r = runCli(['trend', '--db', await dbFile(), ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
