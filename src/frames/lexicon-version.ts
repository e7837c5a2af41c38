// The lexicon's version: a content hash of its YAML files (no YAML parser needed to compute it).
import { createHash } from 'node:crypto';
import type { LexiconFile } from './lexicon-types.js';

export function isLexiconFileName(name: string): boolean {
  return /\.ya?ml$/i.test(name);
}

/** A lexicon file as read from disk, not yet decoded (enough to compute the version). */
export interface LexiconFileBytes {
  name: string;
  text: Uint8Array;
}

/**
 * Content hash of all lexicon files (names and UTF-8 bytes, in name order). The same for a file's
 * bytes and its decoded text, unless the file is not valid UTF-8 (then the text's replacement
 * characters hash differently, and a reader keyed by the bytes only misses the cache).
 */
export function lexiconVersion(files: readonly (LexiconFile | LexiconFileBytes)[]): string {
  const h = createHash('sha256');
  for (const f of [...files].filter((x) => isLexiconFileName(x.name)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    h.update(f.name).update('\0').update(f.text).update('\0');
  }
  return h.digest('hex').slice(0, 12);
}
