// Frame labels and definitions for what people read (digest, report). Loading the lexicons can fail
// (an edit in progress): then the output shows frame ids, and a note says why.
import type { FrameInfo } from '../types.js';
import { info } from './context.js';

export async function loadFrameInfos(): Promise<FrameInfo[] | undefined> {
  try {
    const { loadTagger } = await import('../frames/load-tagger.js');
    return loadTagger().frames();
  } catch (err) {
    info(`note: frame labels unavailable (${(err as Error).message.split('\n')[0]}); showing frame ids`);
    return undefined;
  }
}
