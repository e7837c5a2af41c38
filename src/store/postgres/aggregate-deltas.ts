// Changes of the daily aggregates, gathered while a transaction writes posts and tags and applied at
// its end: one upsert per key, keys in one fixed order (tables, then key). Every writer takes the
// aggregate row locks in that same order, after its post rows, so concurrent writers wait for each
// other on a shared day row instead of deadlocking, and no increment is ever lost (each upsert adds
// to the committed value under the row lock).
import { rows, type Queryable } from './connection.js';

/** Where a post is counted. */
export interface AggKey {
  day: string;
  channelId: number;
  lang: string;
}

export class AggregateDeltas {
  /** "day|channelId|lang" → posts */
  private readonly posts = new Map<string, number>();
  /** "day|channelId|lang|frame" → [posts, flagged] */
  private readonly frames = new Map<string, [number, number]>();

  get empty(): boolean {
    return this.posts.size === 0 && this.frames.size === 0;
  }

  addPost(at: AggKey, n: number): void {
    const k = `${at.day}|${at.channelId}|${at.lang}`;
    this.posts.set(k, (this.posts.get(k) ?? 0) + n);
  }

  addFrame(at: AggKey, frame: string, n: number, flagged: number): void {
    const k = `${at.day}|${at.channelId}|${at.lang}|${frame}`;
    const c = this.frames.get(k);
    if (c) {
      c[0] += n;
      c[1] += flagged;
    } else this.frames.set(k, [n, flagged]);
  }

  clear(): void {
    this.posts.clear();
    this.frames.clear();
  }

  /** Applies every change (the detailed tables, then the per-day rollups) and clears. */
  async apply(q: Queryable): Promise<void> {
    const posts = [...this.posts].filter(([, n]) => n !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const frames = [...this.frames].filter(([, [n, f]]) => n !== 0 || f !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    this.clear();
    const dayTotals = new Map<string, number>();
    const frameTotals = new Map<string, [number, number]>();
    if (posts.length) {
      const cols = split(posts.map(([k]) => k), 3);
      await upsertAndPrune(
        q,
        `INSERT INTO daily_post_counts(day, channel_id, lang, posts)
           SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::bigint[]) ORDER BY 1, 2, 3
         ON CONFLICT (day, channel_id, lang) DO UPDATE SET posts = daily_post_counts.posts + EXCLUDED.posts
         RETURNING day, channel_id, lang, posts`,
        [cols[0], cols[1], cols[2], posts.map(([, n]) => n)],
        'DELETE FROM daily_post_counts WHERE (day, channel_id, lang) IN (SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[])) AND posts <= 0',
        (r: { day: string; channel_id: number; lang: string; posts: number }) => r.posts <= 0 && [r.day, r.channel_id, r.lang],
      );
      for (const [k, n] of posts) {
        const day = k.slice(0, k.indexOf('|'));
        dayTotals.set(day, (dayTotals.get(day) ?? 0) + n);
      }
    }
    if (frames.length) {
      const cols = split(frames.map(([k]) => k), 4);
      await upsertAndPrune(
        q,
        `INSERT INTO daily_frame_counts(day, channel_id, lang, frame, posts, flagged_posts)
           SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::bigint[], $6::bigint[]) ORDER BY 1, 4, 2, 3
         ON CONFLICT (day, frame, channel_id, lang) DO UPDATE
            SET posts = daily_frame_counts.posts + EXCLUDED.posts, flagged_posts = daily_frame_counts.flagged_posts + EXCLUDED.flagged_posts
         RETURNING day, channel_id, lang, frame, posts`,
        [cols[0], cols[1], cols[2], cols[3], frames.map(([, [n]]) => n), frames.map(([, [, f]]) => f)],
        `DELETE FROM daily_frame_counts WHERE (day, channel_id, lang, frame) IN
           (SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[])) AND posts <= 0`,
        (r: { day: string; channel_id: number; lang: string; frame: string; posts: number }) => r.posts <= 0 && [r.day, r.channel_id, r.lang, r.frame],
      );
      for (const [k, [n, f]] of frames) {
        const parts = k.split('|');
        const key = `${parts[0]}|${parts.slice(3).join('|')}`;
        const c = frameTotals.get(key);
        if (c) {
          c[0] += n;
          c[1] += f;
        } else frameTotals.set(key, [n, f]);
      }
    }
    await applyRollups(q, dayTotals, frameTotals);
  }
}

/** Adds per-day sums to the rollups (days in order), removing rows that drop to zero. */
export async function applyRollups(q: Queryable, dayTotals: Map<string, number>, frameTotals: Map<string, [number, number]>): Promise<void> {
  const days = [...dayTotals].filter(([, n]) => n !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (days.length) {
    await upsertAndPrune(
      q,
      `INSERT INTO daily_totals(day, posts) SELECT * FROM unnest($1::text[], $2::bigint[]) ORDER BY 1
       ON CONFLICT (day) DO UPDATE SET posts = daily_totals.posts + EXCLUDED.posts RETURNING day, posts`,
      [days.map(([d]) => d), days.map(([, n]) => n)],
      'DELETE FROM daily_totals WHERE day = ANY($1::text[]) AND posts <= 0',
      (r: { day: string; posts: number }) => r.posts <= 0 && [r.day],
    );
  }
  const frames = [...frameTotals].filter(([, [n, f]]) => n !== 0 || f !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (frames.length) {
    const keys = frames.map(([k]) => [k.slice(0, k.indexOf('|')), k.slice(k.indexOf('|') + 1)] as const);
    await upsertAndPrune(
      q,
      `INSERT INTO daily_frame_totals(day, frame, posts, flagged_posts)
         SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[]) ORDER BY 1, 2
       ON CONFLICT (day, frame) DO UPDATE
          SET posts = daily_frame_totals.posts + EXCLUDED.posts, flagged_posts = daily_frame_totals.flagged_posts + EXCLUDED.flagged_posts
       RETURNING day, frame, posts`,
      [keys.map((k) => k[0]), keys.map((k) => k[1]), frames.map(([, [n]]) => n), frames.map(([, [, f]]) => f)],
      'DELETE FROM daily_frame_totals WHERE (day, frame) IN (SELECT * FROM unnest($1::text[], $2::text[])) AND posts <= 0',
      (r: { day: string; frame: string; posts: number }) => r.posts <= 0 && [r.day, r.frame],
    );
  }
}

/** Runs the upsert; rows it left at zero or below are deleted (their locks are already ours). */
async function upsertAndPrune<R>(q: Queryable, upsert: string, params: unknown[], prune: string, empty: (r: R) => false | unknown[]): Promise<void> {
  const changed = await rows<R>(q, upsert, params);
  const gone = changed.map(empty).filter((k): k is unknown[] => k !== false);
  if (!gone.length) return;
  const width = gone[0]!.length;
  await q.query(prune, Array.from({ length: width }, (_, i) => gone.map((g) => g[i])));
}

/** "a|b|c" keys into columns (the last column takes any further '|'). */
function split(keys: string[], width: number): unknown[][] {
  const cols: unknown[][] = Array.from({ length: width }, () => []);
  for (const k of keys) {
    const parts = k.split('|');
    for (let i = 0; i < width; i++) {
      const v = i === width - 1 ? parts.slice(i).join('|') : parts[i]!;
      cols[i]!.push(i === 1 ? Number(v) : v);
    }
  }
  return cols;
}
