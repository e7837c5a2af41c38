import type { Command } from 'commander';
import { openContext, out, type GlobalOptions } from '../context.js';

export function register(program: Command): void {
  program
    .command('demo')
    .description('run the whole pipeline offline on the embedded demo corpus, in its own database')
    .addHelpText(
      'after',
      `
The demo writes to db/demo.sqlite in the framewatch folder (with demo-trend.csv and
demo-report.html next to it), never to FRAMEWATCH_DB: give --db PATH to put it elsewhere.`,
    )
    .action(async (_opts: unknown, cmd: Command) => {
      const [{ runDemo, DEMO_DB }, { loadConfig, readEnv }] = await Promise.all([import('../../demo.js'), import('../../config.js')]);
      // FRAMEWATCH_DB (from .env too) names the monitoring database: the demo stays out of it. It
      // ignores CHANNELS as well, which would add the real channels to the demo's database, and
      // needs no other setting than TIMEZONE.
      const db = cmd.optsWithGlobals<GlobalOptions>().db ?? DEMO_DB;
      const config = loadConfig({ dbOverride: db, env: { ...readEnv(), CHANNELS: '' }, uses: [] });
      const ctx = await openContext(cmd, config);
      try {
        out((await runDemo(ctx)).lines.join('\n'));
      } finally {
        await ctx.store.close();
      }
    });
}
