// The offline demo: the embedded corpus through the real pipeline into the configured DB.
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Context } from './cli/context.js';
import { UserError } from './errors.js';
import { importFile } from './import/import-files.js';
import { DEMO_DIR } from './paths.js';
import { buildDigestForDay } from './report/build-digest.js';
import { renderTrendCsv } from './report/trend-csv.js';
import { dayRange, stats } from './store/post-queries.js';
import { trendData } from './store/trend-queries.js';

export interface DemoResult {
  lines: string[];
  csvPath: string;
  /** The Telegram-HTML digest messages the bot would send for the corpus's last day. */
  digest: string[];
  digestDay: string | null;
}

export async function runDemo(ctx: Context): Promise<DemoResult> {
  const corpus = join(DEMO_DIR, 'corpus.jsonl');
  if (!existsSync(corpus)) throw new UserError(`demo corpus missing: ${corpus}`);
  const imported = await importFile(ctx.store, ctx.pipeline, corpus);
  const s = stats(ctx.store.db);
  const csvPath = ctx.store.path === ':memory:' ? join(process.cwd(), 'demo-trend.csv') : join(dirname(ctx.store.path), 'demo-trend.csv');
  // The same CSV as `framewatch trend` (daily, every frame).
  writeFileSync(csvPath, renderTrendCsv(trendData(ctx.store.db, { interval: 'day' })));
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
    `database:  ${ctx.store.path}`,
    `trend CSV: ${csvPath}`,
  ];
  // The corpus is fixed in time, so the demo's "yesterday" is the last day it covers.
  const digestDay = dayRange(ctx.store.db).last;
  const digest = digestDay
    ? buildDigestForDay(ctx.store.db, digestDay, ctx.config.timezone, { frames: ctx.tagger.frames() })
    : [];
  if (digestDay) {
    lines.push('', `digest the bot would send for ${digestDay} (Telegram HTML, ${digest.length} message(s)):`, '');
    digest.forEach((m, i) => lines.push(...(digest.length > 1 ? [`--- message ${i + 1}/${digest.length} ---`] : []), m));
  }
  return { lines, csvPath, digest, digestDay };
}
