/**
 * The write side of the SQLite store: one transaction per batch, then the
 * aggregates (duplicate groups, events, stories) of whatever the batch touched
 * are recomputed from the articles table, so they can never drift.
 */
import type Database from 'better-sqlite3';
import { bodyText } from '../../core/article.js';
import { lineOf } from '../../core/trace.js';
import type { ArticleWrite, WriteExtras } from '../store.js';
import { ftsColumns } from '../migrations/004_fts_external.js';
import { pack, packJson } from './packed.js';

export class SqliteWriter {
  private readonly s;

  constructor(private readonly db: Database.Database) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      source: p(
        `INSERT INTO sources (site, first_seen) VALUES (?, ?) ON CONFLICT(site) DO UPDATE SET site = excluded.site RETURNING id`,
      ),
      document:
        p(`INSERT INTO documents (id, source_id, origin, url, raw_kind, encoding, raw, original, sha256, run_id, ingested_at, indexed)
        VALUES (@id, @source_id, @origin, @url, @raw_kind, @encoding, @raw, @original, @sha256, @run_id, @now, @indexed)
        ON CONFLICT(id) DO UPDATE SET raw = excluded.raw, original = excluded.original, sha256 = excluded.sha256,
          run_id = excluded.run_id, indexed = excluded.indexed`),
      indexed: p(`UPDATE documents SET indexed = 1 WHERE indexed = 0 AND run_id = ?`),
      before: p(`SELECT rowid, dup_group, event_id, story_id FROM articles WHERE id = ?`),
      article: p(`INSERT INTO articles (id, status, site, url, title, dateline, published, author, lang, text,
          rejected_rule, rejected_message, dup_group, duplicate_of, similarity, event_id, story_id, event_date,
          why, trace, meta, created_at)
        VALUES (@id, @status, @site, @url, @title, @dateline, @published, @author, @lang, @text,
          @rejected_rule, @rejected_message, @dup_group, @duplicate_of, @similarity, @event_id, @story_id, @event_date,
          @why, @trace, @meta, @now)
        ON CONFLICT(id) DO UPDATE SET status = excluded.status, site = excluded.site, url = excluded.url,
          title = excluded.title, dateline = excluded.dateline, published = excluded.published, author = excluded.author,
          lang = excluded.lang, text = excluded.text, rejected_rule = excluded.rejected_rule,
          rejected_message = excluded.rejected_message, dup_group = excluded.dup_group, duplicate_of = excluded.duplicate_of,
          similarity = excluded.similarity, event_id = excluded.event_id, story_id = excluded.story_id,
          event_date = excluded.event_date, why = excluded.why, trace = excluded.trace, meta = excluded.meta`),
      ftsDelete: p(`DELETE FROM articles_fts WHERE rowid = ?`),
      // what is indexed, and how it is normalized, is the view's definition (migration 004's ftsColumns)
      ftsInsert: p(`INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)`),
      removedDelete: p(`DELETE FROM removed_lines WHERE article_id = ?`),
      removed: p(`INSERT INTO removed_lines (article_id, seq, line, text, rule, message) VALUES (?, ?, ?, ?, ?, ?)`),
      entity: p(`INSERT INTO entities (key, type, name) VALUES (?, ?, ?) ON CONFLICT(key) DO NOTHING`),
      mentionsDelete: p(`DELETE FROM article_entities WHERE article_id = ?`),
      mention: p(`INSERT INTO article_entities (article_id, entity_key, count, surface) VALUES (?, ?, ?, ?)`),
      move: p(`UPDATE articles SET event_id = ?, story_id = ? WHERE id = ? RETURNING event_id, story_id`),
      moveBefore: p(`SELECT event_id, story_id FROM articles WHERE id = ?`),
      regroup: p(`UPDATE articles SET dup_group = @to,
          duplicate_of = CASE WHEN id = @to THEN NULL ELSE @to END,
          status = CASE WHEN id = @to THEN 'stored' ELSE 'duplicate' END,
          similarity = CASE WHEN id = @to THEN 1 WHEN id = @from THEN @similarity ELSE similarity END
        WHERE dup_group = @from AND status != 'rejected'`),
      group: p(
        `SELECT count(*) AS n, min(similarity) AS sim FROM articles WHERE dup_group = ? AND status != 'rejected'`,
      ),
      groupUpsert: p(`INSERT INTO dup_groups (id, canonical_id, size, min_similarity) VALUES (?, ?, ?, ?)
        ON CONFLICT(id) DO UPDATE SET size = excluded.size, min_similarity = excluded.min_similarity`),
      groupDelete: p(`DELETE FROM dup_groups WHERE id = ?`),
      event: p(`SELECT count(*) AS n, count(DISTINCT site) AS sources, max(story_id) AS story,
          min(coalesce(event_date, published)) AS date, min(published) AS first, max(published) AS last,
          (SELECT coalesce(b.title, substr(b.text, 1, 90) || '…') FROM articles b WHERE b.event_id = @id AND b.status != 'rejected'
             ORDER BY b.title IS NULL, b.status = 'duplicate', b.published, b.id LIMIT 1) AS title
        FROM articles WHERE event_id = @id AND status != 'rejected'`),
      eventUpsert: p(`INSERT INTO events (id, story_id, date, title, articles, sources, first_published, last_published)
        VALUES (@id, @story, @date, @title, @n, @sources, @first, @last)
        ON CONFLICT(id) DO UPDATE SET story_id = excluded.story_id, date = excluded.date, title = excluded.title,
          articles = excluded.articles, sources = excluded.sources, first_published = excluded.first_published,
          last_published = excluded.last_published`),
      eventDelete: p(`DELETE FROM events WHERE id = ?`),
      story: p(`SELECT count(DISTINCT event_id) AS events, count(*) AS n, count(DISTINCT site) AS sources,
          min(coalesce(event_date, published)) AS first, max(coalesce(event_date, published)) AS last,
          (SELECT e.title FROM events e WHERE e.story_id = @id ORDER BY e.articles DESC, e.date, e.id LIMIT 1) AS title
        FROM articles WHERE story_id = @id AND status != 'rejected'`),
      storyUpsert: p(`INSERT INTO stories (id, title, first_date, last_date, events, articles, sources)
        VALUES (@id, @title, @first, @last, @events, @n, @sources)
        ON CONFLICT(id) DO UPDATE SET title = excluded.title, first_date = excluded.first_date,
          last_date = excluded.last_date, events = excluded.events, articles = excluded.articles, sources = excluded.sources`),
      storyDelete: p(`DELETE FROM stories WHERE id = ?`),
      state: p(`INSERT INTO state (key, value, updated_at) VALUES (?, ?, ?)
        ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`),
    };
  }

  /** site → sources.id: the upsert is a write, and every article of a site would repeat it. */
  private readonly sources = new Map<string, number>();

  private sourceId(site: string, now: string): number {
    let id = this.sources.get(site);
    if (id === undefined) {
      id = (this.s.source.get(site, now) as { id: number }).id;
      this.sources.set(site, id);
    }
    return id;
  }

  /** Entity keys this writer has inserted (`ON CONFLICT DO NOTHING` once a key, not once a mention). */
  private readonly entityKeys = new Set<string>();

  write(rows: ArticleWrite[], extras: WriteExtras = {}): void {
    try {
      this.writeTransaction(rows, extras);
    } catch (e) {
      // a rolled-back transaction may have inserted a source or an entity it cached
      this.sources.clear();
      this.entityKeys.clear();
      throw e;
    }
  }

  private writeTransaction(
    rows: ArticleWrite[],
    { moved = [], regrouped = [], state = {}, stateRunId, unindexed = false }: WriteExtras,
  ): void {
    this.db
      .transaction(() => {
        const touched = { groups: new Set<string>(), events: new Set<string>(), stories: new Set<string>() };
        const touch = (r: { dup_group?: string | null; event_id?: string | null; story_id?: string | null }) => {
          if (r.dup_group) touched.groups.add(r.dup_group);
          if (r.event_id) touched.events.add(r.event_id);
          if (r.story_id) touched.stories.add(r.story_id);
        };
        for (const row of rows) touch(this.writeOne(row, unindexed) ?? {});
        for (const m of moved) {
          touch((this.s.moveBefore.get(m.id) as { event_id: string; story_id: string }) ?? {});
          touch((this.s.move.get(m.event, m.story, m.id) as { event_id: string; story_id: string }) ?? {});
        }
        // in order: a later regroup may move the group an earlier one moved into
        for (const g of regrouped) {
          this.s.regroup.run(g);
          touch({ dup_group: g.from });
          touch({ dup_group: g.to });
        }
        this.refresh(touched);
        const now = new Date().toISOString();
        for (const [key, value] of Object.entries(state)) this.s.state.run(key, Buffer.from(value), now);
        if (stateRunId) this.s.indexed.run(stateRunId);
      })
      .immediate(); // BEGIN IMMEDIATE: the write lock up front, so the busy handler can wait for it
  }

  private writeOne({ article: a, status, sha256, runId }: ArticleWrite, unindexed: boolean) {
    const now = new Date().toISOString();
    const before = this.s.before.get(a.id) as
      { rowid: number; dup_group: string; event_id: string; story_id: string } | undefined;
    const sourceId = a.site ? this.sourceId(a.site, now) : null;
    const encoding = typeof a.meta.encoding === 'string' ? a.meta.encoding : null;
    this.s.document.run({
      id: a.id,
      source_id: sourceId,
      origin: a.source,
      url: a.url,
      raw_kind: a.rawKind,
      encoding,
      raw: pack(Buffer.from(a.raw, 'utf8')),
      original: a.bytes ? pack(Buffer.from(a.bytes)) : null,
      // a rejected document is in no index: never waits for one
      indexed: unindexed && status !== 'rejected' ? 0 : 1,
      sha256,
      run_id: runId,
      now,
    });
    const text = bodyText(a);
    const rejected = status === 'rejected';
    // FTS5 (external content, migration 004) removes a row by reading its values back from the
    // articles: that must happen before the article changes. FTS5 rowids are bound as BigInt: a JS
    // number binds as REAL, and FTS5 then ignores a `rowid = ?` constraint next to MATCH (SQLite 3.53).
    if (before) this.s.ftsDelete.run(BigInt(before.rowid));
    // the rowid: the row's own when it existed (an upsert's update leaves lastInsertRowid alone), else
    // the insert's. Not `RETURNING rowid`: that costs ~35 µs a row, a tenth of the article's write.
    const inserted = this.s.article.run({
      id: a.id,
      status,
      site: a.site,
      url: a.url,
      title: a.title,
      dateline: a.dateline,
      published: a.published,
      author: a.author,
      lang: a.lang,
      text,
      rejected_rule: a.rejected?.rule ?? null,
      rejected_message: a.rejected?.message ?? null,
      dup_group: rejected ? null : (a.dupGroup ?? null),
      duplicate_of: rejected ? null : (a.duplicateOf ?? null),
      similarity: rejected ? null : (a.similarity ?? null),
      event_id: rejected ? null : (a.event ?? null),
      story_id: rejected ? null : (a.story ?? null),
      event_date: a.eventDate ?? null,
      why: a.why ? JSON.stringify(a.why) : null,
      trace: packJson(a.trace),
      meta: JSON.stringify(a.meta),
      now,
    });
    const rowid = before ? before.rowid : inserted.lastInsertRowid;
    if (!rejected) this.s.ftsInsert.run(BigInt(rowid), ...ftsColumns(a.title, text)); // the view has no rejected one
    // articles are never deleted: a new article has no removed lines or mentions to replace
    if (before) this.s.removedDelete.run(a.id);
    a.removed.forEach((r, i) => this.s.removed.run(a.id, i, lineOf(r), r.text ?? '', r.rule, r.message));
    if (before) this.s.mentionsDelete.run(a.id);
    for (const e of a.entities ?? []) {
      if (!this.entityKeys.has(e.key)) {
        this.s.entity.run(e.key, e.type, e.name);
        this.entityKeys.add(e.key);
      }
      this.s.mention.run(a.id, e.key, e.count, JSON.stringify(e.surface));
    }
    if (before) this.refreshLater(before);
    return rejected ? null : { dup_group: a.dupGroup, event_id: a.event, story_id: a.story };
  }

  private pendingBefore: { dup_group: string; event_id: string; story_id: string }[] = [];
  private refreshLater(b: { dup_group: string; event_id: string; story_id: string }): void {
    this.pendingBefore.push(b);
  }

  private refresh(t: { groups: Set<string>; events: Set<string>; stories: Set<string> }): void {
    for (const b of this.pendingBefore.splice(0)) {
      if (b.dup_group) t.groups.add(b.dup_group);
      if (b.event_id) t.events.add(b.event_id);
      if (b.story_id) t.stories.add(b.story_id);
    }
    for (const g of t.groups) {
      const r = this.s.group.get(g) as { n: number; sim: number | null };
      if (r.n === 0) this.s.groupDelete.run(g);
      else this.s.groupUpsert.run(g, g, r.n, r.sim);
    }
    for (const e of t.events) {
      const r = this.s.event.get({ id: e }) as { n: number };
      if (r.n === 0) this.s.eventDelete.run(e);
      else this.s.eventUpsert.run({ ...r, id: e });
    }
    for (const s of t.stories) {
      const r = this.s.story.get({ id: s }) as { n: number };
      if (r.n === 0) this.s.storyDelete.run(s);
      else this.s.storyUpsert.run({ ...r, id: s });
    }
  }
}
