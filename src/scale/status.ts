/**
 * `khabar status`: the queue and the documents at a glance, from the tables alone
 * (any machine that reaches the database can watch).
 */
import type pg from 'pg';

export interface ScaleStatus {
  jobs: { pending: number; running: number; done: number; failed: number; retried: number; observing: number };
  /** Documents by outcome; `cleaned` waits for the sequencer; `in_failed_jobs` were never read. */
  documents: Record<string, number>;
  workers: { id: string; host: string; seenSecondsAgo: number; jobsDone: number }[];
  sequencer: { holder: string | null; batch: number; ordinal: number; idx: number; windows: number };
  failures: { job: string; path: string; attempts: number; error: string | null }[];
}

/** A worker is listed when it was seen in the last minute. */
export const WORKER_SEEN_SECONDS = 60;

export async function scaleStatus(pool: pg.Pool): Promise<ScaleStatus> {
  const j = (
    await pool.query<Record<string, number>>(
      `SELECT count(*) FILTER (WHERE state = 'pending')::int AS pending,
         count(*) FILTER (WHERE state = 'running')::int AS running,
         count(*) FILTER (WHERE state = 'done')::int AS done,
         count(*) FILTER (WHERE state = 'failed')::int AS failed,
         count(*) FILTER (WHERE retries > 0)::int AS retried,
         count(*) FILTER (WHERE phase = 'observe' AND state <> 'failed')::int AS observing
       FROM scale_jobs`,
    )
  ).rows[0];
  const documents: Record<string, number> = {};
  for (const r of (
    await pool.query<{ outcome: string | null; n: number }>(
      'SELECT outcome, count(*)::int AS n FROM scale_docs GROUP BY outcome ORDER BY outcome',
    )
  ).rows)
    documents[r.outcome ?? 'cleaned'] = r.n;
  const lost = await pool.query<{ n: number | null }>(
    `SELECT sum(docs)::int AS n FROM scale_jobs WHERE state = 'failed'`,
  );
  if (lost.rows[0].n) documents.in_failed_jobs = lost.rows[0].n;
  const workers = (
    await pool.query<{ id: string; host: string; ago: number; jobs_done: number }>(
      `SELECT id, host, extract(epoch FROM now() - seen_at)::float AS ago, jobs_done FROM scale_workers
       WHERE seen_at > now() - make_interval(secs => $1) ORDER BY id`,
      [WORKER_SEEN_SECONDS],
    )
  ).rows.map((w) => ({ id: w.id, host: w.host, seenSecondsAgo: Math.round(w.ago), jobsDone: w.jobs_done }));
  const s = (
    await pool.query<ScaleStatus['sequencer']>(
      'SELECT holder, batch, ordinal, idx, windows FROM scale_sequencer WHERE id = 1',
    )
  ).rows[0];
  const failures = (
    await pool.query<{ id: string; path: string; attempts: number; last_error: string | null }>(
      `SELECT id, path, attempts, last_error FROM scale_jobs WHERE state = 'failed' ORDER BY batch, ordinal LIMIT 20`,
    )
  ).rows.map((f) => ({ job: String(f.id), path: f.path, attempts: f.attempts, error: f.last_error }));
  return {
    jobs: {
      pending: j.pending,
      running: j.running,
      done: j.done,
      failed: j.failed,
      retried: j.retried,
      observing: j.observing,
    },
    documents,
    workers,
    sequencer: s,
    failures,
  };
}

export function statusLines(s: ScaleStatus): string[] {
  const kv = (o: Record<string, number>) =>
    Object.entries(o)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
  return [
    `jobs: ${kv(s.jobs)}`,
    `documents: ${kv(s.documents) || 'none yet'}`,
    `sequencer: ${s.sequencer.holder ?? 'none yet'} at batch ${s.sequencer.batch} job ${s.sequencer.ordinal} doc ${s.sequencer.idx}, ${s.sequencer.windows} windows`,
    `workers seen in the last minute: ${s.workers.length}`,
    ...s.workers.map((w) => `  ${w.id}  ${w.host}  ${w.seenSecondsAgo}s ago  ${w.jobsDone} jobs`),
    ...s.failures.map((f) => `failed job ${f.job} ${f.path} after ${f.attempts} attempts: ${f.error}`),
  ];
}
