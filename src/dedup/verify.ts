/**
 * Verification of LSH candidates on the stored signatures. A pair is a copy on either evidence:
 *  - jaccard:     the Jaccard estimate over the full 128-value signature reaches the threshold
 *                 (DEFAULT_THRESHOLD); the copy and the original are about the same text;
 *  - containment: the shorter text's shingles lie mostly inside the longer one
 *                 (CONTAINMENT_THRESHOLD): a copy cut to the lead, or missing a paragraph, whose
 *                 Jaccard against the full article is only 0.25–0.5.
 * Containment is estimated from the Jaccard estimate and the two shingle counts:
 * |A∩B| = J(|A|+|B|)/(1+J), so C = |A∩B| / min(|A|,|B|).
 *
 * DEFAULT_THRESHOLD = 0.7, the low end of the 0.7–0.8. On the synthetic corpus (word
 * 3-grams, `npm run eval:dedup -- <file> --jaccard`) copies with a new headline, boilerplate lines,
 * a dropped sentence, a few replaced words or a cut tail sit at J ≈ 0.64 (p5) … 0.83 (median)
 * against their original, while same-subject articles sharing names and a background sentence
 * stay under J ≈ 0.27 (p99). With 128 values the estimate's standard error at J = 0.7 is 0.04.
 *
 * On the real-text corpus (`npm run gen:dups -- --real --docs 20000 --seed 1`, exact sets) copies
 * have Jaccard p5 0.29 (truncated) … 0.65 (a paragraph moved) against their source, but
 * containment p1 ≥ 0.65 for every kind of edit; different articles sharing a real sentence or a
 * story's names stay far below (see CONTAINMENT_THRESHOLD).
 */

import { SKETCH_VALUES, sketchAgreements } from './sketch.js';

export const DEFAULT_THRESHOLD = 0.7;

/**
 * 0.6: real-text copies have exact containment p1 0.65 (truncated to 30–60 %, a paragraph
 * dropped, 5–10 % of words changed, with real site furniture on top), so 0.6 keeps ~99 %
 * of them; a truncated copy of one article against another that shares one real sentence
 * sits near 0.3. The estimate's spread grows with the size ratio (below), hence the guards.
 */
export const CONTAINMENT_THRESHOLD = 0.65;
/**
 * The Jaccard estimate a containment match still needs: 0.2, under the lowest real copy
 * (truncated to 30 % with furniture: J p1 0.23). It keeps a 40-word quote inside a 1 000-word
 * feature (J ≈ 0.04, where a 0.02 estimate error is a 0.5 containment error) from counting.
 */
export const CONTAINMENT_MIN_JACCARD = 0.25;
/** The shorter text needs this many shingles (about 18 words) for containment to say anything. */
export const CONTAINMENT_MIN_SHINGLES = 16;

export type MatchEvidence = 'jaccard' | 'containment';

export interface PairMatch {
  by: MatchEvidence;
  jaccard: number;
  containment: number;
}

/** Containment of the smaller set in the larger from a Jaccard value and the two set sizes. */
export function containmentOf(jaccard: number, na: number, nb: number): number {
  const small = Math.min(na, nb);
  if (small <= 0) return 0;
  return Math.min(1, (jaccard * (na + nb)) / ((1 + jaccard) * small));
}

/**
 * Checkpoints of the sequential test in verifyPair: after 32 and 64 of the 128 values, a pair
 * whose agreements fall more than SEQ_SIGMAS standard deviations below what its threshold
 * implies is dropped. A pair right at the threshold is dropped with probability < 0.2 % per
 * checkpoint (the binomial tail at 3σ); a pair above it far less often. Most candidates of the
 * 2-row bands share one common phrase (J ≈ 0.05) and are dropped after 32 values instead of ~100.
 */
const SEQ_CHECKPOINTS = [32, SKETCH_VALUES];
const SEQ_SIGMAS = 3;

/** The sequential test: `same` agreements of `n` values fall too far below what `threshold` implies. */
function tooFewAgreements(same: number, n: number, threshold: number): boolean {
  const mean = n * threshold;
  return same < mean - SEQ_SIGMAS * Math.sqrt(mean * (1 - threshold));
}

/**
 * Estimated Jaccard of slots a and b when it reaches `threshold`, else -1.
 * Stops early once more values differ than the threshold allows, or at a checkpoint where the
 * agreements so far are too few (SEQ_CHECKPOINTS).
 */
export function verifyPair(sigs: Uint16Array, a: number, b: number, perms: number, threshold: number): number {
  const oa = a * perms;
  const ob = b * perms;
  // b-bit correction: estimate = (same/K − c)/(1 − c) ≥ t  ⇔  same ≥ K·(t(1−c) + c)
  const c = 1 / 65536;
  const need = Math.ceil(perms * (threshold * (1 - c) + c) - 1e-9);
  const maxDiff = perms - need;
  let diff = 0;
  let t = 0;
  for (const n of SEQ_CHECKPOINTS) {
    if (n >= perms) break;
    for (; t < n; t++) if (sigs[oa + t] !== sigs[ob + t] && ++diff > maxDiff) return -1;
    if (tooFewAgreements(n - diff, n, threshold)) return -1;
  }
  for (; t < perms; t++) if (sigs[oa + t] !== sigs[ob + t] && ++diff > maxDiff) return -1;
  return Math.max(0, ((perms - diff) / perms - c) / (1 - c));
}

/**
 * The evidence that makes slots a and b copies, or null. `na`, `nb`: their shingle counts;
 * `containment` 0 turns the containment evidence off (Jaccard only, as before the real corpus);
 * `sketch` (sketch.ts), when given, is looked at before the full rows.
 */
export function matchPair(
  sigs: Uint16Array,
  a: number,
  b: number,
  perms: number,
  na: number,
  nb: number,
  threshold: number,
  containment: number,
  sketch?: Uint32Array,
): PairMatch | null {
  // The Jaccard a containment match needs: C ≥ c ⇔ J ≥ c·s / (s + l − c·s) (s, l: the two sizes), so
  // verification can stop as early as a Jaccard-only check when the sizes are alike.
  const small = Math.min(na, nb);
  let floor = threshold;
  if (containment > 0 && small >= CONTAINMENT_MIN_SHINGLES) {
    const needed = (containment * small) / (small + Math.max(na, nb) - containment * small);
    floor = Math.min(threshold, Math.max(CONTAINMENT_MIN_JACCARD, needed));
  }
  // The dense sketch first (sketch.ts): it drops what the checkpoint at SKETCH_VALUES would drop.
  if (sketch && perms > SKETCH_VALUES && tooFewAgreements(sketchAgreements(sketch, a, b), SKETCH_VALUES, floor))
    return null;
  const j = verifyPair(sigs, a, b, perms, floor);
  if (j < 0) return null;
  const c = containmentOf(j, na, nb);
  if (j >= threshold) return { by: 'jaccard', jaccard: j, containment: c };
  return c >= containment ? { by: 'containment', jaccard: j, containment: c } : null;
}
