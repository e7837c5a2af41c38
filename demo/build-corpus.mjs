#!/usr/bin/env node
// Expands the hand-written demo/posts.json into demo/corpus.jsonl (the demo's JSONL import file).
// Deterministic: a seeded PRNG, no clock, no dependencies. `--stdout` prints instead of writing.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const SEED = 20261126;
const LAST_DAY = Date.UTC(2026, 10, 26); // 2026-11-26
const DAYS = 21;

// Frames whose volume follows a scripted shape; everything else is steady background.
const SPIKE_FRAME = 'khawarij'; // ~3x its usual daily volume on the last day
const GROWTH_FRAME = 'apostasy'; // climbs over the three weeks

// Two posts are re-sent later with a changed text and "edited": true.
const EDITS = [
  {
    channel: 'kabul_news_demo',
    startsWith: 'قیمت آرد و روغن',
    fromDay: 8,
    edit: (t) => t.replace('۱۶۵۰', '۱۶۰۰'), // a corrected price, as news channels do
  },
  {
    channel: 'almirsaad_demo',
    startsWith: 'Security officials say Daesh remnants',
    fromDay: 15,
    edit: (t) => `${t}\nUpdate: officials later said two more suspects were detained in the same district.`,
  },
];

// Short tag lines a channel sometimes appends to a repost.
const TAG_LINES = {
  khurasan_voice_demo: ['#Khurasan'],
  almirsaad_demo: ['#AlMirsaad', '#Afghanistan'],
  afghan_monitor_demo: ['#ISKP #monitoring'],
  ulama_voices_demo: ['#ulama'],
  afghan_daily_demo: ['#Afghanistan', '#Kabul'],
  khurasan_sada_demo: ['#خراسان'],
  almirsaad_dari_demo: ['#المرصاد', '#امنیت'],
  kabul_news_demo: ['#خبرها', '#کابل'],
  khurasan_ghag_demo: ['#خراسان_غږ'],
  almirsaad_pashto_demo: ['#المرصاد', '#امنیت'],
  pashto_khabarona_demo: ['#خبرونه', '#افغانستان'],
  wilayah_naba_demo: ['#خراسان'],
  almirsaad_arabic_demo: ['#المرصاد', '#أفغانستان'],
  arabic_watch_demo: ['#أفغانستان', '#عاجل'],
};

// Views by kind of channel (always within 200..20000).
function viewRange(channel) {
  if (channel.startsWith('almirsaad')) return [2000, 20000];
  if (/khurasan|wilayah/.test(channel)) return [200, 4000];
  return [500, 15000];
}

/** mulberry32: tiny seeded PRNG, good enough for demo data. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled(arr, rand) {
  const a = [...arr];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/** Draws `n` distinct posts per call, cycling through a reshuffled pool so every post recurs. */
function cycler(pool, rand) {
  let order = shuffled(pool, rand);
  let i = 0;
  return (n) => {
    const out = [];
    const seen = new Set();
    let guard = 0;
    while (out.length < Math.min(n, pool.length) && guard++ < pool.length * 4) {
      if (i >= order.length) {
        order = shuffled(pool, rand);
        i = 0;
      }
      const p = order[i++];
      if (!seen.has(p)) {
        seen.add(p);
        out.push(p);
      }
    }
    return out;
  };
}

