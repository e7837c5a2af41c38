import type { Command } from 'commander';
import type { ChannelLease, ChannelListing } from '../../store/store.js';

/** A channel's row with its lease (collectors sharing a database). */
type Listed = ChannelListing & { leaseHolder: string | null; leaseExpiresAt: string | null; lastDoneBy: string | null };

const when = (iso: string | null): string | null => (iso ? iso.slice(0, 16).replace('T', ' ') : null);

/** A run that did not simply end is flagged next to its number. */
function lastRun(r: Listed): string | null {
  if (!r.lastRunAt) return null;
  const flag = r.lastRunStatus === 'interrupted' || r.lastRunStatus === 'running' ? ` (${r.lastRunStatus})` : '';
  return `#${r.lastRunId} ${when(r.lastRunAt)}${flag}`;
}

/**
 * Asks on `output` and reads one line from `input`: true for "y" or "yes". End of input is a no.
 */
export async function confirm(question: string, input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Promise<boolean> {
  const { createInterface } = await import('node:readline');
  const rl = createInterface({ input, output, terminal: false });
  output.write(question);
  try {
    const answer = await new Promise<string>((resolve) => {
      rl.once('line', resolve);
      rl.once('close', () => resolve(''));
    });
    return /^\s*y(es)?\s*$/i.test(answer);
  } finally {
    rl.close();
  }
}

/**
 * The stored username a NAME argument means ("@name", "t.me/name" and any case accepted). Names that
 * break the collector's rules are accepted when they are in the database (imports allow more).
 */
async function storedName(input: string, exists: (username: string) => Promise<boolean>): Promise<string> {
  const { validateChannelName } = await import('../../collect/collect-run.js');
  const raw = input.trim().replace(/^@/, '').toLowerCase();
  if (await exists(raw)) return raw;
  return validateChannelName(input).toLowerCase(); // a usage error when it is not a name at all
}

export function register(program: Command): void {
  const channels = program
    .command('channels')
    .description('list channels with their collection state, last post, last run and post count')
    .option('--format <fmt>', 'table, json, jsonl or csv (default: table)')
    .option('--json', 'the same as --format json')
    .action(async (opts: { format?: string; json?: boolean }, cmd: Command) => {
      const { resolveRowFormat, renderRows } = await import('../format-rows.js');
      const { withStore, out } = await import('../context.js');
      const format = resolveRowFormat(opts);
      await withStore(cmd, async (store, config) => {
        // Leases matter where collectors share the database; on one host the listing stays as it was.
        const shared = store.backend !== 'sqlite';
        const leases = new Map<string, ChannelLease>(shared ? (await store.leases()).map((l) => [l.channel, l]) : []);
        const rows: Listed[] = (await store.listChannels()).map((r) =>
          shared
            ? {
                ...r,
                leaseHolder: leases.get(r.username)?.holder ?? null,
                leaseExpiresAt: leases.get(r.username)?.expiresAt ?? null,
                lastDoneBy: leases.get(r.username)?.doneBy ?? null,
              }
            : (r as Listed),
        );
        const known = new Set(rows.map((r) => r.username));
        // configured but never seen: listed too, so a typo in CHANNELS shows up
        for (const c of config.channels) {
          if (!known.has(c.name)) {
            rows.push({
              username: c.name, title: null, subscribers: null, state: 'new', lastError: null, newestId: null,
              oldestId: null, posts: 0, lastPostAt: null, lastRunId: null, lastRunAt: null, lastRunStatus: null, lastRunNote: null,
              ...(shared ? { leaseHolder: null, leaseExpiresAt: null, lastDoneBy: null } : {}),
            } as Listed);
          }
        }
        rows.sort((a, b) => a.username.localeCompare(b.username));
        if (format === 'table' && rows.length === 0) {
          out('no channels yet: run framewatch collect NAME, or set CHANNELS');
          return;
        }
        const columns =
          format === 'csv'
            ? [
                { header: 'channel', cell: (r: Listed) => r.username },
                { header: 'title', cell: (r: Listed) => r.title },
                { header: 'subscribers', cell: (r: Listed) => r.subscribers },
                { header: 'state', cell: (r: Listed) => r.state },
                { header: 'posts', cell: (r: Listed) => r.posts },
                { header: 'oldest_id', cell: (r: Listed) => r.oldestId },
                { header: 'newest_id', cell: (r: Listed) => r.newestId },
                { header: 'last_post_at', cell: (r: Listed) => r.lastPostAt },
                { header: 'last_run_id', cell: (r: Listed) => r.lastRunId },
                { header: 'last_run_at', cell: (r: Listed) => r.lastRunAt },
                { header: 'last_run_status', cell: (r: Listed) => r.lastRunStatus },
                { header: 'last_error', cell: (r: Listed) => r.lastError },
                { header: 'last_run_note', cell: (r: Listed) => r.lastRunNote },
                ...(shared
                  ? [
                      { header: 'lease_holder', cell: (r: Listed) => r.leaseHolder },
                      { header: 'lease_expires_at', cell: (r: Listed) => r.leaseExpiresAt },
                      { header: 'last_done_by', cell: (r: Listed) => r.lastDoneBy },
                    ]
                  : []),
              ]
            : [
                { header: 'CHANNEL', cell: (r: Listed) => r.username },
                { header: 'STATE', cell: (r: Listed) => r.state },
                { header: 'POSTS', cell: (r: Listed) => r.posts },
                { header: 'LAST POST', cell: (r: Listed) => when(r.lastPostAt) },
                { header: 'LAST RUN', cell: lastRun },
                ...(shared ? [{ header: 'LEASE', cell: (r: Listed) => (r.leaseHolder ? `${r.leaseHolder} until ${when(r.leaseExpiresAt)}` : '') }] : []),
                { header: 'DETAIL', cell: (r: Listed) => r.lastError ?? r.lastRunNote ?? '' },
              ];
        process.stdout.write(renderRows(rows, format, columns));
      });
    });

  channels
    .command('reset')
    .description('re-open the backfill of a channel: forget its collected id ranges (its posts stay)')
    .argument('<name>', 'channel username')
    .addHelpText(
      'after',
      `
The collector remembers which id ranges of a channel it has read completely and never asks for
them again. If a backfill ended too early (t.me answered "No posts found" where posts exist),
reset the channel and collect it again, e.g. framewatch collect NAME --limit 1000.`,
    )
    .action(async (name: string, _opts: unknown, cmd: Command) => {
      const { DEFAULT_DEPTH } = await import('../../collect/collect-run.js');
      const { UserError } = await import('../../errors.js');
      const { withStore, out } = await import('../context.js');
      await withStore(cmd, async (store) => {
        const username = await storedName(name, (n) => store.hasChannel(n));
        if (!(await store.hasChannel(username))) throw new UserError(`no channel "${username}" in ${store.location}; framewatch channels lists them`);
        const old = await store.resetSegments(username);
        const range = await store.storedIdRange(username);
        const kept = range ? `its posts (ids ${range.lo}..${range.hi}) stay stored` : 'it has no posts stored';
        const ranges = old.length ? old.map((s) => `${s.lo}..${s.hi}`).join(', ') : 'none';
        out(
          `reset ${username}: forgot the collected id ranges (${ranges}); ${kept}. ` +
            `The next framewatch collect ${username} reads back from the newest post ` +
            `(the newest ${DEFAULT_DEPTH}, or as far as --limit N / --since DATE ask).`,
        );
      });
    });

  channels
    .command('remove')
    .description('delete a channel with its posts, frame tags, daily counts, search index entries and run history')
    .argument('<name>', 'channel username')
    .option('--yes', 'do not ask for confirmation')
    .action(async (name: string, opts: { yes?: boolean }, cmd: Command) => {
      const { UserError, UsageError } = await import('../../errors.js');
      const { withStore, out, info } = await import('../context.js');
      await withStore(cmd, async (store, config) => {
        const username = await storedName(name, (n) => store.hasChannel(n));
        const f = await store.channelFootprint(username);
        if (!f) throw new UserError(`no channel "${username}" in ${store.location}; nothing removed (framewatch channels lists them)`);
        const what = `${f.posts} post${f.posts === 1 ? '' : 's'}, ${f.tags} frame tag${f.tags === 1 ? '' : 's'} and ${f.runs} run record${f.runs === 1 ? '' : 's'}`;
        if (!opts.yes) {
          if (!process.stdin.isTTY) {
            throw new UsageError(`channels remove ${username}: would delete ${what}; stdin is not a terminal to confirm on, so add --yes`);
          }
          const ok = await confirm(`Remove ${username} and its ${what}? This cannot be undone. [y/N] `, process.stdin, process.stderr);
          if (!ok) throw new UserError(`not confirmed: nothing removed`);
        }
        await store.removeChannel(username);
        out(`removed ${username}: ${what}`);
        if (config.channels.some((c) => c.name === username)) {
          info(`note: ${username} is still in CHANNELS, so the next framewatch collect collects it again`);
        }
      });
    });
}
