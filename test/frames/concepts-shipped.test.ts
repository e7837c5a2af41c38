// Concepts of the shipped lexicons on real sentences in the four languages: each row's text must
// contain the concept, through the inflected forms the matcher derives (Arabic clitics and plurals:
// الطالبان, خلاياهم, ملاذات; Pashto case endings: طالبانو, داعشیانو, امریکایانو; Dari plurals and
// ezafe: نمازگزاران, پناهگاه های, امریکایی ها; English stems: coordinate, dismantled, havens).
// A concept is never evidence alone (only rules use it), so these rows test the vocabulary the
// rules are built from, independently of any frame.
import { describe, expect, it } from 'vitest';
import { KIND_CONCEPT, type CompiledLexicon } from '../../src/frames/compile.js';
import { loadTagger } from '../../src/frames/load-tagger.js';
import { scanTokens } from '../../src/frames/match-words.js';
import { tokenize } from '../../src/language/tokenize.js';
import type { Lang } from '../../src/types.js';

const compiled: CompiledLexicon = loadTagger().compiled;

/** Every concept a text contains (with the concepts that include them). */
function conceptsIn(text: string, lang: Lang): Set<string> {
  const found = new Set<string>();
  const add = (ci: number): void => {
    for (const cj of compiled.concepts[ci]!.closure) found.add(compiled.concepts[cj]!.id);
  };
  scanTokens(compiled, tokenize(text), lang, {
    match: (p) => {
      if (p.kind === KIND_CONCEPT) add(p.concept);
    },
    concept: (ci) => add(ci),
  });
  return found;
}

const CASES: [concept: string, lang: Lang, text: string][] = [
  ['subordination', 'eng', 'They are slaves of the Americans'],
  ['subordination', 'arb', 'إنهم عبيد للأمريكان'],
  ['subordination', 'pus', 'دوی د امریکایانو غلامان دي'],
  ['subordination', 'prs', 'آنها غلامان امریکایی ها هستند'],
  ['foreign_power', 'eng', 'They are slaves of the Americans'],
  ['foreign_power', 'arb', 'إنهم عبيد للأمريكان'],
  ['foreign_power', 'pus', 'دوی د امریکایانو غلامان دي'],
  ['foreign_power', 'prs', 'آنها غلامان امریکایی ها هستند'],
  ['pakistan_ref', 'eng', 'The intelligence agencies of Pakistan trained them'],
  ['pakistan_ref', 'arb', 'دربتهم أجهزة المخابرات الباكستانية'],
  ['pakistan_ref', 'pus', 'د پاکستان استخباراتي ادارو هغوی وروزل'],
  ['pakistan_ref', 'prs', 'سازمان های استخبارات پاکستان آنها را آموزش دادند'],
  ['taliban_ref', 'eng', 'The Taliban\'s spokesman denied the report'],
  ['taliban_ref', 'arb', 'قال المتحدث باسم الطالبان إن الخبر كاذب'],
  ['taliban_ref', 'pus', 'د طالبانو ویاند دا خبر رد کړ'],
  ['taliban_ref', 'prs', 'سخنگوی طالبان این خبر را رد کرد'],
  ['iskp_ref', 'eng', 'Daesh fighters attacked the checkpoint'],
  ['iskp_ref', 'arb', 'هاجم عناصر داعش الحاجز'],
  ['iskp_ref', 'pus', 'د داعشیانو جنګیالیو پر پوسته برید وکړ'],
  ['iskp_ref', 'prs', 'جنگجویان داعشی به پاسگاه حمله کردند'],
  ['intelligence_service', 'eng', 'The intelligence agencies of Pakistan trained them'],
  ['intelligence_service', 'arb', 'دربتهم أجهزة المخابرات الباكستانية'],
  ['intelligence_service', 'pus', 'د پاکستان استخباراتي ادارو هغوی وروزل'],
  ['intelligence_service', 'prs', 'سازمان های استخبارات پاکستان آنها را آموزش دادند'],
  ['aid_support', 'eng', 'They received funding and weapons from abroad'],
  ['aid_support', 'arb', 'تلقوا التمويل والسلاح من الخارج'],
  ['aid_support', 'pus', 'دوی له بهره پیسې او وسلې ترلاسه کړې'],
  ['aid_support', 'prs', 'آنها از خارج کمک مالی و سلاح دریافت کردند'],
  ['kill_harm', 'eng', 'The group killed worshippers in the mosque'],
  ['kill_harm', 'arb', 'قتلوا المصلين في المسجد'],
  ['kill_harm', 'pus', 'هغوی په جومات کې لمونځ کوونکي ووژل'],
  ['kill_harm', 'prs', 'آنها نمازگزاران را در مسجد کشتند'],
  ['defeat_collapse', 'eng', 'Their cells were dismantled and they collapsed'],
  ['defeat_collapse', 'arb', 'تم تفكيك خلاياهم وانهاروا'],
  ['defeat_collapse', 'pus', 'د هغوی ډلې له منځه ولاړې'],
  ['defeat_collapse', 'prs', 'شبکه های آنها نابود شد و فروپاشیدند'],
  ['shelter_base', 'eng', 'Their leaders live in safe havens across the border'],
  ['shelter_base', 'arb', 'يعيش قادتهم في ملاذات آمنة عبر الحدود'],
  ['shelter_base', 'pus', 'د هغوی مشران د پولې هاخوا په پناهځایونو کې اوسي'],
  ['shelter_base', 'prs', 'رهبران شان در پناهگاه های امن آن سوی مرز زندگی می کنند'],
  ['historical_context', 'eng', 'In the first century of Islam the caliph Ali fought them'],
  ['historical_context', 'arb', 'في القرن الأول للهجرة قاتلهم الخليفة علي'],
  ['historical_context', 'pus', 'په لومړۍ پیړۍ کې خلیفه علي رضی الله عنه ورسره وجنګېد'],
  ['historical_context', 'prs', 'در قرن اول هجری خلیفه علی با آنها جنگید'],
  ['sport_entertainment', 'eng', 'The national cricket team won the match in Doha'],
  ['sport_entertainment', 'arb', 'فاز المنتخب الوطني في المباراة في الدوحة'],
  ['sport_entertainment', 'pus', 'ملي کرکټ ټیم په دوحه کې لوبه وګټله'],
  ['sport_entertainment', 'prs', 'تیم ملی کرکت در دوحه مسابقه را برد'],
  ['security_coop_act', 'eng', 'They coordinate with the Americans and share intelligence'],
  ['security_coop_act', 'arb', 'ينسقون مع الأمريكان ويتبادلون المعلومات الاستخباراتية'],
  ['security_coop_act', 'pus', 'دوی له امریکایانو سره همغږي کوي'],
  ['security_coop_act', 'prs', 'آنها با امریکایی ها هماهنگی می کنند'],
  ['scripture_scholarship', 'eng', 'As the Prophet said in the hadith narrated by Bukhari'],
  ['scripture_scholarship', 'arb', 'كما قال النبي صلى الله عليه وسلم في الحديث الذي رواه البخاري'],
  ['scripture_scholarship', 'pus', 'لکه څنګه چې پیغمبر صلی الله علیه وسلم په حدیث کې فرمایلي'],
  ['scripture_scholarship', 'prs', 'چنانکه پیامبر صلی الله علیه وسلم در حدیث فرموده است'],
  ['trade_economy', 'eng', 'Trade between the two countries and exports of fruit grew'],
  ['trade_economy', 'arb', 'نمت التجارة والصادرات بين البلدين'],
  ['trade_economy', 'pus', 'د دواړو هېوادونو ترمنځ سوداګري او صادرات زیات شول'],
  ['trade_economy', 'prs', 'تجارت و صادرات میان دو کشور افزایش یافت'],
];

