// `framewatch lexicon show FRAME`: a frame as an analyst reads it: what it means, what makes it fire
// (terms, then rules spelled out in words), what stops it, and the concepts the rules use.
import { TARGET_LANGS, type TargetLang } from '../types.js';

/** Display order: the analyst's working language first. */
const SHOW_ORDER: TargetLang[] = ['eng', 'arb', 'pus', 'prs'];
import type { ConceptDef, FrameDef, LexiconSet, RuleDef, TermDef } from './lexicon-types.js';

const LANG_NAMES: Record<TargetLang, string> = { eng: 'English', arb: 'Arabic', pus: 'Pashto', prs: 'Dari' };

function termText(t: TermDef): string {
  const extra: string[] = [];
  if (t.w !== 1) extra.push(`w ${t.w}`);
  if (t.strict) extra.push(`${t.lang} posts only`);
  if (t.requires.length) extra.push(`needs ${t.requires.map((g) => g.join(' / ')).join(' and ')}`);
  if (t.unless.length) extra.push(`not with ${t.unless.join(' / ')}`);
  if (t.veto.length) extra.push(`vetoed in a sentence with ${t.veto.join(' / ')}`);
  return extra.length ? `${t.p} (${extra.join('; ')})` : t.p;
}

/** One rule in words, e.g. "all of: subordination + foreign_power, within 8 tokens, in this order". */
export function describeRule(r: RuleDef): string {
  const parts = r.parts.map((p) => (p.concepts.length > 1 ? `(${p.concepts.join(' or ')})` : p.label));
  const head = r.mode === 'all' ? `all of: ${parts.join(' + ')}` : `any of: ${parts.join(', ')}`;
  const scope = r.mode === 'any' ? '' : r.window !== null ? `, within ${r.window} tokens` : ', in one sentence';
  const order = r.order ? ', in this order' : '';
  const not = r.not.length ? `; not in a sentence with ${r.not.join(' / ')}` : '';
  const langs = r.langs.length < TARGET_LANGS.length ? `; ${r.langs.join('/')} only` : '';
  return `${head}${scope}${order}${not}${langs}; w ${r.w}`;
}

function conceptLines(k: ConceptDef, maxPerLang: number): string[] {
  const notes = [k.include.length ? `includes ${k.include.join(', ')}` : '', k.unless.length ? `no context in a sentence with ${k.unless.join(' / ')}` : '', k.shadows.length ? `its words are not ${k.shadows.join(' / ')}` : ''].filter(Boolean);
  const out = [`  ${k.id}: ${k.label}${notes.length ? ` (${notes.join('; ')})` : ''}`];
  for (const lang of SHOW_ORDER) {
    const terms = k.terms.filter((t) => t.lang === lang).map((t) => t.p);
    if (terms.length === 0) continue;
    const shown = terms.slice(0, maxPerLang).join(', ');
    out.push(`    ${lang}: ${shown}${terms.length > maxPerLang ? `, ... (${terms.length - maxPerLang} more)` : ''}`);
  }
  return out;
}

export function showFrame(set: LexiconSet, frame: FrameDef, opts: { all?: boolean } = {}): string {
  const max = opts.all ? Infinity : 12;
  const lines: string[] = [];
  lines.push(`${frame.id}: ${frame.label}`);
  lines.push(`  group ${frame.group}; actor ${frame.actor}${frame.target ? `; target ${frame.target}` : ''}; file ${frame.file}`);
  lines.push('', ...frame.definition.split('\n').map((l) => `  ${l}`));
  lines.push('', `Tagged when the score reaches ${frame.threshold}: each distinct term adds its weight, each rule that fires adds its w.`);
  if (frame.ref.length) {
    lines.push(
      `Actor reference: the post must name ${frame.ref.join(' or ')}${frame.side ? `, unless it comes from a channel of side "${frame.side}"` : ''}.`,
    );
    if (frame.refNot.length) lines.push(`  A reference in a sentence that mentions ${frame.refNot.join(' / ')} does not count.`);
  }
  if (frame.targetNot.length)
    lines.push(
      `Aimed at someone else: a term does not count when the nearest word within ${frame.targetWindow} words that names ${[...frame.targetNot, ...(frame.targetIs.length ? frame.targetIs : frame.ref)].join(' / ')} names ${frame.targetNot.join(' / ')}.`,
    );
  if (frame.veto.length) lines.push(`Vetoed in any sentence that mentions ${frame.veto.join(' / ')}.`);

  lines.push('', `Terms (${frame.terms.length}):`);
  for (const lang of SHOW_ORDER) {
    const terms = frame.terms.filter((t) => t.lang === lang);
    if (terms.length === 0) continue;
    const shown = terms.slice(0, max).map(termText);
    lines.push(`  ${LANG_NAMES[lang]}: ${shown.join(', ')}${terms.length > max ? `, ... (${terms.length - max} more; --all shows every term)` : ''}`);
  }
  if (frame.exclude.length) lines.push(`  never inside: ${frame.exclude.map((e) => e.p).join(', ')}`);

  lines.push('', `Rules (${frame.rules.length}):`);
  if (frame.rules.length === 0) lines.push('  none');
  for (const r of frame.rules) lines.push(`  ${r.id}: ${describeRule(r)}`);

  const ids = new Set([...frame.rules.flatMap((r) => [...r.parts.flatMap((p) => p.concepts), ...r.not]), ...frame.veto, ...frame.ref, ...frame.refNot, ...frame.targetNot, ...frame.targetIs]);
  const byId = new Map(set.concepts.map((k) => [k.id, k]));
  // Included concepts are listed too: their words count for the concept that includes them.
  for (const id of [...ids]) for (const inc of [...(byId.get(id)?.include ?? []), ...(byId.get(id)?.unless ?? [])]) ids.add(inc);
  if (ids.size > 0) {
    lines.push('', 'Concepts:');
    for (const id of [...ids].sort()) {
      const k = byId.get(id);
      if (k) lines.push(...conceptLines(k, max));
    }
  }
  return `${lines.join('\n')}\n`;
}
