// Deterministic synthetic corpus for the benchmarks: ~200-character posts in Dari, Pashto, Arabic and
// English, built from sentence fragments and lexicon terms, spread over 500 channels and one year.
// Pure: the same seed and pools give the same posts, byte for byte.
import type { IncomingPost, TargetLang } from '../src/types.js';
import { mulberry32 } from '../src/util/random.js';

export const BENCH_LANGS: readonly TargetLang[] = ['prs', 'pus', 'arb', 'eng'];

/** Share of channels per language (Dari and Pashto channels dominate the monitored set). */
const LANG_WEIGHTS: Readonly<Record<TargetLang, number>> = { prs: 0.3, pus: 0.3, arb: 0.25, eng: 0.15 };

export type Pools = Readonly<Record<TargetLang, readonly string[]>>;

export interface CorpusOptions {
  seed: number;
  /** Sentence fragments per language (from the demo corpus, or FALLBACK_FRAGMENTS). */
  fragments: Pools;
  /** Lexicon terms per language, as surface words (glob marks removed). May be empty. */
  terms: Pools;
  channels?: number;
  /** First day of the year of dates, UTC. */
  startDay?: string;
  days?: number;
  /** Mean post length in characters. */
  meanLength?: number;
  /** Probability that a post carries at least one lexicon term. */
  termRate?: number;
}

export interface BenchChannel {
  name: string;
  lang: TargetLang;
}

/** A generated post; `lang` is the language it was written in (the detector's expected answer). */
export interface BenchPost extends IncomingPost {
  lang: TargetLang;
}

export { mulberry32 };

const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;

function pickLang(rnd: () => number): TargetLang {
  let r = rnd();
  for (const l of BENCH_LANGS) {
    r -= LANG_WEIGHTS[l];
    if (r < 0) return l;
  }
  return 'prs';
}

const DECOR: Readonly<Record<TargetLang, readonly string[]>> = {
  prs: ['#خبر', '#افغانستان', '🏴', '📢', '🔴'],
  pus: ['#خبر', '#افغانستان', '🏴', '📢', '🔴'],
  arb: ['#عاجل', '#خراسان', '🏴', '📢', '🔴'],
  eng: ['#breaking', '#Afghanistan', '🏴', '📢', '🔴'],
};

export interface Corpus {
  readonly channels: readonly BenchChannel[];
  readonly firstDay: string;
  readonly days: number;
  /** `total` posts in date order over the year, in batches. Each call starts afresh from the seed. */
  batches(total: number, batchSize?: number): Generator<BenchPost[]>;
  /** The first `total` posts as one array (small samples only). */
  sample(total: number): BenchPost[];
}

