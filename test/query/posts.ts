// The posts the query tests search. Frames come from the fake tagger in seed.ts:
//   a1 khawarij · a2 khawarij+puppet · a3 none (20:00Z on 31 March = 1 April in Kabul)
//   k10 apostasy+puppet · k11 khawarij (quoted) + apostasy (negated) · k12 apostasy + khawarij (negated)
//   k15 khawarij · z20 khawarij+puppet+apostasy · the rest none.
import type { SeedPost } from './seed.js';

export const POSTS: Record<string, SeedPost> = {
  a1: { channel: 'almirsaad_t', id: 1, date: '2026-04-01T05:00:00Z', lang: 'pus', text: 'د خوارجو ډله په ننګرهار کې بیا ماته وخوړه' },
  a2: { channel: 'almirsaad_t', id: 2, date: '2026-04-02T06:00:00Z', lang: 'pus', text: 'خوارج او د هغوی غلام ملګري به له منځه لاړ شي' },
  a3: { channel: 'almirsaad_t', id: 3, date: '2026-03-31T20:00:00Z', lang: 'pus', text: 'د کابل په ښار کې نن باران و' },
  k10: { channel: 'khurasan_t', id: 10, date: '2026-04-02T08:00:00Z', lang: 'prs', text: 'طالبان مرتدین هستند و نوکر بیگانگان' },
  k11: {
    channel: 'khurasan_t',
    id: 11,
    date: '2026-04-03T09:00:00Z',
    lang: 'prs',
    text: 'آنها می‌گویند ما «خوارج» هستیم، اما ما نه مرتد هستیم',
  },
  k12: {
    channel: 'khurasan_t',
    id: 12,
    date: '2026-04-04T10:00:00Z',
    lang: 'eng',
    text: 'The apostate regime sold Kabul; they are not khawarij, as they claim.',
  },
  // Dari typed on an Arabic keyboard: ك and ي.
  k13: { channel: 'khurasan_t', id: 13, date: '2026-04-05T11:00:00Z', lang: 'prs', text: 'مردم كابل از گراني شكايت دارند' },
  k14: { channel: 'khurasan_t', id: 14, date: '2026-04-06T06:00:00Z', lang: 'prs', text: 'ولایت هلمند امروز آرام بود' },
  // With ZWNJ (مقام‌های, می‌گویند) ...
  k15: { channel: 'khurasan_t', id: 15, date: '2026-04-06T07:00:00Z', lang: 'prs', text: 'مقام‌های طالبان می‌گویند که خوارج شکست خوردند' },
  // ... and without it.
  k16: { channel: 'khurasan_t', id: 16, date: '2026-04-07T07:00:00Z', lang: 'prs', text: 'میگویند که جنگ تمام شد' },
  z20: { channel: 'azaim_t', id: 20, date: '2026-04-03T12:00:00Z', lang: 'arb', text: 'الخوارج عملاء المرتدين في كابل' },
  z21: { channel: 'azaim_t', id: 21, date: '2026-04-05T07:00:00Z', lang: 'arb', text: 'الأسواق في هرات مفتوحة اليوم' },
  // Fully vocalized.
  z22: { channel: 'azaim_t', id: 22, date: '2026-04-07T09:00:00Z', lang: 'arb', text: 'قال الشيخ: الْخَوَارِجُ كِلَابُ النَّارِ' },
};

/** "channel/id" → fixture name. */
export const NAME_OF = new Map(Object.entries(POSTS).map(([name, p]) => [`${p.channel}/${p.id}`, name]));

export function names(rows: { channel: string; id: number }[]): string[] {
  return rows.map((r) => NAME_OF.get(`${r.channel}/${r.id}`) ?? `?${r.channel}/${r.id}`);
}
