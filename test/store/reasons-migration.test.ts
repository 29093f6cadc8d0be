/**
 * Migration 005 (SQLite) and 4 (PostgreSQL): a database written before provenance had one shape
 * still opens and reads. Its removed lines come back as drop-line Reasons, and `why.reasons`, a list of
 * rule ids then, comes back as the notes themselves, taken from the article's own trace.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/migrations/index.js';
import { NORMALIZE_FUNCTION } from '../../src/store/migrations/004_fts_external.js';
import { migrate } from '../../src/store/sqlite/migrate.js';
import { migrate as migratePg } from '../../src/store/postgres/migrate.js';
import { PG_MIGRATIONS } from '../../src/store/postgres/migrations.js';
import { PostgresStore } from '../../src/store/postgres/index.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import type { Store } from '../../src/store/store.js';
import { normalize } from '../../src/text/normalize.js';
import { tmpDir } from '../support/sample-db.js';

const NOTE = { rule: 'stories/no-date', action: 'note', message: 'no published date and no date in the lede' };
const OLD_WHY = {
  score: 0,
  entities: [],
  terms: [],
  date_gap_days: null,
  decision: 'new-event',
  reasons: [NOTE.rule, 'stories/gone'],
};

/** Rows as the old code wrote them: removed_lines.reason, why.reasons as rule ids. */
const OLD_ROWS = [
  `INSERT INTO documents (id, origin, raw_kind, raw, sha256, run_id, ingested_at) VALUES ('a', 'test', 'text', 'x', 'h', 'r', '2024-01-01')`,
  `INSERT INTO articles (id, status, title, text, why, trace, created_at) VALUES ('a', 'stored', 'عنوان', 'نص المقال',
     '${JSON.stringify(OLD_WHY)}', '${JSON.stringify([NOTE])}', '2024-01-01')`,
  `INSERT INTO removed_lines (article_id, seq, line, text, reason) VALUES ('a', 0, 3, 'شارك على فيسبوك', 'clean/share')`,
];

async function expectReadsAsReasons(store: Store): Promise<void> {
  const a = await store.getArticle('a');
  expect(a?.removed).toEqual([
    {
      rule: 'clean/share',
      action: 'drop-line',
      message: 'dropped by clean/share',
      place: { line: 3 },
      text: 'شارك على فيسبوك',
    },
  ]);
  // the note's message and evidence come from the trace; a rule the trace lacks is a bare note
  expect(a?.why?.reasons).toEqual([NOTE, { rule: 'stories/gone', action: 'note', message: 'stories/gone' }]);
  expect(a?.why?.decision).toBe('new-event');
  expect((await store.stats()).removedByRule).toEqual([{ rule: 'clean/share', count: 1 }]);
}

describe('migrating old Reason shapes (SQLite 005)', () => {
  it('should read removed lines and why.reasons of an old database as Reasons', async () => {
    const path = join(tmpDir('khabar-reasons-'), 'old.db');
    const db = new Database(path);
    db.function(NORMALIZE_FUNCTION, { deterministic: true }, (s: unknown) => normalize(typeof s === 'string' ? s : ''));
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version <= 4),
    );
    for (const sql of OLD_ROWS) db.exec(sql);
    db.close();
    const store = new SqliteStore(path);
    try {
      await expectReadsAsReasons(store);
      expect(migrate(store.db)).toEqual([]);
    } finally {
      await store.close();
    }
  });
});

describe('migrating old Reason shapes (PostgreSQL 4)', () => {
  const url = process.env.KHABAR_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  const schema = `khabar_test_${Math.random().toString(36).slice(2, 10)}`;
  afterAll(async () => {
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await admin.end();
  });

  it('should read removed lines and why.reasons of an old database as Reasons', async () => {
    const pool = new pg.Pool({ connectionString: url, max: 1, options: `-c search_path=${schema}` });
    try {
      await migratePg(
        pool,
        schema,
        PG_MIGRATIONS.filter((m) => m.version <= 3),
      );
      // the same rows; PostgreSQL's documents take the default ingested_at
      for (const sql of OLD_ROWS) await pool.query(sql.replace(", 'r', '2024-01-01')", ", 'r', now())"));
    } finally {
      await pool.end();
    }
    const store = await PostgresStore.open(url, { schema });
    try {
      await expectReadsAsReasons(store);
    } finally {
      await store.close();
    }
  });
});
