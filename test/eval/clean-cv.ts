/**
 * `npm run eval:clean-cv -- [file.jsonl ...] [--folds 5|site]`: cross-validation by site of the headline
 * model (src/clean/title-model.ts). Each fold's sites are left out, the model is fitted on the other
 * folds' pages (test/eval/title-fit.ts, as `npm run train:clean` fits the shipped one), and the left-out
 * pages are cleaned with it: their title accuracy is the figure the fit did not see.
 * Default files: the development sets, ../shared/eval-dev/clean_real.jsonl,
 * test/fixtures/real/clean/pages.jsonl, fresh.jsonl and dev2–dev8.jsonl. Also fits on each file alone and scores the others.
 *   --folds site  leave one site out: every site is a fold of its own
 */
import { TITLE_MODEL } from '../../src/clean/title-model.js';
import { fnv1a32 } from '../../src/text/hash.js';
import { LINE_DROP_PROBABILITY, type LineModel } from '../../src/clean/line-model.js';
import { khabarPredictions, score, type GoldDoc, type Prediction } from './clean-metrics.js';
import { readGold } from './clean.js';
import { DEV_SETS } from './clean-train.js';
import { fitLineModel, lineExamples } from './line-fit.js';
import { fitTitleModel, titleExamples, titleHits } from './title-fit.js';

const siteOf = (g: GoldDoc) => g.site ?? g.id ?? '';

/** folds = 0: leave one site out. Returns the accuracy fitted (in-fold) and on the left-out folds. */
export function crossValidate(gold: GoldDoc[], folds: number): { fitted: number; heldOut: number } {
  const sites = [...new Set(gold.map(siteOf))];
  const fold = gold.map((g) => (folds > 0 ? fnv1a32(siteOf(g)) % folds : sites.indexOf(siteOf(g))));
  const k = folds > 0 ? folds : sites.length;
  // the candidates and their features do not depend on the model: computed once
  const { examples, pages } = titleExamples(gold);
  let right = 0;
  let fitRight = 0;
  let fitPages = 0;
  for (let f = 0; f < k; f++) {
    const inFold = gold.map((_, i) => fold[i] !== f);
    if (!inFold.includes(false)) continue;
    const model = fitTitleModel(
      examples.filter((_, j) => inFold[pages[j]]),
      `fold ${f}`,
    );
    const hits = titleHits(gold, model);
    hits.forEach((h, i) => {
      if (!inFold[i]) right += h ? 1 : 0;
      else {
        fitPages++;
        fitRight += h ? 1 : 0;
      }
    });
  }
  return { fitted: fitRight / fitPages, heldOut: right / gold.length };
}

/** Thresholds of the furniture model tried by the cross-validation. */
const DROP_PROBABILITIES = [0.8, 0.9, 0.95, 0.98, 1.01];

/**
 * The furniture model fitted fold by fold: the body P/R/F1 of every page cleaned with the model its fold
 * did not see, for each threshold (1.01 = the model off: the rules alone).
 */
export function crossValidateFurniture(gold: GoldDoc[], folds: number) {
  const fold = gold.map((g) => fnv1a32(siteOf(g)) % folds);
  const examples = lineExamples(gold);
  const models: LineModel[] = [];
  for (let f = 0; f < folds; f++)
    models.push(
      fitLineModel(
        examples.filter((e) => fold[e.page] !== f),
        `fold ${f}`,
      ),
    );
  return DROP_PROBABILITIES.map((p) => {
    const preds: Prediction[] = new Array(gold.length);
    for (let f = 0; f < folds; f++) {
      const out = khabarPredictions(gold, { lineModel: models[f], lineDropProbability: p });
      gold.forEach((_, i) => {
        if (fold[i] === f) preds[i] = out[i];
      });
    }
    const s = score(gold, preds);
    return { p, precision: s.precision, recall: s.recall, f1: s.f1 };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const foldArg = args.includes('--folds') ? args[args.indexOf('--folds') + 1] : '5';
  const files = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--folds');
  const paths = files.length ? files : DEV_SETS;
  if (paths.some((f) => /heldout/.test(f))) throw new Error('heldout.jsonl is held out: never fit on it');
  const folds = foldArg === 'site' ? 0 : Number(foldArg) || 5;
  const sets = paths.map((p) => readGold(p));
  const gold = sets.flat();
  const r = crossValidate(gold, folds);
  const pct = (x: number) => (100 * x).toFixed(1) + ' %';
  const shipped = titleHits(gold, TITLE_MODEL);
  const out = [
    `eval:clean-cv ${paths.join(' + ')}: ${gold.length} pages, headline model, ${folds || 'one site a fold'} folds by site`,
    `  title accuracy fitted (in-fold) ${pct(r.fitted)}, on the folds each fit did not see ${pct(r.heldOut)}`,
    `  shipped model (${TITLE_MODEL.fitted ?? '?'}) on all pages: ${pct(shipped.filter(Boolean).length / gold.length)}`,
  ];
  out.push(`  furniture model, body on the folds each fit did not see (shipped threshold ${LINE_DROP_PROBABILITY}):`);
  for (const r of crossValidateFurniture(gold, folds || 5))
    out.push(
      `    drop at p ≥ ${r.p > 1 ? 'never (rules only)' : r.p}: P ${pct(r.precision)} R ${pct(r.recall)} F1 ${pct(r.f1)}`,
    );
  // across the sets: fitted on one file alone, scored on each other one
  if (sets.length > 1)
    sets.forEach((set, s) => {
      const model = fitTitleModel(titleExamples(set).examples, paths[s]);
      for (const [o, other] of sets.entries())
        if (o !== s) {
          const hits = titleHits(other, model).filter(Boolean).length;
          out.push(`  fitted on ${paths[s]} alone: ${pct(hits / other.length)} on ${paths[o]}`);
        }
    });
  process.stdout.write(out.join('\n') + '\n');
}
