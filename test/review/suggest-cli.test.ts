// `framewatch lexicon suggest`: words and phrases over-represented (G²) in posts labelled yes that the
// lexicon misses, with counts and an example each; the terms and rules behind labelled false
// positives. It prints only: the lexicon files are not touched.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LEXICON_DIR } from '../../src/paths.js';
import type { Suggestions } from '../../src/review/suggest-terms.js';
import { logLikelihood } from '../../src/review/suggest-terms.js';
import { cli, csvObjects, isKhawarij, labelCsv, ok, reviewDb } from './review-fixture.js';

const lexiconHash = (): string => {
  const h = createHash('sha256');
  for (const f of readdirSync(LEXICON_DIR).sort()) if (f.endsWith('.yaml')) h.update(f).update(readFileSync(join(LEXICON_DIR, f)));
  return h.digest('hex');
};

/** The analyst of these tests calls the Arabic channel's Khawarij posts off-frame: false positives to explain. */
const analyst = (r: { channel: string; text: string }): string => (r.channel === 'almirsaad_arabic_demo' ? 'n' : isKhawarij(r.text) ? 'y' : 'n');

describe('framewatch lexicon suggest', () => {
  it('ranks the missed wording by G² in English, Pashto and Dari; lists the terms and rules behind false positives; edits nothing', () => {
    const { dir, db } = reviewDb();
    // A sample of the Kunar channels (every "black-flag gang" post, which the lexicon does not know) and one of everything.
    const files = [
      ['kunar', ['--channel', 'kunar_watch,kunar_pashto,kunar_dari', '--n', '20', '--seed', '1']],
      ['all', ['--n', '60', '--seed', '4']],
    ] as const;
    const rows = [];
    for (const [name, args] of files) {
      const sample = join(dir, `${name}.csv`);
      ok(cli(db, ['review', 'sample', '--frame', 'khawarij', ...args, '--out', sample]));
      const labelled = join(dir, `${name}-labelled.csv`);
      labelCsv(sample, labelled, analyst);
      ok(cli(db, ['review', 'import', labelled, '--labeller', 'farida']));
      rows.push(...csvObjects(readFileSync(labelled, 'utf8')));
    }
    const before = lexiconHash();

    const s = JSON.parse(ok(cli(db, ['lexicon', 'suggest', '--frame', 'Khawarij', '--json'])).stdout) as Suggestions & { lexiconVersion: string };
    // Missed: the six black-flag posts (3 English, 2 Pashto, 1 Dari); nothing else the truth calls Khawarij is untagged.
    expect(s.missed).toBe(6);
    const blackFlag = s.candidates.find((c) => c.phrase === 'black-flag gang')!;
    expect(blackFlag).toMatchObject({ key: 'black flag gang', words: 3, count: 3, posts: 3, refCount: 0 });
    expect(blackFlag.example.post).toMatch(/^kunar_watch\/1[123]$/);
    expect(blackFlag.example.snippet).toContain('black-flag gang');
    // Three uses in the missed posts and none in the 260-odd others: clearly key.
    expect(blackFlag.g2).toBeGreaterThan(10);
    const pashto = s.candidates.find((c) => c.phrase === 'تور بیرغ')!;
    expect(pashto).toMatchObject({ words: 2, count: 2, posts: 2, refCount: 0 });
    expect(pashto.example.post).toMatch(/^kunar_pashto\/2[12]$/);
    // Ranked by keyness; every candidate comes from the missed posts and is rarer elsewhere.
    expect(s.candidates.map((c) => c.g2)).toEqual([...s.candidates.map((c) => c.g2)].sort((a, b) => b - a));
    expect(s.candidates[0]!.g2).toBeGreaterThanOrEqual(blackFlag.g2);
    expect(s.candidates.every((c) => c.g2 > 0 && c.posts >= 2)).toBe(true);

    // False positives: posts labelled no that the lexicon tags, and what tagged them (from their evidence).
    const wrong = new Map(rows.filter((r) => r.label === 'n' && r.evidence !== '').map((r) => [r.post, r.evidence]));
    expect(s.falsePositives).toBe(wrong.size);
    expect(wrong.size).toBeGreaterThan(3);
    const expected = new Map<string, number>();
    for (const ev of wrong.values()) {
      const ids = new Set([...ev.matchAll(/⟧ "([^"]+)"/g)].map((m) => `term ${m[1]}`));
      for (const m of ev.matchAll(/(?:^|; )rule ([^:]+):/g)) ids.add(`rule ${m[1]}`);
      for (const id of ids) expected.set(id, (expected.get(id) ?? 0) + 1);
    }
    expect(new Map(s.sources.map((x) => [`${x.kind} ${x.id}`, x.posts]))).toEqual(expected);
    expect(s.sources[0]).toMatchObject({ kind: 'term', id: 'خوارج' });
    expect(s.sources[0]!.example.post).toMatch(/^almirsaad_arabic_demo\//);

    // One language on both sides: the Pashto wording ranks first, with its example.
    const pus = JSON.parse(ok(cli(db, ['lexicon', 'suggest', '--frame', 'khawarij', '--lang', 'pus', '--json'])).stdout) as Suggestions;
    expect(pus).toMatchObject({ lang: 'pus', missed: 2, falsePositives: 0, sources: [] });
    expect(pus.candidates.length).toBeGreaterThan(0);
    expect(pus.candidates.every((c) => c.example.post.startsWith('kunar_pashto/'))).toBe(true);
    expect(pus.candidates.map((c) => c.phrase)).toEqual(expect.arrayContaining(['تور بیرغ', 'تور بیرغ ډلې']));
    // Dari: one missed post, so one post is enough for a candidate.
    const prs = JSON.parse(ok(cli(db, ['lexicon', 'suggest', '--frame', 'khawarij', '--lang', 'prs', '--json'])).stdout) as Suggestions;
    expect(prs.missed).toBe(1);
    expect(prs.candidates.map((c) => c.phrase)).toEqual(expect.arrayContaining(['پرچم سیاه']));

    // The table, and the promise that nothing was edited.
    const table = ok(cli(db, ['lexicon', 'suggest', '--frame', 'khawarij']));
    expect(table.stdout).toContain(`khawarij: 6 post(s) labelled yes that lexicon ${s.lexiconVersion} does not tag; ${wrong.size} labelled no that it tags`);
    expect(table.stdout).toContain('Candidates (over-represented in the missed posts; keyness G²):');
    expect(table.stdout).toMatch(/^ +[\d.]+ +3 +3 +0 +\u2068black-flag gang\u2069 +@kunar_watch\/1[123]: /m);
    expect(table.stdout).toContain('Terms and rules that tagged posts labelled no (false positives):');
    expect(table.stderr).toContain('suggestions only: no lexicon file was changed');
    expect(lexiconHash()).toBe(before);
  });

  it('G² is Dunning\'s log-likelihood, for over-use only', () => {
    // 10 of 1,000 against 10 of 10,000: expected 1.82 and 18.18.
    const e1 = (1000 * 20) / 11000;
    const e2 = (10000 * 20) / 11000;
    expect(logLikelihood(10, 10, 1000, 10000)).toBeCloseTo(2 * (10 * Math.log(10 / e1) + 10 * Math.log(10 / e2)), 9);
    expect(logLikelihood(1, 100, 1000, 10000)).toBe(0);
    expect(logLikelihood(3, 0, 30, 5000)).toBeGreaterThan(0);
  });
});
