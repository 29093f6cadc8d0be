/**
 * `npm run eval:html`: body-token P/R/F1 of khabar and of Readability alone on the
 * HTML fixtures, plus khabar's metadata accuracy. VERBOSE=1 prints every case.
 */
import { resolve } from 'node:path';
import { benchmarkScore, runBenchmark } from './html-benchmark.js';
import { evaluateHtml, type Prf } from './html-metrics.js';

const fmt = (p: Prf) =>
  `P ${(p.precision * 100).toFixed(1)}  R ${(p.recall * 100).toFixed(1)}  F1 ${(p.f1 * 100).toFixed(1)}`;

const t0 = performance.now();
const bench = process.argv.indexOf('--benchmark');
if (bench >= 0) {
  benchmark(resolve(process.argv[bench + 1] ?? '.'));
  process.exit(0);
}
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

/** The public benchmark: writes output/khabar.json there, prints a quick score and the worst pages. */
function benchmark(folder: string): void {
  const { pages, seconds } = runBenchmark(folder);
  const s = benchmarkScore(pages);
  const rejected = pages.filter((p) => p.rejected);
  const f = (x: number) => x.toFixed(3);
  process.stdout.write(
    `benchmark: ${pages.length} pages in ${seconds.toFixed(1)} s (${(pages.length / seconds).toFixed(1)} pages/s, two passes)\n` +
      `  khabar  F1 ${f(s.f1)}  P ${f(s.precision)}  R ${f(s.recall)}  (port of evaluate.py, no bootstrap)\n` +
      `  rejected ${rejected.length}: ${rejected.map((p) => `${p.key.slice(0, 8)} ${p.rejected}`).join(', ')}\n` +
      `  wrote ${folder}/output/khabar.json; the figures to quote: cd ${folder} && python3 evaluate.py\n`,
  );
  if (process.env.VERBOSE) {
    const worst = [...pages].sort((a, b) => a.tpFpFn[0] - b.tpFpFn[0]).slice(0, Number(process.env.VERBOSE) || 20);
    for (const p of worst) {
      const [tp, fp, fn] = p.tpFpFn;
      const prec = tp + fp > 0 ? tp / (tp + fp) : 0;
      const rec = tp + fn > 0 ? tp / (tp + fn) : 0;
      process.stdout.write(`${p.key.slice(0, 12)} P ${f(prec)} R ${f(rec)} ${p.rejected ?? ''} ${p.url}\n`);
    }
  }
}
