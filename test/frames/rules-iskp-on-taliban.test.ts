// Rules over concepts for the ISKP-on-Taliban frames (lexicons/iskp-on-taliban.yaml) and for
// counterterrorism_cooperation (lexicons/contested.yaml), on the project lexicons.
// Every positive names the rule that must fire (so the test fails when the rule or one of its
// concepts is removed); every negative is a hard negative that a veto, a `not` or an anchor handles.
// All strings are written for this test (channel-post and news style), none is taken from a data set.
import { describe, expect, it } from 'vitest';
import { loadTagger } from '../../src/frames/load-tagger.js';
import type { Lang, TagResult } from '../../src/types.js';

const tagger = loadTagger();

function tag(text: string, lang: Lang): TagResult {
  const r = tagger.tag(text, lang);
  for (const f of r.frames) for (const h of f.hits) expect(text.slice(h.start, h.end)).toBe(h.matched);
  return r;
}
const frameOf = (text: string, lang: Lang, id: string) => tag(text, lang).frames.find((f) => f.frame === id);
const rulesOf = (text: string, lang: Lang, id: string): string[] => [
  ...new Set((frameOf(text, lang, id)?.hits ?? []).flatMap((h) => (h.rule ? [h.rule] : []))),
];

type Pos = [frame: string, rule: string, lang: Lang, text: string];
type Neg = [frame: string, lang: Lang, text: string, why: string];

/** The frame is tagged and the named rule is among its evidence. */
function positives(rows: Pos[]): void {
  it.each(rows)('%s / %s [%s]: %s', (frame, rule, lang, text) => {
    expect(frameOf(text, lang, frame), 'frame tagged').toBeDefined();
    expect(rulesOf(text, lang, frame)).toContain(rule);
  });
}
/** The frame is not tagged. */
function negatives(rows: Neg[]): void {
  it.each(rows)('not %s [%s]: %s (%s)', (frame, lang, text) => {
    expect(frameOf(text, lang, frame)).toBeUndefined();
  });
}

describe('puppet_foreign_agent', () => {
  positives([
    ['puppet_foreign_agent', 'subordinate_to_power', 'eng', 'The Islamic State says the Taliban are nothing but servants who obey Washington and Islamabad.'],
    ['puppet_foreign_agent', 'subordinate_to_power', 'eng', 'ISKP claims the Taliban were handed power by the Americans in exchange for guarding their interests.'],
    ['puppet_foreign_agent', 'subordinate_to_power', 'eng', 'The new video describes the Taliban as followers of the Jews.'],
    ['puppet_foreign_agent', 'subordinate_to_power', 'eng', 'The article says the Taliban militias copy their unbeliever bosses in every matter of state.'],
    ['puppet_foreign_agent', 'subordinate_to_power', 'arb', 'ميليشيا طالبان ليست إلا أداة بيد المخابرات الباكستانية تنفذ ما يملى عليها.'],
    ['puppet_foreign_agent', 'subordinate_to_power', 'prs', 'طالبان نوکران پاکستان و امریکا هستند و به دستور آنها می‌جنگند.'],
    ['puppet_foreign_agent', 'subordinate_to_power', 'pus', 'طالبان د پاکستاني استخباراتو مزدوران دي.'],
    // a report that names the group with "Daesh" first: the generic rule is blocked, the anchored one is not
    ['puppet_foreign_agent', 'iskp_says_taliban_subordinate', 'arb', 'اتهم داعش حركة طالبان بأنها عميلة لأمريكا وباكستان.'],
    ['puppet_foreign_agent', 'iskp_says_taliban_subordinate', 'eng', 'In its latest video Daesh calls the Taliban slaves of the Crusaders.'],
    ['puppet_foreign_agent', 'iskp_says_taliban_installed', 'prs', 'داعش ادعا کرده است که رهبران طالبان از سوی استخبارات پاکستان گماشته می‌شوند.'],
    ['puppet_foreign_agent', 'taliban_works_with_spies', 'eng', 'The speaker accuses the Taliban of working closely with Pakistan\'s spy agency.'],
    ['puppet_foreign_agent', 'serves_foreign_interests', 'eng', 'The speaker said the Taliban now serve American interests better than the old regime did.'],
    ['puppet_foreign_agent', 'serves_foreign_interests', 'arb', 'أصبحت ميليشيا طالبان تحرس المصالح الأمريكية في المنطقة.'],
    ['puppet_foreign_agent', 'serves_foreign_interests', 'prs', 'طالبان امروز حافظ منافع امریکا و پاکستان در افغانستان هستند.'],
    ['puppet_foreign_agent', 'serves_foreign_interests', 'pus', 'طالبان د امریکا د ګټو ساتنه کوي او جهاد یې هېر کړی.'],
  ]);
  negatives([
    ['puppet_foreign_agent', 'eng', 'The Islamic Emirate said its forces killed Daesh agents of foreign intelligence in Nangarhar.', 'aimed at ISKP'],
    ['puppet_foreign_agent', 'arb', 'قال المتحدث باسم الإمارة الإسلامية إن الخوارج أدوات بيد المخابرات الأجنبية.', 'Khawarij: the Taliban voice'],
    ['puppet_foreign_agent', 'arb', 'أكدت الإمارة الإسلامية أن داعش صنيعة المخابرات الأمريكية وأداة بيد أعداء الإسلام.', 'ISKP named after the Taliban'],
    ['puppet_foreign_agent', 'prs', 'امارت اسلامی می‌گوید داعش ابزار دست امریکا و استخبارات منطقه است.', 'aimed at ISKP'],
    ['puppet_foreign_agent', 'pus', 'اسلامي امارت وايي چې داعش د امریکا د استخباراتو وسیله ده.', 'aimed at ISKP'],
    ['puppet_foreign_agent', 'eng', 'Russia\'s Wagner mercenaries served as proxies of the Kremlin in Africa.', 'no Taliban'],
    ['puppet_foreign_agent', 'eng', 'Taliban officials watched a puppet show with American cartoon characters at the Kabul theatre.', 'theatre'],
    ['puppet_foreign_agent', 'eng', 'Analysts say the Taliban portray ISKP as an instrument of hostile foreign spy agencies.', 'ISKP is the tool'],
    ['puppet_foreign_agent', 'eng', 'The Taliban pledged to protect Chinese investments in the copper mine.', 'Chinese investment is news'],
    ['puppet_foreign_agent', 'eng', 'Pakistan will protect its national interests, the foreign office said in response to the Taliban.', 'a country\'s own interests'],
    ['puppet_foreign_agent', 'arb', 'وصل وفد من حركة طالبان إلى الدوحة لإجراء محادثات حول المساعدات.', 'لإجراء is a procedure, not hirelings'],
  ]);
  it('"goal" in the sentence does not veto the frame (only sport and shows do)', () => {
    expect(frameOf('The Taliban are puppets of America whose goal is to destroy the true jihad.', 'eng', 'puppet_foreign_agent')).toBeDefined();
  });
});

