import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../src/language/detect.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import type { Lang } from '../../src/types.js';
import { tempDir } from '../helpers/temp-store.js';

type Row = [text: string, lang: Lang, reason?: string];

function check(text: string, lang: Lang, reason?: string): void {
  const r = detectLanguage(text);
  expect(r.lang, `${text} -> ${JSON.stringify(r)}`).toBe(lang);
  if (reason) expect(r.reason).toBe(reason);
  expect(r.confidence).toBeGreaterThanOrEqual(0);
  expect(r.confidence).toBeLessThanOrEqual(1);
}

describe('detectLanguage: one row per rule', () => {
  const rows: Row[] = [
    // Pashto-only letters decide even a very short post.
    ['ښه خبر دی', 'pus', 'script:pashto-letters'],
    ['زه ښار ته ځم', 'pus', 'script:pashto-letters'],
    // Pashto function words without a single Pashto-only letter.
    ['دا خبر هم له هغه وروسته راغی', 'pus', 'words:pashto'],
    ['د افغانستان په ختیځ کې د سیلابونو له امله لسګونه کورونه ویجاړ شوي دي.', 'pus', 'words:pashto'],
    // Dari function words; a Pashto place name (شینډند) does not make a long Dari text Pashto.
    ['سخنگوی وزارت داخله گفت که این حمله در ولسوالی شینډند رخ داده است.', 'prs', 'words:dari'],
    ['این خبر درست است', 'prs', 'words:dari'],
    // Persian-keyboard letters over several words, no Pashto/Urdu letters, no function words.
    ['ژورنالیستان کشور پیگیر گزارش', 'prs', 'script:persian-letters'],
    // Arabic function words; one Persian word (گذرنامه) does not make it Dari.
    ['ذكرت المصادر أن حركة طالبان أغلقت مكتب گذرنامه في المدينة يوم الأحد.', 'arb', 'words:arabic'],
    ['هذا صحيح', 'arb', 'words:arabic'],
    // ة and Arabic ك/ي without function words.
    ['مدرسة جميلة كبيرة', 'arb', 'script:arabic-letters'],
    // English function words.
    ['This is not true.', 'eng', 'words:english'],
    ['The ministry said the attack killed three people and injured ten others.', 'eng'],
    // Other Arabic-script languages: their own letters.
    ['اسان جي ڳوٺ ۾ اڄ مينهن پيو ۽ ماڻهو ڏاڍا خوش آهن.', 'und', 'script:sindhi-letters'],
    ['ئەمڕۆ لە شاری هەولێر باران بارییەوە و خەڵکەکە دڵخۆش بوون.', 'und', 'script:kurdish-letters'],
    ['بۈگۈن ھاۋا ناھايىتى ياخشى، بالىلار مەكتەپكە باردى.', 'und', 'script:uyghur-letters'],
    ['اساں کل لاہور وچ اپنے یاراں نال گلاں کیتیاں۔', 'und', 'script:urdu-letters'],
    // Other scripts.
    ['Сегодня в Москве прошла встреча министров иностранных дел.', 'und', 'other-script:cyrillic'],
    ['Имрӯз дар шаҳри Душанбе ҳаво хеле гарм буд.', 'und', 'other-script:cyrillic'],
    ['सरकार ने आज नई योजना की घोषणा की।', 'und', 'other-script:devanagari'],
    // Latin-script languages other than English: franc decides, and it is not English.
    ['Bugun Toshkentda havo juda issiq boʻldi.', 'und', 'franc'],
    ['Bugün hava çok güzel, parka gidiyoruz.', 'und', 'franc'],
    ['Le gouvernement a annoncé de nouvelles mesures pour les réfugiés.', 'und', 'franc'],
    ['Die Regierung hat heute neue Maßnahmen angekündigt.', 'und', 'franc'],
    ['Pemerintah akan membangun jalan baru di desa itu tahun depan.', 'und', 'franc'],
  ];
  it.each(rows)('%s -> %s', check);
});

