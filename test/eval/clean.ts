/**
 * `npm run eval:clean -- <file.jsonl> [--errors] [--alone]`: body-token precision, recall and F1,
 * title and dateline accuracy of the cleaner, beside the "drop lines under 8 words and repeated
 * lines" baseline on the same pages, and the errors grouped by kind. Reads our own fixtures
 * (test/fixtures/clean/gold.jsonl, the default) and real labelled pages
 * (../shared/eval-dev/clean_real.jsonl, test/fixtures/real/clean/pages.jsonl) alike.
 *   --errors  list every error, not only the counts per group
 *   --alone   also clean every body line alone (the negatives test) and list what was lost
 *   --part dev|heldout  only one half of the file, split by site (test/eval/split.ts): the split of
 *             test/fixtures/real/clean/pages.jsonl held until 2026-12-03 (now all development data).
 * A held-out set (`--part heldout`, or test/fixtures/real/clean/heldout*.jsonl) prints totals only (no
 * error lists, no lost lines' text), so that nobody tunes on it by accident.
 */
import { readFileSync } from 'node:fs';
import {
  baselinePredictions,
  bodyLinesAlone,
  khabarPredictions,
  score,
  type CleanError,
  type GoldDoc,
} from './clean-metrics.js';
import { isPart, splitBySite } from './split.js';

export function readGold(path: string): GoldDoc[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l, i) => {
      try {
        return JSON.parse(l) as GoldDoc;
      } catch (e) {
        throw new Error(`${path}:${i + 1}: ${(e as Error).message}`, { cause: e });
      }
    });
}

function main(args: string[]) {
  const partAt = args.indexOf('--part');
  const part = partAt >= 0 ? args[partAt + 1] : undefined;
  if (partAt >= 0 && !isPart(part)) {
    process.stderr.write(`--part takes dev or heldout, not ${part ?? 'nothing'}\n`);
    process.exitCode = 2;
    return;
  }
  const path =
    args.find((a, i) => !a.startsWith('--') && (partAt < 0 || i !== partAt + 1)) ?? 'test/fixtures/clean/gold.jsonl';
  const all = readGold(path);
  const gold = isPart(part) ? splitBySite(all, part) : all;
  const t0 = performance.now();
  const k = score(gold, khabarPredictions(gold));
  const ms = performance.now() - t0;
  const b = score(gold, baselinePredictions(gold));
  const pct = (x: number) => (100 * x).toFixed(1).padStart(6) + ' %';
  const sites = new Set(gold.map((g) => g.site ?? '')).size;
  const out: string[] = [
    `eval:clean ${path}${part ? ` (${part} half)` : ''}: ${gold.length} pages from ${sites} sites (${ms.toFixed(0)} ms)`,
    `                       khabar   baseline (drop <8 words and repeats; title = first 4–25-word line without a full stop; no dateline)`,
    `  body precision   ${pct(k.precision)}  ${pct(b.precision)}`,
    `  body recall      ${pct(k.recall)}  ${pct(b.recall)}`,
    `  body F1          ${pct(k.f1)}  ${pct(b.f1)}`,
    `  title accuracy   ${pct(k.titleAccuracy)}  ${pct(b.titleAccuracy)}`,
    `  dateline acc.    ${pct(k.datelineAccuracy)}  ${pct(b.datelineAccuracy)}`,
    `  title found      ${pct(k.titleFound)}  ${pct(b.titleFound)}   (pages that have a title)`,
    `  dateline found   ${pct(k.datelineFound)}  ${pct(b.datelineFound)}   (pages that have a dateline)`,
    '',
  ];
  // a held-out set (--part heldout, or test/fixtures/real/clean/heldout*.jsonl) prints its totals only
  const totalsOnly = part === 'heldout' || /heldout\d*\.jsonl$/.test(path);
  if (!totalsOnly) out.push('errors by kind (khabar):');
  const groups = new Map<string, CleanError[]>();
  for (const e of k.errors) {
    const key = `${e.kind}: ${e.group}`;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  for (const [key, es] of totalsOnly ? [] : [...groups].sort((x, y) => x[0].localeCompare(y[0]))) {
    out.push(`  ${key.padEnd(48)} ${String(es.length).padStart(4)}`);
    if (args.includes('--errors')) for (const e of es) out.push(`      ${e.id} ${e.detail.slice(0, 150)}`);
  }
  if (args.includes('--alone')) {
    const alone = bodyLinesAlone(gold);
    const share = alone.dropped.length / Math.max(1, alone.lines);
    out.push(
      '',
      `body lines cleaned alone: ${alone.lines}, dropped ${alone.dropped.length} (${(100 * share).toFixed(2)} %), ` +
        `rejected as a whole document ${alone.rejected.length}`,
    );
    if (totalsOnly) out.push('  (held-out half: totals only)');
    else for (const d of alone.dropped) out.push(`  dropped ${d.id} ${d.rule}: ${d.line.slice(0, 140)}`);
    if (!totalsOnly) for (const d of alone.rejected) out.push(`  rejected ${d.id} ${d.rule}: ${d.line.slice(0, 140)}`);
  }
  process.stdout.write(out.join('\n') + '\n');
}

if (import.meta.url === `file://${process.argv[1]}`) main(process.argv.slice(2));
