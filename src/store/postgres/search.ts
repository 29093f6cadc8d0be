/**
 * Full-text search on PostgreSQL with the SQLite store's behaviour:
 * 1. the user's query goes through src/store/search/query.ts (toFtsQuery), so it
 *    is normalized the same way and fails with the same KHB_BAD_QUERY errors;
 * 2. that expression (quoted terms, OR, AND, NOT, a trailing * for a prefix) is
 *    rebuilt as a tsquery from phraseto_tsquery('simple', $n) pieces joined with
 *    the tsquery operators && || !!, so user text only ever travels as a parameter;
 * 3. articles match on their generated tsvector (migrations.ts), ranked with
 *    ts_rank_cd, duplicate groups folded into their best hit;
 * 4. ts_headline marks the hits in the normalized text and
 *    src/store/search/snippet.ts maps them back onto the original text.
 */
import type pg from 'pg';
import { khabarError } from '../../core/errors.js';
import { LEDE_CHARS } from '../rows.js';
import { toFtsQuery } from '../search/query.js';
import { HIT_CLOSE, HIT_OPEN, snippetFromHighlight } from '../search/snippet.js';
import type { SearchHit, SearchResult } from '../store.js';

/** Default and largest page of hits (as the SQLite store). */
export const SEARCH_LIMIT = 20;
export const SEARCH_LIMIT_MAX = 100;
/** Candidates fetched per result wanted, so that folding copies still fills a page. */
const OVERFETCH = 4;
/** ts_rank_cd weights {D, C, B, A}: title (A) 1.0, body (B) 0.25, a title match worth four body matches
 *  as SQLite's bm25(4.0, 1.0). */
export const RANK_WEIGHTS = '{0.1, 0.2, 0.25, 1.0}';
/** Divide by 1 + log(length): like bm25, a match in a short article beats one lost in a long one. */
export const RANK_NORMALIZATION = 1;
/** The whole (normalized) text with every match marked, as FTS5 highlight() returns it. */
const HEADLINE_OPTIONS = `StartSel=${HIT_OPEN}, StopSel=${HIT_CLOSE}, HighlightAll=true`;

/** A tsquery as SQL: `sql` uses $first… for `params`; `fts` is the expression it came from. */
export interface TsQuerySql {
  sql: string;
  params: string[];
  fts: string;
}

type Tok =
  { t: 'term'; text: string; prefix: boolean } | { t: 'op'; op: 'AND' | 'OR' | 'NOT' } | { t: '(' } | { t: ')' };

function lexFts(fts: string): Tok[] {
  const out: Tok[] = [];
  const re = /\s*(?:"((?:[^"]|"")*)"(\*?)|(AND|OR|NOT)(?=[\s()]|$)|([()]))/gy;
  let m: RegExpExecArray | null;
  while (re.lastIndex < fts.length && (m = re.exec(fts))) {
    if (m[1] !== undefined) out.push({ t: 'term', text: m[1].replace(/""/g, '"'), prefix: m[2] === '*' });
    else if (m[3]) out.push({ t: 'op', op: m[3] as 'AND' | 'OR' | 'NOT' });
    else out.push({ t: m[4] as '(' | ')' });
  }
  if (re.lastIndex < fts.trimEnd().length) throw unexpected(fts);
  return out;
}

const unexpected = (fts: string) => khabarError('KHB_BAD_QUERY', `cannot translate "${fts}" for PostgreSQL`);

/**
 * toFtsQuery's output → SQL for a tsquery. FTS5 precedence, tightest first: NOT, AND, OR
 * (toFtsQuery parenthesizes every mixed group, so this only has to be right, not clever).
 */
export function tsqueryFromFts(fts: string, first = 1): TsQuerySql {
  const toks = lexFts(fts);
  const params: string[] = [];
  let i = 0;
  const peekOp = (op: string) => {
    const t = toks[i];
    return t?.t === 'op' && t.op === op;
  };
  const primary = (): string => {
    const t = toks[i++];
    if (t?.t === '(') {
      const e = orExpr();
      if (toks[i++]?.t !== ')') throw unexpected(fts);
      return e;
    }
    if (t?.t !== 'term') throw unexpected(fts);
    params.push(t.text);
    const p = `phraseto_tsquery('simple', $${first + params.length - 1})`;
    // A prefix applies to the last word of the phrase, as in FTS5. PostgreSQL quotes each
    // lexeme in the tsquery's text form, so appending :* to it adds only the prefix flag.
    return t.prefix ? `(SELECT CASE WHEN numnode(p) = 0 THEN p ELSE (p::text || ':*')::tsquery END FROM ${p} AS p)` : p;
  };
  const notExpr = (): string => {
    let e = primary();
    while (peekOp('NOT')) {
      i++;
      e = `(${e} && !!${primary()})`;
    }
    return e;
  };
  const andExpr = (): string => {
    let e = notExpr();
    while (peekOp('AND')) {
      i++;
      e = `(${e} && ${notExpr()})`;
    }
    return e;
  };
  const orExpr = (): string => {
    let e = andExpr();
    while (peekOp('OR')) {
      i++;
      e = `(${e} || ${andExpr()})`;
    }
    return e;
  };
  const sql = orExpr();
  if (i !== toks.length) throw unexpected(fts);
  return { sql, params, fts };
}

