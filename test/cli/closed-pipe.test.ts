// `framewatch query ... | head`: the reader closes the pipe early. The CLI exits quietly with 0, as
// Unix tools do, instead of dying on an unhandled EPIPE with a stack trace.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-store.js';
import { CLI, runCli } from '../helpers/run-cli.js';

const texts = [
  'د خوارجو ډله د اسلام دښمنه ده او امارت به یې ختمه کړي.',
  'The apostate Taliban betrayed the religion for dollars.',
  'طالبان مزدوران امریکا هستند و به دستور غرب کار می کنند.',
  'الخوارج كلاب النار وهم أعداء الإسلام والمسلمين.',
];

describe('a closed output pipe', () => {
  it('query | head: exit 0, nothing on stderr, and the database untouched', async () => {
    const dir = tempDir();
    const file = join(dir, 'posts.jsonl');
    const db = join(dir, 'pipe.sqlite');
    const lines = Array.from({ length: 400 }, (_, i) =>
      JSON.stringify({ channel: 'pipe_test', id: i + 1, date: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString(), text: `${texts[i % 4]} ${'#'.repeat(1 + (i % 3))}`.padEnd(600, '.') }),
    );
    writeFileSync(file, lines.join('\n'));
    expect(runCli(['import', file, '--db', db]).code).toBe(0);

    // ~300 KB of JSON Lines: far more than a pipe buffer, so the CLI is still writing when we close.
    const child = spawn(process.execPath, [CLI, '--db', db, 'query', '--limit', '400', '--format', 'jsonl'], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', TIMEZONE: 'Asia/Kabul' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let first = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', (d: Buffer) => {
      first = d.toString();
      child.stdout.destroy();
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(first).toContain('"channel":"pipe_test"');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(runCli(['stats', '--db', db, '--format', 'json']).stdout).toContain('400');
  });
});
