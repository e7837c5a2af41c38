// What tools/bundle-tag.ts writes next to the bundle, and what src/cli/tag-bundle.ts checks before
// running it. Kept apart so that the build tool and the CLI agree on names without importing each other.

/** The bundle and its manifest, in dist/tag-bundle/. */
export const BUNDLE_FILE = 'tag.cjs';
export const BUNDLE_MANIFEST = 'manifest.json';

/** The function the bundle's banner defines: a module's dist/ path to the URL of its file in dist/. */
export const MODULE_URL_HELPER = '__framewatchModuleUrl';

/** A file's size and modification time when the bundle was built. */
export type FileStamp = [path: string, size: number, mtimeMs: number];

export interface BundleManifest {
  /** Content hash of the bundle: the V8 code cache is keyed by it. */
  id: string;
  /** The bundle itself, then every module (dist/) and package (its package.json) it was built from; paths relative to dist/. */
  files: FileStamp[];
}
