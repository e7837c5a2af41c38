// The offline demo: the embedded corpus through the real pipeline into the demo's own database
// (db/demo.sqlite unless --db is given: never the monitoring database of FRAMEWATCH_DB).
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from './cli/context.js';
import { UserError } from './errors.js';
import { importFile } from './import/import-files.js';
import { DEMO_DIR, PACKAGE_ROOT } from './paths.js';
import { buildDigestForDay } from './report/build-digest.js';
import { renderHtmlReport } from './report/html-report.js';
import { renderTrendCsv } from './report/trend-csv.js';
import { reportData } from './report/report-data.js';
import { trendData } from './report/trend-data.js';

/** The demo's database when no --db is given. */
export const DEMO_DB = join(PACKAGE_ROOT, 'db', 'demo.sqlite');

export interface DemoResult {
  lines: string[];
  csvPath: string;
  reportPath: string;
  /** The Telegram-HTML digest messages the bot would send for the corpus's last day. */
  digest: string[];
  digestDay: string | null;
}

/** A path as the user can type it from `cwd`: relative when inside it, quoted for a POSIX shell when needed. */
export function shellPath(path: string, cwd: string = process.cwd()): string {
  const rel = relative(cwd, path);
  const shown = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
  return /^[\w./@%+=:,-]+$/.test(shown) ? shown : `'${shown.replace(/'/g, `'\\''`)}'`;
}

/** What to do after the demo: the report, three queries on the demo database, real channels, and validating a frame. */
export function nextSteps(dbPath: string, reportPath: string, cwd: string = process.cwd()): string[] {
  const db = `--db ${shellPath(dbPath, cwd)}`;
  return [
    'Next steps',
    `  1. Open the report in a browser: ${shellPath(reportPath, cwd)}`,
    `     ${pathToFileURL(reportPath).href}`,
    '  2. Query the demo database, for example:',
    `     npx framewatch query ${db} --frame khawarij --lang pus --format table`,
    `     npx framewatch query ${db} --text 'خوارج' --since 2026-11-20 --format table`,
    `     npx framewatch query ${db} --frame apostasy --flags only --format table   # negated or quoted hits`,
    '  3. Monitor real channels: cp .env.example .env, set CHANNELS to public channel usernames',
    '     (CHANNELS=almirsaad:pus,another_channel), then run `npx framewatch collect` once or `npm start`',
    '     for the daemon (collection, daily digest, bot). Real data goes to FRAMEWATCH_DB',
    '     (default db/framewatch.sqlite), never to the demo database. See README.md, "Real use".',
    `  4. Before citing a trend, validate its frame: npx framewatch review sample ${db} --frame khawarij --out khawarij-sample.csv && npx framewatch review label ${db} --frame khawarij   # README.md, "Validating a frame"`,
  ];
}

export async function runDemo(ctx: Context): Promise<DemoResult> {
  const corpus = join(DEMO_DIR, 'corpus.jsonl');
  if (!existsSync(corpus)) throw new UserError(`demo corpus missing: ${corpus}`);
  const imported = await importFile(ctx.store, ctx.pipeline, corpus);
  const s = await ctx.store.stats();
  const outDir = ctx.store.location === ':memory:' ? process.cwd() : dirname(ctx.store.location);
  const csvPath = join(outDir, 'demo-trend.csv');
  // The same CSV as `framewatch trend` (daily, every frame).
  writeFileSync(csvPath, renderTrendCsv(await trendData(ctx.store, { interval: 'day' })));
  const reportPath = join(outDir, 'demo-report.html');
  const frameInfo = Object.fromEntries(ctx.tagger.frames().map((f) => [f.id, { label: f.label, definition: f.definition, actor: f.actor }]));
  writeFileSync(
    reportPath,
    renderHtmlReport(await reportData(ctx.store), { generatedAt: new Date().toISOString(), timezone: ctx.config.timezone, frameInfo, title: 'framewatch demo report' }),
  );
  const lines = [
    `framewatch demo: ${imported.new} new, ${imported.updated} updated, ${imported.unchanged} unchanged posts from ${corpus}`,
    `lexicon version ${ctx.tagger.version}, ${ctx.tagger.frames().length} frames; time zone ${ctx.config.timezone}`,
    '',
    `posts per language (${s.posts} posts in ${s.channels} channels, ${s.firstDate?.slice(0, 10)} .. ${s.lastDate?.slice(0, 10)}):`,
    ...s.byLang.map((l) => `  ${l.lang}  ${String(l.posts).padStart(6)}`),
    '',
    'posts per frame (flagged = every hit negated or quoted):',
    ...s.byFrame.map((f) => `  ${f.frame.padEnd(30)} ${String(f.posts).padStart(6)}${f.flagged ? `  (${f.flagged} flagged)` : ''}`),
    '',
    `database:  ${ctx.store.location} (the demo's own)`,
    `trend CSV: ${csvPath}`,
    `report:    ${reportPath}`,
  ];
  // The corpus is fixed in time, so the demo's "yesterday" is the last day it covers.
  const digestDay = (await ctx.store.overview()).lastDay;
  const digest = digestDay
    ? await buildDigestForDay(ctx.store, digestDay, ctx.config.timezone, { frames: ctx.tagger.frames(), tagger: ctx.tagger })
    : [];
  if (digestDay) {
    lines.push('', `digest the bot would send for ${digestDay} (Telegram HTML, ${digest.length} message(s)):`, '');
    digest.forEach((m, i) => lines.push(...(digest.length > 1 ? [`--- message ${i + 1}/${digest.length} ---`] : []), m));
  }
  lines.push('', ...nextSteps(ctx.store.location, reportPath));
  return { lines, csvPath, reportPath, digest, digestDay };
}
