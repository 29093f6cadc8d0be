/**
 * RSS 2.0, RSS 1.0 (RDF), Atom, sitemaps (urlset, with Google News and lastmod
 * dates) and sitemap indexes → article URLs with dates. A document that is not
 * well-formed XML, or is XML of another kind, is KHB_FEED_MALFORMED with its URL.
 * Gzipped sitemaps (`sitemap.xml.gz`) are inflated with an output cap.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { gunzipSync } from 'node:zlib';
import { khabarError } from '../../core/errors.js';
import { decodeBytes } from '../../text/encoding.js';
import { headerCharset } from '../html/charset.js';
import { isoDay } from '../../text/dates.js';

export interface FeedEntry {
  url: string;
  /** YYYY-MM-DD: pubDate, updated, lastmod or news:publication_date. */
  date: string | null;
}

export type FeedDoc =
  | { kind: 'feed'; entries: FeedEntry[] }
  | { kind: 'urlset'; entries: FeedEntry[] }
  | { kind: 'sitemapindex'; sitemaps: FeedEntry[] };

/** A sitemap holds at most 50 000 URLs and 50 MB uncompressed (sitemaps.org): inflate no further. */
export const MAX_SITEMAP_BYTES = 50 * 2 ** 20;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  isArray: (name) => ['item', 'entry', 'url', 'sitemap', 'link'].includes(name),
});

type X = Record<string, unknown>;
const text = (v: unknown): string | null => {
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number') return String(v);
  if (v && typeof v === 'object' && '#text' in (v as X)) return text((v as X)['#text']);
  return null;
};
const arr = (v: unknown): X[] => (Array.isArray(v) ? (v as X[]) : v ? [v as X] : []);

function absolute(u: string | null, base: string): string | null {
  if (!u) return null;
  try {
    return new URL(u, base).href;
  } catch {
    return null;
  }
}

/** `<?xml version="1.0" encoding="windows-1256"?>`: the feed's own declaration. */
const XML_ENCODING = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w:.-]+)["']/i;

/**
 * A feed's or sitemap's bytes as text: inflated when gzipped (capped at MAX_SITEMAP_BYTES,
 * else KHB_TOO_LARGE), then decoded as the HTTP header or the XML declaration says, checked
 * against the bytes (src/text/encoding.ts): Arabic feeds are still served in windows-1256.
 */
export function feedText(bytes: Uint8Array, opts: { source: string; contentType?: string | null }): string {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: MAX_SITEMAP_BYTES });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
        throw khabarError('KHB_TOO_LARGE', `${opts.source} (inflated)`, MAX_SITEMAP_BYTES + 1, MAX_SITEMAP_BYTES);
      throw khabarError('KHB_FEED_MALFORMED', opts.source, `gzip: ${e instanceof Error ? e.message : e}`);
    }
  }
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 200)).toString('latin1');
  const declared = headerCharset(opts.contentType) ?? XML_ENCODING.exec(head)?.[1] ?? null;
  return decodeBytes(bytes, { source: opts.source, declared }).text;
}

export function parseFeed(xml: string, source: string): FeedDoc {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw khabarError('KHB_FEED_MALFORMED', source, `${valid.err.msg} (line ${valid.err.line})`);
  const doc = parser.parse(xml) as X;
  const entries = (items: X[], link: (i: X) => string | null, date: (i: X) => unknown): FeedEntry[] =>
    items
      .map((i) => ({ url: absolute(link(i), source), date: isoDay(text(date(i))) }))
      .filter((e): e is FeedEntry => e.url !== null);
  if (doc.rss) {
    const ch = (doc.rss as X).channel as X | undefined;
    return {
      kind: 'feed',
      entries: entries(
        arr(ch?.item),
        (i) => text(arr(i.link)[0] ?? i.link) ?? text(i.guid),
        (i) => i.pubDate ?? i.date,
      ),
    };
  }
  if (doc.RDF)
    return {
      kind: 'feed',
      entries: entries(
        arr((doc.RDF as X).item),
        (i) => text(arr(i.link)[0]),
        (i) => i.date,
      ),
    };
  if (doc.feed) {
    const href = (i: X) => {
      const links = arr(i.link);
      const alt = links.find((l) => !l['@rel'] || l['@rel'] === 'alternate') ?? links[0];
      return alt ? text(alt['@href']) : null;
    };
    return { kind: 'feed', entries: entries(arr((doc.feed as X).entry), href, (i) => i.published ?? i.updated) };
  }
  if (doc.urlset) {
    const news = (i: X) => (i.news as X | undefined)?.publication_date;
    return {
      kind: 'urlset',
      entries: entries(
        arr((doc.urlset as X).url),
        (i) => text(i.loc),
        (i) => news(i) ?? i.lastmod,
      ),
    };
  }
  if (doc.sitemapindex)
    return {
      kind: 'sitemapindex',
      sitemaps: entries(
        arr((doc.sitemapindex as X).sitemap),
        (i) => text(i.loc),
        (i) => i.lastmod,
      ),
    };
  throw khabarError(
    'KHB_FEED_MALFORMED',
    source,
    `root element <${Object.keys(doc).find((k) => !k.startsWith('?')) ?? 'none'}> is not a feed or sitemap`,
  );
}

/** Feed links a page announces: `<link rel="alternate" type="application/rss+xml" href="…">`. */
export function feedLinks(html: string, base: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<link\b[^>]*>/gi)) {
    const tag = m[0];
    if (!/rel=["']?alternate/i.test(tag) || !/type=["']?application\/(rss|atom)\+xml/i.test(tag)) continue;
    const href = /href=["']([^"']+)["']/i.exec(tag);
    const u = absolute(href?.[1] ?? null, base);
    if (u) out.push(u);
  }
  return out;
}
