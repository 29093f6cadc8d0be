/**
 * The read side of the PostgreSQL store: the same records, order and paging
 * as src/store/sqlite/read.ts. Two things keep the answers equal:
 * - SQLite sorts NULL first ascending (last descending); every nullable sort key
 *   here says NULLS FIRST / NULLS LAST to agree;
 * - keys and dates are `COLLATE "C"` columns (migrations.ts), so text compares
 *   byte-wise as in SQLite. Counts come back as bigint strings and are cast.
 */
import type pg from 'pg';
import type {
  ArticleDetail,
  EntityCount,
  EventDetail,
  Page,
  StatsReport,
  StoryDetail,
  StoryQuery,
  StorySummary,
} from '../store.js';
import {
  ARTICLE_COLS,
  decodeCursor,
  encodeCursor,
  eventOf,
  STORIES_PAGE,
  STORIES_PAGE_MAX,
  storyOf,
  str,
  summaryOf,
  type Row,
  REMOVED_COLS,
  removedOf,
} from '../rows.js';
import { tsqueryOf } from './search.js';

/** Entities listed for a story or an event: the most mentioned. */
export const ENTITIES_SHOWN = 30;

export class PostgresReader {
  constructor(private readonly pool: pg.Pool) {}

  private async all(sql: string, args: unknown[] = []): Promise<Row[]> {
    return (await this.pool.query(sql, args)).rows as Row[];
  }
  private async one(sql: string, args: unknown[] = []): Promise<Row | undefined> {
    return (await this.all(sql, args))[0];
  }

