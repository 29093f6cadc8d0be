/**
 * The sequencer's write of one window: the rows PostgresWriter.writeOne writes, column for
 * column, but a statement per table for the whole window (arrays through unnest) instead of
 * ~8 statements per article. A window of 5 000 articles is then a dozen round trips, where
 * the per-row path made 40 000 and bounded the sequencer at a few hundred articles a second.
 * Then PostgresWriter does the regroups and recomputes every touched aggregate, as always.
 * Runs inside the caller's transaction.
 */
import type pg from 'pg';
import { bodyText } from '../core/article.js';
import { lineOf } from '../core/trace.js';
import { normalize } from '../text/normalize.js';
import { cmp, pgJson, pgText, PostgresWriter, type Touched } from '../store/postgres/write.js';
import type { ArticleWrite, Regroup } from '../store/store.js';

export async function writeWindow(c: pg.PoolClient, input: ArticleWrite[], regrouped: Regroup[]): Promise<void> {
  // one row per id, the last write winning (as the per-row path), in id order (lock order)
  const rows = [...new Map(input.map((r) => [r.article.id, r])).values()].sort((a, b) =>
    cmp(a.article.id, b.article.id),
  );
  const t: Touched = { groups: new Set(), events: new Set(), stories: new Set() };
  const touch = (k: { dup_group?: string | null; event_id?: string | null; story_id?: string | null }) => {
    if (k.dup_group) t.groups.add(k.dup_group);
    if (k.event_id) t.events.add(k.event_id);
    if (k.story_id) t.stories.add(k.story_id);
  };
  const ids = rows.map((r) => r.article.id);
  if (rows.length) {
    for (const k of (
      await c.query<{ dup_group: string | null; event_id: string | null; story_id: string | null }>(
        'SELECT dup_group, event_id, story_id FROM articles WHERE id = ANY($1::text[])',
        [ids],
      )
    ).rows)
      touch(k);
    const sites = [...new Set(rows.flatMap((r) => (r.article.site ? [pgText(r.article.site)] : [])))].sort(cmp);
    await c.query(`INSERT INTO sources (site) SELECT unnest($1::text[]) ON CONFLICT (site) DO NOTHING`, [sites]);
    const siteId = new Map(
      (
        await c.query<{ id: number; site: string }>('SELECT id, site FROM sources WHERE site = ANY($1::text[])', [
          sites,
        ])
      ).rows.map((r) => [r.site, r.id]),
    );
    const col = <T>(f: (r: ArticleWrite) => T) => rows.map(f);
    await c.query(
      `INSERT INTO documents (id, source_id, origin, url, raw_kind, encoding, raw, sha256, run_id, original, indexed)
       SELECT *, 1 FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bytea[],
         $8::text[], $9::text[], $10::bytea[])
       ON CONFLICT (id) DO UPDATE SET raw = excluded.raw, original = excluded.original, sha256 = excluded.sha256,
         run_id = excluded.run_id, indexed = excluded.indexed`,
      [
        ids,
        col((r) => (r.article.site ? siteId.get(pgText(r.article.site)) : null)),
        col((r) => pgText(r.article.source)),
        col((r) => pgText(r.article.url)),
        col((r) => r.article.rawKind),
        col((r) => (typeof r.article.meta.encoding === 'string' ? r.article.meta.encoding : null)),
        col((r) => Buffer.from(r.article.raw, 'utf8')),
        col((r) => r.sha256),
        col((r) => r.runId),
        col((r) => (r.article.bytes ? Buffer.from(r.article.bytes) : null)),
      ],
    );
    const kept = (r: ArticleWrite) => r.status !== 'rejected';
    const text = col((r) => pgText(bodyText(r.article)));
    const title = col((r) => pgText(r.article.title));
    await c.query(
      `INSERT INTO articles (id, status, site, url, title, dateline, published, author, lang, text,
         rejected_rule, rejected_message, dup_group, duplicate_of, similarity, event_id, story_id, event_date,
         why, trace, meta, title_norm, body_norm)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
         $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[],
         $15::float8[], $16::text[], $17::text[], $18::text[], $19::json[], $20::json[], $21::json[], $22::text[],
         $23::text[])
       ON CONFLICT (id) DO UPDATE SET status = excluded.status, site = excluded.site, url = excluded.url,
         title = excluded.title, dateline = excluded.dateline, published = excluded.published,
         author = excluded.author, lang = excluded.lang, text = excluded.text, rejected_rule = excluded.rejected_rule,
         rejected_message = excluded.rejected_message, dup_group = excluded.dup_group,
         duplicate_of = excluded.duplicate_of, similarity = excluded.similarity, event_id = excluded.event_id,
         story_id = excluded.story_id, event_date = excluded.event_date, why = excluded.why, trace = excluded.trace,
         meta = excluded.meta, title_norm = excluded.title_norm, body_norm = excluded.body_norm`,
      [
        ids,
        col((r) => r.status),
        col((r) => pgText(r.article.site)),
        col((r) => pgText(r.article.url)),
        title,
        col((r) => pgText(r.article.dateline)),
        col((r) => r.article.published),
        col((r) => pgText(r.article.author)),
        col((r) => r.article.lang),
        text,
        col((r) => r.article.rejected?.rule ?? null),
        col((r) => pgText(r.article.rejected?.message ?? null)),
        col((r) => (kept(r) ? (r.article.dupGroup ?? null) : null)),
        col((r) => (kept(r) ? (r.article.duplicateOf ?? null) : null)),
        col((r) => (kept(r) ? (r.article.similarity ?? null) : null)),
        col((r) => (kept(r) ? (r.article.event ?? null) : null)),
        col((r) => (kept(r) ? (r.article.story ?? null) : null)),
        col((r) => r.article.eventDate ?? null),
        col((r) => pgJson(r.article.why)),
        col((r) => pgJson(r.article.trace)),
        col((r) => pgJson(r.article.meta)),
        rows.map((r, i) => (kept(r) ? normalize(title[i] ?? '') : null)),
        rows.map((r, i) => (kept(r) ? normalize(text[i]) : null)),
      ],
    );
    await c.query('DELETE FROM removed_lines WHERE article_id = ANY($1::text[])', [ids]);
    const rem = rows.flatMap((r) => r.article.removed.map((x, seq) => ({ id: r.article.id, seq, x })));
    await c.query(
      `INSERT INTO removed_lines (article_id, seq, line, text, rule, message)
       SELECT * FROM unnest($1::text[], $2::int[], $3::int[], $4::text[], $5::text[], $6::text[])`,
      [
        rem.map((m) => m.id),
        rem.map((m) => m.seq),
        rem.map((m) => lineOf(m.x)),
        rem.map((m) => pgText(m.x.text ?? '')),
        rem.map((m) => m.x.rule),
        rem.map((m) => pgText(m.x.message)),
      ],
    );
    await c.query('DELETE FROM article_entities WHERE article_id = ANY($1::text[])', [ids]);
    const ments = rows.flatMap((r) => (r.article.entities ?? []).map((e) => ({ id: r.article.id, e })));
    // the first article (in id order) to name an entity names it, as the per-row path
    const first = new Map<string, (typeof ments)[number]['e']>();
    for (const m of ments) if (!first.has(m.e.key)) first.set(m.e.key, m.e);
    const ents = [...first.values()].sort((a, b) => cmp(a.key, b.key));
    await c.query(
      `INSERT INTO entities (key, type, name)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT (key) DO NOTHING`,
      [ents.map((e) => e.key), ents.map((e) => e.type), ents.map((e) => pgText(e.name))],
    );
    await c.query(
      `INSERT INTO article_entities (article_id, entity_key, count, surface)
       SELECT m.id, m.key, m.count, m.surface::json FROM unnest($1::text[], $2::text[], $3::int[], $4::text[])
         AS m(id, key, count, surface)
       ON CONFLICT (article_id, entity_key) DO UPDATE SET count = excluded.count, surface = excluded.surface`,
      [
        ments.map((m) => m.id),
        ments.map((m) => m.e.key),
        ments.map((m) => m.e.count),
        ments.map((m) => pgJson(m.e.surface)),
      ],
    );
    for (const r of rows)
      if (kept(r)) touch({ dup_group: r.article.dupGroup, event_id: r.article.event, story_id: r.article.story });
  }
  // regroups, then every touched aggregate, by the store's own writer (in this transaction)
  const writer = inTransactionWriter(c);
  await writer.refresh(c, t);
  if (regrouped.length) await writer.write([], { regrouped });
}

/**
 * A PostgresWriter whose BEGIN/COMMIT are a savepoint of the caller's transaction, so what
 * it writes commits with the caller's other statements.
 */
export function inTransactionWriter(c: pg.PoolClient): PostgresWriter {
  const map: Record<string, string> = {
    BEGIN: 'SAVEPOINT window_write',
    COMMIT: 'RELEASE SAVEPOINT window_write',
    ROLLBACK: 'ROLLBACK TO SAVEPOINT window_write',
  };
  const client = {
    query: (text: string, params?: unknown[]) => c.query(map[text] ?? text, params),
    release: () => undefined,
  };
  return new PostgresWriter({ connect: async () => client } as unknown as pg.Pool);
}
