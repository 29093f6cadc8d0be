/**
 * A learned model's weights in the order of the features the code computes, matched by name: a feature the
 * shipped JSON does not know weighs 0, so a model fitted before a feature was added still reads (and
 * `npm run train:clean` fits the new one). Shared by the headline and the furniture models.
 */
export interface NamedWeights {
  features: readonly string[];
  weights: number[];
}

const aligned = new WeakMap<NamedWeights, number[]>();

export function weightsInOrder(features: readonly string[], m: NamedWeights): number[] {
  let w = aligned.get(m);
  if (!w) {
    const at = new Map(m.features.map((f, j) => [f, m.weights[j]]));
    aligned.set(m, (w = features.map((f) => at.get(f) ?? 0)));
  }
  return w;
}

/** The evidence a user reads of a learned decision: the features that raised its score most, with their
 *  weighted value (two decimals). */
export const EVIDENCE_FEATURES = 3;
export function topContributions(x: number[], w: number[], features: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  x.map((v, j) => ({ name: features[j], by: v * w[j] }))
    .filter((t) => t.by > 0)
    .sort((a, b) => b.by - a.by)
    .slice(0, EVIDENCE_FEATURES)
    .forEach((t) => (out[t.name] = Number(t.by.toFixed(2))));
  return out;
}
