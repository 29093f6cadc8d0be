/**
 * `npm run eval:html`: body-token P/R/F1 of khabar and of Readability alone on the
 * HTML fixtures, plus khabar's metadata accuracy. VERBOSE=1 prints every case.
 */
import { resolve } from 'node:path';
import { evaluateHtml, type Prf } from './html-metrics.js';

const fmt = (p: Prf) =>
  `P ${(p.precision * 100).toFixed(1)}  R ${(p.recall * 100).toFixed(1)}  F1 ${(p.f1 * 100).toFixed(1)}`;

const t0 = performance.now();
// `npm run eval:html -- test/fixtures/html-heldout` evaluates another folder of cases
const root = process.argv[2] ? resolve(process.argv[2]) + '/' : undefined;
const r = evaluateHtml(root);
if (process.env.VERBOSE) {
  for (const c of r.perCase)
    process.stdout.write(
      `${c.case.padEnd(34)} khabar ${fmt(c.khabar)} | readability ${fmt(c.readability)}${c.misses.length ? '  ' + c.misses.join('; ') : ''}\n`,
    );
}
process.stdout.write(
  `html eval: ${r.cases} pages in ${root ?? 'test/fixtures/html/'} (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`,
);
process.stdout.write(`  khabar       ${fmt(r.khabar)}\n`);
process.stdout.write(`  readability  ${fmt(r.readability)}\n`);
process.stdout.write(
  `  khabar metadata: title ${(r.meta.title * 100).toFixed(0)}%  published ${(r.meta.published * 100).toFixed(0)}%  author ${(r.meta.author * 100).toFixed(0)}%\n`,
);
