/**
 * The own real set (test/fixtures/real/events/articles.jsonl) split in two by STORY, so that no story is in
 * both halves: fnv1a32(story) % 2 → 0 development half (tuned on from 2026-12-03), 1 held-out half (never read;
 * only its aggregate figures are reported). Deterministic: the same ids always fall on the same side.
 * The one place the split is defined; `npm run eval:cluster -- <file> --part dev|heldout` and
 * test/real/events.test.ts use it.
 */
import { fnv1a32 } from '../../src/text/hash.js';

export type Part = 'dev' | 'heldout';
export const PARTS: readonly Part[] = ['dev', 'heldout'];

/** The half a story falls in. */
export const partOf = (story: string): Part => (fnv1a32(story) % 2 === 0 ? 'dev' : 'heldout');

/** The rows of one half (every article of a story goes with its story). */
export const splitPart = <T extends { story: string }>(rows: T[], part: Part): T[] =>
  rows.filter((r) => partOf(r.story) === part);

export function isPart(s: string | undefined): s is Part {
  return s === 'dev' || s === 'heldout';
}
