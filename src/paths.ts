import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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
export const DEMO_DIR = join(PACKAGE_ROOT, 'demo');
/** ../shared next to the project (read-only research data); may not exist. */
export const SHARED_DIR = join(PACKAGE_ROOT, '..', 'shared');
