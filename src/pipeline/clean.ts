/**
 * `khabar clean`: readers → clean → JSONL writer, through runPipeline. Rejected documents and
 * unreadable inputs are reported on stderr and, with `rejects`, written as JSONL
 * {source, line, rule, message}.
 */
import { cleanRecord } from '../clean/index.js';
import type { Progress, Rejection } from '../core/stage.js';
import { Stats } from '../core/stats.js';
import { closeOut, jsonlWriter, openOut } from './jsonl.js';
import { runPipeline } from './runner.js';
import { cleanStage } from './stages/clean.js';
import { readStage } from './stages/read.js';
import { cleanSummary } from './summary.js';

export interface CleanRunOptions {
  output?: string;
  format?: string;
  rejects?: string;
  keepNonArabic?: boolean;
  siteLines?: boolean;
  /** Worker threads to clean in (default one per core but one; 0 cleans on the main thread). */
  workers?: number;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  progress?: Progress;
}

export async function cleanPaths(paths: string[], opts: CleanRunOptions): Promise<Stats> {
  const stats = new Stats();
  const t0 = performance.now();
  const out = await openOut(opts.output, opts.stdout);
  const rejects = opts.rejects ? await openOut(opts.rejects, opts.stdout) : null;
  // catalogue messages already name the file (and line); article rejects get their source prefixed
  const reject = ({ source, line, reason: { rule, message } }: Rejection) => {
    const where = message.includes(source) ? '' : `${source}: `;
    opts.stderr.write(`khabar: rejected: ${rule}: ${where}${message}\n`);
    rejects?.write(JSON.stringify({ source, line: line ?? null, rule, message }) + '\n');
  };
  await runPipeline(
    [
      readStage(paths, {
        format: opts.format,
        exclude: [opts.output, opts.rejects].filter((p): p is string => !!p),
      }),
      cleanStage({ keepNonArabic: opts.keepNonArabic, siteLines: opts.siteLines, workers: opts.workers }),
      jsonlWriter(out, (a) => JSON.stringify(cleanRecord(a))),
    ],
    { stats, rejects: reject, progress: opts.progress },
  );
  await closeOut(out, opts.stdout);
  if (rejects) await closeOut(rejects, opts.stdout);
  opts.stderr.write(cleanSummary(stats, (performance.now() - t0) / 1000).join('\n') + '\n');
  return stats;
}
