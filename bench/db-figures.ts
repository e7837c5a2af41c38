// Figures over the ingested database: trend export, filtered query, full-text query, digest.
import { buildDigestForDay } from '../src/report/build-digest.js';
import { renderTrendCsv } from '../src/report/trend-csv.js';
import { trendData } from '../src/report/trend-data.js';
import type { Store } from '../src/store/store.js';
import { parseTextQuery } from '../src/store/text-query.js';
import type { FrameTagger } from '../src/types.js';
import { addDays, startOfDayUtc } from '../src/util/day-in-zone.js';
import type { Corpus } from './corpus.js';
import { round, timeRepeated } from './measure.js';
import type { LexiconTerm } from './sources.js';

type Figure = Record<string, number | string | boolean | null>;
export type DbFigure = 'trend' | 'query' | 'fts' | 'digest';
type Runner = (name: DbFigure, fn: () => Figure | Promise<Figure>) => Promise<void>;

const TZ = 'Asia/Kabul';

/** The frame with the most posts: the heaviest realistic filter. */
async function busiestFrame(store: Store): Promise<string> {
  const [top] = await store.frameTotals();
  if (!top) throw new Error('no tagged posts in the database');
  return top.frame;
}

async function trendFigure(store: Store): Promise<Figure> {
  // What `framewatch trend` does by default: daily buckets, every frame, the whole stored range (a year).
  const r = await timeRepeated(async () => {
    const data = await trendData(store, { interval: 'day' });
    const csv = renderTrendCsv(data);
    return { data, bytes: csv.length };
  });
  const d = r.last.data;
  if (!d.from || !d.to) throw new Error('empty database');
  return {
    ms: round(r.ms, 2),
    coldMs: round(r.coldMs, 2),
    rows: d.buckets.length * d.frames.length,
    frames: d.frames.length,
    from: d.from,
    to: d.to,
    via: 'trendData + renderTrendCsv',
  };
}

async function queryFigure(store: Store, corpus: Corpus): Promise<Figure> {
  const frame = await busiestFrame(store);
  // The sixth month of the corpus year, in the configured zone.
  const [y, m] = corpus.firstDay.split('-').map(Number) as [number, number];
  const month = (k: number) => `${y + Math.floor((m - 1 + k) / 12)}-${String(((m - 1 + k) % 12) + 1).padStart(2, '0')}-01`;
  const since = startOfDayUtc(month(5), TZ).toISOString();
  const until = startOfDayUtc(month(6), TZ).toISOString();
  const r = await timeRepeated(async () => (await store.queryPosts({ frames: [frame], langs: ['prs'], since, until, limit: 100 })).length);
  return { ms: round(r.ms, 2), coldMs: round(r.coldMs, 2), rows: r.last, frame, lang: 'prs', month: month(5).slice(0, 7) };
}

async function ftsFigure(store: Store, terms: readonly LexiconTerm[]): Promise<Figure> {
  // A one-word Dari lexicon term, as a user would type it: newest 100 posts containing it.
  const word = terms.find((t) => t.lang === 'prs' && !/[*?\s]/.test(t.p) && t.p.length >= 4)?.p;
  if (!word) throw new Error('no one-word Dari term to search for');
  const text = parseTextQuery(word);
  const r = await timeRepeated(async () => (await store.queryPosts({ text, limit: 100 })).length);
  return { ms: round(r.ms, 2), coldMs: round(r.coldMs, 2), rows: r.last, query: word, via: 'parseTextQuery + store.queryPosts({text})' };
}

async function digestFigure(store: Store, tagger: FrameTagger): Promise<Figure> {
  // The last full day of the corpus: a busy day with a week of history behind it.
  const { lastDay: last } = await store.overview();
  if (!last) throw new Error('empty database');
  const day = addDays(last, -1);
  const frames = tagger.frames();
  const now = new Date(Date.parse(`${addDays(last, 1)}T12:00:00Z`));
  const r = await timeRepeated(() => buildDigestForDay(store, day, TZ, { frames, now }));
  const chars = r.last.reduce((a, m) => a + m.length, 0);
  return { ms: round(r.ms, 2), coldMs: round(r.coldMs, 2), day, messages: r.last.length, chars, via: 'buildDigestForDay' };
}

export async function runDbFigures(
  store: Store,
  corpus: Corpus,
  terms: readonly LexiconTerm[],
  which: readonly DbFigure[],
  tagger: FrameTagger,
  run: Runner,
): Promise<void> {
  if (which.includes('trend')) await run('trend', () => trendFigure(store));
  if (which.includes('query')) await run('query', () => queryFigure(store, corpus));
  if (which.includes('fts')) await run('fts', () => ftsFigure(store, terms));
  if (which.includes('digest')) await run('digest', () => digestFigure(store, tagger));
}
