// The concept-and-rule engine on a small inline lexicon: each rule kind (window, sentence, order, any,
// not, veto), the actor reference and the channel side, morphology in each language, and the checks
// of `lexicon check`. The strings are real sentences in the four languages, written for these tests.
import { describe, expect, it } from 'vitest';
import { parseFramesJsonl, predictLines } from '../../src/eval/eval-frames.js';
import { checkLexiconFiles } from '../../src/frames/check-lexicons.js';
import { detectLanguage } from '../../src/language/detect.js';
import { taggerFromFiles } from '../../src/frames/load-tagger.js';
import type { LexiconFile } from '../../src/frames/lexicon-types.js';
import { baseForms } from '../../src/frames/morphology.js';
import type { Lang, Side, TagResult } from '../../src/types.js';

const CUES: LexiconFile = {
  name: '_cues.yaml',
  text: `
negation:
  before: { eng: [not, never], arb: [ليس, ليسوا], prs: [نه], pus: [نه] }
  after: { prs: [نیستند, نیست], pus: [نه دي] }
reporting:
  before: { eng: [said, claimed], arb: [قال], prs: [گفت], pus: [وویل] }
`,
};

const CONCEPTS: LexiconFile = {
  name: 'concepts.yaml',
  text: `
concepts:
  - id: power
    label: a foreign power
    terms:
      eng: [america*, the west, pakistan*, washington]
      arb: [أمريكا, الغرب, باكستان, واشنطن]
      pus: [امریکا, پاکستان, لوېديځ]
      prs: [آمریکا, امریکا, غرب, پاکستان]
  - id: servant
    label: subordination
    terms:
      eng: [servant*, slave*, tool*, puppet*]
      arb: [عميل, عملاء, خادم, أداة, أدوات]
      pus: [مزدور, غلام, نوکر, لاسپوڅی]
      prs: [مزدور, نوکر, غلام, ابزار, دست نشانده]
  - id: taliban
    label: the Taliban
    terms:
      eng: [taliban*, the emirate]
      arb: [طالبان, الإمارة, حكومة]
      pus: [طالبان, امارت]
      prs: [طالبان, امارت]
  - id: iskp
    label: ISKP
    terms:
      eng: [daesh, iskp]
      arb: [داعش]
      pus: [داعش]
      prs: [داعش]
  - id: sport
    label: sport and theatre
    terms:
      eng: [football, match, puppet show*]
      arb: [مباراة, كرة القدم]
      pus: [فوټبال, لوبه]
      prs: [فوتبال, مسابقه]
  - id: kill
    label: killing
    terms:
      eng: [kill*, massacr*]
      arb: [قتل]
      pus: [وژل]
      prs: [کشتن, کشتار]
  - id: worshippers
    label: Muslim victims
    terms:
      eng: [worshipper*, muslims]
      arb: [المصلين, المسلمين]
      pus: [لمونځ کوونکي, مسلمانان]
      prs: [نمازگزاران, مسلمانان]
`,
};

const FRAMES: LexiconFile = {
  name: 'frames.yaml',
  text: `
group: tests
frames:
  - id: puppet
    label: Puppet of foreign powers
    actor: ISKP
    definition: The Taliban as servants of foreign powers.
    threshold: 1
    ref: taliban
    side: iskp
    veto: [sport]
    rules:
      - { id: servant_of_power, all: [servant, power], window: 5 }
  - id: ordered
    label: Ordered rule
    actor: test
    definition: servant before power, in one sentence.
    threshold: 1
    rules:
      - { id: servant_then_power, all: [servant, power], order: true }
  - id: killing
    label: Killing Muslims
    actor: Taliban
    definition: ISKP kills worshippers.
    threshold: 1
    rules:
      - { id: kills_worshippers, all: [kill, worshippers], not: [sport] }
  - id: named
    label: Any named power
    actor: test
    definition: any-rule.
    threshold: 1
    rules:
      - { id: names_power, any: [power], w: 0.5 }
    terms:
      eng: [{ p: sovereignty, w: 0.5 }]
`,
};

const tagger = taggerFromFiles([CUES, CONCEPTS, FRAMES]);

function tag(text: string, lang: Lang, side: Side | null = null): TagResult {
  const r = tagger.tag(text, lang, { side });
  for (const f of r.frames) for (const h of f.hits) expect(text.slice(h.start, h.end)).toBe(h.matched);
  return r;
}
const ids = (text: string, lang: Lang, side: Side | null = null): string[] => tag(text, lang, side).frames.map((f) => f.frame).sort();
const has = (text: string, lang: Lang, id: string, side: Side | null = null): boolean => ids(text, lang, side).includes(id);

