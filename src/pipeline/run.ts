/**
 * `khabar process`: a corpus through the pipeline (src/pipeline/pipeline.ts) in two passes over
 * the inputs: pass 1 counts documents and site lines, pass 2 runs every document through the
 * stages. Progress goes to a TTY stderr; the run is recorded in the store and runs/<id>/stats.json.
 */
import type { Article } from '../core/article.js';
import { Stats } from '../core/stats.js';
import type { ReadOptions } from '../ingest/index.js';
import type { Store } from '../store/store.js';
import type { Gazetteer } from '../stories/gazetteer/index.js';
import { lockWriter, type LockOptions } from './lock.js';
import { itemsStage, Pipeline, type Outcome } from './pipeline.js';
import { readStage } from './stages/read.js';
import { summaryLines, tally, writeRunStats } from './summary.js';

export interface RunOptions extends ReadOptions {
  store: Store;
  gazetteer?: Gazetteer;
  /** A progress bar (src/cli/progress.ts draws one on a TTY stderr). */
  progress?: { start(total: number): void; tick(n?: number): void; stop(): void };
  /** Directory for runs/<id>/stats.json; null to skip. */
  runsDir?: string | null;
  dbLabel?: string;
  /** Sets fields an input cannot carry (src/pipeline/manifest.ts), before cleaning. */
  patch?: (a: Article) => void;
  /** Called for every input with its outcome (tests, --verbose). */
  onOutcome?: (o: Outcome) => void;
  /** Waiting for another writer's lock on the database (lock.ts): by default for ever. */
  lock?: LockOptions;
  /** The documents of `paths`, cleaned already (`khabar crawl --db`: the crawler cleaned each page
   *  as it saved it): they go through the stages from here, and are not cleaned again. */
  cleaned?: Article[];
  /** Worker threads to clean in (default one per core but one; 0 cleans on the main thread). */
  cleanWorkers?: number;
  /** Writes on the store's write thread (PipelineOptions.writeThread; default from the first full window). */
  writeThread?: boolean;
}

export interface RunResult {
  runId: string;
  seconds: number;
  outcomes: Record<Outcome['status'], number>;
  stats: Stats;
  summary: string[];
  statsFile: string | null;
}

export async function processPaths(paths: string[], opts: RunOptions): Promise<RunResult> {
  const t0 = performance.now();
  const startedAt = new Date().toISOString();
  const stats = new Stats();
  // one writer at a time: the state loaded here is written back whole (lock.ts)
  const lock = await lockWriter(opts.store, `khabar process ${paths.join(' ')}`.slice(0, 200), {
    label: opts.dbLabel,
    ...opts.lock,
  });
  try {
    return await run(paths, opts, stats, t0, startedAt);
  } finally {
    await lock.release(true);
  }
}

async function run(paths: string[], opts: RunOptions, stats: Stats, t0: number, startedAt: string): Promise<RunResult> {
  const pipeline = await Pipeline.open(opts.store, {
    stats,
    gazetteer: opts.gazetteer,
    cleanWorkers: opts.cleanWorkers,
    writeThread: opts.writeThread,
  });
  const counts = { stored: 0, duplicate: 0, rejected: 0, unchanged: 0, error: 0 };
  // pass 1 (the cleaner's site lines) and pass 2 (every document through the stages): runPipeline
  const source = opts.cleaned
    ? itemsStage(opts.cleaned.map((article) => ({ ok: true as const, article })))
    : readStage(paths, { format: opts.format, exclude: opts.exclude, patch: opts.patch });
  await pipeline.run(source, {
    firstPass: !opts.cleaned,
    cleaned: !!opts.cleaned,
    progress: opts.progress,
    onOutcome: (o) => {
      counts[o.status]++;
      opts.onOutcome?.(o);
    },
  });
  await pipeline.finish();
  const seconds = (performance.now() - t0) / 1000;
  await opts.store.recordRun({
    id: pipeline.runId,
    startedAt,
    finishedAt: new Date().toISOString(),
    inputs: paths,
    stats: { ...stats.toJSON(), outcomes: counts },
  });
  const statsFile =
    opts.runsDir === null
      ? null
      : await writeRunStats(opts.runsDir ?? 'runs', pipeline.runId, {
          inputs: paths,
          db: opts.dbLabel ?? '',
          seconds,
          stats,
          outcomes: counts,
        });
  return { runId: pipeline.runId, seconds, outcomes: counts, stats, summary: summaryLines(stats, seconds), statsFile };
}

export { tally };
