// A post's own link is a Telegram link: anything else in imported data could be a look-alike planted
// as "the post". Links are built only from a username that is known, never from a channel's title.

const TELEGRAM_HOSTS: ReadonlySet<string> = new Set(['t.me', 'telegram.me']);

/** An http(s) URL on t.me or telegram.me, with no user info or port to disguise it. */
export function isTelegramUrl(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  return (u.protocol === 'https:' || u.protocol === 'http:') && TELEGRAM_HOSTS.has(u.hostname) && !u.username && !u.password && !u.port;
}

/** https://t.me/<username>/<id> for a channel whose username is known. */
export function postLink(username: string, messageId: number): string {
  return `https://t.me/${username.toLowerCase()}/${messageId}`;
}

/** https://t.me/c/<id>/<message>: the link Telegram itself gives for a channel known only by its numeric id. */
export function postLinkById(channelId: number, messageId: number): string {
  return `https://t.me/c/${Math.abs(channelId)}/${messageId}`;
}

/**
 * `url` when it is the Telegram link of this very post (t.me/<channel>/<id>, t.me/s/<channel>/<id>,
 * or t.me/c/<n>/<id> for the channel key c<n>), else null.
 */
export function ownPostLink(url: string, channel: string, messageId: number): string | null {
  if (!isTelegramUrl(url)) return null;
  const [a, b, c, ...rest] = new URL(url).pathname.split('/').filter(Boolean);
  const ch = channel.toLowerCase();
  const id = String(messageId);
  if (rest.length || a === undefined || b === undefined) return null;
  if (c === undefined) return a.toLowerCase() === ch && b === id ? url : null;
  if (a === 's') return b.toLowerCase() === ch && c === id ? url : null;
  if (a === 'c') return `c${b}` === ch && c === id ? url : null;
  return null;
}
