// Deterministic tagging for the query/trend/report tests: a tiny tagger and a fixed language per post,
// so the tests do not depend on the real lexicons or the language detector (both change often).
import { createPipeline, type Pipeline } from '../../src/pipeline.js';
import type { Store } from '../../src/store/store.js';
import type { DetectResult, FrameHit, FrameTag, FrameTagger, IncomingPost, Lang } from '../../src/types.js';

/** Surface forms per frame, matched as whole words in the original text. */
export const FAKE_TERMS: Record<string, string[]> = {
  khawarij: ['خوارج', 'خوارجو', 'الخوارج', 'khawarij'],
  apostasy: ['مرتد', 'مرتدین', 'المرتدين', 'apostate', 'apostates'],
  puppet: ['غلام', 'نوکر', 'puppet', 'puppets', 'عملاء'],
};

const NEGATORS = new Set(['not', 'no', 'نه', 'نیستند', 'لا', 'ليسوا']);
const WORD = /[\p{L}\p{M}\p{N}]/u;

function isWordAt(text: string, i: number): boolean {
  return i >= 0 && i < text.length && WORD.test(text[i]!);
}

/** A hit is negated when the word before it is a negator, quoted when it sits inside « » or " ". */
export function fakeTagger(): FrameTagger {
  return {
    version: 'fake-1',
    frames: () =>
      Object.keys(FAKE_TERMS).map((id) => ({ id, label: id.toUpperCase(), actor: 'test', group: 'test', definition: `test frame ${id}` })),
    tag(text: string) {
      const frames: FrameTag[] = [];
      for (const [frame, terms] of Object.entries(FAKE_TERMS)) {
        const hits: FrameHit[] = [];
        for (const term of terms) {
          for (let i = text.indexOf(term); i >= 0; i = text.indexOf(term, i + 1)) {
            const end = i + term.length;
            if (isWordAt(text, i - 1) || isWordAt(text, end)) continue;
            const before = text.slice(0, i).trim().split(/\s+/).pop() ?? '';
            const head = text.slice(0, i);
            const guillemets = (head.match(/«/g) ?? []).length - (head.match(/»/g) ?? []).length;
            const quoted = guillemets > 0 || (head.match(/"/g) ?? []).length % 2 === 1;
            hits.push({ frame, term, matched: term, start: i, end, weight: 1, negated: NEGATORS.has(before), quoted });
          }
        }
        if (hits.length) {
          frames.push({
            frame,
            score: hits.length,
            hits,
            negated: hits.every((h) => h.negated),
            quoted: hits.every((h) => h.quoted),
          });
        }
      }
      return { frames, lexiconVersion: 'fake-1' };
    },
  };
}

export interface SeedPost {
  channel: string;
  id: number;
  date: string;
  lang: Lang;
  text: string;
  views?: number;
}

/** Seeds a given store; no test framework involved (also used by scratch/bench scripts). */
export async function seedInto<S extends Store>(store: S, posts: SeedPost[]): Promise<{ store: S; pipeline: Pipeline }> {
  // The detector only sees the text: key the fixed languages by text.
  const byText = new Map(posts.map((p) => [p.text, p.lang] as const));
  const detect = (text: string): DetectResult => ({ lang: byText.get(text) ?? 'und', guess: 'und', confidence: 1, reason: 'test' });
  const pipeline = createPipeline({ store, tagger: fakeTagger(), detect });
  const incoming: IncomingPost[] = posts.map((p) => ({
    channel: p.channel,
    messageId: p.id,
    postedAt: p.date,
    text: p.text,
    views: p.views ?? null,
    source: 'test',
  }));
  await pipeline.ingest(incoming);
  return { store, pipeline };
}
