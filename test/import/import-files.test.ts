import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../src/import/import-files.js';
import { flattenText } from '../../src/import/read-telegram-export.js';
import { count, dump, tempDir, testPipeline } from '../helpers/temp-store.js';

function file(name: string, content: string): string {
  const p = join(tempDir(), name);
  writeFileSync(p, content);
  return p;
}

const jsonl = [
  { channel: 'almirsaad_test', id: 101, date: '2026-02-01T06:00:00Z', text: 'د خوارجو فتنه د ټول امت لپاره خطر دی.', views: 900 },
  { channel: 'almirsaad_test', id: 102, date: '2026-02-01T07:00:00Z', text: 'خوارج دشمنان اسلام و مردم افغانستان هستند.' },
  { channel: 'voice_test', id: 7, date: '2026-02-02T12:00:00+04:30', text: 'Those apostates rule by man-made law.', views: 12, edited: false },
]
  .map((o) => JSON.stringify(o))
  .join('\n');

const telegramExport = JSON.stringify(
  {
    name: 'Mirsaad Test',
    type: 'public_channel',
    id: 1234567890,
    messages: [
      { id: 1, type: 'service', date: '2026-01-01T00:00:00', date_unixtime: '1767225600', actor: 'Mirsaad Test', action: 'create_channel', text: '' },
      {
        id: 2,
        type: 'message',
        date: '2026-01-02T10:00:00',
        date_unixtime: '1767348000',
        edited: '2026-01-02T11:00:00',
        edited_unixtime: '1767351600',
        from: 'Mirsaad Test',
        text: ['الخوارج ', { type: 'bold', text: 'فتنة' }, ' على الأمة ', { type: 'link', text: 'https://example.org/a' }],
      },
      { id: 3, type: 'message', date_unixtime: '1767434400', forwarded_from: 'Other Channel', photo: 'photos/p.jpg', text: 'Daily weather: sunny in Kabul.' },
    ],
  },
  null,
  1,
);

