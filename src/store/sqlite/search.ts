/**
 * Full-text search: FTS5 over normalized title and body, ranked by bm25 (title 4, body 1, the
 * table's rank setting; with the phrases' row counts kept between queries, rank.ts), duplicate groups folded into
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
import { ftsPhrases, loadRankExtension, PhraseCounts, RANK_WEIGHTS } from './rank.js';

export const SEARCH_LIMIT = 20;
export const SEARCH_LIMIT_MAX = 100;
/** Candidates fetched per result wanted, so that folding copies still fills a page. */
const OVERFETCH = 4;
/**
 * Matches ranked per query at most. Ranking costs ~0.6 µs a ranked match on this machine once the phrases'
 * row counts are kept (rank.ts): "الحكومة" matches 85 000 of 100 000 generated articles, and ranking them all
 * took 120 ms with bm25(); the newest 2 000 take ~1.4 ms with khabar_bm25 (8 ms with bm25(), which counts the
 * index again each time). Under 8 concurrent searchers on two cores the 99th percentile is several times a
 * query's cost (they queue), and on a feed of a few thousand articles a day 2 000 are still the matches of
 * the last days. Beyond this many, the newest RANK_WINDOW matches are ranked (rowid order is the order
 * articles were stored) and the result says so in `window`: a query that common is refined, not paged through.
 */
export const RANK_WINDOW = 2_000;
/** Results kept in the cache; a query repeated while nothing was written costs a lookup. */
export const CACHE_SIZE = 256;

interface Candidate {
  rowid: number;
  rank: number;
}

/** The ranked matches of a query at or after rowid `since` (0: all of them), best first. */
type RankStatement = (match: string, since: number, limit: number, newest: number) => Candidate[];

/** One query on one connection: what the reader threads run, and the store itself on `:memory:`. */
export class SearchQueries {
  private readonly article;
  private readonly nthNewest;
  private readonly newest;
  private readonly groupOf;
  private readonly rankMatches: RankStatement;
  /** The phrases' row counts khabar_bm25 ranks with (null with bm25()). */
  counts: PhraseCounts | null = null;
  /** What ranks: khabar_bm25 with kept counts, or FTS5's bm25() where the extension is not there. */
  readonly ranking: 'khabar_bm25' | 'bm25';

  private readonly rankWindow: number;
  private readonly shareCounts: boolean;

  /**
   * `bm25Only` ranks with FTS5's bm25() even where khabar_bm25 loads (the tests compare the two);
   * `shareCounts` collects the counts taken for the other reader threads (PhraseCounts.drain).
   */
  constructor(
    private readonly db: Database.Database,
    opts: { rankWindow?: number; bm25Only?: boolean; shareCounts?: boolean } = {},
  ) {
    this.rankWindow = opts.rankWindow ?? RANK_WINDOW;
    this.shareCounts = opts.shareCounts ?? false;
    this.nthNewest = db
      .prepare(`SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?`)
      .pluck();
    this.newest = db.prepare(`SELECT max(rowid) FROM articles`).pluck();
    this.groupOf = db.prepare(`SELECT dup_group FROM articles WHERE rowid = ?`).pluck();
    this.ranking = !opts.bm25Only && loadRankExtension(db) ? 'khabar_bm25' : 'bm25';
    this.rankMatches = this.ranking === 'khabar_bm25' ? this.withCounts() : this.withBm25();
    this.article = db.prepare(
      `SELECT a.id, a.title, a.site, a.published, a.event_id, a.story_id, a.dup_group, a.text, coalesce(g.size, 1) AS size
       FROM articles a LEFT JOIN dup_groups g ON g.id = a.dup_group WHERE a.rowid = ?`,
    );
  }

  /** FTS5's bm25(), which counts every phrase's rows over the whole index on each query (rank.ts). */
  private withBm25(): RankStatement {
    const ranked = this.db.prepare(
      `SELECT rowid, rank FROM articles_fts WHERE articles_fts MATCH ? AND rowid >= ? ORDER BY rank LIMIT ?`,
    );
    return (match, since, limit) => ranked.all(match, BigInt(since), limit) as Candidate[];
  }

  /** The same bm25 with the phrases' row counts kept between queries (khabar_bm25, rank.ts). */
  private withCounts(): RankStatement {
    const counts = (this.counts = new PhraseCounts(this.db, this.shareCounts));
    const byPhrases = new Map<number, Database.Statement>();
    const weights = RANK_WEIGHTS.map((w) => w.toFixed(1)).join(', ');
    return (match, since, limit, newest) => {
      const phrases = ftsPhrases(match);
      const n = phrases.length;
      let ranked = byPhrases.get(n);
      if (!ranked) {
        ranked = this.db.prepare(
          `SELECT rowid, khabar_bm25(articles_fts, ${n}, ${weights}${', ?'.repeat(n)}) AS rank FROM articles_fts
           WHERE articles_fts MATCH ? AND rowid >= ? ORDER BY rank LIMIT ?`,
        );
        byPhrases.set(n, ranked);
      }
      const rows = phrases.map((p) => counts.of(p, newest));
      return ranked.all(...rows, match, BigInt(since), limit) as Candidate[];
    };
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
      const newest = (this.newest.get() as number | null) ?? 0;
      candidates = this.rankMatches(match, since ?? 0, limit * OVERFETCH, newest);
      if (since !== undefined)
        window = {
          ranked: this.rankWindow,
          matchesAbout: Math.round((this.rankWindow * newest) / (newest - since + 1)),
        };
    } catch (e) {
      // toFtsQuery quotes every term, so this is a bug or an FTS5 limit; still a 400, never a 500
      throw khabarError('KHB_BAD_QUERY', e instanceof Error ? e.message : String(e));
    }
    const hits: SearchHit[] = [];
    const groups = new Set<string>();
    const phrases = phrasesOf(match);
    for (const c of candidates) {
      if (hits.length >= limit) break;
      // the group first, alone (a third of a whole row's cost): most of the candidates a common query
      // skips are copies of a hit already taken
      const group = this.groupOf.get(c.rowid) as string | null | undefined;
      if (group === undefined) continue;
      if (group) {
        if (groups.has(group)) continue; // the best hit of each duplicate group
        groups.add(group);
      }
      const a = this.article.get(c.rowid) as Record<string, string | null> & { size: number };
      if (!a) continue;
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
    } else result = (this.local ??= new SearchQueries(this.db, { rankWindow })).run(query, match, limit);
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
