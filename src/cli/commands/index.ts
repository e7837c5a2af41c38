// Every command: its name and its module (each exports register(program)). Order = order in --help.
// Modules load on demand: a command's own run loads only its module, `--help` loads them all.
import type { Command } from 'commander';

type CommandModule = { register: (program: Command) => void };

export const COMMANDS: readonly (readonly [name: string, load: () => Promise<CommandModule>])[] = [
  ['import', () => import('./import.js')],
  ['query', () => import('./query.js')],
  ['trend', () => import('./trend.js')],
  ['stats', () => import('./stats.js')],
  ['reclassify', () => import('./reclassify.js')],
  ['eval', () => import('./eval.js')],
  ['demo', () => import('./demo.js')],
  ['digest', () => import('./digest.js')],
  ['run', () => import('./run.js')],
  ['report', () => import('./report.js')],
  ['collect', () => import('./collect.js')],
  ['channels', () => import('./channels.js')],
  ['tag', () => import('./tag.js')],
  ['lexicon', () => import('./lexicon.js')],
  ['review', () => import('./review.js')],
  ['migrate', () => import('./migrate.js')],
];
