// `lexicon suggest`: what the lexicon misses and what it gets wrong, from the analysts' labels.
//  - Candidates: words and 2–3-word phrases over-represented in posts labelled "yes" that the current
//    lexicon does not tag, against every other stored post, ranked by keyness (log-likelihood G²).
//  - False positives: the lexicon terms and rules behind posts labelled "no" that it tags.
// It only reads: nothing here edits a lexicon.
import { ARABIC_SCRIPT_FUNCTION_WORDS, ENGLISH_WORDS } from '../language/function-words.js';
import { normalizeWord } from '../language/normalize.js';
import { tokenize, type Token } from '../language/tokenize.js';
import { snippet } from '../report/digest.js';
import type { Store, StoredPost } from '../store/store.js';
import type { FrameTagger, Lang } from '../types.js';
import { isTelegramUrl } from '../util/telegram-link.js';
import { loadLabelled } from './measure-labels.js';

export interface SuggestOptions {
  frame: string;
  /** Only posts in this language, on both sides of the comparison. */
  lang?: Lang;
  /** Candidates listed (default 20). */
  top?: number;
  batchSize?: number;
}

export interface ExamplePost {
  post: string;
  url: string | null;
  snippet: string;
}

export interface Candidate {
  /** As first written in a missed post. */
  phrase: string;
  /** Normalized form (what a lexicon entry would match). */
  key: string;
  words: number;
  /** Occurrences in the missed posts, and how many of them contain it. */
  count: number;
  posts: number;
  /** Occurrences in every other stored post. */
  refCount: number;
  g2: number;
  example: ExamplePost;
}

export interface FalsePositiveSource {
  kind: 'term' | 'rule';
  /** The term as written in the lexicon, or the rule id. */
  id: string;
  /** Posts labelled "no" that it helped tag. */
  posts: number;
  example: ExamplePost;
}

export interface Suggestions {
  frame: string;
  lang: Lang | null;
  /** Posts labelled yes that the current lexicon does not tag (what the candidates come from). */
  missed: number;
  /** Posts labelled no that it tags. */
  falsePositives: number;
  /** Posts compared against. */
  reference: number;
  candidates: Candidate[];
  sources: FalsePositiveSource[];
}

/** Function words of the four languages, as token keys. */
const STOPWORDS: ReadonlySet<string> = new Set([...ARABIC_SCRIPT_FUNCTION_WORDS.keys(), ...ENGLISH_WORDS].map((w) => normalizeWord(w)));

/** A word worth a candidate on its own, or at either end of a phrase. */
function contentWord(t: Token): boolean {
  if (STOPWORDS.has(t.key) || /^\d+$/.test(t.key)) return false;
  return t.key.length >= (t.script === 'latin' ? 3 : 2);
}

/** Every 1–3-word n-gram of a text (within a sentence, content words at both ends), by normalized key. */
function ngrams(text: string, each: (key: string, words: number, start: number, end: number) => void): void {
  const tokens = tokenize(text);
  for (let i = 0; i < tokens.length; i++) {
    const first = tokens[i]!;
    if (!contentWord(first)) continue;
    each(first.key, 1, first.start, first.end);
    for (let n = 2; n <= 3 && i + n <= tokens.length; n++) {
      const last = tokens[i + n - 1]!;
      if (last.sentence !== first.sentence) break;
      if (!contentWord(last)) continue;
      each(tokens.slice(i, i + n).map((t) => t.key).join(' '), n, first.start, last.end);
    }
  }
}

/**
 * Log-likelihood keyness (Dunning's G², as Rayson and Garside use it): `a` of `c` n-grams in the
 * study corpus against `b` of `d` in the reference. Positive only for over-use; 0 otherwise.
 */
export function logLikelihood(a: number, b: number, c: number, d: number): number {
  if (a === 0 || c === 0 || a / c <= (d === 0 ? 0 : b / d)) return 0;
  const e1 = (c * (a + b)) / (c + d);
  const e2 = (d * (a + b)) / (c + d);
  return 2 * (a * Math.log(a / e1) + (b > 0 ? b * Math.log(b / e2) : 0));
}

const keyOf = (p: { channel: string; messageId: number }): string => `${p.channel}/${p.messageId}`;

