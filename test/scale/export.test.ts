/**
 * `khabar export` from SQLite and from PostgreSQL: the same records both ways, and the
 * Parquet file read back by an independent reader (DuckDB, a C++ Parquet implementation)
 * agrees with the JSONL file record for record.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { memoryIO } from '../../src/cli/io.js';
import type { ExportRecord } from '../../src/scale/export.js';
import { dupCorpus, pgAdmin } from './helpers.js';

const pgt = pgAdmin();
const corpus = dupCorpus(120, 11);
const sqlite = join(corpus.dir, 'one.db');
const pgDb = pgt.newDb();

const readJsonl = (p: string) =>
  readFileSync(p, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as ExportRecord);

async function run(argv: string[]): Promise<string> {
  const io = memoryIO();
  const code = await main(argv, io);
  expect(code, io.err()).toBe(0);
  return io.err();
}

beforeAll(async () => {
  await pgt.check();
  await run(['process', corpus.files[0], '--db', sqlite, '--runs', join(corpus.dir, 'runs')]);
  await run(['process', corpus.files[0], '--db', pgDb, '--runs', join(corpus.dir, 'runs')]);
});

afterAll(async () => {
  await pgt.end();
  rmSync(corpus.dir, { recursive: true, force: true });
});

describe('khabar export', () => {
  it('should write one JSONL record per article with its provenance, the same from SQLite and PostgreSQL', async () => {
    const a = join(corpus.dir, 'sqlite.jsonl');
    const b = join(corpus.dir, 'pg.jsonl');
    expect(await run(['export', '--db', sqlite, '-o', a])).toMatch(/export: 120 articles/);
    await run(['export', '--db', pgDb, '-o', b]);
    const recs = readJsonl(a);
    expect(recs).toHaveLength(120);
    expect(readJsonl(b)).toEqual(recs);
    expect(Object.keys(recs[0]).sort()).toEqual(
      [
        'id',
        'status',
        'url',
        'site',
        'published',
        'title',
        'text',
        'dup_group',
        'duplicate_of',
        'similarity',
        'event',
        'story',
        'rejected_rule',
        'removed_rules',
        'removed_lines',
      ].sort(),
    );
    // provenance: copies name their canonical, which is in the export and is its group
    const byId = new Map(recs.map((r) => [r.id, r]));
    const copies = recs.filter((r) => r.status === 'duplicate');
    expect(copies.length).toBeGreaterThanOrEqual(5);
    for (const c of copies) {
      expect(byId.get(c.duplicate_of!)?.status).toBe('stored');
      expect(c.dup_group).toBe(c.duplicate_of);
      expect(c.similarity).toBeGreaterThan(0);
    }
    // every kept article has an event and a story; removed lines carry their rule ids
    expect(recs.every((r) => r.status === 'rejected' || (r.event && r.story))).toBe(true);
    const rules = new Set(recs.flatMap((r) => r.removed_rules));
    expect(rules.size).toBeGreaterThan(0);
    for (const r of rules) expect(r).toMatch(/^clean\/[a-z-]+$/);
    for (const r of recs) expect(r.removed_lines).toHaveLength(r.removed_rules.length);
  });

  it('should write Parquet that DuckDB reads back as the same records', async () => {
    const j = join(corpus.dir, 'pg2.jsonl');
    const p = join(corpus.dir, 'corpus.parquet');
    await run(['export', '--db', pgDb, '-o', j]);
    expect(await run(['export', '--db', pgDb, '-o', p])).toMatch(/\(parquet\)/);
    const duck = await (await DuckDBInstance.create(':memory:')).connect();
    const res = await duck.runAndReadAll(`SELECT * FROM read_parquet('${p.replace(/'/g, "''")}') ORDER BY id`);
    const rows = res.getRowObjectsJson() as Record<string, unknown>[];
    const want = readJsonl(j).sort((x, y) => (x.id < y.id ? -1 : 1));
    expect(rows).toHaveLength(want.length);
    const cols = await duck.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${p.replace(/'/g, "''")}')`);
    const types = Object.fromEntries(
      (cols.getRowObjectsJson() as { column_name: string; column_type: string }[]).map((c) => [
        c.column_name,
        c.column_type,
      ]),
    );
    expect(types).toMatchObject({
      id: 'VARCHAR',
      similarity: 'DOUBLE',
      removed_rules: 'VARCHAR[]',
      removed_lines: 'INTEGER[]',
    });
    rows.forEach((row, i) => {
      const w = want[i];
      expect({ ...row, similarity: row.similarity === null ? null : Number(row.similarity) }).toEqual({
        ...w,
        removed_lines: w.removed_lines,
      });
    });
  });
});
