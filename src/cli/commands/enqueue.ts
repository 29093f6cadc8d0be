/**
 * `khabar enqueue <path...> --db postgres://…`: splits the inputs into jobs for
 * `khabar worker` (src/scale/enqueue.ts). The same input enqueued again adds nothing.
 */
import { enqueue, JOB_LINES } from '../../scale/enqueue.js';
import { openScale } from '../../scale/open.js';
import { storeLabel } from '../../store/index.js';
import type { Register } from './index.js';

interface EnqueueFlags {
  db: string;
  format: string;
  jobLines: string;
}

export const registerEnqueue: Register = (program, io, setExit) => {
  program
    .command('enqueue')
    .description('split inputs into jobs for workers on any machine (PostgreSQL only)')
    .argument('<path...>', 'files or directories (absolute paths on a mount every worker sees)')
    .requiredOption('--db <url>', 'postgres:// URL')
    .option('--format <format>', 'auto | text | jsonl | html …', 'auto')
    .option('--job-lines <n>', 'lines of a JSONL file per job', String(JOB_LINES))
    .action(async (paths: string[], flags: EnqueueFlags) => {
      const store = await openScale(flags.db);
      try {
        const r = await enqueue(store.pool, paths, { format: flags.format, jobLines: Number(flags.jobLines) });
        io.stderr.write(
          r.batch === null
            ? `enqueue: nothing new (${r.known} jobs already queued) in ${storeLabel(flags.db)}\n`
            : `enqueue: batch ${r.batch}: ${r.jobs} jobs${r.known ? ` (${r.known} already queued)` : ''} in ${storeLabel(flags.db)}\n`,
        );
        setExit(0);
      } finally {
        await store.close();
      }
    });
};
