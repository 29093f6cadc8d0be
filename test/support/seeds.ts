/**
 * The two real seed pages are golden cases kept in test/fixtures/seeds/ (so `npm test` passes on a clone
 * with no ../shared beside it); KHABAR_SEEDS points elsewhere to test another copy.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SEEDS_DIR = process.env.KHABAR_SEEDS
  ? resolve(process.env.KHABAR_SEEDS) + '/'
  : fileURLToPath(new URL('../fixtures/seeds/', import.meta.url));
export const SEED_WEDNESDAY = '000_4d40e8b288dbdb26';
export const SEED_THURSDAY = '003_259b5b7d5bf95f6a';

export function seedPath(name: string): string {
  return `${SEEDS_DIR}${name}.txt`;
}

export function readSeed(name: string): string {
  const p = seedPath(name);
  if (!existsSync(p))
    throw new Error(`seed ${p} is missing: they belong in test/fixtures/seeds/ (or set KHABAR_SEEDS)`);
  return readFileSync(p, 'utf8');
}
