/** Opens the PostgreSQL store the scale-out commands share, with the scale tables (./schema.ts). */
import { khabarError } from '../core/errors.js';
import { isPostgresUrl, PostgresStore } from '../store/index.js';
import { ensureScaleSchema } from './schema.js';

export async function openScale(db: string): Promise<PostgresStore> {
  if (!isPostgresUrl(db))
    throw khabarError('KHB_BAD_INPUT', `--db must be a postgres:// URL: workers on many machines share one PostgreSQL`);
  const store = await PostgresStore.open(db);
  try {
    await ensureScaleSchema(store.pool);
  } catch (e) {
    await store.close();
    throw e;
  }
  return store;
}
