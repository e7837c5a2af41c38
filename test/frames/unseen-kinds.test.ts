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

/** [language, text, frame] rows: each text carries the frame, or (lacks) does not. */
type Row = [Lang, string, string];
function carries(rows: Row[]): void {
  it.each(rows)('%s: %s is %s', (lang, text, frame) => {
    expect(frames(text, lang)).toContain(frame);
  });
}
function lacks(rows: Row[]): void {
  it.each(rows)('%s: %s is not %s', (lang, text, frame) => {
    expect(frames(text, lang)).not.toContain(frame);
  });
}

describe('hard negatives: the words are there, the frame is not', () => {
  lacks([
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
  ]);
});

describe('the same frames where the sentence carries them', () => {
  carries([
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
  ]);
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

// A fifth probe of unseen pages (and the four before it) taught these kinds; again every row is written
// for this test, none is a probe sentence.
describe('ISKP minimised, told without the listed phrases', () => {
  carries([
    ['eng', 'The defence minister said no Daesh fighters exist anywhere in Afghanistan.', 'iskp_defeated'],
    ['prs', 'سخنگوی امارت حضور داعش در ولایت کنر را رد کرد.', 'iskp_defeated'],
    ['eng', 'Mujahid said ISIS-K poses no danger to the neighbouring countries.', 'iskp_defeated'],
    ['pus', 'ویاند وویل چې داعش د سیمې لپاره کومه ستونزه نه ده.', 'iskp_defeated'],
    ['arb', 'قال مجاهد إن وسائل الإعلام الغربية تضخم خطر داعش عمدا.', 'iskp_defeated'],
    ['prs', 'خطر داعش در افغانستان مهار شده است.', 'iskp_defeated'],
  ]);

  lacks([
    // A threat affirmed: "not only ... but", "still".
    ['eng', 'ISKP is not only a threat to Afghanistan but to all of Central Asia.', 'iskp_defeated'],
    // Containing is the aim here, not a claim that it is done.
    ['eng', 'Washington wants the Taliban to contain ISIS-K.', 'iskp_defeated'],
    ['prs', 'امریکا و طالبان برای مهار داعش همکاری می‌کنند.', 'iskp_defeated'],
  ]);
});

describe('sponsors, havens and cooperation told as events', () => {
  carries([
    ['eng', 'With the help of some intelligence agencies, Daesh leaders were moved to Balochistan.', 'foreign_intelligence_project'],
    ['prs', 'داعش پروژه اشغالگران و اداره سابق کابل بود.', 'foreign_intelligence_project'],
    ['arb', 'داعش ولد من رحم المخابرات الغربية.', 'foreign_intelligence_project'],
    ['pus', 'د داعش قوماندانان بلوچستان ته ولېږدول شول.', 'pakistan_sponsorship_haven'],
    ['eng', 'Daesh has set up a new base in Balochistan, the spokesman said.', 'pakistan_sponsorship_haven'],
    ['eng', 'The spokesman said the attacks were planned abroad by ISIS-K cells.', 'foreign_outsider'],
    ['arb', 'لن نسمح لجماعات أجنبية مثل داعش بالعمل في أفغانستان.', 'foreign_outsider'],
    ['arb', 'قال المتحدث: نحن قادرون على مواجهة داعش بمفردنا.', 'counterterrorism_cooperation'],
    ['prs', 'خلیلزاد گفت داعش دشمن مشترک طالبان و جهان است.', 'counterterrorism_cooperation'],
    ['pus', 'امریکا غواړي چې طالبان د داعش پر ضد بریالي شي.', 'counterterrorism_cooperation'],
    ['eng', 'Under the 2020 agreement, the Taliban pledged to keep foreign fighters out.', 'doha_agreement'],
    ['pus', 'د ۲۰۲۰ کال موافقې له مخې طالبانو ژمنه کړې وه.', 'doha_agreement'],
    ['eng', 'ISIS accused the Taliban of being a puppet of Pakistan.', 'puppet_foreign_agent'],
    ['arb', 'طالبان نبتة زرعتها أمريكا في أفغانستان.', 'puppet_foreign_agent'],
    ['arb', 'الدواعش ينشرون الفساد في البلاد.', 'fitna_sedition'],
  ]);
});

describe('the words without the frame (each row was tagged before its guard)', () => {
  lacks([
    // A tool of foreigners names its masters, not foreign members.
    ['prs', 'قاضی طالبان داعش را ابزار دست خارجیان خواند.', 'foreign_outsider'],
    // Mercenaries need ISKP, the Taliban, Afghanistan or Pakistan in the post, not any power.
    ['arb', 'يقاتل المرتزقة في خدمة موسكو مقابل المال.', 'mercenaries'],
    // "The Pakistan Taliban" is the TTP's name: neither the Taliban nor Pakistan.
    ['eng', 'The Pakistan Taliban said Baghdadi has no command over Muslims.', 'pakistan_sponsorship_haven'],
    // Interference in Afghanistan's affairs is not "the TTP is Pakistan's internal problem".
    ['eng', "The Taliban accused Pakistan of interfering in Afghanistan's internal affairs.", 'ttp_pakistan_dispute'],
    // Plural militias are any militias, not the Taliban.
    ['arb', 'اشتبكت ميليشيات موالية للحكومة الباكستانية مع مقاتلي تحريك طالبان باكستان.', 'ttp_pakistan_dispute'],
    // A special envoy is a representative, not a servant.
    ['pus', 'د امریکا ځانګړي استازي له طالبانو سره وکتل.', 'puppet_foreign_agent'],
    // A definition or a jurist's words are scholarship.
    ['eng', 'Takfir is a term denoting the act of declaring another Muslim an unbeliever.', 'takfiri_extremism'],
    ['arb', 'قال ابن تيمية رحمه الله: الطاغوت كل ما عبد من دون الله.', 'taghut_manmade_law'],
    // The Pakistani army's khawarij in Waziristan are the TTP.
    ['eng', 'Security forces killed eleven khawarij in North Waziristan, the army said.', 'khawarij'],
    // Dari شرکای is "partners of", not شرک "polytheism" (the matcher's ـای needs a vowel before it).
    ['prs', 'وزارت صحت با شرکای بین‌المللی و سازمان ملل نشست برگزار کرد.', 'taghut_manmade_law'],
  ]);
});

describe('the Khawarij: a word of today inside a history sentence is not today (ref_not)', () => {
  it('a defeat told with Ali and an honorific does not make the post current', () => {
    expect(frames('الخوارج أقدم فرقة في الإسلام. وقد هزمهم علي بن أبي طالب رضي الله عنه في النهروان.', 'arb')).not.toContain('khawarij');
  });

  it('the same label with a killing told today is tagged', () => {
    expect(frames('الخوارج فرقة ضالة. وقد قتلت قوات الأمن عشرة منهم في ننجرهار.', 'arb')).toContain('khawarij');
  });

  it('a history sentence that also names Daesh still counts (the history concept has exceptions)', () => {
    expect(frames('As the Khawarij once fought Ali ibn Abi Talib, Daesh today fights the Islamic Emirate.', 'eng')).toContain('khawarij');
  });
});

// A sixth probe taught these; the rows are again written for the test.
describe('the target and the identity decide (sixth probe)', () => {
  carries([
    ['eng', 'Daesh has become a convenient instrument for the enemies of Islam.', 'foreign_intelligence_project'],
    ['eng', 'The presence of Daesh in Afghanistan is limited to a small area in the east, the spokesman said.', 'iskp_defeated'],
    ['arb', 'يهاجم داعش طالبان لأنهم ماتريدية قبورية.', 'deobandi_sufi_shirk'],
    ['eng', 'Daesh gunmen killed Muslims at prayer in a Kunduz mosque.', 'takfiri_extremism'],
    ['eng', 'ISKP said the Taliban protect the Rafidah of Iran and the Hazara.', 'rafidah_iran_shia'],
  ]);

  lacks([
    // ISKP's apostates and tawaghit of the former Republic, of Iraq: not the Taliban.
    ['eng', 'The ISKP video called the Afghan National Army soldiers apostates serving the tawaghit.', 'apostasy'],
    ['arb', 'وصف التنظيم جنود الجيش الأفغاني بالمرتدين الذين يخدمون الطواغيت.', 'taghut_manmade_law'],
    ['arb', 'يزعم التنظيم أن الطواغيت في العراق يحكمون بغير ما أنزل الله.', 'taghut_manmade_law'],
    // Keeping an embassy open is not guarding it.
    ['prs', 'تهران با حفظ فعالیت سفارت خود در کابل با طالبان تعامل دارد.', 'counterterrorism_cooperation'],
    // ISKP on Iran alone is not the charge that the Taliban side with the Rafida.
    ['arb', 'وقال التنظيم إن الرافضة في إيران أعداء الدين.', 'rafidah_iran_shia'],
    // "Sunni Muslim" is who the Taliban are, not whom ISKP kills.
    ['eng', 'The Taliban, Sunni Muslim hardliners, targeted Hazaras in the 1990s, and ISIS has since bombed their mosques.', 'takfiri_extremism'],
    // The school named is half a frame; "takfiri" about the Taliban is not about ISKP.
    ['arb', 'تنتمي حركة طالبان إلى المذهب الماتريدي في العقيدة.', 'deobandi_sufi_shirk'],
    ['eng', 'Analysts describe the Taliban as a takfiri movement in the 1990s.', 'takfiri_extremism'],
    // To suppress is an aim; the TTP chief's khawarij are Pakistan's label for the TTP.
    ['eng', "Washington wants to suppress ISIS-K with the Taliban's help.", 'iskp_defeated'],
    ['eng', "Noor Wali Mehsud's khawarij attacked a checkpoint, the army said.", 'khawarij'],
  ]);
});

// A seventh probe taught these.
describe('names, denials and definitions (seventh probe)', () => {
  carries([
    // A Haqqani named is the Taliban named: the khawarij who killed him are of today.
    ['arb', 'قال: استشهد حقاني على يد الخوارج الذين يكفرون المسلمين.', 'khawarij'],
    // Pakistan's internal matter, while Afghanistan keeps out of others' affairs.
    ['prs', 'مجاهد گفت این مسئله یک موضوع داخلی پاکستان است و افغانستان در امور داخلی کشورهای دیگر دخالت نمی‌کند.', 'ttp_pakistan_dispute'],
    ['prs', 'طالبان گفتند هرگونه همکاری با القاعده مردود است.', 'aq_presence_denial'],
    ['pus', 'وزارت وايي چې ختیځ ولایتونه به ډېر ژر له داعش څخه پاک شي.', 'iskp_defeated'],
    ['eng', 'Mullah Omar rejected the idea that ISKP is present in Afghanistan.', 'iskp_defeated'],
  ]);

  lacks([
    // "Central" (مرکزی) is not a centre, and "disbelief in taghut" is the creed's own phrase.
    ['prs', 'مقام روسی گفت داعشی‌ها در آسیای مرکزی و پاکستان فعال هستند.', 'pakistan_sponsorship_haven'],
    ['arb', 'ومعنى الكفر بالطاغوت البراءة من عبادة غير الله.', 'taghut_manmade_law'],
  ]);
});

// An eighth probe taught these.
describe('other deals and other mercenaries (eighth probe)', () => {
  lacks([
    // Qatar's gas contracts signed in Doha are trade (tagged before qatar_other_deals learnt gas).
    ['arb', 'وقع الوزير القطري في الدوحة اتفاقية لبيع الغاز الطبيعي المسال لشركة صينية.', 'doha_agreement'],
    // The insurgency-era Taliban called the Republic's forces America's mercenaries (republic_forces).
    ['prs', 'مردم در تظاهرات علیه اشغالگران و رژیم کابل شعار مرگ بر مزدوران امریکا سر دادند.', 'mercenaries'],
  ]);

  it('Daesh called America\'s mercenaries is still the frame', () => {
    expect(frames('مجاهدین امارت اسلامی داعش را مزدوران امریکا خواندند.', 'prs')).toContain('mercenaries');
  });
});

describe('sweeping claims, accusations of unbelief, formed by intelligence (eighth probe)', () => {
  carries([
    // A raid report does not minimise ISKP, a sweeping claim about the operations does.
    ['eng', "The spokesman said the Daesh threat had been greatly diminished by the Emirate's operations.", 'iskp_defeated'],
    ['arb', 'كرر التنظيم اتهام طالبان بالكفر لأنها فتحت السفارات.', 'apostasy'],
    ['prs', 'طالبان می‌گویند جنگجویان القاعده در افغانستان نیستند.', 'aq_presence_denial'],
    ['arb', 'قال البيان إن هذين التنظيمين شكلتهما أجهزة الاستخبارات الأجنبية.', 'foreign_intelligence_project'],
  ]);

  lacks([
    ['eng', 'Security forces killed three Daesh members in a raid that dismantled their cell in Kabul.', 'iskp_defeated'],
    // بشكل خاص is "especially", not شكل "formed".
    ['arb', 'نجح تنظيم داعش بشكل خاص في التجنيد من طاجيكستان.', 'foreign_intelligence_project'],
  ]);
});
