// A plain `framewatch tag ...` command line, read without commander (main.ts): the words and options
// of the `tag` command in program.ts, or null for anything else. Null hands the line to commander,
// which then prints its usual help or usage error: this reader never reports an error itself, so a
// line it declines behaves exactly as before. The option table below is also what commands/tag.ts
// registers with commander, so the two cannot drift apart.

export interface TagOptions {
  lang?: string;
  side?: string;
  format?: string;
  json?: boolean;
  lexicons?: string;
  timing?: boolean;
}

/** The options of `tag`; `value` names the argument of an option that takes one. */
export const TAG_OPTIONS: readonly { name: keyof TagOptions; value?: string; help: string }[] = [
  { name: 'lang', value: 'code', help: 'skip language detection: prs, pus, arb, eng or und' },
  { name: 'side', value: 'side', help: 'tag as a post of a channel of this side (taliban or iskp): it stands in for a missing actor reference' },
  { name: 'format', value: 'format', help: 'table (default: readable text), json ({lang, detection, result}), jsonl or csv (one evidence span a line)' },
  { name: 'json', help: 'alias of --format json' },
  { name: 'lexicons', value: 'dir', help: 'lexicon directory (default: the project lexicons)' },
  { name: 'timing', help: 'also print on stderr when the text was tagged, in ms since the process started' },
];

const VALUE_OPTIONS = new Set(TAG_OPTIONS.filter((o) => o.value).map((o) => `--${o.name}`));
const FLAG_OPTIONS = new Set(TAG_OPTIONS.filter((o) => !o.value).map((o) => `--${o.name}`));

type Key = keyof TagOptions;

/** argv as node gives it (`node main.js tag ...`). */
export function tagArgs(argv: readonly string[]): { words: string[]; opts: TagOptions } | null {
  if (argv[2] !== 'tag') return null; // global options first (--db ...), or another command
  const words: string[] = [];
  const opts: TagOptions = {};
  const seen = new Set<string>();
  for (let i = 3; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      words.push(...argv.slice(i + 1));
      break;
    }
    if (a === '-') return null;
    if (!a.startsWith('-')) {
      words.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq === -1 ? a : a.slice(0, eq);
    if (seen.has(name)) return null; // repeated: let commander decide
    seen.add(name);
    const key = name.slice(2) as Key;
    if (FLAG_OPTIONS.has(name) && eq === -1) {
      (opts as Record<Key, unknown>)[key] = true;
      continue;
    }
    if (!VALUE_OPTIONS.has(name)) return null; // --help, -h, short options, unknown options, --json=x
    let value: string | undefined;
    if (eq !== -1) {
      value = a.slice(eq + 1);
      if (value === '') return null;
    } else {
      value = argv[++i];
      if (value === undefined || value.startsWith('-')) return null; // missing or doubtful value
    }
    (opts as Record<Key, unknown>)[key] = value;
  }
  return { words, opts };
}