describe('alliance_with_unbelievers', () => {
  positives([
    ['alliance_with_unbelievers', 'ties_with_unbelievers', 'eng', 'The group condemns the collaboration of the militia with the unbelieving states.'],
    ['alliance_with_unbelievers', 'taliban_ties_with_unbelievers', 'eng', 'ISKP condemns the Taliban\'s friendship with the infidels of China and Russia.'],
    ['alliance_with_unbelievers', 'taliban_ties_with_unbelievers', 'eng', 'A new poster shows the Taliban\'s cooperation with non-Muslims as treason.'],
    ['alliance_with_unbelievers', 'ally_of_non_muslim_power', 'eng', 'The Islamic State mocks the Taliban as a faithful ally of the US and China.'],
    ['alliance_with_unbelievers', 'taliban_allied_with_power', 'eng', 'The video portrays the Taliban as friends of Moscow and Beijing.'],
    ['alliance_with_unbelievers', 'taliban_ties_with_unbelievers', 'arb', 'ووصف داعش طالبان بأنهم متعصبون للكفار.'],
    ['alliance_with_unbelievers', 'ally_of_non_muslim_power', 'arb', 'صارت طالبان صديقة للصين الشيوعية وحليفة لروسيا.'],
    ['alliance_with_unbelievers', 'taliban_unbelievers_ties_postposed', 'prs', 'طالبان با کشورهای کفر روابط دوستانه برقرار کرده‌اند.'],
    ['alliance_with_unbelievers', 'taliban_unbelievers_ties_postposed', 'pus', 'داعش طالبانو ته د کافرانو سره د دوستۍ تور لګوي.'],
    ['alliance_with_unbelievers', 'taliban_beg_for_recognition', 'eng', 'Pro-IS channels mock the Taliban for begging Moscow and Beijing for a seat at the table.'],
    ['alliance_with_unbelievers', 'taliban_beg_for_recognition', 'arb', 'طالبان تستجدي الاعتراف من عواصم الكفر.'],
    ['alliance_with_unbelievers', 'taliban_beg_for_recognition', 'prs', 'طالبان برای به رسمیت شناخته شدن به کشورهای کافر گدایی می‌کنند.'],
    ['alliance_with_unbelievers', 'taliban_beg_for_recognition', 'pus', 'طالبان د چین او روسیې دروازو ته د رسمیت لپاره سوال کوي.'],
    ['alliance_with_unbelievers', 'recognition_from_unbelievers', 'eng', 'The Taliban want recognition from the infidels more than the pleasure of Allah.'],
    ['alliance_with_unbelievers', 'recognition_from_unbelievers', 'arb', 'تسعى طالبان إلى نيل اعتراف دول الكفر.'],
    ['alliance_with_unbelievers', 'recognition_from_unbelievers', 'prs', 'طالبان از کشورهای کفر خواهان به رسمیت شناخته شدن هستند.'],
    ['alliance_with_unbelievers', 'recognition_from_unbelievers', 'pus', 'طالبان غواړي چې کافران یې په رسمیت وپېژني.'],
    ['alliance_with_unbelievers', 'iskp_condemns_taliban_ties', 'eng', 'ISKP condemned the Taliban for deepening relations with China and Russia.'],
    ['alliance_with_unbelievers', 'iskp_condemns_taliban_ties', 'arb', 'انتقد التنظيم طالبان بسبب علاقاتها مع الهند.'],
    ['alliance_with_unbelievers', 'iskp_condemns_taliban_ties', 'prs', 'داعش طالبان را به خاطر روابط با چین و روسیه محکوم کرد.'],
    ['alliance_with_unbelievers', 'iskp_condemns_taliban_ties_postposed', 'pus', 'داعش طالبان د چین سره د اړیکو له امله غندلي.'],
    ['alliance_with_unbelievers', 'iskp_condemns_taliban_ties_postposed', 'prs', 'داعش طالبان را متهم می‌کند که با چین روابط نزدیک دارند.'],
    ['alliance_with_unbelievers', 'ties_with_oppressors_of_muslims', 'eng', 'The Taliban strengthen relations with China even as Beijing persecutes the Uyghurs, the magazine says.'],
    ['alliance_with_unbelievers', 'ties_with_oppressors_of_muslims', 'arb', 'توطد طالبان علاقاتها مع الهند التي تضطهد المسلمين في كشمير.'],
    ['alliance_with_unbelievers', 'ties_with_oppressors_of_muslims', 'prs', 'طالبان روابط خود را با روسیه گسترش می‌دهند، کشوری که قاتلان مسلمانان است.'],
    ['alliance_with_unbelievers', 'ties_with_oppressors_of_muslims', 'pus', 'طالبان له چین سره اړیکې ټینګوي، هغه چین چې مسلمانان ځوروي.'],
  ]);
  negatives([
    ['alliance_with_unbelievers', 'eng', 'China and Pakistan reaffirmed their all-weather alliance during the visit.', 'no unbelievers, no Taliban'],
    ['alliance_with_unbelievers', 'eng', 'Zabihullah Mujahid said Afghanistan wants good relations with all countries, including China and Russia.', 'diplomacy news'],
    ['alliance_with_unbelievers', 'eng', 'The health ministry works with non-Muslim aid groups to vaccinate children.', '"non-Muslim" is neutral'],
    ['alliance_with_unbelievers', 'arb', 'قالت الأمم المتحدة إن على طالبان احترام حقوق المرأة.', 'المتحدة is not an ally'],
    ['alliance_with_unbelievers', 'arb', 'بحثت طالبان مع الصين تعزيز التعاون الاقتصادي والاستثمار في مناجم النحاس.', 'trade news'],
    ['alliance_with_unbelievers', 'prs', 'ایالات متحده امریکا کمک‌های بشردوستانه به افغانستان را ادامه می‌دهد.', 'متحده is "united"'],
    ['alliance_with_unbelievers', 'pus', 'طالبانو وویل چې له ټولو هېوادونو سره ښې اړیکې غواړي، په شمول د چین او روسیې.', 'diplomacy news'],
    ['alliance_with_unbelievers', 'eng', 'During the Crusades, the Crusaders formed an alliance with the Armenian kingdom against Saladin.', 'history'],
    ['alliance_with_unbelievers', 'eng', 'The Taliban again asked the United Nations to give them Afghanistan\'s seat.', 'recognition news without scorn'],
    ['alliance_with_unbelievers', 'prs', 'طالبان با امریکا علیه داعش همکاری استخباراتی دارند.', 'ISKP is the target, not the critic'],
    ['alliance_with_unbelievers', 'arb', 'لم تعترف الصين ولا روسيا بحكومة طالبان حتى الآن.', 'ولا is "nor", not ولاء'],
    ['alliance_with_unbelievers', 'eng', 'The Taliban foreign minister met officials of the Chinese Communist Party to discuss trade ties.', 'diplomacy news'],
    ['alliance_with_unbelievers', 'eng', 'China asked the Taliban to act against Uyghur militants as economic relations deepened.', 'Uyghur militants in security news'],
  ]);
});

