/**
 * Search without a second copy of every text. Migration 001's FTS5 table kept its own copy of the
 * normalized title and body (articles_fts_content, about 2 KB an article: a sixth of the database).
 * Now the table is external content: its index points at `articles_fts_source`, a view that
 * normalizes the stored text on demand through `khabar_normalize()`, a function each connection
 * registers (src/store/sqlite/index.ts). Only highlight() reads it, for the few hits shown.
 *
 * The view is the one source of truth for what is indexed: every article but the rejected ones,
 * normalized exactly as the writer used to do (`normalize(title ?? '')`, `normalize(text)`).
 * FTS5 removes a row by reading its current values back from the view, so the writer deletes an
 * article's row before it changes the article (src/store/sqlite/write.ts).
 *
 * `prefix='2 3'` adds prefix indexes, so `وزير*`-style queries read one index entry per prefix
 * instead of scanning every term that starts with it.
 *
 * Opened with a plain sqlite3 shell, MATCH and bm25 still work; only highlight() and reading the
 * table's columns need the function.
 */
import { normalize } from '../../text/normalize.js';

/** The SQL function the view calls; registered on each connection before migrations run. */
export const NORMALIZE_FUNCTION = 'khabar_normalize';

/**
 * The view's two columns computed in JS, for the writer to insert directly: the same values the view
 * gives (FTS5 deletes by reading the view back, so they must be). Reading them through the view costs
 * twice as much (1.5 s against 3.3 s for 20 000 articles) for nothing. `integrity-check` in the tests
 * proves the index matches the view.
 */
export const ftsColumns = (title: string | null, text: string): [title: string, body: string] => [
  normalize(title ?? ''),
  normalize(text),
];

export const name = 'fts-external-content';

export const sql = `DROP TABLE articles_fts;
CREATE VIEW articles_fts_source AS
  SELECT rowid AS article_rowid, ${NORMALIZE_FUNCTION}(coalesce(title, '')) AS title, ${NORMALIZE_FUNCTION}(text) AS body
  FROM articles WHERE status != 'rejected';
CREATE VIRTUAL TABLE articles_fts USING fts5(
  title, body,
  content = 'articles_fts_source', content_rowid = 'article_rowid',
  prefix = '2 3',
  tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Co Mn Mc'"
);
INSERT INTO articles_fts (articles_fts, rank) VALUES ('rank', 'bm25(4.0, 1.0)');
INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');`;
