/**
 * The store interface the pipeline and the HTTP server use. Every method is
 * async so a PostgreSQL implementation can follow the SQLite one
 * (src/store/sqlite/) without touching callers.
 */
import type { Article, EntityMention, Why } from '../core/article.js';
import type { Reason } from '../core/trace.js';

/** What became of an input document. Ingest errors are never stored; they are counted in the run. */
export type ArticleStatus = 'stored' | 'duplicate' | 'rejected';

export interface ArticleWrite {
  article: Article;
  status: ArticleStatus;
  /** documentKey (src/pipeline/pipeline.ts): sha256 of the identity (URL, else site) and the raw text; the idempotency key. */
  sha256: string;
  runId: string;
}

/**
 * A duplicate group whose canonical changed after it was stored: a new article is
 * earlier (or more complete) than the stored canonical, or bridges two stored groups.
 * Every member of group `from` moves to group `to`; `to` becomes the canonical
 * ('stored') and the rest are its duplicates. `similarity` is from's to `to`.
 */
export interface Regroup {
  from: string;
  to: string;
  similarity: number;
}

/** An article moved to another event (a re-clustering tool may merge events). */
export interface Reassignment {
  id: string;
  event: string;
  story: string;
}

/** What else a write carries, in the same transaction as its rows. */
export interface WriteExtras {
  moved?: Reassignment[];
  /** Applied in order, after the rows (a new canonical is usually among them). */
  regrouped?: Regroup[];
  /** Engine state (key → bytes): saved with the articles it knows, so the two never part on a crash. */
  state?: Record<string, Uint8Array | string>;
  /** The run whose documents this state covers: they are marked indexed (documents.indexed). */
  stateRunId?: string;
  /** The rows are not yet known to a saved engine state (a window written between two state
   *  saves): documents.indexed = 0 until a write with their run's `stateRunId`. */
  unindexed?: boolean;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface StoryQuery {
  from?: string;
  to?: string;
  q?: string;
  limit?: number;
  cursor?: string;
}

export interface StorySummary {
  id: string;
  title: string | null;
  firstDate: string | null;
  lastDate: string | null;
  counts: { events: number; articles: number; sources: number };
}

export interface EventSummary {
  id: string;
  storyId: string | null;
  date: string | null;
  title: string | null;
  counts: { articles: number; sources: number };
}

export interface ArticleSummary {
  id: string;
  title: string | null;
  /** The first LEDE_CHARS (rows.ts) characters of the clean text. */
  lede: string;
  site: string | null;
  url: string | null;
  published: string | null;
  status: ArticleStatus;
  dupGroup: string | null;
  duplicateOf: string | null;
  similarity: number | null;
  eventId: string | null;
  storyId: string | null;
}

export interface EntityCount {
  key: string;
  type: string;
  name: string;
  articles: number;
}

export interface StoryDetail extends StorySummary {
  events: (EventSummary & { articles: ArticleSummary[] })[];
  entities: EntityCount[];
  /** One row per day the story has articles, oldest first. */
  timeline: { date: string; events: number; articles: number }[];
}

export interface EventDetail extends EventSummary {
  story: StorySummary | null;
  articles: ArticleSummary[];
  entities: EntityCount[];
}

export interface ArticleDetail extends ArticleSummary {
  source: string;
  dateline: string | null;
  author: string | null;
  lang: string | null;
  eventDate: string | null;
  paragraphs: string[];
  removed: Reason[];
  rejected: Reason | null;
  trace: Reason[];
  /** The other members of its duplicate group (the canonical first). */
  duplicates: ArticleSummary[];
  why: Why | null;
  entities: EntityMention[];
  event: EventSummary | null;
  story: StorySummary | null;
}

/** A piece of a snippet in the original text; `hit` marks a match. Render as text, never HTML. */
export interface SnippetPart {
  text: string;
  hit?: true;
}

export interface SearchHit {
  id: string;
  title: string | null;
  site: string | null;
  published: string | null;
  eventId: string | null;
  storyId: string | null;
  /** bm25 score (lower is better, as SQLite reports it). */
  score: number;
  titleParts: SnippetPart[];
  /** The start of the text (LEDE_CHARS, rows.ts), to show an untitled hit by. */
  lede: string;
  snippet: SnippetPart[];
  /** Other members of its duplicate group folded into this hit. */
  copies: number;
}

export interface SearchResult {
  query: string;
  /** The FTS5 expression the query became. */
  match: string;
  hits: SearchHit[];
  tookMs: number;
  /** Set when a very common query had more matches than are ranked: only the newest `ranked` were; `matchesAbout` estimates how many match in all. */
  window?: { ranked: number; matchesAbout: number };
  /** Served from the result cache (the database has not changed since it was computed). */
  cached?: boolean;
}

export interface StatsReport {
  documents: number;
  articles: Record<ArticleStatus, number>;
  dupGroups: number;
  events: number;
  stories: number;
  sources: number;
  entities: number;
  perDay: { date: string; articles: number }[];
  perSource: { site: string; articles: number; duplicates: number; rejected: number }[];
  rejectedByRule: { rule: string; count: number }[];
  removedByRule: { rule: string; count: number }[];
}

export interface RunRecord {
  id: string;
  startedAt: string;
  finishedAt: string | null;
  inputs: string[];
  stats: unknown;
}

/** The database's one-writer lock, held (src/store/sqlite/lock.ts). */
export interface WriterLock {
  /** Bumped by every holder that wrote: unchanged since a holder's own release = nobody else wrote. */
  generation: number;
  release(wrote: boolean): Promise<void>;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  close(): Promise<void>;
  /** The one-writer lock now, or null while another writer holds it (`holder` says who).
   *  A store without it (PostgreSQL today) has no cross-process guard: one writer at a time. */
  tryLockWriter?(what: string): Promise<WriterLock | null>;
  lockHolder?(): string;

  // write side (the pipeline)
  /** sha256 → article id, for the hashes already stored. */
  findByHash(shas: string[]): Promise<Map<string, string>>;
  /** The id of a document with this sha256 that a killed run stored but no saved state covers. */
  unindexedId(sha256: string): Promise<string | null>;
  idsTaken(ids: string[]): Promise<Set<string>>;
  /** Raw text of a site's latest documents (to prime cross-document boilerplate detection). */
  recentRaw(site: string, limit: number): Promise<{ raw: string; rawKind: 'text' | 'html' }[]>;
  /** One transaction: documents, articles, removed lines, entities, FTS rows, then the
   *  touched duplicate groups, events and stories are recomputed. */
  writeArticles(rows: ArticleWrite[], extras?: WriteExtras): Promise<void>;
  /** With `true`, later writes (writeArticles, putState) run on a thread of their own, in the order
   *  called; each promise settles when its transaction has committed. `false` waits for them and
   *  stops the thread. A store without it (PostgreSQL) writes as before. */
  writeInBackground?(on: boolean): Promise<void>;
  getState(key: string): Promise<Uint8Array | null>;
  putState(key: string, value: Uint8Array | string): Promise<void>;
  recordRun(run: RunRecord): Promise<void>;

  // read side (the server and the CLI)
  listStories(q: StoryQuery): Promise<Page<StorySummary>>;
  getStory(id: string): Promise<StoryDetail | null>;
  getEvent(id: string): Promise<EventDetail | null>;
  getArticle(id: string): Promise<ArticleDetail | null>;
  search(q: string, opts?: { limit?: number }): Promise<SearchResult>;
  stats(): Promise<StatsReport>;
}
