// Collects one channel: the latest page, then older pages (`?before=<id>`) until the gap down to
// what is already stored is filled and the backfill target (--since / --limit) is met.
// Every page's posts and the range it covers are committed in one transaction, so a crash at
// any moment loses nothing and a rerun resumes where the stored ranges end.
import { addCounts, emptyCounts, type IngestCounts, type Pipeline } from '../pipeline.js';
import type { ChannelState, Segment, Store } from '../store/store.js';
import type { IncomingPost, Lang } from '../types.js';
import { dayInZone } from '../util/day-in-zone.js';
import { parseChannelPage, toIncomingPost, type ParsedPage, type ParsedPost } from './parse-channel-page.js';
import { AbortedError, FetchError, HttpStatusError, type PoliteFetcher } from './polite-fetcher.js';
import { createPageScreen } from './screen-page-posts.js';

export interface CollectTarget {
  /** Backfill down to posts from this instant (ISO) ... */
  sinceInstant?: string;
  /** ... or from this calendar day in the configured time zone. */
  sinceDay?: string;
  /** Backfill until the newest `limit` posts of the channel are stored. */
  limit?: number;
}

export interface PageProgress {
  channel: string;
  pages: number;
  newPosts: number;
  /** Date of the oldest post reached so far. */
  oldestAt: string | null;
  /** The `before` cursor just fetched (null for the latest page). */
  before: number | null;
}

export interface ChannelOutcome {
  channel: string;
  state: ChannelState;
  error: string | null;
  notes: string[];
  pages: number;
  counts: IngestCounts;
  /** Highest and lowest message id actually stored for the channel (not the ranges known empty). */
  newestId: number | null;
  oldestId: number | null;
  oldestAt: string | null;
}

export interface CollectChannelDeps {
  fetcher: PoliteFetcher;
  pipeline: Pipeline;
  store: Store;
  timezone: string;
  runId: number;
  /** Path prefix of the base URL ('' for https://t.me). */
  basePath?: string;
  /** Hard cap on pages per channel per run. */
  maxPages?: number;
  onPage?: (p: PageProgress) => void;
  source?: string;
  /** Shutdown: finish the page in hand, then stop (what is committed stays committed). */
  signal?: AbortSignal;
  /** Pause before asking an empty older page again. Default EMPTY_PAGE_PAUSE_MS. */
  emptyPagePauseMs?: number;
  /** The page parser (tests inject failures). Default parseChannelPage. */
  parsePage?: (html: string) => ParsedPage;
}

class ChannelStop extends Error {
  constructor(
    readonly state: ChannelState,
    message: string,
  ) {
    super(message);
  }
}

const MAX_REDIRECT_HOPS = 3;
/**
 * t.me now and then answers an older page with "No posts found" although posts exist. An empty
 * page ends a backfill only when asked again after a pause (or at the channel's first message):
 * this long by default, EMPTY_PAGE_PAUSE_INTERVALS request intervals when the interval is known.
 */
export const EMPTY_PAGE_PAUSE_MS = 5000;
export const EMPTY_PAGE_PAUSE_INTERVALS = 4;
export const STOPPED = 'stopped early: shutting down';
export const STOPPED_BEFORE_START = 'stopped before the first page: shutting down';

function pageProblem(page: ParsedPage): string | null {
  if (page.complete) return null;
  return page.warnings.find((w) => /no date/.test(w)) ?? 'the page is cut short (no closing </html>)';
}

/** The service message a channel starts with: nothing older can exist. */
function isChannelStart(p: ParsedPost): boolean {
  return p.isService && /^channel created$/i.test(p.text.trim());
}

