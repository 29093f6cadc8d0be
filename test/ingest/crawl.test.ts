import Database from 'better-sqlite3';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIO } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { pageCleaner } from '../../src/clean/index.js';
import { crawl, type CrawlSummary } from '../../src/ingest/crawl/crawl.js';
import { urlSha1 } from '../../src/ingest/crawl/sink.js';
import { openStore } from '../../src/store/index.js';
import { startFixtureSite, type FixtureSite } from './fixture-site.js';

const PAGES = 200;
const DELAY = 20;
/** Server-side arrival times jitter by a few milliseconds on a busy machine (8: a wide margin, issue 15). */
const JITTER = 8;

describe('crawl of a local fixture site', () => {
  let site: FixtureSite;
  let out: string;
  let sum: CrawlSummary;
  let second: CrawlSummary;
  let hitsAfterFirst = 0;

  beforeAll(async () => {
    site = await startFixtureSite({ pages: PAGES, slowMs: 3000 });
    out = await mkdtemp(join(tmpdir(), 'khabar-crawl-'));
    const opts = {
      sites: [site.base + '/'],
      cleaner: pageCleaner,
      out,
      delayMs: DELAY,
      concurrency: 4,
      perHost: 1,
      timeoutMs: 1000, // the slow page takes 3 s; 1 s leaves a busy machine room for the rest
      retries: 1,
      backoffMs: 10,
      maxBytes: 2 * 2 ** 20,
      allowPrivate: true, // the fixture site is on 127.0.0.1
    };
    sum = await crawl(opts);
    hitsAfterFirst = site.hits.length;
    second = await crawl(opts);
  }, 60_000);
  afterAll(() => site.close());

  const rule = (path: string) => sum.rejects.find((r) => r.url.endsWith(path))?.rule;

  it('should save every generated article page and its cleaned article', async () => {
    const lines = (await readFile(join(out, 'articles.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.length).toBeGreaterThanOrEqual(PAGES);
    expect(lines.find((a) => a.url.endsWith('/news/7'))?.title).toContain('خبر رقم 7');
    const files = await readdir(join(out, 'pages'));
    expect(files.filter((f) => f.endsWith('.html')).length).toBeGreaterThanOrEqual(PAGES);
    expect(files.filter((f) => f.endsWith('.headers.json')).length).toBeGreaterThanOrEqual(PAGES);
  });

  it('should never request a robots-disallowed URL and report it with KHB_ROBOTS_DISALLOWED', () => {
    expect(site.count('/private/secret')).toBe(0);
    expect(rule('/private/secret')).toBe('KHB_ROBOTS_DISALLOWED');
  });

  it('should request each article page once and keep the per-host delay between request starts', () => {
    for (let i = 0; i < PAGES; i++) expect(site.count(`/news/${i}`)).toBe(1);
    // Measured on the 200 article pages: the bad endpoints (a 100 MB stream) keep the test
    // server's own event loop busy and blur its arrival times, not the crawler's spacing.
    const pages = site.hits.slice(0, hitsAfterFirst).filter((h) => /^\/news\/\d+$/.test(h.path));
    const gaps = pages.slice(1).map((h, i) => h.t - pages[i].t);
    const worst = gaps.indexOf(Math.min(...gaps));
    expect(gaps[worst], `gap before ${pages[worst + 1].path}`).toBeGreaterThanOrEqual(DELAY - JITTER);
    expect(site.hits.every((h) => h.ua.startsWith('khabar/'))).toBe(true);
  });

  it('should report each bad input with its URL and reason and go on', () => {
    expect(rule('/bad-feed.xml')).toBe('KHB_FEED_MALFORMED');
    expect(sum.rejects.find((r) => r.url.endsWith('/loop-a.xml'))?.message).toMatch(/loop/);
    expect(rule('/bad/bomb')).toBe('KHB_TOO_LARGE');
    expect(rule('/bad/huge')).toBe('KHB_TOO_LARGE');
    expect(rule('/bad/not-html')).toBe('KHB_NOT_HTML');
    expect(rule('/bad/500')).toBe('KHB_FETCH_FAILED');
    expect(sum.rejects.find((r) => r.url.endsWith('/bad/slow'))?.message).toMatch(/timed out/);
    expect(rule('/redirect/loop-1')).toBe('KHB_TOO_MANY_REDIRECTS');
    expect(site.count('/bad/500')).toBe(2); // one retry with backoff
  });

  it('should retry a 429, follow a redirect chain and decode a windows-1256 page', async () => {
    const lines = (await readFile(join(out, 'articles.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(site.count('/flaky/429')).toBe(2);
    expect(lines.some((a) => a.url.endsWith('/flaky/429'))).toBe(true);
    expect(lines.some((a) => a.url.endsWith('/news/moved'))).toBe(true);
    expect(lines.find((a) => a.url.endsWith('/news/cp1256'))?.title).toBe('أمطار غزيرة على عسير وتحذيرات من السيول');
  });

  it('should fetch no page again on a second run and revalidate feeds with conditional GET', () => {
    const again = site.hits.slice(hitsAfterFirst);
    expect(again.filter((h) => h.path.startsWith('/news/')).length).toBe(0);
    expect(again.filter((h) => h.path === '/sitemap_index.xml' && h.conditional).length).toBe(1);
    expect(second.saved).toBe(0);
    expect(second.skipped['ingest/feed-not-modified']).toBeGreaterThan(0);
  });
});

describe('khabar crawl --db', () => {
  let site: FixtureSite;
  beforeAll(async () => {
    site = await startFixtureSite({ pages: 20, slowMs: 1500 });
  });
  afterAll(() => site.close());

  it('should store every saved article page, redirected ones too, and report the rest with URL and reason', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'khabar-crawl-db-'));
    const sites = join(dir, 'sites.txt');
    await writeFile(sites, `# the local fixture site\n${site.base}/\n`);
    const db = join(dir, 'k.db');
    const io = memoryIO();
    const code = await main(
      [
        'crawl',
        '--sites',
        sites,
        '--out',
        join(dir, 'out'),
        '--db',
        db,
        '--delay',
        '5',
        '--timeout',
        '400',
        '--allow-private',
      ],
      io,
    );
    expect(code, io.err()).toBe(0);
    const articles = (await readFile(join(dir, 'out', 'articles.jsonl'), 'utf8')).trim().split('\n');
    const store = await openStore(db, { readonly: true });
    try {
      const stats = await store.stats();
      // every article the crawl saved went through khabar process into the store
      expect(stats.documents).toBe(articles.length);
      // each page was cleaned once: what is stored is the article the crawl cleaned and wrote out
      for (const line of articles) {
        const rec = JSON.parse(line) as { url: string; text: string; title: string | null };
        const stored = await store.getArticle(urlSha1(rec.url)); // the id of its saved page
        expect(stored?.paragraphs.join('\n\n')).toBe(rec.text);
        expect(stored?.title).toBe(rec.title);
      }
      // …and the store's run did no cleaning of its own (no time spent in the cleaner), yet counted them
      const run = new Database(db, { readonly: true }).prepare('SELECT stats FROM runs').pluck().all() as string[];
      expect(run).toHaveLength(1);
      const recorded = JSON.parse(run[0]) as { counts: Record<string, number>; timings_ms: Record<string, number> };
      expect(recorded.timings_ms.clean).toBeUndefined();
      expect(recorded.counts['clean/out']).toBe(articles.length);
      const hits = await store.search('6666');
      expect(hits.hits.length, 'the page behind /redirect/a → /redirect/b → /news/moved').toBeGreaterThan(0);
    } finally {
      await store.close();
    }
    // the truncated page and the other bad ones are named with their URL and reason
    expect(io.err()).toMatch(/rejected: KHB_NOT_HTML: .*\/bad\/not-html/);
    expect(io.err()).toMatch(new RegExp(`rejected: [\\w/-]+: .*${site.base}/bad/truncated`));
  });
});
