import { dayInZone } from '../../util/day-in-zone.js';
import type { Db } from './open-database.js';

/** Recomputes posts.day for a new time zone; the triggers move the aggregates along. */
export function rebucketDays(db: Db, timezone: string): number {
  const rows = db.prepare('SELECT id, posted_at, day FROM posts').all() as { id: number; posted_at: string; day: string }[];
  const update = db.prepare('UPDATE posts SET day = ? WHERE id = ?');
  let changed = 0;
  db.transaction(() => {
    for (const r of rows) {
      const day = dayInZone(r.posted_at, timezone);
      if (day !== r.day) {
        update.run(day, r.id);
        changed++;
      }
    }
  })();
  return changed;
}