export async function collectChannel(
  name: string,
  hint: Lang | undefined,
  target: CollectTarget,
  deps: CollectChannelDeps,
): Promise<ChannelOutcome> {
  const { fetcher, pipeline, store, runId } = deps;
  const username = name.toLowerCase();
  const basePath = (deps.basePath ?? '').replace(/\/+$/, '');
  const maxPages = deps.maxPages ?? 5000;
  const parsePage = deps.parsePage ?? parseChannelPage;
  const emptyPause = deps.emptyPagePauseMs ?? EMPTY_PAGE_PAUSE_MS;
  await pipeline.ensureChannel(username, hint);
  await store.startRunChannel(runId, username);

  const counts = emptyCounts();
  const notes: string[] = [];
  let pages = 0;
  let oldestAt: string | null = null;
  /** Id of the channel's "Channel created" message, once a page showed it. */
  let startId: number | null = null;

  // --- fetching ---------------------------------------------------------------------------
  type Got = { kind: 'page'; page: ParsedPage } | { kind: 'moved'; location: string };
  const fetchParsed = async (path: string, pauseMs = 0): Promise<Got> => {
    let parsed: ParsedPage | null = null;
    let parseError: unknown = null;
    const res = await fetcher.get(path, {
      pauseMs,
      validate: (body) => {
        try {
          parsed = parsePage(body);
        } catch (err) {
          parseError = err; // the body arrived; this is no network failure and no retry helps
          return null;
        }
        return pageProblem(parsed);
      },
    });
    if (parseError !== null) {
      const what = parseError instanceof Error ? parseError.message : String(parseError);
      throw new ChannelStop('failing', `could not parse the page ${new URL(res.url).pathname}${new URL(res.url).search}: ${what}`);
    }
    if (res.kind === 'redirect') return { kind: 'moved', location: res.location };
    return { kind: 'page', page: parsed ?? parsePage(res.body) };
  };

  const previewPath = (n: string, before?: number): string =>
    `${basePath}/s/${encodeURIComponent(n)}${before === undefined ? '' : `?before=${before}`}`;

  /** Where a redirect off the preview leads: no preview, or a name that does not exist. */
  const classifyLanding = async (location: string): Promise<never> => {
    const where = new URL(location).pathname;
    try {
      const got = await fetchParsed(location);
      if (got.kind === 'page') {
        await updateInfo(got.page);
        if (got.page.kind === 'not_found') throw new ChannelStop('not_found', `no such channel (redirected to ${where})`);
        if (got.page.kind === 'messages') throw new ChannelStop('failing', `redirected to ${where}, which is a message list`);
      }
    } catch (err) {
      if (err instanceof ChannelStop) throw err;
      if (err instanceof HttpStatusError && err.status === 404) {
        throw new ChannelStop('not_found', `no such channel (redirected to ${where}, which is 404)`);
      }
      // the landing page itself is only a hint; the redirect already says "no preview"
    }
    throw new ChannelStop('no_preview', `no public preview (redirected to ${where})`);
  };

  const updateInfo = async (page: ParsedPage): Promise<void> => {
    const c = page.channel;
    if (c.title || c.description || c.subscribers !== null) {
      await store.updateChannelInfo(username, { title: c.title, description: c.description, subscribers: c.subscribers });
    }
  };

  // --- storing ----------------------------------------------------------------------------
  /** One transaction: the posts, the range they prove complete, the run's counters. */
  const commit = async (posts: ParsedPost[], range: Segment | null): Promise<IngestCounts> => {
    const incoming: IncomingPost[] = [];
    for (const p of posts) {
      const inc = toIncomingPost(p, username, deps.source ?? 'collect');
      if (inc) incoming.push(inc);
    }
    const c = await pipeline.ingest(incoming, { page: { runId, channel: username, covered: range } });
    addCounts(counts, c);
    pages++;
    for (const p of posts) if (p.postedAt && (oldestAt === null || p.postedAt < oldestAt)) oldestAt = p.postedAt;
    return c;
  };

  const isBeforeSince = (postedAt: string): boolean => {
    if (target.sinceInstant) return postedAt < target.sinceInstant;
    if (target.sinceDay) return dayInZone(postedAt, deps.timezone) < target.sinceDay;
    return false;
  };
  const hasSince = target.sinceInstant !== undefined || target.sinceDay !== undefined;

  /** Is the backfill target met once everything from `cursor` up is stored? */
  const targetMet = async (cursor: number): Promise<boolean> => {
    if (!hasSince && target.limit === undefined) return true;
    if (target.limit !== undefined && (await store.countPostsFrom(username, cursor)) >= target.limit) return true;
    if (hasSince) {
      const at = await store.postedAtOfLowestFrom(username, cursor);
      if (at !== null && isBeforeSince(at)) return true;
    }
    return false;
  };

  const screen = createPageScreen(username);
  /** The page's dated posts of this channel, one copy per id; what was dropped goes to the notes. */
  const usablePosts = (page: ParsedPage, label: string): ParsedPost[] => {
    const posts = screen(page.posts.filter((p) => p.postedAt), label);
    for (const p of posts) if (isChannelStart(p)) startId = p.messageId;
    return posts;
  };

  const outcome = async (state: ChannelState, error: string | null): Promise<ChannelOutcome> => {
    notes.push(...screen.summary());
    const range = await store.storedIdRange(username);
    return {
      channel: username,
      state,
      error,
      notes,
      pages,
      counts,
      newestId: range?.hi ?? null,
      oldestId: range?.lo ?? null,
      oldestAt,
    };
  };

  try {
    // --- the latest page ------------------------------------------------------------------
    let path = previewPath(username);
    let pageName = username; // the name older pages are asked under (changes if the preview redirects)
    let top: ParsedPage | null = null;
    for (let hop = 0; hop <= MAX_REDIRECT_HOPS && !top; hop++) {
      const got = await fetchParsed(path);
      if (got.kind === 'page') {
        top = got.page;
        break;
      }
      const loc = new URL(got.location);
      const prefix = `${basePath}/s/`;
      // /s/Name → /s/name and the like: follow; anything else leaves the preview
      if (loc.pathname.toLowerCase().startsWith(prefix.toLowerCase()) && hop < MAX_REDIRECT_HOPS) {
        path = loc.pathname + loc.search;
        if (loc.pathname.toLowerCase() !== previewPath(username).toLowerCase()) notes.push(`preview redirected to ${loc.pathname}`);
        pageName = decodeURIComponent(loc.pathname.slice(prefix.length)).split('/')[0] || pageName;
        continue;
      }
      await classifyLanding(got.location);
    }
    if (!top) throw new ChannelStop('failing', 'too many redirects');
    await updateInfo(top);
    if (top.kind === 'landing') throw new ChannelStop('no_preview', 'no public preview (the page has no message list)');
    if (top.kind === 'not_found') throw new ChannelStop('not_found', 'no such channel');
    if (top.kind !== 'messages') throw new ChannelStop('failing', 'unexpected page: neither a message list nor a channel page');
    screen.setPageName(pageName);

    const topPosts = usablePosts(top, 'the latest page');
    if (topPosts.length === 0) {
      pages++;
      return await outcome('ok', null);
    }
    const topIds = topPosts.map((p) => p.messageId);
    const topLo = Math.min(...topIds);
    const topHi = Math.max(...topIds);
    await commit(topPosts, { lo: topLo, hi: topHi });
    deps.onPage?.({ channel: username, pages, newPosts: counts.new, oldestAt, before: null });

    // --- older pages ----------------------------------------------------------------------
    let cursor = top.olderBefore ?? topLo;
    let guessed = top.olderBefore === null; // no link on the page: we made the cursor up
    const seen = new Set<number>();
    for (;;) {
      if (cursor <= 1) break; // nothing can be older than id 1
      if (deps.signal?.aborted) {
        notes.push(STOPPED);
        break;
      }
      if (seen.has(cursor)) {
        notes.push(`older pages repeat (before=${cursor} again); stopped`);
        break;
      }
      seen.add(cursor);
      const segs = await store.segments(username);
      const p = cursor - 1;
      const inside = segs.find((s) => s.lo <= p && p <= s.hi);
      if (inside) {
        cursor = inside.lo; // already stored: jump over it
        guessed = false;
        continue;
      }
      const lower = segs.filter((s) => s.hi < p);
      // a stored range further down means a gap to fill, whatever the target says
      const below = lower.length ? Math.max(...lower.map((s) => s.hi)) : null;
      if (below === null && startId !== null && cursor <= startId) {
        await commit([], { lo: 1, hi: cursor - 1 }); // the channel starts here: nothing older exists
        break;
      }
      if (below === null && (await targetMet(cursor))) break;
      if (pages >= maxPages) {
        notes.push(`stopped after ${maxPages} pages (page cap)`);
        break;
      }

      const fetchOlder = async (pauseMs = 0): Promise<{ page: ParsedPage; all: ParsedPost[] }> => {
        const got = await fetchParsed(previewPath(pageName, cursor), pauseMs);
        if (got.kind === 'moved') throw new ChannelStop('failing', `older page redirected to ${new URL(got.location).pathname}`);
        if (got.page.kind !== 'messages') throw new ChannelStop('failing', `older page before=${cursor} is not a message list`);
        return { page: got.page, all: usablePosts(got.page, `page before=${cursor}`) };
      };
      let { page, all } = await fetchOlder();
      if (all.length === 0 && page.posts.length > 0) {
        notes.push(`page before=${cursor} has no usable post of this channel; stopped`);
        break;
      }
      if (all.length === 0) {
        // "No posts found" may be a passing hiccup: believe it only when it is said twice
        ({ page, all } = await fetchOlder(emptyPause));
        if (all.length > 0) notes.push(`page before=${cursor} was empty once, then had posts`);
      }
      if (all.length === 0) {
        // confirmed: nothing between the stored range below (or the channel's start) and the cursor
        await commit([], { lo: below === null ? 1 : below + 1, hi: cursor - 1 });
        if (below === null) {
          if (cursor > 2) notes.push(`no posts before id ${cursor} (asked twice); if the channel is older, run framewatch channels reset ${username}`);
          break;
        }
        cursor = below + 1;
        continue;
      }
      const valid = all.filter((q) => q.messageId < cursor);
      // an empty answer to a made-up cursor is just the start of the channel; older posts mean the link was lost
      if (guessed && valid.length > 0) notes.push(`older-page link missing; before=${cursor} still had older posts`);
      if (valid.length === 0) {
        notes.push(`page before=${cursor} repeats newer posts (the server ignored the cursor); stopped`);
        break;
      }

      let keep = [...valid].sort((a, b) => b.messageId - a.messageId);
      let lo: number;
      let reached = false;
      if (below !== null) {
        // stop at the stored range below instead of re-reading it
        const crosses = keep.some((q) => q.messageId <= below);
        keep = keep.filter((q) => q.messageId > below);
        lo = crosses ? below + 1 : Math.min(...keep.map((q) => q.messageId));
      } else {
        // trim to the target, so a rerun after a crash ends with exactly the same posts
        if (hasSince) {
          const old = keep.filter((q) => isBeforeSince(q.postedAt!));
          if (old.length) {
            const cutoff = Math.max(...old.map((q) => q.messageId));
            keep = keep.filter((q) => q.messageId > cutoff);
            reached = true;
          }
        }
        if (target.limit !== undefined) {
          const need = target.limit - (await store.countPostsFrom(username, cursor));
          if (keep.length >= need) {
            keep = keep.slice(0, Math.max(0, need));
            reached = true;
          }
        }
        if (keep.length === 0) break;
        lo = Math.min(...keep.map((q) => q.messageId));
      }
      await commit(keep, { lo, hi: cursor - 1 });
      deps.onPage?.({ channel: username, pages, newPosts: counts.new, oldestAt, before: cursor });
      if (reached) break;
      if (below !== null && lo === below + 1) {
        cursor = lo; // joined the range below; the next turn jumps over it
        guessed = false;
        continue;
      }

      const minId = Math.min(...valid.map((q) => q.messageId));
      let next = page.olderBefore;
      guessed = next === null;
      if (next === null) {
        if (minId <= 1) break;
        next = minId;
      }
      if (next >= cursor) {
        notes.push(`older-page link does not go back (before=${next} after before=${cursor}); stopped`);
        break;
      }
      cursor = next;
    }
    return await outcome('ok', null);
  } catch (err) {
    if (err instanceof ChannelStop) return outcome(err.state, err.message);
    if (err instanceof AbortedError) {
      // reachable and consistent up to the last committed page; the next run resumes there
      if (pages > 0) {
        notes.push(STOPPED);
        return outcome('ok', null);
      }
      return outcome('failing', STOPPED_BEFORE_START);
    }
    if (err instanceof FetchError) {
      if (err instanceof HttpStatusError && err.status === 404 && pages === 0) return outcome('not_found', 'no such channel (HTTP 404)');
      const tries = err.attempts > 1 ? ` (after ${err.attempts} attempts)` : '';
      return outcome('failing', `${err.message}${tries}`);
    }
    return outcome('failing', `unexpected error: ${(err as Error)?.message ?? String(err)}`);
  }
}
