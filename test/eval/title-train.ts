/**
 * `npm run train:title -- [file.jsonl ...]`: fits the headline model on the development pages
 * (default: ../shared/eval-dev/clean_real.jsonl and test/fixtures/real/clean/pages.jsonl) and writes
 * src/clean/title-model.json. Never give it a held-out set (test/fixtures/real/clean/fresh*.jsonl).
 */
import { writeFileSync } from 'node:fs';
import { readGold } from './clean.js';
import { fitTitleModel, titleExamples, titleHits } from './title-fit.js';

const DEV_SETS = ['../shared/eval-dev/clean_real.jsonl', 'test/fixtures/real/clean/pages.jsonl'];
const files = process.argv.slice(2).length ? process.argv.slice(2) : DEV_SETS;
if (files.some((f) => /fresh/.test(f))) throw new Error('fresh*.jsonl are held out: never train on them');
const gold = files.flatMap((f) => readGold(f));
const { examples, unreachable } = titleExamples(gold);
const model = fitTitleModel(
  examples,
  `${files.join(' + ')}: ${gold.length} pages, ${examples.length} with candidates (npm run train:title)`,
);
const hits = titleHits(gold, model).filter(Boolean).length;
writeFileSync('src/clean/title-model.json', JSON.stringify(model, null, 2) + '\n');
process.stdout.write(
  `train:title: ${gold.length} pages, ${examples.length} examples, ${unreachable.length} titles not among the candidates ` +
    `(${unreachable.join(' ')})\n  fitted title accuracy ${((100 * hits) / gold.length).toFixed(1)} %\n` +
    model.features.map((f, j) => `  ${f.padEnd(14)} ${model.weights[j]}`).join('\n') +
    `\n  none ${model.none}, none without paragraphs +${model.noneNoBody}\n  wrote src/clean/title-model.json\n`,
);
