// `framewatch reclassify` as the analyst runs it: the compiled CLI, tagging in worker threads while the
// main thread writes. A database tagged with the small test lexicons is reclassified with the shipped
// ones (nearly every post changes): the result equals a fresh ingest with the shipped lexicons, also
// after a run killed part-way and run again. The summary line, and no progress lines off a TTY.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTagger } from '../../src/frames/load-tagger.js';
import { LEXICON_DIR, PACKAGE_ROOT } from '../../src/paths.js';
import { createPipeline } from '../../src/pipeline.js';
import { inspectSqlite } from '../../src/store/sqlite/sqlite-inspect.js';
import type { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { IncomingPost } from '../../src/types.js';
import { aggregates } from '../store/contract/store-contract.js';
import { benchPosts } from '../helpers/bench-corpus.js';
import { cli } from '../collect/cli-harness.js';
import { openTestStore, tempDir, TEST_LEXICONS } from '../helpers/temp-store.js';

const SEEN = '2025-01-01T00:00:00.000Z';
const ENV = { TIMEZONE: 'Asia/Kabul' };

async function ingestedWith(path: string, posts: IncomingPost[], lexicons: string): Promise<SqliteStore> {
  const store = openTestStore(path, { timezone: 'Asia/Kabul' });
  await createPipeline({ store, tagger: loadTagger(lexicons) }).ingest(posts, { seenAt: SEEN });
  await store.syncTextIndex();
  return store;
}

async function contents(store: SqliteStore, posts: IncomingPost[]) {
  return {
    posts: await store.getPosts(posts.map((p) => ({ channel: p.channel, messageId: p.messageId }))),
    aggregates: await aggregates(store),
    stats: await store.stats(),
  };
}

const until = async (cond: () => boolean): Promise<void> => {
  while (!cond()) await new Promise((r) => setTimeout(r, 5));
};

describe('framewatch reclassify', () => {
  it('tags in workers, ends where a fresh ingest with the new lexicons does, and says so in one summary line', async () => {
    const posts = benchPosts(3000, 5);
    const dir = tempDir();
    const db = join(dir, 'old.sqlite');
    await (await ingestedWith(db, posts, TEST_LEXICONS)).close();
    const run = await cli(['reclassify', '--db', db], { env: ENV });
    expect(run.stderr).not.toMatch(/reclassify: \d+\/\d+/); // progress only on a TTY
    expect(run.code).toBe(0);
    const summary = run.stdout.trim().split('\n');
    expect(summary).toHaveLength(1);
    expect(summary[0]).toMatch(/^reclassified 3000 posts in \d+ s, [\d,]+ posts\/s with lexicon \S+: (\d+) changed; frame tags \d+ -> \d+; aggregates updated$/);
    const changed = Number(/: (\d+) changed/.exec(summary[0]!)![1]);
    expect(changed).toBeGreaterThan(1500);

    const store = openTestStore(db);
    const fresh = await ingestedWith(join(dir, 'fresh.sqlite'), posts, LEXICON_DIR);
    expect(await contents(store, posts)).toEqual(await contents(fresh, posts));
    expect(await store.aggregateDrift()).toEqual([]);
  }, 180_000);

  it('in the workers, keeps the stored languages when the detector and hints are unchanged; --redetect detects them again', async () => {
    const posts = benchPosts(2000, 8);
    const dir = tempDir();
    const db = join(dir, 'old.sqlite');
    const old = await ingestedWith(db, posts, TEST_LEXICONS);
    // The key the compiled CLI computes (its detector is dist/'s .js; this test runs the .ts sources).
    const dist = (await import(join(PACKAGE_ROOT, 'dist', 'src', 'language', 'language-deriver-key.js'))) as typeof import('../../src/language/language-deriver-key.js');
    await old.setSetting(dist.LANGUAGE_KEY_SETTING, dist.languageDeriverKey(new Map()));
    // One stored language changed by hand: kept by a plain run, corrected by --redetect.
    const first = posts[0]!;
    const one = inspectSqlite(old).run(
      "UPDATE posts SET lang = 'und', lang_reason = 'set-by-test' WHERE message_id = ? AND channel_id = (SELECT id FROM channels WHERE username = ?)",
      first.messageId,
      first.channel.toLowerCase(),
    );
    expect(one.changes).toBe(1);
    await old.close();

    const run = await cli(['reclassify', '--db', db], { env: ENV });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('languages: kept as stored');
    const fresh = await ingestedWith(join(dir, 'fresh.sqlite'), posts, LEXICON_DIR);
    const expected = await contents(fresh, posts);
    let store = openTestStore(db);
    const got = await contents(store, posts);
    expect(got.posts[0]).toMatchObject({ lang: 'und', langReason: 'set-by-test' });
    // Every other post ends as a fresh ingest with the new lexicons does.
    expect(got.posts.slice(1)).toEqual(expected.posts.slice(1));
    expect(await store.aggregateDrift()).toEqual([]);
    await store.close();

    const again = await cli(['reclassify', '--redetect', '--db', db], { env: ENV });
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('languages: detected again');
    store = openTestStore(db);
    expect(await contents(store, posts)).toEqual(expected);
    expect(await store.aggregateDrift()).toEqual([]);
  }, 180_000);

  it('killed part-way, the database stays consistent and a second run completes it', async () => {
    const posts = benchPosts(8000, 6);
    const dir = tempDir();
    const db = join(dir, 'old.sqlite');
    const old = await ingestedWith(db, posts, TEST_LEXICONS);
    const oldVersion = (await old.stats()).lexiconVersions[0]!.version;
    await old.close();
    const newVersion = loadTagger(LEXICON_DIR).version;

    // Watch the committed pages through a second connection; kill once some, not all, are in.
    const watch = inspectSqlite(db);
    const reclassified = (): number =>
      watch.value<number>('SELECT count(*) FROM post_lexicon l JOIN vocab v ON v.id = l.lexicon_id WHERE v.value = ?', newVersion) ?? 0;
    const killed = await cli(['reclassify', '--db', db], {
      env: ENV,
      onStart: (child) => void until(() => reclassified() > 0).then(() => child.kill('SIGKILL')),
    });
    const partial = reclassified();
    watch.close();
    expect(killed.signal).toBe('SIGKILL');
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(posts.length);

    const store = openTestStore(db);
    const sql = inspectSqlite(store);
    expect(sql.value('PRAGMA integrity_check')).toBe('ok');
    expect(await store.aggregateDrift()).toEqual([]);
    expect((await store.stats()).lexiconVersions.map((v) => v.version).sort()).toEqual([newVersion, oldVersion].sort());
    await store.close();

    const rerun = await cli(['reclassify', '--db', db], { env: ENV });
    expect(rerun.code).toBe(0);
    const done = openTestStore(db);
    const fresh = await ingestedWith(join(dir, 'fresh.sqlite'), posts, LEXICON_DIR);
    expect(await contents(done, posts)).toEqual(await contents(fresh, posts));
    expect(await done.aggregateDrift()).toEqual([]);
  }, 300_000);
});
