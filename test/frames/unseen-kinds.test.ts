// Kinds of wording found on real pages the lexicons were never tuned on (a probe of about 260
// sentences from news, analyses and Al-Mirsaad pages, labelled by hand and kept out of the project).
// Each row is a sentence written for this test in the style of those pages; it pins the general rule
// a probe error taught, not the probe sentence:
// - a name's words are not references of their own (the TTP's "Taliban" and "Pakistan", `shadows`);
// - one word alone is not a frame when it also describes (the TTP named, the Deobandi school, the
//   Amir al-Mu'minin title heading routine news, "Wilayat Khurasan" as a plain name);
// - the target decides (ISKP calling others apostates is not apostasy of the Taliban; Pakistan's army
//   calling the TTP khawarij is the TTP dispute, not the ISKP label);
// - history is told with honorifics and "Islamic history", and vetoes the labels of its sentence;
// - "the Khawarij" is today's label only with something of today in the post (ISKP or the Taliban
//   named, Afghanistan, a killing, an operation, "of our time") or on a channel of the Taliban's side.
import { describe, expect, it } from 'vitest';
import { loadTagger } from '../../src/frames/load-tagger.js';
import type { Lang, Side } from '../../src/types.js';

const tagger = loadTagger();

function frames(text: string, lang: Lang, side?: Side): string[] {
  const r = tagger.tag(text, lang, side ? { side } : {});
  for (const f of r.frames) for (const h of f.hits) expect(text.slice(h.start, h.end)).toBe(h.matched);
  return r.frames.map((f) => f.frame);
}

describe('hard negatives: the words are there, the frame is not', () => {
  it.each([
    ['eng', 'Tehrik-e-Taliban Pakistan (TTP) said its fighters attacked a police checkpoint in Bannu.', 'ttp_pakistan_dispute'],
    ['prs', 'تحریک طالبان پاکستان (تی تی پی) مسئولیت حمله بر پاسگاه پولیس را به عهده گرفت.', 'ttp_pakistan_dispute'],
    ['pus', 'تحریک طالبان پاکستان یا ټي ټي پي ویلي چې پر پوځي کاروان یې برید کړی دی.', 'ttp_pakistan_dispute'],
    ['arb', 'قال الجيش الباكستاني إن القتلى من الخوارج التابعين لحركة طالبان باكستان.', 'khawarij'],
    ['pus', 'د حضرت عثمان رضی الله عنه له شهادت وروسته خوارجو د مسلمانانو ترمنځ اختلاف واچاوه.', 'khawarij'],
    ['eng', 'Throughout Islamic history, the Kharijites were remembered as rebels.', 'khawarij'],
    ['prs', 'گروه داعش چند شاعر فلسطینی را مرتد خواند.', 'apostasy'],
    ['eng', 'Most Afghan Taliban clerics are Deobandi.', 'deobandi_sufi_shirk'],
    ['arb', 'وأشار أمير المؤمنين إلى أهمية المعادن لاقتصاد أفغانستان.', 'emirate_legitimacy'],
    ['eng', 'ISKP, which calls itself Wilayat Khurasan, bombed a Taliban checkpoint in Jalalabad.', 'caliphate_claim'],
    ['prs', 'جنگجویان ایغور سال‌هاست که در کنار طالبان می‌جنگند.', 'alliance_with_unbelievers'],
    ['prs', 'رهبر ایران گفت نظام اسلامی نعمت بزرگی برای ملت ایران است', 'emirate_legitimacy'],
  ])('%s: %s is not %s', (lang, text, frame) => {
    expect(frames(text, lang as Lang)).not.toContain(frame);
  });
});

describe('the same frames where the sentence carries them', () => {
  it.each([
    ['eng', "Pakistan's army has started calling the TTP Fitna al-Khawarij.", 'ttp_pakistan_dispute'],
    ['eng', 'Islamabad says TTP fighters shelter in Afghanistan under the Taliban.', 'ttp_pakistan_dispute'],
    // Subject and object side by side are no name: "Pakistan [accuses] the Taliban", "[accused] the Taliban Pakistan".
    ['pus', 'پاکستان طالبان تورنوي چې د ټي ټي پي ملاتړ کوي', 'ttp_pakistan_dispute'],
    ['arb', 'اتهمت باكستان طالبان بإيواء مقاتلي تحريك طالبان باكستان', 'ttp_pakistan_dispute'],
    ['arb', 'قال الجيش الباكستاني إن القتلى من الخوارج التابعين لحركة طالبان باكستان.', 'ttp_pakistan_dispute'],
    ['arb', 'الخوارج الدواعش يقتلون المصلين في المساجد.', 'khawarij'],
    ['prs', 'داعش طالبان را مرتد می‌خواند.', 'apostasy'],
    ['eng', 'ISKP mocks the Taliban for their Deobandi creed.', 'deobandi_sufi_shirk'],
    ['arb', 'طاعة أمير المؤمنين واجبة على كل أفغاني.', 'emirate_legitimacy'],
    ['eng', 'Mujahid said Daesh is not a threat to Afghanistan anymore.', 'iskp_defeated'],
    ['arb', 'تم قمع عصابة داعش في أفغانستان بشكل كامل.', 'iskp_defeated'],
    ['pus', 'د پاکستان لوی ښارونه د داعشي مرکزونو کوربه دي.', 'pakistan_sponsorship_haven'],
    ['eng', 'Mujahid said Daesh has no physical presence in Afghanistan.', 'iskp_defeated'],
    ['arb', 'قال المتحدث إن تنظيم داعش ليس له وجود في أفغانستان', 'iskp_defeated'],
    ['prs', 'علما بیعت خود را با هبتالله آخوندزاده تجدید کردند', 'emirate_legitimacy'],
  ])('%s: %s is %s', (lang, text, frame) => {
    expect(frames(text, lang as Lang)).toContain(frame);
  });
});

describe('the Khawarij: the label of today, not the sect of history', () => {
  it.each([
    ['eng', 'The Kharijites who fled the battle later settled in Basra and Sistan.'],
    ['eng', 'The Kharijites were a restless people, quick to anger.'],
  ])('%s: history told without a word of today is no tag: %s', (lang, text) => {
    expect(frames(text, lang as Lang)).not.toContain('khawarij');
  });

  it.each([
    ['prs', 'نیروهای امنیتی یک عضو کلیدی گروه خوارج را در فراه کشتند.', undefined],
    ['arb', 'الخوارج الدواعش يقتلون المصلين في المساجد.', undefined],
    ['eng', 'The Khawarij deceive our youth with empty propaganda.', 'taliban'],
    ['arb', 'الخوارج يخدعون شبابنا بدعاية فارغة', 'taliban'],
  ])('%s: with something of today, or on a Taliban-side channel, it is: %s', (lang, text, side) => {
    expect(frames(text, lang as Lang, side as Side | undefined)).toContain('khawarij');
  });

  it('the same words without the channel side are not tagged', () => {
    expect(frames('The Khawarij deceive our youth with empty propaganda.', 'eng')).not.toContain('khawarij');
  });
});
