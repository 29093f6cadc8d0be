import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KhabarError } from '../../src/core/errors.js';
import { toFtsQuery } from '../../src/store/search/query.js';
import { normalizeWithMap, snippetText } from '../../src/store/search/snippet.js';
import type { Store } from '../../src/store/store.js';
import { newArticle } from '../../src/core/article.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { SqliteSearch } from '../../src/store/sqlite/search.js';
import { buildSampleDb } from '../support/sample-db.js';
import { SEED_THURSDAY, SEED_WEDNESDAY } from '../support/seeds.js';

const badQuery = (q: string) => {
  try {
    toFtsQuery(q);
  } catch (e) {
    return e instanceof KhabarError ? e.code : String(e);
  }
  return 'no error';
};

describe('query parsing', () => {
  it('should quote every normalized term so FTS5 never sees user syntax', () => {
    expect(toFtsQuery('حلف شمال الأطلسي')).toBe('"حلف" AND "شمال" AND "الاطلسي"');
    expect(toFtsQuery('"حلف شمال الأطلسي"')).toBe('"حلف شمال الاطلسي"');
    expect(toFtsQuery('الناتو OR الحلف -أفغانستان')).toBe('("الناتو" OR "الحلف") NOT ("افغانستان")');
    expect(toFtsQuery('ستولتن*')).toBe('"ستولتن"*');
  });

  it('should turn FTS syntax errors into KHB_BAD_QUERY', () => {
    for (const q of ['"الناتو', 'AND OR', 'OR الناتو', 'الناتو OR', '', '   ', '***', '-الناتو', 'a*', '(('])
      expect(badQuery(q), q).toBe('KHB_BAD_QUERY');
  });

  it('should treat FTS5 keywords and punctuation inside words as plain text', () => {
    expect(toFtsQuery('NEAR(الناتو)')).toBe('"near الناتو"');
    expect(toFtsQuery('col:الناتو')).toBe('"col الناتو"');
  });
});

describe('offset map', () => {
  it('should map every normalized unit back to its original offset', () => {
    const text = 'حلفُ شمالِ الأطلسيّ ـــ ﻻ';
    const { norm, map } = normalizeWithMap(text);
    expect(norm).toBe('حلف شمال الاطلسي  لا');
    expect(text[map[norm.indexOf('الاطلسي')]]).toBe('ا');
    expect(map[norm.length]).toBe(text.length);
  });
});

describe('search over the sample corpus', () => {
  let store: Store;
  beforeAll(async () => {
    store = (await buildSampleDb()).store;
  });
  afterAll(() => store.close());

  it('should find text written الأطلسي when the query says الاطلسي, with the original highlighted', async () => {
    const r = await store.search('حلف شمال الاطلسي');
    expect(r.hits.length).toBeGreaterThan(0);
    const marked = r.hits.flatMap((h) => h.snippet.filter((p) => p.hit).map((p) => p.text));
    expect(marked).toContain('الأطلسي');
    expect(r.hits.map((h) => h.id)).toEqual(expect.arrayContaining([SEED_WEDNESDAY, SEED_THURSDAY]));
  });

  it('should fold duplicate groups into one hit with a copy count', async () => {
    const r = await store.search('ماجد مهدي حنتوش');
    const groups = r.hits.map((h) => h.id);
    expect(new Set(groups).size).toBe(groups.length);
    expect(r.hits.some((h) => h.copies > 0)).toBe(true);
  });

  it('should rank a title match above a passing mention (bm25, title weighted)', async () => {
    const r = await store.search('باغرام');
    expect(snippetText(r.hits[0].titleParts)).toContain('[باغرام]');
  });

  it('should answer a bad query with KHB_BAD_QUERY, never a crash', async () => {
    await expect(store.search('"الناتو')).rejects.toMatchObject({ code: 'KHB_BAD_QUERY', status: 400 });
    await expect(store.search('AND OR')).rejects.toMatchObject({ code: 'KHB_BAD_QUERY' });
  });
});

describe('search on a large match set, and the result cache', () => {
  const article = (i: number) =>
    newArticle({
      id: `w${String(i).padStart(2, '0')}`,
      source: `w${i}.txt`,
      raw: 'x',
      title: `الحكومة تعلن القرار رقم ${i}`,
      paragraphs: [`أعلنت الحكومة اليوم القرار رقم ${i} بشأن الموازنة العامة للدولة.`],
    });

  it('should rank only the newest matches past the window, say so, and serve repeats from the cache until a write', async () => {
    const store = new SqliteStore(':memory:');
    await store.writeArticles(
      Array.from({ length: 30 }, (_, i) => ({
        article: article(i),
        status: 'stored' as const,
        sha256: `h${i}`,
        runId: 'r',
      })),
    );
    let version = 0;
    const search = new SqliteSearch(store.db, () => String(version), { rankWindow: 10 });
    const r = await search.search('الحكومة', { limit: 5 });
    // matches sit on every row, so the estimate from the window's density is exact
    expect(r.window).toEqual({ ranked: 10, matchesAbout: 30 });
    expect(r.hits).toHaveLength(5);
    for (const h of r.hits) expect(Number(h.id.slice(1))).toBeGreaterThanOrEqual(20); // the 10 newest: w20…w29
    expect(r.cached).toBeUndefined();
    expect((await search.search('الحكومة', { limit: 5 })).cached).toBe(true);
    expect((await search.search('الحكومه', { limit: 5 })).cached, 'same normalized query').toBe(true);
    expect((await search.search('الحكومة', { limit: 6 })).cached, 'another page size').toBeUndefined();
    version++;
    expect((await search.search('الحكومة', { limit: 5 })).cached, 'after a write').toBeUndefined();
    // a narrow query is ranked over all its matches
    expect((await search.search('"القرار رقم 3"')).window).toBeUndefined();
    await store.close();
  });

  it('should not serve a stale result after the store writes', async () => {
    const store = new SqliteStore(':memory:');
    await store.writeArticles([{ article: article(1), status: 'stored', sha256: 'h1', runId: 'r' }]);
    expect((await store.search('الموازنة')).hits).toHaveLength(1);
    await store.writeArticles([{ article: article(2), status: 'stored', sha256: 'h2', runId: 'r' }]);
    const again = await store.search('الموازنة');
    expect(again.cached).toBeUndefined();
    expect(again.hits).toHaveLength(2);
    await store.close();
  });
});
