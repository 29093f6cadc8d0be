/**
 * `.warc` / `.warc.gz` web archives (warcio): each `response` record with a 2xx HTML
 * payload becomes one html Article, decoded with the record's HTTP charset and
 * carrying its URL (`WARC-Target-URI`) and fetch time (`WARC-Date`, HTTP `Date`).
 * Requests, metadata, images and redirects are skipped; an oversized or undecodable
 * page is reported with its URL and the archive goes on.
 */
import { createReadStream } from 'node:fs';
import { inflateGuarded } from './inflate.js';
import { WARCParser, type WARCRecord } from 'warcio';
import { khabarError, KhabarError } from '../../core/errors.js';
import { pageArticle } from '../html/reader.js';
import { asKhabarError } from '../text.js';
import { MAX_DOCUMENT_BYTES, type IngestItem, type Reader } from '../types.js';

const HTML_TYPE = /^\s*(text\/html|application\/xhtml\+xml)/i;

/**
 * Reads past a record we do not keep. warcio's own skip (what the parser does before the next
 * record) loops forever when a truncated archive ends inside the record: it waits for bytes that
 * never come. Reading the record's limited stream stops at the end of the file instead.
 */
async function skipRecord(record: WARCRecord): Promise<void> {
  for await (const chunk of record.reader) void chunk;
  (record as { consumed?: string }).consumed = 'skipped';
}

export async function* readWarcFile(path: string): AsyncIterable<IngestItem> {
  let pages = 0;
  let records = 0;
  try {
    // .gz: inflated here, under a ratio cap (a gzip bomb is refused after a few MB, not 1 GB)
    const file = createReadStream(path);
    const parser = new WARCParser(path.toLowerCase().endsWith('.gz') ? inflateGuarded(file, path) : file);
    for await (const record of parser) {
      records++;
      const contentType = record.httpHeaders?.headers.get('content-type');
      const status = Number(record.httpHeaders?.statusCode ?? 0);
      if (
        record.warcType !== 'response' ||
        status < 200 ||
        status >= 300 ||
        !contentType ||
        !HTML_TYPE.test(contentType)
      ) {
        await skipRecord(record);
        continue;
      }
      // a record without WARC-Target-URI is named by the archive and its place in it
      const url = record.warcTargetURI ?? null;
      const source = url ?? `${path}#${records}`;
      pages++;
      if (record.warcContentLength > MAX_DOCUMENT_BYTES) {
        await skipRecord(record);
        yield {
          ok: false,
          source,
          error: khabarError('KHB_TOO_LARGE', source, record.warcContentLength, MAX_DOCUMENT_BYTES),
        };
        continue;
      }
      try {
        const bytes = await record.readFully(true);
        const article = pageArticle({
          source,
          url,
          bytes,
          contentType,
          meta: {
            warc: path,
            fetched_at: record.warcDate ?? record.httpHeaders?.headers.get('date') ?? null,
            http_last_modified: record.httpHeaders?.headers.get('last-modified') ?? undefined,
          },
        });
        yield { ok: true, article };
      } catch (e) {
        yield { ok: false, source, error: asKhabarError(e, source) };
      }
    }
  } catch (e) {
    const err = e instanceof KhabarError ? e : khabarError('KHB_WARC_MALFORMED', path, (e as Error).message);
    yield { ok: false, source: path, error: err };
    return;
  }
  if (pages === 0)
    yield {
      ok: false,
      source: path,
      error: khabarError('KHB_NOT_HTML', path, `no HTML response among ${records} WARC record(s)`),
    };
}

export const warcReader: Reader = {
  name: 'warc',
  match: (p) => p.endsWith('.warc') || p.endsWith('.warc.gz'),
  read: readWarcFile,
};
