/**
 * Search on reader threads: each thread opens its own read-only connection to the database file (WAL, so
 * it reads what has committed while the main connection writes) and runs SearchQueries on it. A query goes
 * to the thread with the fewest queries waiting. With one connection, 8 concurrent searchers queued behind
 * each other on the main thread, which also serves HTTP; the threads use every core.
 */
import type { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { ERRORS, KhabarError, type ErrorCode } from '../../core/errors.js';
import { startSiblingWorker } from '../../core/worker.js';
import type { SearchResult } from '../store.js';
import type { PhraseCount } from './rank.js';

/** Reader threads of a served database: one a core, as queries are CPU-bound once the pages are cached. */
export const SEARCH_THREADS = Math.max(1, availableParallelism());

export type SearchThreadMessage =
  | { kind: 'open'; path: string; rankWindow?: number }
  | { kind: 'search'; job: number; query: string; match: string; limit: number }
  | { kind: 'counts'; counts: PhraseCount[] };
export type SearchThreadReply =
  | { job: number; result: SearchResult; counted: PhraseCount[] }
  | { job: number; error: { code?: ErrorCode; message: string } };

interface Waiting {
  resolve: (r: SearchResult) => void;
  reject: (e: Error) => void;
}

class ReaderThread {
  readonly worker: Worker;
  readonly waiting = new Map<number, Waiting>();
  failed: Error | null = null;

  /** `counted`: the phrase counts a query took here, for the other threads (rank.ts). */
  constructor(path: string, rankWindow: number | undefined, counted: (from: ReaderThread, c: PhraseCount[]) => void) {
    this.worker = startSiblingWorker(import.meta.url, 'search-worker');
    this.worker.on('message', (m: SearchThreadReply) => {
      if ('counted' in m && m.counted.length) counted(this, m.counted);
      const w = this.waiting.get(m.job);
      if (!w) return;
      this.waiting.delete(m.job);
      if (this.waiting.size === 0) this.worker.unref();
      if ('result' in m) w.resolve(m.result);
      else if (m.error.code) w.reject(new KhabarError(m.error.code, m.error.message, ERRORS[m.error.code].status));
      else w.reject(new Error(m.error.message));
    });
    const fail = (e: Error) => {
      this.failed ??= e;
      for (const w of this.waiting.values()) w.reject(this.failed);
      this.waiting.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`a search thread stopped (exit code ${code})`)));
    this.worker.unref(); // an idle pool never keeps the process alive; a query waiting does (ask)
    this.worker.postMessage({ kind: 'open', path, rankWindow } satisfies SearchThreadMessage);
  }

  ask(job: number, w: Waiting): void {
    if (this.waiting.size === 0) this.worker.ref();
    this.waiting.set(job, w);
  }
}

export class SearchPool {
  private threads: ReaderThread[];
  private job = 0;

  constructor(
    private readonly path: string,
    size: number,
    private readonly rankWindow?: number,
  ) {
    this.threads = Array.from({ length: size }, () => this.thread());
  }

  private thread(): ReaderThread {
    return new ReaderThread(this.path, this.rankWindow, (from, counts) => {
      for (const t of this.threads)
        if (t !== from && !t.failed) t.worker.postMessage({ kind: 'counts', counts } satisfies SearchThreadMessage);
    });
  }

  run(query: string, match: string, limit: number): Promise<SearchResult> {
    // a thread that stopped failed the queries it held; the next query gets a new one in its place
    this.threads = this.threads.map((t) => (t.failed ? this.thread() : t));
    const t = this.threads.reduce((a, b) => (b.waiting.size < a.waiting.size ? b : a));
    const job = ++this.job;
    return new Promise((resolve, reject) => {
      t.ask(job, { resolve, reject });
      t.worker.postMessage({ kind: 'search', job, query, match, limit } satisfies SearchThreadMessage);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
  }

  /** The threads' workers (tests stop one to check the pool recovers). */
  get workers() {
    return this.threads.map((t) => t.worker);
  }
}

/** An error as it crosses back from a thread: a KhabarError keeps its code (a bad query stays a 400). */
export function errorReply(job: number, e: unknown): SearchThreadReply {
  if (e instanceof KhabarError) return { job, error: { code: e.code, message: e.message } };
  return { job, error: { message: e instanceof Error ? e.message : String(e) } };
}
