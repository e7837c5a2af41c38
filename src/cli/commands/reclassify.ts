import type { Command } from 'commander';
import { info, out, withContext, channelProfiles } from '../context.js';

export function register(program: Command): void {
  program
    .command('reclassify')
    .description(
      're-tag every stored post with the current lexicons (and re-detect languages when the detector or channel hints changed); the aggregates follow what changed',
    )
    .option('--workers <n>', 'worker threads that tag (default: one per CPU)')
    .option('--recount', 'also recount every daily aggregate from the posts at the end (repairs drift; reads every post again)')
    .option('--redetect', 'detect every language again even when the detector and channel hints are unchanged')
    .action(async (opts: { workers?: string; recount?: boolean; redetect?: boolean }, cmd: Command) => {
      const { parsePositiveInt } = await import('../parse-options.js');
      const workers = opts.workers === undefined ? undefined : parsePositiveInt(opts.workers, '--workers');
      const { reclassify } = await import('../../reclassify.js');
      const { formatSeconds, progressReporter } = await import('../progress.js');
      const { LEXICON_DIR } = await import('../../paths.js');
      await withContext(cmd, async ({ store, tagger, config }) => {
        const progress = progressReporter('reclassify', { ttyOnly: true });
        const { hints } = await channelProfiles(store, config);
        const r = await reclassify(store, tagger, {
          hints,
          lexiconDir: LEXICON_DIR,
          ...(workers ? { workers } : {}),
          ...(opts.recount ? { recount: true } : {}),
          ...(opts.redetect ? { redetect: true } : {}),
          onProgress: progress.update,
        });
        progress.end();
        const seconds = progress.seconds();
        const rate = seconds > 0 ? `, ${Math.round(r.posts / seconds).toLocaleString('en-US')} posts/s` : '';
        out(
          `reclassified ${r.posts} posts in ${formatSeconds(seconds)}${rate} with lexicon ${r.lexiconVersion}: ${r.changedPosts} changed; ` +
            `frame tags ${r.framesBefore} -> ${r.framesAfter}; aggregates ${opts.recount ? 'recounted' : 'updated'}`,
        );
        info(
          r.redetected
            ? 'languages: detected again (asked with --redetect, or the detector or channel hints changed since they were stored)'
            : 'languages: kept as stored (same detector and channel hints; --redetect detects them again)',
        );
        info(`database: ${store.location}`);
      });
    });
}
