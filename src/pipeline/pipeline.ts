/**
 * The stages of `khabar process` over one store: ingest item → idempotency check → clean →
 * dedup → cluster → (batched) store, run by runPipeline. Used by `khabar process` for a corpus
 * and by `POST /api/articles` for one document. Every input ends in one Outcome:
 * stored, duplicate, rejected (with its rule), unchanged (already stored) or
 * error (unreadable, with its error code).
 */
import { createHash } from 'node:crypto';
import type { Article } from '../core/article.js';
import { Stats } from '../core/stats.js';
import { lineKeys, SiteLineIndex } from '../clean/index.js';
import type { Progress, RejectSink, Stage, StageContext } from '../core/stage.js';
import { runPipeline } from './runner.js';
import { cleanStage } from './stages/clean.js';
import { clusterInOrder } from './stages/cluster.js';
import type { IngestItem } from '../ingest/index.js';
import type { ArticleWrite, Regroup, Store, WriteExtras } from '../store/store.js';
import { Engines } from './engines.js';
import { dedupText } from '../dedup/articles.js';
import { batchOf, rowsOf, signTexts, type SignBatch, type SignRow } from '../dedup/sign.js';
import type { Gazetteer } from '../stories/gazetteer/index.js';

export type OutcomeStatus = 'stored' | 'duplicate' | 'rejected' | 'unchanged' | 'error';

export interface Outcome {
  source: string;
  id: string | null;
  status: OutcomeStatus;
  /** Rule id or error code for rejected/error; the canonical id for a duplicate; the stored id for unchanged. */
  detail?: string;
  message?: string;
}

/** Rejected rows are written once this many wait (a window's rows are written with the window). */
export const WRITE_BATCH = 500;
/** A site with fewer documents than this in the input is primed with its stored documents,
 *  so cross-document boilerplate is still found for one new page. */
export const PRIME_BELOW = 20;
export const PRIME_DOCS = 50;
/** Cleaned articles are deduplicated and clustered in windows sorted by date, so an
 *  online clusterer sees a story in the order it happened, whatever the file order. */
export const CLUSTER_WINDOW = 5000;
/** A write this large starts the store's write thread (by default): a full window. Smaller runs write
 *  once, at their end, so a thread would overlap nothing. */
export const WRITE_THREAD_ROWS = CLUSTER_WINDOW;
/**
 * Windows the write thread may still be writing when the next is posted. With none, each window's dedup and
 * clustering waited for the window before to be written (3.1 s of 18 s on 20 000 generated documents); with
 * one, the two threads meet only when the writes fall a whole window behind. Writes commit in order either
 * way, and a window's state is saved with its own rows; a failed write fails the run one window later.
 */
export const WRITES_AHEAD = 1;

/**
 * When the dedup and story state is saved with a window (in its transaction). While the
 * index is small, with every window; then once it has grown by `growth` since the last save:
 * rewriting a million documents' index (~300 MB) every 5 000 documents would write 60 GB,
 * this way about five times the final size. Windows written between two saves stay marked
 * unindexed (documents.indexed = 0), so if the run dies a later run does them again.
 */
export interface StateSchedule {
  alwaysBelow: number;
  growth: number;
}
/** Under 100 000 documents the state is under ~30 MB: saving it with every window is cheap. */
export const STATE_SCHEDULE: StateSchedule = { alwaysBelow: 100_000, growth: 0.25 };

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * The idempotency key: the document's identity (its URL, else its site) and its bytes. The same
 * text from another site or URL is another document, stored with its own row and URL and judged
 * by dedup (it may be the canonical); the same URL with the same bytes again is "unchanged".
 */
export function documentKey(a: Pick<Article, 'url' | 'site' | 'raw'>): string {
  const identity = a.url ?? (a.site ? `site:${a.site}` : '');
  return createHash('sha256').update(identity).update('\0').update(a.raw).digest('hex');
}

