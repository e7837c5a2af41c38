// What of a page may be stored under the channel asked for: a post whose data-post names another
// channel is skipped (it would otherwise be stored under ours), and an id the page repeats is kept
// once. Neither happens silently: both end up in the channel's notes.
import type { ParsedPost } from './parse-channel-page.js';

export interface PageScreen {
  /** The page's posts of this channel, first copy of each id, in page order. */
  (posts: readonly ParsedPost[], pageLabel: string): ParsedPost[];
  /** The name pages are served under, when a redirect changed it (its posts are ours too). */
  setPageName(name: string): void;
  /** Notes for the channel: one line for all foreign posts, one per page that repeated ids. */
  summary(): string[];
}

const SHOWN = 5;

export function createPageScreen(channel: string): PageScreen {
  const own = new Set([channel.toLowerCase()]);
  const foreign: string[] = [];
  const repeats: string[] = [];
  const screen = (posts: readonly ParsedPost[], pageLabel: string): ParsedPost[] => {
    const kept = new Map<number, ParsedPost>();
    const copies = new Map<number, ParsedPost[]>();
    for (const p of posts) {
      if (!own.has(p.channel.toLowerCase())) {
        foreign.push(`${p.channel}/${p.messageId}`);
        continue;
      }
      const first = kept.get(p.messageId);
      if (!first) {
        kept.set(p.messageId, p);
        continue;
      }
      const list = copies.get(p.messageId) ?? [first];
      list.push(p);
      copies.set(p.messageId, list);
    }
    for (const [id, list] of copies) {
      const differ = list.some((c) => JSON.stringify(c) !== JSON.stringify(list[0]));
      repeats.push(`${pageLabel} repeats id ${id} (${list.length} copies${differ ? ', which differ' : ''}); kept the first`);
    }
    return [...kept.values()];
  };
  return Object.assign(screen, {
    setPageName(name: string) {
      own.add(name.toLowerCase());
    },
    summary(): string[] {
      const out = [...repeats];
      if (foreign.length) {
        const shown = foreign.slice(0, SHOWN).join(', ') + (foreign.length > SHOWN ? ', ...' : '');
        out.push(`skipped ${foreign.length} post${foreign.length === 1 ? '' : 's'} whose data-post names another channel (${shown})`);
      }
      foreign.length = 0;
      repeats.length = 0;
      return out;
    },
  });
}