function example(p: StoredPost, at: number): ExamplePost {
  return { post: keyOf(p), url: p.permalink && isTelegramUrl(p.permalink) ? p.permalink : null, snippet: snippet(p.text, at, 160) };
}

export async function suggestTerms(store: Store, tagger: FrameTagger, opts: SuggestOptions): Promise<Suggestions> {
  const labelled = (await loadLabelled(store, tagger, { frame: opts.frame })).filter((l) => !opts.lang || l.post.lang === opts.lang);
  // Copies of one text (forwards, reposts) count once: they are one wording, not several.
  const distinct = new Set<string>();
  const allMissed = labelled.filter((l) => l.label.label && !l.taggedNow).map((l) => l.post);
  const missed = allMissed.filter((p) => !distinct.has(p.normalizedText) && distinct.add(p.normalizedText));
  const wrong = labelled.filter((l) => !l.label.label && l.taggedNow).map((l) => l.post);

  // The missed posts' n-grams: counts, posts, the first surface form and an example.
  interface Stat {
    key: string;
    words: number;
    count: number;
    posts: Set<string>;
    phrase: string;
    example: ExamplePost;
    ref: number;
  }
  const stats = new Map<string, Stat>();
  const studyTotal = [0, 0, 0, 0];
  for (const p of missed) {
    ngrams(p.text, (key, words, start, end) => {
      studyTotal[words]!++;
      let s = stats.get(key);
      if (!s) stats.set(key, (s = { key, words, count: 0, posts: new Set(), phrase: p.text.slice(start, end), example: example(p, start), ref: 0 }));
      s.count++;
      s.posts.add(keyOf(p));
    });
  }

  // The reference: every other stored post (in the language asked), streamed; only the study's n-grams are counted.
  const exclude = new Set(allMissed.map(keyOf));
  const refTotal = [0, 0, 0, 0];
  let reference = 0;
  let after = 0;
  for (;;) {
    const page = await store.scopePosts(opts.lang ? { langs: [opts.lang] } : {}, after, opts.batchSize ?? 2000);
    if (page.length === 0) break;
    after = page[page.length - 1]!.key;
    for (const p of page) {
      if (exclude.has(keyOf(p))) continue;
      reference++;
      ngrams(p.text, (key, words) => {
        refTotal[words]!++;
        const s = stats.get(key);
        if (s) s.ref++;
      });
    }
  }

  const minPosts = Math.min(2, missed.length);
  const candidates = [...stats.values()]
    .filter((s) => s.posts.size >= minPosts)
    .map((s) => ({ s, g2: logLikelihood(s.count, s.ref, studyTotal[s.words]!, refTotal[s.words]!) }))
    .filter((x) => x.g2 > 0)
    .sort((x, y) => y.g2 - x.g2 || y.s.count - x.s.count || (x.s.key < y.s.key ? -1 : 1))
    .slice(0, opts.top ?? 20)
    .map(({ s, g2 }) => ({
      phrase: s.phrase,
      key: s.key,
      words: s.words,
      count: s.count,
      posts: s.posts.size,
      refCount: s.ref,
      g2: Math.round(g2 * 100) / 100,
      example: s.example,
    }));

  // What tagged the posts labelled "no": each term and rule once per post.
  const sources = new Map<string, FalsePositiveSource>();
  for (const p of wrong) {
    const hits = tagger.tag(p.text, p.lang, { side: p.side }).frames.find((f) => f.frame === opts.frame)?.hits ?? [];
    const seen = new Set<string>();
    for (const h of hits) {
      const kind = h.rule === undefined ? 'term' : 'rule';
      const id = h.rule ?? h.term;
      const k = `${kind}\u0001${id}`;
      if (seen.has(k)) continue;
      seen.add(k);
      const s = sources.get(k);
      if (s) s.posts++;
      else sources.set(k, { kind, id, posts: 1, example: example(p, h.start) });
    }
  }
  return {
    frame: opts.frame,
    lang: opts.lang ?? null,
    missed: missed.length,
    falsePositives: wrong.length,
    reference,
    candidates,
    sources: [...sources.values()].sort((a, b) => b.posts - a.posts || (a.id < b.id ? -1 : 1)),
  };
}
