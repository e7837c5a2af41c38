// The compiled-lexicon cache: used only for the very lexicon and compiler it was made from, and a
// tagger read back from it tags exactly like a freshly compiled one.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileLexicon, restoreLexicon, snapshotLexicon } from '../../src/frames/compile.js';
import { CACHE_DIR, CACHE_KEEP, readCachedLexicon, writeCachedLexicon } from '../../src/frames/lexicon-cache.js';
import { loadTagger } from '../../src/frames/load-tagger.js';
import { lexiconVersion } from '../../src/frames/lexicon-version.js';
import { openTagger } from '../../src/frames/open-tagger.js';
import { parseLexiconFiles } from '../../src/frames/parse-lexicons.js';
import { readLexiconBytes, readLexiconFiles } from '../../src/frames/read-lexicons.js';
import { tagText } from '../../src/frames/tag.js';
import { LEXICON_DIR } from '../../src/paths.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const temp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'framewatch-cache-'));
  dirs.push(d);
  return d;
};

const CUES = 'negation:\n  before: { eng: [not] }\n';
const frames = (term: string): string =>
  `group: g\nframes:\n  - { id: puppet, label: Puppet, actor: x, definition: d, threshold: 1, terms: { eng: [${term}] } }\n`;

describe('compiled-lexicon cache', () => {
  it('a restored lexicon tags exactly like the compiled one (project lexicons, four languages)', () => {
    const { set } = parseLexiconFiles(readLexiconFiles(LEXICON_DIR));
    const compiled = compileLexicon(set);
    const restored = restoreLexicon(structuredClone(snapshotLexicon(compiled)));
    for (const [text, lang] of [
      ['The Taliban are nothing but obedient servants of Washington and Islamabad.', 'eng'],
      ['إن طالبان المرتدين عملاء لأمريكا منذ اتفاق الدوحة', 'arb'],
      ['د داعش جنګیالي په پاکستان کې روزل کېږي او هلته پناه لري', 'pus'],
      ['این گروهک نمازگزاران بیگناه را در مساجد می‌کشد', 'prs'],
    ] as const) {
      expect(tagText(restored, text, lang)).toEqual(tagText(compiled, text, lang));
      expect(tagText(restored, text, lang).frames.length).toBeGreaterThan(0);
    }
  });

  it('an edited lexicon is never read from an older cache', () => {
    const dir = temp();
    writeFileSync(join(dir, '_cues.yaml'), CUES);
    writeFileSync(join(dir, 'f.yaml'), frames('puppet*'));
    expect(loadTagger(dir).tag('They are puppets', 'eng').frames.map((f) => f.frame)).toEqual(['puppet']);
    writeFileSync(join(dir, 'f.yaml'), frames('lackey*'));
    const again = loadTagger(dir);
    expect(again.tag('They are puppets', 'eng').frames).toEqual([]);
    expect(again.tag('They are lackeys', 'eng').frames.map((f) => f.frame)).toEqual(['puppet']);
  });

  it('the second load comes from the cache, and `framewatch tag`\'s opener reads it without parsing YAML', async () => {
    const dir = temp();
    writeFileSync(join(dir, '_cues.yaml'), CUES);
    writeFileSync(join(dir, 'f.yaml'), frames('stooge*'));
    const version = lexiconVersion(readLexiconFiles(dir));
    loadTagger(dir);
    expect(readCachedLexicon(version)).not.toBeNull();
    const opened = await openTagger(dir);
    expect(opened.compiled.materialize).not.toBeNull(); // restored, not compiled
    expect(opened.tag('They are stooges', 'eng').frames.map((f) => f.frame)).toEqual(['puppet']);
  });

  it("`framewatch tag` keys the cache by the files' bytes: the same version as their text, unless they are not UTF-8", () => {
    expect(lexiconVersion(readLexiconBytes(LEXICON_DIR))).toBe(lexiconVersion(readLexiconFiles(LEXICON_DIR)));
    const dir = temp();
    writeFileSync(join(dir, '_cues.yaml'), `\uFEFF${CUES}`); // with a byte-order mark
    writeFileSync(join(dir, 'f.yaml'), frames('عملاء*'));
    expect(lexiconVersion(readLexiconBytes(dir))).toBe(lexiconVersion(readLexiconFiles(dir)));
    // Not UTF-8 (a lone continuation byte): the decoded text has U+FFFD, so the two versions differ
    // and `framewatch tag` only misses the cache (then it compiles, as every other command does).
    writeFileSync(join(dir, 'f.yaml'), Buffer.concat([Buffer.from(frames('puppet*')), Buffer.from([0x80, 0x0a])]));
    expect(lexiconVersion(readLexiconBytes(dir))).not.toBe(lexiconVersion(readLexiconFiles(dir)));
  });

  it('a damaged or foreign cache file is ignored', () => {
    const dir = temp();
    const { set } = parseLexiconFiles([
      { name: '_cues.yaml', text: CUES },
      { name: 'f.yaml', text: frames('puppet*') },
    ]);
    const snapshot = snapshotLexicon(compileLexicon(set));
    writeCachedLexicon({ snapshot, warnings: [] }, dir);
    expect(readCachedLexicon(set.version, dir)?.snapshot.version).toBe(set.version);
    const [file] = readdirSync(dir);
    writeFileSync(join(dir, file!), readFileSync(join(dir, file!), 'utf8').slice(0, 100));
    expect(readCachedLexicon(set.version, dir)).toBeNull();
    expect(readCachedLexicon('000000000000', dir)).toBeNull();

    // The layout: a first line with the sizes, the header line, the raw arrays, one line per pattern.
    writeCachedLexicon({ snapshot, warnings: [] }, dir);
    const whole = readFileSync(join(dir, file!));
    const firstEnd = whole.indexOf(0x0a);
    const [magic, , headerBytes, arrayBytes] = whole.toString('latin1', 0, firstEnd).split(' ');
    expect(magic).toBe('framewatch-lexicon-cache');
    const patternsAt = firstEnd + 1 + Number(headerBytes) + Number(arrayBytes);
    expect(whole[firstEnd + Number(headerBytes)]).toBe(0x0a); // the header ends its line
    expect(whole.toString('utf8', patternsAt).split('\n')).toHaveLength(snapshot.patterns.length + 1);
    const put = (b: Buffer | string): void => writeFileSync(join(dir, file!), b);
    // Cut short inside the pattern lines, or grown: the file's size no longer matches its own table.
    put(whole.subarray(0, whole.length - 40));
    expect(readCachedLexicon(set.version, dir)).toBeNull();
    put(Buffer.concat([whole, Buffer.from('{}\n')]));
    expect(readCachedLexicon(set.version, dir)).toBeNull();
    // An array reference pointing outside the arrays.
    put(Buffer.from(whole.toString('latin1').replace(/"offsets":\[\d+,/, '"offsets":[99999996,'), 'latin1'));
    expect(readCachedLexicon(set.version, dir)).toBeNull();
    // Another format number in the first line, or no first line at all (the older formats).
    put(Buffer.from(whole.toString('latin1').replace(/^framewatch-lexicon-cache \d+/, 'framewatch-lexicon-cache 999'), 'latin1'));
    expect(readCachedLexicon(set.version, dir)).toBeNull();
    put(whole.subarray(firstEnd + 1));
    expect(readCachedLexicon(set.version, dir)).toBeNull();
    writeFileSync(join(dir, file!), JSON.stringify({ snapshot, warnings: [] }));
    expect(readCachedLexicon(set.version, dir)).toBeNull();
    writeFileSync(join(dir, file!), '');
    expect(readCachedLexicon(set.version, dir)).toBeNull();
    // Intact again: read.
    put(whole);
    expect(readCachedLexicon(set.version, dir)?.patterns.length).toBe(snapshot.patterns.length);
  });

  it('patterns read one by one (framewatch tag) and then the rest at once decode to the compiled ones, and the file is let go', () => {
    const dir = temp();
    const { set } = parseLexiconFiles(readLexiconFiles(LEXICON_DIR));
    const snapshot = snapshotLexicon(compileLexicon(set));
    writeCachedLexicon({ snapshot, warnings: [] }, dir);
    const openFds = (): number => readdirSync('/proc/self/fd').length;
    const before = existsSync('/proc/self/fd') ? openFds() : null;
    const hit = readCachedLexicon(set.version, dir, 'on-demand')!;
    if (before !== null) expect(openFds()).toBe(before + 1); // kept open for the patterns
    // From the end, so that the reads one by one and the block read cover different patterns.
    for (let id = hit.patterns.length - 1; id >= 0; id--) expect(hit.patterns.get(id)).toEqual(snapshot.patterns[id]);
    expect(hit.patterns.get(0)).toEqual(snapshot.patterns[0]);
    if (before !== null) expect(openFds()).toBe(before); // closed once the whole block was read
    expect(() => hit.patterns.get(hit.patterns.length)).toThrow(RangeError);

    // The default (pipeline workers, reclassify, the bot): the whole file at once, nothing kept open.
    const whole = readCachedLexicon(set.version, dir)!;
    if (before !== null) expect(openFds()).toBe(before);
    for (const id of [0, 1, whole.patterns.length - 1]) expect(whole.patterns.get(id)).toEqual(snapshot.patterns[id]);
  });

  it('read back from its file (patterns decoded one by one), the project lexicon tags like the compiled one', () => {
    const dir = temp();
    const { set } = parseLexiconFiles(readLexiconFiles(LEXICON_DIR));
    const compiled = compileLexicon(set);
    writeCachedLexicon({ snapshot: snapshotLexicon(compiled), warnings: ['w'] }, dir);
    const hit = readCachedLexicon(set.version, dir)!;
    expect(hit.warnings).toEqual(['w']);
    expect(hit.patterns.length).toBe(compiled.patterns.length);
    const restored = restoreLexicon(hit.snapshot, hit.patterns);
    for (const [text, lang] of [
      ['The apostate Taliban are slaves of Washington and obey their masters.', 'eng'],
      ['الخوارج كلاب النار قتلوا المصلين في المسجد', 'arb'],
      ['خوارج د امریکا او پاکستان د استخباراتو مزدوران دي', 'pus'],
      ['طالبان مزدوران پاکستان و غلامان آمریکا هستند', 'prs'],
    ] as const) {
      expect(tagText(restored, text, lang)).toEqual(tagText(compiled, text, lang));
      expect(tagText(restored, text, lang).frames.length).toBeGreaterThan(0);
    }
    // Patterns decode to the ones compiled (the lines are in pattern order).
    for (const id of [0, 1, compiled.patterns.length >> 1, compiled.patterns.length - 1]) {
      expect(JSON.stringify(hit.patterns.get(id).t)).toBe(JSON.stringify(compiled.patterns[id]!.text));
    }
  });

  it('keeps only the most recent compiled lexicons (each edit writes a new file)', () => {
    const dir = temp();
    const versions: string[] = [];
    // One lexicon edit after another: a different term each time, so a different version.
    const words = ['puppet*', 'stooge*', 'lackey*', 'mercenar*', 'agent*', 'slave*', 'servant*', 'tool*', 'hireling*', 'pawn*', 'proxy'];
    words.forEach((w, i) => {
      const { set } = parseLexiconFiles([
        { name: '_cues.yaml', text: CUES },
        { name: 'f.yaml', text: frames(w) },
      ]);
      writeCachedLexicon({ snapshot: snapshotLexicon(compileLexicon(set)), warnings: [] }, dir);
      const [file] = readdirSync(dir).filter((f) => f.includes(set.version));
      utimesSync(join(dir, file!), 1_700_000_000 + i, 1_700_000_000 + i); // written in this order
      versions.push(set.version);
    });
    expect(new Set(versions).size).toBe(words.length);
    expect(readdirSync(dir)).toHaveLength(CACHE_KEEP);
    for (const v of versions.slice(-CACHE_KEEP)) expect(readCachedLexicon(v, dir)?.snapshot.version).toBe(v);
    for (const v of versions.slice(0, -CACHE_KEEP)) expect(readCachedLexicon(v, dir)).toBeNull();
  });

  it('lives in node_modules/.cache/framewatch', () => {
    expect(CACHE_DIR.endsWith(join('node_modules', '.cache', 'framewatch'))).toBe(true);
  });
});
