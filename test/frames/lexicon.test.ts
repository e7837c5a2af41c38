import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { checkLexiconFiles, checkLexicons } from '../../src/frames/check-lexicons.js';
import { LexiconError } from '../../src/frames/lexicon-types.js';
import { loadTagger, taggerFromFiles } from '../../src/frames/load-tagger.js';
import { lexiconVersion, parseLexiconFiles } from '../../src/frames/parse-lexicons.js';

const CUES = { name: '_cues.yaml', text: 'negation:\n  before:\n    eng: [not]\n' };

function frameFile(body: string, name = 'frames.yaml'): { name: string; text: string } {
  return { name, text: `group: g\nframes:\n${body}` };
}

const GOOD = `  - id: puppet_foreign_agent
    label: Puppet
    actor: ISKP
    definition: Puppets of foreigners.
    threshold: 1
    terms:
      eng: [puppet*]
`;

function errorsOf(body: string): string[] {
  return parseLexiconFiles([CUES, frameFile(body)]).errors;
}

describe('validation errors name the file, the line and the entry', () => {
  it('accepts a good file', () => {
    expect(parseLexiconFiles([CUES, frameFile(GOOD)]).errors).toEqual([]);
  });

  it('missing threshold', () => {
    const errs = errorsOf(GOOD.replace('    threshold: 1\n', ''));
    expect(errs).toEqual(['frames.yaml:3: frame "puppet_foreign_agent": missing "threshold" (a number > 0)']);
  });

  it('unknown language key, with a hint', () => {
    const errs = errorsOf(GOOD.replace('eng: [puppet*]', 'en: [puppet*]'));
    expect(errs[0]).toMatch(/^frames\.yaml:9: frame "puppet_foreign_agent" terms: unknown language "en" \(write "eng"\)/);
  });

  it('regex-like pattern', () => {
    const errs = errorsOf(GOOD.replace('[puppet*]', '["puppet(s)?"]'));
    expect(errs[0]).toMatch(/^frames\.yaml:9: frame "puppet_foreign_agent" terms\.eng\[0\] "puppet\(s\)\?": looks like a regular expression/);
  });

  it('a pattern with no letters, a bare wildcard, a bad weight, a number', () => {
    const errs = errorsOf(GOOD.replace('[puppet*]', '["...", "*", { p: agent, w: -1 }, 911]'));
    expect(errs).toHaveLength(4);
    expect(errs[0]).toContain('terms.eng[0] "...": has no letters or digits after normalization: it can never match');
    expect(errs[1]).toContain('terms.eng[1] "*": starts with a bare wildcard');
    expect(errs[2]).toContain('terms.eng[2] "agent": "w" must be a number >= 0');
    expect(errs[3]).toContain('terms.eng[3]: pattern 911 must be a string (quote it)');
  });

  it('YAML syntax errors carry the line', () => {
    const errs = parseLexiconFiles([CUES, { name: 'broken.yaml', text: 'group: g\nframes: [\n  - id: x\n' }]).errors;
    expect(errs[0]).toMatch(/^broken\.yaml:\d+: YAML syntax: /);
  });

  it('duplicate frame ids across files name both places', () => {
    const errs = parseLexiconFiles([CUES, frameFile(GOOD, 'a.yaml'), frameFile(GOOD, 'b.yaml')]).errors;
    expect(errs).toEqual(['b.yaml:3 frame "puppet_foreign_agent": duplicate frame id (also a.yaml:3 frame "puppet_foreign_agent")']);
  });

  it('requires naming an unknown frame', () => {
    const errs = errorsOf(GOOD.replace('[puppet*]', '[{ p: puppet*, requires: ["frame:nope"] }]'));
    expect(errs[0]).toContain('"frame:nope" names no frame');
  });

  it('unknown keys are warnings, not errors', () => {
    const out = parseLexiconFiles([CUES, frameFile(GOOD.replace('threshold: 1', 'threshold: 1\n    treshold: 2'))]);
    expect(out.errors).toEqual([]);
    expect(out.warnings[0]).toContain('unknown key "treshold"');
  });

  it('an empty directory is invalid', () => {
    expect(parseLexiconFiles([CUES]).errors).toEqual(['no frames: the lexicon directory holds no frame files']);
  });

  it('taggerFromFiles throws a LexiconError, which is a UserError', () => {
    let caught: unknown;
    try {
      taggerFromFiles([CUES, frameFile(GOOD.replace('    threshold: 1\n', ''))]);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(LexiconError);
    expect(caught).toBeInstanceOf(UserError);
    expect((caught as Error).message).toMatch(/^invalid lexicon: frames\.yaml:3: frame "puppet_foreign_agent": missing "threshold"/);
  });
});

describe('loadTagger on a directory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fw-lex-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads, then refuses an invalid edit, and the version follows the content', () => {
    writeFileSync(join(dir, '_cues.yaml'), CUES.text);
    writeFileSync(join(dir, 'frames.yaml'), frameFile(GOOD).text);
    writeFileSync(join(dir, 'README.md'), 'not a lexicon file');
    const t1 = loadTagger(dir);
    expect(t1.tag('they are puppets', 'eng').frames.map((f) => f.frame)).toEqual(['puppet_foreign_agent']);
    writeFileSync(join(dir, 'README.md'), 'docs do not change the version');
    expect(loadTagger(dir).version).toBe(t1.version);
    writeFileSync(join(dir, 'frames.yaml'), frameFile(GOOD.replace('[puppet*]', '[puppet*, stooge*]')).text);
    const t2 = loadTagger(dir);
    expect(t2.version).not.toBe(t1.version);
    expect(t2.tag('stooges', 'eng').frames).toHaveLength(1);
    writeFileSync(join(dir, 'frames.yaml'), frameFile(GOOD.replace('    label: Puppet\n', '')).text);
    expect(() => loadTagger(dir)).toThrow(/frames\.yaml:3: frame "puppet_foreign_agent": "label" must be a non-empty string/);
  });

  it('a missing directory is a LexiconError', () => {
    expect(() => loadTagger(join(dir, 'nope'))).toThrow(LexiconError);
  });

  it('lexiconVersion depends on names and contents', () => {
    const a = lexiconVersion([{ name: 'a.yaml', text: 'x' }]);
    expect(lexiconVersion([{ name: 'a.yaml', text: 'x' }])).toBe(a);
    expect(lexiconVersion([{ name: 'b.yaml', text: 'x' }])).not.toBe(a);
    expect(lexiconVersion([{ name: 'a.yaml', text: 'y' }])).not.toBe(a);
  });
});

