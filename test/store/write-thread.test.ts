/**
 * The SQLite writer on its own thread (src/store/sqlite/write-thread.ts, issue 13): `khabar process`
 * with its windows written on the thread stores exactly what it stores writing on the main thread
 * (every row, group, event, story, search row and the saved state), over two runs where the second
 * regroups and moves what the first stored; and a write that fails on the thread fails the caller
 * with the writer's own error.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateRawDocs } from '../../bench/gen-raw.js';
import { newArticle } from '../../src/core/article.js';
import { processPaths } from '../../src/pipeline/run.js';
import { openStore } from '../../src/store/index.js';
import type { SqliteStore } from '../../src/store/sqlite/index.js';
import { tmpDir } from '../support/sample-db.js';
import { WriteThread } from '../../src/store/sqlite/write-thread.js';
import type { Worker } from 'node:worker_threads';

const dir = tmpDir();
const docs = [...generateRawDocs(900, 13, { copyShare: 0.3 })].map((d, i) => ({
  ...d,
  published: `2021-06-${String(1 + (i % 28)).padStart(2, '0')}`,
}));
// the second run's input: later documents, some of them copies of the first run's
const first = join(dir, 'first.jsonl');
const second = join(dir, 'second.jsonl');
writeFileSync(
  first,
  docs
    .slice(0, 600)
    .map((d) => JSON.stringify(d))
    .join('\n') + '\n',
);
writeFileSync(
  second,
  docs
    .slice(600)
    .map((d) => JSON.stringify(d))
    .join('\n') + '\n',
);

/** Every table a run writes, as rows (timestamps and run ids left out). */
function contents(store: SqliteStore) {
  const all = (sql: string) => store.db.prepare(sql).raw().all();
  return {
    documents: all('SELECT id, source_id, url, raw, sha256, indexed FROM documents ORDER BY id'),
    articles: all(`SELECT id, status, title, dateline, published, text, dup_group, duplicate_of, similarity,
      event_id, story_id, event_date, why, trace FROM articles ORDER BY id`),
    removed: all('SELECT * FROM removed_lines ORDER BY article_id, seq'),
    mentions: all('SELECT * FROM article_entities ORDER BY article_id, entity_key'),
    groups: all('SELECT * FROM dup_groups ORDER BY id'),
    events: all('SELECT id, story_id, date, title, articles, sources FROM events ORDER BY id'),
    stories: all('SELECT id, title, first_date, last_date, events, articles FROM stories ORDER BY id'),
    state: all('SELECT key, value FROM state ORDER BY key'),
    search: all(`SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'الحكومه' ORDER BY rank, rowid`),
  };
}

async function twoRuns(writeThread: boolean) {
  const store = (await openStore(join(dir, `${writeThread ? 'thread' : 'main'}.db`))) as SqliteStore;
  const runs = [];
  for (const input of [first, second]) {
    const r = await processPaths([input], { store, runsDir: null, writeThread, cleanWorkers: 0 });
    runs.push(r.outcomes);
  }
  // the index still matches the view it is built from
  store.db.prepare(`INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)`).run();
  const c = contents(store);
  await store.close();
  return { runs, c };
}

describe('the SQLite write thread', () => {
  it('should store exactly what writing on the main thread stores, over runs that regroup', async () => {
    const main = await twoRuns(false);
    const thread = await twoRuns(true);
    expect(thread.runs).toEqual(main.runs);
    expect(main.runs[1].duplicate).toBeGreaterThan(50); // the second run has copies to regroup
    for (const table of Object.keys(main.c) as (keyof typeof main.c)[])
      expect({ table, rows: thread.c[table] }).toEqual({ table, rows: main.c[table] });
    expect(main.c.search.length).toBeGreaterThan(0);
  }, 120_000);

  it('should fail the write, with the writer error, when its transaction fails on the thread', async () => {
    const store = (await openStore(join(dir, 'fail.db'))) as SqliteStore;
    await store.writeInBackground(true);
    const a = newArticle({ id: 'x1', source: 'x1.txt', raw: 'نص', site: 'x' });
    const bad = store.writeArticles([{ article: a, status: 'bogus' as 'stored', sha256: 'x', runId: 'r' }]);
    await expect(bad).rejects.toThrow(/CHECK constraint failed/);
    // the thread goes on: the next write commits, and is read back on the main connection
    await store.writeArticles([{ article: a, status: 'stored', sha256: 'x', runId: 'r' }]);
    await store.writeInBackground(false);
    expect((await store.getArticle('x1'))?.status).toBe('stored');
    await store.close();
  });

  it('should fail every later write, and still close, when the thread stops on its own', async () => {
    const path = join(dir, 'stopped.db');
    await (await openStore(path)).close(); // the schema, as a store's own connection makes it
    const thread = new WriteThread(path);
    const a = newArticle({ id: 'y1', source: 'y1.txt', raw: 'نص', site: 'y' });
    await thread.write([{ article: a, status: 'stored', sha256: 'y', runId: 'r' }], {});
    // the thread dies (as a native crash or an out-of-memory kill would end it)
    await (thread as unknown as { worker: Worker }).worker.terminate();
    await expect(thread.write([{ article: a, status: 'stored', sha256: 'y', runId: 'r' }], {})).rejects.toThrow(
      /write thread stopped/,
    );
    await thread.close(); // returns: nothing waits for a thread that is gone
  });
});
