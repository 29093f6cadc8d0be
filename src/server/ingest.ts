/**
 * POST /api/articles: one document through the same Pipeline as `khabar process`.
 * Writes are serialized (one at a time), the site is primed from its stored
 * pages once per pipeline, and the engines' state is saved a moment after the
 * last write (and on close) rather than on every request.
 *
 * The database has one writer at a time (src/store/sqlite/lock.ts): the first POST of a
 * burst takes the lock (waiting up to LOCK_WAIT_MS for a `khabar process` run, else 503
 * KHB_LOCKED, nothing written), the state save after the burst releases it. If another
 * writer wrote in between, the pipeline is opened again on the state it left.
 */
import { khabarError } from '../core/errors.js';
import { articleFromObject } from '../ingest/jsonl.js';
import { lockWriter } from '../pipeline/lock.js';
import { CleanProbe } from './clean-probe.js';
import { Pipeline, type Outcome } from '../pipeline/pipeline.js';
import type { ArticleDetail, Store, WriterLock } from '../store/store.js';

/** Save the dedup and story state (and let other writers in) this long after the last write. */
export const STATE_SAVE_DELAY_MS = 1000;
/** A POST waits this long for another run's lock before 503: a client retries, a run may take hours. */
export const LOCK_WAIT_MS = 5000;

export class IngestService {
  private pipeline: Promise<Pipeline> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private primed = new Set<string>();
  private saveTimer: NodeJS.Timeout | null = null;
  private lock: WriterLock | null = null;
  /** The lock's generation when this service last released it (null: never held). */
  private lastGeneration: number | null = null;
  private readonly probe: CleanProbe;

  constructor(
    private readonly store: Store,
    opts: { lockWaitMs?: number; probe?: CleanProbe } = {},
  ) {
    this.lockWaitMs = opts.lockWaitMs ?? LOCK_WAIT_MS;
    this.probe = opts.probe ?? new CleanProbe();
  }
  private readonly lockWaitMs: number;

  /** The pipeline, under the writer lock; opened again when another writer wrote since. */
  private async open(): Promise<Pipeline> {
    if (!this.lock) {
      this.lock = await lockWriter(this.store, 'khabar serve (POST /api/articles)', { waitMs: this.lockWaitMs });
      if (this.lock.generation !== this.lastGeneration) {
        this.pipeline = null;
        this.primed.clear();
      }
    }
    this.pipeline ??= Pipeline.open(this.store, {
      runId: `api-${new Date().toISOString().replace(/[:.]/g, '-')}`,
      stateWithWindow: false,
    });
    return this.pipeline;
  }

  /** Runs `fn` after every earlier write has finished. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  async ingest(body: Record<string, unknown>): Promise<{ outcome: Outcome; article: ArticleDetail | null }> {
    const article = articleFromObject(body, 'api');
    if (!article) throw khabarError('KHB_BAD_INPUT', 'the body needs a "text" or an "html" string');
    if (article.raw.trim() === '') throw khabarError('KHB_EMPTY', 'the body text');
    if (typeof body.html === 'string' && typeof body.text !== 'string') article.rawKind = 'html';
    // cleaned in a worker first (clean-probe.ts): too slow = rejected, the event loop stays free
    const complex = await this.probe.check(article);
    if (complex) {
      article.rejected = complex;
      article.trace.push(complex);
    }
    return this.serial(async () => {
      const p = await this.open();
      try {
        if (article.site && !this.primed.has(article.site)) {
          this.primed.add(article.site);
          await p.prime(new Map([[article.site, 0]]));
        }
        p.observe(article);
        const outcome = await p.process({ ok: true, article });
        return { outcome, article: outcome.id ? await this.store.getArticle(outcome.id) : null };
      } finally {
        this.scheduleSave(p); // also after a failure: the save releases the lock
      }
    });
  }

  private scheduleSave(p: Pipeline): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      void this.serial(() => this.saveAndRelease(() => p.saveState()));
    }, STATE_SAVE_DELAY_MS);
    this.saveTimer.unref();
  }

  private async saveAndRelease(save: () => Promise<unknown>): Promise<void> {
    if (!this.lock) return;
    try {
      await save();
    } finally {
      const lock = this.lock;
      this.lock = null;
      this.lastGeneration = lock.generation + 1;
      await lock.release(true);
    }
  }

  /** Saves pending state; call before closing the store. */
  async close(): Promise<void> {
    await this.probe.close();
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    if (this.pipeline) {
      const p = await this.pipeline;
      await this.serial(() => this.saveAndRelease(() => p.finish()));
    }
  }
}
