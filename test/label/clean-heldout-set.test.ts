/**
 * test/fixtures/real/clean/heldout.jsonl, heldout2.jsonl and heldout3.jsonl: 80, 78 and 80 real pages labelled on the
 * afternoon of 2026-12-03 by helpers who never ran khabar on them: the cleaning figures on pages nothing was tuned on
 * (see the sets' README). Each stays valid and shares no page and no site with the development sets (pages, fresh,
 * dev2 … dev8) nor with the held-out sets before it.
 */
import { describe, expect, it } from 'vitest';
import { validate } from '../fixtures/real/tools/validate.js';
import { loadCleanSet } from './load.js';

const load = loadCleanSet;

describe('held-out real cleaning sets', () => {
  const dev = ['pages', 'fresh', 'dev2', 'dev3', 'dev4', 'dev5', 'dev6', 'dev7', 'dev8'].flatMap((n) =>
    load(`${n}.jsonl`),
  );
  for (const [name, other] of [
    ['heldout.jsonl', []],
    ['heldout2.jsonl', ['heldout.jsonl']],
    ['heldout3.jsonl', ['heldout.jsonl', 'heldout2.jsonl']],
  ] as const) {
    const earlier = [...dev, ...other.flatMap((o) => load(o))];
    it(`should pass the validator, with 75+ pages, and share no url with the sets before it: ${name}`, () => {
      const rep = validate(
        load(name),
        earlier.map((r) => String(r.url)),
      );
      expect(rep.errors).toEqual([]);
      expect(rep.pages).toBeGreaterThanOrEqual(75);
      expect(rep.sites).toBe(rep.pages);
    });

    it(`should share no site with the sets before it: ${name}`, () => {
      const sites = new Set(earlier.map((r) => String(r.site)));
      expect(
        load(name)
          .filter((r) => sites.has(String(r.site)))
          .map((r) => r.id),
      ).toEqual([]);
    });
  }
});
