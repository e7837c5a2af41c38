// `framewatch demo` (npm run demo): its own database, never the monitoring one (issue 14 item 12),
// and it ends with next steps that work (item 23).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_DB, nextSteps, shellPath } from '../../src/demo.js';
import { inspectSqlite } from '../../src/store/sqlite/sqlite-inspect.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-store.js';

function channelsIn(db: string): string[] {
  const d = inspectSqlite(db);
  try {
    return d.column<string>('SELECT username FROM channels ORDER BY username');
  } finally {
    d.close();
  }
}

/** The lines from "Next steps" to the end of the output. */
function steps(stdout: string): string[] {
  const lines = stdout.trimEnd().split('\n');
  return lines.slice(lines.indexOf('Next steps'));
}

/** The example commands printed, as argument lists (shell quotes and comments removed). */
function exampleQueries(stdout: string): string[][] {
  return steps(stdout)
    .filter((l) => l.trim().startsWith('npx framewatch query'))
    .map((l) =>
      l
        .replace(/#.*$/, '')
        .trim()
        .split(/\s+/)
        .slice(2)
        .map((a) => a.replace(/^'(.*)'$/, '$1')),
    );
}

describe('framewatch demo', () => {
  it('leaves the database named by FRAMEWATCH_DB in .env alone: the demo uses its own', () => {
    const cwd = tempDir();
    const real = join(cwd, 'monitoring.sqlite');
    writeFileSync(join(cwd, '.env'), `FRAMEWATCH_DB=${real}\nCHANNELS=almirsaad:pus\n`);
    const posts = join(cwd, 'real.jsonl');
    writeFileSync(posts, `${JSON.stringify({ channel: 'almirsaad', id: 7, date: '2026-11-30T08:00:00Z', text: 'د خوارجو ډله د اسلام دښمنه ده.' })}\n`);
    const imported = runCli(['import', posts], { cwd });
    expect(imported.code, imported.stderr).toBe(0);
    expect(channelsIn(real)).toEqual(['almirsaad']);

    // A daemon setting still being edited does not stop the demo.
    writeFileSync(join(cwd, '.env'), `FRAMEWATCH_DB=${real}\nCHANNELS=almirsaad:pus\nDIGEST_CRON=every morning\n`);
    const r = runCli(['demo'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`database:  ${DEMO_DB} (the demo's own)`);
    // Not one of the 14 fictional _demo channels went into the monitoring database...
    expect(channelsIn(real)).toEqual(['almirsaad']);
    // ...and the real channel from CHANNELS did not go into the demo's.
    const demo = channelsIn(DEMO_DB);
    expect(demo).toHaveLength(14);
    expect(demo.every((c) => c.endsWith('_demo'))).toBe(true);
  });

  it('--db puts the demo where asked, and it ends with next steps that work', () => {
    const dir = tempDir();
    const db = join(dir, 'demo.sqlite');
    const r = runCli(['demo', '--db', db], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(channelsIn(db)).toHaveLength(14);

    const next = steps(r.stdout);
    expect(next[0]).toBe('Next steps');
    // 1. the report, written next to the database
    const report = join(dir, 'demo-report.html');
    expect(existsSync(report)).toBe(true);
    expect(readFileSync(report, 'utf8')).toContain('<title>framewatch demo report');
    expect(next[1]).toBe('  1. Open the report in a browser: demo-report.html');
    expect(next[2]).toBe(`     file://${report}`);
    // 2. three example queries, each of which finds posts in the demo database
    const queries = exampleQueries(r.stdout);
    expect(queries).toHaveLength(3);
    for (const args of queries) {
      expect(args).toContain('--db');
      const q = runCli([...args.filter((a) => a !== '--format' && a !== 'table'), '--format', 'json'], { cwd: dir });
      expect(q.code, `${args.join(' ')}: ${q.stderr}`).toBe(0);
      expect((JSON.parse(q.stdout) as unknown[]).length, args.join(' ')).toBeGreaterThan(0);
    }
    expect(queries.some((a) => a.includes('خوارج'))).toBe(true);
    // 3. how to set up real channels
    const real = next.join('\n');
    expect(real).toContain('cp .env.example .env');
    expect(real).toContain('CHANNELS');
    expect(real).toMatch(/npx framewatch collect/);
    expect(real).toMatch(/npm start/);
  });

  it('example commands quote paths only when the shell needs it', () => {
    expect(shellPath('/srv/fw/db/demo.sqlite', '/srv/fw')).toBe('db/demo.sqlite');
    expect(shellPath('/data/demo.sqlite', '/srv/fw')).toBe('/data/demo.sqlite');
    expect(shellPath("/data/my demo's.sqlite", '/srv/fw')).toBe(`'/data/my demo'\\''s.sqlite'`);
    expect(nextSteps('/srv/fw/db/demo.sqlite', '/srv/fw/db/demo-report.html', '/srv/fw')[3]).toBe('  2. Query the demo database, for example:');
  });
});