describe('import', () => {
  it('imports JSON Lines and is idempotent', async () => {
    const { store, pipeline } = testPipeline();
    const f = file('posts.jsonl', jsonl + '\n');
    const first = await importFile(store, pipeline, f);
    expect(first).toMatchObject({ format: 'jsonl', new: 3, updated: 0, skipped: 0 });
    const aggBefore = dump(store, 'SELECT * FROM daily_frame_counts ORDER BY 1,2,3,4');
    const second = await importFile(store, pipeline, f);
    expect(second).toMatchObject({ new: 0, updated: 0, unchanged: 3 });
    expect(count(store, 'posts')).toBe(3);
    expect(dump(store, 'SELECT * FROM daily_frame_counts ORDER BY 1,2,3,4')).toEqual(aggBefore);
    // +04:30 is stored as UTC
    expect(dump(store, 'SELECT posted_at FROM posts WHERE message_id = 7')).toEqual([{ posted_at: '2026-02-02T07:30:00.000Z' }]);
  });

  it('imports a Telegram Desktop export: text arrays, edits, forwards, media; skips service messages', async () => {
    const { store, pipeline } = testPipeline();
    const r = await importFile(store, pipeline, file('result.json', telegramExport));
    expect(r).toMatchObject({ format: 'telegram', new: 2, skipped: 1, skippedReasons: { 'service message': 1 } });
    const rows = dump(store, 'SELECT c.username, message_id, text, edited, forwarded_from, media_kinds, links, posted_at FROM posts p JOIN channels c ON c.id = p.channel_id ORDER BY message_id');
    expect(rows).toEqual([
      {
        username: 'c1234567890', // the export has no username: its numeric id, never a slug of the title
        message_id: 2,
        text: 'الخوارج فتنة على الأمة https://example.org/a',
        edited: 1,
        forwarded_from: null,
        media_kinds: '[]',
        links: '["https://example.org/a"]',
        posted_at: '2026-01-02T10:00:00.000Z',
      },
      {
        username: 'c1234567890', // the export has no username: its numeric id, never a slug of the title
        message_id: 3,
        text: 'Daily weather: sunny in Kabul.',
        edited: 0,
        forwarded_from: 'Other Channel',
        media_kinds: '["photo"]',
        links: '[]',
        posted_at: '2026-01-03T10:00:00.000Z',
      },
    ]);
    expect(await store.aggregateDrift()).toEqual([]);
  });

  it('reads the export in small chunks the same way (streaming)', async () => {
    const { readTelegramExport } = await import('../../src/import/read-telegram-export.js');
    // many messages so the scanner crosses chunk boundaries inside strings and objects
    const messages = Array.from({ length: 3000 }, (_, i) => ({ id: i + 1, type: 'message', date_unixtime: String(1767225600 + i * 60), text: `پیام شماره ${i} با "نقل‌قول" و {آکولاد} و [قلاب] \\ پایان` }));
    const f = file('big.json', JSON.stringify({ name: 'Big Test', type: 'public_channel', id: 42, messages }));
    let n = 0;
    let lastText = '';
    for await (const chunk of readTelegramExport(f, { batchSize: 500 })) {
      n += chunk.posts.length;
      lastText = chunk.posts.at(-1)?.text ?? lastText;
    }
    expect(n).toBe(3000);
    expect(lastText).toBe(messages[2999]!.text);
  });

  it('flattens text entity arrays', () => {
    expect(flattenText(['a ', { type: 'bold', text: 'b' }, ' c'])).toBe('a b c');
    expect(flattenText('plain')).toBe('plain');
    expect(flattenText(undefined)).toBe('');
  });

  const bad: [string, string, string, RegExp][] = [
    ['invalid JSON on line 3', 'bad.jsonl', jsonl.split('\n').slice(0, 2).join('\n') + '\n{"channel": "x", "id": 3,\n', /bad\.jsonl: line 3: invalid JSON/],
    ['a line that is not an object', 'arr.jsonl', jsonl + '\n[1, 2, 3]\n', /line 4: expected a JSON object/],
    ['a missing id', 'noid.jsonl', jsonl + '\n{"channel": "voice_test", "date": "2026-02-02T12:00:00Z", "text": "x"}\n', /line 4: "id" must be a positive integer/],
    ['text that is not a string', 'notext.jsonl', '{"channel": "voice_test", "id": 1, "date": "2026-02-02T12:00:00Z", "text": 5}\n' + jsonl, /line 1: "text" must be a string/],
    ['a date without a zone', 'nozone.jsonl', jsonl + '\n{"channel": "voice_test", "id": 9, "date": "2026-02-02 12:00", "text": "x"}\n', /line 4: "date" needs a time zone/],
    ['negative views', 'views.jsonl', jsonl + '\n{"channel": "voice_test", "id": 9, "date": "2026-02-02T12:00:00Z", "text": "x", "views": -4}\n', /line 4: "views" must be a non-negative integer/],
    ['a truncated Telegram export', 'cut.json', telegramExport.slice(0, telegramExport.length - 40), /cut\.json: .*truncated/],
    ['an export with no messages array', 'other.json', '{"name": "x", "chats": {"list": []}}', /not a Telegram Desktop chat export|full account export/],
    ['an export whose message has no id', 'noid.json', JSON.stringify({ name: 'Mirsaad Test', type: 'public_channel', id: 1, messages: [{ type: 'message', date_unixtime: '1767225600', text: 'x' }] }), /message #1.*no positive integer "id"/],
  ];

  it.each(bad)('rejects %s with a clear message and writes nothing', async (_name, fname, content, message) => {
    const { store, pipeline } = testPipeline();
    await expect(importFile(store, pipeline, file(fname, content))).rejects.toThrow(message);
    expect(count(store, 'posts')).toBe(0);
    expect(count(store, 'post_frames')).toBe(0);
    expect(count(store, 'daily_post_counts')).toBe(0);
  });

  it('a rejected file leaves earlier imports untouched', async () => {
    const { store, pipeline } = testPipeline();
    await importFile(store, pipeline, file('ok.jsonl', jsonl));
    const before = dump(store, 'SELECT id, text, content_hash FROM posts ORDER BY id');
    const edit = JSON.stringify({ channel: 'almirsaad_test', id: 101, date: '2026-02-01T06:00:00Z', text: 'changed text' });
    await expect(importFile(store, pipeline, file('bad.jsonl', `${edit}\n{oops}\n`))).rejects.toThrow(/line 2/);
    expect(dump(store, 'SELECT id, text, content_hash FROM posts ORDER BY id')).toEqual(before);
  });

  it('names a missing file', async () => {
    const { store, pipeline } = testPipeline();
    await expect(importFile(store, pipeline, '/nonexistent/posts.json')).rejects.toThrow(/cannot read/);
  });
});
