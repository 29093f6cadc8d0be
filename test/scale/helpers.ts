/**
 * Shared by the scale-out tests: the real PostgreSQL on 127.0.0.1 (database `test`, or
 * KHABAR_TEST_PG), one throwaway schema per store, and a generated corpus. No PostgreSQL
 * → the suites fail with a message saying so; they never skip.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { generateDups } from '../../bench/gen-dups.js';

export const PG_URL = process.env.KHABAR_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

export function pgAdmin() {
  const admin = new pg.Pool({ connectionString: PG_URL, max: 2, connectionTimeoutMillis: 5000 });
  const schemas: string[] = [];
  return {
    admin,
    /** A postgres:// URL naming a new schema of its own. */
    newDb(): string {
      const s = `khabar_scale_${Math.random().toString(36).slice(2, 10)}`;
      schemas.push(s);
      return `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}schema=${s}`;
    },
    async check(): Promise<void> {
      try {
        await admin.query('SELECT 1');
      } catch (e) {
        throw new Error(
          `PostgreSQL is not reachable at ${PG_URL} (${e instanceof Error ? e.message : e}). ` +
            'The scale-out tests need a running server: start PostgreSQL or set KHABAR_TEST_PG to its URL.',
          { cause: e },
        );
      }
    },
    async end(): Promise<void> {
      for (const s of schemas) await admin.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`).catch(() => undefined);
      await admin.end();
    },
  };
}

/** `docs` documents of `npm run gen:dups` (ids d0…), written as JSONL files of `perFile` lines in a new folder. */
export function dupCorpus(docs: number, seed: number, perFile = docs): { dir: string; files: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'khabar-scale-'));
  const lines = [...generateDups({ docs, seed })].map((d) => JSON.stringify(d));
  const files: string[] = [];
  for (let i = 0; i < lines.length; i += perFile) {
    const f = join(dir, `part${files.length + 1}.jsonl`);
    writeFileSync(f, lines.slice(i, i + perFile).join('\n') + '\n');
    files.push(f);
  }
  return { dir, files };
}