describe('all-rule within a window of tokens', () => {
  it.each([
    ['eng', 'The Taliban are servants of America and nothing else'],
    ['eng', 'The Taliban became loyal slaves, obedient to Washington'],
    ['arb', 'إن طالبان عملاء لأمريكا منذ اتفاق الدوحة'],
    ['arb', 'حكومة طالبان أداة في يد أمريكا'],
    ['pus', 'طالبان د امریکا مزدور دي'],
    ['prs', 'طالبان نوکر آمریکا هستند'],
  ])('%s: parts close together fire: %s', (lang, text) => {
    expect(has(text, lang as Lang, 'puppet')).toBe(true);
  });

  it.each([
    ['eng', 'The Taliban servants met, talked for hours about taxes, roads, schools and wells with America'],
    ['prs', 'طالبان نوکر دیروز در جلسه بزرگ مردم ولایت درباره مالیات و راه و مکتب با آمریکا صحبت کردند'],
  ])('%s: parts more than the window apart do not: %s', (lang, text) => {
    expect(has(text, lang as Lang, 'puppet')).toBe(false);
  });

  it('each part fills its own words: a word in two concepts cannot be both parts', () => {
    const twoConcepts = taggerFromFiles([
      CUES,
      { name: 'c.yaml', text: 'concepts:\n  - { id: a, label: a, terms: { eng: [puppet*] } }\n  - { id: b, label: b, terms: { eng: [puppet*, america] } }\n' },
      { name: 'f.yaml', text: 'group: g\nframes:\n  - { id: f, label: f, actor: x, definition: d, threshold: 1, rules: [{ id: r, all: [a, b], langs: [eng] }] }\n' },
    ]);
    expect(twoConcepts.tag('They are puppets', 'eng').frames).toEqual([]);
    expect(twoConcepts.tag('They are puppets of America', 'eng').frames.map((f) => f.frame)).toEqual(['f']);
  });

  it('the evidence names the rule and the words that filled each part', () => {
    const text = 'The Taliban are servants of America';
    const f = tag(text, 'eng').frames.find((x) => x.frame === 'puppet')!;
    expect(f.hits.map((h) => [h.rule, h.part, h.matched, h.term])).toEqual([
      ['servant_of_power', 'servant', 'servants', 'servant*'],
      ['servant_of_power', 'power', 'America', 'america*'],
    ]);
    expect(f.score).toBe(1);
  });
});

