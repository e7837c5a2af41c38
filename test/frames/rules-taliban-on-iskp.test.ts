// Rules, concepts and vetoes of lexicons/taliban-on-iskp.yaml (issue 11), on the project lexicons.
// Every sentence here was written for this file: channel-post and news style, in the four languages.
// A rule case checks that the named rule fired (so it fails when the rule or one of its concepts goes);
// a hard negative is silent with the lexicon AND was checked to fire once its blocking concept is
// emptied, so it fails when that veto / `not` goes ("news" rows: ordinary attack reports, silent by
// the split of victims into Muslims / scholars / the innocent and civilians needing an atrocity word).
import { describe, expect, it } from 'vitest';
import { loadTagger } from '../../src/frames/load-tagger.js';
import type { Lang, TagResult } from '../../src/types.js';

const tagger = loadTagger();

function tag(text: string, lang: Lang): TagResult {
  const r = tagger.tag(text, lang);
  for (const f of r.frames) for (const h of f.hits) expect(text.slice(h.start, h.end)).toBe(h.matched);
  return r;
}
const framesOf = (text: string, lang: Lang): string[] => tag(text, lang).frames.map((f) => f.frame);
const rulesOf = (text: string, lang: Lang, frame: string): string[] => [
  ...new Set((tag(text, lang).frames.find((f) => f.frame === frame)?.hits ?? []).flatMap((h) => (h.rule ? [h.rule] : []))),
];

