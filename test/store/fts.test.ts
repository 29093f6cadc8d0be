/**
 * The search index without its own copy of the text (migration 004): the same matches, ranks and
 * highlights as migration 001's table that kept one, consistent after articles are rewritten, and
 * a database of the old layout migrates with its articles searchable.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/migrations/index.js';
import { NORMALIZE_FUNCTION } from '../../src/store/migrations/004_fts_external.js';
import { migrate } from '../../src/store/sqlite/migrate.js';
import type { SqliteStore } from '../../src/store/sqlite/index.js';
import { toFtsQuery } from '../../src/store/search/query.js';
import { normalize } from '../../src/text/normalize.js';
import { buildSampleDb, tmpDir } from '../support/sample-db.js';

const QUERIES = ['البصرة', 'الكهرباء', 'رئيس الوزراء', '"حلف شمال الاطلسي"', 'بغداد OR البصرة', 'وزير*', 'ال*'];
/** Migration 001's table, kept here as the reference the new one must answer like. */
const OLD_FTS = `CREATE VIRTUAL TABLE fts_ref USING fts5(title, body,
  tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Co Mn Mc'");
INSERT INTO fts_ref (fts_ref, rank) VALUES ('rank', 'bm25(4.0, 1.0)');`;

const integrityOk = (db: Database.Database) =>
  db.prepare(`INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)`).run();

describe('search index with external content (migration 004)', () => {
  let store: SqliteStore;
  beforeAll(async () => {
    store = (await buildSampleDb(tmpDir())).store as SqliteStore;
  });
  afterAll(() => store.close());

  it('should keep no copy of the text and index every article that is not rejected', () => {
    const db = store.db;
    const tables = (
      db.prepare(`SELECT name FROM sqlite_master WHERE name LIKE 'articles_fts%'`).pluck().all() as string[]
    ).sort();
    expect(tables).not.toContain('articles_fts_content');
    const indexed = db.prepare(`SELECT count(*) FROM articles_fts_docsize`).pluck().get();
    const kept = db.prepare(`SELECT count(*) FROM articles WHERE status != 'rejected'`).pluck().get();
    expect(indexed).toBe(kept);
    expect(Number(kept)).toBeGreaterThan(20);
    expect(() => integrityOk(db)).not.toThrow();
  });

  it('should give the same matches, ranks and highlights as a table keeping its own copy', () => {
    const db = store.db;
    db.exec(OLD_FTS);
    db.exec(`INSERT INTO fts_ref (rowid, title, body) SELECT article_rowid, title, body FROM articles_fts_source`);
    let compared = 0;
    for (const q of QUERIES) {
      const m = toFtsQuery(q);
      const hits = (t: string) =>
        db
          .prepare(
            `SELECT rowid, round(rank, 9) AS rank, highlight(${t}, 1, '[', ']') AS hb FROM ${t} WHERE ${t} MATCH ? ORDER BY rank, rowid`,
          )
          .all(m);
      const now = hits('articles_fts');
      expect(now, q).toEqual(hits('fts_ref'));
      compared += now.length;
    }
    expect(compared).toBeGreaterThan(30);
    db.exec('DROP TABLE fts_ref');
  });

  it('should stay consistent when an article is written again with other text or rejected', async () => {
    const db = store.db;
    const [first] = (await store.search('البصرة')).hits;
    expect(first).toBeDefined();
    const row = db.prepare(`SELECT rowid, id FROM articles WHERE id = ?`).get(first.id) as {
      rowid: number;
      id: string;
    };
    // the writer's order: the index row first (read back through the view), then the article
    const rewrite = db.transaction((text: string, status: string) => {
      db.prepare(`DELETE FROM articles_fts WHERE rowid = ?`).run(BigInt(row.rowid));
      db.prepare(`UPDATE articles SET title = ?, text = ?, status = ? WHERE rowid = ?`).run(
        'مهرجان',
        text,
        status,
        row.rowid,
      );
      if (status !== 'rejected')
        db.prepare(
          `INSERT INTO articles_fts (rowid, title, body) SELECT article_rowid, title, body FROM articles_fts_source WHERE article_rowid = ?`,
        ).run(BigInt(row.rowid));
    });
    rewrite('نص جديد عن مهرجان الزيتون في جرش', 'stored');
    const match = (q: string) =>
      db.prepare(`SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?`).pluck().all(toFtsQuery(q));
    expect(match('الزيتون')).toEqual([row.rowid]);
    expect(match('البصرة')).not.toContain(row.rowid);
    expect(() => integrityOk(db)).not.toThrow();
    rewrite('نص آخر', 'rejected');
    expect(match('الزيتون')).toEqual([]);
    expect(() => integrityOk(db)).not.toThrow();
  });
});

describe('migrating a database of the old layout', () => {
  it('should rebuild the index from the articles, searchable as before', () => {
    const db = new Database(join(tmpDir(), 'old.db'));
    db.function(NORMALIZE_FUNCTION, { deterministic: true }, (s: unknown) => normalize(typeof s === 'string' ? s : ''));
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version <= 3),
    );
    const add = db.transaction((id: string, title: string, text: string, status: string) => {
      db.prepare(
        `INSERT INTO documents (id, origin, raw_kind, raw, sha256, run_id, ingested_at) VALUES (?, 'test', 'text', ?, ?, 'r', 'now')`,
      ).run(id, Buffer.from(text), id);
      const { rowid } = db
        .prepare(
          `INSERT INTO articles (id, status, title, text, created_at) VALUES (?, ?, ?, ?, 'now') RETURNING rowid`,
        )
        .get(id, status, title, text) as { rowid: number };
      if (status !== 'rejected')
        db.prepare(`INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)`).run(
          BigInt(rowid),
          normalize(title),
          normalize(text),
        );
    });
    add('a', 'الكاظمي في بروكسل', 'التقى رئيس الوزراء الأمين العام لحلف الناتو', 'stored');
    add('b', 'مؤتمر', 'اجتماع المندوبين الدائمين لحلف الناتو', 'duplicate');
    add('c', 'صفحة قسم', 'الناتو الناتو', 'rejected');
    // migration 004 alone (005 is tested in reasons-migration.test.ts)
    expect(
      migrate(
        db,
        MIGRATIONS.filter((m) => m.version <= 4),
      ),
    ).toEqual([4]);
    const ids = (q: string) =>
      db
        .prepare(
          `SELECT a.id FROM articles_fts f JOIN articles a ON a.rowid = f.rowid WHERE articles_fts MATCH ? ORDER BY a.id`,
        )
        .pluck()
        .all(toFtsQuery(q));
    expect(ids('الناتو')).toEqual(['a', 'b']);
    expect(ids('ال*')).toEqual(['a', 'b']);
    expect(ids('الكاظمي')).toEqual(['a']);
    expect(() => integrityOk(db)).not.toThrow();
    db.close();
  });
});
