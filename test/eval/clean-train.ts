/**
 * `npm run train:clean -- [file.jsonl ...]`: fits the cleaner's two learned models on the development
 * pages (default: ../shared/eval-dev/clean_real.jsonl, test/fixtures/real/clean/pages.jsonl, fresh.jsonl and dev2–dev8.jsonl) and
 * writes them as JSON: the headline model (src/clean/title-model.json) and the furniture model
 * (src/clean/line-model.json). Never give it a held-out set (test/fixtures/real/clean/heldout.jsonl).
 */
import { writeFileSync } from 'node:fs';
import { readGold } from './clean.js';
import { fitLineModel, lineExamples } from './line-fit.js';
import { fitTitleModel, titleExamples, titleHits } from './title-fit.js';

export const DEV_SETS = [
  '../shared/eval-dev/clean_real.jsonl',
  'test/fixtures/real/clean/pages.jsonl',
  'test/fixtures/real/clean/fresh.jsonl',
  'test/fixtures/real/clean/dev2.jsonl',
  'test/fixtures/real/clean/dev3.jsonl',
  'test/fixtures/real/clean/dev4.jsonl',
  'test/fixtures/real/clean/dev5.jsonl',
  'test/fixtures/real/clean/dev6.jsonl',
  'test/fixtures/real/clean/dev7.jsonl',
  'test/fixtures/real/clean/dev8.jsonl',
];

if (import.meta.url === `file://${process.argv[1]}`) {
  const files = process.argv.slice(2).length ? process.argv.slice(2) : DEV_SETS;
  if (files.some((f) => /heldout/.test(f))) throw new Error('heldout.jsonl is held out: never train on it');
  const gold = files.flatMap((f) => readGold(f));
  const on = `${files.join(' + ')}: ${gold.length} pages`;
  const { examples, unreachable } = titleExamples(gold);
  const title = fitTitleModel(examples, `${on}, ${examples.length} with candidates (npm run train:clean)`);
  writeFileSync('src/clean/title-model.json', JSON.stringify(title, null, 2) + '\n');
  const lines = lineExamples(gold);
  const furniture = lines.filter((e) => e.y === 1).length;
  const line = fitLineModel(lines, `${on}, ${lines.length} lines (${furniture} furniture) (npm run train:clean)`);
  writeFileSync('src/clean/line-model.json', JSON.stringify(line, null, 2) + '\n');
  const hits = titleHits(gold, title).filter(Boolean).length;
  const show = (names: readonly string[], w: number[]) => names.map((f, j) => `    ${f.padEnd(14)} ${w[j]}`).join('\n');
  process.stdout.write(
    `train:clean: ${gold.length} pages\n` +
      `  headline: ${examples.length} pages with candidates, ${unreachable.length} titles not among them ` +
      `(${unreachable.join(' ')}); fitted title accuracy ${((100 * hits) / gold.length).toFixed(1)} %\n` +
      show(title.features, title.weights) +
      `\n    none ${title.none}, none without paragraphs +${title.noneNoBody}\n` +
      `  furniture: ${lines.length} lines that do not read as paragraphs, ${furniture} of them furniture\n` +
      show(line.features, line.weights) +
      `\n    bias ${line.bias}\n  wrote src/clean/title-model.json and src/clean/line-model.json\n`,
  );
}
