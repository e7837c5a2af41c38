// I/O edge of the corpus: sentence fragments from the demo corpus, terms from the lexicon files.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LexiconError } from '../src/frames/lexicon-types.js';
import { parseLexiconFiles } from '../src/frames/parse-lexicons.js';
import { readLexiconFiles } from '../src/frames/read-lexicons.js';
import { detectLanguage } from '../src/language/detect.js';
import { isLang, type TargetLang } from '../src/types.js';
import { BENCH_LANGS, FALLBACK_FRAGMENTS, splitSentences, type Pools } from './corpus.js';

export interface LexiconTerm {
  frame: string;
  lang: TargetLang;
  /** Pattern as written: '*' and '?' are globs inside one token, spaces separate phrase tokens. */
  p: string;
}

const emptyPools = (): Record<TargetLang, string[]> => ({ prs: [], pus: [], arb: [], eng: [] });

/**
 * Fragments per language from demo/posts.json and demo/corpus.jsonl (whichever exist) plus
 * FALLBACK_FRAGMENTS. Sorted and deduplicated, so file order does not change the corpus.
 */
export function loadFragments(demoDir: string): { pools: Pools; source: string } {
  const texts: { lang: string; text: string }[] = [];
  const used: string[] = [];
  const json = join(demoDir, 'posts.json');
  if (existsSync(json)) {
    try {
      const arr = JSON.parse(readFileSync(json, 'utf8')) as unknown;
      if (Array.isArray(arr)) for (const r of arr) if (r && typeof r.text === 'string' && typeof r.lang === 'string') texts.push(r);
      used.push('demo/posts.json');
    } catch {
      // a half-written demo file: fall back below
    }
  }
  const jsonl = join(demoDir, 'corpus.jsonl');
  if (existsSync(jsonl)) {
    for (const line of readFileSync(jsonl, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        const r = JSON.parse(line) as { lang?: unknown; text?: unknown };
        if (typeof r.text !== 'string') continue;
        // The demo import file carries no language: the project's detector labels it.
        texts.push({ lang: typeof r.lang === 'string' ? r.lang : detectLanguage(r.text).lang, text: r.text });
      } catch {
        // skip a bad line
      }
    }
    used.push('demo/corpus.jsonl');
  }
  const sets: Record<TargetLang, Set<string>> = { prs: new Set(), pus: new Set(), arb: new Set(), eng: new Set() };
  for (const t of texts) {
    if (!isLang(t.lang) || t.lang === 'und') continue;
    for (const s of splitSentences(t.text)) sets[t.lang].add(s);
  }
  // The built-in news-wire sentences always join in: monitored channels post plenty of plain news.
  const pools = emptyPools();
  for (const l of BENCH_LANGS) {
    for (const f of FALLBACK_FRAGMENTS[l]) sets[l].add(f);
    pools[l] = [...sets[l]].sort();
  }
  return { pools, source: [...used, 'built-in fragments'].join(' + ') };
}

/**
 * Every term of every frame, as the tagger's own lexicon parser reads them (one source of truth:
 * the same files, globs, languages and YAML anchors). An invalid lexicon throws LexiconError.
 */
export function loadLexiconTerms(dir: string): LexiconTerm[] {
  if (!existsSync(dir)) return [];
  const { set, errors } = parseLexiconFiles(readLexiconFiles(dir));
  if (errors.length) throw new LexiconError(errors);
  return set.frames.flatMap((f) => f.terms.map((t) => ({ frame: f.id, lang: t.lang, p: t.p })));
}

/** Terms as words to put into posts: glob marks dropped, one surface form per pattern. */
export function termPools(terms: readonly LexiconTerm[]): Pools {
  const sets: Record<TargetLang, Set<string>> = { prs: new Set(), pus: new Set(), arb: new Set(), eng: new Set() };
  for (const t of terms) {
    const surface = t.p.replace(/[*?]/g, '').replace(/\s+/g, ' ').trim();
    if (surface.length >= 2) sets[t.lang].add(surface);
  }
  const pools = emptyPools();
  for (const l of BENCH_LANGS) pools[l] = [...sets[l]].sort();
  return pools;
}
