import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectSqlite } from '../../src/store/sqlite/sqlite-inspect.js';
import { tempDir } from '../helpers/temp-store.js';
import { runCli } from '../helpers/run-cli.js';

const lines = [
  { channel: 'almirsaad_cli', id: 1, date: '2026-04-01T05:00:00Z', text: 'د خوارجو ډله د اسلام دښمنه ده او امارت به یې ختمه کړي.', views: 10 },
  { channel: 'almirsaad_cli', id: 2, date: '2026-04-01T06:00:00Z', text: 'الخوارج كلاب النار كما قال النبي صلى الله عليه وسلم' },
  { channel: 'voice_cli', id: 9, date: '2026-04-02T06:00:00Z', text: 'The apostate Taliban betrayed the religion for dollars.', views: 5 },
  { channel: 'voice_cli', id: 10, date: '2026-04-02T07:00:00Z', text: 'Markets in Herat opened early today after the holiday.' },
];

function snapshot(db: string) {
  const d = inspectSqlite(db);
  try {
    return {
      posts: d.value('SELECT count(*) FROM posts'),
      frames: d.value('SELECT count(*) FROM post_frames'),
      daily: d.all('SELECT * FROM daily_post_counts ORDER BY 1,2,3'),
      dailyFrames: d.all('SELECT * FROM daily_frame_counts ORDER BY 1,2,3,4'),
    };
  } finally {
    d.close();
  }
}

