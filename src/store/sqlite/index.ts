/**
 * The SQLite store (better-sqlite3, WAL). Calls are synchronous underneath and
 * wrapped as promises to fit the Store interface a PostgreSQL store will share.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ArticleWrite, RunRecord, Store, StoryQuery, WriteExtras, WriterLock } from '../store.js';
import { normalize } from '../../text/normalize.js';
import { NORMALIZE_FUNCTION } from '../migrations/004_fts_external.js';
import { migrate } from './migrate.js';
import { unpack } from './packed.js';
import { SqliteReader } from './read.js';
import { SEARCH_THREADS } from './search-pool.js';
import { SqliteSearch } from './search.js';
import { SqliteWriter } from './write.js';
import { WriteThread } from './write-thread.js';
import { SqliteWriterLock } from './lock.js';

/** How long a connection waits on another's write lock before SQLITE_BUSY. Writers take the
 *  lock at BEGIN IMMEDIATE, so SQLite's busy handler can wait for it (a deferred transaction
 *  that upgrades a read to a write gets SQLITE_BUSY at once, whatever the timeout). Runs hold
 *  the database's write lock (lock.ts) as well; this covers the readers (serve) and recordRun.
 *  A window's transaction at 5 000 documents takes a few seconds on a busy disk: 60 s is ample. */
export const BUSY_TIMEOUT_MS = 60_000;

/** A connection as every khabar connection is set up: the store's own, and its write thread's. */
export function openConnection(path: string, readonly = false): Database.Database {
  const db = new Database(path, { readonly, fileMustExist: readonly });
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // The search index reads normalized text through this function (migration 004), on every connection.
  db.function(NORMALIZE_FUNCTION, { deterministic: true }, (s: unknown) => normalize(typeof s === 'string' ? s : ''));
  if (!readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
  }
  db.pragma('cache_size = -65536');
  return db;
}

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly db: Database.Database;
  private readonly writer: SqliteWriter;
  private readonly reader: SqliteReader;
  private readonly searcher: SqliteSearch;

  constructor(
    readonly path: string,
    opts: { readonly?: boolean; rankWindow?: number } = {},
  ) {
    if (path !== ':memory:' && !opts.readonly) mkdirSync(dirname(path), { recursive: true });
    this.db = openConnection(path, opts.readonly ?? false);
    if (!opts.readonly) migrate(this.db);
    this.writer = new SqliteWriter(this.db);
    this.reader = new SqliteReader(this.db);
    // prepared once: db.pragma() prepares its statement on every call (~170 µs, a tenth of a cached search)
    const dataVersion = this.db.prepare('PRAGMA data_version').pluck();
    this.searcher = new SqliteSearch(this.db, () => `${this.writes}:${dataVersion.get()}`, {
      rankWindow: opts.rankWindow,
      ...(path === ':memory:' ? {} : { path, threads: SEARCH_THREADS }),
    });
  }

  private lock: SqliteWriterLock | null = null;

  async tryLockWriter(what: string): Promise<WriterLock | null> {
    if (this.path === ':memory:') return { generation: 0, release: async () => {} };
    this.lock ??= new SqliteWriterLock(this.path);
    return this.lock.tryAcquire(what);
  }

  lockHolder(): string {
    return this.lock?.holder() ?? 'another process';
  }

  async close(): Promise<void> {
    await this.writeInBackground(false);
    await this.searcher.close();
    this.lock?.close();
    this.lock = null;
    if (this.db.open) this.db.close();
  }

  // Rows not yet covered by a saved engine state (a killed run) do not count: they are done again.
  private readonly byHash = lazy(() => this.db.prepare('SELECT id FROM documents WHERE sha256 = ? AND indexed = 1'));
  private readonly byId = lazy(() => this.db.prepare('SELECT 1 FROM documents WHERE id = ? AND indexed = 1'));

  async findByHash(shas: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const s of shas) {
      const r = this.byHash().get(s) as { id: string } | undefined;
      if (r) out.set(s, r.id);
    }
    return out;
  }

  private readonly unindexed = lazy(() =>
    this.db.prepare('SELECT id FROM documents WHERE sha256 = ? AND indexed = 0').pluck(),
  );

  async unindexedId(sha256: string): Promise<string | null> {
    return (this.unindexed().get(sha256) as string | undefined) ?? null;
  }

  async idsTaken(ids: string[]): Promise<Set<string>> {
    return new Set(ids.filter((id) => this.byId().get(id)));
  }

  async recentRaw(site: string, limit: number): Promise<{ raw: string; rawKind: 'text' | 'html' }[]> {
    const rows = this.db
      .prepare(
        `SELECT d.raw, d.raw_kind FROM documents d JOIN sources s ON s.id = d.source_id
         WHERE s.site = ? ORDER BY d.ingested_at DESC, d.id LIMIT ?`,
      )
      .all(site, limit) as { raw: Buffer; raw_kind: 'text' | 'html' }[];
    return rows.map((r) => ({ raw: unpack(r.raw).toString('utf8'), rawKind: r.raw_kind }));
  }

  /** Writes through this connection (SQLite's data_version counts only other connections'). */
  private writes = 0;

  /** Set while writes go to a thread of their own (writeInBackground). */
  private thread: WriteThread | null = null;

  async writeInBackground(on: boolean): Promise<void> {
    if (on && !this.thread && this.path !== ':memory:') this.thread = new WriteThread(this.path);
    if (!on && this.thread) {
      const t = this.thread;
      this.thread = null;
      await t.close();
    }
  }

  async writeArticles(rows: ArticleWrite[], extras: WriteExtras = {}): Promise<void> {
    this.writes++;
    if (this.thread) return this.thread.write(rows, extras);
    this.writer.write(rows, extras);
  }

  async getState(key: string): Promise<Uint8Array | null> {
    const r = this.db.prepare('SELECT value FROM state WHERE key = ?').get(key) as { value: Buffer } | undefined;
    return r ? new Uint8Array(r.value) : null;
  }

  async putState(key: string, value: Uint8Array | string): Promise<void> {
    return this.writeArticles([], { state: { [key]: value } });
  }

  async recordRun(run: RunRecord): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO runs (id, started_at, finished_at, inputs, stats) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET finished_at = excluded.finished_at, stats = excluded.stats`,
      )
      .run(run.id, run.startedAt, run.finishedAt, JSON.stringify(run.inputs), JSON.stringify(run.stats));
  }

  async listStories(q: StoryQuery) {
    return this.reader.listStories(q);
  }
  async getStory(id: string) {
    return this.reader.getStory(id);
  }
  async getEvent(id: string) {
    return this.reader.getEvent(id);
  }
  async getArticle(id: string) {
    return this.reader.getArticle(id);
  }
  async search(q: string, opts?: { limit?: number }) {
    return this.searcher.search(q, opts);
  }
  async stats() {
    return this.reader.stats();
  }
}

/** A value made on first use (statements prepared once, after the migrations have run). */
function lazy<T>(make: () => T): () => T {
  let v: T | undefined;
  return () => (v ??= make());
}
