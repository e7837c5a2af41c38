// `framewatch lexicon check|list|show`: validate the lexicon files, list the frames, show one frame.
import type { Command } from 'commander';

interface FormatOpts {
  format?: string;
  json?: boolean;
}

export function register(program: Command): void {
  const lexicon = program.command('lexicon').description('check, list and show the frame lexicons');
  lexicon
    .command('check')
    .description('validate all lexicon files, concepts and rules; report duplicate terms, rules that can never fire, terms that can never match')
    .option('--dir <dir>', 'lexicon directory (default: the project lexicons)')
    .option('--strict', 'exit 1 on warnings too')
    .option('--format <format>', 'table (default) or json: one JSON object {errors, warnings, stats, version}')
    .option('--json', 'alias of --format json')
    .action(async (opts: { dir?: string; strict?: boolean } & FormatOpts) => {
      const { resolveRowFormat } = await import('../format-rows.js');
      const { UsageError } = await import('../../errors.js');
      const format = resolveRowFormat(opts);
      if (format !== 'table' && format !== 'json') throw new UsageError(`--format ${format}: lexicon check prints table or json`);
      const { checkLexicons } = await import('../../frames/check-lexicons.js');
      const res = opts.dir ? checkLexicons(opts.dir) : checkLexicons();
      const failed = res.errors.length > 0 || (opts.strict === true && res.warnings.length > 0);
      if (format === 'json') process.stdout.write(`${JSON.stringify(res)}\n`);
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
        const ct = s.conceptTerms;
        lines.push(`${s.concepts} concepts (terms eng ${ct.eng} / arb ${ct.arb} / pus ${ct.pus} / prs ${ct.prs}), ${s.rules} rules`);
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
    .option('--format <format>', 'table (default), json, jsonl or csv')
    .option('--json', 'alias of --format json')
    .action(async (opts: { dir?: string } & FormatOpts) => {
      const { resolveRowFormat, renderRows } = await import('../format-rows.js');
      const format = resolveRowFormat(opts);
      const { loadTagger } = await import('../../frames/load-tagger.js');
      const tagger = opts.dir ? loadTagger(opts.dir) : loadTagger();
      const frames = tagger.frames();
      process.stdout.write(
        renderRows(frames, format, [
          { header: 'FRAME', cell: (f) => f.id },
          { header: 'GROUP', cell: (f) => f.group },
          { header: 'ACTOR', cell: (f) => f.actor },
          { header: 'THRESHOLD', cell: (f) => f.threshold },
          { header: 'LABEL', cell: (f) => f.label },
        ]),
      );
      if (format === 'table') process.stdout.write(`\nlexicon version ${tagger.version}\n`);
    });
  lexicon
    .command('show')
    .argument('<frame>', 'frame id (case-insensitive)')
    .description("show one frame as an analyst reads it: definition, terms, rules in words, vetoes, actor reference, and the concepts' terms")
    .option('--dir <dir>', 'lexicon directory (default: the project lexicons)')
    .option('--all', 'list every term (default: the first 12 per language)')
    .option('--format <format>', 'table (default: readable text) or json (the frame and its concepts)')
    .option('--json', 'alias of --format json')
    .action(async (id: string, opts: { dir?: string; all?: boolean } & FormatOpts) => {
      const { resolveRowFormat } = await import('../format-rows.js');
      const { UsageError } = await import('../../errors.js');
      const format = resolveRowFormat(opts);
      if (format !== 'table' && format !== 'json') throw new UsageError(`--format ${format}: lexicon show prints table or json`);
      const { LEXICON_DIR } = await import('../../paths.js');
      const { readLexiconFiles } = await import('../../frames/read-lexicons.js');
      const { parseLexiconFiles } = await import('../../frames/parse-lexicons.js');
      const { LexiconError } = await import('../../frames/lexicon-types.js');
      const { showFrame } = await import('../../frames/show-frame.js');
      const { set, errors } = parseLexiconFiles(readLexiconFiles(opts.dir ?? LEXICON_DIR));
      if (errors.length > 0) throw new LexiconError(errors);
      const frame = set.frames.find((f) => f.id === id.toLowerCase());
      if (!frame) {
        const near = set.frames.map((f) => f.id).filter((f) => f.includes(id.toLowerCase().slice(0, 4)));
        throw new UsageError(`unknown frame "${id}"${near.length ? `; did you mean ${near.join(', ')}?` : ''} (framewatch lexicon list shows them all)`);
      }
      if (format === 'json') {
        const used = new Set([...frame.rules.flatMap((r) => [...r.parts.flatMap((p) => p.concepts), ...r.not]), ...frame.veto, ...frame.ref]);
        for (const k of set.concepts) if (used.has(k.id)) for (const inc of k.include) used.add(inc);
        process.stdout.write(`${JSON.stringify({ frame, concepts: set.concepts.filter((k) => used.has(k.id)), version: set.version })}\n`);
        return;
      }
      process.stdout.write(showFrame(set, frame, { all: opts.all === true }));
    });
}