describe('shadows: the words of a name are not references of their own', () => {
  // "Tehrik-e-Taliban Pakistan" names the TTP; its "Taliban" and "Pakistan" are neither the Afghan
  // Taliban nor the Pakistani state. A rule that needs all three must find them as separate words.
  // With the name alone, parts may not overlap anyway; the name plus its acronym is where it mattered.
  const shadowing = taggerFromFiles([
    CUES,
    {
      name: 'c.yaml',
      text: `concepts:
  - id: ttp
    label: the TTP by name
    shadows: [taliban, pakistan]
    terms: { eng: [ttp, tehrik-e-taliban pakistan, pakistani taliban], arb: [طالبان باكستان, حركة طالبان باكستان, تي تي بي], pus: [تحریک طالبان, پاکستاني طالبان, ټي ټي پي], prs: [تحریک طالبان, تی تی پی] }
  - id: taliban
    label: the Taliban
    terms: { eng: [taliban*, islamic emirate], arb: [طالبان, الإمارة الإسلامية], pus: [طالبان, اسلامي امارت], prs: [طالبان, امارت اسلامی] }
  - id: pakistan
    label: Pakistan
    terms: { eng: [pakistan*], arb: [باكستان], pus: [پاکستان], prs: [پاکستان] }
`,
    },
    {
      name: 'f.yaml',
      text: `group: g
frames:
  - { id: dispute, label: TTP dispute, actor: x, definition: d, threshold: 1, rules: [{ id: between, all: [ttp, pakistan, taliban] }] }
`,
    },
  ]);
  const fires = (text: string, lang: Lang): boolean => shadowing.tag(text, lang).frames.some((f) => f.frame === 'dispute');

  it.each([
    ['eng', 'Tehrik-e-Taliban Pakistan (TTP) claimed an attack on a checkpoint in Bannu.'],
    ['eng', 'Militants of the Pakistani Taliban, the TTP, ambushed a police convoy.'],
    ['arb', 'أعلنت حركة طالبان باكستان (تي تي بي) مسؤوليتها عن الهجوم على نقطة تفتيش.'],
    ['pus', 'تحریک طالبان پاکستان یا ټي ټي پي وویل چې برید یې کړی دی.'],
    ['prs', 'تحریک طالبان پاکستان (تی تی پی) از زمان تشکیل آن در سال ۲۰۰۷ فعال است.'],
  ])('%s: the name alone fills no other part: %s', (lang, text) => {
    expect(fires(text, lang as Lang)).toBe(false);
  });

  it.each([
    ['eng', 'Pakistan accused the Taliban of sheltering TTP fighters.'],
    ['arb', 'اتهمت باكستان طالبان بإيواء عناصر حركة طالبان باكستان.'],
    ['pus', 'پاکستان طالبان تورن کړل چې ټي ټي پي ته پناه ورکوي.'],
    ['prs', 'پاکستان طالبان را به پناه دادن به تی تی پی متهم کرد.'],
  ])('%s: separate words still fill the parts: %s', (lang, text) => {
    expect(fires(text, lang as Lang)).toBe(true);
  });

  it('a shadowed word keeps counting outside the name, and the name keeps counting for itself', () => {
    const r = shadowing.tag('Pakistan says the Pakistani Taliban hide with the Taliban.', 'eng');
    const f = r.frames.find((x) => x.frame === 'dispute')!;
    expect(f.hits.map((h) => [h.part, h.matched])).toEqual([
      ['pakistan', 'Pakistan'],
      ['ttp', 'Pakistani Taliban'],
      ['taliban', 'Taliban'],
    ]);
  });

  it('an unknown concept in shadows is a lexicon error', () => {
    const bad = { name: 'c.yaml', text: 'concepts:\n  - { id: a, label: a, shadows: [talibn], terms: { eng: [x1] } }\n' };
    const errs = checkLexiconFiles([CUES, bad]).errors;
    expect(errs).toEqual([expect.stringMatching(/shadows: "talibn" names no concept/)]);
  });
});

type Tagger = ReturnType<typeof taggerFromFiles>;

/** A tagger of one inline file: `concepts` (YAML list items) and one frame with its extra keys. */
function oneFrame(concepts: string, frame: string, keys: string, terms: string): Tagger {
  const text = `concepts:\n${concepts}\ngroup: g\nframes:\n  - id: ${frame}\n    label: ${frame}\n    actor: x\n    definition: d\n    threshold: 1\n${keys}${terms ? `\n    terms: ${terms}` : ''}\n`;
  return taggerFromFiles([CUES, { name: 'f.yaml', text }]);
}
const fires = (t: Tagger, frame: string, text: string, lang: Lang): boolean => t.tag(text, lang).frames.some((f) => f.frame === frame);

describe('ref_not: a reference inside a sentence of the given context does not count', () => {
  // "The Khawarij" is today's label when the post holds something of today; a killing or a defeat told
  // in a sentence about Ali and Siffin is history, not today. The history concept has its exceptions:
  // a sentence that also names Daesh is about today.
  const concepts = `  - id: today
    label: something of today
    terms: { eng: [killed, defeated, daesh], arb: [قتل, هزم, هزيمة, داعش], pus: [ووژل, ماتې, داعش], prs: [کشتند, شکست, داعش] }
  - id: history
    label: early Islamic history
    unless: [daesh]
    terms: { eng: [caliph ali, siffin], arb: [علي بن أبي طالب, صفين], pus: [حضرت علي, صفین], prs: [حضرت علی, صفین] }
  - id: daesh
    label: Daesh by name
    terms: { eng: [daesh], arb: [داعش], pus: [داعش], prs: [داعش] }`;
  const lexicon = (refNot: string): Tagger =>
    oneFrame(concepts, 'khawarij', `    ref: [today]${refNot}`, '{ eng: [kharijites], arb: [الخوارج], pus: [خوارج], prs: [خوارج] }');
  const withRefNot = lexicon('\n    ref_not: [history]');
  const without = lexicon('');
  const tagged = (t: Tagger, text: string, lang: Lang): boolean => fires(t, 'khawarij', text, lang);

  it.each([
    ['eng', 'The Kharijites were the first sect. Caliph Ali defeated them at Nahrawan.'],
    ['arb', 'الخوارج أول فرقة. وقد هزمهم علي بن أبي طالب في النهروان.'],
    ['pus', 'خوارج لومړۍ ډله وه. حضرت علي هغوی ته ماتې ورکړه.'],
    ['prs', 'خوارج نخستین فرقه بودند. حضرت علی آنان را در نهروان شکست داد.'],
  ])('%s: the only reference sits in a history sentence: %s', (lang, text) => {
    expect(tagged(without, text, lang as Lang)).toBe(true);
    expect(tagged(withRefNot, text, lang as Lang)).toBe(false);
  });

  it.each([
    ['eng', 'The Kharijites were the first sect. Security forces killed ten of them in Kunar.'],
    ['arb', 'الخوارج فرقة ضالة. وقد قتل الأمن عشرة منهم في كونر.'],
    ['eng', 'As the Kharijites fought Caliph Ali, Daesh fights the Emirate.'],
  ])('%s: a reference outside history, or a history sentence with its exception, counts: %s', (lang, text) => {
    expect(tagged(withRefNot, text, lang as Lang)).toBe(true);
  });

  it('an unknown concept in ref_not is a lexicon error', () => {
    const bad = {
      name: 'f.yaml',
      text: 'concepts:\n  - { id: a, label: a, terms: { eng: [x1] } }\ngroup: g\nframes:\n  - { id: f, label: f, actor: x, definition: d, threshold: 1, ref: [a], ref_not: [histry], terms: { eng: [y1] } }\n',
    };
    const errs = checkLexiconFiles([CUES, bad]).errors;
    expect(errs).toEqual([expect.stringMatching(/"histry"/)]);
  });
});

