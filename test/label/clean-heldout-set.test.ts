/**
 * test/fixtures/real/clean/heldout.jsonl, 80 real pages from 80 sites labelled on the afternoon of 2026-12-03 by two
 * helpers who never ran khabar on them: the cleaning figures on pages nothing was tuned on (see the set's README). It
 * stays valid and shares no page and no site with the development sets (pages, fresh, dev2 … dev8).
 */
import { describe, expect, it } from 'vitest';
import { validate } from '../fixtures/real/tools/validate.js';
import { loadCleanSet } from './load.js';

const load = loadCleanSet;

describe('held-out real cleaning set', () => {
  const dev = ['pages', 'fresh', 'dev2', 'dev3', 'dev4', 'dev5', 'dev6', 'dev7', 'dev8'].flatMap((n) =>
    load(`${n}.jsonl`),
  );
  it('should pass the validator, with 75+ pages, and share no url with the development sets', () => {
    const rep = validate(
      load('heldout.jsonl'),
      dev.map((r) => String(r.url)),
    );
    expect(rep.errors).toEqual([]);
    expect(rep.pages).toBeGreaterThanOrEqual(75);
    expect(rep.sites).toBe(rep.pages);
  });

  it('should share no site with the development sets', () => {
    const sites = new Set(dev.map((r) => String(r.site)));
    expect(
      load('heldout.jsonl')
        .filter((r) => sites.has(String(r.site)))
        .map((r) => r.id),
    ).toEqual([]);
  });
});
