// Code that decides a stored or cached result is part of that result's key: a new version of the
// code never trusts what an older one produced.
import type { Hash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Feeds each module's source to `h`: its .js next to `base` (dist/), or its .ts under a test runner. */
export function hashModuleSources(h: Hash, base: string, modules: readonly string[]): Hash {
  for (const m of modules) {
    for (const ext of ['.js', '.ts']) {
      try {
        h.update(readFileSync(fileURLToPath(new URL(`./${m}${ext}`, base))));
        break;
      } catch {
        // not this extension
      }
    }
  }
  return h;
}