describe('target_not: a term aimed at a nearer other party does not count', () => {
  // "Apostates" is the charge against the Taliban only when the Taliban are whom it is aimed at: in
  // "views Shias as apostates" the nearest party named is the Shia. The nearest named party within the
  // window decides; a reference as near as the other party keeps the hit.
  const concepts = `  - { id: taliban, label: the Taliban, terms: { eng: [taliban], arb: [طالبان], pus: [طالبان], prs: [طالبان] } }
  - { id: others, label: other targets, terms: { eng: [shias, sufis], arb: [الشيعة, الصوفية], pus: [شیعه, صوفیان], prs: [شیعیان, صوفیان] } }`;
  const lexicon = (targetNot: string): Tagger =>
    oneFrame(concepts, 'apostasy', `    ref: [taliban]${targetNot}`, '{ eng: [apostates], arb: [مرتدين, مرتدون], pus: [مرتدان], prs: [مرتدان] }');
  const withTarget = lexicon('\n    target_not: [others]');
  const without = lexicon('');
  const tagged = (t: Tagger, text: string, lang: Lang): boolean => fires(t, 'apostasy', text, lang);

  it.each([
    ['eng', 'The Taliban fought a militia that views Shias as apostates.'],
    ['arb', 'قاتلت طالبان جماعة تعتبر الشيعة مرتدين منذ سنوات.'],
    ['pus', 'طالبانو له هغې ډلې سره جګړه وکړه چې شیعه مرتدان بولي.'],
    ['prs', 'طالبان با گروهی جنگیدند که شیعیان را مرتدان می‌داند.'],
  ])('%s: the other party is the nearest one named: %s', (lang, text) => {
    expect(tagged(without, text, lang as Lang)).toBe(true);
    expect(tagged(withTarget, text, lang as Lang)).toBe(false);
  });

  it.each([
    ['eng', 'The group calls the Taliban apostates and the Shias unbelievers.'],
    ['eng', 'Shias and Sufis live in the north, and ISKP calls the Taliban government of Kabul a rule of apostates.'],
    ['arb', 'يصف التنظيم طالبان بأنهم مرتدون ويستهدف الشيعة في كابل.'],
  ])('%s: the Taliban are named at least as near, or the other party is out of the window: %s', (lang, text) => {
    expect(tagged(withTarget, text, lang as Lang)).toBe(true);
  });

  it('target_is names whom the words are aimed at when the frame has no reference', () => {
    const t = oneFrame(
      `  - { id: taliban, label: the Taliban, terms: { eng: [taliban], prs: [طالبان] } }
  - { id: daesh, label: Daesh, terms: { eng: [daesh], prs: [داعش] } }`,
      'outsiders',
      '    target_not: [taliban]\n    target_is: [daesh]',
      '{ eng: [foreigners], prs: [بیگانگان] }',
    );
    const got = (text: string, lang: Lang): boolean => fires(t, 'outsiders', text, lang);
    expect(got('Daesh says the Taliban are foreigners in their own land.', 'eng')).toBe(false);
    expect(got('داعش می‌گوید طالبان بیگانگان هستند.', 'prs')).toBe(false);
    expect(got('The Taliban say the Daesh foreigners came from Central Asia.', 'eng')).toBe(true);
    expect(got('The Taliban arrested many foreigners in Kunar.', 'eng')).toBe(false);
    expect(got('Many foreigners were arrested in Kunar.', 'eng')).toBe(true);
  });

  it('target_not names a concept; target_window is a whole number of words', () => {
    const frame = (extra: string): LexiconFile => ({
      name: 'f.yaml',
      text: `concepts:\n  - { id: a, label: a, terms: { eng: [x1] } }\ngroup: g\nframes:\n  - { id: f, label: f, actor: x, definition: d, threshold: 1, ref: [a], ${extra}, terms: { eng: [y1] } }\n`,
    });
    expect(checkLexiconFiles([CUES, frame('target_not: [othrs]')]).errors).toEqual([expect.stringMatching(/"othrs"/)]);
    expect(checkLexiconFiles([CUES, frame('target_not: [a], target_window: 2.5')]).errors).toEqual([expect.stringMatching(/target_window/)]);
  });
});

