/**
 * Full-text search: FTS5 over normalized title and body, ranked by bm25
 * (ORDER BY rank, configured in migration 001), duplicate groups folded into
 * their best hit, hits marked as FTS5's highlight() would (../search/highlight.ts)
 * and snippets cut from the original text (../search/snippet.ts).
 *
 * `SearchQueries` runs a query on one connection; `SqliteSearch` is what the store serves: a result cache,
 * and, on a database file, the queries run on a pool of reader threads (search-pool.ts) so that concurrent
 * searches use every core and never hold up the main thread's HTTP work.
 */
import type Database from 'better-sqlite3';
import { LEDE_CHARS } from '../rows.js';
import { khabarError } from '../../core/errors.js';
import { toFtsQuery } from '../search/query.js';
import { phrasesOf } from '../search/highlight.js';
import { snippetFromPhrases } from '../search/snippet.js';
import type { SearchHit, SearchResult } from '../store.js';
import { SearchPool } from './search-pool.js';

export const SEARCH_LIMIT = 20;
export const SEARCH_LIMIT_MAX = 100;
/** Candidates fetched per result wanted, so that folding copies still fills a page. */
const OVERFETCH = 4;
/**
 * Matches ranked per query at most. bm25 costs a fixed ~5 ms a query on a large database (it counts the
 * rows holding each term over the whole index) plus ~1.2 µs a ranked match on this machine: "الحكومة"
 * matches 85 000 of 100 000 generated articles and ranking them all took 120 ms; the newest 10 000 took
 * 15 ms, the newest 2 000 8 ms. Under 8 concurrent searchers on two cores the 99th percentile is several
 * times a query's cost (they queue), so 2 000: half of 10 000's cost, and on a feed of a few thousand articles a
 * day still the matches of the last days. Beyond this many, the newest RANK_WINDOW
 * matches are ranked (rowid order is the order articles were stored) and the result says so in
 * `window`: a query that common is refined, not paged through.
 */
export const RANK_WINDOW = 2_000;
/** Results kept in the cache; a query repeated while nothing was written costs a lookup. */
export const CACHE_SIZE = 256;

interface Candidate {
  rowid: number;
  rank: number;
}

/** One query on one connection: what the reader threads run, and the store itself on `:memory:`. */
export class SearchQueries {
  private readonly ranked;
  private readonly article;
  private readonly nthNewest;
  private readonly newest;
  private readonly rankedSince;

  constructor(
    db: Database.Database,
    private readonly rankWindow = RANK_WINDOW,
  ) {
    this.ranked = db.prepare(`SELECT rowid, rank FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?`);
    this.nthNewest = db
      .prepare(`SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?`)
      .pluck();
    this.newest = db.prepare(`SELECT max(rowid) FROM articles`).pluck();
    this.rankedSince = db.prepare(
      `SELECT rowid, rank FROM articles_fts WHERE articles_fts MATCH ? AND rowid >= ? ORDER BY rank LIMIT ?`,
    );
    this.article = db.prepare(
      `SELECT a.id, a.title, a.site, a.published, a.event_id, a.story_id, a.dup_group, a.text, coalesce(g.size, 1) AS size
       FROM articles a LEFT JOIN dup_groups g ON g.id = a.dup_group WHERE a.rowid = ?`,
    );
  }

  /** `match` is `toFtsQuery(query)`. */
  run(query: string, match: string, limit: number): SearchResult {
    const t0 = performance.now();
    let candidates: Candidate[];
    let window: SearchResult['window'];
    try {
      // the rowid of the RANK_WINDOW-th newest match, if there are that many: reading the newest matches'
      // rowids is cheap, counting them all is not (3 ms for "الحكومة"), so past the window the count is
      // estimated from how densely the window's matches sit among the newest articles
      const since = this.nthNewest.get(match, this.rankWindow - 1) as number | undefined;
      if (since !== undefined) {
        const newest = this.newest.get() as number;
        candidates = this.rankedSince.all(match, BigInt(since), limit * OVERFETCH) as Candidate[];
        window = {
          ranked: this.rankWindow,
          matchesAbout: Math.round((this.rankWindow * newest) / (newest - since + 1)),
        };
      } else candidates = this.ranked.all(match, limit * OVERFETCH) as Candidate[];
    } catch (e) {
      // toFtsQuery quotes every term, so this is a bug or an FTS5 limit; still a 400, never a 500
      throw khabarError('KHB_BAD_QUERY', e instanceof Error ? e.message : String(e));
    }
    const hits: SearchHit[] = [];
    const groups = new Set<string>();
    const phrases = phrasesOf(match);
    for (const c of candidates) {
      if (hits.length >= limit) break;
      const a = this.article.get(c.rowid) as Record<string, string | null> & { size: number };
      if (!a) continue;
      if (a.dup_group) {
        if (groups.has(a.dup_group)) continue; // the best hit of each duplicate group
        groups.add(a.dup_group);
      }
      hits.push({
        id: a.id!,
        title: a.title,
        site: a.site,
        published: a.published,
        eventId: a.event_id,
        storyId: a.story_id,
        score: c.rank,
        titleParts: a.title ? snippetFromPhrases(a.title, phrases, true) : [],
        lede: (a.text ?? '').slice(0, LEDE_CHARS),
        snippet: snippetFromPhrases(a.text ?? '', phrases),
        copies: Math.max(0, Number(a.size) - 1),
      });
    }
    return {
      query,
      match,
      hits,
      tookMs: Math.round((performance.now() - t0) * 10) / 10,
      ...(window ? { window } : {}),
    };
  }
}

/** The store's search: the result cache in front of the queries, run here or on the reader threads. */
export class SqliteSearch {
  private local: SearchQueries | null = null;
  private pool: SearchPool | null = null;
  private readonly cache = new Map<string, { version: string; result: SearchResult }>();

  /**
   * `version()` changes whenever the database does (the store's write count and SQLite's data_version).
   * With `path` (a database file), queries run on `threads` reader threads started at the first search.
   */
  constructor(
    private readonly db: Database.Database,
    private readonly version: () => string,
    private readonly opts: { rankWindow?: number; path?: string; threads?: number } = {},
  ) {}

  async search(query: string, opts: { limit?: number } = {}): Promise<SearchResult> {
    const t0 = performance.now();
    const limit = Math.min(Math.max(1, opts.limit ?? SEARCH_LIMIT), SEARCH_LIMIT_MAX);
    const match = toFtsQuery(query);
    const key = `${limit}\u0000${match}`;
    const version = this.version();
    const hit = this.cache.get(key);
    if (hit && hit.version === version) {
      this.cache.delete(key); // most recently used goes last
      this.cache.set(key, hit);
      return { ...hit.result, query, cached: true, tookMs: Math.round((performance.now() - t0) * 10) / 10 };
    }
    const { path, threads = 0, rankWindow } = this.opts;
    let result: SearchResult;
    if (path && threads > 0) {
      this.pool ??= new SearchPool(path, threads, rankWindow);
      result = await this.pool.run(query, match, limit);
    } else result = (this.local ??= new SearchQueries(this.db, rankWindow)).run(query, match, limit);
    this.cache.delete(key);
    this.cache.set(key, { version, result });
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    return result;
  }

  async close(): Promise<void> {
    await this.pool?.close();
    this.pool = null;
  }
}
