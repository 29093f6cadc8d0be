/**
 * `khabar dedup`: the one JSONL reader → dedup (two passes, src/pipeline/stages/dedup.ts) → the one
 * JSONL writer, through runPipeline. Output: each input object, in input order, with `dup_group`,
 * `duplicate_of` and `similarity` added. A bad line is reported as `file:line: reason`, a refused
 * record as `file:line: rule: message`; the run goes on.
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import type { Article } from '../core/article.js';
import { khabarError } from '../core/errors.js';
import type { Progress, Rejection } from '../core/stage.js';
import { Stats, fmtInt } from '../core/stats.js';
import { DedupIndex, type DedupOptions } from '../dedup/index.js';
import { DEFAULT_WORKERS, SignPool, WORKER_MIN_DOCS } from '../dedup/workers.js';
import { closeOut, jsonlWriter, openOut } from './jsonl.js';
import { runPipeline } from './runner.js';
import { dedupAll } from './stages/dedup.js';
import { readStage } from './stages/read.js';
import { dedupSummary } from './summary.js';

/** Bytes a line takes on average, estimated from each file's first 256 KB, to choose workers. */
const SAMPLE_BYTES = 256 * 1024;

export interface DedupRunOptions {
  output?: string;
  /** Index parameters (ignored when `index` names a saved index: its own apply). */
  params: Partial<DedupOptions>;
  /** A saved index to load first (if it exists) and save back grown. */
  index?: string;
  /** Worker threads for signatures; default cores − 1 on large inputs. */
  workers?: number;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  progress?: Progress;
}

function estimateDocs(paths: string[]): number {
  let docs = 0;
  for (const p of paths) {
    const size = statSync(p).size;
    const fd = openSync(p, 'r');
    const buf = Buffer.alloc(Math.min(size, SAMPLE_BYTES));
    const n = readSync(fd, buf, 0, buf.length, 0);
    closeSync(fd);
    let lines = 0;
    for (let i = 0; i < n; i++) if (buf[i] === 10) lines++;
    docs += lines ? Math.round((size / n) * lines) : size > 0 ? 1 : 0;
  }
  return docs;
}

/** The input object with the three fields (re-)set at its end. */
function withGroup(a: Article): string {
  const o = { ...a.record!.object };
  delete o.dup_group;
  delete o.duplicate_of;
  delete o.similarity;
  return JSON.stringify({ ...o, dup_group: a.dupGroup, duplicate_of: a.duplicateOf ?? null, similarity: a.similarity });
}

export async function dedupPaths(paths: string[], opts: DedupRunOptions): Promise<Stats> {
  const t0 = performance.now();
  const stats = new Stats();
  for (const p of paths) if (!existsSync(p)) throw khabarError('KHB_FILE_UNREADABLE', p, 'no such file');
  const loaded = opts.index && existsSync(opts.index);
  const index = loaded ? DedupIndex.load(opts.index!) : new DedupIndex(opts.params);
  if (loaded)
    opts.stderr.write(
      `khabar: dedup: loaded index ${opts.index} (${fmtInt(index.size)} documents; its parameters apply)\n`,
    );
  const workers = opts.workers ?? (estimateDocs(paths) >= WORKER_MIN_DOCS ? DEFAULT_WORKERS : 0);
  const pool =
    workers > 0 ? new SignPool(workers, { shingles: index.opts.shingles, minhash: index.opts.minhash }) : null;
  const out = await openOut(opts.output, opts.stdout);
  // bad lines carry file:line in their message; a refused record is named by where it was read
  const report = ({ reason: r, article: a }: Rejection) =>
    opts.stderr.write(a ? `${a.record?.at ?? a.source}: ${r.rule}: ${r.message}\n` : `${r.message}\n`);
  try {
    await runPipeline(
      [
        readStage(paths, { format: 'jsonl', jsonl: { requireId: true, keepEmpty: true } }),
        dedupAll(index, { pool }),
        jsonlWriter(out, withGroup),
      ],
      { stats, rejects: report, progress: opts.progress },
    );
  } finally {
    await pool?.close();
  }
  await closeOut(out, opts.stdout);
  if (opts.index) {
    const bytes = index.save(opts.index);
    opts.stderr.write(
      `khabar: dedup: saved index ${opts.index} (${fmtInt(index.size)} documents, ${(bytes / 2 ** 20).toFixed(1)} MB)\n`,
    );
  }
  opts.stderr.write(dedupSummary(stats, index, (performance.now() - t0) / 1000, workers).join('\n') + '\n');
  return stats;
}
