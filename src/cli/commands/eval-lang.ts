// `framewatch eval lang FILE.jsonl [--json]`: accuracy of the pipeline's language detector on a gold file.
import type { Command } from 'commander';

export function register(evalCmd: Command): void {
  evalCmd
    .command('lang <file>')
    .description('evaluate language identification on a JSONL gold file ({"text": "...", "lang": "prs|pus|arb|eng|und"} per line)')
    .option('--json', 'print exactly one JSON object with the metrics')
    .action(async (file: string, opts: { json?: boolean }) => {
      // Heavy modules (franc, word tables) load only when the command runs.
      const { loadLangGold, evaluateLanguage, renderLangReport } = await import('../../eval/eval-lang.js');
      const { detectLanguage } = await import('../../language/detect.js');
      const items = await loadLangGold(file);
      const report = evaluateLanguage(items, (text) => detectLanguage(text));
      process.stdout.write(opts.json ? `${JSON.stringify(report)}\n` : renderLangReport(report));
    });
}
