import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadTagger } from '../../src/frames/load-tagger.js';
import { baseForms } from '../../src/frames/morphology.js';
import { stemWord } from '../../src/frames/stem.js';
import type { Lang, TagResult } from '../../src/types.js';

const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'lexicon');
const tagger = loadTagger(FIXTURE);
const ZWNJ = '\u200C';

/** Tag, and check the evidence invariant on every hit. */
function tag(text: string, lang: Lang): TagResult {
  const r = tagger.tag(text, lang);
  for (const f of r.frames) {
    expect(f.hits.length).toBeGreaterThan(0);
    for (const h of f.hits) {
      expect(text.slice(h.start, h.end)).toBe(h.matched);
      expect(h.frame).toBe(f.frame);
    }
    expect(f.negated).toBe(f.hits.every((h) => h.negated));
    expect(f.quoted).toBe(f.hits.every((h) => h.quoted));
  }
  expect(r.lexiconVersion).toBe(tagger.version);
  return r;
}
const ids = (text: string, lang: Lang): string[] => tag(text, lang).frames.map((f) => f.frame).sort();
const frame = (text: string, lang: Lang, id: string) => tag(text, lang).frames.find((f) => f.frame === id);

describe('Arabic proclitics: stripped only when the rest is a lexicon entry', () => {
  it('والمرتدين is found through مرتدين, and the whole word is the evidence', () => {
    const f = frame('قاتلوا الصليبيين والمرتدين في كل مكان', 'arb', 'apostasy');
    expect(f?.hits.map((h) => h.matched)).toEqual(['والمرتدين']);
  });

  it.each([
    ['بالردة', 'arb'],
    ['للمرتدين', 'arb'],
    ['فالمرتد', 'arb'],
  ])('%s is stripped to an entry in an Arabic post', (word, lang) => {
    expect(ids(`وصفهم ${word} صراحة`, lang as Lang)).toContain('apostasy');
  });

  it('Persian برده ("taken") does not become ردة', () => {
    expect(ids('او را به زندان برده اند', 'prs')).toEqual([]);
    expect(ids('برده', 'arb')).toEqual([]); // ب + a 3-letter rest is never stripped
  });

  it('Arabic بردة ("cloak", the Burda poem) and وردة ("rose") are not apostasy', () => {
    expect(ids('قصيدة البردة في مدح النبي', 'arb')).toEqual([]);
    expect(ids('أهداها وردة حمراء', 'arb')).toEqual([]);
  });

  it('وطنية keeps its و: the whole word is the entry', () => {
    expect(ids('هذه وطنية جاهلية', 'arb')).toEqual(['nationalism_vs_global_jihad']);
    expect(ids('الوطنية', 'arb')).toEqual(['nationalism_vs_global_jihad']); // article only
    // و+طنیه is among the base forms tried, but only a form that is itself an entry counts.
    expect(baseForms('وطنیه', true)).toContain('طنیه');
  });

  it('Dari ـای comes off only after a vowel letter: شرکای ("partners of") is not شرک ("polytheism")', () => {
    expect(baseForms('شرکای', false)).not.toContain('شرک');
    expect(baseForms('خانهای', false)).toContain('خانه');
    expect(baseForms('جای', false)).toEqual([]); // too short to cut
  });

  it('only the article is stripped outside Arabic posts', () => {
    expect(ids('والمرتدين', 'prs')).toEqual([]);
    expect(ids('المرتدین', 'prs')).toEqual(['apostasy']);
    expect(baseForms('والمرتدین', false)).not.toContain('المرتدین');
    expect(baseForms('والمرتدین', true)).toContain('المرتدین');
  });
});

