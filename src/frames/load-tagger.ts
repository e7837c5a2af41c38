// PLACEHOLDER first version; the frames/lexicon work owns and replaces this file.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LEXICON_DIR } from '../paths.js';
import type { FrameHit, FrameInfo, FrameTagger, Lang, TagResult } from '../types.js';

export function loadTagger(dir: string = LEXICON_DIR): FrameTagger {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  const hash = createHash('sha256');
  const frames: (FrameInfo & { terms: string[] })[] = [];
  for (const f of files) {
    const txt = readFileSync(join(dir, f), 'utf8');
    hash.update(f).update(txt);
    for (const fr of JSON.parse(txt).frames ?? []) frames.push(fr);
  }
  const version = hash.digest('hex').slice(0, 12);
  return {
    version,
    frames: () => frames.map(({ terms: _t, ...info }) => info),
    tag(text: string, _lang: Lang): TagResult {
      const lower = text.toLowerCase();
      const out: TagResult = { frames: [], lexiconVersion: version };
      for (const fr of frames) {
        const hits: FrameHit[] = [];
        for (const term of fr.terms) {
          const i = lower.indexOf(term.toLowerCase());
          if (i >= 0) hits.push({ frame: fr.id, term, matched: text.slice(i, i + term.length), start: i, end: i + term.length, weight: 1, negated: false, quoted: false });
        }
        if (hits.length) out.frames.push({ frame: fr.id, score: hits.length, hits, negated: false, quoted: false });
      }
      return out;
    },
  };
}
