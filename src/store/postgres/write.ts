/**
 * The write side of the PostgreSQL store, with the semantics of
 * src/store/sqlite/write.ts: one transaction per batch; documents, articles,
 * removed lines and entities are upserted; then the duplicate groups, events and
 * stories the batch touched (before and after) are recomputed from `articles`,
 * so they can never drift. The recompute is set-based: three statements a batch.
 *
 * Several writers may share one database, so each recompute first takes an
 * advisory lock per touched aggregate (sorted, so two writers cannot deadlock on
 * them). The second writer then waits for the first to commit, and its recompute
 * (a new statement, so a new snapshot under READ COMMITTED) counts both batches.
 */
import type pg from 'pg';
import { bodyText } from '../../core/article.js';
import { lineOf } from '../../core/trace.js';
import { normalize } from '../../text/normalize.js';
import type { ArticleWrite, WriteExtras } from '../store.js';

/** Advisory lock namespace for aggregate recomputes ('khbw'); the second key is hashtext('g:'|'e:'|'s:' + id). */
export const AGGREGATE_LOCK_NS = 0x6b686277;

/** PostgreSQL text cannot hold U+0000 (SQLite can); scraped pages do contain it, and it is never meaningful. */
const NUL = /\u0000/g;
export const pgText = <T extends string | null | undefined>(s: T): T =>
  typeof s === 'string' ? (s.replace(NUL, '') as T) : s;
/** JSON for a json column: pg would turn a JS array into a PostgreSQL array literal, so we stringify
 *  ourselves. (A NUL inside stays the escape \u0000, which `json` accepts.) */
export const pgJson = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));

export interface Touched {
  groups: Set<string>;
  events: Set<string>;
  stories: Set<string>;
}
type Keys = { dup_group?: string | null; event_id?: string | null; story_id?: string | null };