// [frame, rule, lang, text]: the rule fires on a paraphrase or an event it was written for.
const RULES: [string, string, Lang, string][] = [
  ["khawarij", "khawarij_then_and_now", "eng", "Just as the Kharijites of Nahrawan fought Ali, ISKP today wages war on the Islamic Emirate."],
  ["khawarij", "khawarij_then_and_now", "arb", "كما خرج الخوارج على علي بن أبي طالب، يخرج داعش اليوم على الإمارة الإسلامية."],
  ["khawarij", "khawarij_then_and_now", "prs", "همان‌گونه که خوارج در نهروان با حضرت علی جنگیدند، داعش امروز با امارت اسلامی می‌جنگد."],
  ["khawarij", "khawarij_then_and_now", "pus", "لکه څنګه چې خوارجو د حضرت علي پر ضد توره پورته کړه، داعش هم نن د اسلامي امارت پر ضد جګړه کوي."],
  ["khawarij", "khawarij_of_today", "eng", "The Khawarij of our time follow the footsteps of those who killed Caliph Ali."],
  ["khawarij", "khawarij_of_today", "arb", "خوارج العصر يسيرون على نهج من قتلوا الخليفة الرابع."],
  ["khawarij", "khawarij_of_today", "prs", "خوارج امروز راه قاتلان حضرت علی را می‌روند."],
  ["khawarij", "khawarij_of_today", "pus", "د اوسني عصر خوارج د حضرت علي د قاتلانو لاره تعقیبوي."],
  ["fitna_sedition", "iskp_sedition", "eng", "This misguided group spreads sedition and discord among the believers."],
  ["fitna_sedition", "iskp_sedition", "arb", "هذه الجماعة لم تجلب للأمة إلا الفتن والتفريق بين المسلمين."],
  ["fitna_sedition", "iskp_sedition", "prs", "این گروهک جز تفرقه و فتنه چیزی برای مسلمانان نیاورده است."],
  ["fitna_sedition", "iskp_sedition", "pus", "دا ډله د مسلمانانو ترمنځ فتنه او بغاوت خپروي."],
  ["takfiri_extremism", "kills_muslims", "eng", "Daesh gunmen murdered worshippers and religious scholars in Kunduz."],
  ["takfiri_extremism", "kills_muslims", "arb", "قتل الدواعش عشرات المصلين والعلماء في قندوز."],
  ["takfiri_extremism", "kills_muslims", "prs", "داعشیان ده‌ها نمازگزار و عالم دین را در قندوز به قتل رساندند."],
  ["takfiri_extremism", "kills_muslims", "pus", "داعشیانو په کندز کې لسګونه لمونځ کوونکي او دیني عالمان ووژل."],
  ["takfiri_extremism", "kills_muslims_nearby", "eng", "The Khawarij arrived in the district last spring. Within a week they had murdered three scholars and a dozen civilians."],
  ["takfiri_extremism", "kills_muslims_nearby", "arb", "وصل الخوارج إلى المديرية في الربيع الماضي. وخلال أسبوع قتلوا ثلاثة من العلماء وعشرات المدنيين."],
  ["takfiri_extremism", "kills_muslims_nearby", "prs", "خوارج بهار گذشته به این ولسوالی آمدند. در یک هفته سه عالم دین و ده‌ها نمازگزار را کشتند."],
  ["takfiri_extremism", "kills_muslims_nearby", "pus", "خوارج تېر پسرلي دې ولسوالۍ ته راغلل. په یوه اونۍ کې یې درې عالمان او لسګونه ملکي وګړي ووژل."],
  ["takfiri_extremism", "declares_muslims_unbelievers", "eng", "They brand ordinary Muslims as unbelievers for greeting their neighbours."],
  ["takfiri_extremism", "declares_muslims_unbelievers", "arb", "يعتبرون المسلمين كفارا لأنهم لم يبايعوا خليفتهم."],
  ["takfiri_extremism", "muslims_declared_unbelievers", "prs", "آنان مسلمانان عادی را کافر می‌دانند و خونشان را مباح می‌شمارند."],
  ["takfiri_extremism", "muslims_declared_unbelievers", "pus", "هغوی عام مسلمانان کافران ګڼي او وینه یې حلاله بولي."],
  ["takfiri_extremism", "takfir_of_muslims", "eng", "Their creed rests on takfir of every Muslim who disagrees with them."],
  ["takfiri_extremism", "takfir_of_muslims", "arb", "يقوم منهجهم على تكفير عامة المسلمين."],
  ["takfiri_extremism", "takfir_of_muslims", "prs", "اساس عقیده آنان تکفیر مسلمانان است."],
  ["takfiri_extremism", "takfir_of_muslims", "pus", "د دوی عقیده د مسلمانانو په تکفیر ولاړه ده."],
  ["foreign_intelligence_project", "tool_of_power", "eng", "Daesh has become the obedient servant of the enemies of Islam."],
  ["foreign_intelligence_project", "tool_of_power", "arb", "أصبح الدواعش أداة طيعة بيد أعداء الإسلام."],
  ["foreign_intelligence_project", "tool_of_power", "prs", "داعش به ابزاری در دست دشمنان اسلام تبدیل شده است."],
  ["foreign_intelligence_project", "tool_of_power", "pus", "داعش د اسلام د دښمنانو په لاس کې یوه وسیله ده."],
  ["foreign_intelligence_project", "tool_of_intelligence", "eng", "ISKP has been, knowingly or not, a tool of foreign intelligence agencies against the Emirate."],
  ["foreign_intelligence_project", "tool_of_intelligence", "arb", "الخوارج مجرد أداة بيد أجهزة الاستخبارات لضرب الإمارة الإسلامية."],
  ["foreign_intelligence_project", "tool_of_intelligence", "prs", "داعش ابزاری در دست استخبارات بیگانه برای ضربه زدن به امارت اسلامی است."],
  ["foreign_intelligence_project", "tool_of_intelligence", "pus", "داعش د بهرنیو استخباراتو وسیله ده چې د اسلامي امارت پر ضد کارول کېږي."],
  ["foreign_intelligence_project", "backed_by_power", "eng", "Foreign spy agencies fund and arm ISKP to destabilise Afghanistan."],
  ["foreign_intelligence_project", "backed_by_power", "arb", "تمول الاستخبارات الأجنبية الخوارج لضرب استقرار أفغانستان."],
  ["foreign_intelligence_project", "backed_by_power", "prs", "آمریکا از داعش حمایت می‌کند تا افغانستان را بی‌ثبات کند."],
  ["foreign_intelligence_project", "backed_by_power", "pus", "د داعش تر شا د امریکا او اسرائیلو استخبارات ولاړ دي."],
  ["foreign_intelligence_project", "project_of_power", "eng", "ISKP is a creation of Washington meant to tarnish the image of Islam."],
  ["foreign_intelligence_project", "project_of_power", "arb", "داعش صنيعة أمريكية لتشويه صورة الإسلام."],
  ["foreign_intelligence_project", "project_of_power", "prs", "داعش ساخته و پرداخته غرب برای بدنام کردن اسلام است."],
  ["foreign_intelligence_project", "project_of_power", "pus", "داعش د لویدیځ پروژه ده چې د اسلام څېره بدنامه کړي."],
  ["foreign_intelligence_project", "asks_foreign_help", "eng", "Daesh leaders begged foreign intelligence services for money and weapons."],
  ["foreign_intelligence_project", "asks_foreign_help", "arb", "طلب الدواعش من أجهزة المخابرات الأجنبية المال والسلاح."],
  ["foreign_intelligence_project", "asks_foreign_help", "prs", "سران داعش از سازمان‌های اطلاعاتی خارجی درخواست پول و سلاح کرده‌اند."],
  ["foreign_intelligence_project", "asks_foreign_help", "pus", "د داعش مشرانو له بهرنیو استخباراتو څخه د پیسو او وسلو غوښتنه کړې ده."],
  ["foreign_intelligence_project", "used_by_power", "eng", "Washington is using Daesh to keep the region unstable."],
  ["foreign_intelligence_project", "used_by_power_vso", "arb", "تستخدم واشنطن داعش لزعزعة استقرار المنطقة."],
  ["foreign_intelligence_project", "used_by_power_sov", "prs", "آمریکا از داعش برای بی‌ثباتی منطقه استفاده می‌کند."],
  ["foreign_intelligence_project", "used_by_power_sov", "pus", "امریکا له داعش څخه د سیمې د ناامنه کولو لپاره کار اخلي."],
  ["foreign_intelligence_project", "rescued_by_power", "eng", "US helicopters rescued besieged Daesh fighters in Jowzjan."],
  ["foreign_intelligence_project", "rescued_by_power", "arb", "أنقذت مروحيات أمريكية عناصر داعش المحاصرين في جوزجان."],
  ["foreign_intelligence_project", "rescued_by_power", "prs", "هلیکوپترهای آمریکایی جنگجویان محاصره‌شده داعش را در جوزجان نجات دادند."],
  ["foreign_intelligence_project", "rescued_by_power", "pus", "امریکایي هلیکوپترونو په جوزجان کې د داعش محاصره شوي جنګیالي وژغورل."],
  ["pakistan_sponsorship_haven", "haven_in_pakistan", "eng", "ISKP's leaders are hiding in Pakistan's tribal areas under ISI protection."],
  ["pakistan_sponsorship_haven", "haven_in_pakistan", "arb", "يتلقى عناصر داعش التدريب في معسكرات داخل باكستان."],
  ["pakistan_sponsorship_haven", "haven_in_pakistan", "prs", "رهبران داعش در مخفیگاه‌هایی در خاک پاکستان زندگی می‌کنند."],
  ["pakistan_sponsorship_haven", "haven_in_pakistan", "pus", "د داعش مشران په پاکستان کې پټ دي او هلته روزنیز کمپونه لري."],
  ["pakistan_sponsorship_haven", "used_by_pakistan", "eng", "Islamabad is using Daesh as a proxy to destabilise Kabul."],
  ["pakistan_sponsorship_haven", "used_by_pakistan_vso", "arb", "تستخدم باكستان داعش ورقة ضغط على كابل."],
  ["pakistan_sponsorship_haven", "used_by_pakistan_sov", "prs", "پاکستان از داعش به عنوان ابزار فشار بر کابل استفاده می‌کند."],
  ["pakistan_sponsorship_haven", "used_by_pakistan_sov", "pus", "پاکستان له داعش څخه د کابل پر ضد د فشار لپاره کار اخلي."],
  ["pakistan_sponsorship_haven", "pakistan_backs_iskp", "eng", "Pakistani generals finance Daesh and supply its fighters with weapons."],
  ["pakistan_sponsorship_haven", "pakistan_backs_iskp", "arb", "يدعم الجيش الباكستاني عناصر داعش بالمال والسلاح."],
  ["pakistan_sponsorship_haven", "pakistan_backs_iskp", "prs", "سران داعش از حمایت استخبارات پاکستان برخوردارند."],
  ["pakistan_sponsorship_haven", "pakistan_backs_iskp", "pus", "پاکستاني استخبارات داعش ته پیسې او وسلې ورکوي او ملاتړ یې کوي."],
  ["pakistan_sponsorship_haven", "attacks_from_pakistan", "eng", "Daesh suicide attacks on Kabul are planned and launched from Pakistani soil."],
  ["pakistan_sponsorship_haven", "attacks_from_pakistan", "arb", "ينفذ الدواعش هجماتهم على أفغانستان انطلاقا من الأراضي الباكستانية."],
  ["pakistan_sponsorship_haven", "attacks_from_pakistan", "prs", "داعش حملات خود را از خاک پاکستان بر افغانستان انجام می‌دهد."],
  ["pakistan_sponsorship_haven", "attacks_from_pakistan", "pus", "د داعش جنګیالي له پاکستانه افغانستان ته راځي او بریدونه کوي."],
  ["pakistan_sponsorship_haven", "rebranded_ttp", "eng", "ISKP is simply the TTP rebranded under a new name."],
  ["pakistan_sponsorship_haven", "rebranded_ttp", "arb", "داعش ليس إلا طالبان باكستان بثوب جديد."],
  ["pakistan_sponsorship_haven", "rebranded_ttp", "prs", "داعش همان تحریک طالبان پاکستان است که نام جدید بر خود گذاشته است."],
  ["pakistan_sponsorship_haven", "rebranded_ttp", "pus", "داعش همغه تحریک طالبان دي چې نوی نوم یې غوره کړی."],
  ["mercenaries", "paid_by_foreigners", "eng", "ISKP fighters draw monthly salaries from foreign intelligence agencies."],
  ["mercenaries", "paid_by_foreigners", "arb", "يتقاضى عناصر داعش رواتب شهرية من المخابرات الأجنبية."],
  ["mercenaries", "paid_by_foreigners", "prs", "جنگجویان داعش از استخبارات خارجی معاش ماهانه می‌گیرند."],
  ["mercenaries", "paid_by_foreigners", "pus", "بهرني هېوادونه د داعش جنګیالیو ته میاشتني معاشونه ورکوي."],
  ["foreign_outsider", "foreign_members", "eng", "Most ISKP suicide bombers are foreign nationals from Central Asia."],
  ["foreign_outsider", "foreign_members", "arb", "معظم عناصر داعش في أفغانستان من الأجانب."],
  ["foreign_outsider", "foreign_members", "prs", "بیشتر اعضای داعش اتباع تاجیکستان و ازبکستان هستند."],
  ["foreign_outsider", "foreign_members", "pus", "د داعش ډېری غړي بهرنیان دي."],
  ["foreign_outsider", "foreign_perpetrators", "eng", "The attackers were Tajikistani citizens, the Emirate's spokesman said."],
  ["foreign_outsider", "foreign_perpetrators", "arb", "أكد المتحدث أن منفذي الهجوم مواطنون من طاجيكستان."],
  ["foreign_outsider", "foreign_perpetrators", "prs", "مهاجمان حمله بر مسجد کابل از اتباع خارجی بودند."],
  ["foreign_outsider", "foreign_perpetrators", "pus", "په کابل برید کې ښکیل کسان د تاجکستان اتباع وو."],
  ["foreign_outsider", "ttp_in_new_clothes", "eng", "Most ISKP commanders are former members of the TTP."],
  ["foreign_outsider", "ttp_in_new_clothes", "arb", "معظم قادة داعش أعضاء سابقين في طالبان باكستان."],
  ["foreign_outsider", "ttp_in_new_clothes", "prs", "بیشتر فرماندهان داعش اعضای سابق تحریک طالبان پاکستان هستند."],
  ["foreign_outsider", "ttp_in_new_clothes", "pus", "د داعش ډېری قوماندانان د تحریک طالبان پخواني غړي دي."],
  ["iskp_defeated", "iskp_reduced", "eng", "ISKP attacks have fallen by 80 percent and its cells have been dismantled."],
  ["iskp_defeated", "iskp_reduced", "arb", "تم تفكيك خلايا داعش وانحسر نشاطها في البلاد."],
  ["iskp_defeated", "iskp_reduced", "prs", "داعش در افغانستان تضعیف شده و فقط در گوشه‌ای کوچک حضور دارد."],
  ["iskp_defeated", "iskp_reduced", "pus", "د داعش ډله کمزورې شوې او بریدونه یې راکم شوي دي."],
  ["iskp_defeated", "iskp_has_nothing_left", "eng", "Daesh no longer controls any territory in Afghanistan."],
  ["iskp_defeated", "iskp_has_nothing_left", "arb", "لم يعد لداعش أي وجود أو قواعد في البلاد."],
  ["iskp_defeated", "iskp_has_nothing_left", "prs", "داعش دیگر هیچ پایگاه و قلمروی در افغانستان ندارد."],
  ["iskp_defeated", "iskp_has_nothing_left", "pus", "د داعش ډله نور په افغانستان کې هېڅ ځمکه او اډه نه لري."],
  ["takfiri_extremism", "massacres_civilians", "eng", "Daesh butchered women and children in the villages of Achin."],
  ["takfiri_extremism", "massacres_civilians", "arb", "ارتكب الدواعش مجزرة بحق المدنيين في ننكرهار."],
  ["takfiri_extremism", "massacres_civilians", "prs", "داعشیان در ننگرهار کشتار زنان و کودکان را آغاز کردند."],
  ["takfiri_extremism", "massacres_civilians", "pus", "داعش په ننګرهار کې د عامو وګړو قتل عام پیل کړ."],
  ["takfiri_extremism", "massacres_civilians_nearby", "eng", "Daesh came to Achin in 2015. In the months that followed, its fighters massacred villagers and beheaded elders in front of their families, and nobody in the valley was spared."],
  ["takfiri_extremism", "massacres_civilians_nearby", "arb", "دخل الدواعش مديرية أتشين عام ألفين وخمسة عشر. وفي الأشهر التالية ارتكبوا مجازر بحق الأطفال والنساء."],
  ["takfiri_extremism", "massacres_civilians_nearby", "prs", "داعش در سال ۲۰۱۵ وارد ولسوالی اچین شد. در ماه‌های بعد آنان کودکان و زنان را به شکل وحشیانه سلاخی کردند."],
  ["takfiri_extremism", "massacres_civilians_nearby", "pus", "داعش په ۲۰۱۵ کال کې اچین ته راغی. په راتلونکو میاشتو کې یې ماشومان ټوټه ټوټه کړل."],
  ["foreign_intelligence_project", "created_by_power", "eng", "The CIA created ISIS to divide the Muslim world."],
  ["foreign_intelligence_project", "created_by_power_vso", "arb", "أنشأت أمريكا داعش لتشويه صورة الإسلام."],
  ["foreign_intelligence_project", "created_by_power_sov", "prs", "آمریکا داعش را برای بدنام کردن اسلام ایجاد کرد."],
  ["foreign_intelligence_project", "created_by_power_sov", "pus", "امریکا داعش د اسلام د بدنامولو لپاره جوړ کړ."],
  ["foreign_intelligence_project", "group_made_by_power", "eng", "Daesh is the creation of Western spy agencies, nothing else."],
  ["foreign_intelligence_project", "group_made_by_power", "prs", "گروهک داعش ساخته و پرداخته استخبارات بیگانه است."],
  ["foreign_intelligence_project", "group_made_by_power", "arb", "هذه الجماعة صنيعة المخابرات الغربية وأداتها."],
  ["khawarij", "out_of_religion_like_an_arrow", "eng", "Al-Mirsaad says these men leave Islam as an arrow leaves the bow."],
  ["khawarij", "out_of_religion_like_an_arrow", "arb", "يخرجون من الإسلام كما يمرق السهم من الرمية."],
  ["khawarij", "out_of_religion_like_an_arrow", "prs", "آنان از اسلام بیرون می‌روند چون تیر از کمان."],
  ["khawarij", "out_of_religion_like_an_arrow", "pus", "دوی له دینه داسې وځي لکه غشی چې له لیندې وځي."],
  ["fitna_sedition", "rebels_against_islamic_system", "eng", "Those who rise against the Islamic Emirate are rebels, and fighting them is obligatory, the council said."],
  ["fitna_sedition", "rebels_against_islamic_system", "arb", "الخارجون على الإمارة الإسلامية بغاة وقتالهم واجب."],
  ["fitna_sedition", "rebels_against_islamic_system", "prs", "کسانی که علیه امارت اسلامی سلاح برمی‌دارند باغی هستند و مقابله با آنان فرض است."],
  ["fitna_sedition", "rebels_against_islamic_system", "pus", "څوک چې د اسلامي امارت پر ضد وسله پورته کړي باغیان دي او جګړه ورسره فرض ده."],
  ["foreign_intelligence_project", "group_made_by_power_verb_final", "pus", "دا ډله د امریکا لخوا جوړه شوې ده."],
  ["foreign_intelligence_project", "group_made_by_power_verb_final", "prs", "این گروه توسط استخبارات خارجی ایجاد شده است."],
  ["foreign_intelligence_project", "steered_by_power", "eng", "Al-Mirsaad says the group is steered by foreign intelligence agencies."],
  ["foreign_intelligence_project", "steered_by_power", "arb", "هذه الجماعة في يد المخابرات الأجنبية تفعل ما تؤمر."],
  ["foreign_intelligence_project", "steered_by_power_verb_final", "prs", "این گروهک توسط سازمان‌های جاسوسی بیگانه هدایت می‌شود."],
  ["foreign_intelligence_project", "steered_by_power_verb_final", "pus", "دا ډله د بهرنیو استخباراتو لخوا چلېږي."],
  ["pakistan_sponsorship_haven", "directed_from_pakistan", "eng", "ISKP is run from Pakistan, where its commanders plan every attack, the spokesman said."],
  ["pakistan_sponsorship_haven", "directed_from_pakistan", "arb", "قال المتحدث إن داعش يدار من بيشاور بأوامر من الاستخبارات الباكستانية."],
  ["pakistan_sponsorship_haven", "directed_from_pakistan", "prs", "مقامات امارت می‌گویند حملات داعش از پاکستان طراحی و رهبری می‌شود."],
  ["pakistan_sponsorship_haven", "directed_from_pakistan", "pus", "د داعش بریدونه د پاکستان په لارښوونه کېږي."],
  ["takfiri_extremism", "khawarij_bomb_mosques", "eng", "The Khawarij set off a bomb inside a mosque in Kabul during Friday prayers."],
  ["takfiri_extremism", "khawarij_bomb_mosques", "arb", "الخوارج فجروا مسجدا في قندوز أثناء صلاة الجمعة."],
  ["takfiri_extremism", "khawarij_bomb_mosques", "prs", "خوارج در یک مسجد در کندز انفجار راه انداختند."],
  ["takfiri_extremism", "khawarij_bomb_mosques", "pus", "خوارجو په کندز کې په یوه جومات کې چاودنه وکړه."],
  ["foreign_intelligence_project", "described_as_tool", "eng", "The Taliban described ISKP militants as servants working for the enemies of Afghanistan."],
  ["foreign_intelligence_project", "described_as_tool", "prs", "طالبان اعضای داعش را نوکران دشمنان افغانستان خواندند."],
];

