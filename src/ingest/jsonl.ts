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
import { MAX_DOCUMENT_BYTES, type IngestItem, type JsonlOptions, type Reader } from './types.js';

/** Objects and arrays nested deeper than this are refused before parsing: a news record is a
 *  few levels deep (a CommonCrawl/Trafilatura record with metadata is 4), while a field nested
 *  20 000 deep overflows the stack of whatever walks it later (clean, the store's JSON). */
export const MAX_JSONL_DEPTH = 64;

/** Fields khabar reads from an input object; every other field is kept in `meta`. */
const KNOWN = new Set(['id', 'text', 'html', 'raw', 'url', 'site', 'published', 'title']);

export async function* readJsonlFile(path: string, opts: JsonlOptions = {}): AsyncIterable<IngestItem> {
  let lineNo = 0;
  try {
    const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
    for await (const line of lines) {
      lineNo++;
      if (line.trim() === '') continue;
      yield parseJsonlLine(line, path, lineNo, opts);
    }
  } catch (e) {
    yield { ok: false, source: path, line: lineNo || undefined, error: asKhabarError(e, path) };
  }
}

export function parseJsonlLine(line: string, path: string, lineNo: number, opts: JsonlOptions = {}): IngestItem {
  const source = `${path}:${lineNo}`;
  // bytes, not characters: an Arabic line is two bytes a letter
  const bytes = line.length > MAX_DOCUMENT_BYTES / 4 ? Buffer.byteLength(line) : line.length;
  if (bytes > MAX_DOCUMENT_BYTES) {
    return {
      ok: false,
      source,
      line: lineNo,
      error: khabarError('KHB_TOO_LARGE', source, bytes, MAX_DOCUMENT_BYTES),
    };
  }
  const depth = nestingDepth(line, MAX_JSONL_DEPTH);
  if (depth > MAX_JSONL_DEPTH) {
    const why = `nested deeper than ${MAX_JSONL_DEPTH} levels`;
    return { ok: false, source, line: lineNo, error: khabarError('KHB_JSONL_MALFORMED', path, lineNo, why) };
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
  const o = obj as Record<string, unknown>;
  if (opts.requireId && !(typeof o.id === 'number' || (typeof o.id === 'string' && o.id !== '')))
    return { ok: false, source, line: lineNo, error: khabarError('KHB_JSONL_NO_ID', path, lineNo) };
  const article = articleFromObject(o, source);
  if (!article) return { ok: false, source, line: lineNo, error: khabarError('KHB_JSONL_NO_TEXT', path, lineNo) };
  if (article.raw.trim() === '' && !opts.keepEmpty)
    return { ok: false, source, line: lineNo, error: khabarError('KHB_EMPTY', source) };
  article.record = { at: source, object: o };
  return { ok: true, article };
}

/** The deepest nesting of [ and { outside strings, counting no further than `stop` + 1. */
export function nestingDepth(line: string, stop: number): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max && (max = depth) > stop) return max;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
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
