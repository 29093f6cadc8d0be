/**
 * A local news site for crawler tests (node:http on 127.0.0.1, random port): robots.txt
 * with a disallowed folder and Sitemap: lines, a sitemap index, a news sitemap, RSS and
 * Atom feeds, `pages` generated articles with ETags, a windows-1256 page, and the bad
 * cases: truncated HTML, a PNG, a gzip bomb, a 100 MB stream, a slow page, a 500, a 429,
 * a redirect chain, a redirect loop, a malformed feed and a sitemap loop. Every request is logged.
 */
import iconv from 'iconv-lite';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

export interface Hit {
  path: string;
  t: number;
  ua: string;
  conditional: boolean;
}

export interface FixtureSite {
  base: string;
  hits: Hit[];
  count(path: string): number;
  close(): Promise<void>;
}

const SENT = [
  'أعلنت وزارة الزراعة عن خطة جديدة لدعم المزارعين في المحافظات الجنوبية خلال الموسم المقبل',
  'وقال المتحدث باسم الوزارة إن الخطة تشمل توزيع البذور المحسنة بأسعار مدعومة على الجمعيات الفلاحية',
  'وأضاف أن الوزارة ستتابع تنفيذ الخطة ميدانياً بالتنسيق مع الحكومات المحلية ونقابات الفلاحين',
  'من جهتهم رحب مزارعون بالقرار وطالبوا بتسريع صرف المستحقات المتأخرة عن المواسم السابقة',
];

export function articleHtml(i: number, title = `خبر رقم ${i}: الزراعة تدعم الفلاحين في الجنوب`): string {
  const ps = SENT.map((s, k) => `<p>${s} (${i}-${k}).</p>`).join('\n');
  return `<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>${title} - موقع الاختبار</title>
<meta property="og:title" content="${title}"><meta property="article:published_time" content="2021-06-${String((i % 28) + 1).padStart(2, '0')}T10:00:00+03:00"></head>
<body><nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/s">سياسة</a></li></ul></nav>
<article><h1>${title}</h1><div class="entry-content">${ps}</div><div class="share-buttons">شارك فيسبوك تويتر</div></article>
<footer>جميع الحقوق محفوظة</footer></body></html>`;
}

const urlset = (base: string, paths: string[]) =>
  `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${paths
    .map((p) => `<url><loc>${base}${p}</loc><lastmod>2021-06-30</lastmod></url>`)
    .join('')}</urlset>`;
const index = (base: string, paths: string[]) =>
  `<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${paths
    .map((p) => `<sitemap><loc>${base}${p}</loc></sitemap>`)
    .join('')}</sitemapindex>`;

export const BAD_PATHS = [
  '/bad/truncated',
  '/bad/not-html',
  '/bad/bomb',
  '/bad/huge',
  '/bad/slow',
  '/bad/500',
  '/redirect/loop-1',
  '/redirect/a',
  '/flaky/429',
  '/news/cp1256',
  '/private/secret',
];

