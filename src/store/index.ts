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

export async function openStore(location: string, opts: { readonly?: boolean } = {}): Promise<Store> {
  if (/^postgres(ql)?:\/\//.test(location)) return PostgresStore.open(location, opts);
  return new SqliteStore(location, opts);
}
