/**
 * Full-text search: FTS5 over normalized title and body, ranked by bm25
 * (ORDER BY rank, configured in migration 001), duplicate groups folded into
 * their best hit, snippets cut from the original text (../search/snippet.ts).
 */
import type Database from 'better-sqlite3';
import { LEDE_CHARS } from '../rows.js';
import { khabarError } from '../../core/errors.js';
import { toFtsQuery } from '../search/query.js';
import { HIT_CLOSE, HIT_OPEN, snippetFromHighlight } from '../search/snippet.js';
import type { SearchHit, SearchResult } from '../store.js';

export const SEARCH_LIMIT = 20;
export const SEARCH_LIMIT_MAX = 100;
/** Candidates fetched per result wanted, so that folding copies still fills a page. */
const OVERFETCH = 4;
/**
 * Matches ranked per query at most. bm25 scores every match (about 1.4 µs each on this
 * machine: "الحكومة" matches 85 000 of 100 000 generated articles and ranking them took
 * 120 ms, so a few concurrent users queued for seconds; 10 000 take ~15 ms). Beyond this
 * many, the newest RANK_WINDOW matches are ranked (rowid order is the order articles were stored) and the
 * result says so in `window`: a query that common is refined, not paged through.
 */
export const RANK_WINDOW = 10_000;
/** Results kept in the cache; a query repeated while nothing was written costs a lookup. */
export const CACHE_SIZE = 256;

interface Candidate {
  rowid: number;
  rank: number;
}

export class SqliteSearch {
  private readonly ranked;
  private readonly highlight;
  private readonly article;

  private readonly count;
  private readonly nthNewest;
  private readonly rankedSince;
  private readonly cache = new Map<string, { version: string; result: SearchResult }>();

  /** `version()` changes whenever the database does (the store's write count and SQLite's data_version). */
  constructor(
    db: Database.Database,
    private readonly version: () => string,
    private readonly rankWindow = RANK_WINDOW,
  ) {
    this.ranked = db.prepare(`SELECT rowid, rank FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?`);
    this.count = db.prepare(`SELECT count(*) AS n FROM articles_fts WHERE articles_fts MATCH ?`).pluck();
    this.nthNewest = db
      .prepare(`SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?`)
      .pluck();
    this.rankedSince = db.prepare(
      `SELECT rowid, rank FROM articles_fts WHERE articles_fts MATCH ? AND rowid >= ? ORDER BY rank LIMIT ?`,
    );
    this.highlight = db.prepare(
      `SELECT highlight(articles_fts, 0, '${HIT_OPEN}', '${HIT_CLOSE}') AS ht,
              highlight(articles_fts, 1, '${HIT_OPEN}', '${HIT_CLOSE}') AS hb
       FROM articles_fts WHERE articles_fts MATCH ? AND rowid = ?`,
    );
    this.article = db.prepare(
      `SELECT a.id, a.title, a.site, a.published, a.event_id, a.story_id, a.dup_group, a.text, coalesce(g.size, 1) AS size
       FROM articles a LEFT JOIN dup_groups g ON g.id = a.dup_group WHERE a.rowid = ?`,
    );
  }

  search(query: string, opts: { limit?: number } = {}): SearchResult {
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
    const result = this.run(query, match, limit, t0);
    this.cache.delete(key);
    this.cache.set(key, { version, result });
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    return result;
  }

  private run(query: string, match: string, limit: number, t0: number): SearchResult {
    let candidates: Candidate[];
    let window: SearchResult['window'];
    try {
      const matches = this.count.get(match) as number;
      if (matches > this.rankWindow) {
        const since = this.nthNewest.get(match, this.rankWindow - 1) as number;
        candidates = this.rankedSince.all(match, BigInt(since), limit * OVERFETCH) as Candidate[];
        window = { matches, ranked: this.rankWindow };
      } else candidates = this.ranked.all(match, limit * OVERFETCH) as Candidate[];
    } catch (e) {
      // toFtsQuery quotes every term, so this is a bug or an FTS5 limit; still a 400, never a 500
      throw khabarError('KHB_BAD_QUERY', e instanceof Error ? e.message : String(e));
    }
    const hits: SearchHit[] = [];
    const groups = new Set<string>();
    for (const c of candidates) {
      if (hits.length >= limit) break;
      const a = this.article.get(c.rowid) as Record<string, string | null> & { size: number };
      if (!a) continue;
      if (a.dup_group) {
        if (groups.has(a.dup_group)) continue; // the best hit of each duplicate group
        groups.add(a.dup_group);
      }
      const h = this.highlight.get(match, BigInt(c.rowid)) as { ht: string; hb: string };
      hits.push({
        id: a.id!,
        title: a.title,
        site: a.site,
        published: a.published,
        eventId: a.event_id,
        storyId: a.story_id,
        score: c.rank,
        titleParts: a.title ? snippetFromHighlight(a.title, h.ht, true) : [],
        lede: (a.text ?? '').slice(0, LEDE_CHARS),
        snippet: snippetFromHighlight(a.text ?? '', h.hb),
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
