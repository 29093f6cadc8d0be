/**
 * The bad-input corpus (issue 15): every hostile file ends in a reason (an error code or a
 * rule, the one named in corpus.ts), within 10 s and 400 MB, each in its own process running
 * the compiled pipeline (dist/, which `npm test` builds first).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { BAD_CASES } from './corpus.js';

const run = promisify(execFile);
/** The budget for one hostile file. */
const MAX_MS = 10_000;
const MAX_RSS_MB = 400;

interface Result {
  outcomes: { status: string; detail?: string; message?: string }[];
  ms: number;
  maxRssMB: number;
}

/** Two files at a time: each runs in its own process, most of it starting node and loading dist/. */
const PARALLEL = 2;
let running = 0;
const waiting: (() => void)[] = [];
async function slot<T>(fn: () => Promise<T>): Promise<T> {
  while (running >= PARALLEL) await new Promise<void>((r) => waiting.push(r));
  running++;
  try {
    return await fn();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

describe.concurrent('bad-input corpus', () => {
  const dir = mkdtempSync(join(tmpdir(), 'khabar-bad-'));
  beforeAll(() => {
    for (const c of BAD_CASES) c.write(join(dir, c.file));
  });

  it('should hold at least 30 hostile files', () => {
    expect(BAD_CASES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(BAD_CASES.map((c) => c.file)).size).toBe(BAD_CASES.length);
  });

  for (const c of BAD_CASES)
    it(`should turn away ${c.file} (${c.why}) with ${c.expect}, within ${MAX_MS / 1000} s and ${MAX_RSS_MB} MB`, async () => {
      const script = join(import.meta.dirname, 'run-one.mjs');
      const { stdout } = await slot(() =>
        run(process.execPath, [script, join(dir, c.file), join(dir, `${c.file}.db`)], {
          timeout: 4 * MAX_MS, // a hang fails here with its own message rather than the suite's timeout
          maxBuffer: 16 * 2 ** 20,
        }),
      );
      const r = JSON.parse(stdout) as Result;
      expect(r.outcomes.length, 'one outcome at least').toBeGreaterThan(0);
      for (const o of r.outcomes) {
        expect(['error', 'rejected'], JSON.stringify(o).slice(0, 300)).toContain(o.status);
        expect(o.detail, o.message).toBe(c.expect);
      }
      expect(r.ms).toBeLessThan(MAX_MS);
      expect(r.maxRssMB).toBeLessThan(MAX_RSS_MB);
    });
});