describe('rafidah_iran_shia', () => {
  positives([
    ['rafidah_iran_shia', 'taliban_allied_with_shia', 'eng', 'ISKP attacks the Taliban for their cooperation with the Shia of Herat.'],
    ['rafidah_iran_shia', 'taliban_allied_with_shia', 'arb', 'ويتهم داعش طالبان بالتحالف مع الشيعة في أفغانستان.'],
    ['rafidah_iran_shia', 'taliban_allied_with_shia', 'prs', 'طالبان با شیعیان و رژیم ایران همکاری می‌کنند.'],
    ['rafidah_iran_shia', 'taliban_allied_with_shia', 'pus', 'داعش وايي طالبان له ایران او شیعه ګانو سره همکاري کوي.'],
    ['rafidah_iran_shia', 'taliban_ties_with_iran', 'eng', 'The magazine notes Shiite Iran\'s support for the Taliban government.'],
    ['rafidah_iran_shia', 'taliban_ties_with_shia', 'eng', 'He condemns the ties between the Taliban and the Shiite rulers of Iran.'],
    // The frame is about the Taliban (its `ref`): the post names them.
    ['rafidah_iran_shia', 'shia_as_unbelievers', 'eng', 'The issue describes the Shi\'ites whom the Taliban shelter as mushrikeen who must be fought.'],
    ['rafidah_iran_shia', 'iskp_says_taliban_protect_shia', 'eng', 'ISKP accuses the Taliban of protecting the Shia and their processions.'],
    ['rafidah_iran_shia', 'iskp_says_taliban_protect_shia', 'prs', 'داعش طالبان را به حمایت از شیعیان متهم می‌کند.'],
    ['rafidah_iran_shia', 'taliban_allied_with_iran', 'eng', 'The Islamic State says the Taliban have become allies of Iran.'],
  ]);
  negatives([
    ['rafidah_iran_shia', 'eng', 'Shia clerics in Herat said they have good relations with the Taliban governor.', 'neutral relations'],
    ['rafidah_iran_shia', 'eng', 'Taliban police protected Shia mourners during Ashura in Kabul.', 'police protection is news'],
    ['rafidah_iran_shia', 'eng', 'After the Islamic State bombing, the Taliban vowed to protect Shia mosques in Kunduz.', 'attack news'],
    ['rafidah_iran_shia', 'eng', 'Hazaras, Shias and non-Muslims such as Sikhs have left the country.', 'non-Muslims is not a label of the Shia'],
    ['rafidah_iran_shia', 'eng', 'The Taliban and Iran discussed water rights and trade at a meeting in Tehran.', 'diplomacy news'],
    ['rafidah_iran_shia', 'arb', 'قال مسؤول في طالبان إن الحكومة تريد علاقات طيبة مع جميع دول الجوار بما فيها إيران.', 'diplomacy news'],
    ['rafidah_iran_shia', 'prs', 'طالبان به شیعیان اجازه دادند مراسم عاشورا را برگزار کنند.', 'news'],
    ['rafidah_iran_shia', 'pus', 'طالبانو د ایران سره د اوبو د حقابې په اړه خبرې وکړې.', 'news'],
    ['rafidah_iran_shia', 'eng', 'The Safavid dynasty made Shia Islam the state religion of Iran in the sixteenth century.', 'history'],
    ['rafidah_iran_shia', 'arb', 'أعلن الشاه إسماعيل المذهب الشيعي مذهبا رسميا لإيران الصفوية في القرن السادس عشر.', 'history'],
  ]);
});

