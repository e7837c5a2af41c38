// A database for the review tests: the demo corpus (14 channels, 4 languages, 21 days) plus a few
// posts of our own — one ISKP insult the lexicon does not know ("the black-flag gang", in English,
// Pashto and Dari) and a post that starts like a spreadsheet formula.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { parseCsv } from '../../src/review/read-label-file.js';
import { SAMPLE_COLUMNS } from '../../src/review/sample-rows.js';
import { DEMO_DIR } from '../../src/paths.js';
import { runCli, type CliResult } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-store.js';

export const EXTRA_POSTS = [
  { channel: 'kunar_watch', id: 11, date: '2026-11-20T05:00:00Z', text: 'The black-flag gang attacked the market in Jalalabad again.' },
  { channel: 'kunar_watch', id: 12, date: '2026-11-21T05:00:00Z', text: 'The black-flag gang burned a school near Kunar.' },
  { channel: 'kunar_watch', id: 13, date: '2026-11-22T05:00:00Z', text: 'Elders say the black-flag gang took two boys from the village.' },
  { channel: 'kunar_pashto', id: 21, date: '2026-11-20T06:00:00Z', text: 'د تور بیرغ ډلې بیا په بازار برید وکړ' },
  { channel: 'kunar_pashto', id: 22, date: '2026-11-23T06:00:00Z', text: 'د تور بیرغ ډلې ښوونځی وسوځاوه' },
  { channel: 'kunar_dari', id: 31, date: '2026-11-24T06:00:00Z', text: 'گروه پرچم سیاه دوباره به بازار حمله کرد' },
  // "of our time": the khawarij frame needs something of today in the post (lexicons/CHANGELOG.md).
  { channel: 'kunar_watch', id: 14, date: '2026-11-25T05:00:00Z', text: '=HYPERLINK("http://example.org","the khawarij lie") — said the khawarij of our time' },
];

/** Truth for the tests' labellers: does the post carry the khawarij frame? */
export function isKhawarij(text: string): boolean {
  return /khawarij|kharij|black-flag|خوارج|الخوارج|خوارجو|تور بیرغ|پرچم سیاه/i.test(text);
}

export function cli(db: string, args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): CliResult {
  return runCli(['--db', db, ...args], opts);
}

export function ok(r: CliResult): CliResult {
  expect(r.code, `${r.stderr}\n${r.stdout}`).toBe(0);
  return r;
}

/** A temporary database with the demo corpus and the extra posts. */
export function reviewDb(): { dir: string; db: string } {
  const dir = tempDir('framewatch-review-');
  const db = join(dir, 'review.sqlite');
  const extra = join(dir, 'extra.jsonl');
  writeFileSync(extra, EXTRA_POSTS.map((p) => JSON.stringify(p)).join('\n'));
  ok(runCli(['import', join(DEMO_DIR, 'corpus.jsonl'), extra, '--db', db]));
  return { dir, db };
}

/** A row of a sample file: every column of SAMPLE_COLUMNS is there (blank when the file lacks it). */
export type CsvRow = Record<(typeof SAMPLE_COLUMNS)[number], string> & Record<string, string>;

/** Rows of a CSV sample file as objects (header = keys). */
export function csvObjects(text: string): CsvRow[] {
  const [head, ...rows] = parseCsv(text);
  return rows.map((r) => {
    const row: Record<string, string> = Object.fromEntries(SAMPLE_COLUMNS.map((c) => [c, '']));
    head!.cells.forEach((h, i) => (row[h] = r.cells[i] ?? ''));
    return row as CsvRow;
  });
}

/** A CSV sample file with its label column filled in by `label` (null leaves it blank). */
export function labelCsv(file: string, out: string, label: (row: CsvRow) => string | null): void {
  const text = readFileSync(file, 'utf8');
  const lines = parseCsv(text);
  const header = lines[0]!.cells;
  const at = header.indexOf('label');
  const quote = (c: string) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  const body = lines.slice(1).map((l) => {
    const row = Object.fromEntries(header.map((h, i) => [h, l.cells[i] ?? ''])) as CsvRow;
    const cells = [...l.cells];
    cells[at] = label(row) ?? '';
    return cells.map(quote).join(',');
  });
  writeFileSync(out, [header.join(','), ...body].join('\r\n') + '\r\n');
}

/**
 * The review database with a recorded sample of khawarij (n posts, seeded) labelled from the truth by
 * farida and imported: a validated frame (well over 20 labels, 5 tagged, 5 yes).
 */
export function labelledDb(n = 100, seed = 4): { dir: string; db: string; rows: CsvRow[] } {
  const { dir, db } = reviewDb();
  const sample = join(dir, 'sample.csv');
  ok(cli(db, ['review', 'sample', '--frame', 'khawarij', '--n', String(n), '--seed', String(seed), '--out', sample]));
  const file = join(dir, 'labelled.csv');
  labelCsv(sample, file, (r) => (isKhawarij(r.text) ? 'y' : 'n'));
  ok(cli(db, ['review', 'import', file, '--labeller', 'farida']));
  return { dir, db, rows: csvObjects(readFileSync(file, 'utf8')) };
}
