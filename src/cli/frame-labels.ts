// Frame labels and definitions for what people read (digest, report). Loading the lexicons can fail
// (an edit in progress): then the output shows frame ids, and a note says why.
import type { FrameInfo, FrameTagger } from '../types.js';
import { info } from './context.js';

/** The lexicons' tagger, or undefined (with a note) when they do not load. */
export async function loadLexiconTagger(): Promise<FrameTagger | undefined> {
  try {
    const { loadTagger } = await import('../frames/load-tagger.js');
    return loadTagger();
  } catch (err) {
    info(`note: frame labels unavailable (${(err as Error).message.split('\n')[0]}); showing frame ids`);
    return undefined;
  }
}

export async function loadFrameInfos(): Promise<FrameInfo[] | undefined> {
  return (await loadLexiconTagger())?.frames();
}
