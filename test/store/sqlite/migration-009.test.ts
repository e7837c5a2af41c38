// Migration 009 (compact aggregates and posts) on a database written as the code of 008 wrote it:
// daily_frame_counts keyed by frame name with its (frame, day) index, every permalink and last_seen
// as text. After the migration every stored value reads back as before, the stored forms are those
// the new writer produces, every read of the application equals a database written by the new code,
// and the rewritten triggers keep the aggregates exact through edits, re-bucketing and removals.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTagger } from '../../../src/frames/load-tagger.js';
import { LEXICON_DIR } from '../../../src/paths.js';
import { createPipeline } from '../../../src/pipeline.js';
import { loadDigestData } from '../../../src/report/load-digest.js';
import { trendData } from '../../../src/report/trend-data.js';
import { syncFts } from '../../../src/store/sqlite/fts-index.js';
import { encodeHits, jsonHits } from '../../../src/store/sqlite/hits-codec.js';
import { closeDatabase, listMigrations, openDatabase } from '../../../src/store/sqlite/open-database.js';
import { lastSeenSql, permalinkSql } from '../../../src/store/sqlite/post-columns.js';
import { inspectSqlite, type SqlInspector } from '../../../src/store/sqlite/sqlite-inspect.js';
import type { SqliteStore } from '../../../src/store/sqlite/sqlite-store.js';
import { vocabOf } from '../../../src/store/sqlite/vocab.js';
import type { PostRecord, Store } from '../../../src/store/store.js';
import { parseTextQuery } from '../../../src/store/text-query.js';
import type { IncomingPost } from '../../../src/types.js';
import { dayInZone } from '../../../src/util/day-in-zone.js';
import { aggregates } from '../contract/store-contract.js';
import { benchPosts } from '../../helpers/bench-corpus.js';
import { pipelineRecords } from '../../helpers/pipeline-records.js';
import { openTestStore, tempDir, tempStore } from '../../helpers/temp-store.js';

const TZ = 'Asia/Kabul';
const SEEN = '2025-01-01T00:00:00.000Z';
const LATER = '2025-02-03T04:05:06.789Z';

/** Posts whose links are not the canonical https://t.me/<username>/<id>, in the four languages. */
const LINKED: IncomingPost[] = [
  // Dari, canonical (the collector's case): stored as the marker.
  { channel: 'kabul_dari', messageId: 41, postedAt: '2024-05-02T07:00:00Z', text: 'خوارج دشمنان اسلام و افغانستان هستند و مردم کابل از آنان بیزارند.' },
  // Pashto, no link at all (a private chat in an export): stays NULL.
  { channel: 'khost_pashto', messageId: 42, postedAt: '2024-05-02T08:00:00Z', text: 'د خوارجو ډله بیا ماته وخوړه او د کابل خلک خوشحاله دي.', permalink: null },
  // Arabic, linked by chat id: not canonical, kept as text.
  { channel: 'c4455', messageId: 43, postedAt: '2024-05-03T09:00:00Z', text: 'الخوارج فتنة على الأمة وطالبان يحكمون كابل.', permalink: 'https://t.me/c/4455/43' },
  // English, the username in another case and another host: not canonical, kept as text.
  { channel: 'almirsaad_en', messageId: 44, postedAt: '2024-05-03T10:00:00Z', text: 'The khawarij are the dogs of hellfire, says the Taliban spokesman in Kabul.', permalink: 'https://t.me/AlMirsaad_En/44' },
  { channel: 'almirsaad_en', messageId: 45, postedAt: '2024-05-04T11:00:00Z', text: 'Markets in Kabul opened early today; no khawarij attack was reported.', permalink: 'https://telegram.me/almirsaad_en/45' },
];

/** The records the pipeline gives the store for these posts. */
async function records(): Promise<PostRecord[]> {
  const out = await pipelineRecords([...benchPosts(400, 9), ...LINKED], SEEN);
  // Straight to the store, an empty link is a string like any other and must stay one.
  out.push({ ...out[0]!, messageId: 99_001, permalink: '' });
  return out;
}

/** Every fifth post is seen again later (the collector's touch): its last_seen differs. */
const seenAgain = (posts: PostRecord[]) => posts.filter((_, i) => i % 5 === 0);

