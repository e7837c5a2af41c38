// The fast way to a tagger for short-lived commands: a cache hit never loads the YAML parser, and
// never decodes the lexicon files (their bytes give the version).
import { LEXICON_DIR } from '../paths.js';
import { restoreLexicon } from './compile.js';
import { CACHE_DIR, readCachedLexicon } from './lexicon-cache.js';
import { lexiconVersion } from './lexicon-version.js';
import { readLexiconBytes } from './read-lexicons.js';
import { taggerFromCompiled, type LexiconTagger } from './tagger.js';

export async function openTagger(dir: string = LEXICON_DIR): Promise<LexiconTagger> {
  const cached = readCachedLexicon(lexiconVersion(readLexiconBytes(dir)), CACHE_DIR, 'on-demand');
  if (cached) return taggerFromCompiled(restoreLexicon(cached.snapshot, cached.patterns), cached.warnings);
  const { loadTagger } = await import('./load-tagger.js');
  return loadTagger(dir);
}