describe('counterterrorism_cooperation', () => {
  positives([
    ['counterterrorism_cooperation', 'taliban_cooperates_with_us', 'eng', 'The Taliban have been quietly sharing intelligence with the United States about ISIS-K cells.'],
    ['counterterrorism_cooperation', 'taliban_cooperates_with_us', 'eng', 'The Taliban coordinated with American forces during the Kabul airport evacuation.'],
    ['counterterrorism_cooperation', 'taliban_cooperates_with_us', 'arb', 'تنسيق طالبان مع الأمريكان لملاحقة المجاهدين لم يعد سرا.'],
    ['counterterrorism_cooperation', 'taliban_ct_commitment', 'eng', 'Washington now treats the Taliban as a partner in the fight against ISIS.'],
    ['counterterrorism_cooperation', 'taliban_ct_commitment', 'eng', 'The envoy said the Taliban must meet their commitments, including counter-terrorism.'],
    ['counterterrorism_cooperation', 'taliban_ct_commitment', 'arb', 'وكانت الحركة قد تعهدت بمحاربة الإرهاب بعد سيطرتها على كابل.'],
    ['counterterrorism_cooperation', 'taliban_ct_commitment', 'prs', 'طالبان متعهد شده‌اند که با تروریسم مبارزه کنند.'],
    ['counterterrorism_cooperation', 'taliban_ct_commitment', 'pus', 'طالبانو ژمنه کړې چې د داعش پر ضد به مبارزه کوي.'],
    ['counterterrorism_cooperation', 'taliban_no_launch_pad', 'eng', 'A Taliban cleric warned militant groups not to use Afghanistan as a launch pad for attacks abroad.'],
    ['counterterrorism_cooperation', 'taliban_promise_on_militants', 'eng', 'The Taliban assured Washington that al-Qaeda would find no refuge in Afghanistan.'],
    ['counterterrorism_cooperation', 'hand_over_fighters', 'eng', 'The Taliban handed over foreign mujahideen to American intelligence, the statement claims.'],
    ['counterterrorism_cooperation', 'hand_over_fighters', 'arb', 'سلمت طالبان المجاهدين المهاجرين للصليبيين.'],
    ['counterterrorism_cooperation', 'hand_over_fighters', 'prs', 'طالبان مجاهدین را به دشمنان اسلام تحویل دادند.'],
    ['counterterrorism_cooperation', 'hand_over_fighters', 'pus', 'طالبانو مهاجر مجاهدین امریکایانو ته وسپارل.'],
    ['counterterrorism_cooperation', 'tackles_iskp_alone', 'eng', 'The Taliban insist they can confront Daesh on their own in the east.'],
    ['counterterrorism_cooperation', 'tackles_iskp_alone', 'arb', 'قال مسؤول في طالبان إن الإمارة قادرة على مواجهة داعش بمفردها.'],
    ['counterterrorism_cooperation', 'alone_tackles_iskp', 'eng', 'Kabul says it will independently deal with the Islamic State threat.'],
    ['counterterrorism_cooperation', 'taliban_bulwark_against_iskp', 'eng', 'Moscow now sees the Taliban as a bulwark against ISIS in Central Asia.'],
    ['counterterrorism_cooperation', 'taliban_bulwark_against_iskp', 'arb', 'ترى موسكو في طالبان حصنا ضد داعش في آسيا الوسطى.'],
    ['counterterrorism_cooperation', 'taliban_bulwark_against_iskp', 'prs', 'روسیه طالبان را شریک خود در مبارزه با داعش می‌داند.'],
    ['counterterrorism_cooperation', 'taliban_bulwark_against_iskp', 'pus', 'روسیه طالبان د داعش پر ضد خپل متحد بولي.'],
    ['counterterrorism_cooperation', 'taliban_guard_embassies', 'eng', 'ISKP says Taliban fighters now guard the embassies of Russia and China in Kabul.'],
    ['counterterrorism_cooperation', 'taliban_guard_embassies', 'arb', 'مقاتلو طالبان يحرسون سفارات الكفار في كابل.'],
    ['counterterrorism_cooperation', 'taliban_guard_embassies', 'prs', 'نیروهای طالبان از سفارت‌های کشورهای کافر نگهبانی می‌کنند.'],
    ['counterterrorism_cooperation', 'taliban_guard_embassies', 'pus', 'طالبان په کابل کې د بهرنیو سفارتونو ساتنه کوي.'],
    ['counterterrorism_cooperation', 'with_us_against_mujahideen', 'eng', 'The pamphlet says the Taliban help the Americans hunt down the mujahideen in Kunar.'],
    ['counterterrorism_cooperation', 'with_us_against_mujahideen', 'arb', 'تساعد طالبان الأمريكيين في ملاحقة المجاهدين في كونر.'],
    ['counterterrorism_cooperation', 'with_us_against_mujahideen', 'prs', 'طالبان برای سرکوب مجاهدین با امریکایی‌ها همدست شده‌اند.'],
    ['counterterrorism_cooperation', 'with_us_against_mujahideen', 'pus', 'طالبان د امریکایانو لپاره د مجاهدینو د ځپلو کار کوي.'],
    ['counterterrorism_cooperation', 'guardians_of_us_security', 'eng', 'The group claims the Taliban have become guardians of American security in the region.'],
    ['counterterrorism_cooperation', 'guardians_of_us_security', 'arb', 'يقول التنظيم إن طالبان صارت حارسة لأمن أمريكا في المنطقة.'],
    ['counterterrorism_cooperation', 'guardians_of_us_security', 'prs', 'به گفته داعش طالبان نگهبانان امنیت امریکا در منطقه شده‌اند.'],
    ['counterterrorism_cooperation', 'guardians_of_us_security', 'pus', 'داعش وايي طالبان په سیمه کې د امریکا د امنیت ساتونکي شوي دي.'],
  ]);
  negatives([
    ['counterterrorism_cooperation', 'eng', 'Pakistan\'s counter-terrorism department arrested five TTP militants in Peshawar.', 'no Afghan Taliban'],
    ['counterterrorism_cooperation', 'eng', 'Police said the Pakistani Taliban will not stop their attacks despite counter-terrorism raids.', 'TTP'],
    ['counterterrorism_cooperation', 'eng', 'After the Taliban takeover, thousands of Afghans who had worked with US forces were evacuated.', 'the subject is not the Taliban'],
    ['counterterrorism_cooperation', 'eng', 'The Taliban said force would not be used against peaceful protesters.', 'bare "used against"'],
    ['counterterrorism_cooperation', 'eng', 'The Taliban promised the Americans to reopen the girls\' schools.', 'a promise that is not security'],
    ['counterterrorism_cooperation', 'arb', 'أعلنت وزارة الصحة التابعة لطالبان التزامها مع شركائها بالقضاء على شلل الأطفال.', 'polio partners'],
    ['counterterrorism_cooperation', 'prs', 'طالبان تعهد کردند که مکتب‌های دخترانه را باز کنند.', 'not security'],
    ['counterterrorism_cooperation', 'pus', 'طالبانو ژمنه وکړه چې د نجونو ښوونځي به بېرته پرانیزي.', 'not security'],
    ['counterterrorism_cooperation', 'prs', 'پاکستان صدها مهاجر افغان را در تورخم به طالبان تحویل داد.', 'refugees handed over are no fighters'],
    ['counterterrorism_cooperation', 'eng', 'Gunmen attacked the Pakistani embassy in Kabul and Taliban guards returned fire.', 'an attack on an embassy'],
    ['counterterrorism_cooperation', 'eng', 'America waged war on the mujahideen for twenty years, the Taliban spokesman said.', 'the Taliban voice about the US war'],
    ['counterterrorism_cooperation', 'eng', 'The US handed over the Bagram prison, holding thousands of Taliban mujahideen, to the Afghan government.', 'the US as the actor'],
    ['counterterrorism_cooperation', 'eng', 'For twenty years the American occupiers hunted down the mujahideen, the Taliban spokesman said.', 'the Taliban voice about the occupation'],
    ['counterterrorism_cooperation', 'eng', 'ISKP fighters operate on their own in small cells, the report found.', 'alone, but nobody takes ISKP on'],
  ]);
});

