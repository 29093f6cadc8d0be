/**
 * The evaluation gate (trafilatura-style): pinned floors in test/eval/baseline.json.
 * A change that lowers a score below its floor fails the suite; raise floors as
 * scores improve, never lower them to make a change pass.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateClean, type GoldDoc } from './clean-metrics.js';

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
