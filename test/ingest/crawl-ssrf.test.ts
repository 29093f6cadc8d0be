/**
 * SSRF (issue 15): the crawler connects to public addresses only (after DNS, on every hop),
 * keeps sitemaps, feeds and redirects on the site's host, and reads robots-parser's
 * "undefined" for another origin as "not allowed". Every server here is on loopback: a
 * "public" site is one the test's own address check calls public.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIO } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { pageCleaner } from '../../src/clean/index.js';
import { crawl } from '../../src/ingest/crawl/crawl.js';
import { inScope, isPublicAddress, siteScope } from '../../src/ingest/crawl/guard.js';
import { loadRobots } from '../../src/ingest/crawl/robots.js';
import { articleHtml } from './fixture-site.js';

interface Local {
  base: string;
  hits: string[];
  server: Server;
}

/** A server on `host` answering from `routes` (path → [status, headers, body]); logs every path. */
async function serve(
  host: string,
  routes: (base: string) => Record<string, [number, Record<string, string>, string]>,
): Promise<Local> {
  const hits: string[] = [];
  let table: ReturnType<typeof routes> = {};
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    const [status, headers, body] = table[req.url ?? ''] ?? [404, {}, 'not found'];
    res.writeHead(status, headers).end(body);
  });
  await new Promise<void>((r) => server.listen(0, host, r));
  const base = `http://${host}:${(server.address() as AddressInfo).port}`;
  table = routes(base);
  return { base, hits, server };
}

const html = { 'content-type': 'text/html; charset=utf-8' };
const xml = { 'content-type': 'application/xml' };
const urlset = (urls: string[]) =>
  `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls
    .map((u) => `<url><loc>${u}</loc></url>`)
    .join('')}</urlset>`;

describe('SSRF guard: addresses', () => {
  it('should refuse loopback, private, link-local, CGNAT, multicast and reserved addresses, v4 and v6', () => {
    for (const ip of [
      '127.0.0.1',
      '127.5.5.5',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.251',
      '255.255.255.255',
      '::1',
      '::',
      'fe80::1',
      'fd00::1',
      'ff02::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '64:ff9b::a9fe:a9fe',
      '2002:c0a8:0101::1',
      'not-an-ip',
    ])
      expect(isPublicAddress(ip), ip).toBe(false);
  });

  it('should let public addresses through', () => {
    for (const ip of ['8.8.8.8', '1.1.1.1', '172.32.0.1', '192.169.0.1', '2001:4860:4860::8888', '::ffff:8.8.8.8'])
      expect(isPublicAddress(ip), ip).toBe(true);
  });

  it("should keep a site's scope to its host and subdomains, www. or not", () => {
    const scope = siteScope('https://www.aljazeera.net/');
    expect(inScope('https://aljazeera.net/news', scope)).toBe(true);
    expect(inScope('https://feeds.aljazeera.net/rss', scope)).toBe(true);
    expect(inScope('https://evil-aljazeera.net/x', scope)).toBe(false);
    expect(inScope('http://169.254.169.254/latest/meta-data/', scope)).toBe(false);
    expect(inScope('https://cdn.example.org/x', scope, ['example.org'])).toBe(true);
  });

  it("should not count robots-parser's undefined (another origin) as allowed", async () => {
    const rules = await loadRobots('http://a.test', 'khabar/0.1', async (url) => ({
      url,
      status: 200,
      headers: {},
      bytes: Buffer.from('User-agent: *\nDisallow: /private/\n'),
      chain: [url],
      attempts: 1,
    }));
    expect(rules.allowed('http://a.test/news/1')).toBe(true);
    expect(rules.allowed('http://a.test/private/x')).toBe(false);
    expect(rules.allowed('http://127.0.0.1:9/internal/secret.html')).toBe(false);
  });
});