describe('doha_agreement', () => {
  positives([
    ['doha_agreement', 'taliban_us_agreement', 'arb', 'تمضي مفاوضات الصليبيين مع طالبان حول مستقبل القواعد العسكرية.'],
    ['doha_agreement', 'taliban_us_agreement', 'eng', 'The Taliban\'s agreement with the Crusaders betrayed the blood of the mujahideen, the group said.'],
    ['doha_agreement', 'taliban_us_agreement', 'prs', 'داعش مذاکرات طالبان با امریکا را خیانت به جهاد می‌داند.'],
    ['doha_agreement', 'taliban_us_agreement', 'pus', 'طالبانو له امریکایانو سره کلونه مذاکرات وکړل.'],
    ['doha_agreement', 'taliban_peace_agreement', 'eng', 'A Taliban spokesman said the movement still honours the peace agreement it signed.'],
    ['doha_agreement', 'taliban_peace_agreement', 'arb', 'قال متحدث باسم طالبان إن الحركة ملتزمة باتفاق السلام الذي وقعته.'],
    ['doha_agreement', 'taliban_peace_agreement', 'prs', 'سخنگوی طالبان گفت این گروه به توافقنامه صلح پایبند است.'],
    ['doha_agreement', 'taliban_peace_agreement', 'pus', 'د طالبانو ویاند وویل چې دوی د سولې تړون ته ژمن دي.'],
    ['doha_agreement', 'taliban_deal_in_qatar', 'eng', 'The Taliban signed away the fruits of jihad in Qatar, the narrator says.'],
    ['doha_agreement', 'taliban_deal_in_qatar', 'arb', 'وقعت طالبان في قطر على وثيقة الاستسلام.'],
    ['doha_agreement', 'taliban_deal_in_qatar', 'prs', 'طالبان در قطر سند تسلیمی را امضا کردند.'],
    ['doha_agreement', 'taliban_deal_in_qatar', 'pus', 'طالبانو په قطر کې د تسلیمۍ سند لاسلیک کړ.'],
    ['doha_agreement', 'taliban_us_agreement', 'eng', 'Washington and the Taliban sealed a landmark deal after months of talks, officials said.'],
    ['doha_agreement', 'deal_of_2020', 'eng', 'Under the agreement signed with Washington in February 2020, the movement promised to cut its ties with foreign fighters.'],
  ]);
  negatives([
    ['doha_agreement', 'eng', 'Qatar beat Afghanistan 3-0 in the World Cup qualifier in Doha.', 'sport'],
    ['doha_agreement', 'eng', 'Qatar signed a trade deal with the United States for LNG exports.', 'trade'],
    ['doha_agreement', 'eng', 'India signed an agreement with the United States on defence production.', 'a US deal without the Taliban'],
    ['doha_agreement', 'eng', 'The US said it would not hold talks with the Taliban until they cut ties with al-Qaeda.', 'bare "talks"'],
    ['doha_agreement', 'eng', 'Biden signed an executive order on frozen Afghan assets claimed by the Taliban.', '"signed" is no agreement'],
    ['doha_agreement', 'arb', 'وقعت قطر اتفاقية تجارية مع الصين لتصدير الغاز المسال.', 'trade'],
    ['doha_agreement', 'eng', 'The Taliban signed a contract with a Qatari company to run Kabul airport.', 'a Qatari trade contract'],
    ['doha_agreement', 'eng', 'The Taliban and Qatar signed a memorandum on civil aviation in Doha on Monday.', 'Qatar\'s other dealings'],
    ['doha_agreement', 'prs', 'طالبان و قطر در دوحه تفاهم‌نامه هوانوردی ملکی امضا کردند.', 'Qatar\'s other dealings'],
    ['doha_agreement', 'eng', 'The Taliban hosted talks on a peace agreement between the TTP and Islamabad.', 'the TTP\'s peace talks with Pakistan'],
    ['doha_agreement', 'eng', 'A ceasefire agreement signed in October 2020 ended the war between the two rival governments in Libya.', 'another agreement of 2020'],
    ['doha_agreement', 'arb', 'نص اتفاق وقف إطلاق النار الموقع في أكتوبر 2020 على خروج جميع المقاتلين الأجانب من ليبيا.', 'another agreement of 2020'],
  ]);
});

