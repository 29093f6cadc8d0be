/**
 * The held-out real cleaning set (test/fixtures/real/clean/pages.jsonl) must stay valid as it grows:
 * every record passes the labelling validator, and the set keeps its size, its spread of sites and page types.
 * The validator itself is checked on broken copies of a real record, so a check that stopped working would show.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJsonl, validate, type Report } from '../fixtures/real/tools/validate.js';

const SET = join(process.cwd(), 'test', 'fixtures', 'real', 'clean', 'pages.jsonl');
/** The issue asks for at least 150 pages from at least 100 sites. */
const MIN_PAGES = 150;
const MIN_SITES = 100;
/** Each page type of the issue is represented by at least this many pages. */
const MIN_PER_TYPE = 10;

function load(): Record<string, unknown>[] {
  const errors: string[] = [];
  const records = parseJsonl(readFileSync(SET, 'utf8'), SET, errors);
  expect(errors).toEqual([]);
  return records;
}

function check(r: Record<string, unknown>): Report {
  return validate([r]);
}

describe('real cleaning set', () => {
  it('should pass the validator with no errors', () => {
    const rep = validate(load());
    expect(rep.errors).toEqual([]);
  });

  it('should hold enough pages, sites and page types', () => {
    const rep = validate(load());
    expect(rep.pages).toBeGreaterThanOrEqual(MIN_PAGES);
    expect(rep.sites).toBeGreaterThanOrEqual(MIN_SITES);
    for (const t of ['type:little-boilerplate', 'type:heavy-furniture', 'type:wire', 'type:no-body'])
      expect(rep.counts[t] ?? 0, t).toBeGreaterThanOrEqual(MIN_PER_TYPE);
  });

  it('should find broken records', () => {
    const good = load().find((r) => (r.body as number[]).length > 0 && r.title !== null)!;
    expect(check(good).errors).toEqual([]);
    const lines = good.lines as string[];
    const blank = lines.findIndex((l) => l.trim() === '');
    const cases: [string, Record<string, unknown>][] = [
      ['lines is not raw.split', { ...good, lines: lines.slice(1) }],
      ['out of range', { ...good, body: [...(good.body as number[]), lines.length] }],
      ['not a substring of raw', { ...good, title: 'عنوان غير موجود في الصفحة' }],
      ['both body and ambiguous', { ...good, ambiguous: [(good.body as number[])[0]] }],
      ['type:no-body must go with an empty body', { ...good, kinds: ['type:no-body', 'region:gulf', 'topic:sport'] }],
      ['exactly one region:', { ...good, kinds: ['type:wire', 'topic:sport'] }],
      ["not the url's host", { ...good, site: 'example.org' }],
      ['missing field dateline', Object.fromEntries(Object.entries(good).filter(([k]) => k !== 'dateline'))],
    ];
    if (blank >= 0) cases.push(['blank line', { ...good, body: [blank] }]);
    for (const [msg, rec] of cases) expect(check(rec).errors.join('\n'), msg).toContain(msg);
    const twice = validate([good, { ...good, id: 'other' }]);
    expect(twice.errors.join('\n')).toContain('duplicate url');
    const excluded = validate([good], [String(good.url).replace(/^https?:\/\/(www\.)?/, 'http://')]);
    expect(excluded.errors.join('\n')).toContain('also in an excluded set');
  });
});
