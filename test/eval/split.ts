/**
 * The one place our own real sets are split into a development half and a held-out half (2026-12-03).
 * From that day the development half is tuned on; the held-out half is never read, only its aggregate
 * figures are reported. Deterministic: the same pages always fall on the same side.
 *  - cleaning, test/fixtures/real/clean/pages.jsonl, by SITE so no site is in both: fnv1a32(site) % 2,
 *    0 = dev (81 pages / 70 sites), 1 = held out (82 pages / 72 sites);
 *  - events, test/fixtures/real/events/articles.jsonl, by STORY so no story is in both: fnv1a32(story) % 2,
 *    0 = dev (25 stories, 174 articles), 1 = held out (34 stories, 235 articles).
 * `npm run eval:clean|eval:cluster -- <file> --part dev|heldout` and test/real/{clean,events}.test.ts use it.
 */
import { fnv1a32 } from '../../src/text/hash.js';
import type { GoldDoc } from './clean-metrics.js';

export type Part = 'dev' | 'heldout';
export const PARTS: readonly Part[] = ['dev', 'heldout'];

const half = (key: string): Part => (fnv1a32(key) % 2 === 0 ? 'dev' : 'heldout');

export function isPart(s: string | undefined): s is Part {
  return s === 'dev' || s === 'heldout';
}

/** Cleaning: the pages of one half; a page without a site falls back to its url, then its id. */
export function splitBySite(gold: GoldDoc[], part: Part): GoldDoc[] {
  return gold.filter((g) => half(g.site ?? g.url ?? g.id ?? '') === part);
}

/** Events: the half a story falls in. */
export const partOf = (story: string): Part => half(story);

/** Events: the rows of one half (every article of a story goes with its story). */
export const splitPart = <T extends { story: string }>(rows: T[], part: Part): T[] =>
  rows.filter((r) => partOf(r.story) === part);