describe('taghut_manmade_law', () => {
  positives([
    ['taghut_manmade_law', 'manmade_system_is_kufr', 'eng', 'The Taliban leaders praised the elections in Turkey, though democracy is unbelief.'],
    ['taghut_manmade_law', 'manmade_system_is_kufr', 'eng', 'A militia of the international unbeliever community that accepts democracy, the editorial says.'],
    ['taghut_manmade_law', 'manmade_system_is_kufr', 'arb', 'طالبان تقبل بالدستور والانتخابات وهي من دين الكفر.'],
    ['taghut_manmade_law', 'manmade_system_is_kufr', 'prs', 'طالبان به قوانین کفری سازمان ملل تن داده‌اند.'],
    ['taghut_manmade_law', 'manmade_system_is_kufr', 'pus', 'طالبان د ملګرو ملتونو کفري قوانین مني.'],
    ['taghut_manmade_law', 'taliban_not_ruling_by_sharia', 'eng', 'The magazine says the Taliban do not rule by the Sharia but by the whims of their leaders.'],
    ['taghut_manmade_law', 'taliban_not_ruling_by_sharia', 'arb', 'يقول التنظيم إن طالبان لا تحكم بشرع الله في محاكمها.'],
    ['taghut_manmade_law', 'taliban_not_ruling_by_sharia', 'prs', 'به گفته داعش، طالبان به شریعت حکم نمی‌کنند.'],
    ['taghut_manmade_law', 'taliban_not_ruling_by_sharia', 'pus', 'د داعش په وینا طالبان د شریعت له مخې حکم نه کوي.'],
    ['taghut_manmade_law', 'taliban_accept_manmade_law', 'eng', 'The Taliban have accepted international law and the charter of the United Nations, the editorial says.'],
    ['taghut_manmade_law', 'taliban_accept_manmade_law', 'arb', 'قبلت طالبان بالقانون الدولي ومواثيق الأمم المتحدة.'],
    ['taghut_manmade_law', 'taliban_accept_manmade_law', 'prs', 'طالبان قوانین بین‌المللی را پذیرفته‌اند.'],
    ['taghut_manmade_law', 'taliban_accept_manmade_law', 'pus', 'طالبانو نړیوال قوانین ومنل.'],
  ]);
  negatives([
    ['taghut_manmade_law', 'eng', 'The elections in India were the largest democratic exercise in history.', 'news'],
    ['taghut_manmade_law', 'eng', 'A UN report describes the situation of non-Muslim minorities and elections in Pakistan.', '"non-Muslim" is neutral'],
    ['taghut_manmade_law', 'arb', 'دعت الأمم المتحدة إلى انتخابات ديمقراطية في ميانمار.', 'news'],
    ['taghut_manmade_law', 'eng', 'The Taliban say they rule by the Sharia in every province.', 'no negation of the Sharia'],
    ['taghut_manmade_law', 'eng', 'The Taliban accepted flood aid from the United Nations.', 'UN aid is no law'],
    ['taghut_manmade_law', 'prs', 'طالبان می‌گویند قانون اساسی جمهوریت سابق تا بررسی علما معلق نگه داشته شده است.', 'the constitution suspended'],
  ]);
});

