import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toFtsQuery } from '../../src/store/search/query.js';
import type { SqliteStore } from '../../src/store/sqlite/index.js';
import { COUNT_STALE_GROWTH, ftsPhrases, PhraseCounts, RANK_EXTENSION } from '../../src/store/sqlite/rank.js';
import { SearchQueries } from '../../src/store/sqlite/search.js';
import { buildSampleDb } from '../support/sample-db.js';

const hasCompiler = (() => {
  try {
    execFileSync(process.env.CC ?? 'cc', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('the phrases of a query, numbered as FTS5 numbers them', () => {
  it('should list every phrase left to right, a prefix with its star and the excluded ones last', () => {
    expect(ftsPhrases(toFtsQuery('"حلف شمال" بروكسل الكاظ* -العراق'))).toEqual([
      '"حلف شمال"',
      '"بروكسل"',
      '"الكاظ"*',
      '"العراق"',
    ]);
    expect(ftsPhrases('"a ""b"""')).toEqual(['"a ""b"""']);
  });
});

describe('ranking with kept phrase counts (khabar_bm25) against FTS5 bm25() on the sample corpus', () => {
  let store: SqliteStore;
  beforeAll(async () => {
    store = (await buildSampleDb()).store as SqliteStore;
  });
  afterAll(() => store.close());

  it('should be built wherever a C compiler is, and load', () => {
    // npm run build compiles it (scripts/build-native.mjs); without a compiler search falls back to bm25()
    if (hasCompiler) expect(existsSync(RANK_EXTENSION)).toBe(true);
    expect(new SearchQueries(store.db).ranking).toBe(existsSync(RANK_EXTENSION) ? 'khabar_bm25' : 'bm25');
  });

  it('should give the same hits in the same order with the same scores, windowed or not', () => {
    const queries = [
      'حلف شمال الاطلسي',
      '"حلف شمال الأطلسي"',
      'الناتو OR بروكسل',
      'الكاظ*',
      'العراق -الناتو',
      'الحكومة العراقية',
      'وزير*',
      'بغداد',
    ];
    for (const window of [2_000, 3]) {
      const kept = new SearchQueries(store.db, { rankWindow: window });
      const bm25 = new SearchQueries(store.db, { rankWindow: window, bm25Only: true });
      expect(bm25.ranking).toBe('bm25');
      for (const q of queries) {
        const a = kept.run(q, toFtsQuery(q), 100);
        const b = bm25.run(q, toFtsQuery(q), 100);
        expect(a.hits.length, q).toBeGreaterThan(0);
        expect(
          a.hits.map((h) => [h.id, h.score.toFixed(9)]),
          q,
        ).toEqual(b.hits.map((h) => [h.id, h.score.toFixed(9)]));
        expect(a.window).toEqual(b.window);
      }
    }
  });

  it("should read a word's rows off the term list as counting its matches finds them, and count phrases and prefixes", () => {
    const count = store.db.prepare(`SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?`).pluck();
    const counts = new PhraseCounts(store.db);
    for (const q of ['الكاظمي', 'بروكسل', 'NATO', '"حلف شمال"', 'وزير*', 'غيرموجودة']) {
      for (const p of ftsPhrases(toFtsQuery(q))) expect(counts.of(p, 1), p).toBe(count.get(p));
    }
    expect(counts.of('"الكاظمي"', 1)).toBeGreaterThan(0);
  });

  it('should count a phrase again once the index has grown past COUNT_STALE_GROWTH, not before', () => {
    const n = new PhraseCounts(store.db).of('"بغداد"', 1000, 0);
    expect(n).toBeGreaterThan(0);
    // a count another thread took (here a wrong one, 0) is used while the index has not grown enough
    const counts = new PhraseCounts(store.db);
    counts.keep(['"بغداد"', 0, 1000, 0]);
    expect(counts.of('"بغداد"', 1000 + 1000 * COUNT_STALE_GROWTH, 0)).toBe(0);
    expect(counts.of('"بغداد"', 1000 + 1000 * COUNT_STALE_GROWTH + 1, 0)).toBe(n);
  });

  it('should hand on the counts it took only when shared, each once', () => {
    const shared = new PhraseCounts(store.db, true);
    shared.of('"بغداد"', 1000, 0);
    shared.of('"بغداد"', 1000, 0);
    expect(shared.drain()).toEqual([['"بغداد"', expect.any(Number), 1000, 0]]);
    expect(shared.drain()).toEqual([]);
    const alone = new PhraseCounts(store.db);
    alone.of('"بغداد"', 1000, 0);
    expect(alone.drain()).toEqual([]);
  });
});