// [frame, blocking concept, lang, text]: the same words without the frame (history, news of a claim,
// operations against ISKP, other wars, sport, hostages, the fight against ISKP, ISKP's accusation
// against the Taliban, Iraq and Syria).
const HARD_NEGATIVES: [string, string, Lang, string][] = [
  ["khawarij", "khawarij_history", "eng", "The Khawarij rebelled against Caliph Ali after the arbitration at Siffin."],
  ["fitna_sedition", "khawarij_history", "eng", "The Khawarij rebelled against Caliph Ali after the arbitration at Siffin."],
  ["khawarij", "khawarij_history", "arb", "قاتل الإمام علي الخوارج في معركة النهروان."],
  ["khawarij", "khawarij_history", "prs", "حضرت علی در نهروان با خوارج جنگید و آنان را شکست داد."],
  ["iskp_defeated", "khawarij_history", "prs", "حضرت علی در نهروان با خوارج جنگید و آنان را شکست داد."],
  ["khawarij", "khawarij_history", "pus", "حضرت علي رضی الله عنه د نهروان په جګړه کې له خوارجو سره وجنګېد."],
  ["takfiri_extremism", "khawarij_history", "eng", "Historians note that the early Khawarij declared sinful Muslims unbelievers."],
  ["fitna_sedition", "ttp_by_name", "eng", "Pakistan's army vowed to crush Fitna al-Khawarij in North Waziristan."],
  ["fitna_sedition", "ttp_by_name", "arb", "تعهد الجيش الباكستاني بالقضاء على فتنة الخوارج في وزيرستان."],
  ["takfiri_extremism", "claim_responsibility", "eng", "ISKP claimed responsibility for the bombing that killed 12 worshippers."],
  ["takfiri_extremism", "claim_responsibility", "arb", "أعلن داعش مسؤوليته عن التفجير الذي قتل عشرين من المصلين."],
  ["takfiri_extremism", "claim_responsibility", "prs", "داعش مسئولیت حمله انتحاری را که ده‌ها نمازگزار را کشت به عهده گرفت."],
  ["takfiri_extremism", "claim_responsibility", "pus", "داعش د هغه برید مسؤلیت ومانه چې په کې لسګونه لمونځ کوونکي ووژل شول."],
  ["foreign_intelligence_project", "hostage_context", "eng", "US forces rescued hostages held by the Islamic State in Iraq."],
  ["foreign_intelligence_project", "hostage_context", "prs", "نیروهای آمریکایی گروگان‌های داعش را نجات دادند."],
  ["foreign_intelligence_project", "economic_context", "eng", "ISKP threatens a Chinese mining project in Logar."],
  ["foreign_intelligence_project", "fight_against", "eng", "The United States supported the Taliban in the fight against Daesh."],
  ["foreign_intelligence_project", "fight_against", "arb", "تدعم الولايات المتحدة جهود مكافحة داعش في المنطقة."],
  ["foreign_intelligence_project", "fight_against", "prs", "آمریکا از طالبان در مبارزه با داعش حمایت می‌کند."],
  ["foreign_intelligence_project", "fight_against", "pus", "امریکا د داعش پر ضد مبارزه کې له طالبانو ملاتړ کوي."],
  ["foreign_intelligence_project", "accuses_taliban", "eng", "ISKP propaganda calls the Taliban agents of the CIA."],
  ["foreign_intelligence_project", "taliban_ref", "eng", "ISKP says the Taliban are slaves of America."],
  ["pakistan_sponsorship_haven", "security_operation", "eng", "Pakistani forces raided an ISKP hideout in Bajaur and killed four militants."],
  ["pakistan_sponsorship_haven", "security_operation", "prs", "ارتش پاکستان در عملیاتی در باجور چند عضو داعش را کشت و مخفیگاه آنان را نابود کرد."],
  ["pakistan_sponsorship_haven", "security_operation", "pus", "د پاکستان پوځ وايي په باجوړ کې یې د داعش یو پټنځای له منځه یوړ."],
  ["pakistan_sponsorship_haven", "blames_afghanistan", "arb", "تتهم باكستان أفغانستان بإيواء مسلحي طالبان الباكستانية وداعش."],
  ["pakistan_sponsorship_haven", "blames_afghanistan", "eng", "Pakistan accuses Kabul of giving shelter to TTP and ISKP fighters on Afghan soil."],
  ["mercenaries", "other_wars", "eng", "Wagner mercenaries were deployed to Mali last year."],
  ["mercenaries", "other_wars", "arb", "اتهمت الحكومة السودانية قوات الدعم السريع بتجنيد مرتزقة من تشاد."],
  ["mercenaries", "sport_entertainment", "eng", "Fans called the striker a mercenary when he left the club for a bigger salary."],
  ["foreign_outsider", "foreign_victims", "eng", "ISKP threatened to attack foreigners and Chinese nationals staying in Kabul hotels."],
  ["foreign_outsider", "al_qaeda_ref", "eng", "UN monitors say foreign militants of al-Qaeda carried out training in Kunar."],
  ["iskp_defeated", "iraq_syria", "eng", "The Islamic State lost its last territory in Syria in 2019."],
  ["iskp_defeated", "iraq_syria", "arb", "أعلن الجيش العراقي القضاء على فلول داعش في صحراء الأنبار."],
  ["iskp_defeated", "security_operation", "arb", "تم القضاء على عدد من عناصر داعش في عمليات نوعية نفذتها القوات الأمنية."],
  ["takfiri_extremism", "news", "eng", "An ISKP suicide bomber killed ten civilians at a bus station in Kabul, police said."],
  ["takfiri_extremism", "news", "arb", "قتل عشرة مدنيين في هجوم لداعش على محطة حافلات في كابل."],
  ["takfiri_extremism", "news", "prs", "در حمله داعش بر یک ایستگاه موتر در کابل ده غیرنظامی کشته شدند."],
  ["takfiri_extremism", "news", "pus", "د داعش په برید کې لس ملکي وګړي ووژل شول."],
  ["foreign_intelligence_project", "fight_against", "eng", "Washington created a coalition against ISIS in 2014."],
  ["fitna_sedition", "no judgment", "eng", "NRF rebels said they attacked Islamic Emirate forces in Panjshir."],
  ["pakistan_sponsorship_haven", "security_operation", "eng", "Pakistani forces killed an ISKP commander who directed attacks in Bajaur."],
  ["foreign_intelligence_project", "order", "eng", "The area controlled by the group was bombed by US forces."],
  ["takfiri_extremism", "khawarij_history", "arb", "قاتل الخليفة علي الخوارج الذين كفروا الصحابة واستحلوا دماءهم."],
  ["iskp_defeated", "khawarij_history", "prs", "خوارج در نهروان از سپاه حضرت علی شکست خوردند."],
  ["pakistan_sponsorship_haven", "fitna_khawarij_phrase", "eng", "Pakistani officials call the TTP Fitna al-Khawarij and want Kabul to close its hideouts."],
  ["takfiri_extremism", "news of an attack on a mosque", "eng", "An explosion at a mosque in Kunduz killed several people, police said."],
  ["foreign_intelligence_project", "the Taliban as the tools", "eng", "ISKP says the Taliban are servants working for the Americans."],
  ["khawarij", "khawarij_history", "eng", "Historians ask whether the Kharijites were the first extremist sect in Islam."],
  ["khawarij", "khawarij_history", "prs", "مورخان می‌پرسند آیا خوارج نخستین فرقه افراطی در تاریخ اسلام بودند."],
  ["mercenaries", "Bajaur is no wage", "arb", "قالت مصادر إن عناصر داعش يتنقلون بين باجور وكونر."],
  ["pakistan_sponsorship_haven", "Bajaur is no wage", "arb", "قالت مصادر إن عناصر داعش يتنقلون بين باجور وكونر."],
];

