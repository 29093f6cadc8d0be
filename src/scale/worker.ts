/**
 * `khabar worker`: N job loops (observe and clean jobs, ./work.ts), a heartbeat that
 * renews this worker's leases, and a bid for the sequencer role (./sequencer.ts) on a
 * connection of its own: the first worker to take the advisory lock sequences, and when
 * it dies the lock goes with its connection and the next bidder takes over.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { Stats } from '../core/stats.js';
import type { PostgresStore } from '../store/postgres/index.js';
import { claim, fail, heartbeat, LEASE_SECONDS, reapExpired, type Job } from './jobs.js';
import { SEQUENCER_LOCK_NS } from './schema.js';
import { Sequencer } from './sequencer.js';
import { cleanJob, observeJob } from './work.js';

/** How often a worker renews its leases; a third of the lease, so two can be missed. */
export const heartbeatMs = (leaseSeconds: number) => (leaseSeconds * 1000) / 3;
/** How long an idle loop waits before asking for work again. */
export const IDLE_MS = 500;

export interface WorkerOptions {
  concurrency?: number;
  /** Stop once no job is pending or running and the sequencer has taken every cleaned document. */
  exitWhenIdle?: boolean;
  leaseSeconds?: number;
  /** Cluster window of the sequencer (CLUSTER_WINDOW; smaller only in tests). */
  windowSize?: number;
  /** Bid for the sequencer role (default true). */
  sequence?: boolean;
  log?: (line: string) => void;
  signal?: AbortSignal;
}

export interface WorkerReport {
  id: string;
  jobs: number;
  failed: number;
  sequenced: number;
  stats: Stats;
}

/** True when nothing is left to do anywhere: no job waiting or running, every document sequenced. */
async function allDone(pool: pg.Pool, jobsOnly = false): Promise<boolean> {
  const r = await pool.query<{ open: number; unsequenced: number }>(
    `SELECT (SELECT count(*)::int FROM scale_jobs WHERE state IN ('pending', 'running')) AS open,
       (SELECT count(*)::int FROM scale_jobs j JOIN scale_sequencer s ON s.id = 1
        WHERE (j.batch, j.ordinal) >= (s.batch, s.ordinal)) AS unsequenced`,
  );
  return r.rows[0].open === 0 && (jobsOnly || r.rows[0].unsequenced === 0);
}

export async function runWorker(store: PostgresStore, opts: WorkerOptions = {}): Promise<WorkerReport> {
  const pool = store.pool;
  const lease = opts.leaseSeconds ?? LEASE_SECONDS;
  const id = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const log = opts.log ?? (() => undefined);
  const stats = new Stats();
  const report: WorkerReport = { id, jobs: 0, failed: 0, sequenced: 0, stats };
  await pool.query(
    `INSERT INTO scale_workers (id, host, pid) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET seen_at = now()`,
    [id, hostname(), process.pid],
  );
  let stopping = false;
  const stop = () => (stopping = true);
  opts.signal?.addEventListener('abort', stop);
  // the heartbeat keeps a connection of its own: on a loaded server, opening one can take
  // longer than a lease, and a late heartbeat loses the jobs in hand
  const beatClient = await pool.connect();
  let beating = false;
  const beat = setInterval(() => {
    if (beating) return;
    beating = true;
    heartbeat(beatClient, id, lease)
      .catch((e: unknown) => log(`heartbeat failed: ${String(e)}`))
      .finally(() => (beating = false));
  }, heartbeatMs(lease));

  const runJob = async (job: Job) => {
    try {
      const ok = job.phase === 'observe' ? await observeJob(pool, job, id) : await cleanJob(pool, job, id, stats);
      if (ok) report.jobs++;
      else log(`job ${job.id} was taken over (lease lost); its work was discarded`);
    } catch (e) {
      const why = e instanceof Error ? `${(e as { code?: string }).code ?? e.name}: ${e.message}` : String(e);
      // if even this fails, the lease runs out and the job comes back all the same
      const state = await fail(pool, job, id, why).catch(() => 'pending' as const);
      if (state === 'failed') report.failed++;
      log(`job ${job.id} (${job.path}) ${state === 'failed' ? 'failed for good' : 'will be retried'}: ${why}`);
    }
  };

  const loop = async () => {
    while (!stopping) {
      let job: Job | null;
      try {
        await reapExpired(pool);
        job = await claim(pool, id, lease);
      } catch (e) {
        // the database is unreachable or overloaded for a moment: ask again (nothing is held)
        log(`asking for a job failed: ${String(e)}; retrying`);
        await sleep(IDLE_MS * 4);
        continue;
      }
      if (job) {
        await runJob(job);
        continue;
      }
      // a worker that never sequences is idle once no job is open
      if (opts.exitWhenIdle && (await allDone(pool, opts.sequence === false))) break;
      await sleep(IDLE_MS);
    }
  };

  const sequence = async () => {
    const c = await pool.connect();
    let holding = false;
    try {
      while (!stopping) {
        if (!holding) {
          const r = await c.query<{ ok: boolean }>(
            'SELECT pg_try_advisory_lock($1, hashtext(current_schema())) AS ok',
            [SEQUENCER_LOCK_NS],
          );
          holding = r.rows[0].ok;
          if (!holding) {
            if (opts.exitWhenIdle && (await allDone(pool))) break;
            await sleep(IDLE_MS * 4);
            continue;
          }
          await pool.query('UPDATE scale_sequencer SET holder = $1 WHERE id = 1', [id]);
          log(`sequencer: ${id} holds the role; replaying the windows sequenced so far`);
        }
        const seq = await Sequencer.open(store, { windowSize: opts.windowSize });
        while (!stopping) {
          const n = await seq.step();
          report.sequenced += n;
          if (n > 0) continue;
          if (opts.exitWhenIdle && (await allDone(pool))) {
            stopping = true;
            break;
          }
          await sleep(IDLE_MS);
        }
        for (const [k, v] of seq.stats.timings) stats.timings.set(`sequencer/${k}`, v);
        const ms = (k: string) => ((seq.stats.timings.get(k) ?? 0) / 1000).toFixed(1);
        log(`sequencer: ${report.sequenced} documents; decide ${ms('decide')} s, write ${ms('store')} s`);
      }
    } finally {
      if (holding)
        await c.query('SELECT pg_advisory_unlock($1, hashtext(current_schema()))', [SEQUENCER_LOCK_NS]).catch(() => 0);
      c.release();
    }
  };

  try {
    // concurrency 0: a sequencer and nothing else
    const loops = Array.from({ length: Math.max(0, opts.concurrency ?? 1) }, loop);
    await Promise.all([...loops, ...(opts.sequence === false ? [] : [sequence()])]);
  } finally {
    clearInterval(beat);
    beatClient.release();
    opts.signal?.removeEventListener('abort', stop);
  }
  return report;
}
