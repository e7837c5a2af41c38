// Frame ids typed by a user (--frame, review): resolved case-insensitively against the frames
// framewatch knows; an unknown id is a usage error that names the close matches.
import { UsageError } from '../errors.js';
import { splitList } from './parse-options.js';
import type { Store } from '../store/store.js';

/**
 * Where known frame ids come from, cheapest first. `stored` are frames with tags in the database
 * (a frame renamed in the lexicon stays queryable until reclassify); `lexicon` are the loaded
 * lexicon's frames (tagger.frames()), read only when a stored id does not settle it. Either may throw;
 * a lexicon that does not load is named in the error.
 */
export interface FrameIdSource {
  stored?: () => readonly string[] | Promise<readonly string[]>;
  lexicon?: () => readonly string[] | Promise<readonly string[]>;
}

/** The frames stored in `store`, then the project lexicons (loaded only if needed). */
export function frameIdSource(store: Store): FrameIdSource {
  return {
    stored: () => store.knownFrames(),
    lexicon: async () => {
      const { loadTagger } = await import('../frames/load-tagger.js');
      return loadTagger()
        .frames()
        .map((f) => f.id);
    },
  };
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
    }
  }
  return rows[a.length]![b.length]!;
}

const fold = (id: string) => id.toLowerCase().replace(/[\s-]+/g, '_');

/**
 * Known ids close to `input`, best first: a typo (edit distance up to a third of the length, at least
 * 2), a prefix either way (daesh → daesh_label), or one whole part of an id (agent →
 * puppet_foreign_agent).
 */
export function closeFrameIds(input: string, known: readonly string[], max = 3): string[] {
  const q = fold(input);
  if (!q) return [];
  const limit = Math.max(2, Math.floor(q.length / 3));
  const scored: { id: string; score: number }[] = [];
  for (const id of new Set(known)) {
    const k = fold(id);
    const d = editDistance(q, k);
    let score = d <= limit ? d : Infinity;
    if (q.length >= 3 && (k.startsWith(q) || q.startsWith(k))) score = Math.min(score, 0.5);
    else if (q.length >= 3 && k.split('_').includes(q)) score = Math.min(score, 1.5);
    if (score !== Infinity) scored.push({ id, score });
  }
  return scored
    .sort((x, y) => x.score - y.score || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))
    .slice(0, max)
    .map((s) => s.id);
}

function orList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

/**
 * Resolves frame ids (repeatable or comma-list values) to known ids, case-insensitively, in the order
 * given and once each. An unknown id is a UsageError:
 *   --frame: unknown frame "nosuch"; did you mean khawarij?
 */
export async function resolveFrameIds(values: readonly string[], source: FrameIdSource, flag = '--frame'): Promise<string[]> {
  const wanted = splitList(values);
  if (wanted.length === 0) return [];
  const byKey = new Map<string, string>();
  const add = (ids: readonly string[]) => {
    for (const id of ids) if (!byKey.has(id.toLowerCase())) byKey.set(id.toLowerCase(), id);
  };
  const missing = () => wanted.some((w) => !byKey.has(w.toLowerCase()));
  add((await source.stored?.()) ?? []);
  let lexiconProblem: string | null = null;
  if (missing() && source.lexicon) {
    try {
      add(await source.lexicon());
    } catch (err) {
      lexiconProblem = (err as Error).message.split('\n')[0] ?? 'cannot load';
    }
  }
  const out: string[] = [];
  for (const w of wanted) {
    const id = byKey.get(w.toLowerCase());
    if (id !== undefined) {
      if (!out.includes(id)) out.push(id);
      continue;
    }
    const close = closeFrameIds(w, [...byKey.values()]);
    const hint = close.length > 0 ? `did you mean ${orList(close)}?` : '"framewatch lexicon list" shows the frames';
    const why = lexiconProblem ? ` (the lexicons did not load: ${lexiconProblem})` : '';
    throw new UsageError(`${flag}: unknown frame ${JSON.stringify(w)}; ${hint}${why}`);
  }
  return out;
}