describe('nationalism_vs_global_jihad', () => {
  positives([
    ['nationalism_vs_global_jihad', 'taliban_nationalist', 'arb', 'طالبان حركة قومية تمثل البشتون وحدهم.'],
    ['nationalism_vs_global_jihad', 'taliban_nationalist', 'pus', 'طالبان یوه قومپاله پښتنه ډله ده.'],
    ['nationalism_vs_global_jihad', 'taliban_nationalist', 'prs', 'داعش طالبان را یک جنبش ملی پشتون می‌خواند.'],
    ['nationalism_vs_global_jihad', 'taliban_outside_global_jihad', 'arb', 'استضافت طالبان القاعدة ولم تشارك في الجهاد العالمي.'],
    ['nationalism_vs_global_jihad', 'homeland_not_ummah', 'eng', 'ISKP says the Taliban fight only for their homeland and its borders, not for the ummah.'],
    ['nationalism_vs_global_jihad', 'struggle_confined_to_homeland', 'eng', 'ISKP says the Taliban\'s struggle is confined to the borders of their homeland.'],
    ['nationalism_vs_global_jihad', 'struggle_confined_to_homeland', 'arb', 'جهاد طالبان محصور في حدود أفغانستان كما يقول التنظيم.'],
    ['nationalism_vs_global_jihad', 'struggle_confined_to_homeland', 'prs', 'جهاد طالبان به مرزهای افغانستان محدود است.'],
    ['nationalism_vs_global_jihad', 'struggle_confined_to_homeland', 'pus', 'د طالبانو جګړه یوازې د خپل قوم او وطن تر پولو پورې محدوده ده.'],
  ]);
  negatives([
    ['nationalism_vs_global_jihad', 'eng', 'The Taliban arrested two Pashtun nationalist activists in Kandahar.', 'party politics'],
    ['nationalism_vs_global_jihad', 'eng', 'The Pashtun nationalist Awami National Party won seats in Khyber Pakhtunkhwa.', 'party politics'],
    ['nationalism_vs_global_jihad', 'arb', 'أكد طالبان أهمية الأمن القومي والوحدة الوطنية في أفغانستان.', 'the adjective "national"'],
    ['nationalism_vs_global_jihad', 'arb', 'اعتقلت طالبان ناشطين من حزب قومي بشتوني في قندهار.', 'party politics'],
    ['nationalism_vs_global_jihad', 'prs', 'طالبان با بزرگان قومی در ولایت پکتیا دیدار کردند.', 'tribal elders'],
    ['nationalism_vs_global_jihad', 'eng', 'The Taliban\'s control is limited to the cities, while the borders remain porous.', 'no struggle confined'],
  ]);
});

describe('deobandi_sufi_shirk', () => {
  positives([
    ['deobandi_sufi_shirk', 'taliban_protect_shirk_sites', 'eng', 'The speaker accuses the Taliban of protecting shrines he calls un-Islamic.'],
    ['deobandi_sufi_shirk', 'taliban_protect_shirk_sites', 'arb', 'تحافظ طالبان على تماثيل البوذية وهي عمل وثني.'],
    ['deobandi_sufi_shirk', 'taliban_protect_shirk_sites', 'prs', 'طالبان از زیارتگاه‌ها که محل شرک است نگهداری می‌کنند.'],
    ['deobandi_sufi_shirk', 'taliban_protect_shirk_sites', 'pus', 'طالبان د زیارتونو ساتنه کوي چې هلته شرک کېږي.'],
    ['deobandi_sufi_shirk', 'guardians_of_shirk', 'eng', 'The cover story calls them the guardians of shirk.'],
    ['deobandi_sufi_shirk', 'guardians_of_shirk', 'arb', 'هؤلاء حماة الشرك في خراسان.'],
    ['deobandi_sufi_shirk', 'taliban_grave_practices', 'eng', 'The pamphlet says Taliban commanders seek blessings at the graves of saints.'],
    ['deobandi_sufi_shirk', 'taliban_grave_practices', 'arb', 'قادة طالبان يتبركون بالقبور ويطوفون بها.'],
    ['deobandi_sufi_shirk', 'taliban_grave_practices', 'prs', 'ملاهای طالبان برای تبرک به زیارتگاه‌ها می‌روند.'],
    ['deobandi_sufi_shirk', 'taliban_grave_practices', 'pus', 'د طالبانو قوماندانان د زیارتونو څخه تبرک غواړي.'],
  ]);
  negatives([
    ['deobandi_sufi_shirk', 'eng', 'Most Taliban leaders graduated from Deobandi madrasas in Pakistan.', 'neutral description of the school'],
    ['deobandi_sufi_shirk', 'eng', 'The Deobandi movement emerged in India in 1867 as a reformist current.', 'neutral history'],
    ['deobandi_sufi_shirk', 'eng', 'The ministry of culture announced plans to preserve the Buddha statues of Bamiyan.', 'heritage news'],
    ['deobandi_sufi_shirk', 'prs', 'وزارت اطلاعات و فرهنگ از حفاظت آثار تاریخی بامیان خبر داد.', 'heritage news'],
    ['deobandi_sufi_shirk', 'eng', 'The imam warned that shirk and bid\'ah destroy the faith of believers.', 'a sermon: shirk words need a creed, group or site'],
    ['deobandi_sufi_shirk', 'arb', 'حذر الخطيب في خطبة الجمعة من الشرك والبدع والمبتدعة.', 'a sermon'],
    ['deobandi_sufi_shirk', 'pus', 'خطیب وویل چې شرک تر ټولو لویه ګناه ده.', 'a sermon'],
    ['deobandi_sufi_shirk', 'eng', 'The Taliban banned the practice of seeking blessings at shrines in Herat.', 'the Taliban banning it'],
  ]);
  it('shirk words still count against a creed or a site', () => {
    expect(frameOf('The Taliban tolerate shirk and the bid\'ah of the Sufis, the magazine says.', 'eng', 'deobandi_sufi_shirk')).toBeDefined();
  });
});