export interface PipelineOptions {
  stats?: Stats;
  runId?: string;
  /**
   * Save the dedup and story state with every window, in the window's transaction (the
   * default: a run killed midway leaves no article the indexes do not know). The API
   * ingests one document at a time and saves the state itself, a moment after the last write.
   */
  stateWithWindow?: boolean;
  /** Entities to find (src/stories/gazetteer): the built-in lists, or with a user's files added. */
  gazetteer?: Gazetteer;
  stateSchedule?: StateSchedule;
  /** Worker threads to clean in (src/pipeline/clean-pool.ts; default one per core but one). */
  cleanWorkers?: number;
  /** Windows written on the store's write thread (Store.writeInBackground) while the next is
   *  deduplicated and clustered: `true` from the first write, `false` never; by default from the
   *  first full window (WRITE_THREAD_ROWS), so the API's single documents never start a thread. */
  writeThread?: boolean;
}

/**
 * One `khabar process` run's state (or the API's, kept between requests): the engines, pass-1
 * site counts, what this run has seen, and the rows waiting for their window's transaction.
 * `run(source)` puts a source through its stages with runPipeline:
 *   readers → store (idempotency) → clean → dedup (date-sorted windows) → cluster → store (write)
 * The idempotency check sits before the cleaner, so a document stored before is never cleaned
 * again. Rejected articles (and unreadable inputs) reach the store through the rejects sink.
 */
export class Pipeline {
  readonly siteLines = new SiteLineIndex();
  /** Rejected rows: in no index, so they may be written ahead of their window. */
  private rejectedRows: ArticleWrite[] = [];
  /** The current window's rows, written with its regroups (and state) in one transaction. */
  private windowRows: ArticleWrite[] = [];
  private regrouped: Regroup[] = [];
  /** Dedup signatures made where the article was cleaned (the clean workers), until its window. */
  private readonly signatures = new WeakMap<Article, SignRow>();
  /** The idempotency key of each article, taken before cleaning (which may set url and site). */
  private readonly keys = new WeakMap<Article, string>();
  /** sha → id of everything seen this run (catches exact copies inside one input). */
  private seen = new Map<string, string>();
  private ids = new Set<string>();
  /** Documents in the dedup index when the state was last saved; whether windows were written since. */
  private savedAt = 0;
  private unsaved = false;

  private constructor(
    readonly store: Store,
    readonly engines: Engines,
    readonly stats: Stats,
    readonly runId: string,
    private readonly stateWithWindow: boolean,
    private readonly schedule: StateSchedule,
    private readonly cleanWorkers: number | undefined,
    private readonly writeThread: boolean | undefined,
  ) {}

  /** Writes posted to the store's write thread and not yet awaited; settle() awaits them. */
  private posted: Promise<void>[] = [];
  private background = false;

  static async open(store: Store, opts: PipelineOptions = {}): Promise<Pipeline> {
    const runId = opts.runId ?? new Date().toISOString().replace(/[:.]/g, '-');
    const stats = opts.stats ?? new Stats();
    return new Pipeline(
      store,
      await Engines.load(store, opts.gazetteer),
      stats,
      runId,
      opts.stateWithWindow ?? true,
      opts.stateSchedule ?? STATE_SCHEDULE,
      opts.cleanWorkers,
      opts.writeThread,
    );
  }

  /** Pass 1 of one document (the API): count its lines for cross-document boilerplate. */
  observe(a: Article): void {
    this.siteLines.observe(a.site, lineKeys(a));
  }

  /** Adds stored documents of sites the input has few of (see PRIME_BELOW). */
  async prime(siteCounts: Map<string, number>): Promise<void> {
    for (const [site, n] of siteCounts) {
      if (n >= PRIME_BELOW) continue;
      for (const d of await this.store.recentRaw(site, PRIME_DOCS)) {
        this.siteLines.observe(site, lineKeys({ raw: d.raw, rawKind: d.rawKind, site, url: null } as Article));
      }
    }
  }

