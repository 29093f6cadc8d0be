/**
 * The queue on plain PostgreSQL: a worker claims the first ready job with
 * `SELECT … FOR UPDATE SKIP LOCKED` (two workers never wait on, nor take, the same
 * row), holds it under a lease it renews with its heartbeat, and commits the job's
 * results and its new state in one transaction guarded by (id, worker, attempts): a
 * worker whose lease ran out and whose job went to another can no longer commit it.
 *
 * A job whose lease runs out (its worker was killed or hung) goes back to pending and
 * counts as an attempt; after MAX_ATTEMPTS it fails with the reason kept, as does a job
 * that threw MAX_ATTEMPTS times, so no job can block the queue.
 */
import type pg from 'pg';

/** Attempts before a job fails for good: three runs that all crashed or threw are not bad luck. */
export const MAX_ATTEMPTS = 3;
/** A lease outlives two missed heartbeats; a killed worker's job is back within a minute. */
export const LEASE_SECONDS = 60;

export interface Job {
  id: string;
  batch: number;
  ordinal: number;
  path: string;
  kind: 'file' | 'lines';
  startByte: number | null;
  endByte: number | null;
  firstLine: number | null;
  docs: number | null;
  key: string;
  phase: 'observe' | 'clean';
  attempts: number;
  format: string;
}

type JobRow = {
  id: string;
  batch: number;
  ordinal: number;
  path: string;
  kind: 'file' | 'lines';
  start_byte: string | null;
  end_byte: string | null;
  first_line: number | null;
  docs: number | null;
  key: string;
  phase: 'observe' | 'clean';
  attempts: number;
  format: string;
};

const num = (v: string | null) => (v === null ? null : Number(v));

/**
 * Jobs whose lease ran out: back to pending (an attempt was spent), or failed once they
 * have had MAX_ATTEMPTS. A failed observe job no longer holds its batch's cleaning back.
 */
export async function reapExpired(pool: pg.Pool): Promise<number> {
  const r = await pool.query<{ n: number }>(
    `WITH r AS (
       UPDATE scale_jobs SET
         state = CASE WHEN attempts >= $1 THEN 'failed' ELSE 'pending' END,
         retries = retries + 1, worker = NULL, lease_until = NULL, updated_at = now(),
         last_error = 'lease expired: worker ' || coalesce(worker, '?') || ' was killed or stopped answering'
       WHERE state = 'running' AND lease_until < now()
       RETURNING batch, phase, state),
     b AS (
       UPDATE scale_batches b SET observing = observing - x.n
       FROM (SELECT batch, count(*)::int AS n FROM r WHERE phase = 'observe' AND state = 'failed' GROUP BY batch) x
       WHERE b.id = x.batch)
     SELECT count(*)::int AS n FROM r`,
    [MAX_ATTEMPTS],
  );
  return r.rows[0]?.n ?? 0;
}

/** Takes the first ready job (observe jobs, then clean jobs of batches whose counts are complete). */
export async function claim(pool: pg.Pool, worker: string, leaseSeconds = LEASE_SECONDS): Promise<Job | null> {
  const r = await pool.query<JobRow>(
    `UPDATE scale_jobs j SET state = 'running', worker = $1, attempts = attempts + 1,
       lease_until = now() + make_interval(secs => $2), updated_at = now()
     FROM scale_batches b
     WHERE b.id = j.batch AND j.id = (
       SELECT q.id FROM scale_jobs q JOIN scale_batches qb ON qb.id = q.batch
       WHERE q.state = 'pending' AND (q.phase = 'observe' OR qb.observing = 0)
       ORDER BY q.phase = 'clean', q.batch, q.ordinal
       LIMIT 1 FOR UPDATE OF q SKIP LOCKED)
     RETURNING j.id, j.batch, j.ordinal, j.path, j.kind, j.start_byte, j.end_byte, j.first_line, j.docs, j.key,
       j.phase, j.attempts, b.format`,
    [worker, leaseSeconds],
  );
  const j = r.rows[0];
  if (!j) return null;
  return {
    id: String(j.id),
    batch: j.batch,
    ordinal: j.ordinal,
    path: j.path,
    kind: j.kind,
    startByte: num(j.start_byte),
    endByte: num(j.end_byte),
    firstLine: j.first_line,
    docs: j.docs,
    key: j.key,
    phase: j.phase,
    attempts: j.attempts,
    format: j.format,
  };
}

/** Renews the leases of this worker's running jobs, and says it is alive. */
export async function heartbeat(
  pool: pg.Pool | pg.PoolClient,
  worker: string,
  leaseSeconds = LEASE_SECONDS,
): Promise<void> {
  await pool.query(
    `UPDATE scale_jobs SET lease_until = now() + make_interval(secs => $2)
     WHERE worker = $1 AND state = 'running'`,
    [worker, leaseSeconds],
  );
  await pool.query('UPDATE scale_workers SET seen_at = now() WHERE id = $1', [worker]);
}

/**
 * Inside the caller's transaction: locks the job if it is still this worker's attempt.
 * False when the lease was lost (the caller rolls back: another worker has the job).
 */
export async function stillMine(c: pg.PoolClient, job: Job, worker: string): Promise<boolean> {
  const r = await c.query(
    `SELECT 1 FROM scale_jobs WHERE id = $1 AND worker = $2 AND attempts = $3 AND state = 'running' FOR UPDATE`,
    [job.id, worker, job.attempts],
  );
  return r.rowCount === 1;
}

/** Inside the caller's transaction: observe done → the job waits to be cleaned; clean done → done. */
export async function complete(c: pg.PoolClient, job: Job, worker: string): Promise<void> {
  if (job.phase === 'observe') {
    await c.query(
      `UPDATE scale_jobs SET phase = 'clean', state = 'pending', attempts = 0, worker = NULL, lease_until = NULL,
         updated_at = now() WHERE id = $1`,
      [job.id],
    );
    await c.query('UPDATE scale_batches SET observing = observing - 1 WHERE id = $1', [job.batch]);
  } else {
    await c.query(
      `UPDATE scale_jobs SET state = 'done', worker = NULL, lease_until = NULL, updated_at = now() WHERE id = $1`,
      [job.id],
    );
  }
  await c.query('UPDATE scale_workers SET jobs_done = jobs_done + 1, seen_at = now() WHERE id = $1', [worker]);
}

/** A job that threw: retried, or failed for good after MAX_ATTEMPTS, with the reason kept. */
export async function fail(pool: pg.Pool, job: Job, worker: string, why: string): Promise<'pending' | 'failed'> {
  const r = await pool.query<{ state: 'pending' | 'failed' }>(
    `WITH r AS (
       UPDATE scale_jobs SET state = CASE WHEN attempts >= $4 THEN 'failed' ELSE 'pending' END,
         retries = retries + CASE WHEN attempts >= $4 THEN 0 ELSE 1 END,
         worker = NULL, lease_until = NULL, last_error = $5, updated_at = now()
       WHERE id = $1 AND worker = $2 AND attempts = $3 AND state = 'running' RETURNING batch, state, phase),
     b AS (
       UPDATE scale_batches b SET observing = observing - 1 FROM r
       WHERE b.id = r.batch AND r.phase = 'observe' AND r.state = 'failed')
     SELECT state FROM r`,
    [job.id, worker, job.attempts, MAX_ATTEMPTS, why.slice(0, 2000)],
  );
  return r.rows[0]?.state ?? 'pending';
}

/** One transaction on one connection; rolled back when `fn` throws. */
export async function inTransaction<T>(pool: pg.Pool, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const out = await fn(c);
    await c.query('COMMIT');
    return out;
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
}
