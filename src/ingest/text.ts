/**
 * A `.txt` file is one document. Bytes are decoded by src/text/encoding.ts
 * (BOM, UTF-8, UTF-16, windows-1256, ISO-8859-6, mojibake repair).
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { newArticle } from '../core/article.js';
import { KhabarError, khabarError } from '../core/errors.js';
import { decodeBytes, originalBytes } from '../text/encoding.js';
import { contentId } from './ids.js';
import { MAX_DOCUMENT_BYTES, type IngestItem, type Reader } from './types.js';

export async function* readTextFile(path: string): AsyncIterable<IngestItem> {
  try {
    const size = (await stat(path)).size;
    if (size === 0) throw khabarError('KHB_EMPTY', path);
    if (size > MAX_DOCUMENT_BYTES) throw khabarError('KHB_TOO_LARGE', path, size, MAX_DOCUMENT_BYTES);
    const bytes = await readFile(path);
    const decoded = decodeBytes(bytes, { source: path });
    if (decoded.text.trim() === '') throw khabarError('KHB_EMPTY', path);
    const article = newArticle({
      id: basename(path).replace(/\.[^.]+$/, '') || contentId(path, bytes),
      source: path,
      raw: decoded.text,
      bytes: originalBytes(bytes, decoded.text),
      // A folder of one site's pages is the common layout: the folder names the site.
      site: basename(dirname(path)) || null,
      trace: decoded.reasons,
      meta: { encoding: decoded.encoding },
    });
    yield { ok: true, article };
  } catch (e) {
    yield { ok: false, source: path, error: asKhabarError(e, path) };
  }
}

export function asKhabarError(e: unknown, path: string): KhabarError {
  if (e instanceof KhabarError) return e;
  return khabarError('KHB_FILE_UNREADABLE', path, e instanceof Error ? e.message : String(e));
}

export const textReader: Reader = {
  name: 'text',
  match: (p) => p.endsWith('.txt') || p.endsWith('.text'),
  read: readTextFile,
};
