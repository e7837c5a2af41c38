// Inflection handling for Arabic-script words, applied by the matcher to every lexicon entry: a word
// that is no entry as written is tried again without its affixes, and the stripped form counts only
// when it is itself an entry ("lexicon-guided", never blind). Keys are normalized (ي→ی, ك→ک, ة→ه,
// hamza forms folded, no diacritics), so the affixes below are written in folded letters.
//
//   Arabic   enclitic pronouns (ـه ـها ـهم ـهما ـهن ـك ـكم ـنا), sound plurals and duals (ـون ـين ـان ـات),
//            the feminine ـة, and their combinations: عملائهم → عملا(ء), حكومتهم → حكومة, مرتديهم → مرتد;
//            proclitics و ف ب ل ك and the article (والمرتدين → مرتد).
//   Pashto   case and plural endings: ـو ـې ـۍ ـي ـه ـان ـانو ـونه ـونو ـګان ـګانو ـيان ـيانو
//            (خوارجو, مزدورانو, داعشيانو → داعش).
//   Dari     plural, ezafe, indefinite and pronoun suffixes: ـها ـهای ـان ـانِ ـی ـای ـیی ـش ـاش ـشان ـمان
//            ـتان ـگان (بندگان → بنده), ـین (Arabic plural in Dari: مرتدین); ـای only after a vowel letter.
//
// The remainder must keep 3 letters, so short words are never cut down to something else.

const MIN_STEM = 3;

/** Pronoun enclitics, longest first (folded). */
const AR_PRONOUNS = ['هما', 'کما', 'هم', 'هن', 'ها', 'کم', 'کن', 'نا', 'ه', 'ک'];
/** Number/gender endings that may stand before a pronoun or alone, longest first. */
const AR_ENDINGS = ['ات', 'ون', 'ین', 'ان', 'ه', 'و', 'ی', 'ا'];
/** Endings that may stand alone at the end of a word (a bare ـو/ـي/ـا is a construct form or a letter of the stem). */
const AR_FINAL = ['ات', 'ون', 'ین', 'ان', 'ه'];

/** Pashto and Dari endings (folded: ې ۍ ي → ی, ګ → گ), longest first. */
const PS_FA_ENDINGS = [
  'هایشان',
  'هایتان',
  'هایمان',
  'هایش',
  'هایی',
  'های',
  'ها',
  'گانو',
  'گان',
  'یانو',
  'یان',
  'انو',
  'ونه',
  'ونو',
  'انی',
  'شان',
  'مان',
  'تان',
  'ان',
  'ین',
  'ای',
  'یی',
  'اش',
  'و',
  'ی',
  'ه',
  'ش',
];

/** Letters that end a vowel-final stem (folded). */
const VOWEL_LETTERS = new Set(['ا', 'و', 'ه', 'ی']);

const CONJ = ['و', 'ف'];
const PREP = ['ب', 'ک', 'ل'];

function push(out: string[], seen: Set<string>, v: string, key: string): void {
  if (v.length >= MIN_STEM && v !== key && !seen.has(v)) {
    seen.add(v);
    out.push(v);
  }
}

/** Forms of `w` without Arabic suffixes: pronoun, then number/gender ending, with ت restored to ة. */
function arabicSuffixForms(w: string, out: string[], seen: Set<string>, key: string): void {
  const afterPronoun: string[] = [w];
  for (const p of AR_PRONOUNS) {
    if (w.length - p.length >= MIN_STEM && w.endsWith(p)) {
      const rest = w.slice(0, -p.length);
      afterPronoun.push(rest);
      push(out, seen, rest, key);
      // حکومته → حکومت → حکومه (the feminine ة is written ت before a pronoun)
      if (rest.endsWith('ت')) push(out, seen, `${rest.slice(0, -1)}ه`, key);
    }
  }
  for (const base of afterPronoun) {
    const endings = base === w ? AR_FINAL : AR_ENDINGS;
    for (const e of endings) {
      if (base.length - e.length >= MIN_STEM && base.endsWith(e)) push(out, seen, base.slice(0, -e.length), key);
    }
  }
}

function persoPashtoSuffixForms(w: string, out: string[], seen: Set<string>, key: string): void {
  for (const e of PS_FA_ENDINGS) {
    if (w.length - e.length >= MIN_STEM && w.endsWith(e)) {
      const rest = w.slice(0, -e.length);
      // ـای (ezafe / indefinite) follows a vowel letter (خانه‌ای, جای); after a consonant the ا is the
      // stem's: شرکای "partners of" is شرکا, not شرک "polytheism" + ای
      if (e === 'ای' && !VOWEL_LETTERS.has(rest[rest.length - 1]!)) continue;
      push(out, seen, rest, key);
      // بندگان → بنده; داعشیانو → داعشی → داعش
      if (e.startsWith('گ')) push(out, seen, `${rest}ه`, key);
      if (rest.endsWith('ی') && rest.length - 1 >= MIN_STEM) push(out, seen, rest.slice(0, -1), key);
    }
  }
}

/** Proclitic-stripped forms: the article always; و ف + ب ك ل only in Arabic posts (Persian برده stays whole). */
function proclitics(key: string, arabic: boolean): string[] {
  const out: string[] = [];
  const conjs = arabic ? [...CONJ, ''] : [''];
  const preps = arabic ? [...PREP, ''] : [''];
  for (const conj of conjs) {
    if (!key.startsWith(conj)) continue;
    const rest = key.slice(conj.length);
    for (const prep of preps) {
      const art = prep === 'ل' ? 'لل' : `${prep}ال`;
      if (rest.startsWith(art) && rest.length - art.length >= MIN_STEM) out.push(rest.slice(art.length));
    }
    if (arabic) {
      for (const prep of preps) {
        const clitic = conj + prep;
        // a bare one-letter proclitic needs a 4-letter rest: ب+ردة, و+ردة stay whole
        if (clitic !== '' && key.startsWith(clitic) && key.length - clitic.length >= 4) out.push(key.slice(clitic.length));
      }
    }
  }
  return out;
}

/**
 * Weak base forms: a one-letter prefix before a 3-letter word, which is how Arabic writes بقتل, لدعم,
 * وقتل and Pashto its perfective ووژل, but also how unrelated words look (وردة "rose" is not و+ردة).
 * The matcher accepts them for concept terms only: a concept never counts alone, a rule needs its
 * other parts too.
 */
export function weakBaseForms(key: string): string[] {
  if (key.length !== 4) return [];
  const c = key[0]!;
  return c === 'و' || c === 'ب' || c === 'ل' || c === 'ف' || c === 'ک' ? [key.slice(1)] : [];
}

/**
 * Candidate base forms of a normalized Arabic-script word, most specific first (the word itself is not
 * included). `arabic` selects the Arabic proclitics and endings; Pashto/Dari endings are always tried.
 */
export function baseForms(key: string, arabic: boolean): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const heads = [key, ...proclitics(key, arabic)];
  for (const h of heads) {
    push(out, seen, h, key);
    // the article stripped: keep the "ال" form too (entries may be listed with it)
    if (h !== key && !h.startsWith('ال')) push(out, seen, `ال${h}`, key);
  }
  for (const h of heads) {
    arabicSuffixForms(h, out, seen, key);
    persoPashtoSuffixForms(h, out, seen, key);
  }
  return out;
}

/** Whether `key` could carry an affix at all (cheap pre-check before baseForms). */
export function mayBeInflected(key: string): boolean {
  return key.length > MIN_STEM;
}
