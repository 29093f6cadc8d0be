/**
 * `khabar worker --db postgres://… [--concurrency N] [--exit-when-idle]`: cleans and
 * signs jobs, and sequences when it holds the role (src/scale/worker.ts). Run one per
 * machine (or per core); SIGINT/SIGTERM finish the jobs in hand, then stop.
 */
import { LEASE_SECONDS } from '../../scale/jobs.js';
import { openScale } from '../../scale/open.js';
import { runWorker } from '../../scale/worker.js';
import { CLUSTER_WINDOW } from '../../pipeline/pipeline.js';
import type { Register } from './index.js';

interface WorkerFlags {
  db: string;
  concurrency: string;
  exitWhenIdle?: boolean;
  lease: string;
  window: string;
  sequencer: boolean;
}

export const registerWorker: Register = (program, io, setExit) => {
  program
    .command('worker')
    .description('take jobs from the queue in PostgreSQL: clean, sign, and sequence dedup and events')
    .requiredOption('--db <url>', 'postgres:// URL')
    .option('--concurrency <n>', 'jobs at once in this process (0: only sequence)', '1')
    .option('--exit-when-idle', 'stop when every job is done and every document sequenced')
    .option('--lease <seconds>', 'how long a job stays taken without a heartbeat', String(LEASE_SECONDS))
    .option('--window <n>', 'articles per dedup/cluster window (as khabar process)', String(CLUSTER_WINDOW))
    .option('--no-sequencer', 'never take the sequencer role')
    .action(async (flags: WorkerFlags) => {
      const store = await openScale(flags.db);
      const ctl = new AbortController();
      const onSignal = () => ctl.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      try {
        const r = await runWorker(store, {
          concurrency: Number(flags.concurrency),
          exitWhenIdle: flags.exitWhenIdle ?? false,
          leaseSeconds: Number(flags.lease),
          windowSize: Number(flags.window),
          sequence: flags.sequencer,
          signal: ctl.signal,
          log: (line) => io.stderr.write(`worker: ${line}\n`),
        });
        io.stderr.write(
          `worker ${r.id}: ${r.jobs} jobs done, ${r.failed} failed, ${r.sequenced} documents sequenced\n`,
        );
        setExit(0);
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        await store.close();
      }
    });
};
