/**
 * The split of our own real set (test/fixtures/real/clean/pages.jsonl) into a development half
 * and a held-out half, by site so that no site is in both: fnv1a32(site) % 2, 0 = dev, 1 = held out.
 * Made on 2026-12-03 (81 pages / 70 sites dev, 82 pages / 72 sites held out); from that day the
 * cleaner is tuned on the dev half only, and the held-out half's pages and errors are not read.
 */
import { fnv1a32 } from '../../src/text/hash.js';
import type { GoldDoc } from './clean-metrics.js';

export type SplitPart = 'dev' | 'heldout';

/** The pages of one half; a page without a site falls back to its url, then its id. */
export function splitBySite(gold: GoldDoc[], part: SplitPart): GoldDoc[] {
  const want = part === 'dev' ? 0 : 1;
  return gold.filter((g) => fnv1a32(g.site ?? g.url ?? g.id ?? '') % 2 === want);
}
