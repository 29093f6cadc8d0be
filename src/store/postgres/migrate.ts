/**
 * Applies ./migrations.ts in order and records each in `schema_migrations`.
 * Everything runs in one transaction under an advisory lock, so two processes
 * that start at once on an empty database do not both create the tables: the
 * second waits, then finds the versions the first recorded. A database newer
 * than this code is refused, as the SQLite store does.
 */
import type pg from 'pg';
import { khabarError } from '../../core/errors.js';
import type { Migration } from '../migrations/index.js';
import { PG_MIGRATIONS } from './migrations.js';

/** Advisory lock namespace for migrations ('khbm'); the second key is hashtext(schema). */
export const MIGRATE_LOCK_NS = 0x6b68626d;

/** Schema names we accept: a plain lower-case identifier, so it needs no quoting in `-c search_path=`. */
const SCHEMA_RE = /^[a-z_][a-z0-9_]{0,62}$/;

export function checkSchema(schema: string): string {
  if (!SCHEMA_RE.test(schema))
    throw khabarError('KHB_BAD_INPUT', `PostgreSQL schema "${schema}" must be a lower-case identifier (a-z, 0-9, _)`);
  return schema;
}

export async function migrate(
  pool: pg.Pool,
  schema: string,
  migrations: Migration[] = PG_MIGRATIONS,
): Promise<number[]> {
  const s = `"${checkSchema(schema)}"`;
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    await c.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [MIGRATE_LOCK_NS, schema]);
    // After the lock: CREATE … IF NOT EXISTS is not safe against a concurrent CREATE.
    await c.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await c.query(`SET LOCAL search_path TO ${s}`);
    await c.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set(
      (await c.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version),
    );
    const newest = Math.max(0, ...migrations.map((m) => m.version));
    const ahead = [...done].filter((v) => v > newest);
    if (ahead.length)
      throw khabarError(
        'KHB_BAD_INPUT',
        `database schema version ${Math.max(...ahead)} is newer than this khabar (${newest})`,
      );
    const applied: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      await c.query(m.sql); // no parameters: the simple protocol runs several statements
      await c.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    await c.query('COMMIT');
    return applied;
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
}

export async function schemaVersion(pool: pg.Pool): Promise<number> {
  const r = await pool.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
  return r.rows[0].v ?? 0;
}
