// Porter stems for English tokens, memoized (a bounded cache: posts repeat the same words).
import porter from 'natural/lib/natural/stemmers/porter_stemmer.js';

const MAX_CACHE = 50_000;
const cache = new Map<string, string>();
const STEMMABLE = /^[a-z]{4,}$/;

/** Only plain lower-case Latin words of 4+ letters are stemmed; short words match as written. */
export function isStemmable(key: string): boolean {
  return STEMMABLE.test(key);
}

export function stemWord(key: string): string {
  let s = cache.get(key);
  if (s === undefined) {
    s = porter.stem(key);
    if (cache.size >= MAX_CACHE) cache.clear();
    cache.set(key, s);
  }
  return s;
}
