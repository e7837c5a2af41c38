// Seeds temporary stores for the query/trend/report tests (see fake-tagger.ts).
import type { Pipeline } from '../../src/pipeline.js';
import type { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { tempStore } from '../helpers/temp-store.js';
import { seedInto, type SeedPost } from './fake-tagger.js';

export { fakeTagger, seedInto, type SeedPost } from './fake-tagger.js';

/** Seeds a temporary store (closed and removed after each test) whose days are in `timezone`. */
export function seedStore(posts: SeedPost[], opts: { timezone?: string } = {}): Promise<{ store: SqliteStore; pipeline: Pipeline }> {
  return seedInto(tempStore(opts.timezone ?? 'Asia/Kabul'), posts);
}