describe('checkLexicons reports', () => {
  const two = `${GOOD}      arb: [كفار, كفار]
    exclude:
      eng: [puppet show*, travel agent*]
  - id: alliance
    label: Alliance
    actor: ISKP
    definition: Allied with unbelievers.
    threshold: 2
    terms:
      prs: [کفار]
      eng:
        - puppet show
        - "ا*"
        - "x*"
        - "evil! ally"
      pus: [ها]
`;
  const res = checkLexiconFiles([CUES, frameFile(two)]);
  const has = (re: RegExp): boolean => res.warnings.some((w) => re.test(w));

  it('loads (warnings are not errors)', () => {
    expect(res.errors).toEqual([]);
  });

  it('duplicate terms', () => {
    expect(has(/terms\.arb\[1\] "كفار": duplicate term: same key "کفار" as "كفار"/)).toBe(true);
  });

  it('terms that normalize to the same key in two frames', () => {
    expect(has(/frame "alliance" terms\.prs\[0\] "کفار": normalizes to the same key "کفار" as "كفار" in frame "puppet_foreign_agent"/)).toBe(true);
  });

  it('terms that can never match or never count', () => {
    expect(has(/"evil! ally": can never match: the phrase spans a sentence break/)).toBe(true);
    expect(has(/terms\.pus\[0\] "ها": can never match: a detached plural suffix/)).toBe(true);
    expect(has(/travel agent\*/)).toBe(true); // overlaps no term of its frame
  });

  it('too-broad globs and script mismatches', () => {
    expect(has(/"x\*": glob is too broad/)).toBe(true);
    expect(has(/"ا\*": glob is too broad/)).toBe(true);
    expect(has(/"ا\*": Arabic-script term listed under eng/)).toBe(true);
  });

  it('a frame whose weights cannot reach its threshold', () => {
    const r = checkLexiconFiles([CUES, frameFile(GOOD.replace('threshold: 1', 'threshold: 3'))]);
    expect(r.warnings.some((w) => /can never be tagged: its terms' and rules' weights add up to 1, below its threshold 3/.test(w))).toBe(true);
  });

  it('a term always vetoed by its own exclusion', () => {
    const r = checkLexiconFiles([CUES, frameFile(`${GOOD}    exclude:\n      eng: [puppet show*]\n`.replace('[puppet*]', '[puppet*, puppet show]'))]);
    expect(r.warnings.some((w) => /"puppet show": can never count: always vetoed by exclude "puppet show\*"/.test(w))).toBe(true);
  });

  it('stats', () => {
    expect(res.stats).toMatchObject({ files: 2, frames: 2, terms: { eng: 5, arb: 2, prs: 1, pus: 1 }, exclusions: 2, cues: 1 });
  });

  it('the project lexicons load without errors', () => {
    const real = checkLexicons();
    expect(real.errors).toEqual([]);
    expect(real.stats.frames).toBeGreaterThanOrEqual(23);
  });
});
