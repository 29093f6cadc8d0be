/**
 * Fitting the furniture model (src/clean/line-model.ts): a logistic regression over the labelled lines
 * of the development pages that do not read as paragraphs, on pages that have paragraphs (where the
 * model acts), fitted by gradient descent with an L2 penalty. Used by `npm run train:clean` and,
 * fold by fold, by `npm run eval:clean-cv`.
 */
import { looksLikeBody } from '../../src/clean/title-dateline.js';
import { judgedByShape, LINE_FEATURES, type LineModel } from '../../src/clean/line-model.js';
import { khabarPredictions, type GoldDoc } from './clean-metrics.js';

export interface LineExample {
  x: number[];
  /** 1 = furniture, 0 = body. */
  y: number;
  page: number;
}

/** L2 penalty; chosen with the threshold by eval:clean-cv (see LINE_DROP_PROBABILITY). */
export const LINE_L2 = 0.002;
const STEPS = 2000;
const RATE = 0.5;

/** The lines the model acts on, with their labels (ambiguous lines left out). */
export function lineExamples(gold: GoldDoc[]): LineExample[] {
  const out: LineExample[] = [];
  khabarPredictions(gold, {
    onLineFeatures: (lines, features, page) => {
      const g = gold[page];
      const body = new Set(g.body);
      const ambiguous = new Set(g.ambiguous ?? []);
      lines.forEach((l, i) => {
        const k = l.line - 1;
        if (!judgedByShape(l, looksLikeBody(l)) || ambiguous.has(k)) return;
        out.push({ x: features[i], y: body.has(k) ? 0 : 1, page });
      });
    },
  });
  return out;
}

export function fitLineModel(examples: LineExample[], fitted: string): LineModel {
  const d = LINE_FEATURES.length;
  const w = new Array<number>(d).fill(0);
  let bias = 0;
  const n = examples.length;
  for (let step = 0; step < STEPS; step++) {
    const gw = new Array<number>(d).fill(0);
    let gb = 0;
    for (const { x, y } of examples) {
      const z = x.reduce((acc, v, j) => acc + v * w[j], bias);
      const err = 1 / (1 + Math.exp(-z)) - y;
      for (let j = 0; j < d; j++) gw[j] += err * x[j];
      gb += err;
    }
    for (let j = 0; j < d; j++) w[j] -= RATE * (gw[j] / n + LINE_L2 * w[j]);
    bias -= RATE * (gb / n);
  }
  const r = (x: number) => Number(x.toFixed(3));
  return { features: [...LINE_FEATURES], weights: w.map(r), bias: r(bias), fitted };
}
