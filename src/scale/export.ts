/**
 * `khabar export`: one record per stored article with its provenance, for corpus
 * builders, from SQLite or PostgreSQL alike (the two schemas share column names).
 * Articles are read in id order a page at a time (keyset paging), so memory stays
 * one page whatever the corpus size; each page becomes JSONL lines or one Parquet
 * row group (hyparquet-writer, pure JavaScript: no native build, streams row groups).
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { fileWriter, ParquetWriter } from 'hyparquet-writer';
import type { SchemaElement } from 'hyparquet-writer';
import { khabarError } from '../core/errors.js';
import { PostgresStore } from '../store/postgres/index.js';
import { SqliteStore } from '../store/sqlite/index.js';
import type { Store } from '../store/store.js';

/** Articles read per query, and rows per Parquet row group. 5 000 articles of ~3 KB ≈ 15 MB a page. */
export const EXPORT_PAGE = 5000;

export interface ExportRecord {
  id: string;
  status: 'stored' | 'duplicate' | 'rejected';
  url: string | null;
  site: string | null;
  published: string | null;
  title: string | null;
  text: string;
  dup_group: string | null;
  duplicate_of: string | null;
  similarity: number | null;
  event: string | null;
  story: string | null;
  /** The rule that rejected the whole article (null when kept). */
  rejected_rule: string | null;
  /** One rule id per line the cleaner removed, in line order… */
  removed_rules: string[];
  /** …and the 1-based line each was on (null when the line is unknown). */
  removed_lines: (number | null)[];
}

/** `?` placeholders, rows as objects: the little SQL both stores answer. */
type Query = (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

function queryOf(store: Store): Query {
  if (store instanceof SqliteStore) return async (sql, params) => store.db.prepare(sql).all(...params) as never;
  if (store instanceof PostgresStore) {
    return async (sql, params) => {
      let n = 0;
      return (
        await store.pool.query(
          sql.replace(/\?/g, () => `$${++n}`),
          params,
        )
      ).rows as never;
    };
  }
  throw khabarError('KHB_BAD_INPUT', 'export reads a SQLite or PostgreSQL store');
}

const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

/** Every article in id order, a page at a time. */
export async function* exportRecords(store: Store, page = EXPORT_PAGE): AsyncIterable<ExportRecord[]> {
  const q = queryOf(store);
  let after = '';
  for (;;) {
    const rows = await q(
      `SELECT id, status, url, site, published, title, text, dup_group, duplicate_of, similarity,
         event_id, story_id, rejected_rule FROM articles WHERE id > ? ORDER BY id LIMIT ?`,
      [after, page],
    );
    if (rows.length === 0) return;
    const ids = rows.map((r) => String(r.id));
    const removed = new Map<string, { rules: string[]; lines: (number | null)[] }>();
    // ids come from the page just read: placeholders, one per id (SQLite has no arrays)
    for (const r of await q(
      `SELECT article_id, line, rule FROM removed_lines WHERE article_id IN (${ids.map(() => '?').join(',')})
       ORDER BY article_id, seq`,
      ids,
    )) {
      const k = String(r.article_id);
      let e = removed.get(k);
      if (!e) removed.set(k, (e = { rules: [], lines: [] }));
      e.rules.push(String(r.rule));
      e.lines.push(r.line === null ? null : Number(r.line));
    }
    yield rows.map((r) => {
      const e = removed.get(String(r.id));
      return {
        id: String(r.id),
        status: r.status as ExportRecord['status'],
        url: str(r.url),
        site: str(r.site),
        published: str(r.published),
        title: str(r.title),
        text: String(r.text ?? ''),
        dup_group: str(r.dup_group),
        duplicate_of: str(r.duplicate_of),
        similarity: r.similarity === null || r.similarity === undefined ? null : Number(r.similarity),
        event: str(r.event_id),
        story: str(r.story_id),
        rejected_rule: str(r.rejected_rule),
        removed_rules: e?.rules ?? [],
        removed_lines: e?.lines ?? [],
      };
    });
    after = ids[ids.length - 1];
  }
}

const STRING_COLUMNS = [
  'id',
  'status',
  'url',
  'site',
  'published',
  'title',
  'text',
  'dup_group',
  'duplicate_of',
  'event',
  'story',
  'rejected_rule',
] as const;

/** A 3-level LIST of `element` (the Parquet spec's layout, which every reader knows). */
const list = (name: string, element: SchemaElement): SchemaElement[] => [
  { name, repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
  { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
  { ...element, name: 'element' },
];

export const PARQUET_SCHEMA: SchemaElement[] = [
  { name: 'root', num_children: STRING_COLUMNS.length + 3 },
  ...STRING_COLUMNS.map((name): SchemaElement => ({
    name,
    type: 'BYTE_ARRAY',
    converted_type: 'UTF8',
    repetition_type: name === 'id' || name === 'status' || name === 'text' ? 'REQUIRED' : 'OPTIONAL',
  })),
  { name: 'similarity', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
  ...list('removed_rules', {
    name: 'element',
    type: 'BYTE_ARRAY',
    converted_type: 'UTF8',
    repetition_type: 'REQUIRED',
  }),
  ...list('removed_lines', { name: 'element', type: 'INT32', repetition_type: 'OPTIONAL' }),
];

export type ExportFormat = 'jsonl' | 'parquet';

export function formatOf(path: string, format?: string): ExportFormat {
  const f = format ?? (path.toLowerCase().endsWith('.parquet') ? 'parquet' : 'jsonl');
  if (f !== 'jsonl' && f !== 'parquet') throw khabarError('KHB_BAD_INPUT', `unknown export format ${f}`);
  return f;
}

/** Writes every article of `store` to `path`; returns how many. */
export async function exportStore(store: Store, path: string, format: ExportFormat): Promise<number> {
  let n = 0;
  if (format === 'jsonl') {
    const out = createWriteStream(path);
    for await (const page of exportRecords(store)) {
      n += page.length;
      if (!out.write(page.map((r) => JSON.stringify(r)).join('\n') + '\n')) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    return n;
  }
  const w = new ParquetWriter({ writer: fileWriter(path), schema: PARQUET_SCHEMA, createdBy: 'khabar export' });
  for await (const page of exportRecords(store)) {
    n += page.length;
    await w.write({
      rowGroupSize: EXPORT_PAGE,
      columnData: [
        ...STRING_COLUMNS.map((name) => ({ name, data: page.map((r) => r[name]) })),
        { name: 'similarity', data: page.map((r) => r.similarity) },
        { name: 'removed_rules', data: page.map((r) => r.removed_rules) },
        { name: 'removed_lines', data: page.map((r) => r.removed_lines) },
      ],
    });
  }
  await w.finish();
  return n;
}
