/**
 * A `.jsonl` file has one object a line: `text` (or `html` with `url`), and
 * optionally `id`, `url`, `site`, `published`, `title`. Each line is read on
 * its own: a malformed line is reported with file:line and the run goes on.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { newArticle, type Article } from '../core/article.js';
import { khabarError } from '../core/errors.js';
import { contentId } from './ids.js';
import { asKhabarError } from './text.js';
import { MAX_DOCUMENT_BYTES, type IngestItem, type Reader } from './types.js';

/** Fields khabar reads from an input object; every other field is kept in `meta`. */
const KNOWN = new Set(['id', 'text', 'html', 'raw', 'url', 'site', 'published', 'title']);

export async function* readJsonlFile(path: string): AsyncIterable<IngestItem> {
  let lineNo = 0;
  try {
    const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
    for await (const line of lines) {
      lineNo++;
      if (line.trim() === '') continue;
      yield parseJsonlLine(line, path, lineNo);
    }
  } catch (e) {
    yield { ok: false, source: path, line: lineNo || undefined, error: asKhabarError(e, path) };
  }
}

export function parseJsonlLine(line: string, path: string, lineNo: number): IngestItem {
  const source = `${path}:${lineNo}`;
  if (line.length > MAX_DOCUMENT_BYTES) {
    return {
      ok: false,
      source,
      line: lineNo,
      error: khabarError('KHB_TOO_LARGE', source, line.length, MAX_DOCUMENT_BYTES),
    };
  }
  let obj: unknown;
  try {
    obj = JSON.parse(line);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return { ok: false, source, line: lineNo, error: khabarError('KHB_JSONL_MALFORMED', path, lineNo, why) };
  }
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
    return {
      ok: false,
      source,
      line: lineNo,
      error: khabarError('KHB_JSONL_MALFORMED', path, lineNo, 'not an object'),
    };
  }
  const article = articleFromObject(obj as Record<string, unknown>, source);
  if (!article) return { ok: false, source, line: lineNo, error: khabarError('KHB_JSONL_NO_TEXT', path, lineNo) };
  if (article.raw.trim() === '') return { ok: false, source, line: lineNo, error: khabarError('KHB_EMPTY', source) };
  return { ok: true, article };
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);

/** Builds an Article from a JSON object (also used by the HTTP API). Null if it has no text. */
export function articleFromObject(o: Record<string, unknown>, source: string): Article | null {
  const html = str(o.html);
  const text = typeof o.text === 'string' ? o.text : typeof o.raw === 'string' ? o.raw : null;
  const raw = text ?? html;
  if (raw === null) return null;
  const url = str(o.url);
  let site = str(o.site);
  if (!site && url) {
    try {
      site = new URL(url).hostname.replace(/^www\./, '');
    } catch {
      /* not a URL: no site */
    }
  }
  const id = typeof o.id === 'string' || typeof o.id === 'number' ? String(o.id) : contentId(url ?? source, raw);
  const published = str(o.published);
  return newArticle({
    id,
    source: url ?? source,
    raw,
    rawKind: text === null ? 'html' : 'text',
    url,
    site,
    published: published && /^\d{4}-\d{2}-\d{2}/.test(published) ? published.slice(0, 10) : null,
    title: str(o.title),
    meta: Object.fromEntries(Object.entries(o).filter(([k]) => !KNOWN.has(k))),
  });
}

export const jsonlReader: Reader = {
  name: 'jsonl',
  match: (p) => p.endsWith('.jsonl') || p.endsWith('.ndjson'),
  read: readJsonlFile,
};
