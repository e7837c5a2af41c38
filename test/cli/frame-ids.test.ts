// Frame ids on the command line: case-insensitive, unknown ids are usage errors with close matches.
import { describe, expect, it } from 'vitest';
import { closeFrameIds, editDistance, resolveFrameIds, type FrameIdSource } from '../../src/cli/frame-ids.js';
import { UsageError } from '../../src/errors.js';
import { ISSUE_FRAMES } from '../helpers/issue-frames.js';
import { runCli } from '../helpers/run-cli.js';
import { seedStore } from '../query/seed.js';
import { POSTS } from '../query/posts.js';

const lexicon: FrameIdSource = { lexicon: () => ISSUE_FRAMES };

async function usage(values: string[], source: FrameIdSource = lexicon): Promise<string> {
  const err = await resolveFrameIds(values, source).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(UsageError);
  return (err as Error).message;
}

describe('resolveFrameIds', () => {
  it('resolves ids case-insensitively, from repeatable and comma-list values, once each, in order', async () => {
    expect(await resolveFrameIds(['KHAWARIJ', 'Apostasy,khawarij', ' daesh_label '], lexicon)).toEqual(['khawarij', 'apostasy', 'daesh_label']);
    expect(await resolveFrameIds([], lexicon)).toEqual([]);
  });

  it('an unknown id is a usage error naming the close matches', async () => {
    expect(await usage(['nosuch'])).toBe('--frame: unknown frame "nosuch"; "framewatch lexicon list" shows the frames');
    expect(await usage(['kawarij'])).toBe('--frame: unknown frame "kawarij"; did you mean khawarij?');
    expect(await usage(['khawarij', 'APOSTACY'])).toBe('--frame: unknown frame "APOSTACY"; did you mean apostasy?');
    expect(await usage(['daesh'])).toBe('--frame: unknown frame "daesh"; did you mean daesh_label?');
    expect(await usage(['foreign'])).toBe('--frame: unknown frame "foreign"; did you mean foreign_intelligence_project, foreign_outsider or puppet_foreign_agent?');
    expect(await usage(['puppet-foreign-agent'])).toBe('--frame: unknown frame "puppet-foreign-agent"; did you mean puppet_foreign_agent?');
  });

  it('reads the lexicon only when the stored frames do not settle it; stored frames count as known', async () => {
    let lexiconReads = 0;
    const source: FrameIdSource = {
      stored: () => ['khawarij', 'old_frame_renamed'],
      lexicon: () => {
        lexiconReads++;
        return ISSUE_FRAMES;
      },
    };
    expect(await resolveFrameIds(['Old_Frame_Renamed', 'khawarij'], source)).toEqual(['old_frame_renamed', 'khawarij']);
    expect(lexiconReads).toBe(0);
    expect(await resolveFrameIds(['mercenaries'], source)).toEqual(['mercenaries']);
    expect(lexiconReads).toBe(1);
  });

  it('a lexicon that does not load is named in the error', async () => {
    const broken: FrameIdSource = {
      stored: () => ['khawarij'],
      lexicon: () => {
        throw new Error('lexicons/iskp.yaml: line 3: bad indentation\nmore detail');
      },
    };
    expect(await resolveFrameIds(['khawarij'], broken)).toEqual(['khawarij']);
    expect(await usage(['apostasy'], broken)).toBe(
      '--frame: unknown frame "apostasy"; "framewatch lexicon list" shows the frames (the lexicons did not load: lexicons/iskp.yaml: line 3: bad indentation)',
    );
  });

  it('close matches: typos, prefixes and whole parts; nothing for unrelated words', () => {
    expect(editDistance('apostacy', 'apostasy')).toBe(1);
    expect(editDistance('khawraij', 'khawarij')).toBe(1); // a transposition
    expect(closeFrameIds('agent', ISSUE_FRAMES)).toEqual(['puppet_foreign_agent']);
    expect(closeFrameIds('ttp', ISSUE_FRAMES)).toEqual(['ttp_pakistan_dispute']);
    expect(closeFrameIds('zz', ISSUE_FRAMES)).toEqual([]);
    expect(closeFrameIds('خوارج', ISSUE_FRAMES)).toEqual([]);
  });
});

describe('--frame on query, trend and report (compiled CLI, project lexicons)', () => {
  async function dbFile(): Promise<string> {
    const { store } = await seedStore(Object.values(POSTS));
    await store.close();
    return store.location;
  }

  it.each([
    ['query', []],
    ['trend', []],
    ['report', ['--out', '-']],
  ])('%s: an unknown frame is a usage error with close matches; ids are case-insensitive', async (command, extra) => {
    const db = await dbFile();
    for (const [frame, message] of [
      ['nosuch', '--frame: unknown frame "nosuch"; "framewatch lexicon list" shows the frames'],
      ['KHAWARI', '--frame: unknown frame "KHAWARI"; did you mean khawarij?'],
      ['daesh', '--frame: unknown frame "daesh"; did you mean daesh_label?'],
    ] as const) {
      const r = runCli([command, '--db', db, ...extra, '--frame', frame]);
      expect(r.code, `${command} --frame ${frame}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toBe(`framewatch: ${message}\n`);
      expect(r.stdout).toBe('');
    }
    const upper = runCli([command, '--db', db, ...extra, '--frame', 'KHAWARIJ']);
    expect(upper.code, upper.stderr).toBe(0);
    expect(upper.stdout).toContain('khawarij');
    expect(upper.stdout).not.toContain('KHAWARIJ');
    // The report carries the time it was made; the others must be identical to the lower-case run.
    if (command !== 'report') expect(upper.stdout).toBe(runCli([command, '--db', db, ...extra, '--frame', 'khawarij']).stdout);
  });

  it('a lexicon frame with no posts yet is known (trend lists it with zeros)', async () => {
    const db = await dbFile();
    const r = runCli(['trend', '--db', db, '--frame', 'Mercenaries', '--since', '2026-04-01', '--until', '2026-04-02']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('2026-04-01,mercenaries,0,');
  });

  it('a frame stored in the database but not in the lexicon (renamed, before reclassify) stays queryable', async () => {
    const db = await dbFile();
    const r = runCli(['query', '--db', db, '--frame', 'PUPPET', '--format', 'jsonl']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n').length).toBeGreaterThan(1);
  });
});
