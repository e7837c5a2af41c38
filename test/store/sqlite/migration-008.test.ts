// Migration 008 (compact storage) on a database written by the code before it: posts with their
// normalized text and lexicon version, JSON hits, an external-content FTS index and the aggregates.
// After the migration every read gives what a database written by the new code gives, the
// aggregates stay exact, and reclassify rewrites the JSON rows compactly without changing a tag.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTagger } from '../../../src/frames/load-tagger.js';
import { LEXICON_DIR } from '../../../src/paths.js';
import { normalizeText } from '../../../src/language/normalize.js';
import { reclassify } from '../../../src/reclassify.js';
import { loadDigestData } from '../../../src/report/load-digest.js';
import { trendData } from '../../../src/report/trend-data.js';
import { closeDatabase, listMigrations, openDatabase } from '../../../src/store/sqlite/open-database.js';
import { lastSeenSql, permalinkSql } from '../../../src/store/sqlite/post-columns.js';
import { inspectSqlite, type SqlInspector } from '../../../src/store/sqlite/sqlite-inspect.js';
import type { PostRecord, Store } from '../../../src/store/store.js';
import { parseTextQuery } from '../../../src/store/text-query.js';
import { dayInZone } from '../../../src/util/day-in-zone.js';
import { aggregates } from '../contract/store-contract.js';
import { benchPosts } from '../../helpers/bench-corpus.js';
import { pipelineRecords } from '../../helpers/pipeline-records.js';
import { openTestStore, tempDir, tempStore } from '../../helpers/temp-store.js';

const TZ = 'Asia/Kabul';
const SEEN = '2025-01-01T00:00:00.000Z';

/** The records the pipeline gives the store for these posts. */
const records = (): Promise<PostRecord[]> => pipelineRecords(benchPosts(600, 7), SEEN);

