/** Reads one of our real cleaning sets (test/fixtures/real/clean/<name>), failing the test on a bad line. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { parseJsonl } from '../fixtures/real/tools/validate.js';

const DIR = join(process.cwd(), 'test', 'fixtures', 'real', 'clean');

export function loadCleanSet(name: string): Record<string, unknown>[] {
  const errors: string[] = [];
  const file = join(DIR, name);
  const records = parseJsonl(readFileSync(file, 'utf8'), file, errors);
  expect(errors).toEqual([]);
  return records;
}