describe('exclude: an excluded word fills no part of its frame\'s rules either', () => {
  // هزات ارتدادية are aftershocks: the exclusion that keeps ارتداد ("apostasy") off them as a term must
  // keep it off a rule's part too.
  const lexicon = (exclude: string): Tagger =>
    oneFrame(
      `  - { id: taliban, label: the Taliban, terms: { eng: [taliban], arb: [طالبان] } }
  - { id: ridda, label: apostasy, terms: { eng: [apostasy], arb: [ارتداد] } }`,
      'apostasy',
      `    rules:\n      - { id: taliban_apostasy, all: [taliban, ridda], window: 8 }${exclude}`,
      '',
    );
  const text = 'قال المتحدث باسم طالبان إن الزلزال أعقبته هزات ارتدادية قوية.';
  it('lexicon check: an exclusion that overlaps only a word of a rule still vetoes something', () => {
    const file = (ex: string): LexiconFile => ({
      name: 'f.yaml',
      text: `concepts:\n  - { id: taliban, label: t, terms: { arb: [طالبان] } }\n  - { id: ridda, label: r, terms: { arb: [ارتداد] } }\ngroup: g\nframes:\n  - { id: f, label: f, actor: x, definition: d, threshold: 1, rules: [{ id: r1, all: [taliban, ridda], window: 8, langs: [arb] }], exclude: { arb: [${ex}] } }\n`,
    });
    const never = (ex: string): boolean => checkLexiconFiles([CUES, file(ex)]).warnings.some((m) => /never vetoes/.test(m));
    expect(never('ارتدادي*')).toBe(false);
    expect(never('هزات أرضية')).toBe(true);
  });
  it('arb: aftershocks next to the Taliban', () => {
    const fired = (t: Tagger): boolean => fires(t, 'apostasy', text, 'arb');
    expect(fired(lexicon(''))).toBe(true);
    expect(fired(lexicon('\n    exclude: { arb: [ارتدادي*] }'))).toBe(false);
    expect(lexicon('\n    exclude: { arb: [ارتدادي*] }').tag('أعلن التنظيم ارتداد طالبان عن الدين.', 'arb').frames.map((f) => f.frame)).toEqual(['apostasy']);
  });
});

describe('all-rule within one sentence (no window)', () => {
  it.each([
    ['eng', 'Daesh fighters kill the worshippers at prayer in the mosque of the city'],
    ['arb', 'قام داعش بقتل عدد كبير من المصلين في المسجد الجامع'],
    ['pus', 'داعش په جومات کې لمونځ کوونکي ووژل'],
    ['prs', 'داعش در مسجد نمازگزاران بیگناه را به کشتن داد'],
  ])('%s: parts anywhere in the sentence fire: %s', (lang, text) => {
    expect(has(text, lang as Lang, 'killing')).toBe(true);
  });

  it.each([
    ['eng', 'Daesh says it will kill. The worshippers gathered at noon'],
    ['arb', 'هدد داعش بالقتل. واجتمع المصلين في الظهيرة'],
    ['prs', 'داعش تهدید به کشتن کرد. نمازگزاران ظهر جمع شدند'],
  ])('%s: parts in different sentences do not: %s', (lang, text) => {
    expect(has(text, lang as Lang, 'killing')).toBe(false);
  });
});