// [frame, lang, text]: the name itself in every language, its derivatives and obfuscated spellings.
const DAESH: [string, Lang, string][] = [
  ["daesh_label", "eng", "Taliban forces arrested three Daesh operatives in Kunduz on Tuesday."],
  ["daesh_label", "eng", "Daeshi fighters fled toward the mountains after the raid."],
  ["daesh_label", "eng", "The so-called Islamic State has lost its grip on Nangarhar."],
  ["daesh_label", "arb", "أعلنت السلطات اعتقال خلية تابعة لداعش في كابل."],
  ["daesh_label", "arb", "وقال المتحدث إن الدواعش فروا إلى الجبال."],
  ["daesh_label", "prs", "نیروهای امنیتی یک مخفیگاه داعش را در غرب کابل شناسایی کردند."],
  ["daesh_label", "prs", "داعشیان بار دیگر به یک مکتب حمله کردند."],
  ["daesh_label", "prs", "درگیری میان نیروهای امنیتی و افراد گروه د-اعش در کابل ادامه دارد."],
  ["daesh_label", "prs", "نیروهای امنیتی دو عضو گروه د.ا.ع.ش را بازداشت کردند."],
  ["daesh_label", "pus", "د داعش ترهګرو د کابل په لویدیځ کې برید وکړ."],
  ["daesh_label", "pus", "امنیتي ځواکونو درې داعشیان ونیول."],
  ["daesh_label", "pus", "د دا-عش یوه ډله په کونړ کې ولیدل شوه."],
];

