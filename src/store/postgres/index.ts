/**
 * The PostgreSQL store (node-postgres pool): the Store interface with the
 * semantics of the SQLite store, for when one machine is not enough. Open it
 * with `PostgresStore.open(url)` (or `openStore('postgres://…')`), which applies
 * the migrations; `schema` keeps one store's tables apart from another's in the
 * same database (tests use a throwaway `khabar_test_<random>`).
 */
import pg from 'pg';
import { khabarError } from '../../core/errors.js';
import type { ArticleWrite, RunRecord, SearchResult, Store, StoryQuery, WriteExtras } from '../store.js';
import { checkSchema, migrate } from './migrate.js';
import { PostgresReader } from './read.js';
import { PostgresSearch } from './search.js';
import { PostgresWriter } from './write.js';

/** Connections per store: the server reads while the pipeline writes; PostgreSQL's default max is 100. */
export const POOL_SIZE = 10;
/** Give up on an unreachable server quickly with a clear message, rather than hang the CLI. */
export const CONNECT_TIMEOUT_MS = 5000;

export interface PostgresOptions {
  /** Schema holding the tables (created if missing); default `public`. */
  schema?: string;
  /** Open without migrating, and refuse writes (default_transaction_read_only). */
  readonly?: boolean;
}

/** The URL with any password masked, for messages. */
export const redact = (url: string) => url.replace(/\/\/([^:/@]+):[^@/]*@/, '//$1:***@');

/** Takes `schema` out of the URL's query: it is ours, not a libpq parameter. */
function splitSchema(location: string): { url: string; schema: string | null } {
  const m = /([?&])schema=([^&#]*)&?/.exec(location);
  if (!m) return { url: location, schema: null };
  const url = (
    location.slice(0, m.index) +
    (m[0].endsWith('&') ? m[1] : '') +
    location.slice(m.index + m[0].length)
  ).replace(/[?&]$/, '');
  return { url, schema: decodeURIComponent(m[2]) };
}

export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  readonly schema: string;
  private readonly writer: PostgresWriter;
  private readonly reader: PostgresReader;
  private readonly searcher: PostgresSearch;
  private closed = false;

  private constructor(
    readonly pool: pg.Pool,
    schema: string,
  ) {
    this.schema = schema;
    this.writer = new PostgresWriter(pool);
    this.reader = new PostgresReader(pool);
    this.searcher = new PostgresSearch(pool);
  }

  /** `url` may name the schema as `?schema=name` (for `--db`); `opts.schema` wins over it. */
  static async open(location: string, opts: PostgresOptions = {}): Promise<PostgresStore> {
    const { url, schema: fromUrl } = splitSchema(location);
    const schema = checkSchema(opts.schema ?? fromUrl ?? 'public');
    const settings = [`-c search_path=${schema}`];
    if (opts.readonly) settings.push('-c default_transaction_read_only=on');
    const pool = new pg.Pool({
      connectionString: url,
      max: POOL_SIZE,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      application_name: 'khabar',
      options: settings.join(' '),
    });
    // An idle connection the server drops emits 'error' on the pool; without a listener
    // that would crash the process. The pool replaces the connection on next use.
    pool.on('error', () => undefined);
    try {
      if (!opts.readonly) await migrate(pool, schema);
      else await pool.query('SELECT 1');
    } catch (e) {
      await pool.end().catch(() => undefined);
      if ((e as { code?: string }).code?.startsWith('KHB_')) throw e;
      throw khabarError(
        'KHB_BAD_INPUT',
        `cannot open PostgreSQL at ${redact(url)}: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
    return new PostgresStore(pool, schema);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  async findByHash(shas: string[]): Promise<Map<string, string>> {
    const r = await this.pool.query<{ sha256: string; id: string }>(
      // rows not yet covered by a saved engine state (a killed run) do not count: they are done again
      'SELECT sha256, id FROM documents WHERE sha256 = ANY($1::text[]) AND indexed = 1',
      [shas],
    );
    return new Map(r.rows.map((x) => [x.sha256, x.id]));
  }

  async unindexedId(sha256: string): Promise<string | null> {
    const r = await this.pool.query<{ id: string }>('SELECT id FROM documents WHERE sha256 = $1 AND indexed = 0', [
      sha256,
    ]);
    return r.rows[0]?.id ?? null;
  }

  async idsTaken(ids: string[]): Promise<Set<string>> {
    const r = await this.pool.query<{ id: string }>(
      'SELECT id FROM documents WHERE id = ANY($1::text[]) AND indexed = 1',
      [ids],
    );
    return new Set(r.rows.map((x) => x.id));
  }

  async recentRaw(site: string, limit: number): Promise<{ raw: string; rawKind: 'text' | 'html' }[]> {
    const r = await this.pool.query<{ raw: Buffer; raw_kind: 'text' | 'html' }>(
      `SELECT d.raw, d.raw_kind FROM documents d JOIN sources s ON s.id = d.source_id
       WHERE s.site = $1 ORDER BY d.ingested_at DESC, d.id LIMIT $2`,
      [site, limit],
    );
    return r.rows.map((x) => ({ raw: x.raw.toString('utf8'), rawKind: x.raw_kind }));
  }

  async writeArticles(rows: ArticleWrite[], extras: WriteExtras = {}): Promise<void> {
    await this.writer.write(rows, extras);
  }

  async getState(key: string): Promise<Uint8Array | null> {
    const r = await this.pool.query<{ value: Buffer }>('SELECT value FROM state WHERE key = $1', [key]);
    return r.rows[0] ? new Uint8Array(r.rows[0].value) : null;
  }

  async putState(key: string, value: Uint8Array | string): Promise<void> {
    await this.writer.write([], { state: { [key]: value } });
  }

  async recordRun(run: RunRecord): Promise<void> {
    await this.pool.query(
      `INSERT INTO runs (id, started_at, finished_at, inputs, stats) VALUES ($1, $2, $3, $4::json, $5::json)
       ON CONFLICT (id) DO UPDATE SET finished_at = excluded.finished_at, stats = excluded.stats`,
      [run.id, run.startedAt, run.finishedAt, JSON.stringify(run.inputs), JSON.stringify(run.stats ?? null)],
    );
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
  async search(q: string, opts?: { limit?: number }): Promise<SearchResult> {
    return this.searcher.search(q, opts);
  }
  async stats() {
    return this.reader.stats();
  }
}
