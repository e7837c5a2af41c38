// What a post's stored language depends on: the detector's code, franc's version and the channels'
// language hints. Reclassify re-detects only when this key differs from the one the stored languages
// were derived under (a lexicon edit changes tags, never languages), so the analyst's edit → reclassify
// loop costs tagging alone.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../paths.js';
import type { Lang } from '../types.js';
import { hashModuleSources } from '../util/module-sources.js';

/** The setting that holds the key every stored post's language was derived under ('' or absent: unknown). */
export const LANGUAGE_KEY_SETTING = 'language_deriver';

/** Modules whose code decides detectLanguage()'s result (their .js in dist/, .ts under a test runner). */
const DETECTOR_MODULES = ['detect', 'clean-for-detect', 'function-words', 'script-evidence'];

let codeHash: string | null = null;

function detectorCode(): string {
  if (codeHash !== null) return codeHash;
  const h = hashModuleSources(createHash('sha256'), import.meta.url, DETECTOR_MODULES);
  try {
    h.update((JSON.parse(readFileSync(join(PACKAGE_ROOT, 'node_modules', 'franc', 'package.json'), 'utf8')) as { version: string }).version);
  } catch {
    h.update('franc ?');
  }
  codeHash = h.digest('hex');
  return codeHash;
}

/** The key for these channel hints (channel names as stored: lower-case). */
export function languageDeriverKey(hints: ReadonlyMap<string, Lang> = new Map()): string {
  const h = createHash('sha256').update(detectorCode());
  for (const [channel, lang] of [...hints].map(([c, l]) => [c.toLowerCase(), l] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    h.update(`\n${channel}\t${lang}`);
  }
  return h.digest('hex').slice(0, 16);
}