/** A user's query → tsquery SQL, or KHB_BAD_QUERY exactly where the SQLite store says so. */
export function tsqueryOf(query: string, first = 1): TsQuerySql {
  return tsqueryFromFts(toFtsQuery(query), first);
}

/** SQLSTATE classes that mean "this query text is wrong" (22 data exception, 42 syntax), not "the database is down". */
const QUERY_ERROR = /^(22|42)/;

interface Candidate {
  id: string;
  rank: number;
  dup_group: string | null;
}

export class PostgresSearch {
  constructor(private readonly pool: pg.Pool) {}

  async search(query: string, opts: { limit?: number } = {}): Promise<SearchResult> {
    const t0 = performance.now();
    const limit = Math.min(Math.max(1, opts.limit ?? SEARCH_LIMIT), SEARCH_LIMIT_MAX);
    const q = tsqueryOf(query);
    const next = q.params.length + 1; // the first parameter number after the query's
    let match: string;
    let candidates: Candidate[];
    try {
      match = (await this.pool.query<{ m: string }>(`SELECT (${q.sql})::text AS m`, q.params)).rows[0].m;
      // ties: the canonical before its copies, then by id, so folding keeps the canonical
      candidates = (
        await this.pool.query<Candidate>(
          `WITH q AS (SELECT ${q.sql} AS q)
           SELECT a.id, ts_rank_cd('${RANK_WEIGHTS}', a.tsv, q.q, ${RANK_NORMALIZATION}) AS rank, a.dup_group
           FROM articles a, q WHERE a.tsv @@ q.q
           ORDER BY rank DESC, a.duplicate_of IS NOT NULL, a.id LIMIT $${next}`,
          [...q.params, limit * OVERFETCH],
        )
      ).rows;
    } catch (e) {
      // toFtsQuery already refused what it could; a tsquery PostgreSQL rejects is still a 400, never a 500
      if (QUERY_ERROR.test(String((e as { code?: unknown }).code ?? '')))
        throw khabarError('KHB_BAD_QUERY', e instanceof Error ? e.message : String(e));
      throw e;
    }
    // 1. fold duplicate groups into their best-ranked member
    const chosen: Candidate[] = [];
    const groups = new Set<string>();
    for (const c of candidates) {
      if (chosen.length >= limit) break;
      if (c.dup_group) {
        if (groups.has(c.dup_group)) continue;
        groups.add(c.dup_group);
      }
      chosen.push(c);
    }
    // 2. the chosen articles with their highlighted normalized title and body, in one query
    const rows = chosen.length
      ? (
          await this.pool.query(
            `WITH q AS (SELECT ${q.sql} AS q)
             SELECT a.id, a.title, a.site, a.published, a.event_id, a.story_id, a.text, coalesce(g.size, 1) AS size,
               ts_headline('simple', coalesce(a.title_norm, ''), q.q, $${next + 1}) AS ht,
               ts_headline('simple', coalesce(a.body_norm, ''), q.q, $${next + 1}) AS hb
             FROM articles a CROSS JOIN q LEFT JOIN dup_groups g ON g.id = a.dup_group WHERE a.id = ANY($${next}::text[])`,
            [...q.params, chosen.map((c) => c.id), HEADLINE_OPTIONS],
          )
        ).rows
      : [];
    const byId = new Map(rows.map((r) => [r.id as string, r]));
    const hits: SearchHit[] = [];
    for (const c of chosen) {
      const a = byId.get(c.id);
      if (!a) continue;
      hits.push({
        id: a.id,
        title: a.title,
        site: a.site,
        published: a.published,
        eventId: a.event_id,
        storyId: a.story_id,
        // negated so that lower is better, as bm25 scores are in the SQLite store
        score: -Number(c.rank),
        titleParts: a.title ? snippetFromHighlight(a.title, a.ht, true) : [],
        lede: (a.text ?? '').slice(0, LEDE_CHARS),
        snippet: snippetFromHighlight(a.text ?? '', a.hb),
        copies: Math.max(0, Number(a.size) - 1),
      });
    }
    return { query, match, hits, tookMs: Math.round((performance.now() - t0) * 10) / 10 };
  }
}
