import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { register } from '../../src/cli/commands/eval-lang.js';
import { UserError } from '../../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'fw-eval-lang-cli-'));
const gold = join(dir, 'gold.jsonl');
writeFileSync(gold, [
  { text: 'د کابل په ښار کې نن باران وورېد او سړک بند شول.', lang: 'pus' },
  { text: 'وزارت صحت عامه گفت که این برنامه از هفته آینده آغاز می‌شود.', lang: 'prs' },
  { text: 'قالت الحكومة إن المفاوضات ستستأنف في الأسبوع المقبل.', lang: 'arb' },
  { text: 'The talks will resume next week, officials said.', lang: 'eng' },
  { text: 'Сегодня в городе прошёл сильный дождь.', lang: 'und' },
].map((x) => JSON.stringify(x)).join('\n'));

async function run(...args: string[]): Promise<string> {
  const program = new Command('framewatch').exitOverride();
  register(program.command('eval'));
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    await program.parseAsync(['node', 'framewatch', 'eval', 'lang', ...args]);
  } finally {
    spy.mockRestore();
  }
  return out;
}

afterEach(() => vi.restoreAllMocks());
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('framewatch eval lang', () => {
  it('--json prints exactly one JSON object', async () => {
    const out = await run(gold, '--json');
    expect(out.trim().split('\n')).toHaveLength(1);
    const report = JSON.parse(out) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(['n', 'accuracy', 'labels', 'confusion', 'byLength']);
    expect(report).toMatchObject({ n: 5, accuracy: 1, confusion: { pus: { pus: 1 }, und: { und: 1 } } });
  });
  it('prints a readable report without --json', async () => {
    const out = await run(gold);
    expect(out).toContain('5 items, accuracy 1.000');
    expect(out).toContain('confusion');
    expect(out).toContain('accuracy by length');
  });
  it('a malformed file is a UserError naming the line', async () => {
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, '{"text":"x","lang":"eng"}\n{"text":"y","lang":"xx"}\n');
    const err = await run(bad, '--json').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toMatch(/bad\.jsonl:2: bad "lang" "xx"/);
  });
});
