/**
 * Our later real cleaning sets, each labelled on 2026-12-03 by helpers who never ran khabar on them, measured blind
 * once and then made development data (see the sets' README): fresh.jsonl (57 pages), dev2.jsonl, dev3.jsonl
 * (97 pages each), dev4.jsonl (92), dev5.jsonl (72), dev6.jsonl (79), dev7.jsonl (80) and dev8.jsonl (80).
 * Each stays valid, and no two development sets share a page or a site.
 */
import { describe, expect, it } from 'vitest';
import { validate } from '../fixtures/real/tools/validate.js';
import { loadCleanSet } from './load.js';

const load = loadCleanSet;

describe('later real cleaning sets (development data)', () => {
  // in the order they were labelled: each shares nothing with the ones before it
  const ORDER = ['pages', 'fresh', 'dev2', 'dev3', 'dev4', 'dev5', 'dev6', 'dev7', 'dev8'];
  const MIN_PAGES: Record<string, number> = { fresh: 50, dev2: 90, dev3: 90, dev4: 90, dev5: 70 };
  for (const [k, set] of ORDER.entries()) {
    if (k === 0) continue;
    const name = `${set}.jsonl`;
    const earlier = ORDER.slice(0, k).map((e) => `${e}.jsonl`);
    const min = MIN_PAGES[set] ?? 75;
    it(`should pass the validator: ${name}, sharing no url with ${earlier.join(', ')}`, () => {
      const rep = validate(
        load(name),
        earlier.flatMap((e) => load(e).map((r) => String(r.url))),
      );
      expect(rep.errors).toEqual([]);
      expect(rep.pages).toBeGreaterThanOrEqual(min);
    });
    it(`should share no site with ${earlier.join(', ')}: ${name}`, () => {
      const sites = new Set(earlier.flatMap((e) => load(e).map((r) => String(r.site))));
      expect(
        load(name)
          .filter((r) => sites.has(String(r.site)))
          .map((r) => r.id),
      ).toEqual([]);
    });
  }
});