describe('SSRF guard: crawling', () => {
  let secret: Local;
  let site: Local;
  let out: string;

  beforeAll(async () => {
    // the "internal" server: on another loopback address, with a page nobody may fetch
    secret = await serve('127.0.0.2', () => ({
      '/internal/secret.html': [200, html, articleHtml(999, 'سر داخلي لا يجوز جلبه من الشبكة الداخلية')],
      '/sitemap.xml': [200, xml, urlset([])],
    }));
    // the site on 127.0.0.3, which the third test calls public (localhost is 127.0.0.1 or ::1)
    site = await serve('127.0.0.3', (base) => ({
      '/robots.txt': [
        200,
        { 'content-type': 'text/plain' },
        `User-agent: *\nAllow: /\nSitemap: ${base}/sitemap.xml\nSitemap: ${secret.base}/sitemap.xml\n`,
      ],
      '/': [200, html, '<html><body>home</body></html>'],
      '/sitemap.xml': [200, xml, urlset([`${base}/news/1`, `${base}/news/2`, `${base}/news/3`])],
      '/news/1': [200, html, articleHtml(1)],
      '/news/2': [302, { location: `${secret.base}/internal/secret.html` }, ''],
      '/news/3': [302, { location: `http://localhost:${new URL(secret.base).port}/internal/secret.html` }, ''],
    }));
    out = await mkdtemp(join(tmpdir(), 'khabar-ssrf-'));
  });
  afterAll(async () => {
    secret.server.close();
    site.server.close();
  });

  it('should refuse a site on a loopback address without --allow-private, before any request', async () => {
    for (const base of [site.base, `http://localhost:${new URL(site.base).port}`]) {
      const before = site.hits.length;
      const sum = await crawl({
        sites: [base + '/'],
        cleaner: pageCleaner,
        out: join(out, 'a'),
        delayMs: 0,
        retries: 0,
      });
      expect(site.hits.length).toBe(before);
      expect(sum.rejects.map((r) => r.rule)).toEqual(['KHB_PRIVATE_ADDRESS']); // robots.txt refused: site skipped
      expect(sum.saved).toBe(0);
    }
  });

  it('should keep redirects and Sitemap: lines on the site with --allow-private', async () => {
    const sum = await crawl({
      sites: [site.base + '/'],
      cleaner: pageCleaner,
      out: join(out, 'b'),
      delayMs: 0,
      retries: 0,
      allowPrivate: true,
    });
    expect(secret.hits).toEqual([]);
    const rule = (path: string) => sum.rejects.find((r) => r.url.endsWith(path))?.rule;
    expect(rule(`${secret.base}/sitemap.xml`)).toBe('KHB_OFF_SITE');
    expect(rule('/news/2')).toBe('KHB_OFF_SITE');
    expect(sum.saved).toBe(1); // /news/1 only
  });

  it('should check the address a redirect hop resolves to, even on an allowed host', async () => {
    // the site (127.0.0.3) counts as public, the rest is the "internal" network; localhost is allowed by
    // name (--allow-host) but resolves to loopback: refused at connect time, never requested
    const hits = secret.hits.length;
    const sum = await crawl({
      sites: [site.base + '/'],
      cleaner: pageCleaner,
      out: join(out, 'c'),
      delayMs: 0,
      retries: 0,
      allowHosts: ['localhost'],
      publicAddress: (ip) => ip === '127.0.0.3',
    });
    expect(secret.hits.length).toBe(hits);
    const news3 = sum.rejects.find((r) => r.url.endsWith('/news/3'));
    expect(news3?.rule).toBe('KHB_PRIVATE_ADDRESS');
    expect(news3?.message).toMatch(/localhost/);
    expect(sum.rejects.find((r) => r.url.endsWith('/news/2'))?.rule).toBe('KHB_OFF_SITE');
    expect(sum.saved).toBe(1);
  });

  it('should take --allow-private and --allow-host on the command line', async () => {
    const sites = join(out, 'sites.txt');
    await writeFile(sites, `${site.base}/\n`);
    const io = memoryIO();
    const code = await main(['crawl', '--sites', sites, '--out', join(out, 'd'), '--delay', '0'], io);
    expect(code).toBe(0);
    expect(io.err()).toMatch(/KHB_PRIVATE_ADDRESS/);
    const io2 = memoryIO();
    expect(
      await main(['crawl', '--sites', sites, '--out', join(out, 'e'), '--delay', '0', '--allow-private'], io2),
    ).toBe(0);
    expect(io2.err()).toMatch(/KHB_OFF_SITE/);
    expect(secret.hits).toEqual([]);
  });
});
