import { writeFileSync, mkdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { processPaths } from '../../src/pipeline/run.js';
import type { SqliteStore } from '../../src/store/sqlite/index.js';
import { buildSampleDb, SAMPLE_DIR, tmpDir } from '../support/sample-db.js';

const counts = (store: SqliteStore) =>
  store.db
    .prepare(
      `SELECT (SELECT count(*) FROM documents) d, (SELECT count(*) FROM articles) a, (SELECT count(*) FROM events) e,
              (SELECT count(*) FROM stories) s, (SELECT count(*) FROM dup_groups) g, (SELECT count(*) FROM articles_fts) f`,
    )
    .get();

describe('khabar process', () => {
  it('should account for every input document: stored, duplicate, rejected, unchanged or unreadable', async () => {
    const dir = tmpDir();
    const { run, store } = await buildSampleDb(dir);
    const o = run.outcomes;
    expect(o.stored + o.duplicate + o.rejected + o.unchanged + o.error).toBe(run.stats.get('ingest/in'));
    expect(o.error).toBe(1); // sample/misc/empty-download.txt
    expect(o.rejected).toBe(2); // the category page and the English page
    expect(o.unchanged).toBe(1); // sample/mirror: byte-identical copy
    expect(o.duplicate).toBeGreaterThan(10);
    expect(run.summary.join('\n')).toMatch(
      /clean: +\d+ in, \d+ out, 2 rejected \(clean\/empty-body 1, clean\/not-arabic 1\)/,
    );
    const stats = JSON.parse(readFileSync(run.statsFile!, 'utf8'));
    expect(stats.outcomes).toEqual(o);
    const rejected = await store.getArticle('gulfdaily-en-oil-prices');
    expect(rejected?.rejected?.rule).toBe('clean/not-arabic');
    await store.close();
  });

  it('should change nothing when the same input is processed twice', async () => {
    const dir = tmpDir();
    const { store } = await buildSampleDb(dir);
    const s = store as SqliteStore;
    const before = counts(s);
    const state = s.db.prepare('SELECT key, value FROM state ORDER BY key').all();
    const again = await processPaths([SAMPLE_DIR], {
      store,
      exclude: [join(SAMPLE_DIR, 'manifest.json')],
      runsDir: null,
    });
    expect(again.outcomes.stored + again.outcomes.duplicate + again.outcomes.rejected).toBe(0);
    expect(counts(s)).toEqual(before);
    expect(s.db.prepare('SELECT key, value FROM state ORDER BY key').all()).toEqual(state);
    await store.close();
  });

  it('should let new input join an existing duplicate group and event', async () => {
    const dir = tmpDir();
    const { store } = await buildSampleDb(dir);
    const original = readFileSync(join(SAMPLE_DIR, 'alrafidain', 'alrafidain-iraq-curfew.txt'), 'utf8');
    const copyDir = join(dir, 'later', 'newsite');
    mkdirSync(copyDir, { recursive: true });
    writeFileSync(join(copyDir, 'newsite-curfew.txt'), original.replace('الرافدين', 'الموقع الجديد'));
    const r = await processPaths([join(dir, 'later')], { store, runsDir: null });
    expect(r.outcomes.duplicate).toBe(1);
    const copy = await store.getArticle('newsite-curfew');
    const canon = await store.getArticle('alrafidain-iraq-curfew');
    expect(copy?.dupGroup).toBe(canon?.dupGroup);
    expect(copy?.eventId).toBe(canon?.eventId);
    expect(copy?.why?.decision).toBe('duplicate-of-canonical');
    expect(existsSync(join(dir, 'runs'))).toBe(true);
    await store.close();
  });
});