/** A database of the schema before 008, written as the post writer of that time wrote. */
function oldDatabase(path: string, posts: PostRecord[]): void {
  const dir = join(tempDir(), 'migrations');
  mkdirSync(dir);
  for (const m of listMigrations().filter((m) => m.version < 8)) writeFileSync(join(dir, m.name), m.sql);
  const db = openDatabase(path, { timezone: TZ, migrationsDir: dir });
  const channel = db.prepare("INSERT INTO channels(username, created_at, updated_at) VALUES (?, 'x', 'x') ON CONFLICT(username) DO UPDATE SET username = username RETURNING id").pluck();
  const post = db.prepare(
    `INSERT INTO posts(channel_id, message_id, posted_at, day, text, normalized_text, lang, lang_guess, lang_confidence, lang_reason, views,
       forwarded_from, forwarded_from_url, reply_to, edited, media_kinds, permalink, signature, links, link_preview, is_service, source,
       content_hash, lexicon_version, side, first_seen, last_seen)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
  ).pluck();
  const frame = db.prepare(
    'INSERT INTO post_frames(post_id, frame, score, hits, negated, quoted, flagged, lexicon_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  db.transaction(() => {
    for (const p of posts) {
      const id = post.get(
        channel.get(p.channel), p.messageId, p.postedAt, dayInZone(p.postedAt, TZ), p.text, normalizeText(p.text), p.lang, p.langGuess,
        p.langConfidence, p.langReason, p.views, p.forwardedFrom, p.forwardedFromUrl, p.replyTo, p.edited ? 1 : 0,
        JSON.stringify(p.mediaKinds), p.permalink, p.signature, JSON.stringify(p.links), null, p.isService ? 1 : 0, p.source,
        p.contentHash, p.lexiconVersion, p.side, SEEN, SEEN,
      );
      for (const f of p.frames) {
        const flagged = f.hits.length > 0 && f.hits.every((h) => h.negated || h.quoted) ? 1 : 0;
        const hits = JSON.stringify(f.hits.map(({ frame: _f, ...h }) => h));
        frame.run(id, f.frame, f.score, hits, f.negated ? 1 : 0, f.quoted ? 1 : 0, flagged, p.lexiconVersion);
      }
    }
    db.exec(`
      INSERT INTO daily_post_counts(day, channel_id, lang, posts) SELECT day, channel_id, lang, count(*) FROM posts GROUP BY 1, 2, 3;
      INSERT INTO daily_frame_counts(day, channel_id, lang, frame, posts, flagged_posts)
        SELECT p.day, p.channel_id, p.lang, pf.frame, count(*), sum(pf.flagged) FROM post_frames pf JOIN posts p ON p.id = pf.post_id GROUP BY 1, 2, 3, 4;
      INSERT INTO posts_fts(rowid, normalized_text) SELECT id, normalized_text FROM posts;
      INSERT INTO settings(key, value) SELECT 'fts_indexed_upto', max(id) FROM posts;`);
  })();
  closeDatabase(db);
}

/**
 * Raw columns that 008 keeps as they were (normalized_text and lexicon_version move or go); after
 * 009 the permalink and last_seen as they read back (migration-009.test.ts checks their stored form).
 */
const postColumns = (schema: 'old' | 'new') => `p.id, p.channel_id, p.message_id, p.posted_at, p.day, p.text, p.lang, p.lang_guess, p.lang_confidence, p.lang_reason,
  p.views, p.forwarded_from, p.forwarded_from_url, p.reply_to, p.edited, p.media_kinds,
  ${schema === 'old' ? 'p.permalink' : `${permalinkSql()} AS permalink`}, p.signature, p.links,
  p.link_preview, p.is_service, p.source, p.content_hash, p.side, p.first_seen, ${schema === 'old' ? 'p.last_seen' : `${lastSeenSql()} AS last_seen`}`;
/** The aggregate tables; daily_frame_counts holds frame ids from 009 on. */
const aggregateSql = (schema: 'old' | 'new') => [
  'SELECT * FROM daily_post_counts ORDER BY day, channel_id, lang',
  schema === 'old'
    ? 'SELECT * FROM daily_frame_counts ORDER BY day, frame, channel_id, lang'
    : `SELECT d.day, d.channel_id, d.lang, v.value AS frame, d.posts, d.flagged_posts
         FROM daily_frame_counts d JOIN vocab v ON v.id = d.frame_id ORDER BY d.day, frame, d.channel_id, d.lang`,
  'SELECT * FROM daily_frame_totals ORDER BY day, frame',
  'SELECT * FROM daily_totals ORDER BY day',
];
/** Words in each script the bench corpus uses, for full-text lookups by row id. */
const FTS_WORDS = ['طالبان', 'خوارج', 'کابل', 'داعش', 'الخوارج', 'taliban', 'kabul'];

/** The stored rows themselves, read with SQL: what must survive the migration unchanged. */
function rawRows(sql: SqlInspector, schema: 'old' | 'new') {
  const lexicon =
    schema === 'old'
      ? 'SELECT id, lexicon_version FROM posts ORDER BY id'
      : 'SELECT p.id, v.value AS lexicon_version FROM posts p LEFT JOIN post_lexicon l ON l.post_id = p.id LEFT JOIN vocab v ON v.id = l.lexicon_id ORDER BY p.id';
  const frames =
    schema === 'old'
      ? 'SELECT post_id, frame, score, hits, negated, quoted, flagged FROM post_frames ORDER BY post_id, frame'
      : `SELECT pf.post_id, v.value AS frame, pf.score, pf.hits, pf.negated, pf.quoted, pf.flagged
           FROM post_frames pf JOIN vocab v ON v.id = pf.frame_id ORDER BY pf.post_id, v.value`;
  return {
    posts: sql.all(`SELECT ${postColumns(schema)} FROM posts p JOIN channels c ON c.id = p.channel_id ORDER BY p.id`),
    lexicon: sql.all(lexicon),
    frames: sql.all(frames),
    aggregates: aggregateSql(schema).map((q) => sql.all(q)),
    fts: FTS_WORDS.map((w) => sql.column("SELECT rowid FROM posts_fts WHERE posts_fts MATCH ? ORDER BY rowid", `"${w}"`)),
  };
}

/** Everything the application reads, through the port. */
async function reads(store: Store, posts: PostRecord[]) {
  const top = (await store.frameTotals()).slice(0, 3).map((f) => f.frame);
  const { lastDay } = await store.overview();
  const day = lastDay!;
  const kabul = parseTextQuery('طالبان');
  return {
    aggregates: await aggregates(store),
    stats: await store.stats(),
    posts: await store.getPosts(posts.map((p) => ({ channel: p.channel, messageId: p.messageId }))),
    byFrame: await store.queryPosts({ frames: top, limit: 50 }),
    all: await store.queryPosts({ frames: top, match: 'all', since: '2024-03-01T00:00:00Z', until: '2024-09-01T00:00:00Z', limit: 50 }),
    exclude: await store.queryPosts({ flags: 'exclude', langs: ['prs', 'pus'], sort: 'score', limit: 50 }),
    only: await store.queryPosts({ flags: 'only', limit: 50 }),
    text: await store.queryPosts({ text: kabul, limit: 50 }),
    textScored: await store.queryPosts({ text: kabul, frames: top.slice(0, 1), sort: 'score', limit: 50 }),
    trend: await trendData(store, { interval: 'week', by: ['lang'] }),
    digest: { ...(await loadDigestData(store, day, TZ)), generatedAt: null },
    cooccurrence: await store.cooccurrence({ from: '2024-01-01', to: day, frames: top }),
    examples: await store.exampleCandidates({ frames: top, from: '2024-01-01', to: day, order: 'best', perFrame: 5 }),
    recent: await store.exampleCandidates({ frames: top, from: '2024-01-01', to: day, order: 'recent', perFrame: 5 }),
    known: await store.knownFrames(),
  };
}

describe('migration 008: compact storage', () => {
  it('an older database reads the same after it, stays exact, and reclassify compacts it without changing a tag', async () => {
    const posts = await records();
    expect(posts.filter((p) => p.frames.length).length).toBeGreaterThan(300);

    const fresh = tempStore(TZ);
    await fresh.ingest({ posts, seenAt: SEEN });
    await fresh.syncTextIndex();

    const path = join(tempDir(), 'old.sqlite');
    oldDatabase(path, posts);
    const before = inspectSqlite(path);
    const oldTags = before.value<number>('SELECT count(*) FROM post_frames');
    const old = rawRows(before, 'old');
    before.close();
    expect(old.fts.filter((ids) => ids.length > 0).length).toBeGreaterThanOrEqual(4);
    expect(old.lexicon.every((r) => typeof r.lexicon_version === 'string')).toBe(true);

    const migrated = openTestStore(path, { timezone: TZ });
    const sql = inspectSqlite(migrated);
    expect(sql.column('SELECT name FROM schema_migrations ORDER BY version')).toContain('008-compact-storage.sql');
    expect(sql.value("SELECT count(*) FROM post_frames WHERE typeof(hits) = 'text'")).toBe(oldTags);
    expect(await migrated.aggregateDrift()).toEqual([]);
    const want = await reads(fresh, posts);
    for (const k of ['byFrame', 'all', 'exclude', 'only', 'text', 'textScored', 'cooccurrence', 'examples', 'recent'] as const) {
      expect(want[k].length, k).toBeGreaterThan(0);
    }
    expect(await reads(migrated, posts)).toEqual(want);
    // Nothing lost, row for row: posts, which lexicon tagged them, every tag with its JSON hits as
    // stored, the four aggregate tables, and the full-text index rebuilt to the same rows.
    await migrated.syncTextIndex();
    expect(rawRows(sql, 'new')).toEqual(old);

    // Reclassify with the same lexicons: nothing changes, the JSON rows are rewritten compactly.
    const r = await reclassify(migrated, loadTagger(LEXICON_DIR));
    expect(r).toMatchObject({ posts: posts.length, changedPosts: 0, framesBefore: oldTags, framesAfter: oldTags });
    expect(sql.value("SELECT count(*) FROM post_frames WHERE typeof(hits) = 'text'")).toBe(0);
    expect(await migrated.aggregateDrift()).toEqual([]);
    expect(await reads(migrated, posts)).toEqual(want);
    const compacted = rawRows(sql, 'new');
    expect({ ...compacted, frames: compacted.frames.map(({ hits: _h, ...r }) => r) }).toEqual({
      ...old,
      frames: old.frames.map(({ hits: _h, ...r }) => r),
    });
  }, 120_000);
});