// [lang, expectations, text]: whole-post expectations on paraphrases and on news that uses the same
// words: "+frame" must be tagged, "-frame" must not.
const POSTS: [Lang, string, string][] = [
  ["eng", "+daesh_label", "Taliban forces arrested three Daesh operatives in Kunduz on Tuesday."],
  ["eng", "+daesh_label", "Daeshi fighters fled toward the mountains after the raid."],
  ["eng", "+daesh_label", "The so-called Islamic State has lost its grip on Nangarhar."],
  ["arb", "+daesh_label", "أعلنت السلطات اعتقال خلية تابعة لداعش في كابل."],
  ["prs", "+daesh_label", "درگیری میان نیروهای امنیتی و افراد گروه د-اعش در کابل ادامه دارد."],
  ["prs", "+daesh_label", "نیروهای امنیتی دو عضو گروه د.ا.ع.ش را بازداشت کردند."],
  ["pus", "+daesh_label", "د داعش ترهګرو د کابل په لویدیځ کې برید وکړ."],
  ["pus", "+daesh_label", "داعشیانو یو ځل بیا ماشومان او ښځې ووژلې."],
  ["eng", "+khawarij,+takfiri_extremism", "The Khawarij of our time slaughter Muslims just as their forefathers did."],
  ["eng", "-khawarij,-fitna_sedition,-takfiri_extremism", "The Khawarij rebelled against Caliph Ali after the arbitration at Siffin."],
  ["eng", "-khawarij,-takfiri_extremism", "Historians note that the early Khawarij declared sinful Muslims unbelievers."],
  ["eng", "+khawarij", "As the Khawarij once fought Ali ibn Abi Talib, Daesh today fights the Islamic Emirate."],
  ["arb", "+khawarij", "كما خرج الخوارج على علي بن أبي طالب، يخرج داعش اليوم على الإمارة الإسلامية."],
  ["arb", "-khawarij", "قاتل الإمام علي الخوارج في معركة النهروان."],
  ["prs", "+khawarij", "خوارج عصر حاضر همان راه پیشینیان خود را می‌روند."],
  ["prs", "-khawarij,-iskp_defeated", "حضرت علی در نهروان با خوارج جنگید و آنان را شکست داد."],
  ["pus", "+khawarij,+takfiri_extremism", "د اوسني عصر خوارج د مسلمانانو وینې تویوي."],
  ["pus", "-khawarij", "حضرت علي رضی الله عنه د نهروان په جګړه کې له خوارجو سره وجنګېد."],
  ["eng", "+fitna_sedition", "Daesh sows discord among Muslims and serves no one but its masters."],
  ["eng", "-fitna_sedition", "The imam warned believers against the fitna of wealth in the last days."],
  ["arb", "+fitna_sedition", "داعش فتنة عمياء تفرق صف المسلمين."],
  ["arb", "-fitna_sedition", "الفتن في آخر الزمان كثيرة كما أخبر النبي صلى الله عليه وسلم."],
  ["prs", "+fitna_sedition", "گروهک داعش جز فتنه و تفرقه میان مسلمانان کاری نکرده است."],
  ["prs", "-fitna_sedition", "خطیب جمعه مردم را از فتنه‌های آخرالزمان برحذر داشت."],
  ["pus", "+fitna_sedition", "داعش د مسلمانانو ترمنځ فتنه اچوي."],
  ["pus", "-fitna_sedition", "د قیامت له فتنو څخه خدای پناه غواړو."],
  ["eng", "+takfiri_extremism", "ISKP gunmen killed worshippers during Friday prayers, the Emirate said."],
  ["eng", "-takfiri_extremism", "ISKP claimed responsibility for the bombing that killed 12 civilians."],
  ["eng", "+takfiri_extremism", "They declare Muslims unbelievers for taking part in elections."],
  ["eng", "-takfiri_extremism", "We call on Muslims to stand firm against the unbelievers."],
  ["arb", "+takfiri_extremism", "يكفر الدواعش عامة المسلمين ويستحلون دماءهم."],
  ["arb", "+takfiri_extremism", "قتل الخوارج عشرات المصلين في كابل."],
  ["arb", "-takfiri_extremism", "قتل 20 شخصا في انفجار استهدف مسجدا في قندوز."],
  ["prs", "+takfiri_extremism", "داعشیان مسلمانان را کافر می‌دانند و خون آنان را حلال می‌شمارند."],
  ["pus", "+takfiri_extremism", "داعشیانو په ننګرهار کې دیني عالمان ووژل."],
  ["pus", "-takfiri_extremism", "په کابل کې یوه چاودنه وشوه چې له امله یې درې ملکیان ووژل شول."],
  ["eng", "+foreign_intelligence_project", "Daesh is nothing but a tool in the hands of foreign intelligence agencies."],
  ["eng", "+foreign_intelligence_project", "Foreign spy agencies fund and arm ISKP to destabilise Afghanistan."],
  ["eng", "+foreign_intelligence_project", "US helicopters rescued besieged Daesh fighters in Jowzjan."],
  ["eng", "-foreign_intelligence_project", "US special forces rescued hostages held by the Islamic State in Iraq."],
  ["eng", "-foreign_intelligence_project", "The Taliban asked the United States for help in the fight against ISKP."],
  ["eng", "-foreign_intelligence_project", "ISKP claimed the attack near the Russian embassy in Kabul."],
  ["eng", "-foreign_intelligence_project", "ISKP says the Taliban are slaves of America."],
  ["arb", "+foreign_intelligence_project", "طلب الدواعش من أجهزة المخابرات الأجنبية المال والسلاح."],
  ["arb", "+foreign_intelligence_project", "داعش صنيعة أمريكية لتشويه صورة الإسلام."],
  ["arb", "-foreign_intelligence_project", "ناقش وزير الخارجية مع السفير الأمريكي مشاريع التنمية في كابل."],
  ["prs", "+foreign_intelligence_project", "داعش ابزاری در دست استخبارات بیگانه برای ضربه زدن به امارت اسلامی است."],
  ["pus", "+foreign_intelligence_project", "د داعش تر شا د امریکا او اسرائیلو استخبارات ولاړ دي."],
  ["pus", "-foreign_intelligence_project", "امریکا افغانستان ته بشري مرستې ولېږلې."],
  ["eng", "+pakistan_sponsorship_haven", "ISKP fighters find safe haven in Balochistan with the blessing of Pakistan's ISI."],
  ["eng", "+pakistan_sponsorship_haven", "Daesh militants train in camps inside Pakistan before crossing into Afghanistan."],
  ["eng", "-pakistan_sponsorship_haven,-foreign_outsider", "Pakistani forces raided an ISKP hideout in Bajaur and killed four militants."],
  ["eng", "-pakistan_sponsorship_haven", "Afghan refugees in Pakistan fear deportation as ISKP attacks rise."],
  ["arb", "+pakistan_sponsorship_haven", "يتلقى عناصر داعش التدريب في معسكرات داخل باكستان."],
  ["prs", "+pakistan_sponsorship_haven", "سران داعش در پیشاور زندگی می‌کنند و از حمایت استخبارات پاکستان برخوردارند."],
  ["prs", "-pakistan_sponsorship_haven", "پاکستان و افغانستان در مورد بازگشایی تورخم گفتگو کردند."],
  ["pus", "+pakistan_sponsorship_haven", "د داعش جنګیالي له پاکستانه افغانستان ته راځي او بریدونه کوي."],
  ["eng", "+mercenaries", "These ISKP hirelings kill Afghans for a handful of dollars."],
  ["eng", "-mercenaries", "Wagner mercenaries were deployed to Mali last year."],
  ["eng", "-mercenaries", "Sports agents take a large share of footballers' wages."],
  ["arb", "+mercenaries", "مرتزقة داعش يقبضون رواتبهم من الاستخبارات الأجنبية."],
  ["arb", "-mercenaries", "اتهمت الحكومة السودانية قوات الدعم السريع بتجنيد مرتزقة من تشاد."],
  ["prs", "+mercenaries", "مزدوران داعش برای پول بیگانگان خون مردم را می‌ریزند."],
  ["prs", "-mercenaries", "مزدوران روزمزد در چهارراه‌های کابل منتظر کار هستند."],
  ["pus", "+mercenaries", "داعشي اجیران د پیسو لپاره بې ګناه خلک وژني."],
  ["eng", "+foreign_outsider", "Most ISKP suicide bombers are foreign nationals from Central Asia."],
  ["eng", "+foreign_outsider", "The attackers were Tajikistani citizens, the Emirate's spokesman said."],
  ["eng", "-foreign_outsider", "ISKP claimed an attack on foreign tourists in Bamiyan."],
  ["eng", "-foreign_outsider", "Ethnic Tajiks and Uzbeks live in northern Afghanistan."],
  ["arb", "+foreign_outsider", "معظم عناصر داعش في أفغانستان من الأجانب."],
  ["prs", "+foreign_outsider", "بیشتر اعضای داعش اتباع تاجیکستان و ازبکستان هستند."],
  ["prs", "-foreign_outsider", "تاجیک‌ها و ازبک‌ها در شمال افغانستان زندگی می‌کنند."],
  ["pus", "+foreign_outsider", "د داعش ډېری غړي بهرنیان دي."],
  ["eng", "+iskp_defeated", "ISKP attacks have fallen by 80 percent and its cells have been dismantled."],
  ["eng", "+iskp_defeated", "Daesh no longer controls any territory in Afghanistan."],
  ["eng", "-iskp_defeated", "The Taliban defeated the United States after twenty years of war."],
  ["eng", "-iskp_defeated", "Taliban forces killed an ISKP commander in Kunar."],
  ["arb", "+iskp_defeated", "تم تفكيك خلايا داعش ولم يعد لهم وجود في البلاد."],
  ["prs", "+iskp_defeated", "داعش در افغانستان تضعیف شده و فقط در گوشه‌ای کوچک حضور دارد."],
  ["pus", "+iskp_defeated", "د داعش ډله کمزورې شوې او نور ځواک نه لري."],
  ["pus", "-iskp_defeated", "د طالبانو ځواکونو د امریکا ماتې ته اشاره وکړه."],
  ["eng", "-pakistan_sponsorship_haven,-iskp_defeated,-foreign_outsider", "Pakistan's army said it killed 10 militants in North Waziristan."],
  ["eng", "-foreign_intelligence_project,-pakistan_sponsorship_haven", "The ISI chief met the Taliban foreign minister in Kabul."],
  ["eng", "-foreign_intelligence_project", "China and Pakistan signed a new economic corridor project."],
  ["eng", "-foreign_intelligence_project", "The United States provided $50 million in humanitarian aid to Afghanistan."],
  ["eng", "-foreign_outsider", "Foreign nationals were evacuated from Kabul airport in August 2021."],
  ["eng", "-foreign_intelligence_project,-takfiri_extremism", "An ISKP suicide bomber killed 13 US troops at Abbey Gate during the evacuation."],
  ["eng", "-iskp_defeated", "The Islamic State lost its last territory in Syria in 2019."],
  ["arb", "-iskp_defeated", "أعلن الجيش العراقي القضاء على فلول داعش في صحراء الأنبار."],
  ["eng", "-foreign_intelligence_project", "Taliban fighters rescued stranded passengers after floods in Parwan."],
  ["prs", "-pakistan_sponsorship_haven", "ارتش پاکستان در عملیاتی در باجور چند عضو داعش را کشت."],
  ["prs", "-pakistan_sponsorship_haven", "وزیر خارجه پاکستان در کابل با مقامات امارت اسلامی دیدار کرد."],
  ["pus", "-pakistan_sponsorship_haven,-iskp_defeated", "د پاکستان پوځ وايي په باجوړ کې یې د داعش یو پټنځای له منځه یوړ."],
  ["arb", "-pakistan_sponsorship_haven", "تتهم باكستان أفغانستان بإيواء مسلحي طالبان الباكستانية وداعش."],
  ["eng", "-foreign_intelligence_project", "ISKP propaganda calls the Taliban agents of the CIA."],
  ["eng", "+foreign_intelligence_project", "The Khawarij are being funded by Western intelligence to wage war on the Emirate."],
  ["arb", "+foreign_intelligence_project", "تمول الاستخبارات الأجنبية الخوارج لضرب استقرار أفغانستان."],
  ["prs", "+foreign_intelligence_project", "آمریکا از داعش حمایت می‌کند تا افغانستان را بی‌ثبات کند."],
  ["pus", "+foreign_intelligence_project", "امریکایانو د داعش جنګیالي په هلیکوپترونو له محاصرې وایستل."],
  ["eng", "+pakistan_sponsorship_haven", "ISKP's leaders are hiding in Pakistan's tribal areas under ISI protection."],
  ["eng", "+pakistan_sponsorship_haven,+foreign_intelligence_project", "Islamabad is using Daesh as a proxy to destabilise Kabul."],
  ["arb", "+pakistan_sponsorship_haven", "تأوي باكستان قادة داعش في بلوشستان."],
  ["eng", "+iskp_defeated", "Daesh remnants now hide in a few remote valleys and their funding has dried up."],
  ["eng", "+iskp_defeated", "The Kharijite group has been crushed and is on its last legs."],
  ["eng", "+foreign_outsider", "Most of those arrested in the Kabul attack were citizens of Tajikistan."],
  ["prs", "+foreign_outsider", "مهاجمان حمله بر مسجد کابل از اتباع خارجی بودند."],
  ["pus", "+foreign_outsider", "په کابل برید کې ښکیل کسان د تاجکستان اتباع وو."],
  ["eng", "+mercenaries", "Al-Mirsaad: the mercenaries of Daesh sell their religion for dollars."],
  ["eng", "+mercenaries,+foreign_intelligence_project", "ISKP pays its fighters monthly salaries funded by foreign intelligence."],
  ["eng", "-mercenaries,-foreign_intelligence_project", "ISKP recruits unemployed youth with promises of salaries."],
  ["arb", "-mercenaries", "اتهمت الحكومة السودانية قوات الدعم السريع بتجنيد مرتزقة من تشاد."],
  ["eng", "-fitna_sedition", "The first fitna divided the early Muslim community."],
  ["eng", "-takfiri_extremism", "Gunmen attacked a Sufi shrine in Kabul, police said."],
  ["arb", "-foreign_intelligence_project", "داعش يتهم طالبان بأنها عميلة للمخابرات الأمريكية."],
  ["prs", "-foreign_intelligence_project", "داعش در نشریه خود طالبان را مزدور استخبارات آمریکا خوانده است."],
  ["pus", "-foreign_outsider", "د تاجکستان ولسمشر له افغانستان سره د سوداګرۍ په اړه خبرې وکړې."],
  ["prs", "-foreign_outsider", "هیئت خارجی برای دیدار با مقامات امارت به کابل سفر کرد."],
  ["eng", "-iskp_defeated", "The Taliban failed to stop ISKP attacks on Hazaras last year."],
  ["prs", "-iskp_defeated", "داعش مسئولیت این حمله را که ده‌ها کشته برجا گذاشت به عهده گرفت."],
  ["eng", "+khawarij", "They pass through the religion as an arrow passes through its target, these men of Daesh."],
  ["eng", "+fitna_sedition", "ISKP rebels against the legitimate Islamic government and spreads sedition."],
  ["prs", "+fitna_sedition", "یاغیان داعش علیه نظام اسلامی دست به شورش زده‌اند."],
  ["eng", "+takfiri_extremism", "Daesh gunmen killed the imam of the Friday prayer in Herat."],
  ["eng", "+takfiri_extremism", "The Khawarij assassinated a prominent cleric in Kabul."],
  ["prs", "+takfiri_extremism", "داعش یک عالم دینی را در کابل ترور کرد."],
  ["pus", "+takfiri_extremism", "داعشیانو په کابل کې یو دیني عالم ووژل."],
  ["arb", "+takfiri_extremism", "اغتال الدواعش إمام المسجد في هرات."],
  ["eng", "+foreign_intelligence_project", "Daesh serves the interests of the Americans in the region."],
  ["eng", "+foreign_intelligence_project", "The CIA created ISIS to divide the Muslim world."],
  ["arb", "+foreign_intelligence_project", "أنشأت أمريكا داعش لتشويه صورة الإسلام."],
  ["prs", "+foreign_intelligence_project", "آمریکا داعش را برای بدنام کردن اسلام ایجاد کرد."],
  ["pus", "+foreign_intelligence_project", "امریکا داعش د اسلام د بدنامولو لپاره جوړ کړ."],
  ["eng", "-foreign_intelligence_project", "The US created a coalition against ISIS in 2014."],
  ["eng", "+pakistan_sponsorship_haven", "Daesh has bases and training camps in Pakistan's Balochistan."],
  ["eng", "+pakistan_sponsorship_haven", "Mastung in Pakistan has become a Daesh stronghold."],
  ["eng", "+mercenaries", "Daesh fighters are paid by the West."],
  ["eng", "+foreign_outsider", "ISKP is led by Pakistanis, not Afghans."],
  ["eng", "+foreign_outsider", "Most ISKP members came from across the border."],
  ["eng", "+iskp_defeated", "Daesh is finished in Afghanistan."],
  ["eng", "+iskp_defeated", "ISKP's finances have collapsed, the spokesman said."],
  ["arb", "+iskp_defeated", "انتهى أمر داعش في أفغانستان."],
  ["prs", "+iskp_defeated", "داعش در افغانستان دیگر وجود ندارد."],
  ["pus", "+iskp_defeated", "د داعش ډله په افغانستان کې ختمه شوې ده."],
  ["eng", "-takfiri_extremism,-foreign_intelligence_project", "The Islamic State Khorasan Province claimed responsibility for the attack on the Russian embassy in Kabul that killed two diplomats."],
  ["eng", "-iskp_defeated", "Taliban security forces killed the ISKP governor of Nangarhar in a raid."],
  ["eng", "-takfiri_extremism", "ISKP's Amaq news agency said its fighters targeted a gathering of Taliban members."],
  ["eng", "-foreign_intelligence_project", "The US military said an airstrike killed an ISIS-K planner in Nangarhar."],
  ["eng", "-pakistan_sponsorship_haven", "Pakistan's interior minister said ISKP militants crossed from Afghanistan to attack a rally in Bajaur."],
  ["eng", "-foreign_intelligence_project", "Iran and Russia share intelligence with the Taliban on ISKP."],
  ["eng", "-foreign_outsider,-foreign_intelligence_project", "China urged the Taliban to protect Chinese nationals after the ISKP attack on a Kabul hotel."],
  ["arb", "-takfiri_extremism", "أعلن تنظيم داعش ولاية خراسان مسؤوليته عن الهجوم على مسجد للشيعة في قندوز أسفر عن مقتل 50 مصليا."],
  ["prs", "-iskp_defeated", "به گفته سازمان ملل، داعش خراسان همچنان تهدید جدی برای منطقه است."],
  ["pus", "-iskp_defeated", "د ملګرو ملتونو راپور وايي چې داعش لا هم په افغانستان کې فعال دی."],
  ["arb", "-takfiri_extremism", "قتل ستة أشخاص في هجوم تبناه تنظيم داعش في كابل."],
  ["eng", "-khawarij", "The Kharijites assassinated Ali in 661 in Kufa."],
  ["eng", "-khawarij", "Ibadi Muslims in Oman trace their roots to a moderate branch of the early Khawarij."],
  ["eng", "-khawarij", "The Umayyad caliphs crushed several Kharijite revolts."],
  ["arb", "-fitna_sedition", "احذروا من الفتن ما ظهر منها وما بطن."],
  ["eng", "-mercenaries", "The mercenaries of the Africa Corps replaced Wagner in Mali."],
  ["eng", "-foreign_intelligence_project", "ISKP fighters use weapons left behind by US forces."],
  ["eng", "-pakistan_sponsorship_haven", "The Taliban handed over ISKP suspects to Pakistan."],
  ["prs", "-foreign_intelligence_project", "آمریکا و روسیه در مورد تهدید داعش با یکدیگر گفتگو کردند."],
  ["prs", "-pakistan_sponsorship_haven", "پاکستان می‌گوید داعش از خاک افغانستان برای حمله بر پاکستان استفاده می‌کند."],
  ["pus", "-pakistan_sponsorship_haven", "پاکستان وايي د داعش جنګیالي له افغانستانه پاکستان ته راځي."],
  ["arb", "-foreign_intelligence_project", "بحث وزير الخارجية الروسي مع نظيره الأفغاني التعاون في مكافحة داعش."],
  ["arb", "-iskp_defeated", "قال مسؤولون أمريكيون إن داعش خراسان لا يزال يشكل تهديدا للغرب."],
  ["eng", "-iskp_defeated", "Despite losses, ISKP remains capable of mounting attacks abroad, a UN report said."],
  ["prs", "-foreign_outsider", "شماری از اتباع خارجی در حمله داعش بر هتلی در کابل زخمی شدند."],
  ["pus", "-foreign_outsider", "په کابل کې د داعش په برید کې درې بهرني اتباع ټپیان شول."],
  ["eng", "-takfiri_extremism", "An ISKP bombing at a Kabul school killed dozens of children, health officials said."],
  ["arb", "-mercenaries", "دفعت الحكومة رواتب الموظفين بعد تأخير بسبب هجوم داعش."],
  ["prs", "-takfiri_extremism", "داعش در بیانیه‌ای طالبان را کافر خواند."],
  ["eng", "-takfiri_extremism", "ISKP declared the Taliban apostates and unbelievers."],
  ["eng", "-foreign_intelligence_project", "US officials say the ISKP mastermind of the Abbey Gate bombing was killed in Kunar."],
  ["eng", "-foreign_intelligence_project", "Russian police arrested suspected ISKP sleeper agents in Moscow."],
  ["arb", "-foreign_intelligence_project", "أعلن فرع خراسان التابع لتنظيم داعش مسؤوليته عن الهجوم قرب السفارة الأمريكية."],
  ["eng", "-foreign_outsider", "Tajikistan's president warned of the ISKP threat on the Afghan border."],
  ["eng", "-foreign_outsider", "Central Asian states fear an ISKP spillover from Afghanistan."],
  ["eng", "-foreign_intelligence_project", "Russia provided intelligence to the Taliban about ISKP cells in the north."],
  ["eng", "-pakistan_sponsorship_haven", "Pakistan hosted a regional conference on the ISKP threat."],
  ["eng", "-pakistan_sponsorship_haven", "ISKP militants based in eastern Afghanistan attacked a police post in Pakistan."],
  ["prs", "-foreign_intelligence_project", "روسیه اطلاعاتی درباره داعش به طالبان داده است."],
];

