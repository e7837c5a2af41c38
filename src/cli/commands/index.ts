// Every command module; each exports register(program). Order = order in --help.
export { register as importCmd } from './import.js';
export { register as queryCmd } from './query.js';
export { register as trendCmd } from './trend.js';
export { register as statsCmd } from './stats.js';
export { register as reclassifyCmd } from './reclassify.js';
export { register as evalCmd } from './eval.js';
export { register as demoCmd } from './demo.js';
export { register as digestCmd } from './digest.js';
export { register as runCmd } from './run.js';
export { register as reportCmd } from './report.js';
export { register as collectCmd } from './collect.js';
export { register as channelsCmd } from './channels.js';
export { register as tagCmd } from './tag.js';
export { register as lexiconCmd } from './lexicon.js';
export { register as reviewCmd } from './review.js';
export { register as migrateCmd } from './migrate.js';
