import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { evaluateFrames, formatFramesReport, parseFramesJsonl, scoreFrames } from '../../src/eval/eval-frames.js';
import { loadTagger } from '../../src/frames/load-tagger.js';
import { detectLanguage } from '../../src/language/detect.js';
import { SHARED_DIR } from '../../src/paths.js';
import type { DetectResult } from '../../src/types.js';

const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'lexicon');

describe('scoreFrames (pure metrics)', () => {
  // Three labelled lines, one neutral line, one neutral false positive.
  const gold = [['a', 'b'], ['a'], ['c'], [], []];
  const pred = [['a'], ['a', 'c'], [], [], ['b']];
  const r = scoreFrames(gold, pred);

  it('micro figures add up counts over frames', () => {
    // tp: a,a = 2; fp: c (line 2), b (line 5) = 2; fn: b (line 1), c (line 3) = 2
    expect(r.micro).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5 });
  });

  it('per-frame figures and support', () => {
    expect(r.frames.a).toEqual({ precision: 1, recall: 1, f1: 1, support: 2 });
    expect(r.frames.b).toEqual({ precision: 0, recall: 0, f1: 0, support: 1 });
    expect(r.frames.c).toEqual({ precision: 0, recall: 0, f1: 0, support: 1 });
  });

  it('macro averages over the frames', () => {
    expect(r.macro).toEqual({ precision: 0.3333, recall: 0.3333, f1: 0.3333 });
  });

  it('exact-set accuracy and the neutral false-positive rate', () => {
    expect(r.exactMatch).toBe(0.2); // only line 4
    expect(r.neutralFalsePositiveRate).toBe(0.5);
    expect(r.n).toBe(5);
  });

  it('has exactly the documented keys', () => {
    expect(Object.keys(r).sort()).toEqual(['exactMatch', 'frames', 'macro', 'micro', 'n', 'neutralFalsePositiveRate']);
  });
});

describe('parseFramesJsonl', () => {
  it('reads lines, skipping blank ones', () => {
    const lines = parseFramesJsonl('{"text":"x","lang":"eng","frames":["a","a"]}\n\n{"text":"y","frames":[]}\n', 'f.jsonl');
    expect(lines).toEqual([
      { line: 1, text: 'x', lang: 'eng', frames: ['a'] },
      { line: 3, text: 'y', frames: [] },
    ]);
  });

  it.each([
    ['{"text": "x", "frames": []}\n{oops', /^f\.jsonl:2: not valid JSON/],
    ['{"frames": []}', /^f\.jsonl:1: "text" must be a string$/],
    ['{"text": "x", "frames": "apostasy"}', /^f\.jsonl:1: "frames" must be a list of frame ids$/],
    ['[1, 2]', /^f\.jsonl:1: expected an object/],
    ['', /^f\.jsonl: no labelled lines$/],
  ])('a malformed file is a one-line UserError naming the line: %s', (content, re) => {
    let caught: unknown;
    try {
      parseFramesJsonl(content, 'f.jsonl');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(UserError);
    expect((caught as Error).message).toMatch(re);
    expect((caught as Error).message).not.toContain('\n');
  });
});

describe('evaluateFrames runs detection, then tagging', () => {
  it('counts negated and quoted tags as predictions', () => {
    const tagger = loadTagger(FIXTURE);
    const detect = (): DetectResult => ({ lang: 'eng', guess: 'eng', confidence: 1, reason: 'test' });
    const lines = parseFramesJsonl(
      [
        '{"text": "The Taliban are not puppets", "frames": ["puppet_foreign_agent"]}',
        '{"text": "They called them “khawarij”", "frames": ["khawarij"]}',
        '{"text": "The weather is fine", "frames": []}',
      ].join('\n'),
      'mem',
    );
    const { report, predictions } = evaluateFrames(lines, tagger, detect);
    expect(predictions.map((p) => p.predicted)).toEqual([['puppet_foreign_agent'], ['khawarij'], []]);
    expect(report.micro.f1).toBe(1);
    expect(report.neutralFalsePositiveRate).toBe(0);
    expect(formatFramesReport(report)).toContain('micro  P 100.0%  R 100.0%  F1 100.0%');
  });
});

const DEV = join(SHARED_DIR, 'data', 'frames-dev.jsonl');
const DEV2 = join(SHARED_DIR, 'data', 'frames-dev-2.jsonl');

// Issue 11's bar, on both dev files together: micro-F1 >= 0.85 and at most 3% false positives on the
// lines without frames (news, history, sermons, sport and trade that use the same words). Skipped,
// and says so, where ../shared is not present.
describe.skipIf(!existsSync(DEV) || !existsSync(DEV2))('both dev files (../shared/data/frames-dev*.jsonl) with the project lexicons', () => {
  it('reach micro-F1 >= 0.85 with a false-positive rate <= 3% on lines without frames', () => {
    const content = `${readFileSync(DEV, 'utf8').trimEnd()}\n${readFileSync(DEV2, 'utf8')}`;
    const lines = parseFramesJsonl(content, 'frames-dev.jsonl + frames-dev-2.jsonl');
    const { report } = evaluateFrames(lines, loadTagger(), detectLanguage);
    expect(report.n).toBe(lines.length);
    expect(report.micro.f1).toBeGreaterThanOrEqual(0.85);
    expect(report.neutralFalsePositiveRate).toBeLessThanOrEqual(0.03);
  });
});
