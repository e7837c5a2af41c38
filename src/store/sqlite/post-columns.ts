// posts columns stored in a shorter form since migration 009, and how they read back.
// An empty BLOB stands for a value derived from the row: a permalink that is the canonical
// https://t.me/<username>/<message_id>, a last_seen equal to first_seen. Both columns are TEXT, so
// a BLOB is never a string that was stored: every value reads back exactly.

/** The stored form of "derived from the row". */
export const DERIVED = Buffer.alloc(0);

/** The canonical link of a post, as the SQL below rebuilds it (usernames are stored lower-cased). */
function canonicalPermalink(username: string, messageId: number): string | null {
  return Number.isSafeInteger(messageId) ? `https://t.me/${username.toLowerCase()}/${messageId}` : null;
}

/** What goes into posts.permalink. */
export function storedPermalink(permalink: string | null, username: string, messageId: number): string | Buffer | null {
  return permalink !== null && permalink === canonicalPermalink(username, messageId) ? DERIVED : permalink;
}

/** posts.permalink as read, for a post aliased `p` joined to its channel aliased `c`. */
export function permalinkSql(p = 'p', c = 'c'): string {
  return `CASE WHEN typeof(${p}.permalink) = 'blob' THEN 'https://t.me/' || ${c}.username || '/' || ${p}.message_id ELSE ${p}.permalink END`;
}

/** posts.last_seen as read. */
export function lastSeenSql(p = 'p'): string {
  return `CASE WHEN typeof(${p}.last_seen) = 'blob' THEN ${p}.first_seen ELSE ${p}.last_seen END`;
}

/** SQL for the stored last_seen of a post seen at the bound parameter, given its first_seen (SQL). */
export function storedLastSeenSql(firstSeen = 'first_seen'): string {
  return `coalesce(nullif(?, ${firstSeen}), x'')`;
}