const SQL = {
  before: `SELECT dup_group, event_id, story_id FROM articles WHERE id = $1`,
  source: `INSERT INTO sources (site) VALUES ($1) ON CONFLICT (site) DO UPDATE SET site = excluded.site RETURNING id`,
  document: `INSERT INTO documents (id, source_id, origin, url, raw_kind, encoding, raw, sha256, run_id, original, indexed)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
    ON CONFLICT (id) DO UPDATE SET raw = excluded.raw, original = excluded.original, sha256 = excluded.sha256,
      run_id = excluded.run_id, indexed = excluded.indexed`,
  indexed: `UPDATE documents SET indexed = 1 WHERE indexed = 0 AND run_id = $1`,
  article: `INSERT INTO articles (id, status, site, url, title, dateline, published, author, lang, text,
      rejected_rule, rejected_message, dup_group, duplicate_of, similarity, event_id, story_id, event_date,
      why, trace, meta, title_norm, body_norm)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
      $19::json, $20::json, $21::json, $22, $23)
    ON CONFLICT (id) DO UPDATE SET status = excluded.status, site = excluded.site, url = excluded.url,
      title = excluded.title, dateline = excluded.dateline, published = excluded.published, author = excluded.author,
      lang = excluded.lang, text = excluded.text, rejected_rule = excluded.rejected_rule,
      rejected_message = excluded.rejected_message, dup_group = excluded.dup_group, duplicate_of = excluded.duplicate_of,
      similarity = excluded.similarity, event_id = excluded.event_id, story_id = excluded.story_id,
      event_date = excluded.event_date, why = excluded.why, trace = excluded.trace, meta = excluded.meta,
      title_norm = excluded.title_norm, body_norm = excluded.body_norm`,
  removedDelete: `DELETE FROM removed_lines WHERE article_id = $1`,
  removed: `INSERT INTO removed_lines (article_id, seq, line, text, rule, message)
    SELECT $1, r.seq - 1, r.line, r.text, r.rule, r.message
    FROM unnest($2::int[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS r(line, text, rule, message, seq)`,
  entities: `INSERT INTO entities (key, type, name)
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT (key) DO NOTHING`,
  mentionsDelete: `DELETE FROM article_entities WHERE article_id = $1`,
  mentions: `INSERT INTO article_entities (article_id, entity_key, count, surface)
    SELECT $1, m.key, m.count, m.surface::json FROM unnest($2::text[], $3::int[], $4::text[]) AS m(key, count, surface)
    ON CONFLICT (article_id, entity_key) DO UPDATE SET count = excluded.count, surface = excluded.surface`,
  move: `WITH old AS (SELECT id, event_id, story_id FROM articles WHERE id = $3 FOR UPDATE)
    UPDATE articles a SET event_id = $1, story_id = $2 FROM old WHERE a.id = old.id
    RETURNING old.event_id AS old_event, old.story_id AS old_story`,
  regroup: `UPDATE articles SET dup_group = $2,
      duplicate_of = CASE WHEN id = $2 THEN NULL ELSE $2 END,
      status = CASE WHEN id = $2 THEN 'stored' ELSE 'duplicate' END,
      similarity = CASE WHEN id = $2 THEN 1 WHEN id = $1 THEN $3 ELSE similarity END
    WHERE dup_group = $1 AND status <> 'rejected'`,
  state: `INSERT INTO state (key, value, updated_at) VALUES ($1, $2, now())
    ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  lock: `SELECT pg_advisory_xact_lock(${AGGREGATE_LOCK_NS}, hashtext(k))
    FROM (SELECT DISTINCT k FROM unnest($1::text[]) AS k ORDER BY k) AS keys`,
  groups: `WITH agg AS (
      SELECT dup_group AS id, count(*)::int AS n, min(similarity) AS sim FROM articles
      WHERE dup_group = ANY($1::text[]) AND status <> 'rejected' GROUP BY dup_group),
    gone AS (DELETE FROM dup_groups g WHERE g.id = ANY($1::text[]) AND g.id NOT IN (SELECT id FROM agg))
    INSERT INTO dup_groups (id, canonical_id, size, min_similarity) SELECT id, id, n, sim FROM agg
    ON CONFLICT (id) DO UPDATE SET size = excluded.size, min_similarity = excluded.min_similarity`,
  // SQLite sorts NULL first in ascending order; PostgreSQL needs NULLS FIRST to agree. Sort keys are
  // qualified: a bare `id` or `title` in ORDER BY would name the CTE's output columns (the event's id).
  events: `WITH agg AS (
      SELECT event_id AS id, count(*)::int AS n, count(DISTINCT site)::int AS sources, max(story_id) AS story,
        min(coalesce(event_date, published)) AS date, min(published) AS first, max(published) AS last
      FROM articles WHERE event_id = ANY($1::text[]) AND status <> 'rejected' GROUP BY event_id),
    titles AS (
      SELECT DISTINCT ON (b.event_id) b.event_id AS id, coalesce(b.title, substr(b.text, 1, 90) || '…') AS title
      FROM articles b WHERE b.event_id = ANY($1::text[]) AND b.status <> 'rejected'
      ORDER BY b.event_id, b.title IS NULL, b.status = 'duplicate', b.published NULLS FIRST, b.id),
    gone AS (DELETE FROM events e WHERE e.id = ANY($1::text[]) AND e.id NOT IN (SELECT id FROM agg))
    INSERT INTO events (id, story_id, date, title, articles, sources, first_published, last_published)
    SELECT agg.id, story, date, titles.title, n, sources, first, last FROM agg JOIN titles USING (id)
    ON CONFLICT (id) DO UPDATE SET story_id = excluded.story_id, date = excluded.date, title = excluded.title,
      articles = excluded.articles, sources = excluded.sources, first_published = excluded.first_published,
      last_published = excluded.last_published`,
  stories: `WITH agg AS (
      SELECT story_id AS id, count(DISTINCT event_id)::int AS events, count(*)::int AS n,
        count(DISTINCT site)::int AS sources,
        min(coalesce(event_date, published)) AS first, max(coalesce(event_date, published)) AS last
      FROM articles WHERE story_id = ANY($1::text[]) AND status <> 'rejected' GROUP BY story_id),
    titles AS (
      SELECT DISTINCT ON (e.story_id) e.story_id AS id, e.title FROM events e WHERE e.story_id = ANY($1::text[])
      ORDER BY e.story_id, e.articles DESC, e.date NULLS FIRST, e.id),
    gone AS (DELETE FROM stories s WHERE s.id = ANY($1::text[]) AND s.id NOT IN (SELECT id FROM agg))
    INSERT INTO stories (id, title, first_date, last_date, events, articles, sources)
    SELECT agg.id, titles.title, first, last, events, n, sources FROM agg LEFT JOIN titles USING (id)
    ON CONFLICT (id) DO UPDATE SET title = excluded.title, first_date = excluded.first_date,
      last_date = excluded.last_date, events = excluded.events, articles = excluded.articles, sources = excluded.sources`,
};

export class PostgresWriter {
  constructor(private readonly pool: pg.Pool) {}

  async write(
    rows: ArticleWrite[],
    { moved = [], regrouped = [], state = {}, stateRunId, unindexed = false }: WriteExtras = {},
  ): Promise<void> {
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      const t: Touched = { groups: new Set(), events: new Set(), stories: new Set() };
      const touch = (k: Keys | undefined) => {
        if (k?.dup_group) t.groups.add(k.dup_group);
        if (k?.event_id) t.events.add(k.event_id);
        if (k?.story_id) t.stories.add(k.story_id);
      };
      // Rows in id order (stable: a repeated id keeps its last write), so two writers
      // upserting the same articles take the row locks in the same order.
      const ordered = rows
        .map((r, i) => [r, i] as const)
        .sort(([a, i], [b, j]) => cmp(a.article.id, b.article.id) || i - j);
      for (const [row] of ordered) for (const k of await this.writeOne(c, row, unindexed)) touch(k);
      for (const m of moved) {
        const r = await c.query<{ old_event: string | null; old_story: string | null }>(SQL.move, [
          m.event,
          m.story,
          m.id,
        ]);
        if (r.rowCount === 0) continue;
        touch({ event_id: r.rows[0].old_event, story_id: r.rows[0].old_story });
        touch({ event_id: m.event, story_id: m.story });
      }
      // in order: a later regroup may move the group an earlier one moved into
      for (const g of regrouped) {
        await c.query(SQL.regroup, [g.from, g.to, g.similarity]);
        touch({ dup_group: g.from });
        touch({ dup_group: g.to });
      }
      await this.refresh(c, t);
      for (const [key, value] of Object.entries(state)) await c.query(SQL.state, [key, Buffer.from(value)]);
      if (stateRunId) await c.query(SQL.indexed, [stateRunId]);
      await c.query('COMMIT');
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      c.release();
    }
  }

  /** Writes one article; returns the aggregate keys it had before and has now. */
  private async writeOne(
    c: pg.PoolClient,
    { article: a, status, sha256, runId }: ArticleWrite,
    unindexed: boolean,
  ): Promise<Keys[]> {
    const before = (await c.query<Keys>(SQL.before, [a.id])).rows[0];
    const sourceId = a.site ? (await c.query<{ id: number }>(SQL.source, [pgText(a.site)])).rows[0].id : null;
    const encoding = typeof a.meta.encoding === 'string' ? a.meta.encoding : null;
    await c.query(SQL.document, [
      a.id,
      sourceId,
      pgText(a.source),
      pgText(a.url),
      a.rawKind,
      encoding,
      Buffer.from(a.raw, 'utf8'),
      sha256,
      runId,
      a.bytes ? Buffer.from(a.bytes) : null,
      // a rejected document is in no index: never waits for one
      unindexed && status !== 'rejected' ? 0 : 1,
    ]);
    const text = pgText(bodyText(a));
    const title = pgText(a.title);
    const rejected = status === 'rejected';
    await c.query(SQL.article, [
      a.id,
      status,
      pgText(a.site),
      pgText(a.url),
      title,
      pgText(a.dateline),
      a.published,
      pgText(a.author),
      a.lang,
      text,
      a.rejected?.rule ?? null,
      pgText(a.rejected?.message ?? null),
      rejected ? null : (a.dupGroup ?? null),
      rejected ? null : (a.duplicateOf ?? null),
      rejected ? null : (a.similarity ?? null),
      rejected ? null : (a.event ?? null),
      rejected ? null : (a.story ?? null),
      a.eventDate ?? null,
      pgJson(a.why),
      pgJson(a.trace),
      pgJson(a.meta),
      // the search index: normalized exactly as the SQLite FTS rows are
      rejected ? null : normalize(title ?? ''),
      rejected ? null : normalize(text),
    ]);
    await c.query(SQL.removedDelete, [a.id]);
    if (a.removed.length)
      await c.query(SQL.removed, [
        a.id,
        a.removed.map((r) => lineOf(r)),
        a.removed.map((r) => pgText(r.text ?? '')),
        a.removed.map((r) => r.rule),
        a.removed.map((r) => pgText(r.message)),
      ]);
    await c.query(SQL.mentionsDelete, [a.id]);
    // sorted by key: concurrent writers inserting the same new entities wait on each other in one order
    const ents = [...(a.entities ?? [])].sort((x, y) => cmp(x.key, y.key));
    if (ents.length) {
      await c.query(SQL.entities, [ents.map((e) => e.key), ents.map((e) => e.type), ents.map((e) => pgText(e.name))]);
      await c.query(SQL.mentions, [
        a.id,
        ents.map((e) => e.key),
        ents.map((e) => e.count),
        ents.map((e) => pgJson(e.surface)),
      ]);
    }
    const now: Keys = rejected ? {} : { dup_group: a.dupGroup, event_id: a.event, story_id: a.story };
    return before ? [before, now] : [now];
  }

  /** Recomputes the touched duplicate groups, events and stories (also used by src/scale/bulk-write.ts). */
  async refresh(c: pg.PoolClient, t: Touched): Promise<void> {
    const keys = [
      ...[...t.groups].map((k) => 'g:' + k),
      ...[...t.events].map((k) => 'e:' + k),
      ...[...t.stories].map((k) => 's:' + k),
    ];
    if (keys.length === 0) return;
    await c.query(SQL.lock, [keys]);
    // groups and events first: a story's title is read from its events
    if (t.groups.size) await c.query(SQL.groups, [[...t.groups]]);
    if (t.events.size) await c.query(SQL.events, [[...t.events]]);
    if (t.stories.size) await c.query(SQL.stories, [[...t.stories]]);
  }
}

/** Code-unit order, the same for every locale (localeCompare is not). */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
