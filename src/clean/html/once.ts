/**
 * Each page is parsed and extracted once. `khabar clean` reads its inputs twice (pass 1 counts
 * each site's lines, pass 2 cleans) and the pipeline asks for a page's lines before cleaning it;
 * both would extract the same page twice. The extract made for pass 1 is kept here until pass 2
 * takes it: by the Article object when it is the same one (the pipeline), by the page's content
 * hash when the page was read again (the two-pass batch).
 */
import { createHash } from 'node:crypto';
import { extractFromHtml, type HtmlExtract } from './extract.js';

/** Memory held by extracts between the passes, at most. An extract is about its article's text
 *  (~5 KB as UTF-16), so this holds ~25 000 pages; past it the oldest go first (the pipeline's
 *  priming reads stored pages it never cleans) and those are extracted again when cleaned. */
export const HELD_BYTES_MAX = 128 * 1024 * 1024;

interface Page {
  raw: string;
  url: string | null;
  /** `fetched_at` (WARC, crawler) bounds the publication date. */
  meta?: Record<string, unknown>;
}

const opts = (p: Page) => ({
  url: p.url,
  readAt: typeof p.meta?.fetched_at === 'string' ? p.meta.fetched_at : null,
});

const byObject = new WeakMap<Page, HtmlExtract>();
const byContent = new Map<string, { x: HtmlExtract; bytes: number }>();
let heldBytes = 0;

const key = (p: Page) =>
  createHash('sha1')
    .update(p.url ?? '')
    .update('\u0000')
    .update(p.raw)
    .digest('base64');

const size = (x: HtmlExtract) => x.lines.reduce((s, l) => s + l.length, 0) * 2 + 256;

/** The page's extract for a first look (pass 1): made now and held for `takeExtract`. */
export function peekExtract(p: Page): HtmlExtract {
  const held = byObject.get(p);
  if (held) return held;
  const x = extractFromHtml(p.raw, opts(p));
  byObject.set(p, x);
  const bytes = size(x);
  const k = key(p);
  if (byContent.has(k) || bytes > HELD_BYTES_MAX) return x;
  for (const [old, held] of byContent) {
    if (heldBytes + bytes <= HELD_BYTES_MAX) break;
    byContent.delete(old);
    heldBytes -= held.bytes;
  }
  byContent.set(k, { x, bytes });
  heldBytes += bytes;
  return x;
}

/** The page's extract for cleaning: the one pass 1 made, if held (and let go of), else made now. */
export function takeExtract(p: Page): HtmlExtract {
  const same = byObject.get(p);
  if (byContent.size > 0) {
    const k = key(p);
    const held = byContent.get(k);
    if (held) {
      byContent.delete(k);
      heldBytes -= held.bytes;
      return same ?? held.x;
    }
  }
  return same ?? extractFromHtml(p.raw, opts(p));
}

/** How many extracts are held (for tests). */
export function heldExtracts(): number {
  return byContent.size;
}
