// Opens what a command needs, lazily, so `--help` never loads SQLite, franc or the lexicons.
import type { Command } from 'commander';
import type { Config, ConfigPart } from '../config.js';
import type { Pipeline } from '../pipeline.js';
import type { Store } from '../store/store.js';
import type { FrameTagger, Lang, Side } from '../types.js';

export interface GlobalOptions {
  db?: string;
}

/**
 * Setting groups a command checks up front beyond FRAMEWATCH_DB and TIMEZONE, so one error lists all
 * their problems. Any other group is checked when first read (see loadConfig).
 */
const COMMAND_USES: Record<string, readonly ConfigPart[]> = {
  run: ['channels', 'collect', 'telegram', 'schedule', 'log'],
  collect: ['channels', 'collect', 'log'],
  channels: ['channels'],
};

/** The configuration, checked for what `cmd` uses (`uses` overrides, e.g. digest --send). */
export async function getConfig(cmd: Command, uses?: readonly ConfigPart[]): Promise<Config> {
  const { loadConfig } = await import('../config.js');
  const opts = cmd.optsWithGlobals<GlobalOptions>();
  return loadConfig({ ...(opts.db ? { dbOverride: opts.db } : {}), uses: uses ?? COMMAND_USES[cmd.name()] ?? [] });
}

export async function openConfiguredStore(config: Config): Promise<Store> {
  const { openStore } = await import('../store/open-store.js');
  return openStore(config.db, { timezone: config.timezone });
}

export interface Context {
  config: Config;
  store: Store;
  tagger: FrameTagger;
  pipeline: Pipeline;
}

/** Channel language hints and sides: CHANNELS wins over what is stored on the channel rows (import --side). */
export async function channelProfiles(store: Store, config: Config): Promise<{ hints: Map<string, Lang>; sides: Map<string, Side> }> {
  const hints = new Map<string, Lang>();
  const sides = new Map<string, Side>();
  for (const r of await store.channelProfiles()) {
    if (r.hint) hints.set(r.username, r.hint);
    if (r.side) sides.set(r.username, r.side);
  }
  for (const c of config.channels) {
    if (c.hint) hints.set(c.name, c.hint);
    if (c.side) sides.set(c.name, c.side);
  }
  return { hints, sides };
}

/** Config + store + tagger + pipeline. The tagger is loaded (and validated) before the DB is touched. */
export async function openContext(cmd: Command, configOverride?: Config): Promise<Context> {
  // The pipeline reads CHANNELS (language hints and sides).
  const config = configOverride ?? (await getConfig(cmd, [...new Set<ConfigPart>([...(COMMAND_USES[cmd.name()] ?? []), 'channels'])]));
  const { loadTagger } = await import('../frames/load-tagger.js');
  const tagger = loadTagger();
  const store = await openConfiguredStore(config);
  try {
    const { createPipeline } = await import('../pipeline.js');
    const pipeline = createPipeline({ store, tagger, ...(await channelProfiles(store, config)) });
    for (const c of config.channels) if (c.hint || c.side) await pipeline.ensureChannel(c.name, c.hint, c.side);
    return { config, store, tagger, pipeline };
  } catch (err) {
    await store.close();
    throw err;
  }
}

/** Runs `fn` and always closes the store. */
export async function withContext<T>(cmd: Command, fn: (ctx: Context) => Promise<T> | T): Promise<T> {
  const ctx = await openContext(cmd);
  try {
    return await fn(ctx);
  } finally {
    await ctx.store.close();
  }
}

export async function withStore<T>(
  cmd: Command,
  fn: (store: Store, config: Config) => Promise<T> | T,
  opts: { uses?: readonly ConfigPart[] } = {},
): Promise<T> {
  const config = await getConfig(cmd, opts.uses);
  const store = await openConfiguredStore(config);
  try {
    return await fn(store, config);
  } finally {
    await store.close();
  }
}

/**
 * Writes a command's result to `path`, or to standard output when there is no path or it is "-".
 * Returns true when it went to a file (the caller then says so on stderr).
 */
export async function writeOutput(path: string | undefined, text: string): Promise<boolean> {
  if (path === undefined || path === '-') {
    process.stdout.write(text);
    return false;
  }
  const [{ writeFileSync }, { UserError }] = await Promise.all([import('node:fs'), import('../errors.js')]);
  try {
    writeFileSync(path, text);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new UserError(`cannot write ${path}: ${e.code ?? e.message}; nothing was written (check the path, or use --out - for standard output)`);
  }
  return true;
}

export function out(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

export function info(text: string): void {
  process.stderr.write(`${text}\n`);
}
