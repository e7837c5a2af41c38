// `framewatch tag ...` runs without commander when its line is plain (src/cli/tag-args.ts): the reader
// takes exactly the lines it understands, and every such line gives what commander's `tag` gives.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { tagArgs } from '../../src/cli/tag-args.js';
import { CLI, runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-store.js';

const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), '..', 'frames', 'fixtures', 'lexicon');
const line = (...args: string[]): string[] => ['node', 'main.js', ...args];

describe('tagArgs', () => {
  it.each([
    [['tag', 'They', 'are', 'puppets'], { words: ['They', 'are', 'puppets'], opts: {} }],
    [['tag', '--lang', 'arb', 'الخوارج', 'كلاب', 'النار'], { words: ['الخوارج', 'كلاب', 'النار'], opts: { lang: 'arb' } }],
    [['tag', 'د', 'خوارجو', 'ډله', '--lang=pus', '--side', 'taliban'], { words: ['د', 'خوارجو', 'ډله'], opts: { lang: 'pus', side: 'taliban' } }],
    [['tag', '--json', '--timing', 'طالبان', 'مرتد', 'اند'], { words: ['طالبان', 'مرتد', 'اند'], opts: { json: true, timing: true } }],
    [['tag', '--format', 'csv', '--lexicons', '/x/lex', 'text'], { words: ['text'], opts: { format: 'csv', lexicons: '/x/lex' } }],
    [['tag', '--lang', 'eng', '--', '-5', '--not-an-option'], { words: ['-5', '--not-an-option'], opts: { lang: 'eng' } }],
    [['tag'], { words: [], opts: {} }],
  ])('reads %j', (args, want) => {
    expect(tagArgs(line(...args))).toEqual(want);
  });

  it.each([
    [['query', '--frame', 'khawarij']], // another command
    [['--db', 'x.sqlite', 'tag', 'text']], // a global option first
    [['tag', '--help']],
    [['tag', '-h']],
    [['tag', '--frobnicate', 'text']],
    [['tag', '--lang']], // value missing
    [['tag', '--lang', '--json', 'text']], // a value that looks like an option
    [['tag', '--lang=', 'text']],
    [['tag', '--json=yes', 'text']],
    [['tag', '--lang', 'eng', '--lang', 'arb', 'text']], // repeated
    [['tag', '-', 'text']],
    [['tag', '-5']],
  ])('hands %j to commander', (args) => {
    expect(tagArgs(line(...args))).toBeNull();
  });
});

describe('framewatch tag without commander', () => {
  // `--db` before the command sends the same line through commander; `tag` does not read the database.
  const viaCommander = (args: string[], input?: string) => runCli(['--db', '/nonexistent/never-opened.sqlite', 'tag', ...args], { input });

  it.each([
    [['--lexicons', FIXTURE, '--lang', 'eng', 'They', 'are', 'not', 'puppets']],
    [['--lexicons', FIXTURE, '--json', 'قاتلوا', 'والمرتدين']],
    [['--lexicons', FIXTURE, 'مقامات', 'طالبان', 'مرتد', 'شده', 'اند', '--format', 'jsonl']],
    [['د', 'خوارجو', 'ډله', 'د', 'اسلام', 'دښمنه', 'ده', '--format=csv', '--side', 'taliban']],
    [['--lang', 'eng', 'The apostate Taliban betrayed the religion for dollars.']],
    [['--lang', 'arb', '--', 'الخوارج', 'كلاب', 'النار']],
    [['--lang', 'xx', 'text']], // one-line usage error, exit 2
    [['--side', 'nobody', 'text']],
    [['--format', 'xml', 'text']],
  ])('%j gives what commander gives', (args) => {
    const fast = runCli(['tag', ...args]);
    const slow = viaCommander(args);
    expect(fast).toEqual(slow);
    expect(fast.stdout + fast.stderr).not.toBe('');
  });

  it('runs a plain line from dist/tag-bundle/, and commander\'s line from the ES modules', () => {
    const fast = runCli(['tag', '--timing', '--lang', 'eng', 'The Taliban are servants of America']);
    const slow = viaCommander(['--timing', '--lang', 'eng', 'The Taliban are servants of America']);
    expect(fast.stderr).toMatch(/^timing: tagged at [\d.]+ ms after the process started \(one script, code cache (used|written|rejected, rewritten)\)$/m);
    expect(slow.stderr).toMatch(/^timing: tagged at [\d.]+ ms after the process started \(ES modules\)$/m);
    expect(fast.stdout).toBe(slow.stdout);
    expect(fast.stdout).toContain('puppet_foreign_agent');
  });

  it('reports lexicon errors from inside the bundle as the ES modules do', () => {
    const dir = tempDir('fw-tagbundle-lex-');
    const broken = join(dir, 'broken');
    const unknown = join(dir, 'unknown');
    mkdirSync(broken);
    mkdirSync(unknown);
    writeFileSync(join(broken, 'frames.yaml'), 'frames:\n  - id: x\n    terms: [unclosed\n');
    const extra = 'frames:\n  - id: extra_frame\n    label: Extra\n    actor: iskp\n    rules:\n      - id: r1\n        all: [no_such_concept]\n';
    writeFileSync(join(unknown, 'frames.yaml'), readFileSync(join(FIXTURE, 'test-frames.yaml'), 'utf8').replace('frames:', extra));
    for (const lexicons of [broken, unknown, join(dir, 'missing')]) {
      const fast = runCli(['tag', '--lexicons', lexicons, '--lang', 'eng', 'puppets of America']);
      expect(fast.code).not.toBe(0);
      expect(fast.stderr).toMatch(/^framewatch: /);
      expect(fast.stderr).not.toContain('unexpected error');
      expect(fast).toEqual(viaCommander(['--lexicons', lexicons, '--lang', 'eng', 'puppets of America']));
    }
  });

  it('reads the text from stdin as commander does', () => {
    const input = 'الخوارج كلاب النار كما قال النبي صلى الله عليه وسلم\n';
    const fast = runCli(['tag', '--json'], { input });
    expect(fast.code).toBe(0);
    expect(fast).toEqual(viaCommander(['--json'], input));
    expect((JSON.parse(fast.stdout) as { lang: string }).lang).toBe('arb');
  });

  it('leaves help and unknown options to commander', () => {
    const help = runCli(['tag', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('framewatch tag');
    const unknown = runCli(['tag', '--frobnicate', 'text']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown option '--frobnicate'");
  });

  it('does not load commander for a plain line, and does for any other', () => {
    // A module hook records every module the CLI resolves.
    const dir = tempDir('fw-tagargs-');
    const hook = join(dir, 'hook.mjs');
    const reg = join(dir, 'register.mjs');
    writeFileSync(hook, "export async function resolve(s, c, next) { const r = await next(s, c); process.stderr.write(`resolved ${r.url}\\n`); return r; }\n");
    writeFileSync(reg, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hook).href)});\n`);
    const loads = (args: string[]): string => {
      const r = spawnSync(process.execPath, ['--import', reg, CLI, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
      expect(r.status).toBe(0);
      return r.stderr;
    };
    const plain = loads(['tag', '--lang', 'eng', 'puppets of America']);
    expect(plain).toContain('tag-bundle.js'); // the tag command's code comes from dist/tag-bundle/
    expect(plain).not.toContain('tag-run.js');
    expect(plain).not.toMatch(/node_modules\/commander\//);
    expect(loads(['--db', join(dir, 'x.sqlite'), 'tag', '--lang', 'eng', 'puppets of America'])).toMatch(/node_modules\/commander\//);
  });
});
