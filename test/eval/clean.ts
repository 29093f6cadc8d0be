/**
 * `npm run eval:clean -- <gold.jsonl> [--errors]`: body-line precision, recall and F1
 * of the cleaner, and title and dateline accuracy.
 */
import { readFileSync } from 'node:fs';
import { evaluateClean, type GoldDoc } from './clean-metrics.js';

const args = process.argv.slice(2);
const path = args.find((a) => !a.startsWith('--')) ?? 'test/fixtures/clean/gold.jsonl';
const gold: GoldDoc[] = readFileSync(path, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l, i) => {
    try {
      return JSON.parse(l) as GoldDoc;
    } catch (e) {
      throw new Error(`${path}:${i + 1}: ${(e as Error).message}`, { cause: e });
    }
  });
const t0 = performance.now();
const s = evaluateClean(gold);
const ms = performance.now() - t0;
const pct = (x: number) => (100 * x).toFixed(1) + '%';
process.stdout.write(
  `eval:clean ${path}: ${s.docs} documents\n` +
    `  body lines  precision ${pct(s.precision)}  recall ${pct(s.recall)}  F1 ${pct(s.f1)}\n` +
    `  title accuracy ${pct(s.titleAccuracy)}   dateline accuracy ${pct(s.datelineAccuracy)}\n` +
    `  ${ms.toFixed(0)} ms\n`,
);
if (args.includes('--errors'))
  for (const e of s.errors) process.stdout.write(`  ${e.id} ${e.kind}: ${e.detail.slice(0, 140)}\n`);
