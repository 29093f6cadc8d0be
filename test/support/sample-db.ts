/**
 * Builds the sample corpus (sample/ + seeds via sample/manifest.json) into a
 * fresh SQLite file under a tmp dir, once per test file.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadCorpus } from '../../src/pipeline/manifest.js';
import { processPaths, type RunResult } from '../../src/pipeline/run.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/store.js';

export const SAMPLE_DIR = resolve(import.meta.dirname, '../../sample');

export function tmpDir(prefix = 'khabar-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function buildSampleDb(dir = tmpDir()): Promise<{ path: string; store: Store; run: RunResult }> {
  const path = join(dir, 'khabar.db');
  const corpus = loadCorpus(SAMPLE_DIR);
  // the sample's tests are about the seeds too: never build it silently without them
  if (corpus.seedsFound !== 2)
    throw new Error(
      `the seeds are missing (${corpus.seedsFound} of 2 found): put them at ../shared/seeds/ or set KHABAR_SEEDS`,
    );
  const store = await openStore(path);
  const run = await processPaths(corpus.paths, {
    store,
    exclude: corpus.exclude,
    patch: corpus.patch,
    runsDir: join(dir, 'runs'),
  });
  return { path, store, run };
}