describe('order', () => {
  it('an ordered rule fires with the parts in the listed order only', () => {
    expect(has('They are servants of America', 'eng', 'ordered')).toBe(true);
    expect(has('America has servants everywhere', 'eng', 'ordered')).toBe(false);
    expect(has('طالبان نوکر آمریکا هستند', 'prs', 'ordered')).toBe(true);
    expect(has('آمریکا نوکران زیادی دارد', 'prs', 'ordered')).toBe(false);
  });
});

describe('not and veto: context decides', () => {
  it.each([
    ['eng', 'The football match was a massacre for the Muslims of the home team'],
    ['arb', 'كانت مباراة كرة القدم قتل للمسلمين في الملعب'],
    ['prs', 'مسابقه فوتبال برای مسلمانان کشتار بود'],
  ])('%s: a rule with not: [sport] stays silent in a sport sentence: %s', (lang, text) => {
    expect(has(text, lang as Lang, 'killing')).toBe(false);
  });

  it('the frame veto removes hits only in its own sentence', () => {
    expect(has('The Taliban watched a puppet show from America', 'eng', 'puppet')).toBe(false);
    expect(has('The Taliban watched a football match. They are servants of America', 'eng', 'puppet')).toBe(true);
  });
});

describe('a context concept with exceptions', () => {
  const t = taggerFromFiles([
    CUES,
    CONCEPTS,
    {
      name: 'c2.yaml',
      text: 'concepts:\n  - { id: scripture, label: scripture, unless: [iskp], terms: { eng: [hadith, the prophet], arb: [قال رسول الله], pus: [حدیث], prs: [حدیث] } }\n',
    },
    {
      name: 'f.yaml',
      text: 'group: g\nframes:\n  - { id: khawarij, label: k, actor: x, definition: d, threshold: 1, veto: [scripture], terms: { eng: [khawarij], arb: [الخوارج], pus: [خوارج], prs: [خوارج] } }\n',
    },
  ]);
  const ids = (text: string, lang: Lang): string[] => t.tag(text, lang).frames.map((f) => f.frame);

  it.each([
    ['eng', 'The hadith describes the khawarij who leave the religion.', 'The hadith describes the khawarij of Daesh who leave the religion.'],
    ['arb', 'قال رسول الله في الخوارج إنهم يمرقون من الدين', 'قال رسول الله في الخوارج وهم داعش اليوم'],
    ['prs', 'در حدیث از خوارج سخن رفته است', 'در حدیث از خوارج سخن رفته و داعش همان خوارج است'],
    ['pus', 'په حدیث کې د خوارجو یادونه شوې ده', 'په حدیث کې د خوارجو یادونه شوې او داعش هم خوارج دي'],
  ])('%s: vetoes in a sentence of scripture, not when the sentence also names the exception', (lang, quoted, applied) => {
    expect(ids(quoted, lang as Lang)).toEqual([]);
    expect(ids(applied, lang as Lang)).toEqual(['khawarij']);
  });
});

describe('any-rule: one part is enough, and rule weights add to term weights', () => {
  it('names_power alone scores 0.5 (below threshold); with the 0.5 term it reaches 1', () => {
    expect(has('Pakistan', 'eng', 'named')).toBe(false);
    const f = tag('Pakistan speaks of sovereignty', 'eng').frames.find((x) => x.frame === 'named');
    expect(f?.score).toBe(1);
    expect(f?.hits.map((h) => h.rule ?? h.term)).toEqual(['names_power', 'sovereignty']);
  });
});

describe('actor reference and channel side', () => {
  it.each([
    ['eng', 'They are servants of America', 'Taliban are servants of America'],
    ['arb', 'إنهم عملاء لأمريكا', 'إن طالبان عملاء لأمريكا'],
    ['pus', 'دوی د امریکا مزدور دي', 'طالبان د امریکا مزدور دي'],
    ['prs', 'آنها نوکر آمریکا هستند', 'طالبان نوکر آمریکا هستند'],
  ])('%s: without a Taliban reference the frame needs the side; with one it does not', (lang, bare, named) => {
    const l = lang as Lang;
    expect(has(bare, l, 'puppet')).toBe(false);
    expect(has(bare, l, 'puppet', 'iskp')).toBe(true); // an ISKP channel stands in for the reference
    expect(has(bare, l, 'puppet', 'taliban')).toBe(false); // the other side does not
    expect(has(named, l, 'puppet')).toBe(true);
  });

  it('eval frames reads an optional "side" per line and tags with it', () => {
    const lines = parseFramesJsonl(
      ['{"text": "They are servants of America", "frames": ["puppet"], "side": "iskp"}', '{"text": "They are servants of America", "frames": []}'].join('\n'),
      'x.jsonl',
    );
    expect(predictLines(lines, tagger, detectLanguage).map((p) => p.predicted.includes('puppet'))).toEqual([true, false]);
    expect(() => parseFramesJsonl('{"text": "x", "frames": [], "side": "isis"}', 'x.jsonl')).toThrow(/x\.jsonl:1: "side" must be "taliban" or "iskp"/);
  });

  it('the reference may be in another sentence of the post', () => {
    expect(has('The Taliban met in Kabul. They are servants of America', 'eng', 'puppet')).toBe(true);
  });
});

