// Which frames are validated, and by how much their observed counts are corrected: what `trend
// --estimate`, the HTML report's bands and the digest's marks show. A frame without enough labels
// gets no figure at all (never a made-up band).
import type { Store } from '../store/store.js';
import type { FrameTagger } from '../types.js';
import { correctedCount, type Interval } from './estimate.js';
import { loadLabelled, measureFrames, type FrameMeasure } from './measure-labels.js';

/**
 * A frame is validated when its labels number at least `minLabels`, at least `minTagged` of the
 * labelled posts are tagged by the current lexicon (precision rests on them) and at least `minYes`
 * were labelled yes (recall rests on them).
 */
export const VALIDATION_RULE = { minLabels: 20, minTagged: 5, minYes: 5 } as const;

export interface FrameValidation {
  frame: string;
  labels: number;
  precision: Interval;
  recall: Interval;
  /** True posts per tagged post (precision / recall), with its interval. */
  correction: Interval;
}

export function isValidated(m: FrameMeasure): boolean {
  const o = m.overall;
  const e = o.estimate;
  return (
    o.labels >= VALIDATION_RULE.minLabels &&
    o.tagged >= VALIDATION_RULE.minTagged &&
    o.yes >= VALIDATION_RULE.minYes &&
    e !== null &&
    e.precision !== null &&
    e.recall !== null &&
    e.correction !== null &&
    Number.isFinite(e.correction.high)
  );
}

/** The validated frames among `measures`, by frame id. */
export function validatedFrames(measures: readonly FrameMeasure[]): Map<string, FrameValidation> {
  const out = new Map<string, FrameValidation>();
  for (const m of measures) {
    if (!isValidated(m)) continue;
    const e = m.overall.estimate!;
    out.set(m.frame, { frame: m.frame, labels: m.overall.labels, precision: e.precision!, recall: e.recall!, correction: e.correction! });
  }
  return out;
}

/** Labels → re-tag with the current lexicon → measures → the validated frames. */
export async function loadValidation(store: Store, tagger: FrameTagger): Promise<Map<string, FrameValidation>> {
  return validatedFrames(measureFrames(await loadLabelled(store, tagger)));
}

/** An observed count corrected by a validated frame's measured precision and recall, with its interval. */
export function estimateCount(observed: number, v: FrameValidation): Interval {
  return correctedCount(observed, { labels: v.labels, precision: v.precision, recall: v.recall, f1: null, trueVolume: null, taggedVolume: 0, correction: v.correction })!;
}
