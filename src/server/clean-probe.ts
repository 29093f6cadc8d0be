/**
 * POST /api/articles cleans in a worker first, with a per-request timeout: a hostile body (a
 * page that takes the cleaner seconds or minutes) is refused as clean/too-complex while the
 * event loop keeps serving /healthz and reads. A document the worker cleans within
 * CLEAN_BUDGET_MS then goes through the pipeline on the main thread as usual (which needs the
 * site's boilerplate index), so the main thread is never held longer than about that budget.
 */
import { startSiblingWorker } from '../core/worker.js';
import type { Worker } from 'node:worker_threads';
import type { Article } from '../core/article.js';
import { reason, type Reason } from '../core/trace.js';
import type { ProbeRequest } from './clean-worker.js';

/** A news page cleans in 5–50 ms; a document over this is refused, not cleaned on the main thread. */
export const CLEAN_BUDGET_MS = 2000;
/** The worker is stopped after this long (the request's own timeout for cleaning). */
export const CLEAN_TIMEOUT_MS = 10_000;

type Reply = { job: number; ms: number; rule?: string | null; error?: string };

/** The worker's heap: a document is at most 8 MiB (MAX_DOCUMENT_BYTES); its DOM a few hundred MB. */
const LIMITS = { maxOldGenerationSizeMb: 768 };

const startWorker = (): Worker => startSiblingWorker(import.meta.url, 'clean-worker', LIMITS);

export class CleanProbe {
  private worker: Worker | null = null;
  private job = 0;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly budgetMs = CLEAN_BUDGET_MS,
    readonly timeoutMs = CLEAN_TIMEOUT_MS,
  ) {}

  /** clean/too-complex when cleaning `a` takes too long, else null. One document at a time. */
  check(a: Article): Promise<Reason | null> {
    const run = () => this.run(a);
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private run(a: Article): Promise<Reason | null> {
    const w = (this.worker ??= startWorker());
    w.unref();
    const job = ++this.job;
    const msg: ProbeRequest = { job, raw: a.raw, rawKind: a.rawKind, url: a.url };
    return new Promise((resolve) => {
      const done = (r: Reason | null) => {
        clearTimeout(timer);
        w.off('message', onMessage);
        w.off('error', onError);
        resolve(r);
      };
      const tooLong = (ms: number, budget: number) =>
        reason('clean/too-complex', 'drop-article', `cleaning took over ${budget} ms (${Math.round(ms)} ms)`, {
          evidence: { ms: Math.round(ms), budget },
        });
      const timer = setTimeout(() => {
        this.stop(w);
        done(tooLong(this.timeoutMs, this.timeoutMs));
      }, this.timeoutMs);
      const onMessage = (m: Reply) => {
        if (m.job !== job) return;
        done(m.ms > this.budgetMs ? tooLong(m.ms, this.budgetMs) : null);
      };
      // a worker that dies (out of memory) refuses the document; the next request starts another
      const onError = (e: Error) => {
        this.stop(w);
        done(reason('clean/too-complex', 'drop-article', `cleaning failed in its worker: ${e.message}`));
      };
      w.on('message', onMessage);
      w.on('error', onError);
      w.postMessage(msg);
    });
  }

  private stop(w: Worker): void {
    if (this.worker === w) this.worker = null;
    void w.terminate();
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}