describe('detectLanguage: Urdu', () => {
  it('is und and keeps franc\'s code in guess', () => {
    const r = detectLanguage('وزیر اعظم نے کہا ہے کہ حکومت عوام کی مشکلات کم کرنے کے لیے اقدامات کر رہی ہے۔');
    expect(r).toMatchObject({ lang: 'und', guess: 'urd', reason: 'script:urdu-letters' });
  });
  it('stays und with a Pashto channel hint', () => {
    expect(detectLanguage('ہم نے کل رات اپنے دوستوں کے ساتھ کھانا کھایا۔', 'pus').lang).toBe('und');
  });
});

describe('detectLanguage: Pashto posts quoting Arabic scripture', () => {
  const rows: Row[] = [
    ['الله تعالی فرمایي: ﴿إِنَّ اللَّهَ مَعَ الصَّابِرِينَ﴾ یعنې الله د صبر کوونکو سره دی، نو موږ باید په سختیو کې صبر وکړو.', 'pus'],
    ['رسول الله صلی الله علیه وسلم فرمایلي دي: «إِنَّمَا الْأَعْمَالُ بِالنِّيَّاتِ» یعنې د هر عمل بدله د هغه له نیت سره تړاو لري.', 'pus'],
    ['﴿وَقُولُوا لِلنَّاسِ حُسْنًا﴾ د دې آیت معنا دا ده چې له خلکو سره په ښه ژبه خبرې وکړئ.', 'pus'],
    // The quotation alone is Arabic.
    ['إِنَّ اللَّهَ مَعَ الصَّابِرِينَ', 'arb'],
  ];
  it.each(rows)('%s -> %s', check);
});

describe('detectLanguage: Dari typed with Arabic ك/ي', () => {
  const rows: Row[] = [
    ['وزارت معارف اعلام كرد كه مكاتب دخترانه در ولايت هرات باز خواهد شد.', 'prs', 'words:dari'],
    ['مردم در كابل مي گويند كه قيمت ها بالا رفته است', 'prs', 'words:dari'],
    ['اين تصميم براي همه مردم مهم است', 'prs', 'words:dari'],
  ];
  it.each(rows)('%s -> %s', check);
});

describe('detectLanguage: short posts', () => {
  const rows: Row[] = [
    ['امروز هوا سرد است', 'prs'],
    ['ستا څه حال دی؟', 'pus'],
    ['والله ما عندي وقت اليوم', 'arb'],
    ['Thanks for all your help', 'eng'],
    ['کابل', 'und', 'too-short'],
    ['ok', 'und', 'too-short'],
  ];
  it.each(rows)('%s -> %s', check);
});

describe('detectLanguage: posts without language', () => {
  const rows: Row[] = [
    ['🔥🔥🙏', 'und', 'no-letters'],
    ['https://t.me/somechannel/123', 'und', 'no-letters'],
    ['https://example.org/news/2024/05/article.html', 'und', 'no-letters'],
    ['@channel_bot', 'und', 'no-letters'],
    ['۲۰۲۴/۰۵/۱۲ — 12:30 ✅', 'und', 'no-letters'],
    ['', 'und', 'no-letters'],
  ];
  it.each(rows)('%j -> %s', check);
  it('ignores the channel hint when there are no letters', () => {
    expect(detectLanguage('👇👇 https://t.me/x', 'pus')).toMatchObject({ lang: 'und', reason: 'no-letters' });
  });
});

describe('detectLanguage: decoration is stripped before detection', () => {
  it('English behind a link, a handle, a hashtag and emoji', () => {
    expect(detectLanguage('Read more: https://example.com/news @kabulnews #Kabul 🔥 the talks will start on Monday').lang).toBe('eng');
  });
  it('hashtag words count (the # is removed, the word kept)', () => {
    expect(detectLanguage('#خبر_مهم 📢 د کابل په ښار کې نن باران وورېد').lang).toBe('pus');
  });
});