  /** One document, start to end (the API): its outcome once it is stored. */
  async process(item: IngestItem): Promise<Outcome> {
    const outcomes: Outcome[] = [];
    await this.run(itemsStage([item]), { onOutcome: (o) => outcomes.push(o) });
    return outcomes[outcomes.length - 1];
  }

  /**
   * Every input of `source` through the stages. With `firstPass`, the cleaner's first pass counts
   * the input's site lines (and primes sites it has few documents of) before anything is cleaned.
   */
  async run(
    source: Stage,
    opts: {
      onOutcome?: (o: Outcome) => void;
      progress?: Progress | null;
      firstPass?: boolean;
      /** The source's articles are cleaned already (`khabar crawl --db`): counted, not cleaned again. */
      cleaned?: boolean;
    } = {},
  ): Promise<void> {
    const report = opts.onOutcome ?? (() => {});
    const rejects: RejectSink = ({ source: from, reason: r, article: a }) => {
      if (!a) {
        report({ source: from, id: null, status: 'error', detail: r.rule, message: r.message });
        return;
      }
      this.stats.inc('store/rejected');
      this.rejectedRows.push({ article: a, status: 'rejected', sha256: this.keys.get(a)!, runId: this.runId });
      report({ source: a.source, id: a.id, status: 'rejected', detail: r.rule, message: r.message });
    };
    const clean = cleanStage({
      index: this.siteLines,
      firstPass: (opts.firstPass ?? false) && !opts.cleaned,
      cleanedUpstream: opts.cleaned,
      prime: (sites) => this.prime(sites),
      workers: this.cleanWorkers,
      // while a window is deduplicated, clustered and written here, the workers clean the next one
      ahead: CLUSTER_WINDOW,
      // and sign it for dedup (windowSignatures)
      sign: { params: this.engines.dedup.signParams, onSigned: (a, row) => this.signatures.set(a, row) },
    });
    await runPipeline(
      [
        source,
        this.identify(report),
        clean,
        this.dedupWindows(),
        clusterInOrder(() => this.engines.cluster),
        this.write(report),
      ],
      { stats: this.stats, rejects, progress: opts.progress },
    );
  }

  /** 1. idempotency: the same document (identity and bytes) is never processed twice. */
  private identify(report: (o: Outcome) => void): Stage {
    return { name: 'store', run: (articles, ctx) => this.unseen(articles, ctx, report) };
  }

  private async *unseen(articles: AsyncIterable<Article>, ctx: StageContext, report: (o: Outcome) => void) {
    for await (const a of articles) {
      const sha = documentKey(a);
      const known = this.seen.get(sha) ?? (await this.store.findByHash([sha])).get(sha) ?? (await this.legacy(a));
      if (known) {
        ctx.inc('unchanged');
        report({ source: a.source, id: known, status: 'unchanged', detail: known });
        continue;
      }
      // stored by a run that died before its state was saved: done again, under the id it was stored with
      const redo = await this.store.unindexedId(sha);
      if (redo && redo !== a.id) {
        ctx.note(a, 'store/redo', `stored as ${redo} by a run that did not finish; done again as ${redo}`);
        a.id = redo;
      }
      if (this.ids.has(a.id) || (await this.store.idsTaken([a.id])).size > 0) {
        const id = `${a.id}-${sha.slice(0, 8)}`;
        ctx.note(a, 'store/id-conflict', `id ${a.id} is taken by other content; stored as ${id}`);
        a.id = id;
      }
      this.seen.set(sha, a.id);
      this.ids.add(a.id);
      this.keys.set(a, sha);
      // the input object as read is for the one-stage commands, which write it back (khabar clean, dedup,
      // cluster); here it would only be copied to the clean worker, back, and to the write thread
      delete a.record;
      // rejected rows are in no index: written ahead of their window once enough wait
      if (this.rejectedRows.length >= WRITE_BATCH) await this.flush(this.rejectedRows.splice(0));
      yield a;
    }
  }

