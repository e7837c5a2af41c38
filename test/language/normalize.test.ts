import { describe, expect, it } from 'vitest';
import { bmpClass, bmpMap1, charMapped, classifyCodePoint, normalizeText, normalizeWord } from '../../src/language/normalize.js';
import { tokenize } from '../../src/language/tokenize.js';

const ZWNJ = '\u200C';

describe('normalizeText: each step', () => {
  it.each([
    ['NFKC folds Arabic presentation forms', 'ﻣﺮﺗﺪ', 'مرتد'],
    ['NFKC expands the lam-alef ligature', 'ﻻ', 'لا'],
    ['NFKC folds full-width Latin', 'ＴＡＬＩＢＡＮ', 'taliban'],
    ['harakat, shadda and tanwin are removed', 'مُرْتَدٌّ', 'مرتد'],
    ['superscript alef is removed', 'هٰذا', 'هذا'],
    ['Quranic annotation marks are removed', 'الرَّحِيمِۖ', 'الرحیم'],
    ['tatweel is removed', 'مــرتـــد', 'مرتد'],
    ['ي and ى fold to Persian ی', 'على يد', 'علی ید'],
    ['Pashto ې and ۍ fold to ی', 'دوحې ترهګرۍ', 'دوحی ترهگری'],
    ['ك folds to ک', 'كفار', 'کفار'],
    ['ة folds to ه', 'دولة', 'دوله'],
    ['hamza on alef folds to bare alef', 'أمير إسلام آمر', 'امیر اسلام امر'],
    ['ؤ folds to و, ئ to ی', 'مؤمن مسئول', 'مومن مسیول'],
    ['standalone hamza is removed', 'إرجاء', 'ارجا'],
    ['Pashto ګ folds to گ', 'ګوند', 'گوند'],
    ['Urdu-keyboard ٹ ڈ ڑ fold to Pashto ټ ډ ړ', 'ٹیم ڈاکٹر', 'ټیم ډاکټر'],
    ['Arabic-Indic and Extended digits become ASCII', '٢٠٢٤ و ۱۴۰۳', '2024 و 1403'],
    ['Latin is lower-cased and accents dropped', 'TALIBAN Café Daésh', 'taliban cafe daesh'],
    ['curly apostrophe becomes straight', 'Zawahiri’s', "zawahiri's"],
  ])('%s', (_what, input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it('leaves Pashto-specific letters alone', () => {
    expect(normalizeText('ښځه ږغ ټول ډېر ړوند ڼ څوک ځای')).toBe('ښځه ږغ ټول ډیر ړوند ڼ څوک ځای');
  });

  it('keeps word separation and punctuation', () => {
    const s = 'طالبان، داعش؛ «خوارج» - and the ISIS.';
    const out = normalizeText(s);
    expect(out).toBe('طالبان، داعش؛ «خوارج» - and the isis.');
    expect(out.split(/\s+/).length).toBe(s.split(/\s+/).length);
  });
});

describe('the ASCII table, filled at load without the RegExps', () => {
  it('gives every ASCII character the class and mapping classifyCodePoint works out', () => {
    for (let c = 0; c < 128; c++) {
      const [cls, mapped] = classifyCodePoint(c);
      expect([c, bmpClass[c], charMapped(c)]).toEqual([c, cls, mapped]);
      expect([c, bmpMap1[c]]).toEqual([c, mapped.length === 1 && mapped !== String.fromCharCode(c) ? mapped.charCodeAt(0) : 0]);
    }
  });
});

describe('normalizeText: ZWNJ and detached Dari suffixes', () => {
  // Decision: ZWNJ is removed (the two halves join), because pages often lose it (مقامهای), and a
  // plural suffix typed after a space (مقام های) is re-attached: all three spellings give one word.
  it.each([
    [`مقام${ZWNJ}های محلی`, 'مقامهای محلی', 'مقام های محلی'],
    [`کشور${ZWNJ}ها`, 'کشورها', 'کشور ها'],
    [`خارجی${ZWNJ}ها`, 'خارجیها', 'خارجی ها'],
  ])('%s == %s == %s', (withZwnj, joined, spaced) => {
    expect(normalizeText(withZwnj)).toBe(normalizeText(joined));
    expect(normalizeText(spaced)).toBe(normalizeText(joined));
  });

  it('joins a verb split by ZWNJ', () => {
    expect(normalizeText(`می${ZWNJ}گویند`)).toBe('میگویند');
    expect(normalizeText(`نمی${ZWNJ}خواهند`)).toBe('نمیخواهند');
  });

  it('does not attach ها after punctuation or to a Latin word', () => {
    expect(normalizeText('کشور، ها')).toBe('کشور، ها');
    expect(normalizeText('ISIS ها')).toBe('isis ها');
  });

  it('removes other invisible marks (ZWJ, ZWSP, RLM, BOM, soft hyphen)', () => {
    expect(normalizeText('\uFEFFمر\u200Dتد\u200F')).toBe('مرتد');
    expect(normalizeText('apos\u00ADtate')).toBe('apostate');
  });
});

describe('normalizeText: idempotence', () => {
  it.each([
    'مقامهای محلی، رانندگان و مسافران می‌گویند',
    'والمُرتدّين من طالبان',
    "د ''خوارجو'' پر ضد عملیات روان دي",
    'The Apostate Taliban’s “puppets” ﷺ ﷲ',
    'ۀ ۂ ۓ ئ ؤ إ ٱ ء ٠١٢ ۴۵۶ ﻻ',
    'کشور ها ها',
    'ＡＢＣ İstanbul ß Ǆ',
  ])('%s', (s) => {
    const once = normalizeText(s);
    expect(normalizeText(once)).toBe(once);
  });
});

describe('normalizeWord', () => {
  it('gives the same key for Arabic-keyboard and Persian-keyboard spellings', () => {
    expect(normalizeWord('مرتدين')).toBe(normalizeWord('مرتدین'));
    expect(normalizeWord('كابل')).toBe(normalizeWord('کابل'));
    expect(normalizeWord('الخلافة')).toBe(normalizeWord('الخلافه'));
  });
});

describe('tokenize: offsets map back to the original text', () => {
  it.each([
    ['diacritics inside the word', 'قال إنّ المُرْتَدِّينَ هنا', 'مرتدین'],
    ['ZWNJ inside the word', `این مقام${ZWNJ}های محلی`, 'مقامهای'],
    ['tatweel inside the word', 'هؤلاء مــرتـــدون', 'مرتدون'],
    ['presentation forms', 'هم ﻣﺮﺗﺪ', 'مرتد'],
    ['a detached plural suffix', 'خارجی ها آمدند', 'خارجیها'],
  ])('%s', (_what, text, key) => {
    const toks = tokenize(text);
    for (const t of toks) {
      // Every token's span, normalized, gives back its key.
      expect(normalizeWord(text.slice(t.start, t.end))).toBe(t.key);
    }
    const tok = toks.find((t) => t.key === key || t.key === `ال${key}`);
    expect(tok).toBeDefined();
  });

  it('keeps attached marks in the span, not ZWNJ after the word', () => {
    const text = `کتابٌ${ZWNJ} نو`;
    const [first] = tokenize(text);
    expect(first!.key).toBe('کتاب');
    expect(text.slice(first!.start, first!.end)).toBe('کتابٌ');
  });

  it('produces the words of normalizeText', () => {
    const text = `«مقام${ZWNJ}های» محلی: طالبان، الدولة الإسلامية! Puppets of the West's agents.`;
    const words = normalizeText(text).split(/[^\p{L}\p{M}\p{N}']+/u).filter(Boolean).map((w) => w.replace(/'s$/, ''));
    expect(tokenize(text).map((t) => t.key)).toEqual(words);
  });

  it('splits hyphens and keeps apostrophes inside Latin words', () => {
    expect(tokenize("al-Qaeda didn't Zawahiri’s").map((t) => t.key)).toEqual(['al', 'qaeda', "didn't", 'zawahiri']);
  });

  it('expands a ligature of several words, each spanning the ligature', () => {
    const text = 'محمد ﷺ قال';
    const toks = tokenize(text);
    expect(toks.map((t) => t.key)).toEqual(['محمد', 'صلی', 'الله', 'علیه', 'وسلم', 'قال']);
    expect(text.slice(toks[1]!.start, toks[1]!.end)).toBe('ﷺ');
  });

  it('numbers sentences and marks inline-space adjacency', () => {
    const toks = tokenize('Puppet regime. Doha deal؟ گفت\nنه');
    expect(toks.map((t) => t.sentence)).toEqual([0, 0, 1, 1, 2, 3]);
    expect(toks.map((t) => t.spaceBefore)).toEqual([false, true, false, true, false, false]);
  });

  it('handles emoji and astral letters without breaking offsets', () => {
    const text = '🌹 𝐃𝐚𝐞𝐬𝐡 داعش 🌹';
    const toks = tokenize(text);
    expect(toks.map((t) => t.key)).toEqual(['daesh', 'داعش']);
    expect(text.slice(toks[0]!.start, toks[0]!.end)).toBe('𝐃𝐚𝐞𝐬𝐡');
  });
});

describe('tokenize: links are not prose', () => {
  it('skips URLs and t.me links but keeps the words around them', () => {
    const text = 'خبر: https://t.me/khawarij_news/12 و www.example.com/puppet-regime then t.me/daesh end';
    expect(tokenize(text).map((t) => t.key)).toEqual(['خبر', 'و', 'then', 'end']);
  });

  it('still reads words that merely start like a link', () => {
    expect(tokenize('https is a word; the web www').map((t) => t.key)).toEqual(['https', 'is', 'a', 'word', 'the', 'web', 'www']);
  });
});

describe('normalizeText and tokenize agree on mixed, messy text', () => {
  // Deterministic pseudo-random strings from a pool of tricky characters.
  const pool = [...'اأإآٱءؤئيىیېۍكکګگةۀهھـًٌٍَُِّْٰ‌‍‏ ،؛؟.!«»“”"\'’-_ abcABCéİ12٣۴ ﻻﷲﷺ🌹𝐃ښټډړ\n'];
  let seed = 42;
  const rand = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const samples = Array.from({ length: 300 }, () => Array.from({ length: 1 + rand(30) }, () => pool[rand(pool.length)]).join(''));

  it('normalizeText is idempotent', () => {
    for (const s of samples) expect(normalizeText(normalizeText(s))).toBe(normalizeText(s));
  });

  it('every token span normalizes to its key, and spans are ordered and disjoint', () => {
    for (const s of samples) {
      let last = 0;
      for (const t of tokenize(s)) {
        const span = s.slice(t.start, t.end);
        expect(t.end).toBeGreaterThan(t.start);
        if (span.includes('ﷺ')) continue; // the words of one ligature share its span
        expect(t.start).toBeGreaterThanOrEqual(last);
        last = t.end;
        expect(normalizeWord(span).replace(/'s$/, '')).toBe(t.key);
      }
    }
  });
});
