// Content tests for the project lexicons (lexicons/*.yaml): they load cleanly, cover the issue's frames,
// keep the known precision traps out and still tag the frames' core vocabulary in all four languages.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLexicons } from '../../src/frames/check-lexicons.js';
import { loadTagger } from '../../src/frames/load-tagger.js';
import { evaluateFrames, parseFramesJsonl } from '../../src/eval/eval-frames.js';
import { detectLanguage } from '../../src/language/detect.js';
import { SHARED_DIR } from '../../src/paths.js';
import type { Lang } from '../../src/types.js';
import { ISSUE_FRAMES } from '../helpers/issue-frames.js';


const tagger = loadTagger();
const framesOf = (text: string, lang: Lang): string[] => tagger.tag(text, lang).frames.map((f) => f.frame).sort();

describe('project lexicons', () => {
  it('validate without errors or warnings', () => {
    const check = checkLexicons();
    expect(check.errors).toEqual([]);
    expect(check.warnings).toEqual([]);
    for (const lang of ['eng', 'arb', 'pus', 'prs'] as const) expect(check.stats.terms[lang]).toBeGreaterThan(100);
  });

  it('define every frame of the issue', () => {
    const ids = tagger.frames().map((f) => f.id);
    for (const id of ISSUE_FRAMES) expect(ids).toContain(id);
  });
});

// Precision traps: each line mentions a frame word in a sense that is not the frame.
const NEUTRAL: [Lang, string][] = [
  ['eng', 'The children laughed all through the puppet show at the school fair.'],
  ['eng', 'My travel agent found a cheaper flight through Istanbul.'],
  ['eng', 'We stayed at a hotel in Doha with a lovely view of the corniche.'],
  ['eng', 'Al-Qaeda was founded at the end of the 1980s.'],
  ['eng', 'Pakistani troops raided a militant hideout in Bajaur and killed three ISKP fighters.'],
  ['eng', 'The court dropped the sedition charges against the two journalists.'],
  ['eng', "China's treatment of the Uyghurs in Xinjiang drew new criticism at the UN."],
  ['eng', 'Pakistan said it will cooperate with the United States on trade and energy.'],
  ['eng', 'Scottish nationalists won a majority of seats in the regional parliament.'],
  ['eng', 'An American project will pave the road between the two villages.'],
  ['arb', 'ظهرت الممثلة في المهرجان مرتدية ثوبا أحمر.'],
  ['arb', 'قررت اللجنة إرجاء الاجتماع إلى الأسبوع القادم.'],
  ['arb', 'تحتاج شركات المقاولات إلى مزيد من العمالة الوافدة.'],
  ['arb', 'القاعدة الذهبية في التداول هي عدم المخاطرة بكل رأس المال.'],
  ['arb', 'الفتنة أشد من القتل كما جاء في القرآن الكريم.'],
  ['arb', 'يعمل والده عاملا أجيرا في مزرعة قريبة.'],
  ['arb', 'تم افتتاح مشروع نظام الري الجديد في المحافظة.'],
  ['prs', 'او کتاب‌ها را به کتابخانه برده است.'],
  ['prs', 'وزیر امور خارجه برای یک سفر خارجی به ترکیه رفت.'],
  ['prs', 'قطر برای بازسازی مکتب‌ها در هرات کمک مالی اعلام کرد.'],
  ['prs', 'علی به حیث رئیس جدید پوهنتون گماشته شد.'],
  ['prs', 'غلام سخی در بازار میوه می‌فروشد.'],
  ['pus', 'مزدوران وايي چې په ښار کې کار نشته.'],
  ['pus', 'د قبیلوي مشرانو جرګه په کندهار کې جوړه شوه.'],
];

