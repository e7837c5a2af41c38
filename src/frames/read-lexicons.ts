// The I/O edge of lexicon loading: read every YAML file of the lexicon directory.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LexiconError, type LexiconFile } from './lexicon-types.js';
import { isLexiconFileName, type LexiconFileBytes } from './lexicon-version.js';

function lexiconFileNames(dir: string): string[] {
  try {
    return readdirSync(dir).filter(isLexiconFileName).sort();
  } catch (err) {
    throw new LexiconError([`cannot read lexicon directory ${dir}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`]);
  }
}

export function readLexiconFiles(dir: string): LexiconFile[] {
  return lexiconFileNames(dir).map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
}

/** The files undecoded: the version of a lexicon whose compiled form is cached needs no text. */
export function readLexiconBytes(dir: string): LexiconFileBytes[] {
  return lexiconFileNames(dir).map((name) => ({ name, text: readFileSync(join(dir, name)) }));
}