const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export function buildCorpus(posts, seed = SEED) {
  const rand = prng(seed);
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));

  const pools = { spike: [], growth: [], neutral: [], other: [] };
  posts.forEach((p, idx) => {
    const item = { ...p, idx };
    if (p.frames.includes(SPIKE_FRAME)) pools.spike.push(item);
    else if (p.frames.includes(GROWTH_FRAME)) pools.growth.push(item);
    else if (p.frames.length === 0) pools.neutral.push(item);
    else pools.other.push(item);
  });
  const draw = Object.fromEntries(Object.entries(pools).map(([k, v]) => [k, cycler(v, rand)]));

  const drafts = [];
  for (let d = 0; d < DAYS; d++) {
    const dayStart = LAST_DAY - (DAYS - 1 - d) * 86_400_000;
    const last = d === DAYS - 1;
    const counts = {
      neutral: int(4, 5), // flat
      spike: last ? 6 : [1, 2, 2, 2, 3][int(0, 4)], // mean 2, then 6
      growth: Math.max(0, Math.round(0.4 + (2.8 * d) / (DAYS - 1) + (rand() - 0.5))), // ~0.4 -> ~3.2
      other: int(3, 5),
    };
    for (const [kind, n] of Object.entries(counts)) {
      for (const p of draw[kind](n)) {
        // 01:30-21:30 UTC = roughly 06:00-02:00 in Kabul.
        // 02:00-19:00 UTC keeps every post on the same calendar day in Asia/Kabul (UTC+4:30).
        const at = dayStart + int(2 * 3600, 19 * 3600) * 1000;
        const tags = TAG_LINES[p.channel] ?? [];
        const tag = rand() < 0.25 && tags.length ? tags[int(0, tags.length - 1)] : null;
        const text = tag && !p.text.includes(tag) ? `${p.text}\n${tag}` : p.text;
        const [vlo, vhi] = viewRange(p.channel);
        drafts.push({ day: d, at, base: p, text, views: int(vlo, vhi) });
      }
    }
  }
  drafts.sort((a, b) => a.at - b.at || a.base.idx - b.base.idx);

  // Message ids grow per channel in date order, with small gaps (deleted posts, media-only posts).
  const nextId = new Map();
  for (const ch of [...new Set(posts.map((p) => p.channel))].sort()) nextId.set(ch, int(800, 12000));
  const lines = drafts.map((x) => {
    const id = nextId.get(x.base.channel);
    nextId.set(x.base.channel, id + int(1, 3));
    return { sortAt: x.at, day: x.day, base: x.base, rec: { channel: x.base.channel, id, date: iso(x.at), text: x.text, views: x.views } };
  });

  // Edits keep channel, id and date (Telegram keeps the original date) and arrive a little later.
  for (const e of EDITS) {
    const orig = lines.find((l) => l.day >= e.fromDay && l.rec.channel === e.channel && l.base.text.startsWith(e.startsWith));
    if (!orig) throw new Error(`edit target not found: ${e.channel} ${e.startsWith}`);
    lines.push({
      sortAt: orig.sortAt + int(40, 150) * 60_000,
      day: orig.day,
      base: orig.base,
      rec: { ...orig.rec, text: e.edit(orig.rec.text), views: orig.rec.views + int(100, 900), edited: true },
    });
  }
  lines.sort((a, b) => a.sortAt - b.sortAt);
  return lines.map((l) => l.rec);
}

/** Per-day counts of the scripted frames, for a quick look after a rebuild. */
function summary(records, posts) {
  const frames = new Map(posts.map((p) => [p.text, p.frames]));
  const rows = new Map();
  for (const r of records) {
    if (r.edited) continue;
    const base = [...frames.keys()].find((t) => r.text.startsWith(t));
    const f = base === undefined ? [] : frames.get(base);
    const day = r.date.slice(0, 10);
    const row = rows.get(day) ?? { total: 0, [SPIKE_FRAME]: 0, [GROWTH_FRAME]: 0, neutral: 0 };
    row.total++;
    if (f.includes(SPIKE_FRAME)) row[SPIKE_FRAME]++;
    if (f.includes(GROWTH_FRAME)) row[GROWTH_FRAME]++;
    if (f.length === 0) row.neutral++;
    rows.set(day, row);
  }
  return [...rows].map(([day, r]) => `${day} ${JSON.stringify(r)}`).join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const posts = JSON.parse(readFileSync(join(HERE, 'posts.json'), 'utf8'));
  const records = buildCorpus(posts);
  const out = records.map((r) => JSON.stringify(r)).join('\n') + '\n';
  if (process.argv.includes('--stdout')) {
    process.stdout.write(out);
  } else {
    writeFileSync(join(HERE, 'corpus.jsonl'), out);
    process.stdout.write(`${summary(records, posts)}\nwrote ${records.length} lines to demo/corpus.jsonl\n`);
  }
}
