/**
 * The SQLite writer on a thread of its own, so that a long run's transactions (documents, articles,
 * search rows, removed lines, entities: a third of `khabar process`'s main thread on 20 000 generated
 * documents) overlap with the next window's dedup and clustering. The thread opens its own connection
 * to the same file (WAL: the main connection keeps reading) and runs the same SqliteWriter on it.
 * Writes are applied in the order they were posted; each promise settles when its transaction has
 * committed, or rejects with the writer's error.
 *
 * The rows are copied to the thread when posted (structured clone), so a later change to an article
 * on the main thread is not written: as when the write happened at once.
 */
import type { Worker } from 'node:worker_threads';
import { startSiblingWorker } from '../../core/worker.js';
import type { ArticleWrite, WriteExtras } from '../store.js';

export type WriteThreadMessage =
  | { kind: 'open'; path: string }
  | { kind: 'write'; job: number; rows: ArticleWrite[]; extras: WriteExtras }
  | { kind: 'close' };
export type WriteThreadReply = { job: number; error?: string };

export class WriteThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  private job = 0;
  private failed: Error | null = null;
  private last: Promise<void> = Promise.resolve();
  private closing = false;
  private readonly exited: Promise<void>;

  constructor(path: string) {
    this.worker = startSiblingWorker(import.meta.url, 'write-worker');
    this.worker.on('message', (m: WriteThreadReply) => {
      const p = this.pending.get(m.job);
      if (!p) return;
      this.pending.delete(m.job);
      if (m.error === undefined) p.resolve();
      else p.reject(new Error(m.error));
    });
    const fail = (e: Error) => {
      this.failed = e;
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    };
    this.worker.on('error', fail);
    // a thread that stops before it is closed fails what waits and every later write (none waits for ever)
    this.exited = new Promise((resolve) =>
      this.worker.once('exit', (code) => {
        if (!this.closing || this.pending.size)
          fail(this.failed ?? new Error(`the SQLite write thread stopped (exit code ${code})`));
        resolve();
      }),
    );
    this.post({ kind: 'open', path });
  }

  write(rows: ArticleWrite[], extras: WriteExtras): Promise<void> {
    if (this.failed) return Promise.reject(this.failed);
    const job = ++this.job;
    const written = new Promise<void>((resolve, reject) => {
      this.pending.set(job, { resolve, reject });
      this.post({ kind: 'write', job, rows, extras });
    });
    this.last = written.catch(() => {}); // writes commit in order: the last one settles after all others
    return written;
  }

  /** Waits for every posted write, then stops the thread, which closes its connection first. */
  async close(): Promise<void> {
    await this.last;
    this.closing = true;
    if (!this.failed) this.post({ kind: 'close' });
    await this.exited;
  }

  private post(m: WriteThreadMessage): void {
    this.worker.postMessage(m);
  }
}
