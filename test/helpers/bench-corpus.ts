// Posts of the bench's synthetic corpus (real lexicons, four languages) with their derivation: the
// shapes the tagger really produces (concept rules with rule/part hits, several frames per post).
import { createCorpus } from '../../bench/corpus.js';
import { loadFragments, loadLexiconTerms, termPools } from '../../bench/sources.js';
import { loadTagger } from '../../src/frames/load-tagger.js';
import { DEMO_DIR, LEXICON_DIR } from '../../src/paths.js';
import { derive, type Derived } from '../../src/pipeline.js';
import type { FrameTagger, IncomingPost } from '../../src/types.js';

export function benchPosts(count: number, seed = 42, lexicons = LEXICON_DIR): IncomingPost[] {
  const corpus = createCorpus({ seed, fragments: loadFragments(DEMO_DIR).pools, terms: termPools(loadLexiconTerms(lexicons)) });
  return corpus.sample(count).map(({ channel, messageId, postedAt, text, views }) => ({ channel, messageId, postedAt, text, views }));
}

export function derivedBenchPosts(count: number, seed = 42): { posts: IncomingPost[]; derived: Derived[]; tagger: FrameTagger } {
  const posts = benchPosts(count, seed);
  const tagger = loadTagger(LEXICON_DIR);
  return { posts, tagger, derived: posts.map((p) => derive(p.text, undefined, tagger)) };
}
