// Issue 14: what a new user and an adversary did to `import` (items 2, 3, 11, 13, 14) and `import --side`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { formatImportResult, importFile } from '../../src/import/import-files.js';
import { readTelegramExport } from '../../src/import/read-telegram-export.js';
import type { IncomingPost } from '../../src/types.js';
import { runCli } from '../helpers/run-cli.js';
import { permalinkSql } from '../../src/store/sqlite/post-columns.js';
import { inspectSqlite } from '../../src/store/sqlite/sqlite-inspect.js';
import { count, dump, tempDir, testPipeline } from '../helpers/temp-store.js';

function file(name: string, content: string | Buffer, dir = tempDir()): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

/** The stored permalink as it reads back (009 keeps the canonical one as a marker). */
const LINKED = `posts p JOIN channels c ON c.id = p.channel_id`;
const PERMALINK = `${permalinkSql()} AS permalink`;

const jsonl = (...recs: object[]) => recs.map((r) => JSON.stringify(r)).join('\n') + '\n';
const post = (id: number, extra: object = {}) => ({ channel: 'almirsaad', id, date: '2026-02-01T06:00:00Z', text: 'د خوارجو فتنه د ټول امت لپاره خطر دی.', ...extra });

const exportOf = (messages: object[], header: object = { name: 'Al Mirsaad Media', type: 'public_channel', id: 1234567890 }) =>
  JSON.stringify({ ...header, messages }, null, 1);
const message = (id: number, extra: object = {}) => ({ id, type: 'message', date: '2026-01-02T10:00:00', date_unixtime: '1767348000', text: 'الخوارج فتنة على الأمة', ...extra });

async function rejects(content: string | Buffer, name: string, message: RegExp) {
  const { store, pipeline } = testPipeline();
  await expect(importFile(store, pipeline, file(name, content))).rejects.toThrow(message);
  expect(count(store, 'posts')).toBe(0);
  expect(count(store, 'daily_post_counts')).toBe(0);
}

describe('item 2: impossible dates are refused, naming the line', () => {
  it('a millisecond "date" in JSON Lines (was the year 55840)', async () => {
    await rejects(jsonl(post(1), post(2, { date: 1700000000000 })), 'ms.jsonl', /ms\.jsonl: line 2: "date" is more than a day in the future: 1700000000000 looks like milliseconds/);
  });

  it('a millisecond date_unixtime in a Telegram export', async () => {
    const content = exportOf([message(1), message(2, { date_unixtime: '1700000000000' })]);
    // The message's "{" is the line before its "id".
    const line = content.split('\n').findIndex((l) => l.includes('"id": 2'));
    await rejects(content, 'result.json', new RegExp(`result\\.json: line ${line}, message #2: message 2: "date_unixtime" is more than a day in the future: "1700000000000" looks like milliseconds`));
  });

  it('0000-01-01 (was stored as 1901)', async () => {
    await rejects(jsonl(post(1, { date: '0000-01-01T00:00:00Z' })), 'zero.jsonl', /line 1: "date" is before 2013-08-01 .*: "0000-01-01T00:00:00Z"/);
  });

  it('2024-02-30 (was stored as 2024-03-01)', async () => {
    await rejects(jsonl(post(1), post(2), post(3, { date: '2024-02-30T12:00:00Z' })), 'feb.jsonl', /line 3: "date" is not a calendar date: "2024-02-30T12:00:00Z"/);
    await rejects(exportOf([message(1, { date_unixtime: undefined, date: '2024-02-30T12:00:00' })]), 'result.json', /message 1: "date" is not a calendar date: "2024-02-30T12:00:00"/);
  });

  it('+275760-09-13 (was a stack trace) is one line on the command line, exit 1', () => {
    const f = file('far.jsonl', jsonl(post(1, { date: '+275760-09-13T00:00:00Z' })));
    const r = runCli(['--db', join(tempDir(), 'db.sqlite'), 'import', f]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/far\.jsonl: line 1: "date" is not an ISO 8601 date.*: "\+275760-09-13T00:00:00Z"; nothing was imported/)]);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a date more than a day ahead', async () => {
    const soon = new Date(Date.now() + 3 * 86_400_000).toISOString();
    await rejects(jsonl(post(1, { date: soon })), 'ahead.jsonl', /line 1: "date" is more than a day in the future: "/);
  });

  it('the pipeline refuses such dates from any source (skipped with a reason, never stored)', async () => {
    const { store, pipeline } = testPipeline();
    const base: IncomingPost = { channel: 'kabul_voice', messageId: 1, postedAt: '2026-02-01T06:00:00.000Z', text: 'خوارج دشمنان اسلام و مردم افغانستان هستند.' };
    const c = await pipeline.ingest([
      base,
      { ...base, messageId: 2, postedAt: new Date(1700000000000 * 1000).toISOString() },
      { ...base, messageId: 3, postedAt: '0000-01-01T00:00:00Z' },
      { ...base, messageId: 4, postedAt: '2024-02-30T00:00:00Z' },
      { ...base, messageId: 5, postedAt: '+275760-09-13T00:00:00.000Z' },
      { ...base, messageId: 6, postedAt: new Date(Date.now() + 2 * 86_400_000).toISOString() },
    ]);
    // The year 55840 and +275760 are not even ISO dates of four-digit years: "bad date".
    expect(c).toMatchObject({ new: 1, skipped: 5, skippedReasons: { 'date out of range': 2, 'bad date': 3 } });
    expect(dump(store, 'SELECT message_id, day FROM posts')).toEqual([{ message_id: 1, day: '2026-02-01' }]);
  });
});