  /** A row stored before keys held the identity (the key was the text's sha256): the same URL is unchanged. */
  private async legacy(a: Article): Promise<string | undefined> {
    const text = sha256(a.raw);
    const id = (await this.store.findByHash([text])).get(text);
    if (!id) return undefined;
    const row = await this.store.getArticle(id);
    return row && row.url === a.url && row.site === a.site ? id : undefined;
  }

  /**
   * 3. dedup in windows of CLUSTER_WINDOW cleaned articles sorted by date; each window goes on in
   * canonical-first order. The window before is written (`writeWindow`) before this one is indexed:
   * by then every article of it has been clustered and handed to the store stage, and the state
   * saved with it must not know documents that are not written yet.
   */
  private dedupWindows(): Stage {
    return { name: 'dedup', run: (articles, ctx) => this.windows(articles, ctx) };
  }

  private async *windows(articles: AsyncIterable<Article>, ctx: StageContext): AsyncIterable<Article> {
    const window: Article[] = [];
    for await (const a of articles) {
      window.push(a);
      if (window.length >= CLUSTER_WINDOW) yield* this.dedupWindow(window.splice(0), ctx);
    }
    yield* this.dedupWindow(window, ctx);
  }

  private async *dedupWindow(window: Article[], ctx: StageContext): AsyncIterable<Article> {
    await this.writeWindow();
    const batch = window.sort(byDate);
    if (batch.length === 0) return;
    ctx.inc('in', batch.length);
    this.regrouped.push(
      ...ctx.stats.time('dedup', () => this.engines.dedupBatch(batch, ctx.stats, this.windowSignatures(batch))),
    );
    for (const { a } of canonicalsFirst(batch.map((x) => ({ a: x })))) {
      // dedup/duplicate-id: cannot happen after the id check, kept so nothing is ever lost
      if (a.rejected) {
        ctx.count(a, a.rejected);
        continue;
      }
      ctx.inc(a.duplicateOf ? 'duplicate' : 'canonical');
      yield a;
    }
  }

  /** The window's signatures in window order: the workers' where they cleaned, signed here for the rest. */
  private windowSignatures(batch: Article[]): SignBatch {
    const params = this.engines.dedup.signParams;
    const unsigned = batch.filter((a) => !this.signatures.has(a));
    const rows = rowsOf(signTexts(unsigned.map(dedupText), params));
    unsigned.forEach((a, i) => this.signatures.set(a, rows[i]));
    return batchOf(
      batch.map((a) => this.signatures.get(a)!),
      params.minhash.perms,
    );
  }

  /** 5. the store: each article's row waits for its window's transaction; the last is written at the end. */
  private write(report: (o: Outcome) => void): Stage {
    return { name: 'store', run: (articles, ctx) => this.stored(articles, ctx, report) };
  }

  private async *stored(articles: AsyncIterable<Article>, ctx: StageContext, report: (o: Outcome) => void) {
    for await (const a of articles) {
      const status = a.duplicateOf ? 'duplicate' : 'stored';
      ctx.inc(status);
      this.windowRows.push({ article: a, status, sha256: this.keys.get(a)!, runId: this.runId });
      report({ source: a.source, id: a.id, status, ...(a.duplicateOf ? { detail: a.duplicateOf } : {}) });
      yield a;
    }
    await this.writeWindow();
  }