describe('Arabic false friends', () => {
  it('مرتدية ("wearing") is vetoed by the exclusion, مرتد still counts', () => {
    expect(ids('كانت مرتدية ثوبا أسود', 'arb')).toEqual([]);
    expect(ids('كان مرتديا معطفا', 'arb')).toEqual([]);
    expect(ids('هذا مرتد عن الدين', 'arb')).toEqual(['apostasy']);
  });

  it('a bare قطر (Qatar) is not the Doha frame; an attested phrase is', () => {
    expect(ids('وصل الوفد إلى قطر أمس', 'arb')).toEqual([]);
    expect(ids('لا تمر عبر فنادق قطر', 'arb')).toEqual(['doha_agreement']);
  });

  it('a bare "al-Qaeda" is not a frame; "no al-Qaeda presence" is', () => {
    expect(ids('Bush demoted one of the al-Qaeda experts.', 'eng')).toEqual([]);
    expect(ids('There is no al-Qaeda presence in Afghanistan.', 'eng')).toEqual(['aq_presence_denial']);
  });

  it('singular خارجی ("foreign") is not khawarij in Dari; a strict Arabic term keeps to Arabic posts', () => {
    expect(ids('یک شرکت خارجی', 'prs')).toEqual([]);
    expect(ids('قتل خارجي من داعش', 'arb')).toEqual(['daesh_label', 'khawarij']);
  });
});

describe('ZWNJ and detached Dari suffixes', () => {
  it.each([`خارجی${ZWNJ}ها آمدند`, 'خارجیها آمدند', 'خارجی ها آمدند'])('%s is the plural', (text) => {
    const f = frame(text, 'prs', 'foreign_outsider');
    expect(f?.hits[0]?.matched.replace(ZWNJ, '').replace(' ', '')).toBe('خارجیها');
  });

  it('a verb prefix written apart is joined when the joined word is a cue', () => {
    const f = frame('آنها را خوارج می خوانند', 'prs', 'khawarij');
    expect(f?.quoted).toBe(true);
  });
});

describe('yeh / kaf / teh marbuta variants', () => {
  it.each([
    ['مرتدين', 'arb'],
    ['مرتدین', 'arb'],
    ['مرتدین', 'prs'],
  ])('%s (%s) matches the entry مرتدين', (word, lang) => {
    expect(ids(`هم ${word}`, lang as Lang)).toContain('apostasy');
  });

  it.each(['عميل', 'عمیل', 'عمـيل'])('%s matches عميل', (word) => {
    expect(ids(`إنه ${word}`, 'arb')).toEqual(['puppet_foreign_agent']);
  });

  it('Arabic kaf and Persian kaf meet: الكفار / الکفار weigh 0.5 each way', () => {
    expect(frame('الكفار', 'arb', 'puppet_foreign_agent')).toBeUndefined(); // 0.5 < threshold
    expect(frame('عملاء الکفار', 'prs', 'puppet_foreign_agent')?.score).toBe(1.5);
  });
});

describe('Pashto letters', () => {
  it.each(['دوی ګوډاګي دي', 'دوی گوډاگی دي', 'دوی ګوډاګی دي'])('%s matches ګوډاګي', (text) => {
    expect(ids(text, 'pus')).toEqual(['puppet_foreign_agent']);
  });

  it("keeps ټ ډ ړ ښ apart from their look-alikes", () => {
    expect(ids('دوی گوداگی دي', 'pus')).toEqual([]); // د is not ډ
  });
});

describe('English: stems, globs, phrases, exclusions', () => {
  it('matches plurals through the Porter stem', () => {
    expect(frame('They are puppets of the West', 'eng', 'puppet_foreign_agent')?.hits[0]?.matched).toBe('puppets');
  });

  it.each(['The puppet show was fun', 'a sock puppet account', 'our travel agents of America'])('"%s" is vetoed by an exclusion', (text) => {
    expect(ids(text, 'eng')).toEqual([]);
  });

  it('a longer hit swallows a contained one of the same frame (no double count)', () => {
    const f = frame('They are agents of America', 'eng', 'puppet_foreign_agent');
    expect(f?.score).toBe(1);
    expect(f?.hits.map((h) => h.term)).toEqual(['agent* of america']);
  });

  it('hyphen and space spell the same phrase; it routes to the TTP frame', () => {
    expect(ids('Fitna al-Khawarij attacked', 'eng')).toEqual(['ttp_pakistan_dispute']);
    expect(ids('fitna al khawarij attacked', 'eng')).toEqual(['ttp_pakistan_dispute']);
    expect(ids('the khawarij attacked', 'eng')).toEqual(['khawarij']);
  });

  it('a phrase does not run across a sentence break', () => {
    expect(ids('They are agents. Of America we know little.', 'eng')).toEqual([]);
  });
});