describe('item 3: only valid UTF-8 is stored, and the repairs are counted', () => {
  const bad = Buffer.concat([
    Buffer.from('{"channel":"almirsaad","id":1,"date":"2026-02-01T06:00:00Z","text":"د خوارجو '),
    Buffer.from([0xed, 0xa0, 0x80]), // a surrogate encoded as UTF-8: not valid UTF-8
    Buffer.from(' فتنه '),
    Buffer.from([0xff]),
    Buffer.from(' \uFFFD real"}\n'), // a real U+FFFD (EF BF BD) is text, not a repair
    Buffer.from('{"channel":"almirsaad","id":2,"date":"2026-02-01T07:00:00Z","text":"lone \\ud800 and \\udc00 surrogates, a pair \\ud83d\\ude00"}\n'),
  ]);

  it('JSON Lines: invalid bytes and lone surrogates become U+FFFD, counted in the summary', async () => {
    const { store, pipeline } = testPipeline();
    const r = await importFile(store, pipeline, file('bad-utf8.jsonl', bad));
    // ED A0 80 → 3 replacements (WHATWG decoding), FF → 1, two lone surrogates → 2.
    expect(r).toMatchObject({ new: 2, replacedChars: 6 });
    expect(formatImportResult(r)).toMatch(/; 6 invalid characters replaced by U\+FFFD$/);
    const rows = dump(store, 'SELECT message_id, text, hex(text) AS hex, hex(fw_normalize(text)) AS nhex FROM posts ORDER BY message_id') as {
      text: string;
      hex: string;
      nhex: string;
    }[];
    expect(rows[0]!.text).toBe('د خوارجو \uFFFD\uFFFD\uFFFD فتنه \uFFFD \uFFFD real');
    expect(rows[1]!.text).toBe('lone \uFFFD and \uFFFD surrogates, a pair 😀');
    for (const row of rows) {
      expect(row.hex).not.toMatch(/^(..)*ED[A-B]/); // no encoded surrogate in the stored bytes
      expect(row.nhex).not.toMatch(/^(..)*ED[A-B]/);
      expect(Buffer.from(row.hex, 'hex').toString('utf8')).toBe(row.text);
    }
  });

  it('a Telegram export: same repairs; a clean file reports none', async () => {
    const { store, pipeline } = testPipeline();
    // JSON.stringify writes the lone surrogate as the escape \ud800.
    const content = exportOf([message(1, { text: ['الخوارج \ud800', { type: 'bold', text: 'فتنة' }] })]);
    expect(content).toContain('\\ud800');
    const withBytes = Buffer.concat([Buffer.from(content.slice(0, content.indexOf('فتنة'))), Buffer.from([0xc3]), Buffer.from(content.slice(content.indexOf('فتنة')))]);
    const r = await importFile(store, pipeline, file('result.json', withBytes));
    expect(r).toMatchObject({ new: 1, replacedChars: 2 });
    expect(dump(store, 'SELECT text FROM posts')).toEqual([{ text: 'الخوارج \uFFFD\uFFFDفتنة' }]);
    const t = testPipeline();
    const clean = await importFile(t.store, t.pipeline, file('result.json', exportOf([message(1)])));
    expect(clean.replacedChars).toBe(0);
    expect(formatImportResult(clean)).not.toMatch(/replaced/);
  });

  it('the pipeline repairs and counts lone surrogates from any source (collect too), and re-tags from the repaired text', async () => {
    const { store, pipeline } = testPipeline();
    const c = await pipeline.ingest([
      { channel: 'kabul_voice', messageId: 1, postedAt: '2026-02-01T06:00:00Z', text: 'خوارج \ud800 فتنه', signature: 'x\udfff', links: ['https://t.me/a\ud800'] },
    ]);
    expect(c).toMatchObject({ new: 1, replacedChars: 3 });
    expect(dump(store, 'SELECT text, signature, links FROM posts')).toEqual([{ text: 'خوارج \uFFFD فتنه', signature: 'x\uFFFD', links: '["https://t.me/a\uFFFD"]' }]);
  });
});