/** A database at 008, written as the post writer of 008 wrote it. */
function oldDatabase(path: string, posts: PostRecord[]): void {
  const dir = join(tempDir(), 'migrations');
  mkdirSync(dir);
  for (const m of listMigrations().filter((m) => m.version <= 8)) writeFileSync(join(dir, m.name), m.sql);
  const db = openDatabase(path, { timezone: TZ, migrationsDir: dir });
  const vocab = vocabOf(db);
  const later = new Set(seenAgain(posts));
  const channel = db.prepare("INSERT INTO channels(username, created_at, updated_at) VALUES (?, 'x', 'x') ON CONFLICT(username) DO UPDATE SET username = username RETURNING id").pluck();
  const post = db.prepare(
    `INSERT INTO posts(channel_id, message_id, posted_at, day, text, lang, lang_guess, lang_confidence, lang_reason, views,
       forwarded_from, forwarded_from_url, reply_to, edited, media_kinds, permalink, signature, links, link_preview, is_service, source,
       content_hash, side, first_seen, last_seen)
     VALUES (${Array(25).fill('?').join(', ')}) RETURNING id`,
  ).pluck();
  const lexicon = db.prepare('INSERT INTO post_lexicon(post_id, lexicon_id) VALUES (?, ?)');
  const frame = db.prepare('INSERT INTO post_frames(post_id, frame_id, score, negated, quoted, flagged, hits) VALUES (?, ?, ?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (const p of posts) {
      const id = post.get(
        channel.get(p.channel), p.messageId, p.postedAt, dayInZone(p.postedAt, TZ), p.text, p.lang, p.langGuess, p.langConfidence,
        p.langReason, p.views, p.forwardedFrom, p.forwardedFromUrl, p.replyTo, p.edited ? 1 : 0,
        p.mediaKinds.length ? JSON.stringify(p.mediaKinds) : '[]', p.permalink, p.signature, p.links.length ? JSON.stringify(p.links) : '[]',
        p.linkPreview ? JSON.stringify(p.linkPreview) : null, p.isService ? 1 : 0, p.source, p.contentHash, p.side, SEEN,
        later.has(p) ? LATER : SEEN,
      ) as number;
      lexicon.run(id, vocab.idOf(p.lexiconVersion));
      for (const f of p.frames) {
        const flagged = f.hits.length > 0 && f.hits.every((h) => h.negated || h.quoted) ? 1 : 0;
        const frameId = vocab.idOf(f.frame); // before the hits' strings, as the writer does
        const hits = encodeHits(f.hits, p.text, vocab) ?? jsonHits(f.hits);
        frame.run(id, frameId, f.score, f.negated ? 1 : 0, f.quoted ? 1 : 0, flagged, hits);
      }
    }
    // The 004 rollup triggers fill daily_totals and daily_frame_totals from these.
    db.exec(`
      INSERT INTO daily_post_counts(day, channel_id, lang, posts) SELECT day, channel_id, lang, count(*) FROM posts GROUP BY 1, 2, 3;
      INSERT INTO daily_frame_counts(day, channel_id, lang, frame, posts, flagged_posts)
        SELECT p.day, p.channel_id, p.lang, v.value, count(*), sum(pf.flagged)
          FROM post_frames pf JOIN posts p ON p.id = pf.post_id JOIN vocab v ON v.id = pf.frame_id GROUP BY 1, 2, 3, 4;`);
  })();
  vocab.settle();
  syncFts(db);
  closeDatabase(db);
}

/** Every posts column as it reads back. */
const postColumns = (schema: 'old' | 'new') => `p.id, p.channel_id, p.message_id, p.posted_at, p.day, p.text, p.lang, p.lang_guess,
  p.lang_confidence, p.lang_reason, p.views, p.forwarded_from, p.forwarded_from_url, p.reply_to, p.edited, p.media_kinds,
  ${schema === 'old' ? 'p.permalink' : `${permalinkSql()} AS permalink`}, p.signature, p.links, p.link_preview, p.is_service, p.source,
  p.content_hash, p.side, p.first_seen, ${schema === 'old' ? 'p.last_seen' : `${lastSeenSql()} AS last_seen`}`;
/** Words in each script, for full-text lookups by row id. */
const FTS_WORDS = ['طالبان', 'خوارج', 'کابل', 'خوارجو', 'الخوارج', 'taliban', 'kabul', 'khawarij'];

/** The stored rows, read with SQL, frames by name. */
function rawRows(sql: SqlInspector, schema: 'old' | 'new') {
  const frameCounts =
    schema === 'old'
      ? 'SELECT day, channel_id, lang, frame, posts, flagged_posts FROM daily_frame_counts ORDER BY day, frame, channel_id, lang'
      : `SELECT d.day, d.channel_id, d.lang, v.value AS frame, d.posts, d.flagged_posts
           FROM daily_frame_counts d JOIN vocab v ON v.id = d.frame_id ORDER BY d.day, frame, d.channel_id, d.lang`;
  return {
    posts: sql.all(`SELECT ${postColumns(schema)} FROM posts p JOIN channels c ON c.id = p.channel_id ORDER BY p.id`),
    lexicon: sql.all('SELECT l.post_id, v.value FROM post_lexicon l JOIN vocab v ON v.id = l.lexicon_id ORDER BY l.post_id'),
    frames: sql.all(
      `SELECT pf.post_id, v.value AS frame, pf.score, pf.hits, pf.negated, pf.quoted, pf.flagged
         FROM post_frames pf JOIN vocab v ON v.id = pf.frame_id ORDER BY pf.post_id, v.value`,
    ),
    aggregates: [
      sql.all('SELECT * FROM daily_post_counts ORDER BY day, channel_id, lang'),
      sql.all(frameCounts),
      sql.all('SELECT * FROM daily_frame_totals ORDER BY day, frame'),
      sql.all('SELECT * FROM daily_totals ORDER BY day'),
    ],
    fts: FTS_WORDS.map((w) => sql.column('SELECT rowid FROM posts_fts WHERE posts_fts MATCH ? ORDER BY rowid', `"${w}"`)),
  };
}

