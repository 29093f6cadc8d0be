/**
 * Cleaning in worker threads, so that the main thread reads, deduplicates, clusters and writes while
 * the next batches are cleaned: the clean stage sends batches of CLEAN_BATCH plain-text articles ahead
 * (at most CLEAN_IN_FLIGHT a worker) and takes them back in input order. HTML pages are cleaned on the
 * main thread, where the extract made by the first pass is held (src/clean/html/once.ts).
 *
 * As src/dedup/workers.ts: the compiled worker is clean-worker.js next to this file; under tsx (tests,
 * `npm run bench`) it is clean-worker.ts loaded through tsx's tsImport.
 */
import { startSiblingWorker } from '../core/worker.js';
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { SiteLineSnapshot } from '../clean/site-lines.js';
import type { Article } from '../core/article.js';
import type { SignBatch, SignParams } from '../dedup/sign.js';
import type { CleanWorkerMessage, CleanWorkerReply } from './clean-worker.js';

/** Workers by default: one per core but one, as the main thread keeps the rest of the pipeline. */
export const DEFAULT_CLEAN_WORKERS = Math.max(0, availableParallelism() - 1);
/** Articles a message: ~130 KB of text, ~10 ms of cleaning; posting costs ~2 % of that. */
export const CLEAN_BATCH = 64;
/** Batches in flight a worker: enough to keep it busy while the main thread works on the oldest. */
export const CLEAN_IN_FLIGHT = 4;
/** A run shorter than this is cleaned on the main thread (a worker takes ~50–200 ms to start under tsx). */
export const CLEAN_POOL_MIN_DOCS = 2000;

/** A batch back from a worker: the articles without `raw` and `bytes` (cleaning leaves them as they are:
 *  the caller keeps its own), and their signatures when the pool signs. */
export type Cleaned = { articles: Omit<Article, 'raw' | 'bytes'>[]; signed?: SignBatch };

const startWorker = (): Worker => startSiblingWorker(import.meta.url, 'clean-worker');

export class CleanPool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, { resolve: (c: Cleaned) => void; reject: (e: Error) => void }>();
  private job = 0;
  private next = 0;

  /** `sign`: the dedup index's parameters, to sign each cleaned text in the worker too (khabar process). */
  constructor(size: number, index: SiteLineSnapshot | null, keepNonArabic: boolean, sign: SignParams | null = null) {
    for (let i = 0; i < size; i++) {
      const w = startWorker();
      w.on('message', (m: CleanWorkerReply) => {
        const p = this.pending.get(m.job);
        if (!p) return;
        this.pending.delete(m.job);
        if (m.error !== undefined || !m.articles) p.reject(new Error(`clean worker: ${m.error ?? 'no reply'}`));
        else p.resolve({ articles: m.articles, signed: m.signed });
      });
      w.on('error', (e) => {
        for (const p of this.pending.values()) p.reject(e);
        this.pending.clear();
      });
      const init: CleanWorkerMessage = { kind: 'init', index, keepNonArabic, sign };
      w.postMessage(init);
      this.workers.push(w);
    }
  }

  get size(): number {
    return this.workers.length;
  }

  /** The articles cleaned (copies: the worker's objects come back by structured clone). */
  clean(articles: Article[]): Promise<Cleaned> {
    const job = ++this.job;
    const w = this.workers[this.next++ % this.workers.length];
    return new Promise((resolve, reject) => {
      this.pending.set(job, { resolve, reject });
      const m: CleanWorkerMessage = { kind: 'batch', job, articles };
      w.postMessage(m);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.workers.length = 0;
  }
}
