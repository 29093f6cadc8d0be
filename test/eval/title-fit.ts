/**
 * Fitting the headline model (src/clean/title-model.ts): a conditional logit over each page's choices
 * (its candidate lines and "no title"), fitted by gradient descent with an L2 penalty on the
 * development pages' labels. Used by `npm run train:clean` (writes src/clean/title-model.json) and by
 * `npm run eval:clean-cv` (fits fold by fold and scores the sites each fit did not see).
 */
import { stripTitleSuffix } from '../../src/clean/title.js';
import { FEATURES, type TitleChoice, type TitleModel } from '../../src/clean/title-model.js';
import { khabarPredictions, titleKey, type GoldDoc } from './clean-metrics.js';

/** One page as a training example: its choices and the right one (candidates.length = "no title"). */
export interface TitleExample {
  choice: TitleChoice;
  target: number;
}

/** L2 penalty, chosen by the cross-validation of eval:clean-cv over 0.0005–0.05 (left-out folds 92.0 % at
 *  0.05, 93.4 % at 0.001–0.002, 92.9 % at 0.0005): enough to keep 18 weights off single pages. */
export const L2 = 0.002;
const STEPS = 3000;
const RATE = 0.5;

/**
 * The pages as examples. A page whose labelled title is not among its candidates (the line was
 * taken by an earlier rule, or is not headline-shaped) teaches nothing about choosing: left out,
 * and counted in `unreachable`.
 */
export function titleExamples(
  gold: GoldDoc[],
  model?: TitleModel,
): { examples: TitleExample[]; pages: number[]; unreachable: string[] } {
  const choices: ({ choice: TitleChoice; texts: string[] } | undefined)[] = gold.map(() => undefined);
  khabarPredictions(gold, {
    titleModel: model,
    onTitleChoice: (choice, lines, page) =>
      (choices[page] = { choice, texts: choice.candidates.map((c) => stripTitleSuffix(lines[c.index].text)) }),
  });
  const examples: TitleExample[] = [];
  /** The page of each example. */
  const pages: number[] = [];
  const unreachable: string[] = [];
  gold.forEach((g, i) => {
    // a page rejected as a whole, or whose title came from a JSON wrapper, never reaches the choice
    const c = choices[i];
    if (!c) return;
    const { choice, texts } = c;
    const want = titleKey(g.title);
    const target = want === '' ? choice.candidates.length : texts.findIndex((t) => titleKey(t) === want);
    if (target < 0) unreachable.push(g.id ?? `#${i + 1}`);
    else if (choice.candidates.length) {
      examples.push({ choice, target });
      pages.push(i);
    }
  });
  return { examples, pages, unreachable };
}

/** Fits weights, "none" and "none on a page without paragraphs" by full-batch gradient descent. */
export function fitTitleModel(examples: TitleExample[], fitted: string): TitleModel {
  const d = FEATURES.length;
  const w = new Array<number>(d).fill(0);
  let none = 0;
  let noneNoBody = 0;
  for (let step = 0; step < STEPS; step++) {
    const gw = new Array<number>(d).fill(0);
    let gNone = 0;
    let gNoBody = 0;
    for (const { choice, target } of examples) {
      const s = choice.candidates.map((c) => c.x.reduce((acc, v, j) => acc + v * w[j], 0));
      s.push(none + (choice.noBody ? noneNoBody : 0));
      const max = Math.max(...s);
      const e = s.map((v) => Math.exp(v - max));
      const z = e.reduce((a, b) => a + b, 0);
      // gradient of −log p(target): Σ p_k x_k − x_target
      e.forEach((ek, k) => {
        const p = ek / z - (k === target ? 1 : 0);
        if (k < choice.candidates.length) choice.candidates[k].x.forEach((v, j) => (gw[j] += p * v));
        else {
          gNone += p;
          if (choice.noBody) gNoBody += p;
        }
      });
    }
    const n = examples.length;
    for (let j = 0; j < d; j++) w[j] -= RATE * (gw[j] / n + L2 * w[j]);
    none -= RATE * (gNone / n + L2 * none);
    noneNoBody -= RATE * (gNoBody / n + L2 * noneNoBody);
  }
  const r = (x: number) => Number(x.toFixed(3));
  return { features: [...FEATURES], weights: w.map(r), none: r(none), noneNoBody: r(noneNoBody), fitted };
}

/** Title accuracy of the whole cleaner under a model (the page's real outcome, title copies and all). */
export function titleHits(gold: GoldDoc[], model: TitleModel): boolean[] {
  return khabarPredictions(gold, { titleModel: model }).map((p, i) => titleKey(p.title) === titleKey(gold[i].title));
}