describe('item 11: only a t.me / telegram.me URL becomes the post link', () => {
  it('a look-alike url stays as data; the link is the channel’s own t.me link', async () => {
    const { store, pipeline } = testPipeline();
    await importFile(
      store,
      pipeline,
      file(
        'urls.jsonl',
        jsonl(
          post(1, { url: 'https://t.me.evil.example/almirsaad/1' }),
          post(2, { url: 'https://evil.example/almirsaad/2' }),
          post(3, { url: 'https://t.me@evil.example/almirsaad/3' }),
          post(4, { url: 'https://t.me/almirsaad_fake/4' }),
          post(5, { url: 'https://telegram.me/almirsaad/5' }),
          post(6, { url: 'https://t.me/s/almirsaad/6' }),
          post(7),
        ),
      ),
    );
    expect(dump(store, `SELECT p.message_id, ${PERMALINK}, p.links FROM ${LINKED} ORDER BY p.message_id`)).toEqual([
      { message_id: 1, permalink: 'https://t.me/almirsaad/1', links: '["https://t.me.evil.example/almirsaad/1"]' },
      { message_id: 2, permalink: 'https://t.me/almirsaad/2', links: '["https://evil.example/almirsaad/2"]' },
      { message_id: 3, permalink: 'https://t.me/almirsaad/3', links: '["https://t.me@evil.example/almirsaad/3"]' },
      { message_id: 4, permalink: 'https://t.me/almirsaad/4', links: '["https://t.me/almirsaad_fake/4"]' },
      { message_id: 5, permalink: 'https://telegram.me/almirsaad/5', links: '[]' },
      { message_id: 6, permalink: 'https://t.me/s/almirsaad/6', links: '[]' },
      { message_id: 7, permalink: 'https://t.me/almirsaad/7', links: '[]' },
    ]);
  });

  it('the pipeline never stores another host as a permalink, whatever the source', async () => {
    const { store, pipeline } = testPipeline();
    await pipeline.ingest([
      { channel: 'kabul_voice', messageId: 1, postedAt: '2026-02-01T06:00:00Z', text: 'خوارج', permalink: 'https://evil.example/kabul_voice/1' },
      { channel: 'kabul_voice', messageId: 2, postedAt: '2026-02-01T06:00:00Z', text: 'خوارج', permalink: 'javascript:alert(1)' },
      { channel: 'kabul_voice', messageId: 3, postedAt: '2026-02-01T06:00:00Z', text: 'خوارج', permalink: 'https://t.me/kabul_voice/3' },
    ]);
    expect(dump(store, `SELECT p.message_id, ${PERMALINK} FROM ${LINKED} ORDER BY p.message_id`)).toEqual([
      { message_id: 1, permalink: null },
      { message_id: 2, permalink: null },
      { message_id: 3, permalink: 'https://t.me/kabul_voice/3' },
    ]);
  });
});