describe('a concept as a term requirement', () => {
  it('requires: [concept:taliban] counts the term only in a post that names the Taliban', () => {
    const t = taggerFromFiles([
      CUES,
      CONCEPTS,
      { name: 'f.yaml', text: "group: g\nframes:\n  - { id: f, label: f, actor: x, definition: d, threshold: 1, terms: { arb: [{ p: أمير المؤمنين, requires: ['concept:taliban'] }] } }\n" },
    ]);
    expect(t.tag('كان هارون الرشيد يلقب بأمير المؤمنين', 'arb').frames).toEqual([]);
    expect(t.tag('بايع قادة طالبان أمير المؤمنين', 'arb').frames.map((f) => f.frame)).toEqual(['f']);
  });

  it('an unknown concept in requires is a lexicon error', () => {
    const bad = { name: 'f.yaml', text: "group: g\nframes:\n  - { id: f, label: f, actor: x, definition: d, threshold: 1, terms: { eng: [{ p: x, requires: ['concept:talibn'] }] } }\n" };
    expect(checkLexiconFiles([CUES, CONCEPTS, bad]).errors).toEqual([expect.stringMatching(/"talibn" names no concept \(did you mean "taliban"\?\)/)]);
  });
});

describe('flags on rule parts', () => {
  it('a negation near a part flags that part; the tag is negated only when every part is', () => {
    const both = tag('The Taliban are not servants of America', 'eng').frames.find((x) => x.frame === 'puppet')!;
    expect(both.hits.map((h) => h.negated)).toEqual([true, true]);
    expect(both.negated).toBe(true);
    const one = tag('The Taliban, never again slaves: servants, of America', 'eng').frames.find((x) => x.frame === 'puppet')!;
    expect(one.hits.map((h) => [h.matched, h.negated])).toEqual([
      ['slaves', true],
      ['America', false],
    ]);
    expect(one.negated).toBe(false);
  });

  it('a reporting cue flags the parts as quoted', () => {
    const f = tag('طالبان گفت که نوکر آمریکا نیستند', 'prs').frames.find((x) => x.frame === 'puppet')!;
    expect(f.hits.every((h) => h.quoted)).toBe(true);
  });
});

describe('morphology: inflected forms of every entry', () => {
  it.each([
    // Arabic: article + proclitic, pronoun suffixes, sound plural, ة written ت before a pronoun
    ['arb', 'والعملاء', 'عملا'],
    ['arb', 'عملاؤهم', 'عملا'],
    ['arb', 'عملائهم', 'عملا'],
    ['arb', 'أداتهم', 'اداه'],
    ['arb', 'خادمهم', 'خادم'],
    ['arb', 'بالمصلين', 'المصلین'],
    // Pashto: oblique plural, plural endings
    ['pus', 'مزدورانو', 'مزدور'],
    ['pus', 'نوکرانو', 'نوکر'],
    ['pus', 'غلامانو', 'غلام'],
    // Dari: plural, plural + pronoun, ezafe
    ['prs', 'مزدوران', 'مزدور'],
    ['prs', 'نوکرهایشان', 'نوکر'],
    ['prs', 'غلامان', 'غلام'],
  ])('%s %s → %s', (lang, word, base) => {
    const key = word.normalize('NFKC').replace(/[ؤ]/g, 'و').replace(/[أإآ]/g, 'ا').replace(/[ئي]/g, 'ی').replace(/ة/g, 'ه').replace(/ء/g, '');
    expect(baseForms(key, lang === 'arb')).toContain(base);
  });

  it.each([
    ['arb', 'إن طالبان عملاؤهم في أمريكا'],
    ['arb', 'قادة الإمارة أدواتهم بيد واشنطن'],
    ['pus', 'طالبان د امریکا مزدورانو ته ورته دي'],
    ['prs', 'طالبان از جمله نوکرهایشان برای آمریکا کار میکنند'],
    ['eng', 'The Taliban, the obedient puppets of Washington'],
  ])('%s: an inflected part still fills the rule: %s', (lang, text) => {
    expect(has(text, lang as Lang, 'puppet')).toBe(true);
  });

  it('a one-letter prefix on a 3-letter word counts for concepts only (بقتل, ووژل), never for a frame term', () => {
    const withTerm = taggerFromFiles([
      CUES,
      { name: 'f.yaml', text: 'group: g\nframes:\n  - { id: f, label: f, actor: x, definition: d, threshold: 1, terms: { arb: [ردة] } }\n' },
    ]);
    expect(withTerm.tag('أهداها وردة حمراء', 'arb').frames).toEqual([]);
    expect(has('قام داعش بقتل المصلين', 'arb', 'killing')).toBe(true);
  });

  it('a base form counts only when it is an entry: short words are never cut down', () => {
    expect(baseForms('امان', false)).toEqual([]); // a 2-letter rest is never tried
    expect(has('طالبان در امان هستند و آمریکا', 'prs', 'puppet')).toBe(false);
  });
});