export function createCorpus(opts: CorpusOptions): Corpus {
  const nChannels = opts.channels ?? 500;
  const firstDay = opts.startDay ?? '2024-01-01';
  const days = opts.days ?? 366;
  const meanLength = opts.meanLength ?? 200;
  const termRate = opts.termRate ?? 0.25;
  const start = Date.parse(`${firstDay}T00:00:00Z`);
  const span = days * 86_400_000;
  for (const l of BENCH_LANGS) if (!opts.fragments[l]?.length) throw new Error(`no fragments for ${l}`);

  const channelRnd = mulberry32(opts.seed ^ 0x5bd1e995);
  const channels: BenchChannel[] = [];
  for (let i = 0; i < nChannels; i++) {
    channels.push({ name: `bench_ch_${String(i).padStart(3, '0')}`, lang: pickLang(channelRnd) });
  }

  function compose(rnd: () => number, lang: TargetLang, channel: string, messageId: number): string {
    const frags = opts.fragments[lang];
    const terms = opts.terms[lang];
    // Fragments are added until the target is passed, which overshoots by about half a fragment.
    const target = meanLength * (0.4 + 0.8 * rnd());
    const parts: string[] = [];
    let len = 0;
    while (len < target) {
      const f = pick(rnd, frags);
      parts.push(f);
      len += f.length + 1;
    }
    if (terms.length && rnd() < termRate) {
      // One or two lexicon terms, each dropped in at a sentence boundary.
      const n = rnd() < 0.3 ? 2 : 1;
      for (let k = 0; k < n; k++) parts.splice(Math.floor(rnd() * (parts.length + 1)), 0, pick(rnd, terms));
    }
    const r = rnd();
    if (r < 0.25) parts.push(pick(rnd, DECOR[lang]));
    else if (r < 0.35) parts.push(`https://t.me/${channel}/${messageId}`);
    return parts.join(' ');
  }

  function* batches(total: number, batchSize = 1000): Generator<BenchPost[]> {
    const rnd = mulberry32(opts.seed);
    const nextId = new Array<number>(nChannels).fill(0);
    let batch: BenchPost[] = [];
    for (let i = 0; i < total; i++) {
      // Busy and quiet channels: low indexes post more often.
      const ci = Math.min(nChannels - 1, Math.floor(nChannels * rnd() ** 1.5));
      const ch = channels[ci]!;
      const lang = rnd() < 0.9 ? ch.lang : pickLang(rnd);
      const messageId = (nextId[ci] = (nextId[ci] ?? 0) + 1);
      // Dates advance with i (date order, like a collector's backlog), with up to an hour of jitter.
      // Whole seconds, as Telegram gives them.
      const t = start + 1000 * Math.floor(((i / total) * (span - 3_600_000) + rnd() * 3_600_000) / 1000);
      batch.push({
        channel: ch.name,
        messageId,
        postedAt: new Date(t).toISOString(),
        text: compose(rnd, lang, ch.name, messageId),
        views: Math.floor(rnd() * 50_000),
        source: 'bench',
        lang,
      });
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
  }

  return {
    channels,
    firstDay,
    days,
    batches,
    sample(total) {
      const out: BenchPost[] = [];
      for (const b of batches(total, total)) out.push(...b);
      return out;
    },
  };
}

/** Splits running text into sentence-sized fragments (Latin and Arabic-script punctuation). */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?؟۔])\s+|\n+/u)
    .map((s) => s.trim())
    .filter((s) => s.length >= 12);
}

/** Written for the benchmark (news-wire style); used when the demo corpus is missing. */
export const FALLBACK_FRAGMENTS: Pools = {
  prs: [
    'امروز در شهر کابل جلسه‌ای برگزار شد.',
    'مقام‌های محلی می‌گویند که وضعیت امنیتی بهتر شده است.',
    'این گزارش از سوی خبرنگاران ما در ولایت تهیه شده است.',
    'مردم از افزایش قیمت‌ها در بازار شکایت دارند.',
    'به گفته منابع، چند نفر در این رویداد زخمی شدند.',
    'ما از همه برادران می‌خواهیم که این پیام را نشر کنند.',
    'جزئیات بیشتر را در شماره بعدی نشریه بخوانید.',
  ],
  pus: [
    'نن په کابل ښار کې یوه غونډه جوړه شوه.',
    'سیمه ییز چارواکي وايي چې امنیتي وضعیت ښه شوی دی.',
    'دا راپور زموږ د خبریالانو له خوا چمتو شوی دی.',
    'خلک په بازار کې د بیو له لوړېدو شکایت کوي.',
    'د سرچینو په وینا، څو کسان په دې پېښه کې ټپیان شول.',
    'موږ له ټولو ورونو غواړو چې دا پیغام خپور کړي.',
    'نور جزئیات به د مجلې په راتلونکې ګڼه کې ولولئ.',
  ],
  arb: [
    'عقد اليوم اجتماع في مدينة كابل.',
    'يقول المسؤولون المحليون إن الوضع الأمني قد تحسن.',
    'أعد هذا التقرير مراسلونا في الولاية.',
    'يشتكي الناس من ارتفاع الأسعار في الأسواق.',
    'وبحسب المصادر فقد أصيب عدد من الأشخاص في الحادث.',
    'ندعو جميع الإخوة إلى نشر هذه الرسالة.',
    'تابعوا التفاصيل في العدد القادم من المجلة.',
  ],
  eng: [
    'A meeting was held in Kabul city today.',
    'Local officials say the security situation has improved.',
    'This report was prepared by our correspondents in the province.',
    'People are complaining about rising prices in the markets.',
    'According to sources, several people were wounded in the incident.',
    'We ask all brothers to share this message widely.',
    'Read more details in the next issue of the magazine.',
  ],
};
