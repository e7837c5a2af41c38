// The lexicon's version: a content hash of its YAML files (no YAML parser needed to compute it).
import { createHash } from 'node:crypto';
import type { LexiconFile } from './lexicon-types.js';

export function isLexiconFileName(name: string): boolean {
  return /\.ya?ml$/i.test(name);
}

/** Content hash of all lexicon files (names and bytes, in name order). */
export function lexiconVersion(files: readonly LexiconFile[]): string {
  const h = createHash('sha256');
  for (const f of [...files].filter((x) => isLexiconFileName(x.name)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    h.update(f.name).update('\0').update(f.text).update('\0');
  }
  return h.digest('hex').slice(0, 12);
}
