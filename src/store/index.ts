/**
 * Opens a store by location: a file path (or ':memory:') is SQLite; a
 * `postgres://` or `postgresql://` URL is PostgreSQL (src/store/postgres/).
 */
import { PostgresStore } from './postgres/index.js';
import { SqliteStore } from './sqlite/index.js';
import type { Store } from './store.js';

export type * from './store.js';
export { SqliteStore } from './sqlite/index.js';
export { PostgresStore } from './postgres/index.js';

export const isPostgresUrl = (location: string) => /^postgres(ql)?:\/\//.test(location);

/** The location for messages: a URL without its password. */
export function storeLabel(location: string): string {
  if (!isPostgresUrl(location)) return location;
  try {
    const u = new URL(location);
    if (u.password) u.password = '***';
    return u.href;
  } catch {
    return 'postgres://…';
  }
}

export async function openStore(location: string, opts: { readonly?: boolean } = {}): Promise<Store> {
  if (isPostgresUrl(location)) return PostgresStore.open(location, opts);
  return new SqliteStore(location, opts);
}
