/**
 * The queue on the real PostgreSQL: enqueue cuts JSONL at line breaks (sources named as
 * `khabar process` names them) and adds nothing the second time; a job whose input
 * changed fails after MAX_ATTEMPTS with its reason and does not hold the others back;
 * a lease that runs out brings the job back.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueue, planJobs } from '../../src/scale/enqueue.js';
import { claim, MAX_ATTEMPTS, reapExpired } from '../../src/scale/jobs.js';
import { openScale } from '../../src/scale/open.js';
import { scaleStatus } from '../../src/scale/status.js';
import { jobItems } from '../../src/scale/work.js';
import { runWorker } from '../../src/scale/worker.js';
import { readDocuments } from '../../src/ingest/index.js';
import { dupCorpus, pgAdmin } from './helpers.js';

const pgt = pgAdmin();
const corpus = dupCorpus(40, 5);

beforeAll(() => pgt.check());
afterAll(async () => {
  await pgt.end();
  rmSync(corpus.dir, { recursive: true, force: true });
});

const sources = async (items: AsyncIterable<{ ok: boolean; source?: string; article?: { source: string } }>) => {
  const out: string[] = [];
  for await (const i of items) out.push(i.article?.source ?? i.source ?? '');
  return out;
};

describe('khabar enqueue', () => {
  it('should cut JSONL into jobs whose documents are exactly those khabar process reads', async () => {
    // \r\n, a lone \r, blank lines and a malformed line: all numbered as node:readline numbers them
    const f = join(corpus.dir, 'mixed.jsonl');
    const lines = readFileSync(corpus.files[0], 'utf8').trim().split('\n').slice(0, 9);
    writeFileSync(
      f,
      [lines[0], lines[1], '', lines[2] + '\r', lines[3], '{broken', lines[4] + '\r' + lines[5], '  ', lines[6]].join(
        '\n',
      ) + '\n',
    );
    const whole = await sources(readDocuments([f]));
    for (const n of [1, 2, 3, 50]) {
      const parts: string[] = [];
      for await (const j of planJobs([f], { jobLines: n }))
        parts.push(
          ...(await sources(
            jobItems({ ...j, id: '0', batch: 0, ordinal: 0, phase: 'clean', attempts: 1, format: 'auto' }),
          )),
        );
      expect(parts).toEqual(whole);
    }
    expect(whole).toHaveLength(8);
    expect(whole[4]).toBe(`${f}:6`);
    expect(whole.at(-1)).toBe(`${f}:10`);
  });

  it('should add nothing when the same input is enqueued again', async () => {
    const store = await openScale(pgt.newDb());
    try {
      const first = await enqueue(store.pool, corpus.files, { jobLines: 10 });
      expect(first).toEqual({ batch: expect.any(Number), jobs: 4, known: 0 });
      expect(await enqueue(store.pool, corpus.files, { jobLines: 10 })).toEqual({ batch: null, jobs: 0, known: 4 });
      const n = await store.pool.query('SELECT count(*)::int AS n FROM scale_batches');
      expect(n.rows[0].n).toBe(1);
    } finally {
      await store.close();
    }
  });
});

describe('khabar worker: failures', () => {
  it('should fail a job whose input changed after MAX_ATTEMPTS, with the reason, and finish every other job', async () => {
    const f = join(corpus.dir, 'poison.jsonl');
    writeFileSync(f, readFileSync(corpus.files[0]));
    const store = await openScale(pgt.newDb());
    try {
      await enqueue(store.pool, [f], { jobLines: 10 });
      // the second job's bytes change under the queue (one digit of an id, same length)
      const text = readFileSync(f, 'utf8');
      writeFileSync(f, text.replace('"id":"d15"', '"id":"d95"'));
      const r = await runWorker(store, { exitWhenIdle: true, leaseSeconds: 5, windowSize: 5000 });
      expect(r.failed).toBe(1);
      const s = await scaleStatus(store.pool);
      expect(s.jobs).toMatchObject({ done: 3, failed: 1, pending: 0, running: 0, retried: 1 });
      expect(s.failures).toHaveLength(1);
      expect(s.failures[0].attempts).toBe(MAX_ATTEMPTS);
      expect(s.failures[0].error).toMatch(/KHB_BAD_INPUT: .*changed since they were enqueued/);
      // the other 30 documents went through the sequencer; the failed job's 10 are counted, not lost
      const outcomes = Object.entries(s.documents).filter(([k]) => k !== 'in_failed_jobs');
      expect(outcomes.reduce((n, [, v]) => n + v, 0)).toBe(30);
      expect(s.documents.in_failed_jobs).toBe(10);
      expect(s.documents.cleaned).toBeUndefined();
    } finally {
      await store.close();
    }
  });

  it('should give a job back when its lease runs out, counting the attempt', async () => {
    const store = await openScale(pgt.newDb());
    try {
      await enqueue(store.pool, [corpus.files[0]], { jobLines: 40 });
      const job = await claim(store.pool, 'ghost', 1);
      expect(job?.attempts).toBe(1);
      expect(await claim(store.pool, 'other', 1)).toBeNull();
      await new Promise((r) => setTimeout(r, 1500));
      expect(await reapExpired(store.pool)).toBe(1);
      const again = await claim(store.pool, 'other', 60);
      expect(again).toMatchObject({ id: job!.id, attempts: 2 });
      const row = await store.pool.query('SELECT retries, last_error FROM scale_jobs WHERE id = $1', [job!.id]);
      expect(row.rows[0].retries).toBe(1);
      expect(row.rows[0].last_error).toMatch(/lease expired: worker ghost/);
    } finally {
      await store.close();
    }
  });
});