describe('scores and requirements', () => {
  it('a repeated term counts once; every occurrence is evidence', () => {
    const f = frame('puppet, puppet, puppet!', 'eng', 'puppet_foreign_agent');
    expect(f?.score).toBe(1);
    expect(f?.hits).toHaveLength(3);
  });

  it('weights add up across distinct terms', () => {
    expect(frame('slaves and agents', 'eng', 'puppet_foreign_agent')?.score).toBe(1);
    expect(frame('slaves only', 'eng', 'puppet_foreign_agent')).toBeUndefined();
  });

  it('frame-level requires: Pakistan counts only with an ISKP frame in the post', () => {
    expect(ids('daesh fighters hide in Pakistan', 'eng')).toEqual(['daesh_label', 'pakistan_sponsorship_haven']);
    expect(ids('Pakistan economy grows', 'eng')).toEqual([]);
  });

  it('term-level requires with a cue and with frame:<id>', () => {
    // doha (0.5) needs betray* or the puppet frame; with "doha agreement" (1) the frame is there anyway.
    const f = frame('The puppets signed in Doha', 'eng', 'doha_agreement');
    expect(f).toBeUndefined(); // 0.5 < 1
    const g = frame('They betrayed Islam with the Doha agreement in Doha', 'eng', 'doha_agreement');
    expect(g?.hits.map((h) => h.term).sort()).toEqual(['doha', 'doha agreement']);
    expect(g?.score).toBe(1.5);
    const h = frame('Doha agreement talks', 'eng', 'doha_agreement');
    expect(h?.hits.map((x) => x.term)).toEqual(['doha agreement']); // bare doha: no cue, no puppet frame
  });

  it('weight 0 terms are documentation only', () => {
    expect(ids('میخوانند', 'prs')).toEqual([]);
  });

  it('frames are ordered by score, then lexicon order', () => {
    const r = tag('They betrayed Islam with the Doha agreement in Doha; daesh', 'eng');
    expect(r.frames.map((f) => f.frame)).toEqual(['doha_agreement', 'daesh_label']);
  });
});

describe('negation and quotation flags', () => {
  it.each([
    ['The Taliban are not puppets', 'eng', 'puppet_foreign_agent'],
    ['ليسوا عملاء لأحد', 'arb', 'puppet_foreign_agent'],
    ['طالبان دست نشانده نیستند', 'prs', 'puppet_foreign_agent'],
    ['دوی ګوډاګي نه دي', 'pus', 'puppet_foreign_agent'],
    ["They didn't call them khawarij", 'eng', 'khawarij'],
  ])('negated: %s', (text, lang, id) => {
    const f = frame(text, lang as Lang, id);
    expect(f?.negated).toBe(true);
    expect(f?.hits.every((h) => h.negated)).toBe(true);
  });

  it.each([
    ['the khawarij were defeated, the spokesman said', 'eng', 'khawarij'],
    ['ISKP accuses the Taliban of being puppets', 'eng', 'puppet_foreign_agent'],
    ['They are the new “puppets” of the West', 'eng', 'puppet_foreign_agent'],
    ['به گفته سخنگو، خوارج شکست خوردند', 'prs', 'khawarij'],
    ["په خبره یې هلته د ''خوارجو '' پر ضد عملیات روان دي", 'pus', 'khawarij'],
    ['ما يسمى الخلافة انتهى', 'arb', 'caliphate_claim'],
    ['قال المتحدث إن «داعش» انتهى', 'arb', 'daesh_label'],
  ])('quoted: %s', (text, lang, id) => {
    const f = frame(text, lang as Lang, id);
    expect(f?.quoted).toBe(true);
  });

  it('flagged hits still count and are shown', () => {
    const f = frame('The Taliban are not puppets', 'eng', 'puppet_foreign_agent');
    expect(f?.score).toBe(1);
    expect(f?.hits[0]?.matched).toBe('puppets');
  });

  it('a frame is negated only when every hit is', () => {
    const f = frame('They are puppets. The Taliban are not puppets.', 'eng', 'puppet_foreign_agent');
    expect(f?.hits.map((h) => h.negated)).toEqual([false, true]);
    expect(f?.negated).toBe(false);
  });

  it('a negation cue in another sentence or far away does not flag', () => {
    expect(frame('No. They are puppets', 'eng', 'puppet_foreign_agent')?.negated).toBe(false);
    expect(frame('We have no doubt that after many long years they are puppets', 'eng', 'puppet_foreign_agent')?.negated).toBe(false);
  });

  it('Pashto لا ("still") is not a negation cue', () => {
    expect(frame('دوی لا ګوډاګي دي', 'pus', 'puppet_foreign_agent')?.negated).toBe(false);
  });
});

