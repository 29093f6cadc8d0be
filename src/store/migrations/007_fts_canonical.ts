/**
 * 007: search indexes one article per duplicate group, its canonical (status 'stored'), not every copy.
 * Search folded a group into one hit anyway; indexing its copies made every term's list of rows longer
 * (on 100 000 generated documents, 71 % are copies), and bm25 reads those lists whole on every query to
 * weigh its terms: a query cost 12.7 ms on average with every copy indexed, 5.6 ms with canonicals only
 * (311 distinct queries, the bench's). A copy is still found through its group: a copy's text is its
 * canonical's, give or take a headline, a paragraph or the site's furniture (src/dedup/verify.ts).
 * The writer keeps the index to the view (src/store/sqlite/write.ts): a regroup that makes another
 * member the canonical moves the group's row.
 */
import { NORMALIZE_FUNCTION } from './004_fts_external.js';

export const name = 'fts-canonical';

export const sql = `DROP VIEW articles_fts_source;
CREATE VIEW articles_fts_source AS
  SELECT rowid AS article_rowid, ${NORMALIZE_FUNCTION}(coalesce(title, '')) AS title, ${NORMALIZE_FUNCTION}(text) AS body
  FROM articles WHERE status = 'stored';
INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');`;
