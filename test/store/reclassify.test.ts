import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTagger } from '../../src/frames/load-tagger.js';
import { reclassify } from '../../src/reclassify.js';
import type { Store } from '../../src/store/store.js';
import type { IncomingPost } from '../../src/types.js';
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
