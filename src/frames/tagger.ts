// The tagger object behind the FrameTagger interface, built from a compiled lexicon (no YAML parser
// needed here: `framewatch tag` builds it straight from the compiled-lexicon cache).
import type { FrameInfo, FrameTagger, Lang, TagContext, TagResult } from '../types.js';
import type { CompiledLexicon } from './compile.js';
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

export function taggerFromCompiled(compiled: CompiledLexicon, warnings: readonly string[] = []): LexiconTagger {
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
