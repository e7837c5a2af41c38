import type { Command } from 'commander';
import { out, withContext } from '../context.js';

export function register(program: Command): void {
  program
    .command('demo')
    .description('run the whole pipeline offline on the embedded demo corpus and print a summary')
    .action(async (_opts: unknown, cmd: Command) => {
      const { runDemo } = await import('../../demo.js');
      await withContext(cmd, async (ctx) => {
        const r = await runDemo(ctx);
        out(r.lines.join('\n'));
      });
    });
}
