// The writer keeps channel ids between batches; a channel removed by another process meanwhile is
// looked up again (the stale id fails its foreign key, the batch is written again, whole).
import { describe, expect, it } from 'vitest';
import type { IncomingPost } from '../../../src/types.js';
import { createPipeline } from '../../../src/pipeline.js';
import { openTestStore, testPipeline } from '../../helpers/temp-store.js';

const post = (id: number, text: string): IncomingPost => ({ channel: 'kabul_ids', messageId: id, postedAt: `2026-05-0${id}T08:00:00Z`, text });

describe('channel ids across batches', () => {
  it('a channel removed by another connection is created again by the next batch, with exact counts', async () => {
    const { store, pipeline, tagger } = testPipeline('UTC');
    await pipeline.ingest([post(1, 'The khawarij attacked again.'), post(2, 'Markets opened.')]);
    const other = openTestStore(store.location, { timezone: 'UTC' });
    expect(await other.removeChannel('kabul_ids')).toMatchObject({ posts: 2 });
    // this connection still knows the old id
    expect(await pipeline.ingest([post(3, 'The khawarij fled.'), post(1, 'The khawarij attacked again.')])).toMatchObject({ new: 2, unchanged: 0 });
    expect(await store.aggregateDrift()).toEqual([]);
    expect(await store.channelFootprint('kabul_ids')).toMatchObject({ posts: 2 });
    expect((await store.dailyPosts({ from: '2026-05-01', to: '2026-05-09' })).map((d) => d.day)).toEqual(['2026-05-01', '2026-05-03']);
    // and the other connection sees it all
    const again = createPipeline({ store: other, tagger });
    expect(await again.ingest([post(3, 'The khawarij fled.')])).toMatchObject({ unchanged: 1 });
  });
});