describe('shipped concepts on real sentences', () => {
  it.each(CASES)('%s in %s: %s', (concept, lang, text) => {
    expect(compiled.concepts.some((c) => c.id === concept), `no concept ${concept}`).toBe(true);
    expect([...conceptsIn(text, lang)]).toContain(concept);
  });

  it('every language of every row is covered for each concept', () => {
    const langs = new Map<string, Set<string>>();
    for (const [c, l] of CASES) langs.set(c, (langs.get(c) ?? new Set()).add(l));
    for (const [c, l] of langs) expect([...l].sort(), c).toEqual(['arb', 'eng', 'prs', 'pus']);
  });
});

describe('what a concept must not take in', () => {
  it.each<[string, Lang, string, string]>([
    ['hired_paid', 'arb', 'سيتم ذلك لإجراء الفحوصات الطبية', 'لإجراء is "for conducting", not أجراء (hirelings)'],
    ['subordination', 'arb', 'نجح المشروع بيد أن التمويل تأخر', 'بيد أن is "however", not "in the hand of"'],
    ['kill_harm', 'eng', 'The weather in Kabul was cold and rainy', 'everyday news'],
    ['kill_harm', 'arb', 'الطقس في كابل بارد وممطر', 'everyday news'],
    ['kill_harm', 'pus', 'په کابل کې هوا سړه او باراني وه', 'everyday news'],
    ['kill_harm', 'prs', 'هوای کابل سرد و بارانی بود', 'everyday news'],
    ['taliban_ref', 'pus', 'هغه خپل کور ته ولاړ', 'no actor named'],
    ['iskp_ref', 'prs', 'او به خانه اش رفت', 'no actor named'],
  ])('%s not in (%s) %s: %s', (concept, lang, text) => {
    expect([...conceptsIn(text, lang)]).not.toContain(concept);
  });
});