/** Everything the application reads, through the port. */
async function reads(store: Store, posts: PostRecord[]) {
  const top = (await store.frameTotals()).slice(0, 3).map((f) => f.frame);
  const { lastDay } = await store.overview();
  const day = lastDay!;
  const text = parseTextQuery('کابل');
  const all = { from: '0000-01-01', to: '9999-12-31' };
  return {
    aggregates: await aggregates(store),
    stats: await store.stats(),
    span: await store.dataSpan(),
    totals: await store.frameTotals(),
    langs: await store.langTotals(),
    activity: await store.activity({ from: '2024-05-01', to: '2024-05-31' }),
    sharesByLang: await store.frameShares({ ...all, by: 'lang' }),
    sharesByChannel: await store.frameShares({ from: '2024-05-02', to: '2024-05-03', by: 'channel' }),
    sharesOfTop: await store.frameShares({ ...all, frames: top, by: 'channel' }),
    framesByLang: await store.dailyFrames({ from: '2024-03-01', to: '2024-06-30', by: ['lang'] }),
    framesOfTop: await store.dailyFrames({ ...all, frames: top.slice(0, 1), by: ['channel'] }),
    posts: await store.getPosts(posts.map((p) => ({ channel: p.channel, messageId: p.messageId }))),
    exported: await store.exportPosts(0, 10_000),
    scope: await store.scopePosts({}, 0, 10_000),
    byFrame: await store.queryPosts({ frames: top, limit: 50 }),
    linked: await store.queryPosts({ channels: ['kabul_dari', 'khost_pashto', 'c4455', 'almirsaad_en'], limit: 50 }),
    exclude: await store.queryPosts({ flags: 'exclude', langs: ['prs', 'pus'], sort: 'score', limit: 50 }),
    text: await store.queryPosts({ text, limit: 50 }),
    textScored: await store.queryPosts({ text, frames: top.slice(0, 1), sort: 'score', limit: 50 }),
    trend: await trendData(store, { interval: 'week', by: ['lang'] }),
    trendByChannel: await trendData(store, { interval: 'month', by: ['channel'], frames: top.slice(0, 2) }),
    trendPlain: await trendData(store, { interval: 'day' }),
    digest: { ...(await loadDigestData(store, day, TZ)), generatedAt: null },
    digestLinked: { ...(await loadDigestData(store, '2024-05-03', TZ)), generatedAt: null },
    cooccurrence: await store.cooccurrence({ from: '2024-01-01', to: day, frames: top }),
    examples: await store.exampleCandidates({ frames: top, from: '2024-01-01', to: day, order: 'best', perFrame: 5 }),
    recent: await store.exampleCandidates({ frames: top, from: '2024-01-01', to: day, order: 'recent', perFrame: 5 }),
    known: await store.knownFrames(),
  };
}

/** The same edits on both databases: an edit that moves a post to another day, a removed channel. */
async function edit(store: SqliteStore, posts: PostRecord[]): Promise<void> {
  const pipeline = createPipeline({ store, tagger: loadTagger(LEXICON_DIR) });
  const [a, b] = [posts[3]!, posts[7]!];
  await pipeline.ingest(
    [
      { channel: a.channel, messageId: a.messageId, postedAt: '2024-05-04T12:00:00Z', text: 'خوارج و مرتدین در کابل شکست خوردند.', edited: true },
      { channel: 'almirsaad_en', messageId: 44, postedAt: '2024-05-03T10:00:00Z', text: 'The khawarij fled Kabul.', edited: true },
    ],
    { seenAt: LATER },
  );
  await store.removeChannel(b.channel);
}

