// `framewatch lexicon check|list|show|suggest`: validate the lexicon files, list the frames, show one
// frame, suggest terms from the analysts' labels.
import type { Command } from 'commander';

interface FormatOpts {
  format?: string;
  json?: boolean;
}

export function register(program: Command): void {
  const lexicon = program.command('lexicon').description('check, list and show the frame lexicons; suggest terms from your labels');
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
  lexicon
    .command('suggest')
    .description('words and phrases the lexicon misses in posts labelled yes, and the terms and rules behind posts labelled no (prints only; edits nothing)')
    .requiredOption('--frame <id>', 'the frame (any case)')
    .option('--lang <lang>', 'only posts in this language (prs, pus, arb, eng, und), on both sides of the comparison')
    .option('--top <n>', 'candidates to list', '20')
    .option('--format <format>', 'table (default) or json')
    .option('--json', 'alias of --format json')
    .addHelpText(
      'after',
      `
Candidates: words and 2–3-word phrases (normalized words, function words and very short words left
out at their ends) over-represented in the posts labelled yes that the current lexicon does not tag,
against every other stored post, ranked by keyness: log-likelihood G² (Dunning; Rayson and Garside),
with how often each occurs, in how many of those posts, and an example post. Then the lexicon terms
and rules that tagged posts labelled no, most posts first. Nothing is written: edit the lexicon
yourself, run framewatch reclassify, then framewatch eval labels again.`,
    )
    .action(async (opts: { frame: string; lang?: string; top: string } & FormatOpts, cmd: Command) => {
      const { resolveRowFormat, renderRows } = await import('../format-rows.js');
      const { UsageError } = await import('../../errors.js');
      const { parseLangs, parsePositiveInt } = await import('../parse-options.js');
      const format = resolveRowFormat(opts);
      if (format !== 'table' && format !== 'json') throw new UsageError(`--format ${format}: lexicon suggest prints table or json`);
      const langs = parseLangs(opts.lang ? [opts.lang] : []);
      if (langs.length > 1) throw new UsageError('--lang: give one language');
      const top = parsePositiveInt(opts.top, '--top');
      const { loadTagger } = await import('../../frames/load-tagger.js');
      const tagger = loadTagger();
      const { withStore, info } = await import('../context.js');
      await withStore(cmd, async (store) => {
        const { resolveFrameIds, frameIdSource } = await import('../frame-ids.js');
        const [frame] = await resolveFrameIds([opts.frame], frameIdSource(store));
        const { suggestTerms } = await import('../../review/suggest-terms.js');
        const s = await suggestTerms(store, tagger, { frame: frame!, top, ...(langs[0] ? { lang: langs[0] } : {}) });
        if (format === 'json') {
          process.stdout.write(`${JSON.stringify({ ...s, lexiconVersion: tagger.version }, null, 2)}\n`);
          return;
        }
        const where = s.lang ? ` in ${s.lang}` : '';
        const lines = [
          `${frame}${where}: ${s.missed} post(s) labelled yes that lexicon ${tagger.version} does not tag; ${s.falsePositives} labelled no that it tags; compared with ${s.reference} other stored post(s)`,
          '',
          'Candidates (over-represented in the missed posts; keyness G²):',
        ];
        process.stdout.write(`${lines.join('\n')}\n`);
        if (s.candidates.length === 0) process.stdout.write(s.missed === 0 ? '  none: no post labelled yes is missed\n' : '  none stands out (a candidate needs 2 missed posts)\n');
        else
          process.stdout.write(
            renderRows(s.candidates, 'table', [
              { header: '  G2', cell: (c) => `  ${c.g2.toFixed(1)}` },
              { header: 'COUNT', cell: (c) => c.count },
              { header: 'POSTS', cell: (c) => c.posts },
              { header: 'OTHER', cell: (c) => c.refCount },
              { header: 'PHRASE', cell: (c) => `\u2068${c.phrase}\u2069` },
              { header: 'EXAMPLE', cell: (c) => `@${c.example.post}: \u2068${c.example.snippet.slice(0, 90)}\u2069` },
            ]),
          );
        process.stdout.write('\nTerms and rules that tagged posts labelled no (false positives):\n');
        if (s.sources.length === 0) process.stdout.write('  none\n');
        else
          process.stdout.write(
            renderRows(s.sources, 'table', [
              { header: '  POSTS', cell: (x) => `  ${x.posts}` },
              { header: 'KIND', cell: (x) => x.kind },
              { header: 'TERM OR RULE', cell: (x) => `\u2068${x.id}\u2069` },
              { header: 'EXAMPLE', cell: (x) => `@${x.example.post}: \u2068${x.example.snippet.slice(0, 90)}\u2069` },
            ]),
          );
        info('suggestions only: no lexicon file was changed');
      });
    });
}