describe('detectLanguage: channel hint', () => {
  const cases: Array<[text: string, hint: Lang, lang: Lang, reason: string]> = [
    // Ambiguous texts: the hint decides.
    ['کابل', 'prs', 'prs', 'hint'],
    ['#کابل', 'pus', 'pus', 'hint'],
    ['کابل هرات', 'pus', 'pus', 'hint'],
    ['ok', 'eng', 'eng', 'hint'],
    // Clear script evidence wins over the hint.
    ['ښه ورځ', 'prs', 'pus', 'script:pashto-letters'],
    ['این خبر درست است', 'pus', 'prs', 'words:dari'],
    ['هذا هو الطريق الصحيح', 'prs', 'arb', 'words:arabic'],
    ['The ministry said the attack killed three people and injured ten others.', 'arb', 'eng', 'franc'],
    ['Сегодня в Москве прошла встреча министров иностранных дел.', 'prs', 'und', 'other-script:cyrillic'],
    // A hint for another script does not apply.
    ['ok', 'pus', 'und', 'too-short'],
    ['کابل', 'eng', 'und', 'too-short'],
  ];
  it.each(cases)('%s with hint %s -> %s', (text, hint, lang, reason) => {
    expect(detectLanguage(text, hint)).toMatchObject({ lang, reason });
  });
});

describe('detectLanguage: result shape', () => {
  it('reports guess "und" when franc was not consulted', () => {
    expect(detectLanguage('زه ښار ته ځم').guess).toBe('und');
  });
  it('is deterministic', () => {
    const t = 'دا خبر هم له هغه وروسته راغی';
    expect(detectLanguage(t)).toEqual(detectLanguage(t));
  });
});

describe('detectLanguage: franc is loaded only when a text needs it', () => {
  // A fresh process on the compiled module (npm test builds first). franc counts as loaded when an ES
  // module import resolved it (a module hook reports those) or require() holds it in its cache.
  const detect = pathToFileURL(join(PACKAGE_ROOT, 'dist', 'src', 'language', 'detect.js')).href;
  function detectAll(texts: string[]): { results: [string, string][]; required: boolean; stderr: string } {
    const dir = tempDir('fw-franc-lazy-');
    const hook = join(dir, 'hook.mjs');
    const reg = join(dir, 'register.mjs');
    writeFileSync(hook, "export async function resolve(s, c, next) { const r = await next(s, c); if (r.url.includes('/node_modules/franc/')) process.stderr.write(`imported ${r.url}\\n`); return r; }\n");
    writeFileSync(reg, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hook).href)});\n`);
    const script = `import { createRequire } from 'node:module';
const { detectLanguage } = await import(${JSON.stringify(detect)});
const results = process.argv.slice(1).map((t) => { const r = detectLanguage(t); return [r.lang, r.reason]; });
const required = Object.keys(createRequire(import.meta.url).cache).some((k) => k.includes('/node_modules/franc/'));
process.stdout.write(JSON.stringify({ results, required }));`;
    const r = spawnSync(process.execPath, ['--import', reg, '--input-type=module', '-e', script, ...texts], { encoding: 'utf8' });
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.status).toBe(0);
    return { ...(JSON.parse(r.stdout) as { results: [string, string][]; required: boolean }), stderr: r.stderr };
  }

  it('decides by script and words without loading franc', () => {
    const r = detectAll([
      'د طالبانو رژیم د امریکا غلام دی',
      'الخوارج كلاب النار كما قال النبي',
      'طالبان مزدوران امریکا هستند و این را همه می دانند',
      'The Taliban are servants of America and everyone knows it',
    ]);
    expect(r.results.map((x) => x[0])).toEqual(['pus', 'arb', 'prs', 'eng']);
    expect(r.required).toBe(false);
    expect(r.stderr).not.toContain('/node_modules/franc/');
  });

  it('loads it for a text they leave open', () => {
    const r = detectAll(["Les talibans sont des marionnettes de l'Amérique"]);
    expect(r.results).toEqual([['und', 'franc']]);
    expect(r.required).toBe(true);
  });
});
