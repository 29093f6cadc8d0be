/**
 * The scale-out promise, scaled down for `npm test`: 2 000 documents of `gen:dups` in two
 * batches, three `khabar worker` processes on the real PostgreSQL; a cleaner killed with
 * SIGKILL inside a job, then the sequencer's worker killed once the first batch is
 * sequenced, a new worker started after each. Then,
 * against `khabar process` of the same two files into SQLite, both exported:
 * every document accounted for, the same duplicate groups (pairwise agreement 1.0) and
 * event B-cubed ≥ 0.98. (The 20 000-document run is `npm run bench -- scaleout`.)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { memoryIO } from '../../src/cli/io.js';
import { compareExports } from '../../src/scale/compare.js';
import type { ExportRecord } from '../../src/scale/export.js';
import { openScale } from '../../src/scale/open.js';
import { scaleStatus } from '../../src/scale/status.js';
import { dupCorpus, pgAdmin } from './helpers.js';

const CLI = join(import.meta.dirname, '../../dist/cli/main.js');
const DOCS = 2000;
/** Floors of the issue: identical duplicate groups, events within 2 %. */
const DUP_PAIRWISE = 1;
const EVENT_BCUBED = 0.98;

const pgt = pgAdmin();
const corpus = dupCorpus(DOCS, 7, DOCS / 2);
const db = pgt.newDb();
const children = new Set<ChildProcess>();

async function run(argv: string[]): Promise<void> {
  const io = memoryIO();
  const code = await main(argv, io);
  expect(code, io.err()).toBe(0);
}

function startWorker(): { child: ChildProcess; done: Promise<number | null> } {
  const child = spawn(process.execPath, [CLI, 'worker', '--db', db, '--exit-when-idle', '--lease', '10'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.add(child);
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const done = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      children.delete(child);
      if (code !== 0 && code !== null) process.stderr.write(err);
      resolve(code);
    }),
  );
  return { child, done };
}

const readJsonl = (p: string) =>
  readFileSync(p, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as ExportRecord);

beforeAll(async () => {
  await pgt.check();
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build (npm test does)`);
});

afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  await pgt.end();
  rmSync(corpus.dir, { recursive: true, force: true });
});

describe('scale-out: three workers, two killed with SIGKILL and restarted, against khabar process', () => {
  it('should account for every document and give the single process its answers', { timeout: 600_000 }, async () => {
    const sqlite = join(corpus.dir, 'one.db');
    const runs = join(corpus.dir, 'runs');
    for (const f of corpus.files) await run(['process', f, '--db', sqlite, '--runs', runs]);

    for (const f of corpus.files) await run(['enqueue', f, '--db', db, '--job-lines', '100']);
    const store = await openScale(db);
    try {
      const workers = [startWorker(), startWorker(), startWorker()];
      const pidOf = (worker: string) => Number(worker.split(':').at(-2));
      const kill = async (pid: number) => {
        const w = workers.find((x) => x.child.pid === pid)!;
        w.child.kill('SIGKILL');
        expect(await w.done).toBeNull();
        workers.splice(workers.indexOf(w), 1, startWorker());
      };
      const poll = async (f: () => Promise<number | null>, what: string): Promise<number> => {
        for (let t = 0; t < 4000; t++) {
          const v = await f();
          if (v !== null) return v;
          await new Promise((r) => setTimeout(r, 50));
        }
        throw new Error(`never: ${what}`);
      };
      // 1. a cleaner killed inside a job, once a few jobs are done: its job comes back when the lease runs out
      const cleaner = await poll(async () => {
        const s = await scaleStatus(store.pool);
        if (s.jobs.done < 3) return null;
        const r = await store.pool.query<{ worker: string }>(
          `SELECT worker FROM scale_jobs WHERE state = 'running' AND phase = 'clean' AND worker IS DISTINCT FROM $1 LIMIT 1`,
          [s.sequencer.holder],
        );
        return r.rows[0] ? pidOf(r.rows[0].worker) : null;
      }, 'a cleaner inside a job');
      await kill(cleaner);
      // 2. the sequencer's worker killed once the first batch is written, before the second: another worker
      //    takes the role and replays the first window from the tables
      const holder = await poll(async () => {
        const s = await scaleStatus(store.pool);
        return s.sequencer.windows >= 1 && s.sequencer.holder ? pidOf(s.sequencer.holder) : null;
      }, 'the first batch sequenced');
      expect((await scaleStatus(store.pool)).sequencer.windows, 'killed after the work was done').toBe(1);
      await kill(holder);
      const codes = await Promise.all(workers.map((w) => w.done));
      expect(codes).toEqual([0, 0, 0]);

      const s = await scaleStatus(store.pool);
      expect(s.jobs).toMatchObject({ pending: 0, running: 0, failed: 0, done: 20 });
      expect(s.jobs.retried).toBeGreaterThanOrEqual(1);
      expect(s.sequencer.holder).not.toContain(`:${holder}:`);
      // every input document has exactly one outcome
      expect(s.documents.cleaned).toBeUndefined();
      expect(Object.values(s.documents).reduce((a, b) => a + b, 0)).toBe(DOCS);
    } finally {
      await store.close();
    }

    const a = join(corpus.dir, 'scale.jsonl');
    const b = join(corpus.dir, 'single.jsonl');
    await run(['export', '--db', db, '-o', a]);
    await run(['export', '--db', sqlite, '-o', b]);
    const c = compareExports(readJsonl(a), readJsonl(b));
    expect(c.articles).toEqual({ a: DOCS, b: DOCS, both: DOCS });
    expect(c.statusDiffers).toBe(0);
    expect(c.dupPairwise).toBe(DUP_PAIRWISE);
    expect(c.eventBcubed.f1).toBeGreaterThanOrEqual(EVENT_BCUBED);
  });
});
