// Seeds temporary stores for the query/trend/report tests (see fake-tagger.ts).
import type { Pipeline } from '../../src/pipeline.js';
import type { Store } from '../../src/store/open-store.js';
import { tempStore } from '../helpers/temp-store.js';
import { seedInto, type SeedPost } from './fake-tagger.js';

export { fakeTagger, seedInto, type SeedPost } from './fake-tagger.js';

/** Seeds a temporary store (closed and removed after each test). */
export function seedStore(posts: SeedPost[], opts: { timezone?: string } = {}): { store: Store; pipeline: Pipeline } {
  const timezone = opts.timezone ?? 'Asia/Kabul';
  return seedInto(tempStore(timezone), posts, timezone);
}
