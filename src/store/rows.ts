/**
 * Rows → the records of ./store.ts, shared by the SQLite and PostgreSQL readers so
 * both stores answer in the same shape (column names are the same in both schemas).
 */
import { khabarError } from '../core/errors.js';
import { reason, type Reason } from '../core/trace.js';
import type { ArticleSummary, EventSummary, StorySummary } from './store.js';

/** Characters of an article's text given as its lede in summaries. */
export const LEDE_CHARS = 140;
/** Default and largest page of stories. */
export const STORIES_PAGE = 20;
export const STORIES_PAGE_MAX = 100;

export type Row = Record<string, unknown>;
export const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

export const storyOf = (r: Row): StorySummary => ({
  id: String(r.id),
  title: str(r.title),
  firstDate: str(r.first_date),
  lastDate: str(r.last_date),
  counts: { events: Number(r.events), articles: Number(r.articles), sources: Number(r.sources) },
});

export const eventOf = (r: Row): EventSummary => ({
  id: String(r.id),
  storyId: str(r.story_id),
  date: str(r.date),
  title: str(r.title),
  counts: { articles: Number(r.articles), sources: Number(r.sources) },
});

/** Article summary columns; the lede is the start of the text, for lists where an article has no
 *  title (seed 003 has none). substr counts characters in both databases. */
export const ARTICLE_COLS = `id, title, substr(text, 1, ${LEDE_CHARS}) AS lede, site, url, published, status, dup_group, duplicate_of, similarity, event_id, story_id`;

export const summaryOf = (r: Row): ArticleSummary => ({
  id: String(r.id),
  title: str(r.title),
  lede: String(r.lede ?? ''),
  site: str(r.site),
  url: str(r.url),
  published: str(r.published),
  status: r.status as ArticleSummary['status'],
  dupGroup: str(r.dup_group),
  duplicateOf: str(r.duplicate_of),
  similarity: r.similarity === null ? null : Number(r.similarity),
  eventId: str(r.event_id),
  storyId: str(r.story_id),
});

/** Columns of removed_lines, in the order both stores select them. */
export const REMOVED_COLS = 'line, text, rule, message';

/** A removed_lines row → the drop-line Reason it was written from. */
export const removedOf = (r: Row): Reason =>
  reason(String(r.rule), 'drop-line', String(r.message ?? ''), {
    ...(r.line === null || r.line === undefined ? {} : { place: { line: Number(r.line) } }),
    text: String(r.text),
  });

/** A story-list cursor: [lastDate or '', id] as base64url JSON, the same for both stores. */
export const encodeCursor = (s: StorySummary) =>
  Buffer.from(JSON.stringify([s.lastDate ?? '', s.id])).toString('base64url');

export function decodeCursor(c: string): [string, string] {
  try {
    const v = JSON.parse(Buffer.from(c, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'string')) return v as [string, string];
  } catch {
    /* fall through */
  }
  throw khabarError('KHB_BAD_INPUT', 'cursor is not one this server gave out');
}
