import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTagger } from '../../src/frames/load-tagger.js';
import { LANGUAGE_KEY_SETTING, languageDeriverKey } from '../../src/language/language-deriver-key.js';
import { createPipeline } from '../../src/pipeline.js';
import { reclassify } from '../../src/reclassify.js';
import { inspectSqlite } from '../../src/store/sqlite/sqlite-inspect.js';
import type { Store } from '../../src/store/store.js';
import type { IncomingPost, Lang } from '../../src/types.js';
import { dump, tempDir, TEST_LEXICONS, testPipeline } from '../helpers/temp-store.js';

const posts: IncomingPost[] = [
  { channel: 'mirsaad_re', messageId: 1, postedAt: '2026-06-01T08:00:00Z', text: 'These deviants attacked a mosque in Kabul.' },
  { channel: 'mirsaad_re', messageId: 2, postedAt: '2026-06-01T09:00:00Z', text: 'The khawarij are the dogs of hellfire.' },
  { channel: 'voice_re', messageId: 3, postedAt: '2026-06-02T09:00:00Z', text: 'The murtaddin of Kabul serve their masters.' },
  { channel: 'voice_re', messageId: 4, postedAt: '2026-06-02T10:00:00Z', text: 'د خوارجو ډله بیا ماته وخوړه.' },
];

const frameCounts = async (store: Store) =>
  (await store.frameTotals()).map((f) => ({ frame: f.frame, posts: f.posts })).sort((a, b) => a.frame.localeCompare(b.frame));

describe('reclassify after a lexicon edit', () => {
  it('changes the stored tags and the aggregates exactly, without touching raw posts', async () => {
    const { store, pipeline, tagger } = testPipeline();
    await pipeline.ingest(posts);
    const raw = dump(store, 'SELECT id, text, posted_at, views FROM posts ORDER BY id');
    expect(await frameCounts(store)).toEqual([
      { frame: 'apostasy', posts: 1 },
      { frame: 'khawarij', posts: 2 },
    ]);

    // Edit: "deviant*" becomes a khawarij term; murtad* is dropped from apostasy.
    const dir = tempDir();
    cpSync(TEST_LEXICONS, dir, { recursive: true });
    const file = join(dir, 'test-frames.yaml');
    const text = readFileSync(file, 'utf8');
    const edited = text.replace('eng: [apostat*, murtad*]', 'eng: [apostat*]').replace('eng: [khawarij, kharijite*]', 'eng: [khawarij, kharijite*, deviant*]');
    expect(edited).not.toBe(text);
    writeFileSync(file, edited);
    const tagger2 = loadTagger(dir);
    expect(tagger2.version).not.toBe(tagger.version);

    const r = await reclassify(store, tagger2);
    expect(r).toMatchObject({ posts: 4, changedPosts: 2, framesBefore: 3, framesAfter: 3, lexiconVersion: tagger2.version });
    const stored = await store.getPosts(posts.map((p) => ({ channel: p.channel, messageId: p.messageId })));
    expect(stored.flatMap((p) => p.frames.map((f) => ({ message_id: p.messageId, frame: f.frame, lexicon_version: f.lexiconVersion })))).toEqual([
      { message_id: 1, frame: 'khawarij', lexicon_version: tagger2.version },
      { message_id: 2, frame: 'khawarij', lexicon_version: tagger2.version },
      { message_id: 4, frame: 'khawarij', lexicon_version: tagger2.version },
    ]);
    expect(await frameCounts(store)).toEqual([{ frame: 'khawarij', posts: 3 }]);
    expect((await store.stats()).lexiconVersions).toEqual([{ version: tagger2.version, posts: 4 }]);
    expect(await store.aggregateDrift()).toEqual([]);
    expect(dump(store, 'SELECT id, text, posted_at, views FROM posts ORDER BY id')).toEqual(raw);

    // Running it again changes nothing.
    expect(await reclassify(store, tagger2)).toMatchObject({ changedPosts: 0, framesAfter: 3 });
  });
});

