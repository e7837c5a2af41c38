// The program registers only the command being run (its module alone is imported), every command for
// --help, `help` or a typo; global options before the command do not hide it.
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { buildProgram, commandIn } from '../../src/cli/program.js';

const names = async (argv: string[]): Promise<string[]> => (await buildProgram(argv)).commands.map((c) => c.name());
const ALL = COMMANDS.map(([n]) => n);

describe('the CLI program', () => {
  it.each([
    [['node', 'fw', 'tag', 'text'], 'tag'],
    [['node', 'fw', '--db', 'x.sqlite', 'query', '--frame', 'khawarij'], 'query'],
    [['node', 'fw', '--db=postgres://h/db', 'reclassify'], 'reclassify'],
    [['node', 'fw', '--help'], null],
    [['node', 'fw', '-V'], null],
    [['node', 'fw'], null],
    [['node', 'fw', '--db', 'x.sqlite'], null],
  ] as const)('finds the command in %j', (argv, want) => {
    expect(commandIn(argv)).toBe(want);
  });

  it('registers exactly the command named, for each command', async () => {
    for (const name of ALL) expect(await names(['node', 'fw', name])).toEqual([name]);
  });

  it('registers every command, in help order, for --help, `help` and a typo', async () => {
    expect(ALL).toHaveLength(16);
    for (const argv of [['node', 'fw', '--help'], ['node', 'fw', 'help', 'tag'], ['node', 'fw', 'taag'], ['node', 'fw']]) {
      expect(await names(argv)).toEqual(ALL);
    }
  });
});
