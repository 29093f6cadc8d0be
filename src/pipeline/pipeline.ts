/**
 * One document through the stages: ingest item → idempotency check → clean →
 * dedup → cluster → (batched) store. Used by `khabar process` for a corpus and
 * by `POST /api/articles` for one document. Every input ends in one Outcome:
 * stored, duplicate, rejected (with its rule), unchanged (already stored) or
 * error (unreadable, with its error code).
 */
import { createHash } from 'node:crypto';
import type { Article } from '../core/article.js';
import { Stats } from '../core/stats.js';
import { reason } from '../core/trace.js';
import { lineKeys, SiteLineIndex } from '../clean/index.js';
import { stageContext, statKey, type StageContext } from '../core/stage.js';
import { cleanOne } from './stages/clean.js';
import type { IngestItem } from '../ingest/index.js';
import type { ArticleWrite, Store, WriteExtras } from '../store/store.js';
import { Engines } from './engines.js';
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
}

export class Pipeline {
  readonly siteLines = new SiteLineIndex();
  private pending: ArticleWrite[] = [];
  private window: { a: Article; sha: string }[] = [];
  /** sha → id of everything seen this run (catches exact copies inside one input). */
  private seen = new Map<string, string>();
  private ids = new Set<string>();
  /** Documents in the dedup index when the state was last saved; whether windows were written since. */
  private savedAt = 0;
  private unsaved = false;
  /** The clean stage's counting (src/core/stage.ts); rejected articles are stored here, so no sink. */
  private readonly cleaning: StageContext;

  private constructor(
    readonly store: Store,
    readonly engines: Engines,
    readonly stats: Stats,
    readonly runId: string,
    private readonly stateWithWindow: boolean,
    private readonly schedule: StateSchedule,
  ) {
    this.cleaning = stageContext('clean', { stats });
  }

  static async open(store: Store, opts: PipelineOptions = {}): Promise<Pipeline> {
    const runId = opts.runId ?? new Date().toISOString().replace(/[:.]/g, '-');
    const stats = opts.stats ?? new Stats();
    return new Pipeline(
      store,
      await Engines.load(store, stats, opts.gazetteer),
      stats,
      runId,
      opts.stateWithWindow ?? true,
      opts.stateSchedule ?? STATE_SCHEDULE,
    );
  }