describe('lexicon check: concepts and rules', () => {
  const frame = (rule: string, extra = ''): LexiconFile => ({
    name: 'frames.yaml',
    text: `group: g\nframes:\n  - id: f\n    label: f\n    actor: a\n    definition: d\n    threshold: 1\n${extra}    rules:\n      - ${rule}\n`,
  });
  const errors = (files: LexiconFile[]): string[] => checkLexiconFiles([CUES, ...files]).errors;

  it('an unknown concept, with the close match', () => {
    expect(errors([CONCEPTS, frame('{ id: r, all: [servent, power] }')])).toEqual([expect.stringMatching(/"servent" names no concept \(did you mean "servant"\?\)/)]);
  });

  it('a part that lacks a language the rule is meant for', () => {
    const partial = { name: 'concepts.yaml', text: CONCEPTS.text.replace('      pus: [مزدور, غلام, نوکر, لاسپوڅی]\n', '') };
    expect(errors([partial, frame('{ id: r, all: [servant, power] }')])).toEqual([expect.stringMatching(/part "servant" has no pus terms/)]);
    expect(errors([partial, frame('{ id: r, all: [servant, power], langs: [eng, arb, prs] }')])).toEqual([]);
  });

  it('rules that can never fire', () => {
    expect(errors([CONCEPTS, frame('{ id: r, all: [servant, power, taliban], window: 2 }')])).toEqual([expect.stringMatching(/3 parts cannot fit in a window of 2 tokens/)]);
    expect(errors([CONCEPTS, frame('{ id: r, all: [servant, power], not: [power] }')])).toEqual([expect.stringMatching(/can never fire: every word of part "power"/)]);
  });

  it('an include cycle', () => {
    const cyclic = { name: 'c.yaml', text: 'concepts:\n  - { id: a, label: a, include: [b], terms: { eng: [x1] } }\n  - { id: b, label: b, include: [a], terms: { eng: [x2] } }\n' };
    expect(errors([cyclic, frame('{ id: r, any: [a] }')]).some((e) => /include cycle a → b → a/.test(e))).toBe(true);
  });

  it('one YAML typo gives one error, and references into the broken file do not cascade', () => {
    const broken = { name: 'concepts.yaml', text: `${CONCEPTS.text}\n  - id: [unclosed\n    label: x\n  - id: y: z\n` };
    const errs = errors([broken, frame('{ id: r, all: [servant, power] }')]);
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(/^concepts\.yaml:\d+: YAML syntax/);
  });

  it('a concept nothing names is a warning, unless it shadows others (the compiler always looks for those)', () => {
    const extra = (k: string): LexiconFile => ({ name: 'k.yaml', text: `concepts:\n  - { id: ${k} }\n` });
    const warns = (k: string): string[] =>
      checkLexiconFiles([CUES, CONCEPTS, extra(k), frame('{ id: r, all: [servant, power] }')]).warnings.filter((w) => /not used by any rule/.test(w));
    expect(warns('idle, label: idle, terms: { eng: [idle words] }').some((w) => /"idle"/.test(w))).toBe(true);
    expect(warns('compass, label: compass, shadows: [power], terms: { eng: [west bank] }').some((w) => /"compass"/.test(w))).toBe(false);
  });

  it('side without ref is a warning', () => {
    const r = checkLexiconFiles([CUES, CONCEPTS, frame('{ id: r, all: [servant, power] }', '    side: iskp\n')]);
    expect(r.warnings.some((w) => /"side" only matters with "ref"/.test(w))).toBe(true);
  });
});
