/**
 * `npm run eval:clean-cv -- [file.jsonl] [--folds 5]`: cross-validation by site of the title's
 * evidence weights (src/clean/title.ts TITLE_WEIGHTS). For each fold, a grid search picks the
 * weights with the best title accuracy on the other folds' sites; the fold's own pages, which the
 * fit did not see, are scored with them. Prints the fitted (in-fold) and held-out-fold accuracy.
 */
import type { TitleWeights } from '../../src/clean/title.js';
import { TITLE_WEIGHTS } from '../../src/clean/title.js';
import { fnv1a32 } from '../../src/text/hash.js';
import { khabarPredictions, matchKey, type GoldDoc } from './clean-metrics.js';
import { readGold } from './clean.js';

const GRID = { slug: [0, 1, 2, 3, 4], repeat: [0, 1, 2, 3], last: [0, 1, 2], long: [0, 1, 2] };

function* weightsGrid(): Generator<TitleWeights> {
  for (const slug of GRID.slug)
    for (const repeat of GRID.repeat)
      for (const last of GRID.last) for (const long of GRID.long) yield { slug, repeat, last, long };
}

/** Per page, is the title right under these weights? */
function titleHits(gold: GoldDoc[], w: TitleWeights): boolean[] {
  return khabarPredictions(gold, { titleWeights: w }).map((p, i) => matchKey(p.title) === matchKey(gold[i].title));
}

export function crossValidate(gold: GoldDoc[], folds: number) {
  const fold = gold.map((g) => fnv1a32(g.site ?? g.id ?? '') % folds);
  const grid = [...weightsGrid()].map((w) => ({ w, hits: titleHits(gold, w) }));
  const acc = (hits: boolean[], keep: (i: number) => boolean) => {
    const idx = hits.map((_, i) => i).filter(keep);
    return { right: idx.filter((i) => hits[i]).length, pages: idx.length };
  };
  let right = 0;
  let fitRight = 0;
  let fitPages = 0;
  const chosen: TitleWeights[] = [];
  for (let f = 0; f < folds; f++) {
    // best on the other folds; ties go to the smaller weights (the grid's order)
    let best = grid[0];
    let bestScore = -1;
    for (const g of grid) {
      const s = acc(g.hits, (i) => fold[i] !== f).right;
      if (s > bestScore) [best, bestScore] = [g, s];
    }
    chosen.push(best.w);
    right += acc(best.hits, (i) => fold[i] === f).right;
    const fit = acc(best.hits, (i) => fold[i] !== f);
    fitRight += fit.right;
    fitPages += fit.pages;
  }
  const shipped = acc(titleHits(gold, TITLE_WEIGHTS), () => true);
  return {
    heldOut: right / gold.length,
    fitted: fitRight / fitPages,
    shipped: shipped.right / shipped.pages,
    chosen,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const path = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a)) ?? '../shared/eval-dev/clean_real.jsonl';
  const folds = Number(args[args.indexOf('--folds') + 1]) || 5;
  const r = crossValidate(readGold(path), folds);
  const pct = (x: number) => (100 * x).toFixed(1) + ' %';
  process.stdout.write(
    `eval:clean-cv ${path}: title weights, ${folds} folds by site\n` +
      `  title accuracy fitted (in-fold) ${pct(r.fitted)}, held-out folds ${pct(r.heldOut)}; shipped weights ${JSON.stringify(TITLE_WEIGHTS)} on all pages ${pct(r.shipped)}\n` +
      r.chosen.map((w, f) => `  fold ${f}: ${JSON.stringify(w)}\n`).join(''),
  );
}
