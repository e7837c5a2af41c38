// The tagger behind the FrameTagger interface: pipeline, reclassify, eval and the bot use loadTagger().
import { LEXICON_DIR } from '../paths.js';
import type { FrameInfo, FrameTagger, Lang, TagContext, TagResult } from '../types.js';
import { compileLexicon, type CompiledLexicon } from './compile.js';
import { LexiconError, type LexiconFile, type LexiconSet } from './lexicon-types.js';

export { LexiconError } from './lexicon-types.js';
import { parseLexiconFiles } from './parse-lexicons.js';
import { readLexiconFiles } from './read-lexicons.js';
import { tagText } from './tag.js';

/** FrameInfo plus what `framewatch tag` and `lexicon` show. */
export interface FrameDetail extends FrameInfo {
  threshold: number;
  target?: string;
  file: string;
}

export interface LexiconTagger extends FrameTagger {
  frames(): FrameDetail[];
  readonly compiled: CompiledLexicon;
  /** Validation warnings (the lexicon loaded; `framewatch lexicon check` lists them). */
  readonly warnings: readonly string[];
}

export function createTagger(set: LexiconSet, warnings: readonly string[] = []): LexiconTagger {
  const compiled = compileLexicon(set);
  const infos: FrameDetail[] = compiled.frames.map((f) => ({
    id: f.id,
    label: f.label,
    actor: f.actor,
    group: f.group,
    definition: f.definition,
    threshold: f.threshold,
    ...(f.target ? { target: f.target } : {}),
    file: f.file,
  }));
  return {
    version: compiled.version,
    compiled,
    warnings,
    frames: () => infos.map((i) => ({ ...i })),
    tag: (text: string, lang: Lang, ctx?: TagContext): TagResult => tagText(compiled, text, lang, ctx),
  };
}

/** Build a tagger from file contents; throws LexiconError when any file is invalid. */
export function taggerFromFiles(files: readonly LexiconFile[]): LexiconTagger {
  const { set, errors, warnings } = parseLexiconFiles(files);
  if (errors.length > 0) throw new LexiconError(errors);
  return createTagger(set, warnings);
}

/** Load and compile the lexicons of `dir`; throws LexiconError on an invalid lexicon. */
export function loadTagger(dir: string = LEXICON_DIR): LexiconTagger {
  return taggerFromFiles(readLexiconFiles(dir));
}
