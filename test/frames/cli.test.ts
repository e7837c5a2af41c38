import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { register as registerEvalFrames } from '../../src/cli/commands/eval-frames.js';
import { register as registerLexicon } from '../../src/cli/commands/lexicon.js';
import { register as registerTag } from '../../src/cli/commands/tag.js';
import { markSpans } from '../../src/frames/render-tag.js';

const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'lexicon');

async function run(args: string[]): Promise<{ out: string; exitCode: number | undefined }> {
  const program = new Command('framewatch').exitOverride();
  registerTag(program);
  registerLexicon(program);
  registerEvalFrames(program.command('eval'));
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const before = process.exitCode;
  process.exitCode = undefined;
  try {
    await program.parseAsync(['node', 'framewatch', ...args]);
  } finally {
    spy.mockRestore();
  }
  const exitCode = process.exitCode as number | undefined;
  process.exitCode = before;
  return { out, exitCode };
}

afterEach(() => vi.restoreAllMocks());

describe('framewatch tag', () => {
  it('prints language, frames and the evidence with spans marked', async () => {
    const { out } = await run(['tag', '--lexicons', FIXTURE, '--lang', 'eng', 'They', 'are', 'not', 'puppets']);
    expect(out).toContain('language: eng (option --lang');
    expect(out).toContain('frames:   puppet_foreign_agent');
    expect(out).toContain('⟦puppets⟧ 13-20  term "puppet" w=1 [negated]');
    expect(out).toContain('They are not ⟦puppets⟧');
  });

  it('--json prints one object with the result', async () => {
    const { out } = await run(['tag', '--lexicons', FIXTURE, '--json', 'قاتلوا', 'والمرتدين']);
    const v = JSON.parse(out) as { lang: string; result: { frames: { frame: string; hits: { matched: string }[] }[] } };
    expect(v.lang).toBe('arb');
    expect(v.result.frames[0]?.frame).toBe('apostasy');
    expect(v.result.frames[0]?.hits[0]?.matched).toBe('والمرتدين');
  });

  it('rejects a bad --lang', async () => {
    await expect(run(['tag', '--lexicons', FIXTURE, '--lang', 'xx', 'text'])).rejects.toThrow(/--lang: "xx"/);
  });
});

describe('markSpans', () => {
  it('merges overlapping spans', () => {
    expect(markSpans('abc def ghi', [{ start: 4, end: 7 }, { start: 4, end: 11 }, { start: 0, end: 3 }])).toBe('⟦abc⟧ ⟦def ghi⟧');
  });
});

describe('framewatch lexicon', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fw-lexcli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('check passes on the fixture lexicon', async () => {
    const { out, exitCode } = await run(['lexicon', 'check', '--dir', FIXTURE]);
    expect(out).toMatch(/ok: version [0-9a-f]{12}/);
    expect(exitCode).toBeUndefined();
  });

  it('check exits 1 with the error named on an invalid lexicon', async () => {
    writeFileSync(join(dir, 'bad.yaml'), 'group: g\nframes:\n  - id: x\n    label: X\n    actor: A\n    definition: D\n    terms:\n      eng: [x*]\n');
    const { out, exitCode } = await run(['lexicon', 'check', '--dir', dir]);
    expect(out).toContain('error: bad.yaml:3: frame "x": missing "threshold" (a number > 0)');
    expect(out).toContain('INVALID: 1 error');
    expect(exitCode).toBe(1);
  });

  it('list shows the frames', async () => {
    const { out } = await run(['lexicon', 'list', '--dir', FIXTURE]);
    expect(out).toMatch(/apostasy\s+test_group\s+ISKP\s+1\s+Apostasy/);
  });
});

describe('framewatch eval frames', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fw-evalcli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('--json prints exactly one JSON object', async () => {
    const file = join(dir, 'gold.jsonl');
    writeFileSync(file, '{"text": "They are puppets of the West", "lang": "eng", "frames": ["puppet_foreign_agent"]}\n{"text": "A sunny day in Kabul", "lang": "eng", "frames": []}\n');
    const { out } = await run(['eval', 'frames', file, '--json', '--lexicons', FIXTURE]);
    expect(out.trim().split('\n')).toHaveLength(1);
    const v = JSON.parse(out) as Record<string, unknown>;
    expect(Object.keys(v).sort()).toEqual(['exactMatch', 'frames', 'macro', 'micro', 'n', 'neutralFalsePositiveRate']);
    expect(v.n).toBe(2);
  });

  it('a missing file is a UserError', async () => {
    await expect(run(['eval', 'frames', join(dir, 'nope.jsonl')])).rejects.toThrow(/cannot read .*nope\.jsonl: ENOENT/);
  });
});
