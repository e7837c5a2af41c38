// `framewatch lexicon check|list`: validate the lexicon files, list the frames.
import type { Command } from 'commander';

export function register(program: Command): void {
  const lexicon = program.command('lexicon').description('check and list the frame lexicons');
  lexicon
    .command('check')
    .description('validate all lexicon files; report duplicate terms, terms shared by two frames, terms that can never match')
    .option('--dir <dir>', 'lexicon directory (default: the project lexicons)')
    .option('--strict', 'exit 1 on warnings too')
    .option('--json', 'print one JSON object {errors, warnings, stats, version}')
    .action(async (opts: { dir?: string; strict?: boolean; json?: boolean }) => {
      const { checkLexicons } = await import('../../frames/check-lexicons.js');
      const res = opts.dir ? checkLexicons(opts.dir) : checkLexicons();
      const failed = res.errors.length > 0 || (opts.strict === true && res.warnings.length > 0);
      if (opts.json) process.stdout.write(`${JSON.stringify(res)}\n`);
      else {
        const s = res.stats;
        const lines: string[] = [];
        for (const e of res.errors) lines.push(`error: ${e}`);
        for (const w of res.warnings) lines.push(`warning: ${w}`);
        if (lines.length) lines.push('');
        lines.push(
          `${s.files} files, ${s.frames} frames, terms eng ${s.terms.eng} / arb ${s.terms.arb} / pus ${s.terms.pus} / prs ${s.terms.prs}` +
            ` (${s.globs} globs, ${s.phrases} phrases, ${s.documentationOnly} documentation-only), ${s.exclusions} exclusions, ${s.cues} cues`,
        );
        lines.push(
          res.errors.length > 0
            ? `INVALID: ${res.errors.length} error${res.errors.length === 1 ? '' : 's'}, ${res.warnings.length} warning${res.warnings.length === 1 ? '' : 's'}; the tagger will not load this lexicon`
            : `ok: version ${res.version}, ${res.warnings.length} warning${res.warnings.length === 1 ? '' : 's'}`,
        );
        process.stdout.write(`${lines.join('\n')}\n`);
      }
      if (failed) process.exitCode = 1;
    });
  lexicon
    .command('list')
    .description('list the frames: id, group, actor, threshold, label')
    .option('--dir <dir>', 'lexicon directory (default: the project lexicons)')
    .option('--json', 'print a JSON array')
    .action(async (opts: { dir?: string; json?: boolean }) => {
      const { loadTagger } = await import('../../frames/load-tagger.js');
      const tagger = opts.dir ? loadTagger(opts.dir) : loadTagger();
      const frames = tagger.frames();
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(frames)}\n`);
        return;
      }
      const rows = [['FRAME', 'GROUP', 'ACTOR', 'THRESHOLD', 'LABEL'], ...frames.map((f) => [f.id, f.group, f.actor, String(f.threshold), f.label])];
      const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
      const lines = rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  '));
      lines.push('', `lexicon version ${tagger.version}`);
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
