/**
 * `.html`/`.htm` files: one page each. Bytes are decoded with the page's declared
 * charset checked against the bytes (charset.ts); the Article carries the HTML
 * (`rawKind: 'html'`) and the cleaner extracts and cleans it (src/clean).
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { newArticle, type Article } from '../../core/article.js';
import { khabarError } from '../../core/errors.js';
import type { Reason } from '../../core/trace.js';
import { contentId } from '../ids.js';
import { asKhabarError } from '../text.js';
import { MAX_DOCUMENT_BYTES, type IngestItem, type Reader } from '../types.js';
import { originalBytes } from '../../text/encoding.js';
import { decodeHtml, looksLikeHtml } from './charset.js';

const CANONICAL =
  /<link[^>]+rel=["']?canonical["']?[^>]*href=["']([^"']+)["']|<link[^>]+href=["']([^"']+)["'][^>]*rel=["']?canonical/i;

export interface PageInit {
  source: string;
  bytes: Uint8Array;
  /** The fetched URL (crawler, WARC); files use their canonical link. */
  url?: string | null;
  contentType?: string | null;
  /** Site when no URL names one (a folder of saved pages is one site's). */
  site?: string | null;
  /** Id when the caller has one (a saved file's name, as for .txt files); else from URL and bytes. */
  id?: string | null;
  meta?: Record<string, unknown>;
}

/** Bytes of one page → an html Article, or a KhabarError (not HTML, undecodable, empty). */
export function pageArticle(p: PageInit): Article {
  if (p.bytes.byteLength === 0) throw khabarError('KHB_EMPTY', p.source);
  const decoded = decodeHtml(p.bytes, { source: p.source, contentType: p.contentType });
  if (decoded.text.trim() === '') throw khabarError('KHB_EMPTY', p.source);
  if (!looksLikeHtml(decoded.text)) throw khabarError('KHB_NOT_HTML', p.source, 'no HTML markup in the first 4 KiB');
  const m = CANONICAL.exec(decoded.text.slice(0, 65536));
  let url = p.url ?? null;
  if (!url && m) {
    try {
      url = new URL(m[1] ?? m[2]).href;
    } catch {
      /* relative canonical without a base: no URL */
    }
  }
  let site = p.site ?? null;
  if (url) site = new URL(url).hostname.replace(/^www\./, '');
  const trace: Reason[] = decoded.reasons;
  return newArticle({
    id: p.id || contentId(url ?? p.source, p.bytes),
    source: p.url ?? p.source,
    raw: decoded.text,
    bytes: originalBytes(p.bytes, decoded.text),
    rawKind: 'html',
    url,
    site,
    trace,
    meta: { encoding: decoded.encoding, ...p.meta },
  });
}

/** A page saved by `khabar crawl` has `<sha1>.headers.json` beside it: its URL and HTTP charset. */
async function crawlHeaders(
  path: string,
): Promise<{ url?: string; headers?: Record<string, string>; fetched_at?: string } | null> {
  try {
    return JSON.parse(await readFile(path.replace(/\.x?html?$/i, '.headers.json'), 'utf8'));
  } catch {
    return null;
  }
}

export async function* readHtmlFile(path: string): AsyncIterable<IngestItem> {
  try {
    const size = (await stat(path)).size;
    if (size > MAX_DOCUMENT_BYTES) throw khabarError('KHB_TOO_LARGE', path, size, MAX_DOCUMENT_BYTES);
    const bytes = await readFile(path);
    const saved = await crawlHeaders(path);
    const article = pageArticle({
      source: path,
      bytes,
      url: saved?.url ?? null,
      contentType: saved?.headers?.['content-type'] ?? null,
      site: basename(dirname(path)) || null,
      id: basename(path).replace(/\.[^.]+$/, ''),
      meta: saved?.fetched_at ? { fetched_at: saved.fetched_at } : undefined,
    });
    yield { ok: true, article };
  } catch (e) {
    yield { ok: false, source: path, error: asKhabarError(e, path) };
  }
}

export const htmlReader: Reader = {
  name: 'html',
  match: (p) => p.endsWith('.html') || p.endsWith('.htm') || p.endsWith('.xhtml'),
  read: readHtmlFile,
};
