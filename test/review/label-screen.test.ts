// The labelling screen as text: evidence highlighted, right-to-left lines isolated, hostile text
// (terminal escapes, stray bidi controls) kept off the terminal, the screen never taller than asked.
import { describe, expect, it } from 'vitest';
import { PDI, RLI, progressLine, renderLabelScreen, type LabelView } from '../../src/review/label-screen.js';

const progress = { total: 60, labelled: 12, yes: 8, no: 4, skipped: 2 };

function view(text: string, lang: LabelView['lang'], spans: { start: number; end: number }[] = []): LabelView {
  return {
    frame: 'khawarij',
    frameLabel: 'Khawarij / deviants',
    sampleId: 3,
    labeller: 'farida',
    position: 7,
    post: 'almirsaad_dari_demo/12',
    url: 'https://t.me/almirsaad_dari_demo/12',
    when: '2026-11-21 09:30 Asia/Kabul',
    lang,
    text,
    spans,
    evidence: spans.length ? `⟦${text.slice(spans[0]!.start, spans[0]!.end)}⟧ "خوارج*"` : '',
  };
}

describe('the labelling screen', () => {
  it('shows the progress line, the post with its evidence marked, and the keys', () => {
    expect(progressLine(progress)).toBe('12/60 labelled (y 8, n 4, skipped 2)');
    const text = 'خوارج بار دیگر در ننگرهار حمله کردند';
    const lines = renderLabelScreen(view(text, 'prs', [{ start: 0, end: 5 }]), progress, { width: 80, height: 24, color: false });
    expect(lines[1]).toBe('sample 3 · labeller farida · 12/60 labelled (y 8, n 4, skipped 2)');
    expect(lines).toContain(`  ${RLI}⟦خوارج⟧ بار دیگر در ننگرهار حمله کردند${PDI}`);
    expect(lines).toContain('y yes · n no · s skip · u undo · q quit');
    // With colour: reverse video and bold instead of brackets.
    const color = renderLabelScreen(view(text, 'prs', [{ start: 0, end: 5 }]), progress, { width: 80, height: 24, color: true });
    expect(color).toContain(`  ${RLI}\x1b[1;7mخوارج\x1b[0m بار دیگر در ننگرهار حمله کردند${PDI}`);
  });

  it('English stays left to right; an Arabic-script post is isolated even when detected as und', () => {
    const en = renderLabelScreen(view('The khawarij attacked the market.', 'eng'), progress, { width: 80, height: 24, color: false });
    expect(en).toContain('  The khawarij attacked the market.');
    const und = renderLabelScreen(view('الخوارج', 'und'), progress, { width: 80, height: 24, color: false });
    expect(und).toContain(`  ${RLI}الخوارج${PDI}`);
  });

  it('terminal escapes and bidi overrides in a post never reach the terminal', () => {
    const hostile = 'د خوارجو \x1b]0;pwned\x07ډله \u202eevil\u202c \x1b[2J پای';
    const lines = renderLabelScreen(view(hostile, 'pus'), progress, { width: 80, height: 24, color: false });
    const all = lines.join('\n');
    expect(all).not.toMatch(/[\x1b\x07\u202e\u202c]/);
    expect(all).toContain('ډله');
  });

  it('wraps long posts to the width and cuts them to the height, saying how much is left', () => {
    const long = Array.from({ length: 80 }, () => 'د خوارجو ډله د اسلام دښمنه ده').join(' ');
    const lines = renderLabelScreen(view(long, 'pus'), progress, { width: 50, height: 20, color: false });
    expect(lines.length).toBeLessThanOrEqual(20);
    expect(lines.some((l) => /^… \d+ more line\(s\)$/.test(l))).toBe(true);
    const body = lines.filter((l) => l.startsWith(`  ${RLI}`));
    expect(body.length).toBeGreaterThan(3);
    for (const l of body) expect([...l.replace(/[\u2067\u2069]/g, '')].length).toBeLessThanOrEqual(50);
  });
});
