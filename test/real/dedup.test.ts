/**
 * Real-text dedup gate: a labelled near-duplicate corpus built at run time from the real articles
 * of eval-dev (`gen:dups --real`, bench/gen-dups-real.ts; their text is never copied into the repo),
 * with copies truncated, trimmed, re-worded, wrapped in real site furniture and re-spelled.
 * Floors are pinned in test/eval/baseline.json (`dedupReal`).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { EDIT_KINDS, generateRealDups } from '../../bench/gen-dups-real.js';
import { recallByKind, runDedup, scorePairs, type KindRecall, type Labelled, type PairScores } from '../eval/dedup.js';
import { EVAL_DEV, evalDevFile } from './eval-dev.js';

const floors = JSON.parse(readFileSync('test/eval/baseline.json', 'utf8')).dedupReal;

describe('dedup on copies of real articles (gen:dups --real)', () => {
  let docs: Labelled[];
  let scores: PairScores;
  let kinds: Map<string, KindRecall>;
  let rules: Map<string, string>;
  beforeAll(async () => {
    evalDevFile('clean_real.jsonl');
    docs = generateRealDups({ docs: floors.docs, seed: floors.seed, evalDev: EVAL_DEV });
    const { group, index } = await runDedup(docs, {}, 0);
    scores = scorePairs(docs, group);
    kinds = new Map(recallByKind(docs, group, index).map((k) => [k.kind, k]));
    rules = new Map(docs.map((d) => [d.id, JSON.stringify(index.decision(index.slotOf(d.id)).reasons.at(-1))]));
  });

  it('should build a labelled corpus with every kind of edit and hard negatives', () => {
    expect(docs).toHaveLength(floors.docs);
    for (const k of EDIT_KINDS) expect(kinds.get(k)?.copies ?? 0).toBeGreaterThan(100);
    expect(scores.hardNegativePairs).toBeGreaterThan(1000);
  });

  it(`should keep pairwise F1 at or above ${floors.pairF1}`, () =>
    expect(scores.f1).toBeGreaterThanOrEqual(floors.pairF1));

  it(`should merge at most ${floors.hardNegativeMergeRate * 100} % of hard-negative pairs`, () =>
    expect(scores.hardNegativeMergeRate).toBeLessThanOrEqual(floors.hardNegativeMergeRate));

  it.each([...EDIT_KINDS])(
    `should group at least ${floors.kindRecall} of copies with edit "%s" with their source, and match ${floors.kindDirectRecall} on their own`,
    (kind) => {
      const k = kinds.get(kind)!;
      expect(k.recall).toBeGreaterThanOrEqual(floors.kindRecall);
      expect(k.direct / k.copies).toBeGreaterThanOrEqual(floors.kindDirectRecall);
    },
  );

  it('should say which evidence matched: containment for some copies cut to the lead, Jaccard for others', () => {
    const truncated = docs
      .filter((d) => d.edits?.length === 1 && d.edits[0] === 'truncate')
      .map((d) => rules.get(d.id)!);
    expect(
      truncated.some((r) => r.includes('"rule":"dedup/near-duplicate"') && r.includes('"match":"containment"')),
    ).toBe(true);
    const exact = docs.filter((d) => d.edits?.[0] === 'move-paragraph').map((d) => rules.get(d.id)!);
    expect(exact.some((r) => r.includes('"match":"jaccard"'))).toBe(true);
  });
});
