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
    ['prs', 'علمای ولایات با هبت‌الله آخوندزاده دوباره بیعت کردند', 'emirate_legitimacy'],
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
    ['eng', 'Daesh commanders were relocated to Balochistan with the help of certain intelligence services.', 'foreign_intelligence_project'],
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
    ['eng', "IS media accused the Taliban of acting as Pakistan's puppet.", 'puppet_foreign_agent'],
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
    ['eng', "The spokesman said Daesh now holds only a small corner of the country's east.", 'iskp_defeated'],
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
    ['prs', 'مجاهد افزود که این مشکل داخلی خود پاکستان است و امارت اسلامی در امور داخلی دیگران دخالت ندارد.', 'ttp_pakistan_dispute'],
    ['prs', 'طالبان گفتند هرگونه همکاری با القاعده مردود است.', 'aq_presence_denial'],
    ['pus', 'وزارت وايي چې ختیځ ولایتونه به ډېر ژر له داعش څخه پاک شي.', 'iskp_defeated'],
    ['eng', 'Mullah Omar rejected the idea that ISKP is present in Afghanistan.', 'iskp_defeated'],
  ]);

  lacks([
    // "Central" (مرکزی) is not a centre, and "disbelief in taghut" is the creed's own phrase.
    ['prs', 'مقام روسی گفت داعشی‌ها در آسیای مرکزی و پاکستان فعال هستند.', 'pakistan_sponsorship_haven'],
    ['arb', 'ومعنى الكفر بالطاغوت أن يتبرأ المسلم من عبادة ما سوى الله.', 'taghut_manmade_law'],
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

describe('whom the word is aimed at, false friends of stems and suffixes, sermons without the Emirate (ninth probe)', () => {
  // Each "is not" row was tagged by the lexicons and engine before this change (commit aeb8e7b).
  lacks([
    // an agent noun is not its verb or its adjective: "believers" is not "believed", "outsiders" not "outside"
    ['eng', 'Many Taliban fighters are believed to have joined ISIS, which they see as more brutal.', 'takfiri_extremism'],
    ['eng', 'The Taliban spokesman said the bases of ISIS are outside the country and its money is foreign.', 'foreign_outsider'],
    // the nearest party named is another one (target_not)
    ['eng', 'During the clashes in Herat the Taliban faced a militia that regards Shias as apostates.', 'apostasy'],
    ['arb', 'واشتبكت طالبان مع جماعة متشددة ترى الشيعة مرتدين في ولاية هرات.', 'apostasy'],
    ['prs', 'طالبان با گروهی درگیر شدند که شیعیان را مرتدین می‌دانند.', 'apostasy'],
    ['pus', 'طالبانو د هغې ډلې پر ضد عملیات وکړ چې شیعه مرتدین بولي.', 'apostasy'],
    // aftershocks (هزات ارتدادية) are no apostasy, as a term or as a rule's part
    ['arb', 'قال المتحدث باسم طالبان إن المنطقة شهدت هزات ارتدادية عنيفة بعد الزلزال.', 'apostasy'],
    // a sermon on obeying "those in authority" with neither the Emirate nor Afghanistan in view
    ['arb', 'أيها المسلمون، أطيعوا الله وأطيعوا الرسول وأولي الأمر منكم، فإن الطاعة لولي الأمر سبب لوحدة الصف.', 'emirate_legitimacy'],
    ['prs', 'ای مسلمانان، از الله و رسول و اولی الامر اطاعت کنید تا وحدت امت حفظ شود.', 'emirate_legitimacy'],
    // the title named as a title is described, not bestowed
    ['eng', "Afghanistan's rulers use the title Amir al-Mu'minin (Commander of the Faithful) for their leader.", 'emirate_legitimacy'],
    ['arb', 'أعلنت الحركة أنها أسقطت لقب أمير المؤمنين عن الملا هبة الله أخوندزاده في بياناتها الأخيرة.', 'emirate_legitimacy'],
    // Pakistan's "Khawarij" are the TTP: India behind them, or their fitna, is not the frame about ISKP
    ['eng', "Pakistan's army said the Fitna al-Khawarij leadership in North Waziristan is funded and directed by Indian intelligence.", 'foreign_intelligence_project'],
    ['pus', 'پاکستاني پوځ وايي چې د تحریک طالبان پاکستان خوارج د هند د استخباراتو په ملاتړ پر وزیرستان بریدونه کوي.', 'foreign_intelligence_project'],
    ['prs', 'ارتش پاکستان گفت که اعضای تحریک طالبان پاکستان موسوم به فتنه خوارج در وزیرستان فتنه و فساد برپا کرده‌اند.', 'fitna_sedition'],
    // the Taliban called the foreigners' tool: ISKP's charge, not ISKP called foreign (target_not)
    ['prs', 'داعش می‌گوید طالبان ابزار دست بیگانگان هستند.', 'foreign_intelligence_project'],
    ['prs', 'داعش می‌گوید طالبان ابزار دست بیگانگان هستند.', 'foreign_outsider'],
  ]);
  carries([
    ['eng', 'ISIS murders believers in their mosques.', 'takfiri_extremism'],
    ['eng', 'ISKP calls the Taliban apostates and the Shias unbelievers.', 'apostasy'],
    ['arb', 'يصف تنظيم داعش حركة طالبان المرتدة بأنها عميلة لأمريكا.', 'apostasy'],
    ['arb', 'أيها المسلمون، أطيعوا أمير المؤمنين هبة الله وأولي الأمر في الإمارة الإسلامية.', 'emirate_legitimacy'],
    // the title bestowed on the Emirate's leader, honorifics between title and name (untagged before)
    ['arb', 'كلمة سماحة أمير المؤمنين شيخ الحديث المولوي هبة الله آخندزاده حفظه الله بمناسبة بدء العام الدراسي', 'emirate_legitimacy'],
    ['eng', "A message from His Highness Amir al-Mu'minin, Sheikh of Hadith, Mawlawi Hibatullah Akhundzada, on the new school year", 'emirate_legitimacy'],
    ['eng', 'Al-Mirsaad wrote that the Khawarij of Daesh are a project of American intelligence.', 'foreign_intelligence_project'],
    // subordination to foreign powers left unnamed, or told as orders and influence (untagged before)
    ['eng', 'An ISKP video claimed the Taliban act at the orders of foreign powers.', 'puppet_foreign_agent'],
    ['arb', 'قال قيادي في داعش إن طالبان وقعت تحت نفوذ القوى الأجنبية.', 'puppet_foreign_agent'],
    ['pus', 'داعش وايي چې طالبان د بهرنیانو غلامان دي.', 'puppet_foreign_agent'],
    ['prs', 'داعش می‌گوید طالبان ابزار دست بیگانگان هستند.', 'puppet_foreign_agent'],
  ]);
});

describe('foreign countries named without any subordination', () => {
  lacks([
    ['eng', "The Taliban said foreign countries should invest in Afghanistan's mines.", 'puppet_foreign_agent'],
    ['arb', 'دعت طالبان الدول الأجنبية إلى الاستثمار في أفغانستان.', 'puppet_foreign_agent'],
    ['prs', 'طالبان از کشورهای خارجی خواستند در افغانستان سرمایه‌گذاری کنند.', 'puppet_foreign_agent'],
    ['pus', 'طالبانو له بهرنیو هېوادونو وغوښتل چې په افغانستان کې پانګونه وکړي.', 'puppet_foreign_agent'],
  ]);
});

describe('law, demands, recognition, wages and theology are not the frames; orders, origins and sweeping claims are (tenth probe)', () => {
  // Each "is not" row was tagged by the lexicons of commit aeb8e7b; each "is" row was not.
  lacks([
    // "sedition" is also a charge of Indian and Pakistani law: it needs ISKP in the post, like "fitna"
    ['eng', 'The court in Lahore heard a sedition case under the colonial-era sedition statute against the journalist.', 'fitna_sedition'],
    ['eng', 'The Supreme Court said the sedition statute should be reviewed.', 'fitna_sedition'],
    // others demanding the assurance of the Taliban is not the Taliban giving it
    ['eng', 'Regional envoys urged the Taliban to make sure that Afghan soil is never used to threaten any country.', 'aq_presence_denial'],
    // a state recognising the Emirate, told as a fact
    ['arb', 'اعترفت الصين بالإمارة الإسلامية حكومة شرعية لأفغانستان.', 'emirate_legitimacy'],
    // Dari مزدور is also a day labourer
    ['prs', 'در شهر کابل کارگران و مزدوران خارجی از پاکستان مزد کمتری می‌گیرند و کارگران ما بیکار مانده‌اند.', 'mercenaries'],
    // the theological school described
    ['eng', 'In Central Asia the Maturidi school of theology is followed by most Hanafi Muslims.', 'deobandi_sufi_shirk'],
    // another country's "taghut"
    ['arb', 'قال التنظيم إن الطاغوت الجديد في إشارة إلى الرئيس السوري لن ينال رضا الغرب.', 'taghut_manmade_law'],
    // Bajaur (باجور) is no ب + الأجور "wages"
    ['arb', 'قال البيان إن القيادي ينحدر من منطقة باجور في باكستان وكان قائدا في تنظيم داعش.', 'mercenaries'],
  ]);
  carries([
    ['eng', 'Al-Mirsaad said the Daesh khawarij spread sedition among Muslims.', 'fitna_sedition'],
    ['eng', 'The Taliban spokesman said Afghan territory will never be used to threaten any country.', 'aq_presence_denial'],
    ['prs', 'ذبیح الله مجاهد گفت که داعش از مزدوران خارجی تشکیل شده است.', 'mercenaries'],
    ["eng", "The so-called ISIS-K, in every part of the country, has been hunted down and eliminated by the Emirate's forces.", 'iskp_defeated'],
    ['eng', 'Officials in Kabul claim that IS-K fighters act by order of Pakistani intelligence.', 'foreign_intelligence_project'],
    ['eng', 'Officials in Kabul claim that IS-K fighters act by order of Pakistani intelligence.', 'pakistan_sponsorship_haven'],
    ['arb', 'قال البيان إن القيادي ينحدر من منطقة باجور في باكستان وكان قائدا في تنظيم داعش.', 'foreign_outsider'],
    ['arb', 'وقال المتحدث إن كثيرا من عناصر داعش مواطنون باكستانيون.', 'foreign_outsider'],
  ]);
});

describe("other states' raids, dates, minimising, numbers and hands (eleventh probe)", () => {
  // Each "is not" row was tagged by the lexicons and engine of commit aeb8e7b; each "is" row was not.
  lacks([
    // Pakistan's police and army killing IS members is a raid report, not the Taliban's claim that ISKP is beaten
    ['arb', 'أعلنت الشرطة الباكستانية القضاء على سبعة عناصر من تنظيم داعش في اشتباكات بإقليم خيبر بختونخوا.', 'iskp_defeated'],
    ['eng', 'Pakistani security forces eliminated the regional ISIS commander in Balochistan, officials said.', 'iskp_defeated'],
    // "a commander" is not "command" (an agent noun is not its verb)
    ['eng', 'Pakistani security forces eliminated the regional ISIS commander in Balochistan, officials said.', 'pakistan_sponsorship_haven'],
    // the US withdrawal as a date, not the US fighting beside the Taliban
    ['arb', 'تخوض حكومة طالبان مواجهات ضد داعش منذ الانسحاب الأمريكي من أفغانستان.', 'counterterrorism_cooperation'],
  ]);
  carries([
    ['eng', "Analysts say Kabul's rulers downplay the danger posed by ISIS, calling the group a minor nuisance.", 'iskp_defeated'],
    ['prs', 'سخنگوی طالبان گفت شمار جنگجویان داعش در کشور به کمتر از صد نفر رسیده است.', 'iskp_defeated'],
    ['arb', 'وصف المسؤول داعش بأنها عصابة في أيدي الاستخبارات.', 'foreign_intelligence_project'],
    ['arb', 'كتب الموقع أن القوى الدولية أنشأت مشروع داعش لتشويه سمعة الجهاد.', 'foreign_intelligence_project'],
    // a province names Afghanistan too
    ['prs', 'معاون صدراعظم در دیدار با علمای بدخشان گفت حفاظت از این نظام وظیفه همه مسلمانان است.', 'emirate_legitimacy'],
  ]);
  it('a sermon on obeying those in authority is the frame on a channel of the Taliban side', () => {
    const text = 'أيها المسلمون، أطيعوا الله وأطيعوا الرسول وأولي الأمر منكم، فإن الطاعة لولي الأمر سبب لوحدة الصف.';
    expect(frames(text, 'arb')).not.toContain('emirate_legitimacy');
    expect(frames(text, 'arb', 'taliban')).toContain('emirate_legitimacy');
  });
});

describe('strikes told without the TTP, recognition, and Assad\'s Afghan mercenaries (twelfth probe)', () => {
  // Each "is not" row was tagged by the lexicons and engine of commit aeb8e7b; the "is" row still is.
  lacks([
    // a Pakistani strike reported without the TTP or the Waziristani refugees it is said to target
    ['pus', 'سیمه ییزې سرچینې وایي چې پاکستاني جټ الوتکو پرون شپه د خوست ولایت په ځینو سیمو هوايي بریدونه وکړل.', 'ttp_pakistan_dispute'],
    ['arb', 'قتل قيادي في حركة طالبان بغارة باكستانية استهدفت ولاية كونار الأفغانية.', 'ttp_pakistan_dispute'],
    // recognition and diplomatic rapprochement reported as news
    ['arb', 'أعلنت الصين اعترافها بحكومة حركة طالبان في خطوة تعكس تقارب بكين الدبلوماسي مع كابل.', 'alliance_with_unbelievers'],
    // Iran's intelligence recruiting Afghans for Assad's army: another war, and the Taliban called mercenaries
    ['arb', 'كشف تقرير عن قيام مخابرات النظام الإيراني بتجنيد مرتزقة أفغان للقتال في صفوف جيش بشار الأسد. وقال التقرير إن المرتزقة هم من طالبان.', 'puppet_foreign_agent'],
    // (tagged only by an intermediate state of this round, once the puppet tag had gone: target_not)
    ['arb', 'كشف تقرير عن قيام مخابرات النظام الإيراني بتجنيد مرتزقة أفغان للقتال في صفوف جيش بشار الأسد. وقال التقرير إن المرتزقة هم من طالبان.', 'mercenaries'],
  ]);
  lacks([
    // Pashto وسله واله ډله is "an armed group", not weapons given to it
    ['pus', 'د داعش وسله واله ډله اوس په یوه نړیواله ستونزه بدله شوې او جنګیالي یې له پاکستان څخه دي.', 'pakistan_sponsorship_haven'],
    // polio (پوليو) is no پول "money" (thirteenth probe)
    ['pus', 'د طالبانو دغه ډله وايي چې د پوليو کمپاين له لارې د امريکا لپاره جاسوسي کېږي.', 'mercenaries'],
  ]);
  carries([
    ['eng', 'ISKP says the Taliban are allies of Russia and China and friends of the unbelievers.', 'alliance_with_unbelievers'],
    // neighbours sponsoring ISKP: the catalogue files it under foreign_outsider (untagged before)
    ['eng', 'Muttaqi said one neighbouring country funds Daesh and another gives its fighters passage.', 'foreign_outsider'],
    ['arb', 'قال المتحدث إن دول الجوار تقدم الدعم لداعش في أفغانستان.', 'foreign_outsider'],
    // collusion is backing (untagged before)
    ['eng', 'A former president accused Washington of colluding with ISIS-K fighters in the east.', 'foreign_intelligence_project'],
  ]);
});

describe('apostasy law, "declined to", a province, al-Qaeda\'s pledge, demands and Libya (fourteenth probe)', () => {
  // Each row was tagged by the lexicons of commit 93447bc.
  lacks([
    // apostasy as a legal or human-rights matter, not ISKP's takfir of the Taliban
    ['eng', 'A 2019 survey lists Afghanistan among the countries where apostasy is punishable by death.', 'apostasy'],
    ['arb', 'يعاقب القانون على الردة بالإعدام في عدة دول بينها أفغانستان، بحسب تقرير عن الحرية الدينية.', 'apostasy'],
    // "declined to comment" is no decline of ISKP
    ['eng', 'Taliban officials declined to comment on the ISIS claim of the attack in Kunduz.', 'iskp_defeated'],
    // الولاية (the province) is no الولاء (loyalty) once the hamza is folded
    ['arb', 'قالت حركة طالبان إن حاكم الولاية الحدودية مع الصين زار كابل.', 'alliance_with_unbelievers'],
    // al-Qaeda renewing its pledge to the Taliban leader is news of the alliance, not a legitimacy claim
    ['eng', "A UN monitoring team said al-Qaeda's leader had renewed his allegiance to Hibatullah Akhundzada.", 'emirate_legitimacy'],
    // others asking the Taliban to give terrorists no haven are not the Taliban denying one
    ['pus', 'نړیوالو سازمانونو له طالبانو وغوښتل چې ترهګرو ته پټنځای ور نه کړي.', 'aq_presence_denial'],
    // foreign mercenaries in Libya belong to another war
    ['arb', 'قال الجيش الليبي إن سلاح الجو نفذ غارات على مرتزقة أجانب قرب سرت.', 'foreign_outsider'],
  ]);
  carries([
    // the TTP's pledge to the Taliban's Amir still counts: only al-Qaeda by name is news of the alliance
    ['eng', "The TTP chief said his men's allegiance is to the Amir al-Mu'minin of the Taliban in Kandahar.", 'emirate_legitimacy'],
  ]);
});

describe('west as a compass point, a title named as such, "to anyone" in Pashto (fifteenth probe)', () => {
  // Each "is not" row was tagged by the lexicons of commit 2d70d9d; the "is" rows show what still counts.
  lacks([
    // غرب / western as a direction or a region, not the West as a power (compass_west shadows western_power)
    ['arb', 'قال مسؤول إن داعش أنشأ معسكرا غرب كابل بدعم من جهات مجهولة.', 'foreign_intelligence_project'],
    ['prs', 'مقامات می‌گویند داعش با حمایت گروه‌های محلی در غرب کابل پایگاه ساخته است.', 'foreign_intelligence_project'],
    ['eng', 'Officials said ISIS-K set up a cell in western Kabul with support from local smugglers.', 'foreign_intelligence_project'],
    ['arb', 'قررت المجموعة الاقتصادية لدول غرب إفريقيا إنشاء قوة إقليمية جديدة.', 'foreign_intelligence_project'],
    // the title named as a title is described, not bestowed
    ['eng', "In the audio, Akhundzada, referred to as Amir al-Mu'minin by the Taliban, speaks about prayer.", 'emirate_legitimacy'],
  ]);
  carries([
    // the West as a power still counts
    ['arb', 'قال مسؤول في الإمارة إن داعش أنشئ بدعم من الغرب لتشويه صورة الجهاد.', 'foreign_intelligence_project'],
    // Pashto چاته "to anyone" (untagged by 2d70d9d)
    ['pus', 'د طالبانو ویاند وویل چې د افغانستان له خاورې به چاته ګواښ نه پېښېږي.', 'aq_presence_denial'],
  ]);
});

describe('spellings that dodge moderation, foreign groups, help refused, "is no more" (sixteenth probe)', () => {
  // Each row was untagged by the lexicons of commit c80541e.
  carries([
    // د1عش (a digit for the alif) and Pashto د written onto داعش; both also occur in earlier probes
    ['arb', 'قالت مصادر محلية إن مقاتلي د1عش انسحبوا من القرية.', 'daesh_label'],
    ['pus', 'ولسوال وویل چې دداعش جنګیالي له سیمې وتښتېدل.', 'daesh_label'],
    // "foreign groups" are the militants whose presence the Taliban deny
    ['eng', 'The Taliban spokesman denied that foreign groups are present in Afghanistan.', 'aq_presence_denial'],
    // taking ISKP on without anyone's help
    ['eng', 'The Taliban commander said they would beat Daesh without the help of any foreign army.', 'counterterrorism_cooperation'],
    ['eng', 'A Taliban governor told elders that ISIS-K is no more in his province.', 'iskp_defeated'],
  ]);
});

describe('other faiths killed, the first Khawarij with Ali\'s honorific, a title "they call him" (seventeenth probe)', () => {
  // Each "is not" row was tagged by the lexicons of commit 47de3a3; the "is" row still is.
  lacks([
    // Sikh and Hindu worshippers killed are no Muslims killed (takfiri_extremism's victims)
    ['eng', "ISKP gunmen killed the worshippers at a Sikh temple in Kabul, the group's statement said.", 'takfiri_extremism'],
    ['eng', 'The ISIS-K attackers killed Hindu worshippers gathered for a festival in Jalalabad.', 'takfiri_extremism'],
    // the first Khawarij, with Ali named as "علي عليه السلام"
    ['arb', 'وقد بايع الخوارج عبد الله بن وهب الراسبي وقتلوا عاملا لعلي عليه السلام في النهر.', 'khawarij'],
    // a title someone is called by is described, not bestowed
    ['arb', 'كان أنصار الملا محمد عمر يطلقون عليه أمير المؤمنين في قندهار.', 'emirate_legitimacy'],
  ]);
  carries([['eng', 'ISKP gunmen killed Muslim worshippers at a mosque in Kunduz, the Taliban said.', 'takfiri_extremism']]);
});
