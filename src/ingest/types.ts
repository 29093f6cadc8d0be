import type { Article } from '../core/article.js';
import type { KhabarError } from '../core/errors.js';

/** What a reader yields: a document, or a document it could not read (never silently lost). */
export type IngestItem =
  { ok: true; article: Article } | { ok: false; source: string; line?: number; error: KhabarError };

/** The largest single document we read: real article pages are well under 2 MB of HTML;
 *  anything above 8 MiB is a dump or a mistake, and is rejected with KHB_TOO_LARGE
 *  (the file is stat()ed first, so a 50 MB file is never loaded to be refused). */
export const MAX_DOCUMENT_BYTES = 8 * 2 ** 20;

/** What a JSONL line must hold, for commands that read records rather than documents. */
export interface JsonlOptions {
  /** `khabar dedup` and `cluster` key their output by id: a line without one is refused. */
  requireId?: boolean;
  /** An empty text is kept (dedup decides `dedup/empty`) rather than refused as KHB_EMPTY. */
  keepEmpty?: boolean;
}

/** A reader for one kind of file. `match` sees the lower-cased path. */
export interface Reader {
  name: string;
  match(path: string): boolean;
  read(path: string, opts?: JsonlOptions): AsyncIterable<IngestItem>;
}
