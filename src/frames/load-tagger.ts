// Loading the tagger: pipeline, reclassify, eval and the bot use loadTagger(); `framewatch tag` uses
// openTagger(), which reads the compiled-lexicon cache without loading the YAML parser at all.
import { LEXICON_DIR } from '../paths.js';
import { compileLexicon, restoreLexicon, snapshotLexicon } from './compile.js';
import { readCachedLexicon, writeCachedLexicon } from './lexicon-cache.js';
import { LexiconError, type LexiconFile, type LexiconSet } from './lexicon-types.js';
import { lexiconVersion } from './lexicon-version.js';
import { parseLexiconFiles } from './parse-lexicons.js';
import { readLexiconFiles } from './read-lexicons.js';
import { taggerFromCompiled, type LexiconTagger } from './tagger.js';

export { LexiconError } from './lexicon-types.js';
export type { FrameDetail, LexiconTagger } from './tagger.js';

export function createTagger(set: LexiconSet, warnings: readonly string[] = []): LexiconTagger {
  return taggerFromCompiled(compileLexicon(set), warnings);
}

/** Build a tagger from file contents; throws LexiconError when any file is invalid. */
export function taggerFromFiles(files: readonly LexiconFile[]): LexiconTagger {
  const { set, errors, warnings } = parseLexiconFiles(files);
  if (errors.length > 0) throw new LexiconError(errors);
  return createTagger(set, warnings);
}

/**
 * Load and compile the lexicons of `dir`, through the compiled-lexicon cache (keyed by the lexicon's
 * content hash and the compiler's fingerprint); throws LexiconError on an invalid lexicon.
 */
export function loadTagger(dir: string = LEXICON_DIR): LexiconTagger {
  const files = readLexiconFiles(dir);
  const version = lexiconVersion(files);
  const cached = readCachedLexicon(version);
  if (cached) return taggerFromCompiled(restoreLexicon(cached.snapshot, cached.patterns), cached.warnings);
  const { set, errors, warnings } = parseLexiconFiles(files);
  if (errors.length > 0) throw new LexiconError(errors);
  const compiled = compileLexicon(set);
  writeCachedLexicon({ snapshot: snapshotLexicon(compiled), warnings });
  return taggerFromCompiled(compiled, warnings);
}