  /** Writes the window's rows (and what was rejected meanwhile) with its regroups, and the state when due. */
  private async writeWindow(): Promise<void> {
    await this.settle(WRITES_AHEAD);
    const rows = [...this.rejectedRows.splice(0), ...this.windowRows.splice(0)];
    if (!this.background && (this.writeThread ?? rows.length >= WRITE_THREAD_ROWS) && this.store.writeInBackground) {
      await this.store.writeInBackground(true);
      this.background = true;
    }
    const windowed = rows.some((r) => r.status !== 'rejected');
    // only rejected rows (before the first window): in no index, written as such
    if (!windowed) return this.flush(rows);
    const size = this.engines.dedup.size;
    const due =
      this.stateWithWindow &&
      (size < this.schedule.alwaysBelow || size - this.savedAt >= this.schedule.growth * this.savedAt);
    await this.flush(rows, {
      regrouped: this.regrouped.splice(0),
      ...(due ? this.stateExtras() : { unindexed: true }),
    });
    if (due) this.savedAt = size;
    this.unsaved = !due;
  }

  private stateExtras(): WriteExtras {
    return { state: this.engines.state(), stateRunId: this.runId };
  }

  /** Saves the engines' state now, marking this run's documents indexed. */
  async saveState(): Promise<void> {
    await this.flush([], this.stateExtras());
    await this.settle();
    this.savedAt = this.engines.dedup.size;
    this.unsaved = false;
  }

  /** Writes `rows` and `extras` in one transaction; on the write thread, posts them and returns. */
  private async flush(rows: ArticleWrite[], extras: WriteExtras = {}): Promise<void> {
    if (rows.length === 0 && !extras.regrouped?.length && !extras.state) return;
    const written = this.stats.time('store', () => this.store.writeArticles(rows, extras));
    if (!this.background) return written;
    written.catch(() => {}); // not unhandled: settle() awaits it, and a failed write fails the run there
    this.posted.push(written);
  }

  /** Waits for the writes posted to the write thread (in order: they commit in order), all but the last `ahead`. */
  private async settle(ahead = 0): Promise<void> {
    while (this.posted.length > ahead) await this.posted.shift();
  }

  /** Saves the state when windows were written since it was last saved: the end of a run (and of
   *  the API's burst of writes). A run killed before this loses nothing: those windows' documents stay
   *  unindexed and are done again. */
  async finish(): Promise<void> {
    if (this.unsaved) await this.saveState();
    await this.settle();
    if (this.background) {
      this.background = false;
      await this.store.writeInBackground?.(false);
    }
  }
}

/** A source of items already read: the API's document, or a test's. */
export function itemsStage(items: Iterable<IngestItem>): Stage {
  return {
    name: 'ingest',
    async *run(_nothing, ctx) {
      for (const item of items) {
        ctx.inc('in');
        if (!item.ok) {
          ctx.unreadable(item.source, item.error.code, item.error.message, item.line);
          continue;
        }
        ctx.inc('read');
        yield item.article;
      }
    },
  };
}

/** The order a window is deduplicated and clustered in: by date (undated last), then id. */
export const byDate = (x: Article, y: Article): number =>
  (x.published ?? '9999').localeCompare(y.published ?? '9999') || (x.id < y.id ? -1 : 1);

/**
 * The batch in date order, except that a duplicate waits until its canonical has
 * gone by: the clusterer puts a copy in its canonical's event, so the canonical
 * must be clustered first. (Same-day copies: the canonical is the more complete
 * body, which may sort after the copy.)
 */
export function canonicalsFirst<T extends { a: Article }>(batch: T[]): T[] {
  const inBatch = new Set(batch.map((b) => b.a.id));
  const emitted = new Set<string>();
  const waiting = new Map<string, T[]>();
  const out: T[] = [];
  const emit = (b: T) => {
    out.push(b);
    emitted.add(b.a.id);
    for (const w of waiting.get(b.a.id) ?? []) emit(w);
    waiting.delete(b.a.id);
  };
  for (const b of batch) {
    const c = b.a.duplicateOf;
    if (c && inBatch.has(c) && !emitted.has(c)) waiting.set(c, [...(waiting.get(c) ?? []), b]);
    else emit(b);
  }
  return out;
}