// After a lexicon edit only tags can change: the stored languages are kept when they come from the
// same detector and channel hints (the key in the store's settings), and detected again otherwise.
describe('reclassify keeps or re-detects languages', () => {
  const mixed: IncomingPost[] = [
    { channel: 'lang_re', messageId: 1, postedAt: '2026-06-01T08:00:00Z', text: 'The khawarij are the dogs of hellfire.' },
    { channel: 'lang_re', messageId: 2, postedAt: '2026-06-01T09:00:00Z', text: 'الخوارج كلاب النار قتلوا المصلين في المسجد' },
    { channel: 'lang_re', messageId: 3, postedAt: '2026-06-01T10:00:00Z', text: 'د خوارجو ډله بیا ماته وخوړه او مشران یې ووژل شول.' },
    { channel: 'lang_re', messageId: 4, postedAt: '2026-06-01T11:00:00Z', text: 'خوارج بار دیگر در ولایت ننگرهار شکست خوردند و فرار کردند.' },
    // Too short to tell: the channel's hint decides (pipeline hints below).
    { channel: 'hinted_re', messageId: 5, postedAt: '2026-06-01T12:00:00Z', text: 'خوارج' },
  ];
  const keys = mixed.map((p) => ({ channel: p.channel, messageId: p.messageId }));
  const languages = async (store: Store) => (await store.getPosts(keys)).map((p) => [p.messageId, p.lang, p.langReason]);

  it('a first ingest records the key; reclassify then keeps every stored language and tags as a full re-detection does', async () => {
    const { store, pipeline } = testPipeline();
    await pipeline.ingest(mixed);
    expect(await store.getSetting(LANGUAGE_KEY_SETTING)).toBe(languageDeriverKey(new Map()));
    const detected = await languages(store);
    expect(detected.map((l) => l[1])).toEqual(['eng', 'arb', 'pus', 'prs', expect.any(String)]);

    // Proof that it keeps rather than detects: a stored language set by hand survives the run.
    inspectSqlite(store).run("UPDATE posts SET lang = 'und', lang_reason = 'set-by-test' WHERE message_id = 2");
    const kept = await reclassify(store, loadTagger(TEST_LEXICONS));
    expect(kept.redetected).toBe(false);
    expect((await languages(store))[1]).toEqual([2, 'und', 'set-by-test']);
    expect(await store.aggregateDrift()).toEqual([]);

    // --redetect detects again, and the stored languages are what ingest found.
    const again = await reclassify(store, loadTagger(TEST_LEXICONS), { redetect: true });
    expect(again.redetected).toBe(true);
    expect(await languages(store)).toEqual(detected);
    expect(await store.aggregateDrift()).toEqual([]);
  });

  it('kept languages give exactly the tags and aggregates a full re-detection gives, after a lexicon edit', async () => {
    const dir = tempDir();
    cpSync(TEST_LEXICONS, dir, { recursive: true });
    const file = join(dir, 'test-frames.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('eng: [khawarij, kharijite*]', 'eng: [khawarij, kharijite*, dogs of hellfire]'));
    const edited = loadTagger(dir);
    const results = [];
    for (const redetect of [false, true]) {
      const { store, pipeline } = testPipeline();
      await pipeline.ingest(mixed, { seenAt: '2026-06-03T00:00:00.000Z' });
      const r = await reclassify(store, edited, { redetect });
      expect(r.redetected).toBe(redetect);
      results.push({ posts: await store.getPosts(keys), totals: await frameCounts(store), changed: r.changedPosts });
    }
    expect(results[0]).toEqual(results[1]);
    // The edit shows: the new term is evidence in the English post.
    expect(results[0]!.posts[0]!.frames.flatMap((f) => f.hits.map((h) => h.term))).toContain('dogs of hellfire');
  });

  it('changed channel hints, or posts ingested under other hints, make the next reclassify detect again', async () => {
    const { store, tagger } = testPipeline();
    const before = createPipeline({ store, tagger, hints: new Map([['hinted_re', 'pus']]) });
    await before.ingest(mixed);
    const keyBefore = languageDeriverKey(new Map([['hinted_re', 'pus']]));
    expect(await store.getSetting(LANGUAGE_KEY_SETTING)).toBe(keyBefore);
    expect((await languages(store))[4]).toEqual([5, 'pus', 'hint']);

    // The hint changed in CHANNELS: reclassify detects again under the new hint and records its key.
    const hints = new Map<string, Lang>([['hinted_re', 'prs']]);
    const r = await reclassify(store, tagger, { hints });
    expect(r.redetected).toBe(true);
    expect((await languages(store))[4]).toEqual([5, 'prs', 'hint']);
    expect(await store.getSetting(LANGUAGE_KEY_SETTING)).toBe(languageDeriverKey(hints));
    expect((await reclassify(store, tagger, { hints })).redetected).toBe(false);

    // Another collector ingests with the old hint: the stored languages are now mixed, the key is cleared.
    await before.ingest([{ channel: 'hinted_re', messageId: 6, postedAt: '2026-06-02T08:00:00Z', text: 'داعش' }]);
    expect(await store.getSetting(LANGUAGE_KEY_SETTING)).toBe('');
    const again = await reclassify(store, tagger, { hints });
    expect(again.redetected).toBe(true);
    expect(await store.getSetting(LANGUAGE_KEY_SETTING)).toBe(languageDeriverKey(hints));
  });
});
