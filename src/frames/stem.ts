// Porter stems for English tokens, memoized (a bounded cache: posts repeat the same words).
import porter from 'natural/lib/natural/stemmers/porter_stemmer.js';

const MAX_CACHE = 50_000;
const cache = new Map<string, string>();
const STEMMABLE = /^[a-z]{4,}$/;

/** Only plain lower-case Latin words of 4+ letters are stemmed; short words match as written. */
export function isStemmable(key: string): boolean {
  return STEMMABLE.test(key);
}

// Porter strips the agent ending from long stems ("believers" and "believed" both give "believ").
// An agent noun names people, its verb an act: the mark keeps them apart ("believ#er").
const AGENT = /(?:er|or)s?$/;

export function stemWord(key: string): string {
  let s = cache.get(key);
  if (s === undefined) {
    s = porter.stem(key);
    if (AGENT.test(key) && !/(?:er|or)$/.test(s)) s += '#er';
    if (cache.size >= MAX_CACHE) cache.clear();
    cache.set(key, s);
  }
  return s;
}

const byId: (string | null | undefined)[] = [];

/** A token's stem, or null when its key is not stemmed; cached by word id (word-table.ts) when it has one. */
export function tokenStem(id: number, key: string): string | null {
  if (id < 0) return isStemmable(key) ? stemWord(key) : null;
  let s = byId[id];
  if (s === undefined) {
    s = isStemmable(key) ? stemWord(key) : null;
    while (byId.length <= id) byId.push(undefined); // dense: never a sparse array
    byId[id] = s;
  }
  return s;
}
