/**
 * The read side of the SQLite store: stories, events, articles and stats as the
 * API returns them. Rows are mapped to the camelCase records in ../store.ts.
 */
import type Database from 'better-sqlite3';
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
import { toFtsQuery } from '../search/query.js';
import { unpackJson } from './packed.js';

const json = unpackJson;

export class SqliteReader {
  constructor(private readonly db: Database.Database) {}

  private all(sql: string, ...args: unknown[]): Row[] {
    return this.db.prepare(sql).all(...args) as Row[];
  }
  private one(sql: string, ...args: unknown[]): Row | undefined {
    return this.db.prepare(sql).get(...args) as Row | undefined;
  }

  listStories(q: StoryQuery): Page<StorySummary> {
    const limit = Math.min(Math.max(1, q.limit ?? STORIES_PAGE), STORIES_PAGE_MAX);
    const where: string[] = [];
    const args: unknown[] = [];
    if (q.from) {
      where.push('last_date >= ?');
      args.push(q.from);
    }
    if (q.to) {
      where.push('first_date <= ?');
      args.push(q.to);
    }
    if (q.q) {
      where.push(
        `id IN (SELECT a.story_id FROM articles_fts f JOIN articles a ON a.rowid = f.rowid WHERE articles_fts MATCH ?)`,
      );
      args.push(toFtsQuery(q.q));
    }
    if (q.cursor) {
      const [last, id] = decodeCursor(q.cursor);
      where.push(`(coalesce(last_date, '') < ? OR (coalesce(last_date, '') = ? AND id < ?))`);
      args.push(last, last, id);
    }
    const rows = this.all(
      `SELECT * FROM stories ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
       ORDER BY coalesce(last_date, '') DESC, id DESC LIMIT ?`,
      ...args,
      limit + 1,
    ).map(storyOf);
    const items = rows.slice(0, limit);
    return { items, nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1]) : null };
  }

  private entitiesWhere(col: 'event_id' | 'story_id', id: string): EntityCount[] {
    return this.all(
      `SELECT e.key, e.type, e.name, count(DISTINCT ae.article_id) AS articles
       FROM article_entities ae JOIN articles a ON a.id = ae.article_id JOIN entities e ON e.key = ae.entity_key
       WHERE a.${col} = ? AND a.status != 'rejected' GROUP BY e.key ORDER BY articles DESC, e.key LIMIT 30`,
      id,
    ) as unknown as EntityCount[];
  }

  getStory(id: string): StoryDetail | null {
    const s = this.one('SELECT * FROM stories WHERE id = ?', id);
    if (!s) return null;
    const articles = this.all(
      `SELECT ${ARTICLE_COLS} FROM articles WHERE story_id = ? AND status != 'rejected' ORDER BY published, status = 'duplicate', id`,
      id,
    ).map(summaryOf);
    const events = this.all('SELECT * FROM events WHERE story_id = ? ORDER BY date, id', id).map((e) => ({
      ...eventOf(e),
      articles: articles.filter((a) => a.eventId === e.id),
    }));
    const timeline = this.all(
      `SELECT coalesce(event_date, published) AS date, count(DISTINCT event_id) AS events, count(*) AS articles
       FROM articles WHERE story_id = ? AND status != 'rejected' AND coalesce(event_date, published) IS NOT NULL
       GROUP BY 1 ORDER BY 1`,
      id,
    ) as unknown as StoryDetail['timeline'];
    return {
      ...storyOf(s),
      events,
      entities: this.entitiesWhere('story_id', id),
      timeline,
    };
  }

  getEvent(id: string): EventDetail | null {
    const e = this.one('SELECT * FROM events WHERE id = ?', id);
    if (!e) return null;
    const story = e.story_id ? this.one('SELECT * FROM stories WHERE id = ?', e.story_id) : undefined;
    return {
      ...eventOf(e),
      story: story ? storyOf(story) : null,
      articles: this.all(
        `SELECT ${ARTICLE_COLS} FROM articles WHERE event_id = ? AND status != 'rejected' ORDER BY published, status = 'duplicate', id`,
        id,
      ).map(summaryOf),
      entities: this.entitiesWhere('event_id', id),
    };
  }

  getArticle(id: string): ArticleDetail | null {
    const a = this.one('SELECT * FROM articles a JOIN documents d USING (id) WHERE a.id = ?', id);
    if (!a) return null;
    const ev = a.event_id ? this.one('SELECT * FROM events WHERE id = ?', a.event_id) : undefined;
    const st = a.story_id ? this.one('SELECT * FROM stories WHERE id = ?', a.story_id) : undefined;
    const duplicates = a.dup_group
      ? this.all(
          `SELECT ${ARTICLE_COLS} FROM articles WHERE dup_group = ? AND id != ? AND status != 'rejected'
           ORDER BY duplicate_of IS NOT NULL, published, id`,
          a.dup_group,
          id,
        ).map(summaryOf)
      : [];
    const entities = this.all(
      `SELECT e.key, e.type, e.name, ae.count, ae.surface FROM article_entities ae JOIN entities e ON e.key = ae.entity_key
       WHERE ae.article_id = ? ORDER BY ae.count DESC, e.key`,
      id,
    ).map((r) => ({
      key: String(r.key),
      type: r.type,
      name: String(r.name),
      count: Number(r.count),
      surface: json<string[]>(r.surface, []),
    }));
    const trace = json<ArticleDetail['trace']>(a.trace, []);
    return {
      ...summaryOf(a),
      source: String(a.origin),
      dateline: str(a.dateline),
      author: str(a.author),
      lang: str(a.lang),
      eventDate: str(a.event_date),
      paragraphs: String(a.text) === '' ? [] : String(a.text).split('\n\n'),
      removed: this.all(`SELECT ${REMOVED_COLS} FROM removed_lines WHERE article_id = ? ORDER BY seq`, id).map(
        removedOf,
      ),
      rejected: a.rejected_rule
        ? (trace.find((t) => t.rule === a.rejected_rule && t.action === 'drop-article') ?? {
            rule: String(a.rejected_rule),
            action: 'drop-article',
            message: String(a.rejected_message ?? ''),
          })
        : null,
      trace,
      duplicates,
      why: json(a.why, null),
      entities: entities as ArticleDetail['entities'],
      event: ev ? eventOf(ev) : null,
      story: st ? storyOf(st) : null,
    };
  }

  stats(): StatsReport {
    const n = (sql: string) => Number((this.one(sql) as Row).n);
    const byStatus = Object.fromEntries(
      this.all('SELECT status, count(*) AS n FROM articles GROUP BY status').map((r) => [r.status, Number(r.n)]),
    );
    return {
      documents: n('SELECT count(*) AS n FROM documents'),
      articles: { stored: byStatus.stored ?? 0, duplicate: byStatus.duplicate ?? 0, rejected: byStatus.rejected ?? 0 },
      dupGroups: n('SELECT count(*) AS n FROM dup_groups WHERE size > 1'),
      events: n('SELECT count(*) AS n FROM events'),
      stories: n('SELECT count(*) AS n FROM stories'),
      sources: n('SELECT count(*) AS n FROM sources'),
      entities: n('SELECT count(*) AS n FROM entities'),
      perDay: this.all(
        `SELECT published AS date, count(*) AS articles FROM articles
         WHERE status != 'rejected' AND published IS NOT NULL GROUP BY published ORDER BY published`,
      ) as StatsReport['perDay'],
      perSource: this.all(
        `SELECT coalesce(site, '') AS site, sum(status = 'stored') AS articles, sum(status = 'duplicate') AS duplicates,
           sum(status = 'rejected') AS rejected FROM articles GROUP BY 1 ORDER BY count(*) DESC, 1`,
      ) as StatsReport['perSource'],
      rejectedByRule: this.all(
        `SELECT rejected_rule AS rule, count(*) AS count FROM articles WHERE rejected_rule IS NOT NULL GROUP BY 1 ORDER BY 2 DESC`,
      ) as StatsReport['rejectedByRule'],
      removedByRule: this.all(
        `SELECT rule, count(*) AS count FROM removed_lines GROUP BY 1 ORDER BY 2 DESC`,
      ) as StatsReport['removedByRule'],
    };
  }
}
