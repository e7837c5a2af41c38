// Re-derives language and frames for stored posts from their raw text (no re-collecting).
import { derive } from './pipeline.js';
import type { Store } from './store/open-store.js';
import { createPostWriter, rebuildAggregates } from './store/post-writer.js';
import type { FrameTagger, Lang, Side } from './types.js';

interface Row {
  id: number;
  text: string;
  lang: Lang;
  day: string;
  channel_id: number;
  username: string;
  side: Side | null;
}

export interface ReclassifyResult {
  posts: number;
  changedPosts: number;
  framesBefore: number;
  framesAfter: number;
  lexiconVersion: string;
}

export function reclassify(
  store: Store,
  tagger: FrameTagger,
  opts: { hints?: Map<string, Lang>; batchSize?: number; onProgress?: (done: number, total: number) => void } = {},
): ReclassifyResult {
  const db = store.db;
  const batchSize = opts.batchSize ?? 2000;
  const writer = createPostWriter(db);
  const total = (db.prepare('SELECT count(*) AS n FROM posts').get() as { n: number }).n;
  const framesBefore = (db.prepare('SELECT count(*) AS n FROM post_frames').get() as { n: number }).n;
  const page = db.prepare(
    `SELECT p.id, p.text, p.lang, p.day, p.channel_id, c.username, p.side FROM posts p JOIN channels c ON c.id = p.channel_id
      WHERE p.id > ? ORDER BY p.id LIMIT ?`,
  );
  const oldFrames = db.prepare('SELECT frame, score, hits, negated, quoted FROM post_frames WHERE post_id = ? ORDER BY frame');
  const setDerived = db.prepare(
    `UPDATE posts SET normalized_text = ?, lang = ?, lang_guess = ?, lang_confidence = ?, lang_reason = ?, lexicon_version = ?
      WHERE id = ?`,
  );
  let lastId = 0;
  let done = 0;
  let changed = 0;
  const runBatch = db.transaction((rows: Row[]) => {
    for (const r of rows) {
      const { normalized, language, tags } = derive(r.text, opts.hints?.get(r.username), tagger, undefined, r.side);
      const before = JSON.stringify(oldFrames.all(r.id));
      // Remove tags first so aggregate triggers count them under the post's old language.
      writer.clearFrames(r.id);
      setDerived.run(normalized, language.lang, language.guess, language.confidence, language.reason, tags.lexiconVersion, r.id);
      writer.addFrames(r.id, tags.frames, tags.lexiconVersion, { day: r.day, channelId: r.channel_id, lang: language.lang });
      const after = JSON.stringify(oldFrames.all(r.id));
      if (before !== after || r.lang !== language.lang) changed++;
    }
    writer.flush();
  });
  for (;;) {
    const rows = page.all(lastId, batchSize) as Row[];
    if (rows.length === 0) break;
    runBatch(rows);
    lastId = rows[rows.length - 1]!.id;
    done += rows.length;
    opts.onProgress?.(done, total);
  }
  // The triggers keep the aggregates exact; rebuilding from scratch also repairs any older drift.
  rebuildAggregates(db);
  const framesAfter = (db.prepare('SELECT count(*) AS n FROM post_frames').get() as { n: number }).n;
  return { posts: done, changedPosts: changed, framesBefore, framesAfter, lexiconVersion: tagger.version };
}