  /** Pass 1: count an input document's lines for cross-document boilerplate. */
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
    const out = [...(await this.add(item)), ...(await this.drain())];
    return out[out.length - 1];
  }

  /**
   * Ingest checks and cleaning now; dedup and clustering when the window is full
   * (or at drain/finish). Returns the outcomes that are settled by this call.
   */
  async add(item: IngestItem): Promise<Outcome[]> {
    const { stats } = this;
    stats.inc('ingest/in');
    if (!item.ok) {
      stats.inc(`ingest/error/${item.error.code}`);
      return [{ source: item.source, id: null, status: 'error', detail: item.error.code, message: item.error.message }];
    }
    stats.inc('ingest/read');
    const a = item.article;
    // 1. idempotency: the same document (identity and bytes) is never processed twice
    const sha = documentKey(a);
    const known = this.seen.get(sha) ?? (await this.store.findByHash([sha])).get(sha) ?? (await this.legacy(a));
    if (known) {
      stats.inc('store/unchanged');
      return [{ source: a.source, id: known, status: 'unchanged', detail: known }];
    }
    // stored by a run that died before its state was saved: done again, under the id it was stored with
    const redo = await this.store.unindexedId(sha);
    if (redo && redo !== a.id) {
      a.trace.push(
        reason('store/redo', 'note', `stored as ${redo} by a run that did not finish; done again as ${redo}`),
      );
      a.id = redo;
    }
    if (this.ids.has(a.id) || (await this.store.idsTaken([a.id])).size > 0) {
      const id = `${a.id}-${sha.slice(0, 8)}`;
      a.trace.push(reason('store/id-conflict', 'note', `id ${a.id} is taken by other content; stored as ${id}`));
      a.id = id;
    }
    this.seen.set(sha, a.id);
    this.ids.add(a.id);
    // 2. clean
    if (!cleanOne(a, this.cleaning, this.siteLines)) {
      stats.inc('store/rejected');
      this.pending.push({ article: a, status: 'rejected', sha256: sha, runId: this.runId });
      // rejected rows are in no index: they may be written ahead of their window
      if (this.pending.length >= WRITE_BATCH) await this.write();
      return [
        { source: a.source, id: a.id, status: 'rejected', detail: a.rejected!.rule, message: a.rejected!.message },
      ];
    }
    this.window.push({ a, sha });
    return this.window.length >= CLUSTER_WINDOW ? this.drain() : [];
  }

  /** A row stored before keys held the identity (the key was the text's sha256): the same URL is unchanged. */
  private async legacy(a: Article): Promise<string | undefined> {
    const text = sha256(a.raw);
    const id = (await this.store.findByHash([text])).get(text);
    if (!id) return undefined;
    const row = await this.store.getArticle(id);
    return row && row.url === a.url && row.site === a.site ? id : undefined;
  }

  /** 3. dedup and 4. cluster the window in date order, then write it in one transaction. */
  async drain(): Promise<Outcome[]> {
    const { stats } = this;
    const batch = this.window.splice(0).sort((x, y) => byDate(x.a, y.a));
    const outcomes: Outcome[] = [];
    const articles = batch.map((b) => b.a);
    stats.inc('dedup/in', articles.length);
    const regrouped = stats.time('dedup', () => this.engines.dedupBatch(articles, stats));
    for (const { a, sha } of canonicalsFirst(batch)) {
      if (a.rejected) {
        // dedup/duplicate-id: cannot happen after the id check in add(), kept so nothing is ever lost
        stats.inc('store/rejected');
        this.pending.push({ article: a, status: 'rejected', sha256: sha, runId: this.runId });
        outcomes.push({
          source: a.source,
          id: a.id,
          status: 'rejected',
          detail: a.rejected.rule,
          message: a.rejected.message,
        });
        continue;
      }
      stats.inc(a.duplicateOf ? 'dedup/duplicate' : 'dedup/canonical');
      stats.inc('cluster/in');
      stats.time('cluster', () => this.engines.clusterOne(a));
      stats.inc(statKey('cluster', 'decided', a.why?.decision ?? 'assigned'));
      const status = a.duplicateOf ? 'duplicate' : 'stored';
      stats.inc(`store/${status}`);
      this.pending.push({ article: a, status, sha256: sha, runId: this.runId });
      outcomes.push({ source: a.source, id: a.id, status, ...(a.duplicateOf ? { detail: a.duplicateOf } : {}) });
    }
    const size = this.engines.dedup.size;
    const due =
      this.stateWithWindow &&
      batch.length > 0 &&
      (size < this.schedule.alwaysBelow || size - this.savedAt >= this.schedule.growth * this.savedAt);
    await this.write({ regrouped, ...(due ? this.stateExtras() : { unindexed: true }) });
    if (due) this.savedAt = size;
    this.unsaved = due ? false : this.unsaved || batch.length > 0;
    return outcomes;
  }

  private stateExtras(): WriteExtras {
    return { state: this.engines.state(), stateRunId: this.runId };
  }

  /** Saves the engines' state now, marking this run's documents indexed. */
  async saveState(): Promise<void> {
    await this.write(this.stateExtras());
    this.savedAt = this.engines.dedup.size;
    this.unsaved = false;
  }

  /** Writes the pending rows and `extras` in one transaction. */
  private async write(extras: WriteExtras = {}): Promise<void> {
    const rows = this.pending.splice(0);
    if (rows.length === 0 && !extras.regrouped?.length && !extras.state) return;
    await this.stats.time('store', () => this.store.writeArticles(rows, extras));
  }

  /** Writes what is pending, and the engines' state. */
  async finish(): Promise<Outcome[]> {
    const out = await this.drain();
    if (this.unsaved) await this.saveState();
    return out;
  }
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
