// `npm run demo` ends with one line telling the analyst how to start validating a frame, and that
// command works on the demo database.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-store.js';
import { csvObjects } from './review-fixture.js';

describe('the demo ends with how to start validating a frame', () => {
  it('its last line is a review sample && review label command that runs on the demo database', () => {
    const dir = tempDir();
    const r = runCli(['demo', '--db', join(dir, 'demo.sqlite')], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const last = r.stdout.trimEnd().split('\n').at(-1)!;
    expect(last).toBe(
      '  4. Before citing a trend, validate its frame: npx framewatch review sample --db demo.sqlite --frame khawarij --out khawarij-sample.csv' +
        ' && npx framewatch review label --db demo.sqlite --frame khawarij   # README.md, "Validating a frame"',
    );
    const [sample, label] = last
      .replace(/^.*?: npx framewatch /, '')
      .replace(/ +#.*$/, '')
      .split(' && npx framewatch ')
      .map((c) => c.split(' '));
    const drawn = runCli(sample!, { cwd: dir });
    expect(drawn.code, drawn.stderr).toBe(0);
    expect(drawn.stderr).toMatch(/^sample 1 of khawarij: 60 posts \(tagged \d+ of \d+, near \d+ of \d+, rest \d+ of \d+\)/m);
    const file = join(dir, 'khawarij-sample.csv');
    expect(existsSync(file)).toBe(true);
    expect(csvObjects(readFileSync(file, 'utf8'))).toHaveLength(60);
    // Without a terminal the labelling screen says what to do instead (the tmux test drives it for real).
    const screen = runCli(label!, { cwd: dir });
    expect(screen.code).toBe(1);
    expect(screen.stderr.trim()).toBe(
      'framewatch: review label needs a terminal (run it in a terminal, tmux or ssh -t); or label the file of review sample --out and review import it',
    );
    // And the README has the section the line points to.
    expect(readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8')).toMatch(/^## Validating a frame$/m);
  });
});
