/**
 * The two real seed pages live outside the repo: ../shared/seeds beside the checkout, or wherever
 * KHABAR_SEEDS points (.ci/run sets it). They are golden cases: a test that needs one fails, naming
 * where it looked, when they are missing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SEEDS_DIR = process.env.KHABAR_SEEDS
  ? resolve(process.env.KHABAR_SEEDS) + '/'
  : fileURLToPath(new URL('../../../shared/seeds/', import.meta.url));
export const SEED_WEDNESDAY = '000_4d40e8b288dbdb26';
export const SEED_THURSDAY = '003_259b5b7d5bf95f6a';

export function seedPath(name: string): string {
  return `${SEEDS_DIR}${name}.txt`;
}

export function readSeed(name: string): string {
  const p = seedPath(name);
  if (!existsSync(p)) throw new Error(`seed ${p} is missing: put the seeds at ../shared/seeds/ or set KHABAR_SEEDS`);
  return readFileSync(p, 'utf8');
}