describe('item 14: links only from a known username, never from a title', () => {
  const messages = [message(1), message(2, { text: ['خوارج ', { type: 'text_link', text: 'هنا', href: 'https://evil.example/x' }] })];

  it('an export without a username is stored under c<id> and linked by id (t.me/c/<id>/<message>)', async () => {
    const { store, pipeline } = testPipeline();
    const r = await importFile(store, pipeline, file('result.json', exportOf(messages)));
    expect(r.chats).toEqual([{ channel: 'c1234567890', username: null, name: 'Al Mirsaad Media', type: 'public_channel' }]);
    expect(dump(store, 'SELECT username FROM channels')).toEqual([{ username: 'c1234567890' }]);
    expect(dump(store, `SELECT ${PERMALINK}, p.links FROM ${LINKED} ORDER BY p.message_id`)).toEqual([
      { permalink: 'https://t.me/c/1234567890/1', links: '[]' },
      { permalink: 'https://t.me/c/1234567890/2', links: '["https://evil.example/x"]' },
    ]);
    expect(JSON.stringify(dump(store, 'SELECT * FROM posts'))).not.toMatch(/al_mirsaad_media/);
  });

  it('--channel USERNAME names the channel, and links follow it', async () => {
    const { store, pipeline } = testPipeline();
    await importFile(store, pipeline, file('result.json', exportOf(messages)), { channel: 'almirsaad' });
    expect(dump(store, `SELECT c.username, ${PERMALINK} FROM ${LINKED} ORDER BY p.message_id`)).toEqual([
      { username: 'almirsaad', permalink: 'https://t.me/almirsaad/1' },
      { username: 'almirsaad', permalink: 'https://t.me/almirsaad/2' },
    ]);
  });

  it('a username in the export is used; a chat with neither username nor id needs --channel', async () => {
    const { store, pipeline } = testPipeline();
    await importFile(store, pipeline, file('result.json', exportOf([message(3)], { name: 'Al Mirsaad', type: 'public_channel', id: 99, username: 'AlMirsaad' })));
    expect(dump(store, `SELECT ${PERMALINK} FROM ${LINKED}`)).toEqual([{ permalink: 'https://t.me/almirsaad/3' }]);
    await rejects(exportOf([message(1)], { name: 'Al Mirsaad Media', type: 'public_channel' }), 'result.json', /neither a numeric "id" nor a username; import it with --channel USERNAME/);
  });

  it('a private chat in an export gets no link at all', async () => {
    const { store, pipeline } = testPipeline();
    await importFile(store, pipeline, file('result.json', exportOf([message(1)], { name: 'Friend', type: 'personal_chat', id: 555 })));
    expect(dump(store, `SELECT ${PERMALINK} FROM ${LINKED}`)).toEqual([{ permalink: null }]);
  });

  it('JSON Lines: the "channel" field is the username', async () => {
    const { store, pipeline } = testPipeline();
    await importFile(store, pipeline, file('p.jsonl', jsonl(post(1, { channel: '@AlMirsaad' }))));
    expect(dump(store, `SELECT ${PERMALINK} FROM ${LINKED}`)).toEqual([{ permalink: 'https://t.me/almirsaad/1' }]);
  });
});

describe('item 13: folders, full account exports and standard input', () => {
  const account = JSON.stringify(
    {
      about: 'Here is the data you requested.',
      personal_information: { user_id: 5, first_name: 'Analyst', about: '{"messages": [' },
      contacts: { about: 'contacts', list: [{ first_name: 'x', date_unixtime: '1' }] },
      chats: {
        about: 'This page lists all chats from this export.',
        list: [
          { name: 'Al Mirsaad', type: 'public_channel', id: 111111, messages: [message(5), message(6, { type: 'service', action: 'pin_message' })] },
          { name: 'Khurasan Voice', type: 'private_channel', id: 222222, messages: [message(7, { text: 'خلافت راشده' })] },
        ],
      },
      left_chats: { about: 'left', list: [{ name: 'Old Group', type: 'private_supergroup', id: 333333, messages: [message(9)] }] },
    },
    null,
    1,
  );

  it('a Telegram Desktop export folder imports its result.json (was EISDIR)', async () => {
    const { store, pipeline } = testPipeline();
    const dir = join(tempDir(), 'ChatExport_2026-03-01');
    mkdirSync(dir);
    file('result.json', exportOf([message(1)]), dir);
    const r = await importFile(store, pipeline, dir);
    expect(r).toMatchObject({ file: join(dir, 'result.json'), format: 'telegram', new: 1 });
  });

  it('a folder without result.json is one line on the command line, exit 1', () => {
    const r = runCli(['--db', join(tempDir(), 'db.sqlite'), 'import', tempDir()]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/a folder without result\.json/)]);
  });

  it('a full account export (chats.list) imports each chat as its own channel', async () => {
    const { store, pipeline } = testPipeline();
    const r = await importFile(store, pipeline, file('result.json', account));
    expect(r).toMatchObject({ new: 3, skipped: 1 });
    expect(r.chats.map((c) => c.channel)).toEqual(['c111111', 'c222222', 'c333333']);
    expect(formatImportResult(r)).toMatch(/\(telegram, 3 chats\): 3 new/);
    expect(dump(store, `SELECT c.username, p.message_id, ${PERMALINK} FROM ${LINKED} ORDER BY 2`)).toEqual([
      { username: 'c111111', message_id: 5, permalink: 'https://t.me/c/111111/5' },
      { username: 'c222222', message_id: 7, permalink: 'https://t.me/c/222222/7' },
      { username: 'c333333', message_id: 9, permalink: 'https://t.me/c/333333/9' },
    ]);
  });

  it('a full account export with --channel, or without chats, says exactly what it is', async () => {
    const { store, pipeline } = testPipeline();
    await expect(importFile(store, pipeline, file('result.json', account), { channel: 'almirsaad' })).rejects.toThrow(
      /full account export holds many chats and --channel names one/,
    );
    await rejects(JSON.stringify({ about: 'x', personal_information: {}, contacts: { list: [] } }, null, 1), 'result.json', /no "messages" array: not a Telegram Desktop chat export/);
    await rejects(JSON.stringify({ about: 'x', chats: { about: 'y', list: [] } }, null, 1), 'result.json', /a full account export with no chats in it/);
  });

  it('"-" reads standard input (JSON Lines or an export)', async () => {
    const { store, pipeline } = testPipeline();
    const r = await importFile(store, pipeline, '-', { stdin: Readable.from([Buffer.from(jsonl(post(1), post(2)))]) });
    expect(r).toMatchObject({ file: 'stdin', format: 'jsonl', new: 2 });
    const e = await importFile(store, pipeline, '-', { stdin: Readable.from([Buffer.from(exportOf([message(1)]))]) });
    expect(e).toMatchObject({ format: 'telegram', new: 1 });
  });

  it('`framewatch import -` on the command line', () => {
    const db = join(tempDir(), 'db.sqlite');
    const r = runCli(['--db', db, 'import', '-'], { input: jsonl(post(1), post(2)) });
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^stdin \(jsonl\): 2 new/);
    expect(runCli(['--db', db, 'import', '-', '-'], { input: '' }).code).toBe(2);
  });
});

