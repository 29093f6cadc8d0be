/**
 * The evaluation gate (trafilatura-style): pinned floors in test/eval/baseline.json.
 * A change that lowers a score below its floor fails the suite; raise floors as
 * scores improve, never lower them to make a change pass.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateDups } from '../../bench/gen-dups.js';
import { evaluateClean, type GoldDoc } from './clean-metrics.js';
import { runDedup, scorePairs, type Labelled } from './dedup.js';

const baseline = JSON.parse(readFileSync('test/eval/baseline.json', 'utf8'));

describe('eval gate: clean', () => {
  const gold: GoldDoc[] = readFileSync(baseline.clean.gold, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
  const s = evaluateClean(gold);

  it('should run on a gold set of at least 40 documents', () => expect(s.docs).toBeGreaterThanOrEqual(40));
  it(`should keep body-line F1 at or above ${baseline.clean.bodyF1}`, () =>
    expect(s.f1).toBeGreaterThanOrEqual(baseline.clean.bodyF1));
  it(`should keep title accuracy at or above ${baseline.clean.titleAccuracy}`, () =>
    expect(s.titleAccuracy).toBeGreaterThanOrEqual(baseline.clean.titleAccuracy));
  it(`should keep dateline accuracy at or above ${baseline.clean.datelineAccuracy}`, () =>
    expect(s.datelineAccuracy).toBeGreaterThanOrEqual(baseline.clean.datelineAccuracy));
});

describe('eval gate: dedup', () => {
  const { docs, seed, pairF1, hardNegativeMergeRate } = baseline.dedup;
  it(`should keep pairwise F1 at or above ${pairF1} with at most ${hardNegativeMergeRate * 100} % of hard negatives merged`, async () => {
    const labelled: Labelled[] = [...generateDups({ docs, seed })];
    const { group } = await runDedup(labelled, {}, 0);
    const s = scorePairs(labelled, group);
    expect(s.truePairs).toBeGreaterThan(docs / 2);
    expect(s.hardNegativePairs).toBeGreaterThan(100);
    expect(s.f1).toBeGreaterThanOrEqual(pairF1);
    expect(s.hardNegativeMergeRate).toBeLessThanOrEqual(hardNegativeMergeRate);
  });
});