describe('offsets with marks inside the word', () => {
  it.each([
    ['هم المُرْتَدّين حقاً', 'المُرْتَدّين'],
    ['هم المــرتــدين حقاً', 'المــرتــدين'],
    [`همه خارجی${ZWNJ}ها رفتند`, `خارجی${ZWNJ}ها`],
  ])('%s', (text, span) => {
    const r = tag(text, text.includes('همه') ? 'prs' : 'arb');
    const hit = r.frames[0]?.hits[0];
    expect(hit?.matched).toBe(span);
    expect(hit?.start).toBe(text.indexOf(span));
  });
});

describe('versions', () => {
  it('the version is a stable content hash', () => {
    expect(loadTagger(FIXTURE).version).toBe(tagger.version);
    expect(tagger.version).toMatch(/^[0-9a-f]{12}$/);
  });

  it('frames() describes every frame', () => {
    const f = tagger.frames().find((x) => x.id === 'apostasy');
    expect(f).toMatchObject({ label: 'Apostasy', actor: 'ISKP', group: 'test_group', threshold: 1 });
  });
});

describe('cue phrases that do not negate', () => {
  it.each([
    ['They are nothing but puppets', 'eng'],
    ['There is no doubt they are puppets', 'eng'],
    ['They are not only puppets', 'eng'],
    ['ليسوا إلا عملاء', 'arb'],
    ['طالبان نه تنها دست نشانده اند', 'prs'],
  ])('%s', (text, lang) => {
    const f = frame(text, lang as Lang, 'puppet_foreign_agent');
    expect(f).toBeDefined();
    expect(f?.negated).toBe(false);
  });
});

describe('Arabic cues with a conjunction', () => {
  it.each([
    ['ولا هم عملاء', 'negated'],
    ['وقال المتحدث إنهم عملاء', 'quoted'],
  ])('%s is %s', (text, flag) => {
    const f = frame(text, 'arb', 'puppet_foreign_agent');
    expect(flag === 'negated' ? f?.negated : f?.quoted).toBe(true);
  });
});

describe('English stems keep agent nouns apart from their verbs', () => {
  it.each([
    ['believers', 'believed'],
    ['outsiders', 'outside'],
    ['foreigners', 'foreign'],
    ['supporters', 'supported'],
  ])('%s and %s have different stems', (noun, other) => {
    expect(stemWord(noun)).not.toBe(stemWord(other));
  });
  it.each([
    ['believers', 'believer'],
    ['puppets', 'puppet'],
    ['fighters', 'fighter'],
    ['supporters', 'supporter'],
  ])('%s and %s still share a stem', (a, b) => {
    expect(stemWord(a)).toBe(stemWord(b));
  });
});
