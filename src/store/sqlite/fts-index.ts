// The full-text index (posts_fts, contentless since 008) holds normalizeText(text) of every post up
// to a watermark. It is filled in bulk: one INSERT ... SELECT over the posts above the watermark is
// several times cheaper than indexing each post as it is written (FTS5 builds one segment instead of
// merging many small ones). The normalized text is computed there, by the SQL function
// fw_normalize, and stored nowhere else.
//
// The catch-up belongs to the writers: import and collection call syncFts after their writes and
// wait for the write lock like any write. Searches call syncFtsIfFree, which catches up only when
// the lock is free at that moment; otherwise they search what is indexed and can say how many
// posts are left out (a reader never waits for, or fails on, a writer).
//
// When normalizeText itself changes (a new framewatch), the index is rebuilt at the next catch-up:
// settings('fts_normalizer') records what the normalizer that built the index did to a probe text.
import { createHash } from 'node:crypto';
import { normalizeText } from '../../language/normalize.js';
import { getSetting, setSetting, type Db } from './open-database.js';

const KEY = 'fts_indexed_upto';
const NORMALIZER = 'fts_normalizer';

/** Registers fw_normalize(text) on a connection: what the index holds for a post. */
export function registerFtsFunctions(db: Db): void {
  db.function('fw_normalize', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? normalizeText(text) : null));
}

let fingerprint: string | null = null;

/** Code points the normalizer folds, strips or joins: Latin, combining marks, Arabic script, format marks, presentation forms. */
const PROBE_RANGES: [number, number][] = [
  [0x20, 0x24f], [0x300, 0x36f], [0x600, 0x6ff], [0x750, 0x77f], [0x8a0, 0x8ff],
  [0x2000, 0x206f], [0xfb50, 0xfdff], [0xfe00, 0xfe0f], [0xfe70, 0xfeff],
];
const PROBE_PHRASES = ['کشور ها', 'مقام های', 'مقام‌های', 'می گویند', 'می‌گویند', "Didn't", 'ÉCOLE', 'الْخَوَارِجُ', '١٢٣ ۴۵۶'];

/**
 * Hash of what normalizeText does to every probed code point between two letters and to a few
 * phrases: the same for every build of the same rules, different when they change (~10 ms, once).
 */
export function normalizerFingerprint(): string {
  if (fingerprint !== null) return fingerprint;
  let probe = PROBE_PHRASES.join(' | ');
  for (const [lo, hi] of PROBE_RANGES) for (let c = lo; c <= hi; c++) probe += ` ب${String.fromCharCode(c)}ب`;
  fingerprint = createHash('sha256').update(normalizeText(probe)).digest('hex').slice(0, 12);
  return fingerprint;
}

function watermark(db: Db): number {
  return Number(getSetting(db, KEY) ?? 0);
}

function maxPostId(db: Db): number {
  return (db.prepare('SELECT max(id) FROM posts').pluck().get() as number | null) ?? 0;
}

/** The index was built by another normalizer: everything must be indexed again. */
function stale(db: Db): boolean {
  const built = getSetting(db, NORMALIZER);
  return built !== undefined && built !== normalizerFingerprint();
}

/** Posts stored but not yet in the full-text index (all of them when the index must be rebuilt). */
export function ftsPending(db: Db): number {
  return db.prepare('SELECT count(*) FROM posts WHERE id > ?').pluck().get(stale(db) ? 0 : watermark(db)) as number;
}

/** Indexes the posts above the watermark. Run inside a write transaction, so that two processes
 *  catching up at once cannot both index the same posts. */
function indexPending(db: Db): number {
  if (stale(db)) {
    db.prepare("INSERT INTO posts_fts(posts_fts) VALUES ('delete-all')").run();
    setSetting(db, KEY, '0');
  }
  setSetting(db, NORMALIZER, normalizerFingerprint());
  const upto = watermark(db);
  const max = maxPostId(db);
  if (max <= upto) return 0;
  const r = db
    .prepare('INSERT INTO posts_fts(rowid, normalized_text) SELECT id, fw_normalize(text) FROM posts WHERE id > ? AND id <= ?')
    .run(upto, max);
  setSetting(db, KEY, String(max));
  return r.changes;
}

const upToDate = (db: Db): boolean => maxPostId(db) <= watermark(db) && getSetting(db, NORMALIZER) === normalizerFingerprint();

/** Writers: indexes every post not yet in posts_fts, waiting for the write lock. Returns how many. */
export function syncFts(db: Db): number {
  if (upToDate(db)) return 0;
  return db.transaction(() => indexPending(db)).immediate();
}

/** An indexed post's text changed (an edit): its index entry follows, inside the writer's transaction. */
export function reindexEdited(db: Db, postId: number, text: string): void {
  if (postId > watermark(db)) return; // indexed with its latest text at the next catch-up
  db.prepare('DELETE FROM posts_fts WHERE rowid = ?').run(postId);
  db.prepare('INSERT INTO posts_fts(rowid, normalized_text) VALUES (?, ?)').run(postId, normalizeText(text));
}

export interface FtsCatchUp {
  /** Posts indexed now. */
  indexed: number;
  /** Posts still not searchable (another process held the write lock). */
  pending: number;
}

function lockUnavailable(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_READONLY'));
}

/** Searches: catches up only if the write lock is free right now; never waits, never fails on a lock. */
export function syncFtsIfFree(db: Db): FtsCatchUp {
  if (upToDate(db)) return { indexed: 0, pending: 0 };
  const timeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    return { indexed: db.transaction(() => indexPending(db)).immediate(), pending: 0 };
  } catch (err) {
    if (lockUnavailable(err)) return { indexed: 0, pending: ftsPending(db) };
    throw err;
  } finally {
    db.pragma(`busy_timeout = ${Number(timeout)}`);
  }
}