describe('framewatch CLI', () => {
  it('--help works for the program and every command', () => {
    const top = runCli(['--help']);
    expect(top.code).toBe(0);
    for (const cmd of ['import', 'query', 'trend', 'stats', 'demo', 'reclassify']) {
      expect(top.stdout).toContain(cmd);
      const r = runCli([cmd, '--help']);
      expect(r.code, cmd).toBe(0);
      expect(r.stdout).toContain(`framewatch ${cmd}`);
    }
  });

  it('import run twice leaves the same row counts and aggregates', () => {
    const dir = tempDir();
    const file = join(dir, 'x.jsonl');
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n'));
    const db = join(dir, 'a.sqlite');
    const first = runCli(['import', file, '--db', db]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('4 new, 0 updated');
    const s1 = snapshot(db);
    const second = runCli(['import', file, '--db', db]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('0 new, 0 updated, 4 unchanged');
    expect(snapshot(db)).toEqual(s1);
    expect(s1.posts).toBe(4);
  });

  it('query --format json prints one array with the documented fields', () => {
    const dir = tempDir();
    const file = join(dir, 'x.jsonl');
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n'));
    const db = join(dir, 'q.sqlite');
    expect(runCli(['import', file, '--db', db]).code).toBe(0);
    const r = runCli(['query', '--db', db, '--channel', 'voice_cli', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(rows).toHaveLength(2);
    for (const key of ['channel', 'id', 'date', 'lang', 'text', 'views', 'edited', 'forwardedFrom', 'url', 'frames', 'hits']) {
      expect(rows[0]).toHaveProperty(key);
    }
    expect(rows.map((x) => x.id)).toEqual([10, 9]);
    expect(rows[1]).toMatchObject({ channel: 'voice_cli', date: '2026-04-02T06:00:00.000Z', lang: 'eng', views: 5, url: 'https://t.me/voice_cli/9' });
  });

  it('exit codes: 2 for usage errors, 1 for known failures, with one line and no stack', () => {
    const dir = tempDir();
    const db = join(dir, 'e.sqlite');
    const usage = runCli(['query', '--db', db, '--lang', 'fr']);
    expect(usage.code).toBe(2);
    expect(usage.stderr.trim().split('\n')).toHaveLength(1);
    expect(usage.stderr).toContain('--lang');
    expect(runCli(['frobnicate']).code).toBe(2);
    expect(runCli(['import']).code).toBe(2);
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, '{"channel": "x_chan", "id": 1, "date": "2026-01-01T00:00:00Z", "text": "ok"}\nnot json\n');
    const failure = runCli(['import', bad, '--db', db]);
    expect(failure.code).toBe(1);
    expect(failure.stderr).toMatch(/bad\.jsonl: line 2: invalid JSON/);
    expect(failure.stderr).not.toMatch(/\n\s+at /);
    const cfg = runCli(['import', bad, '--db', db], { env: { TIMEZONE: 'Nowhere/Atlantis', CHANNELS: '9x' } });
    expect(cfg.code).toBe(1);
    expect(cfg.stderr).toContain('TIMEZONE');
    expect(cfg.stderr).toContain('CHANNELS');
  });
});

describe('configuration: each command checks what it uses', () => {
  const broken = { TELEGRAM_BOT_TOKEN: 'pasted-the-wrong-thing', COLLECT_CRON: 'every hour', DIGEST_CHAT_IDS: '1001,analysts' };

  it('a malformed bot token or cron expression does not stop stats, query or printing the digest', () => {
    const dir = tempDir();
    const file = join(dir, 'x.jsonl');
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n'));
    const db = join(dir, 'c.sqlite');
    expect(runCli(['import', file, '--db', db], { env: broken }).code).toBe(0);
    const stats = runCli(['stats', '--db', db], { env: broken });
    expect(stats.stderr).toBe('');
    expect(stats.code).toBe(0);
    expect(stats.stdout).toContain('posts: 4 in 2 channel(s)');
    const query = runCli(['query', '--db', db, '--channel', 'voice_cli', '--format', 'jsonl'], { env: broken });
    expect(query.code, query.stderr).toBe(0);
    expect(query.stdout.trim().split('\n')).toHaveLength(2);
    const digest = runCli(['digest', '--db', db, '--date', '2026-04-02'], { env: broken });
    expect(digest.code, digest.stderr).toBe(0);
    expect(digest.stdout).toContain('framewatch digest · 2026-04-02');
  });

  it('digest --send lists every bot setting problem in one error; run lists those and the cron', () => {
    const db = join(tempDir(), 'd.sqlite');
    const send = runCli(['digest', '--send', '--db', db, '--date', '2026-04-02'], { env: broken });
    expect(send.code).toBe(1);
    expect(send.stderr).toMatch(/^framewatch: invalid configuration \(2 problems\):\n {2}- TELEGRAM_BOT_TOKEN: .*\n {2}- DIGEST_CHAT_IDS: "analysts" .*\n$/);
    expect(send.stderr).not.toContain('pasted-the-wrong-thing');
    const run = runCli(['run', '--db', db], { env: broken });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('invalid configuration (3 problems)');
    for (const name of ['TELEGRAM_BOT_TOKEN', 'DIGEST_CHAT_IDS', 'COLLECT_CRON']) expect(run.stderr).toContain(name);
  });
});

describe('large imports', () => {
  it('derive in a worker thread with the same result as one thread', () => {
    const dir = tempDir();
    const file = join(dir, 'big.jsonl');
    const texts = lines.map((l) => l.text);
    const out: string[] = [];
    // > 2 MB so the worker path is taken by default
    for (let i = 0; i < 9000; i++) {
      const date = new Date(Date.UTC(2025, 0, 1) + i * 3_600_000).toISOString(); // all in the past: the importer refuses future dates
      out.push(JSON.stringify({ channel: `bulk_${i % 7}`, id: i + 1, date, text: `${texts[i % texts.length]} ${'·'.repeat(i % 5)} #${i % 97}`.padEnd(240, ' ') }));
    }
    writeFileSync(file, out.join('\n'));
    const a = join(dir, 'a.sqlite');
    const b = join(dir, 'b.sqlite');
    const ra = runCli(['import', file, '--db', a]);
    const rb = runCli(['import', file, '--db', b, '--no-workers']);
    expect(ra.code, ra.stderr).toBe(0);
    expect(rb.code, rb.stderr).toBe(0);
    expect(ra.stdout).toContain('9000 new');
    const rows = (db: string) => {
      const d = inspectSqlite(db);
      try {
        return {
          posts: d.all('SELECT message_id, lang, lang_reason, text FROM posts ORDER BY id'),
          // Hits are compact blobs of vocab ids: the same vocab and the same bytes are the same evidence.
          vocab: d.all('SELECT id, value FROM vocab ORDER BY id'),
          frames: d.all('SELECT post_id, frame_id, score, hits, flagged FROM post_frames ORDER BY post_id, frame_id'),
          fts: d.value<number>("SELECT count(*) FROM posts_fts WHERE posts_fts MATCH 'خوارجو'") ?? 0,
        };
      } finally {
        d.close();
      }
    };
    const sa = rows(a);
    expect(sa.frames.length).toBeGreaterThan(1000);
    expect(sa.fts).toBeGreaterThan(0);
    expect(sa).toEqual(rows(b));
    expect(snapshot(a)).toEqual(snapshot(b));
  }, 180_000); // two 9000-post imports: generous on a busy machine
});
