/**
 * POST /api/articles: one document through the same Pipeline as `khabar process`.
 * Writes are serialized (one at a time), the site is primed from its stored
 * pages once per server, and the engines' state is saved a moment after the
 * last write (and on close) rather than on every request.
 */
import { khabarError } from '../core/errors.js';
import { articleFromObject } from '../ingest/jsonl.js';
import { Pipeline, type Outcome } from '../pipeline/pipeline.js';
import type { ArticleDetail, Store } from '../store/store.js';

/** Save the dedup and story state this long after the last write. */
export const STATE_SAVE_DELAY_MS = 1000;

export class IngestService {
  private pipeline: Promise<Pipeline> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private primed = new Set<string>();
  private saveTimer: NodeJS.Timeout | null = null;

  constructor(private readonly store: Store) {}

  private open(): Promise<Pipeline> {
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
    return this.serial(async () => {
      const p = await this.open();
      if (article.site && !this.primed.has(article.site)) {
        this.primed.add(article.site);
        await p.prime(new Map([[article.site, 0]]));
      }
      p.observe(article);
      const outcome = await p.process({ ok: true, article });
      this.scheduleSave(p);
      return { outcome, article: outcome.id ? await this.store.getArticle(outcome.id) : null };
    });
  }

  private scheduleSave(p: Pipeline): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      void this.serial(() => p.saveState());
    }, STATE_SAVE_DELAY_MS);
    this.saveTimer.unref();
  }

  /** Saves pending state; call before closing the store. */
  async close(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    if (this.pipeline) {
      const p = await this.pipeline;
      await this.serial(() => p.finish());
    }
  }
}