describe('migration 009: compact aggregates and posts', () => {
  it('an 008 database reads the same after it, in the form the new writer writes, and stays exact', async () => {
    const posts = await records();
    expect(new Set(posts.map((p) => p.lang))).toEqual(new Set(['prs', 'pus', 'arb', 'eng']));
    expect(posts.filter((p) => p.frames.length).length).toBeGreaterThan(200);

    const fresh = tempStore(TZ);
    await fresh.ingest({ posts, seenAt: SEEN });
    await fresh.ingest({ posts: seenAgain(posts), seenAt: LATER });
    await fresh.syncTextIndex();

    const path = join(tempDir(), 'old.sqlite');
    oldDatabase(path, posts);
    const before = inspectSqlite(path);
    const old = rawRows(before, 'old');
    expect(before.value("SELECT count(*) FROM sqlite_master WHERE name = 'daily_frame_counts_frame_day'")).toBe(1);
    before.close();
    expect(old.fts.every((ids) => ids.length > 0)).toBe(true);

    const migrated = openTestStore(path, { timezone: TZ });
    const sql = inspectSqlite(migrated);
    expect(sql.column('SELECT name FROM schema_migrations ORDER BY version').at(-1)).toBe('009-compact-aggregates.sql');
    expect(sql.value("SELECT count(*) FROM sqlite_master WHERE name = 'daily_frame_counts_frame_day'")).toBe(0);
    expect(await migrated.aggregateDrift()).toEqual([]);

    // Nothing lost, row for row: every post column as it reads back, lexicons, tags with their hits,
    // the four aggregate tables (frames by name) and the full-text matches.
    expect(rawRows(sql, 'new')).toEqual(old);

    // The links: canonical -> the marker, NULL stays NULL, any other link (and '') stays text.
    const link = (channel: string, id: number) =>
      sql.get<{ t: string; v: unknown }>(
        'SELECT typeof(p.permalink) AS t, p.permalink AS v FROM posts p JOIN channels c ON c.id = p.channel_id WHERE c.username = ? AND p.message_id = ?',
        channel,
        id,
      );
    expect(link('kabul_dari', 41)).toEqual({ t: 'blob', v: Buffer.alloc(0) });
    expect(link('khost_pashto', 42)).toEqual({ t: 'null', v: null });
    expect(link('c4455', 43)).toEqual({ t: 'text', v: 'https://t.me/c/4455/43' });
    expect(link('almirsaad_en', 44)).toEqual({ t: 'text', v: 'https://t.me/AlMirsaad_En/44' });
    expect(link('almirsaad_en', 45)).toEqual({ t: 'text', v: 'https://telegram.me/almirsaad_en/45' });
    expect(link(posts[0]!.channel, 99_001)).toEqual({ t: 'text', v: '' });
    const stored = await migrated.getPosts(LINKED.map((p) => ({ channel: p.channel, messageId: p.messageId })));
    expect(stored.map((p) => p.permalink)).toEqual([
      'https://t.me/kabul_dari/41',
      null,
      'https://t.me/c/4455/43',
      'https://t.me/AlMirsaad_En/44',
      'https://telegram.me/almirsaad_en/45',
    ]);
    expect(sql.value("SELECT count(*) FROM posts WHERE typeof(last_seen) = 'text'")).toBe(seenAgain(posts).length);
    const [again] = await migrated.getPosts([{ channel: seenAgain(posts)[1]!.channel, messageId: seenAgain(posts)[1]!.messageId }]);
    expect(again).toMatchObject({ firstSeen: SEEN, lastSeen: LATER });

    // Stored exactly as the new writer stores the same posts (ids, markers, hashes: every byte).
    const freshSql = inspectSqlite(fresh);
    expect(sql.all('SELECT * FROM posts ORDER BY id')).toEqual(freshSql.all('SELECT * FROM posts ORDER BY id'));
    expect(rawRows(freshSql, 'new')).toEqual(old);

    const want = await reads(fresh, posts);
    for (const k of ['sharesByChannel', 'framesByLang', 'framesOfTop', 'linked', 'text', 'examples', 'recent'] as const) {
      expect(want[k].length, k).toBeGreaterThan(0);
    }
    expect(await reads(migrated, posts)).toEqual(want);

    // The triggers rewritten for frame ids: an edit that moves a post's day, a link that changes,
    // a removed channel, then a change of time zone that re-buckets every post.
    await edit(fresh, posts);
    await edit(migrated, posts);
    expect(await migrated.aggregateDrift()).toEqual([]);
    expect(await reads(migrated, posts)).toEqual(await reads(fresh, posts));
    await fresh.close();
    await migrated.close();
    const freshUtc = openTestStore(fresh.location, { timezone: 'UTC' });
    const migratedUtc = openTestStore(path, { timezone: 'UTC' });
    expect(await migratedUtc.aggregateDrift()).toEqual([]);
    expect(await reads(migratedUtc, posts)).toEqual(await reads(freshUtc, posts));
    await migratedUtc.rebuildAggregates();
    expect(await migratedUtc.aggregateDrift()).toEqual([]);
    expect(await reads(migratedUtc, posts)).toEqual(await reads(freshUtc, posts));
  }, 120_000);
});
