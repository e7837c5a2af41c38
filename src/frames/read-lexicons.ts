// The I/O edge of lexicon loading: read every YAML file of the lexicon directory.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LexiconError, type LexiconFile } from './lexicon-types.js';
import { isLexiconFileName } from './lexicon-version.js';

export function readLexiconFiles(dir: string): LexiconFile[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (err) {
    throw new LexiconError([`cannot read lexicon directory ${dir}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`]);
  }
  return names
    .filter(isLexiconFileName)
    .sort()
    .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
}
