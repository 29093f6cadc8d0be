/**
 * `npm run eval:clean-cv -- [file.jsonl] [--dev-half test/fixtures/real/clean/pages.jsonl] [--folds 5|site]`:
 * cross-validation by site of the title's evidence weights (src/clean/title.ts TITLE_WEIGHTS).
 * For each fold, a grid search picks the weights with the best title accuracy on the other folds'
 * sites; the fold's own pages, which the fit did not see, are scored with them. Prints the fitted
 * (in-fold) and held-out-fold accuracy and how many folds chose which weights.
 *   --dev-half  adds the development half of our own real set (test/eval/split.ts; the held-out
 *               half is never read), and also fits on each set alone and scores the other one
 *   --folds site  leave one site out: every site is a fold of its own
 */
import type { TitleWeights } from '../../src/clean/title.js';
import { TITLE_WEIGHTS } from '../../src/clean/title.js';
import { fnv1a32 } from '../../src/text/hash.js';
import { khabarPredictions, matchKey, type GoldDoc } from './clean-metrics.js';
import { readGold } from './clean.js';
import { splitBySite } from './split.js';

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

/** folds = 0: leave one site out (each site is a fold of its own). */
export function crossValidate(gold: GoldDoc[], folds: number) {
  const sites = [...new Set(gold.map((g) => g.site ?? g.id ?? ''))];
  const fold = gold.map((g) =>
    folds > 0 ? fnv1a32(g.site ?? g.id ?? '') % folds : sites.indexOf(g.site ?? g.id ?? ''),
  );
  folds = folds > 0 ? folds : sites.length;
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
    grid,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  // `--dev-half test/fixtures/real/clean/pages.jsonl` adds the development half of our own real
  // set (test/eval/split.ts); its held-out half is never read here
  const devAt = args.indexOf('--dev-half');
  const devHalf = devAt >= 0 ? args[devAt + 1] : null;
  const path =
    args.find((a, i) => !a.startsWith('--') && !/^\d+$/.test(a) && i !== devAt + 1) ??
    '../shared/eval-dev/clean_real.jsonl';
  const foldArg = args[args.indexOf('--folds') + 1];
  // `--folds site`: leave one site out
  const folds = foldArg === 'site' ? 0 : Number(foldArg) || 5;
  const first = readGold(path);
  const gold = [...first, ...(devHalf ? splitBySite(readGold(devHalf), 'dev') : [])];
  const r = crossValidate(gold, folds);
  // across the two sets: weights fitted on one set alone, scored on the other
  const across = devHalf ? acrossSets(r.grid, first.length) : '';
  const pct = (x: number) => (100 * x).toFixed(1) + ' %';
  process.stdout.write(
    `eval:clean-cv ${path}${devHalf ? ` + ${devHalf} (dev half)` : ''}: ${gold.length} pages, title weights, ${folds || 'one site a fold'} folds by site\n` +
      `  title accuracy fitted (in-fold) ${pct(r.fitted)}, held-out folds ${pct(r.heldOut)}; shipped weights ${JSON.stringify(TITLE_WEIGHTS)} on all pages ${pct(r.shipped)}\n` +
      tally(r.chosen) +
      across,
  );
}

/** Fit the weights on the pages [0, split) and score them on [split, n), and the other way round. */
function acrossSets(grid: { w: TitleWeights; hits: boolean[] }[], split: number): string {
  const n = grid[0].hits.length;
  const right = (hits: boolean[], from: number, to: number) => hits.slice(from, to).filter(Boolean).length;
  const fit = (from: number, to: number) => {
    let best = grid[0];
    for (const g of grid) if (right(g.hits, from, to) > right(best.hits, from, to)) best = g;
    return best;
  };
  const a = fit(0, split);
  const b = fit(split, n);
  const pct = (k: number, of: number) => `${((100 * k) / of).toFixed(1)} %`;
  return (
    `  fitted on the first set ${JSON.stringify(a.w)}: ${pct(right(a.hits, 0, split), split)} there, ${pct(right(a.hits, split, n), n - split)} on the dev half\n` +
    `  fitted on the dev half ${JSON.stringify(b.w)}: ${pct(right(b.hits, split, n), n - split)} there, ${pct(right(b.hits, 0, split), split)} on the first set\n`
  );
}

/** The weights the folds chose, and how many folds chose each. */
function tally(chosen: TitleWeights[]): string {
  const n = new Map<string, number>();
  for (const w of chosen) n.set(JSON.stringify(w), (n.get(JSON.stringify(w)) ?? 0) + 1);
  return [...n]
    .sort((a, b) => b[1] - a[1])
    .map(([w, k]) => `  ${k} fold(s): ${w}\n`)
    .join('');
}
