/**
 * Golden files: `expectGolden(path, value)` compares `value` with the JSON stored
 * at `path`; `UPDATE_GOLDENS=1 npm test` rewrites them instead.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { expect } from 'vitest';

export function expectGolden(path: string, value: unknown): void {
  const json = JSON.stringify(value, null, 2) + '\n';
  if (process.env.UPDATE_GOLDENS === '1' || !existsSync(path)) {
    if (!process.env.UPDATE_GOLDENS && process.env.CI)
      throw new Error(`golden ${path} is missing (run UPDATE_GOLDENS=1 npm test)`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, json);
    if (process.env.UPDATE_GOLDENS !== '1')
      throw new Error(`golden ${path} was missing and has been written; review and commit it`);
    return;
  }
  expect(JSON.parse(json)).toEqual(JSON.parse(readFileSync(path, 'utf8')));
}