describe('taliban-on-iskp rules fire on paraphrases and events', () => {
  it.each(RULES)('%s / %s [%s] %s', (frame, rule, lang, text) => {
    expect(rulesOf(text, lang, frame)).toContain(rule);
  });

  it('covers every rule of the file in the table, each in more than one language', () => {
    const file = tagger.compiled.frames.filter((f) => f.file === 'taliban-on-iskp.yaml');
    const ids = file.flatMap((f) => f.rules.map((r) => `${f.id}/${r.id}`));
    expect(ids.length).toBeGreaterThanOrEqual(25);
    const covered = new Set(RULES.map(([f, r]) => `${f}/${r}`));
    for (const id of ids) expect(covered.has(id), id).toBe(true);
  });
});

describe('taliban-on-iskp on whole posts: paraphrases tagged, news and history left alone', () => {
  it.each(POSTS)('[%s] %s: %s', (lang, expectations, text) => {
    const got = framesOf(text, lang);
    for (const e of expectations.split(',')) {
      if (e.startsWith('+')) expect(got, e).toContain(e.slice(1));
      else expect(got, e).not.toContain(e.slice(1));
    }
  });
});

describe('taliban-on-iskp hard negatives: context decides, not one word', () => {
  it.each(HARD_NEGATIVES)('no %s (%s) [%s] %s', (frame, _why, lang, text) => {
    expect(framesOf(text, lang)).not.toContain(frame);
  });
});

