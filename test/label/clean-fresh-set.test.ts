/**
 * test/fixtures/real/clean/fresh.jsonl, 57 real pages labelled on 2026-12-03: measured blind once that day,
 * then made development data (see the set's README). It stays valid and shares no page and no site with
 * pages.jsonl.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJsonl, validate } from '../fixtures/real/tools/validate.js';

const DIR = join(process.cwd(), 'test', 'fixtures', 'real', 'clean');

function load(name: string): Record<string, unknown>[] {
  const errors: string[] = [];
  const file = join(DIR, name);
  const records = parseJsonl(readFileSync(file, 'utf8'), file, errors);
  expect(errors).toEqual([]);
  return records;
}

describe('fresh real cleaning set', () => {
  it('should pass the validator and share no url with the labelled set', () => {
    const labelled = load('pages.jsonl').map((r) => String(r.url));
    const rep = validate(load('fresh.jsonl'), labelled);
    expect(rep.errors).toEqual([]);
    expect(rep.pages).toBeGreaterThanOrEqual(50);
  });

  it('should share no site with the labelled set', () => {
    const sites = new Set(load('pages.jsonl').map((r) => String(r.site)));
    expect(
      load('fresh.jsonl')
        .filter((r) => sites.has(String(r.site)))
        .map((r) => r.id),
    ).toEqual([]);
  });
});