describe('item 22: a maintained streaming JSON parser reads the export', () => {
  it('names the line of a syntax error', async () => {
    const content = exportOf([message(1), message(2)]).replace('"id": 2,', '"id": 2,,');
    const line = content.split('\n').findIndex((l) => l.includes('"id": 2,,')) + 1;
    await rejects(content, 'result.json', new RegExp(`result\\.json: line ${line}: invalid JSON`));
  });

  it('reads a one-line (minified) export of many messages the same way', async () => {
    const messages = Array.from({ length: 2500 }, (_, i) => message(i + 1, { date_unixtime: String(1767225600 + i * 60), text: `پیام ${i} "نقل‌قول" {آکولاد} [قلاب] \\ ${'ښ'.repeat(i % 50)}` }));
    const f = file('result.json', JSON.stringify({ name: 'Big', type: 'public_channel', id: 42, messages }));
    let n = 0;
    let last: IncomingPost | undefined;
    for await (const chunk of readTelegramExport(f, { batchSize: 300 })) {
      n += chunk.posts.length;
      last = chunk.posts.at(-1) ?? last;
    }
    expect(n).toBe(2500);
    expect(last?.text).toBe(messages[2499]!.text);
    expect(last?.permalink).toBe('https://t.me/c/42/2500');
  });
});

describe('import --side', () => {
  it('every imported post and the channel row carry the side', async () => {
    const { store, pipeline } = testPipeline();
    await importFile(store, pipeline, file('p.jsonl', jsonl(post(1), post(2))), { side: 'taliban' });
    await importFile(store, pipeline, file('result.json', exportOf([message(1)])), { side: 'iskp' });
    expect(dump(store, 'SELECT c.username, c.side AS channel_side, p.message_id, p.side FROM posts p JOIN channels c ON c.id = p.channel_id ORDER BY 1, 3')).toEqual([
      { username: 'almirsaad', channel_side: 'taliban', message_id: 1, side: 'taliban' },
      { username: 'almirsaad', channel_side: 'taliban', message_id: 2, side: 'taliban' },
      { username: 'c1234567890', channel_side: 'iskp', message_id: 1, side: 'iskp' },
    ]);
  });

  it('on the command line; a bad value is a one-line usage error (exit 2)', () => {
    const db = join(tempDir(), 'db.sqlite');
    const f = file('p.jsonl', jsonl(post(1)));
    expect(runCli(['--db', db, 'import', f, '--side', 'iskp']).code).toBe(0);
    const d = inspectSqlite(db);
    try {
      expect(d.all('SELECT p.side, c.side AS channel_side FROM posts p JOIN channels c ON c.id = p.channel_id')).toEqual([{ side: 'iskp', channel_side: 'iskp' }]);
    } finally {
      d.close();
    }
    const bad = runCli(['--db', db, 'import', f, '--side', 'daesh']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toEqual(['framewatch: --side: "daesh" must be one of taliban, iskp']);
    expect(runCli(['import', '--help']).stdout).toMatch(/--side <side>.*taliban \| iskp/s);
  });
});
