// The analyst's edit that the reclassify figure (and its tests) replay: the shipped lexicons copied to
// a new directory with one term added to one frame.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface AddedTerm {
  /** Lexicon file in the directory, e.g. 'taliban-on-iskp.yaml'. */
  file: string;
  frame: string;
  lang: 'prs' | 'pus' | 'arb' | 'eng';
  /** The term as written in YAML (a plain pattern). */
  pattern: string;
}

/** A news phrase of the bench corpus (about 1 % of its posts), made a khawarij term. */
export const BENCH_ADDED_TERM: AddedTerm = { file: 'taliban-on-iskp.yaml', frame: 'khawarij', lang: 'eng', pattern: 'fruit lorries' };

/** Copies `lexiconDir` to a new temporary directory with `term` added first to its frame's list; returns that directory. */
export function lexiconsWithTerm(lexiconDir: string, term: AddedTerm = BENCH_ADDED_TERM): string {
  const dir = mkdtempSync(join(tmpdir(), 'framewatch-lexicons-'));
  cpSync(lexiconDir, dir, { recursive: true });
  const file = join(dir, term.file);
  const yaml = readFileSync(file, 'utf8');
  const frameAt = yaml.indexOf(`\n  - id: ${term.frame}\n`);
  const termsAt = frameAt < 0 ? -1 : yaml.indexOf('\n    terms:\n', frameAt);
  const nextFrame = frameAt < 0 ? -1 : yaml.indexOf('\n  - id: ', frameAt + 1);
  const langAt = termsAt < 0 ? -1 : yaml.indexOf(`\n      ${term.lang}:\n`, termsAt);
  if (langAt < 0 || (nextFrame >= 0 && langAt > nextFrame)) {
    throw new Error(`${term.file}: no ${term.lang} term list in frame ${term.frame}`);
  }
  const at = langAt + `\n      ${term.lang}:\n`.length;
  writeFileSync(file, `${yaml.slice(0, at)}        - ${term.pattern}\n${yaml.slice(at)}`);
  return dir;
}