describe('daesh_label is the name itself', () => {
  it.each(DAESH)('%s [%s] %s', (frame, lang, text) => {
    expect(framesOf(text, lang)).toContain(frame);
  });

  it('Dari and Pashto داعش alone reach the threshold (weight 1, as in Arabic and English)', () => {
    for (const [text, lang] of [
      ['گروه داعش مسئولیت این حمله را به عهده گرفت.', 'prs'],
      ['د داعش ډلې د دې برید مسؤلیت ومانه.', 'pus'],
      ['Daesh claimed the attack.', 'eng'],
    ] as [string, Lang][]) {
      const f = tag(text, lang).frames.find((x) => x.frame === 'daesh_label');
      expect(f?.score ?? 0, text).toBeGreaterThanOrEqual(1);
    }
  });

  it('ISIS and IS-K are not the label', () => {
    expect(framesOf('ISIS-K claimed the attack in Kabul.', 'eng')).not.toContain('daesh_label');
  });
});

describe('khawarij: the first Khawarij are history unless tied to today', () => {
  it('a term in a historical sentence does not count; the rule brings it back with Daesh named', () => {
    expect(framesOf('The Khawarij fought Caliph Ali at Nahrawan.', 'eng')).not.toContain('khawarij');
    const r = tag('As the Khawarij fought Caliph Ali at Nahrawan, Daesh fights the Emirate today.', 'eng');
    const f = r.frames.find((x) => x.frame === 'khawarij');
    expect(f?.hits.some((h) => h.rule === 'khawarij_then_and_now')).toBe(true);
    expect(f?.hits.some((h) => h.rule === undefined)).toBe(false); // the term itself stays vetoed
  });

  it('a sentence without history keeps the plain term', () => {
    expect(framesOf('The Khawarij attacked a checkpoint in Kunar last night.', 'eng')).toContain('khawarij');
  });
});
