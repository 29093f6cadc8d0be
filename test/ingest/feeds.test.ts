import iconv from 'iconv-lite';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { KhabarError } from '../../src/core/errors.js';
import { feedText, MAX_SITEMAP_BYTES, parseFeed } from '../../src/ingest/feeds/parse.js';

const rss = (encoding: string, link: string) =>
  `<?xml version="1.0" encoding="${encoding}"?><rss version="2.0"><channel><title>أخبار</title>` +
  `<item><title>الكاظمي في بروكسل</title><link>${link}</link><pubDate>Wed, 30 Jun 2021 10:00:00 +0300</pubDate></item>` +
  `</channel></rss>`;
const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof KhabarError ? e.code : String(e);
  }
  return 'no error';
};

describe('feeds: bytes to entries', () => {
  const link = 'https://news.example/الكاظمي-في-بروكسل';

  it('should decode a windows-1256 feed by its XML declaration, Arabic URLs intact', () => {
    const bytes = iconv.encode(rss('windows-1256', link), 'windows-1256');
    const doc = parseFeed(
      feedText(bytes, { source: 'https://news.example/feed.xml' }),
      'https://news.example/feed.xml',
    );
    expect(doc.kind).toBe('feed');
    expect(doc.kind === 'feed' && doc.entries).toEqual([{ url: new URL(link).href, date: '2021-06-30' }]);
  });

  it('should follow the HTTP charset over a missing declaration, and read UTF-8 by default', () => {
    const noDecl = rss('windows-1256', link).replace(/^<\?xml[^>]*>/, '');
    const bytes = iconv.encode(noDecl, 'windows-1256');
    const doc = parseFeed(
      feedText(bytes, { source: 'https://news.example/f', contentType: 'application/rss+xml; charset=windows-1256' }),
      'https://news.example/f',
    );
    expect(doc.kind === 'feed' && doc.entries[0].url).toBe(new URL(link).href);
    const utf8 = parseFeed(
      feedText(Buffer.from(rss('UTF-8', link)), { source: 'https://news.example/u' }),
      'https://news.example/u',
    );
    expect(utf8.kind === 'feed' && utf8.entries[0].url).toBe(new URL(link).href);
  });

  it('should inflate a gzipped sitemap, refuse a gzip bomb with KHB_TOO_LARGE and a broken gzip as malformed', () => {
    const sitemap = `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://news.example/a</loc><lastmod>2021-07-01</lastmod></url></urlset>`;
    const doc = parseFeed(
      feedText(gzipSync(sitemap), { source: 'https://news.example/s.xml.gz' }),
      'https://news.example/s.xml.gz',
    );
    expect(doc.kind === 'urlset' && doc.entries).toEqual([{ url: 'https://news.example/a', date: '2021-07-01' }]);
    const bomb = gzipSync(Buffer.alloc(MAX_SITEMAP_BYTES + 1024, 0x20));
    expect(bomb.length).toBeLessThan(1 << 20);
    expect(code(() => feedText(bomb, { source: 'bomb.xml.gz' }))).toBe('KHB_TOO_LARGE');
    expect(code(() => feedText(Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3]), { source: 'cut.xml.gz' }))).toBe(
      'KHB_FEED_MALFORMED',
    );
  });
});
