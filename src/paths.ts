import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// node:fs through require: as an ES module import it builds fs's whole namespace, which loads
// fs/promises, readline and streams, 2-3 ms of `framewatch tag`'s start-up (src/cli/tag-bundle.ts).
const { existsSync } = createRequire(import.meta.url)('node:fs') as typeof import('node:fs');

// Works from src/ (vitest) and from dist/src/ (compiled): walk up to package.json.
function findRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) return start;
    dir = up;
  }
}

export const PACKAGE_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
export const LEXICON_DIR = join(PACKAGE_ROOT, 'lexicons');
export const MIGRATIONS_DIR = join(PACKAGE_ROOT, 'db', 'migrations');
/** Tool caches (compiled lexicons, the tag bundle's code cache): the usual place, under node_modules. */
export const CACHE_DIR = join(PACKAGE_ROOT, 'node_modules', '.cache', 'framewatch');
export const DEMO_DIR = join(PACKAGE_ROOT, 'demo');
/** ../shared next to the project (read-only research data); may not exist. */
export const SHARED_DIR = join(PACKAGE_ROOT, '..', 'shared');