describe('apostasy', () => {
  positives([
    ['apostasy', 'declared_unbelievers', 'eng', 'ISKP declared the Taliban infidels and called for their killing.'],
    ['apostasy', 'declared_unbelievers', 'arb', 'يعتبر التنظيم طالبان كفارا.'],
    ['apostasy', 'deemed_unbelievers_verb_final', 'prs', 'داعش طالبان را کافر می‌داند.'],
    ['apostasy', 'deemed_unbelievers_verb_final', 'pus', 'داعش طالبان کافران بولي.'],
    ['apostasy', 'takfir_of_taliban', 'eng', 'The group\'s takfir of the Taliban began in 2015.'],
    ['apostasy', 'takfir_of_taliban', 'arb', 'أصدر التنظيم بيانا في تكفير طالبان.'],
    ['apostasy', 'went_out_of_religion', 'arb', 'خرجت حكومة طالبان بذلك من ملة الإسلام.'],
    ['apostasy', 'went_out_of_religion', 'arb', 'لقد خرجت ميليشيا طالبان من الدين بموالاة الصليبيين.'],
    ['apostasy', 'left_islam_pashto', 'pus', 'د طالبانو مشران د امریکا په ملګرتیا له دینه وتلي دي.'],
    ['apostasy', 'left_islam_pashto', 'pus', 'داعش وايي طالبان له اسلام نه اوښتي دي.'],
    ['apostasy', 'taliban_government_of_apostasy', 'arb', 'يقول الكاتب إن نظام طالبان نظام ردة صريحة.'],
    ['apostasy', 'taliban_government_of_apostasy', 'pus', 'د داعش په وینا د طالبانو اداره د ارتداد اداره ده.'],
    ['apostasy', 'taliban_government_of_apostasy', 'eng', 'The editorial speaks of the Taliban\'s apostasy as a settled matter.'],
    ['apostasy', 'taliban_government_of_apostasy', 'prs', 'نویسنده از ارتداد طالبان به عنوان یک امر قطعی سخن می‌گوید.'],
  ]);
  negatives([
    ['apostasy', 'eng', 'The historian noted that Emperor Julian the Apostate died in 363.', 'history'],
    ['apostasy', 'arb', 'قاد أبو بكر الصديق حروب الردة بعد وفاة النبي.', 'the Ridda wars'],
    ['apostasy', 'eng', 'The Taliban described the Americans as infidel occupiers.', 'the Taliban are the speaker'],
    ['apostasy', 'eng', 'ISKP calls the Taliban allies of the infidels.', 'alliance, not takfir'],
    ['apostasy', 'eng', 'The Taliban condemned the takfir preached by the Khawarij.', 'takfir of others'],
    ['apostasy', 'eng', 'During the Ridda wars the Muslim armies fought apostate tribes across Arabia.', 'the Ridda wars'],
    ['apostasy', 'prs', 'در جنگ‌های رده، سپاه مسلمانان با مرتدین قبایل عرب جنگید.', 'the Ridda wars'],
    ['apostasy', 'pus', 'د ارتداد جګړو کې صحابه کرامو له مرتدینو سره مبارزه وکړه.', 'the Ridda wars'],
    ['apostasy', 'prs', 'خوارج از دین بیرون می‌روند چنانکه تیر از کمان بیرون می‌رود.', 'the arrow hadith is the khawarij label'],
    ['apostasy', 'pus', 'خوارج هر هغه څوک مرتد بولي چې د دوی بیعت ونه کړي.', 'the Khawarij declaring others apostates is takfiri, not this frame'],
  ]);
});

describe('murjia_irja', () => {
  it('Murji\'a in an ISKP charge about the Taliban is tagged', () => {
    expect(frameOf('The Islamic State calls the scholars who defend the Taliban the Murji\'a of our age.', 'eng', 'murjia_irja')).toBeDefined();
    expect(frameOf('علماء السوء هم مرجئة العصر الذين يدافعون عن الطواغيت.', 'arb', 'murjia_irja')).toBeDefined();
  });
  negatives([
    ['murjia_irja', 'eng', 'In early Islamic history the Murji\'a postponed judgement on grave sinners.', 'history'],
    ['murjia_irja', 'eng', 'Scholars at the conference discussed the Murji\'a and the Khawarij as early sects.', 'history'],
    ['murjia_irja', 'eng', 'The scholars who held this view became known as the postponers, or murjia.', 'no actor reference'],
  ]);
});
