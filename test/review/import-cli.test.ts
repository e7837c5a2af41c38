// `framewatch review import FILE`: labels from a filled-in sample file. Idempotent; a later answer of
// the same labeller replaces the earlier one and the history keeps it; one bad row rejects the whole
// file, naming its line, and nothing changes.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openTestStore } from '../helpers/temp-store.js';
import { cli, csvObjects, isKhawarij, labelCsv, ok, reviewDb } from './review-fixture.js';

/** The current labels and the history, straight from the store (what the CLI does not print). */
async function stored(db: string) {
  const store = openTestStore(db);
  const labels = await store.labels({ frame: 'khawarij' });
  const history = await store.labelHistory({ frame: 'khawarij' });
  await store.close();
  return { labels, history };
}

describe('framewatch review import', () => {
  it('imports the labels with their stratum and weight; a re-import changes nothing; a later answer replaces the earlier, kept in the history', async () => {
    const { dir, db } = reviewDb();
    const sample = join(dir, 'sample.csv');
    ok(cli(db, ['review', 'sample', '--frame', 'khawarij', '--n', '24', '--seed', '11', '--bom', '--out', sample]));
    const rows = csvObjects(readFileSync(sample, 'utf8'));
    expect(rows).toHaveLength(24);
    // Labelled as an analyst would: the truth, except three rows left blank for later.
    const labelled = join(dir, 'labelled.csv');
    const blank = new Set(rows.slice(0, 3).map((r) => r.post));
    labelCsv(sample, labelled, (r) => (blank.has(r.post) ? null : isKhawarij(r.text) ? 'y' : 'n'));

    const first = ok(cli(db, ['review', 'import', labelled, '--labeller', 'farida']));
    expect(first.stdout).toContain(`imported ${labelled}: 21 label(s): 21 new, 0 replaced, 0 unchanged, 0 older than the current one (kept in the history); 3 row(s) not labelled yet`);
    expect(first.stdout).toContain('next: framewatch eval labels');
    let s = await stored(db);
    expect(s.labels).toHaveLength(21);
    const byPost = new Map(rows.map((r) => [r.post, r]));
    for (const l of s.labels) {
      const row = byPost.get(`${l.post.channel}/${l.post.messageId}`)!;
      expect([l.labeller, l.sampleId, l.stratum, l.stratumSize, l.weight, l.label]).toEqual(['farida', 1, row.stratum, Number(row.stratum_size), expect.closeTo(Number(row.weight), 5), isKhawarij(row.text)]);
      expect(l.lexiconVersion).toMatch(/^[0-9a-f]{12}$/);
    }

    // The same file again: nothing changes.
    const again = ok(cli(db, ['review', 'import', labelled, '--labeller', 'farida']));
    expect(again.stdout).toContain('21 label(s): 0 new, 0 replaced, 21 unchanged');
    expect((await stored(db)).history).toHaveLength(0);

    // Farida changes her mind on a Pashto post (JSON Lines this time, with a later time).
    const pashto = rows.find((r) => r.lang === 'pus' && !blank.has(r.post))!;
    const change = join(dir, 'change.jsonl');
    const was = isKhawarij(pashto.text);
    writeFileSync(change, `${JSON.stringify({ post: pashto.post, frame: 'Khawarij', label: was ? 'n' : 'y', labelled_at: '2030-01-02T03:04:05Z' })}\n`);
    const changed = ok(cli(db, ['review', 'import', change, '--labeller', 'farida']));
    expect(changed.stdout).toContain('1 label(s): 0 new, 1 replaced, 0 unchanged');
    s = await stored(db);
    expect(s.labels).toHaveLength(21);
    const now = s.labels.find((l) => `${l.post.channel}/${l.post.messageId}` === pashto.post)!;
    expect([now.label, now.labelledAt, now.stratum]).toEqual([!was, '2030-01-02T03:04:05.000Z', pashto.stratum]);
    expect(s.history.map((h) => [`${h.post.channel}/${h.post.messageId}`, h.label])).toEqual([[pashto.post, was]]);
    // Another labeller's answer on the same post is a label of its own.
    ok(cli(db, ['review', 'import', change, '--labeller', 'ahmad']));
    expect((await stored(db)).labels).toHaveLength(22);
  });

  it('reads back the JSON Lines file review sample writes (hits and all), labels filled in', async () => {
    const { dir, db } = reviewDb();
    const sample = join(dir, 'sample.jsonl');
    ok(cli(db, ['review', 'sample', '--frame', 'khawarij', '--lang', 'prs,pus,arb', '--n', '15', '--seed', '6', '--out', sample]));
    const lines = readFileSync(sample, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { post: string; text: string; label: string; hits: unknown[] });
    expect(lines).toHaveLength(15);
    expect(lines.some((l) => l.hits.length > 0)).toBe(true);
    const labelled = join(dir, 'labelled.jsonl');
    writeFileSync(labelled, lines.map((l) => JSON.stringify({ ...l, label: isKhawarij(l.text) ? 'yes' : 'no' })).join('\n') + '\n');
    const r = ok(cli(db, ['review', 'import', labelled, '--labeller', 'farida']));
    expect(r.stdout).toContain('15 label(s): 15 new, 0 replaced, 0 unchanged');
    const s = await stored(db);
    expect(new Map(s.labels.map((l) => [`${l.post.channel}/${l.post.messageId}`, l.label]))).toEqual(new Map(lines.map((l) => [l.post, isKhawarij(l.text)])));
  });

  it('a bad row rejects the whole file, naming its line, and nothing is written', async () => {
    const { dir, db } = reviewDb();
    const sample = join(dir, 'sample.csv');
    ok(cli(db, ['review', 'sample', '--frame', 'khawarij', '--n', '12', '--seed', '2', '--out', sample]));
    const good = join(dir, 'good.csv');
    labelCsv(sample, good, (r) => (isKhawarij(r.text) ? 'y' : 'n'));
    ok(cli(db, ['review', 'import', good, '--labeller', 'farida']));
    const before = await stored(db);

    // Row 6 (line 7 with the header) says "بلی" (Dari for yes) instead of y: the rows before it are fine.
    const rows = csvObjects(readFileSync(sample, 'utf8'));
    const bad = join(dir, 'bad.csv');
    labelCsv(sample, bad, (r) => (r.post === rows[5]!.post ? 'بلی' : isKhawarij(r.text) ? 'n' : 'y'));
    // Quoted line breaks in a text cell must not throw the line count off.
    const withBreak = readFileSync(bad, 'utf8');
    const start = withBreak.indexOf(`\r\n1,${rows[5]!.position},khawarij,`);
    expect(start).toBeGreaterThan(0);
    const lineOfBadRow = withBreak.slice(0, start).split('\n').length + 1;
    const r = cli(db, ['review', 'import', bad, '--labeller', 'farida']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(`framewatch: ${bad} line ${lineOfBadRow}: label "بلی" is not y or n (blank or s = not labelled yet); nothing imported`);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(await stored(db)).toEqual(before);

    // A post this database does not hold, and a row with a label but no post: the same.
    const stranger = join(dir, 'stranger.jsonl');
    writeFileSync(
      stranger,
      [
        { post: rows[0]!.post, frame: 'khawarij', label: 'n' },
        { post: 'someone_else/77', frame: 'khawarij', label: 'y', stratum: 'rest', stratum_size: 10, weight: 5 },
      ]
        .map((x) => JSON.stringify(x))
        .join('\n'),
    );
    const r2 = cli(db, ['review', 'import', stranger, '--labeller', 'farida']);
    expect(r2.code).toBe(1);
    expect(r2.stderr.trim()).toBe(`framewatch: ${stranger} line 2: post someone_else/77 is not in this database; nothing imported`);
    expect(await stored(db)).toEqual(before);
    const unknown = join(dir, 'unknown-frame.jsonl');
    writeFileSync(unknown, JSON.stringify({ post: rows[0]!.post, frame: 'kharijites', label: 'y' }));
    const r3 = cli(db, ['review', 'import', unknown]);
    expect(r3.code).toBe(1);
    expect(r3.stderr.trim()).toBe(`framewatch: ${unknown} line 1: unknown frame "kharijites"; nothing imported`);
    expect(await stored(db)).toEqual(before);
  });
});
