/**
 * Applies src/store/migrations in order, each in its own transaction, and
 * records it in schema_migrations. A database newer than this code is refused.
 */
import type Database from 'better-sqlite3';
import { khabarError } from '../../core/errors.js';
import { MIGRATIONS, type Migration } from '../migrations/index.js';

export function migrate(db: Database.Database, migrations: Migration[] = MIGRATIONS): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const done = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version),
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
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        m.version,
        m.name,
        new Date().toISOString(),
      );
    })();
    applied.push(m.version);
  }
  return applied;
}

export function schemaVersion(db: Database.Database): number {
  const r = db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number | null };
  return r.v ?? 0;
}