// One line per frame, in each language the frame is typical of: the core vocabulary must tag.
const FRAMED: [Lang, string, string][] = [
  ['eng', 'apostasy', 'The apostates of the Taliban have left the fold of Islam.'],
  ['arb', 'apostasy', 'حكومة طالبان المرتدة تحارب الموحدين.'],
  ['eng', 'puppet_foreign_agent', 'The Taliban are nothing but puppets and stooges of Washington.'],
  ['prs', 'puppet_foreign_agent', 'طالبان دست‌نشاندگان امریکا هستند.'],
  ['pus', 'puppet_foreign_agent', 'طالبان د امریکا ګوډاګي دي.'],
  ['arb', 'doha_agreement', 'سلموا البلاد للصليبيين بعد اتفاق الدوحة.'],
  ['pus', 'doha_agreement', 'طالبانو د دوحې تړون لاسلیک کړ.'],
  ['eng', 'counterterrorism_cooperation', 'They now cooperate with the Americans against the mujahideen.'],
  ['eng', 'nationalism_vs_global_jihad', 'The Taliban replaced jihad with Pashtun nationalism and tribal laws.'],
  ['arb', 'taghut_manmade_law', 'إنهم يحكمون بالقوانين الوضعية ويوالون الطواغيت.'],
  ['arb', 'murjia_irja', 'هؤلاء هم مرجئة العصر الذين يبررون للحكام.'],
  ['eng', 'deobandi_sufi_shirk', 'Their Deobandi creed tolerates grave worship.'],
  ['arb', 'rafidah_iran_shia', 'تحمي طالبان الروافض وتتقرب إلى إيران.'],
  ['eng', 'alliance_with_unbelievers', 'The Taliban keep silent about the Uyghurs to please Beijing.'],
  ['eng', 'caliphate_claim', 'Come and join the caliphate, soldiers of the Khilafah are waiting.'],
  ['prs', 'khawarij', 'نیروهای امنیتی یک مخفیگاه خوارج را در ننگرهار از بین بردند.'],
  ['pus', 'khawarij', 'د خوارجو یوه ډله ونیول شوه.'],
  ['arb', 'daesh_label', 'الدواعش لا يمثلون الإسلام.'],
  ['prs', 'fitna_sedition', 'داعش یک فتنه است که امت را تهدید می‌کند.'],
  ['eng', 'takfiri_extremism', 'These takfiri gangs shed the blood of Muslims in mosques.'],
  ['arb', 'foreign_intelligence_project', 'داعش مشروع أمريكي وصنيعة المخابرات.'],
  ['arb', 'pakistan_sponsorship_haven', 'لدى الخوارج معسكرات تدريب في بلوشستان الباكستانية.'],
  ['arb', 'mercenaries', 'هؤلاء المرتزقة الدواعش يقتلون من أجل المال.'],
  ['eng', 'foreign_outsider', 'Daesh is a foreign group led by non-Afghans.'],
  ['eng', 'iskp_defeated', 'Daesh has been defeated and is no longer a threat.'],
  ['prs', 'emirate_legitimacy', 'اطاعت از امیرالمؤمنین بر همه مسلمانان واجب است.'],
  ['eng', 'aq_presence_denial', 'The Emirate denied any al-Qaeda presence and said there is no threat from Afghan soil.'],
  ['eng', 'ttp_pakistan_dispute', 'Islamabad now officially calls the TTP Fitna al-Khawarij.'],
];

describe('precision traps', () => {
  it.each(NEUTRAL)('[%s] %s → no frame', (lang, text) => {
    expect(framesOf(text, lang)).toEqual([]);
  });

  it('routes "Fitna al-Khawarij" to the TTP dispute, not to khawarij or fitna', () => {
    const got = framesOf('Pakistan has renamed the group Fitna al-Khawarij.', 'eng');
    expect(got).toContain('ttp_pakistan_dispute');
    expect(got).not.toContain('khawarij');
    expect(got).not.toContain('fitna_sedition');
  });

  it('reads the compound label داعش الخوارج as both labels: the name Daesh is itself the daesh_label frame', () => {
    expect(framesOf('قاتلوا داعش الخوارج في كل مكان.', 'arb')).toEqual(['daesh_label', 'khawarij']);
  });
});

describe('core vocabulary', () => {
  it.each(FRAMED)('[%s] %s: %s', (lang, frame, text) => {
    expect(framesOf(text, lang)).toContain(frame);
  });
});

const DEV = join(SHARED_DIR, 'data', 'frames-dev.jsonl');

describe.skipIf(!existsSync(DEV))('dev set (../shared/data/frames-dev.jsonl)', () => {
  it('reaches micro-F1 >= 0.85 with a neutral false-positive rate <= 2%', () => {
    const lines = parseFramesJsonl(readFileSync(DEV, 'utf8'), DEV);
    const { report } = evaluateFrames(lines, tagger, detectLanguage);
    expect(report.micro.f1).toBeGreaterThanOrEqual(0.85);
    expect(report.neutralFalsePositiveRate).toBeLessThanOrEqual(0.02);
  });
});
