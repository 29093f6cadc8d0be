/**
 * Full-text search: FTS5 over normalized title and body, ranked by bm25
 * (ORDER BY rank, configured in migration 001), duplicate groups folded into
 * their best hit, snippets cut from the original text (../search/snippet.ts).
 */
import type Database from 'better-sqlite3';
import { khabarError } from '../../core/errors.js';
import { toFtsQuery } from '../search/query.js';
import { HIT_CLOSE, HIT_OPEN, snippetFromHighlight } from '../search/snippet.js';
import type { SearchHit, SearchResult } from '../store.js';

export const SEARCH_LIMIT = 20;
export const SEARCH_LIMIT_MAX = 100;
/** Candidates fetched per result wanted, so that folding copies still fills a page. */
const OVERFETCH = 4;

interface Candidate {
  rowid: number;
  rank: number;
}

export class SqliteSearch {
  private readonly ranked;
  private readonly highlight;
  private readonly article;

  constructor(db: Database.Database) {
    this.ranked = db.prepare(`SELECT rowid, rank FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?`);
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
    let candidates: Candidate[];
    try {
      candidates = this.ranked.all(match, limit * OVERFETCH) as Candidate[];
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
        if (groups.has(a.dup_group)) continue;
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
        snippet: snippetFromHighlight(a.text ?? '', h.hb),
        copies: Math.max(0, Number(a.size) - 1),
      });
    }
    return { query, match, hits, tookMs: Math.round((performance.now() - t0) * 10) / 10 };
  }
}
