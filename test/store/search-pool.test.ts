import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newArticle } from '../../src/core/article.js';
import { toFtsQuery } from '../../src/store/search/query.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { SearchPool } from '../../src/store/sqlite/search-pool.js';
import { SearchQueries } from '../../src/store/sqlite/search.js';

const article = (i: number) =>
  newArticle({
    id: `p${String(i).padStart(2, '0')}`,
    source: `p${i}.txt`,
    raw: 'x',
    title: `الوزارة تعلن الخطة رقم ${i}`,
    paragraphs: [`أعلنت الوزارة اليوم الخطة رقم ${i} لإصلاح شبكة الكهرباء في ${i % 2 ? 'بغداد' : 'البصرة'}.`],
  });
const row = (i: number) => ({ article: article(i), status: 'stored' as const, sha256: `h${i}`, runId: 'r' });

describe('search on reader threads', () => {
  let store: SqliteStore;
  beforeAll(async () => {
    store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'khabar-search-pool-')), 'k.db'));
    await store.writeArticles(Array.from({ length: 12 }, (_, i) => row(i)));
  });
  afterAll(() => store.close());

  it('should answer as a query on the main connection does', async () => {
    const local = new SearchQueries(store.db);
    for (const q of ['الخطة', 'بغداد الكهرباء', '"الخطة رقم 3"', 'بغداد OR البصرة', 'الكهر*']) {
      const threaded = await store.search(q, { limit: 5 });
      const here = local.run(q, toFtsQuery(q), 5);
      expect(threaded.hits.length, q).toBeGreaterThan(0);
      expect(threaded.hits, q).toEqual(here.hits);
    }
  });

  it('should see what the main connection wrote since (no stale answer)', async () => {
    expect((await store.search('"الخطة رقم 40"')).hits).toHaveLength(0);
    await store.writeArticles([row(40)]);
    expect((await store.search('"الخطة رقم 40"')).hits.map((h) => h.id)).toEqual(['p40']);
  });

  it('should bring an FTS5 error back as KHB_BAD_QUERY, a 400, and go on', async () => {
    const pool = new SearchPool(store.path, 1);
    try {
      await expect(pool.run('x', '"unterminated', 5)).rejects.toMatchObject({ code: 'KHB_BAD_QUERY', status: 400 });
      expect((await pool.run('الخطة', toFtsQuery('الخطة'), 3)).hits).toHaveLength(3);
    } finally {
      await pool.close();
    }
  });

  it('should fail the queries a stopped thread held, and answer the next ones on a new thread', async () => {
    const pool = new SearchPool(store.path, 1);
    try {
      expect((await pool.run('الخطة', toFtsQuery('الخطة'), 2)).hits).toHaveLength(2);
      // stopped before the query reaches it (the thread's exit is only seen on a later turn): never answered
      const stopped = pool.workers[0].terminate();
      const held = pool.run('الخطة', toFtsQuery('الخطة'), 2);
      await stopped;
      await expect(held).rejects.toThrow(/search thread stopped/);
      expect((await pool.run('بغداد', toFtsQuery('بغداد'), 1)).hits).toHaveLength(1);
    } finally {
      await pool.close();
    }
  });

  it('should share concurrent queries between its threads, each answered once', async () => {
    const pool = new SearchPool(store.path, 2);
    try {
      const qs = Array.from({ length: 20 }, (_, i) => `"الخطة رقم ${i % 12}"`);
      const rs = await Promise.all(qs.map((q) => pool.run(q, toFtsQuery(q), 1)));
      expect(rs.map((r) => r.hits[0]?.id)).toEqual(qs.map((_, i) => `p${String(i % 12).padStart(2, '0')}`));
    } finally {
      await pool.close();
    }
  });
  it('should pass the phrase counts one thread took to the others (where khabar_bm25 ranks)', async () => {
    const pool = new SearchPool(store.path, 2);
    try {
      const sent: unknown[][] = pool.workers.map(() => []);
      pool.workers.forEach((w, i) => {
        const post = w.postMessage.bind(w);
        w.postMessage = (m: unknown) => {
          sent[i].push(m);
          post(m);
        };
      });
      await pool.run('بغداد الكهرباء', toFtsQuery('بغداد الكهرباء'), 1);
      const counts = sent.flat().filter((m) => (m as { kind: string }).kind === 'counts');
      if (!new SearchQueries(store.db).counts) return expect(counts).toEqual([]); // bm25(): nothing to share
      // exactly one thread answered; the other one got its two counts
      expect(counts).toEqual([
        { kind: 'counts', counts: [expect.arrayContaining(['"بغداد"']), expect.arrayContaining(['"الكهرباء"'])] },
      ]);
      expect(sent.filter((s) => s.some((m) => (m as { kind: string }).kind === 'counts'))).toHaveLength(1);
    } finally {
      await pool.close();
    }
  });
});
