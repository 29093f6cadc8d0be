/* global process, performance */
// One hostile file through the compiled `khabar process` pipeline, in its own process, so its
// time and peak memory are its own: prints {outcomes, ms, maxRssMB} as JSON. (test/bad-input)
import { processPaths } from '../../dist/pipeline/run.js';
import { openStore } from '../../dist/store/index.js';

const [file, db] = process.argv.slice(2);
const t0 = performance.now();
const store = await openStore(db);
const outcomes = [];
await processPaths([file], { store, runsDir: null, onOutcome: (o) => outcomes.push(o) });
await store.close();
const ms = performance.now() - t0;
process.stdout.write(JSON.stringify({ outcomes, ms, maxRssMB: process.resourceUsage().maxRSS / 1024 }) + '\n');
