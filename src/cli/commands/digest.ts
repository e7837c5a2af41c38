import type { Command } from 'commander';

interface DigestOpts {
  date?: string;
  send?: boolean;
  force?: boolean;
  format?: string;
  out?: string;
}

export function register(program: Command): void {
  program
    .command('digest')
    .description('the daily digest (Telegram HTML): print it, or send it to DIGEST_CHAT_IDS')
    .option('--date <YYYY-MM-DD>', 'the day, in TIMEZONE (default: yesterday, the last full day)')
    .option('--send', 'send it with the bot to every chat in DIGEST_CHAT_IDS that has not had it')
    .option('--force', 'with --send: send again to chats that already had it')
    .option('--format <html|text>', 'without --send: Telegram HTML messages (default) or plain text for a terminal or e-mail', 'html')
    .option('--out <file>', 'without --send: write the digest to a file ("-" = stdout, the default)')
    .addHelpText(
      'after',
      `
Without --send the messages are printed to stdout (each at most 4096 characters); --format text
prints the digest as one plain text (no markup, links as URLs) for a terminal or an e-mail.
Each (day, chat) is sent once and recorded in the database; --force resends.
A digest sent before its day is over counts as partial: the full-day digest still goes out later.`,
    )
    .action(async (opts: DigestOpts, cmd: Command) => {
      const { UsageError } = await import('../../errors.js');
      const { parseDay, oneOf } = await import('../parse-options.js');
      if (opts.force && !opts.send) throw new UsageError('--force only makes sense with --send');
      if (opts.out !== undefined && opts.send) throw new UsageError('--out is for printing; --send sends to DIGEST_CHAT_IDS');
      const outPath = opts.out;
      const format = oneOf(opts.format ?? 'html', ['html', 'text'] as const, '--format');
      if (opts.send && format !== 'html') throw new UsageError('--format text is for printing; --send always sends Telegram HTML');
      const { loadLexiconTagger } = await import('../frame-labels.js');
      // The lexicon gives the labels, and re-tags labelled posts to mark validated frames.
      const tagger = await loadLexiconTagger();
      const frames = tagger?.frames();
      const day = opts.date !== undefined ? parseDay(opts.date, '--date') : undefined;
      const { withStore, out, info, writeOutput } = await import('../context.js');
      await withStore(cmd, async (store, config) => {
        const { defaultDigestDay } = await import('../../report/build-digest.js');
        const d = day ?? defaultDigestDay(config.timezone);
        if (!opts.send) {
          const { buildDigestForDay, buildDigestText } = await import('../../report/build-digest.js');
          const opts = { frames, tagger };
          const text = format === 'text' ? await buildDigestText(store, d, config.timezone, opts) : (await buildDigestForDay(store, d, config.timezone, opts)).join('\n\n');
          if (await writeOutput(outPath, text.endsWith('\n') ? text : `${text}\n`)) info(`wrote the digest of ${d} to ${outPath}`);
          return;
        }
        const { createLogger } = await import('../../logger.js');
        const { sendDigestForDay } = await import('../../bot/send-digest.js');
        const log = createLogger({ level: config.logLevel, secrets: [config.botToken] });
        const r = await sendDigestForDay(store, config, d, { force: opts.force, log, frames, tagger });
        const n = r.sent.reduce((s, c) => s + c.messages, 0);
        out(
          `digest ${d}: sent ${n} message${n === 1 ? '' : 's'} to ${r.sent.length} chat${r.sent.length === 1 ? '' : 's'}` +
            (r.skipped.length ? `; ${r.skipped.length} chat${r.skipped.length === 1 ? '' : 's'} already had it (--force resends)` : ''),
        );
      }, { uses: opts.send ? ['telegram', 'log'] : [] }); // printing needs no bot settings
    });
}
