// Issue 14 item 6: one huge post must not take minutes. Only the first MAX_TAG_CHARS characters are
// tagged (the evidence says so), and hit resolution sorts instead of comparing every hit with every
// other, so a post full of hits costs O(n log n).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTagger } from '../../src/frames/load-tagger.js';
import { MAX_TAG_CHARS } from '../../src/frames/tag.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-store.js';

const SENTENCE = {
  eng: 'The Taliban are servants of America and the Khawarij kill worshippers in the mosques. ',
  arb: 'إن طالبان عملاء لأمريكا والخوارج يقتلون المصلين في المساجد. ',
  pus: 'طالبان د امریکا غلامان دي او خوارج په جوماتونو کې لمونځ کوونکي وژني. ',
  prs: 'طالبان نوکر آمریکا هستند و خوارج نمازگزاران را در مساجد می‌کشند. ',
} as const;

describe('a huge post is tagged up to the cap, with every hit inside it', () => {
  const tagger = loadTagger();

  it.each(Object.entries(SENTENCE))('%s: 2 MB of repeated framed sentences', (lang, sentence) => {
    const text = sentence.repeat(Math.ceil(2_000_000 / sentence.length));
    const r = tagger.tag(text, lang as 'eng');
    expect(r.truncatedAt).toBe(MAX_TAG_CHARS);
    expect(r.frames.map((f) => f.frame)).toContain('khawarij');
    const hits = r.frames.flatMap((f) => f.hits);
    expect(hits.length).toBeGreaterThan(500); // thousands of occurrences, all resolved
    for (const h of hits) expect(h.end).toBeLessThanOrEqual(MAX_TAG_CHARS);
  });

  it('a post under the cap is tagged whole and says nothing about truncation', () => {
    const r = tagger.tag(SENTENCE.eng, 'eng');
    expect(r.truncatedAt).toBeUndefined();
    expect(r.frames.length).toBeGreaterThan(0);
  });
});

describe('importing a 10 MB JSON Lines post', () => {
  it('stores it, and the query evidence says only the first 65,536 characters were tagged', () => {
    const dir = tempDir();
    const file = join(dir, 'huge.jsonl');
    const text = SENTENCE.eng.repeat(Math.ceil(10_000_000 / SENTENCE.eng.length)).slice(0, 10_000_000);
    writeFileSync(file, `${JSON.stringify({ channel: 'huge_channel', id: 1, date: '2025-01-01T00:00:00Z', text })}\n`);
    const db = join(dir, 'huge.sqlite');
    const imported = runCli(['--db', db, 'import', file]);
    expect(imported.stderr).not.toMatch(/Error|at /);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/1 new/);
    // (the table, not JSON: a 10 MB text would not fit the test's output buffer)
    const table = runCli(['--db', db, 'query', '--format', 'table']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/frames: .*khawarij/);
    expect(table.stdout).toContain('only the first 65,536 of 10,000,000 characters were tagged');
  });
});
