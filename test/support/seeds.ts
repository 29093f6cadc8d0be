/** The two real seed pages live outside the repo (../shared/seeds); tests read them from there. */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SEEDS_DIR = fileURLToPath(new URL('../../../shared/seeds/', import.meta.url));
export const SEED_WEDNESDAY = '000_4d40e8b288dbdb26';
export const SEED_THURSDAY = '003_259b5b7d5bf95f6a';

export function seedPath(name: string): string {
  return `${SEEDS_DIR}${name}.txt`;
}

export function readSeed(name: string): string {
  const p = seedPath(name);
  if (!existsSync(p)) throw new Error(`seed ${p} is missing: the seeds must be at ../shared/seeds/`);
  return readFileSync(p, 'utf8');
}
