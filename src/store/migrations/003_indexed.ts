/**
 * documents.indexed: 1 once the dedup and clustering state that knows the document is saved.
 * A run killed between two state saves leaves rows at 0; the next run does them again
 * rather than taking them as "unchanged" (src/pipeline/pipeline.ts, STATE_EVERY).
 */
export const name = 'documents-indexed';

export const sql = `ALTER TABLE documents ADD COLUMN indexed INTEGER NOT NULL DEFAULT 1;
CREATE INDEX documents_unindexed ON documents(indexed) WHERE indexed = 0;`;