  async listStories(q: StoryQuery): Promise<Page<StorySummary>> {
    const limit = Math.min(Math.max(1, q.limit ?? STORIES_PAGE), STORIES_PAGE_MAX);
    const where: string[] = [];
    const args: unknown[] = [];
    const arg = (v: unknown) => `$${args.push(v)}`;
    if (q.from) where.push(`last_date >= ${arg(q.from)}`);
    if (q.to) where.push(`first_date <= ${arg(q.to)}`);
    if (q.q) {
      const ts = tsqueryOf(q.q, args.length + 1);
      args.push(...ts.params);
      where.push(`id IN (SELECT a.story_id FROM articles a WHERE a.tsv @@ ${ts.sql})`);
    }
    if (q.cursor) {
      const [last, id] = decodeCursor(q.cursor);
      const l = arg(last);
      where.push(`(coalesce(last_date, '') < ${l} OR (coalesce(last_date, '') = ${l} AND id < ${arg(id)}))`);
    }
    const rows = (
      await this.all(
        `SELECT * FROM stories ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
         ORDER BY coalesce(last_date, '') DESC, id DESC LIMIT ${arg(limit + 1)}`,
        args,
      )
    ).map(storyOf);
    const items = rows.slice(0, limit);
    return { items, nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1]) : null };
  }

  private async entitiesWhere(col: 'event_id' | 'story_id', id: string): Promise<EntityCount[]> {
    const rows = await this.all(
      `SELECT e.key, e.type, e.name, count(DISTINCT ae.article_id)::int AS articles
       FROM article_entities ae JOIN articles a ON a.id = ae.article_id JOIN entities e ON e.key = ae.entity_key
       WHERE a.${col} = $1 AND a.status <> 'rejected' GROUP BY e.key ORDER BY articles DESC, e.key LIMIT ${ENTITIES_SHOWN}`,
      [id],
    );
    return rows as unknown as EntityCount[];
  }

  async getStory(id: string): Promise<StoryDetail | null> {
    const s = await this.one('SELECT * FROM stories WHERE id = $1', [id]);
    if (!s) return null;
    const articles = (
      await this.all(
        `SELECT ${ARTICLE_COLS} FROM articles WHERE story_id = $1 AND status <> 'rejected'
         ORDER BY published NULLS FIRST, status = 'duplicate', id`,
        [id],
      )
    ).map(summaryOf);
    const events = (await this.all('SELECT * FROM events WHERE story_id = $1 ORDER BY date NULLS FIRST, id', [id])).map(
      (e) => ({ ...eventOf(e), articles: articles.filter((a) => a.eventId === e.id) }),
    );
    const timeline = (await this.all(
      `SELECT coalesce(event_date, published) AS date, count(DISTINCT event_id)::int AS events, count(*)::int AS articles
       FROM articles WHERE story_id = $1 AND status <> 'rejected' AND coalesce(event_date, published) IS NOT NULL
       GROUP BY 1 ORDER BY 1`,
      [id],
    )) as unknown as StoryDetail['timeline'];
    return { ...storyOf(s), events, entities: await this.entitiesWhere('story_id', id), timeline };
  }

  async getEvent(id: string): Promise<EventDetail | null> {
    const e = await this.one('SELECT * FROM events WHERE id = $1', [id]);
    if (!e) return null;
    const story = e.story_id ? await this.one('SELECT * FROM stories WHERE id = $1', [e.story_id]) : undefined;
    return {
      ...eventOf(e),
      story: story ? storyOf(story) : null,
      articles: (
        await this.all(
          `SELECT ${ARTICLE_COLS} FROM articles WHERE event_id = $1 AND status <> 'rejected'
           ORDER BY published NULLS FIRST, status = 'duplicate', id`,
          [id],
        )
      ).map(summaryOf),
      entities: await this.entitiesWhere('event_id', id),
    };
  }

  async getArticle(id: string): Promise<ArticleDetail | null> {
    const a = await this.one(`SELECT a.*, d.origin FROM articles a JOIN documents d ON d.id = a.id WHERE a.id = $1`, [
      id,
    ]);
    if (!a) return null;
    const ev = a.event_id ? await this.one('SELECT * FROM events WHERE id = $1', [a.event_id]) : undefined;
    const st = a.story_id ? await this.one('SELECT * FROM stories WHERE id = $1', [a.story_id]) : undefined;
    const duplicates = a.dup_group
      ? (
          await this.all(
            `SELECT ${ARTICLE_COLS} FROM articles WHERE dup_group = $1 AND id <> $2 AND status <> 'rejected'
             ORDER BY duplicate_of IS NOT NULL, published NULLS FIRST, id`,
            [a.dup_group, id],
          )
        ).map(summaryOf)
      : [];
    const entities = (
      await this.all(
        `SELECT e.key, e.type, e.name, ae.count, ae.surface FROM article_entities ae JOIN entities e ON e.key = ae.entity_key
         WHERE ae.article_id = $1 ORDER BY ae.count DESC, e.key`,
        [id],
      )
    ).map((r) => ({
      key: String(r.key),
      type: r.type,
      name: String(r.name),
      count: Number(r.count),
      surface: (r.surface ?? []) as string[],
    }));
    const removed = (
      await this.all(`SELECT ${REMOVED_COLS} FROM removed_lines WHERE article_id = $1 ORDER BY seq`, [id])
    ).map(removedOf);
    const trace = (a.trace ?? []) as ArticleDetail['trace'];
    return {
      ...summaryOf(a),
      source: String(a.origin),
      dateline: str(a.dateline),
      author: str(a.author),
      lang: str(a.lang),
      eventDate: str(a.event_date),
      paragraphs: String(a.text) === '' ? [] : String(a.text).split('\n\n'),
      removed,
      rejected: a.rejected_rule
        ? (trace.find((t) => t.rule === a.rejected_rule && t.action === 'drop-article') ?? {
            rule: String(a.rejected_rule),
            action: 'drop-article',
            message: String(a.rejected_message ?? ''),
          })
        : null,
      trace,
      duplicates,
      why: (a.why ?? null) as ArticleDetail['why'],
      entities: entities as ArticleDetail['entities'],
      event: ev ? eventOf(ev) : null,
      story: st ? storyOf(st) : null,
    };
  }

  async stats(): Promise<StatsReport> {
    const n = async (sql: string) => Number((await this.one(sql))!.n);
    const byStatus = Object.fromEntries(
      (await this.all('SELECT status, count(*)::int AS n FROM articles GROUP BY status')).map((r) => [
        r.status,
        Number(r.n),
      ]),
    );
    return {
      documents: await n('SELECT count(*) AS n FROM documents'),
      articles: { stored: byStatus.stored ?? 0, duplicate: byStatus.duplicate ?? 0, rejected: byStatus.rejected ?? 0 },
      dupGroups: await n('SELECT count(*) AS n FROM dup_groups WHERE size > 1'),
      events: await n('SELECT count(*) AS n FROM events'),
      stories: await n('SELECT count(*) AS n FROM stories'),
      sources: await n('SELECT count(*) AS n FROM sources'),
      entities: await n('SELECT count(*) AS n FROM entities'),
      perDay: (await this.all(
        `SELECT published AS date, count(*)::int AS articles FROM articles
         WHERE status <> 'rejected' AND published IS NOT NULL GROUP BY published ORDER BY published`,
      )) as StatsReport['perDay'],
      perSource: (await this.all(
        `SELECT coalesce(site, '') AS site, count(*) FILTER (WHERE status = 'stored')::int AS articles,
           count(*) FILTER (WHERE status = 'duplicate')::int AS duplicates,
           count(*) FILTER (WHERE status = 'rejected')::int AS rejected
         FROM articles GROUP BY 1 ORDER BY count(*) DESC, 1`,
      )) as StatsReport['perSource'],
      // ties broken by rule so the order is stable (SQLite leaves ties in scan order)
      rejectedByRule: (await this.all(
        `SELECT rejected_rule AS rule, count(*)::int AS count FROM articles WHERE rejected_rule IS NOT NULL
         GROUP BY 1 ORDER BY 2 DESC, 1`,
      )) as StatsReport['rejectedByRule'],
      removedByRule: (await this.all(
        `SELECT rule, count(*)::int AS count FROM removed_lines GROUP BY 1 ORDER BY 2 DESC, 1`,
      )) as StatsReport['removedByRule'],
    };
  }
}
