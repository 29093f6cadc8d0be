/**
 * `khabar crawl --sites sites.txt [--out dir | --db file] [--max-pages N] [--since date]`
 * One site URL a line in sites.txt (# comments). Pages and cleaned articles go to
 * --out (see src/ingest/crawl/sink.ts); with --db the articles the crawl cleaned then go
 * through the rest of `khabar process` (dedup, cluster, store): each page is cleaned once.
 * Rejects go to stderr with URL and reason.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Article } from '../../core/article.js';
import { fmtInt } from '../../core/stats.js';
import { pageCleaner } from '../../clean/index.js';
import { crawl, DEFAULT_DELAY_MS } from '../../ingest/crawl/crawl.js';
import type { CliIO } from '../io.js';
import type { Register } from './index.js';
import { runProcess } from './process.js';

interface CrawlFlags {
  sites: string;
  out?: string;
  db?: string;
  maxPages?: string;
  since?: string;
  delay: string;
  concurrency: string;
  perHost: string;
  timeout: string;
  userAgent?: string;
  allowPrivate?: boolean;
  allowHost?: string[];
}

export const registerCrawl: Register = (program, io, setExit) => {
  program
    .command('crawl')
    .description('follow Arabic news sites: robots.txt, feeds and sitemaps → saved pages and cleaned articles')
    .requiredOption('--sites <file>', 'site URLs, one a line')
    .option('--out <dir>', 'write pages/, articles.jsonl, rejects.jsonl and the crawl journal here')
    .option('--db <file>', 'also store the crawled pages (runs `khabar process` on them)')
    .option('--max-pages <n>', 'new article pages per site this run')
    .option('--since <date>', 'skip entries dated before YYYY-MM-DD')
    .option('--delay <ms>', 'minimum gap between requests to one host', String(DEFAULT_DELAY_MS))
    .option('--concurrency <n>', 'requests in flight across all hosts', '4')
    .option('--per-host <n>', 'requests in flight to one host', '1')
    .option('--timeout <ms>', 'per request, headers and body', '20000')
    .option('--user-agent <ua>', 'User-Agent header')
    .option('--allow-private', 'also crawl loopback, private and link-local addresses (a local or intranet site)')
    .option(
      '--allow-host <host...>',
      'hosts besides the site (and its subdomains) that feeds, sitemaps and redirects may lead to',
    )
    .action(async (flags: CrawlFlags) => setExit(await runCrawl(flags, io)));
};

export async function runCrawl(flags: CrawlFlags, io: CliIO): Promise<number> {
  const sites = (await readFile(flags.sites, 'utf8'))
    .split('\n')
    .map((l) => l.replace(/#.*/, '').trim())
    .filter(Boolean);
  const out = flags.out ?? (flags.db ? 'crawl-out' : null);
  if (!out) {
    io.stderr.write('khabar: crawl needs --out <dir> or --db <file>\n');
    return 2;
  }
  if (flags.since && !/^\d{4}-\d{2}-\d{2}$/.test(flags.since)) {
    io.stderr.write(`khabar: --since must be YYYY-MM-DD, got ${flags.since}\n`);
    return 2;
  }
  const t0 = performance.now();
  const saved: string[] = [];
  const cleaned: Article[] = [];
  const sum = await crawl({
    sites,
    cleaner: pageCleaner,
    out,
    maxPages: flags.maxPages ? Number(flags.maxPages) : undefined,
    since: flags.since ?? null,
    delayMs: Number(flags.delay),
    concurrency: Number(flags.concurrency),
    perHost: Number(flags.perHost),
    timeoutMs: Number(flags.timeout),
    userAgent: flags.userAgent,
    allowPrivate: flags.allowPrivate ?? false,
    allowHosts: flags.allowHost ?? [],
    onPage: (_url, page, article) => {
      if (page && article) {
        saved.push(page);
        // stored under the id `khabar process <out>/pages` gives the saved file, as before
        article.id = basename(page).replace(/\.html$/, '');
        cleaned.push(article);
      }
    },
  });
  for (const r of sum.rejects)
    io.stderr.write(`khabar: rejected: ${r.rule}: ${r.message.includes(r.url) ? '' : r.url + ': '}${r.message}\n`);
  const skipped =
    Object.entries(sum.skipped)
      .map(([k, v]) => `${k} ${fmtInt(v)}`)
      .join(', ') || 'none';
  io.stderr.write(
    `crawl: ${sum.sites} site(s), ${fmtInt(sum.found)} new URL(s), ${fmtInt(sum.fetched)} fetched, ${fmtInt(sum.saved)} article(s) saved, ` +
      `${fmtInt(sum.notModified)} not modified, ${fmtInt(sum.rejects.length)} rejected; skipped: ${skipped}; ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
  );
  if (flags.db) {
    // every page is cleaned once: the articles the crawl cleaned go to the store as they are
    if (saved.length > 0) return runProcess(saved, { db: flags.db, format: 'auto', runs: 'runs', cleaned }, io);
  }
  return 0;
}
