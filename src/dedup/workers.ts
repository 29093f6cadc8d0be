/**
 * A worker_threads pool for signatures: shingling and MinHash are the CPU work
 * of dedup; the main thread keeps reading, parsing, LSH and union-find, which
 * must run in document order anyway (see DEFAULT_WORKERS for the measurements).
 *
 * The worker file is sign-worker.js next to this file when running compiled
 * dist/ JS, and sign-worker.ts run through tsx's loader when this file is itself
 * TypeScript (tsx, vitest): `import.meta.url` tells which.
 */
import { startSiblingWorker } from '../core/worker.js';
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { DEFAULT_SIGN, concatBatches, signTexts, type SignBatch, type SignParams } from './sign.js';
import type { SignRequest } from './sign-worker.js';

/** Below this many texts a batch is signed on the calling thread: posting costs more than it saves. */
export const WORKER_MIN_BATCH = 256;
/**
 * Workers by default: one per core but one, since the main thread is busy too (reading,
 * JSON, LSH). Measured at 100 000 docs on this 2-core machine (`khabar dedup --workers n`):
 * 0 → 10 500 docs/s, 1 → 10 000, 2 → 9 000: the main thread, not signing, bounds the CLI.
 */
export const DEFAULT_WORKERS = Math.max(1, availableParallelism() - 1);
/** Inputs with fewer documents than this never start a pool (startup ~50 ms a worker under tsx). */
export const WORKER_MIN_DOCS = 5000;

type Reply = { job: number; batch?: SignBatch; error?: string };

const startWorker = (): Worker => startSiblingWorker(import.meta.url, 'sign-worker');

export class SignPool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, { resolve: (b: SignBatch) => void; reject: (e: Error) => void }>();
  private job = 0;
  private closing = false;
  private next = 0;

  constructor(
    readonly size = DEFAULT_WORKERS,
    readonly params: SignParams = DEFAULT_SIGN,
  ) {
    for (let i = 0; i < size; i++) {
      const w = startWorker();
      w.on('message', (m: Reply) => {
        const p = this.pending.get(m.job);
        if (!p) return;
        this.pending.delete(m.job);
        if (this.pending.size === 0) this.workers.forEach((x) => x.unref());
        if (m.batch) p.resolve(m.batch);
        else p.reject(new Error(`dedup worker failed: ${m.error}`));
      });
      w.on('error', (e) => this.failAll(e));
      w.on(
        'exit',
        (code) => code !== 0 && !this.closing && this.failAll(new Error(`dedup worker exited with code ${code}`)),
      );
      w.unref();
      this.workers.push(w);
    }
  }

  private failAll(e: Error): void {
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }

  private send(texts: string[]): Promise<SignBatch> {
    const job = this.job++;
    const w = this.workers[this.next++ % this.workers.length];
    // Referenced only while a job is pending: an idle, unclosed pool never keeps the process alive.
    this.workers.forEach((x) => x.ref());
    return new Promise((resolve, reject) => {
      this.pending.set(job, { resolve, reject });
      w.postMessage({ job, texts, params: this.params } satisfies SignRequest);
    });
  }

  /** Signs `texts` across the workers, in order; small batches on this thread. */
  async sign(texts: string[]): Promise<SignBatch> {
    if (texts.length < WORKER_MIN_BATCH || this.workers.length === 0) return signTexts(texts, this.params);
    const parts = Math.min(this.workers.length, Math.ceil(texts.length / WORKER_MIN_BATCH));
    const per = Math.ceil(texts.length / parts);
    const jobs: Promise<SignBatch>[] = [];
    for (let i = 0; i < texts.length; i += per) jobs.push(this.send(texts.slice(i, i + per)));
    return concatBatches(await Promise.all(jobs), this.params.minhash.perms);
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.workers.length = 0;
  }
}