export async function startFixtureSite(opts: {
  pages: number;
  slowMs?: number;
  crawlDelay?: number;
}): Promise<FixtureSite> {
  const hits: Hit[] = [];
  let base = '';
  // Built before listening: gzipping 64 MB blocks the event loop ~0.3 s and would skew the request log.
  const bomb = gzipSync(Buffer.alloc(64 * 2 ** 20, 0x20));
  let flaky = 0;
  const send = (
    res: ServerResponse,
    status: number,
    type: string,
    body: string | Buffer,
    extra: Record<string, string> = {},
  ) => {
    res.writeHead(status, { 'content-type': type, ...extra });
    res.end(body);
  };
  const etagged = (req: IncomingMessage, res: ServerResponse, type: string, body: string) => {
    const etag = `"${body.length.toString(16)}"`;
    if (req.headers['if-none-match'] === etag) return send(res, 304, type, '', { etag });
    send(res, 200, type, body, { etag });
  };
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.push({
      path,
      t: performance.now(),
      ua: String(req.headers['user-agent'] ?? ''),
      conditional: !!req.headers['if-none-match'],
    });
    const half = Math.ceil(opts.pages / 2);
    const news = (from: number, to: number) =>
      Array.from({ length: Math.max(0, to - from) }, (_, k) => `/news/${from + k}`);
    const xml = 'application/xml';
    switch (path) {
      case '/robots.txt':
        return send(
          res,
          200,
          'text/plain',
          `User-agent: *\nDisallow: /private/\n${opts.crawlDelay ? `Crawl-delay: ${opts.crawlDelay}\n` : ''}\nSitemap: ${base}/sitemap_index.xml\nSitemap: ${base}/loop-a.xml\n`,
        );
      case '/':
        return send(
          res,
          200,
          'text/html; charset=utf-8',
          `<html><head><link rel="alternate" type="application/rss+xml" href="/feed"><link rel="alternate" type="application/atom+xml" href="/atom.xml"><link rel="alternate" type="application/rss+xml" href="/bad-feed.xml"></head><body>الرئيسية</body></html>`,
        );
      case '/sitemap_index.xml':
        return etagged(req, res, xml, index(base, ['/sitemap-1.xml', '/sitemap-2.xml', '/news-sitemap.xml']));
      case '/sitemap-1.xml':
        return etagged(req, res, xml, urlset(base, news(0, half)));
      case '/sitemap-2.xml':
        return etagged(req, res, xml, urlset(base, [...news(half, opts.pages), '/private/secret']));
      case '/news-sitemap.xml':
        return etagged(
          req,
          res,
          xml,
          `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">${BAD_PATHS.map((p) => `<url><loc>${base}${p}</loc><news:news><news:publication_date>2021-06-30T08:00:00+03:00</news:publication_date></news:news></url>`).join('')}</urlset>`,
        );
      case '/loop-a.xml':
        return send(res, 200, xml, index(base, ['/loop-b.xml']));
      case '/loop-b.xml':
        return send(res, 200, xml, index(base, ['/loop-a.xml']));
      case '/feed':
        return etagged(
          req,
          res,
          'application/rss+xml',
          `<?xml version="1.0"?><rss version="2.0"><channel><title>موقع الاختبار</title>${news(0, 10)
            .map(
              (p) =>
                `<item><title>خبر</title><link>${base}${p}</link><pubDate>Wed, 30 Jun 2021 09:00:00 GMT</pubDate></item>`,
            )
            .join('')}</channel></rss>`,
        );
      case '/atom.xml':
        return etagged(
          req,
          res,
          'application/atom+xml',
          `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>موقع</title>${news(5, 15)
            .map(
              (p) =>
                `<entry><title>خبر</title><link rel="alternate" href="${base}${p}"/><updated>2021-06-30T09:00:00Z</updated></entry>`,
            )
            .join('')}</feed>`,
        );
      case '/bad-feed.xml':
        return send(
          res,
          200,
          'application/rss+xml',
          `<?xml version="1.0"?><rss><channel><item><link>${base}/news/1</link></item><item>`,
        );
      case '/bad/truncated':
        return send(res, 200, 'text/html', articleHtml(9999).slice(0, 420));
      case '/bad/not-html':
        return send(res, 200, 'image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
      case '/bad/bomb':
        return send(res, 200, 'text/html', bomb, { 'content-encoding': 'gzip' });
      case '/bad/huge': {
        res.writeHead(200, { 'content-type': 'text/html' });
        const chunk = Buffer.alloc(64 * 1024, 0x61);
        let sent = 0;
        const pump = () => {
          while (sent < 100 * 2 ** 20 && !res.destroyed) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        res.on('close', () => (sent = Infinity));
        return pump();
      }
      case '/bad/slow':
        return void setTimeout(
          () => !res.destroyed && send(res, 200, 'text/html', articleHtml(8888)),
          opts.slowMs ?? 2000,
        );
      case '/bad/500':
        return send(res, 500, 'text/plain', 'internal error');
      case '/flaky/429':
        return flaky++ === 0
          ? send(res, 429, 'text/plain', 'slow down', { 'retry-after': '0' })
          : send(res, 200, 'text/html; charset=utf-8', articleHtml(7777));
      case '/redirect/loop-1':
        return send(res, 302, 'text/plain', '', { location: '/redirect/loop-2' });
      case '/redirect/loop-2':
        return send(res, 302, 'text/plain', '', { location: '/redirect/loop-1' });
      case '/redirect/a':
        return send(res, 301, 'text/plain', '', { location: '/redirect/b' });
      case '/redirect/b':
        return send(res, 302, 'text/plain', '', { location: '/news/moved' });
      case '/news/moved':
        return send(res, 200, 'text/html; charset=utf-8', articleHtml(6666));
      case '/news/cp1256':
        return send(
          res,
          200,
          'text/html; charset=windows-1256',
          iconv.encode(articleHtml(5555, 'أمطار غزيرة على عسير وتحذيرات من السيول'), 'windows-1256'),
        );
    }
    const m = /^\/news\/(\d+)$/.exec(path);
    if (m && +m[1] < opts.pages) return etagged(req, res, 'text/html; charset=utf-8', articleHtml(+m[1]));
    send(res, 404, 'text/plain', 'not found');
  };
  const server: Server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    hits,
    count: (p) => hits.filter((h) => h.path === p).length,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
