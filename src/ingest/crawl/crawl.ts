/**
 * `khabar crawl`: for each site, find feeds and sitemaps, collect new article URLs,
 * fetch them politely, save the raw pages and the cleaned articles. The cascade:
 *   0. every request: public addresses only, after DNS and on each hop (guard.ts; --allow-private);
 *      feeds, sitemaps and redirects stay on the site's host and subdomains (--allow-host)
 *   1. robots.txt (rules, Sitemap: lines, Crawl-delay); unavailable → skip the site
 *   2. the home page's <link rel="alternate"> feeds; none at all → /sitemap.xml, /feed
 *   3. feeds, sitemaps and sitemap indexes (conditional GET; a loop or depth overrun is reported)
 *   4. article URLs: same site, allowed by robots, not older than --since, not finished before
 *   5. pages through a worker pool and the per-host gate → pages/, articles.jsonl, rejects.jsonl
 * Every URL is requested at most once a run; the journal carries state across runs.
 */
import { join } from 'node:path';
import type { Article } from '../../core/article.js';
import { KhabarError, khabarError } from '../../core/errors.js';
import { feedLinks, feedText, parseFeed } from '../feeds/parse.js';
import { pageArticle } from '../html/reader.js';
import { connector, DEFAULT_POLICY, fetchPolite, type Fetched, type FetchPolicy } from './fetch.js';
import { inScope, siteScope, type AddressCheck } from './guard.js';
import { HostGate } from './hosts.js';
import { Journal } from './journal.js';
import { loadRobots, type SiteRules } from './robots.js';
import { DirSink, urlSha1, type Reject } from './sink.js';

/**
 * How a fetched page becomes an article and a line of articles.jsonl: the CLI passes src/clean's
 * (`pageCleaner`). The crawler fetches and saves; it does not depend on the cleaner.
 */
export interface PageCleaner {
  article(page: Article): Article;
  record(a: Article): object;
}

export interface CrawlOptions extends Partial<FetchPolicy> {
  sites: string[];
  cleaner: PageCleaner;
  out: string;
  /** New article pages to fetch per site this run. */
  maxPages?: number;
  /** YYYY-MM-DD: skip feed/sitemap entries dated before it. */
  since?: string | null;
  delayMs?: number;
  /** Workers across all hosts. */
  concurrency?: number;
  perHost?: number;
  /** After each page: the saved .html file when it gave an article (named after the URL
   *  redirects ended at, not `url`), else null (304, rejected or failed), and the cleaned article
   *  (so `--db` stores it without cleaning the page a second time). */
  onPage?: (url: string, page: string | null, article: Article | null) => void;
  /** Crawl loopback, private and link-local addresses too (a local or intranet site on purpose). */
  allowPrivate?: boolean;
  /** Hosts (and their subdomains) that feeds, sitemaps and redirects may lead to besides the site's own. */
  allowHosts?: string[];
  /** Which resolved addresses count as public (tests stand a loopback server in for a public one). */
  publicAddress?: AddressCheck;
}

export interface CrawlSummary {
  sites: number;
  found: number;
  fetched: number;
  saved: number;
  notModified: number;
  rejects: Reject[];
  skipped: Record<string, number>;
}

/** One request a second per host is the common courtesy default (Scrapy's AutoThrottle starts there). */
export const DEFAULT_DELAY_MS = 1000;
/** Sitemap indexes nest one level in practice (index → monthly sitemaps); 3 allows news + archive splits. */
export const MAX_SITEMAP_DEPTH = 3;
/** Feeds and sitemaps read per site: a 10-year archive split by month is 120; more is a trap. */
export const MAX_FEEDS_PER_SITE = 200;
const HTML_TYPE = /^\s*(text\/html|application\/xhtml\+xml)/i;

export async function crawl(opts: CrawlOptions): Promise<CrawlSummary> {
  const policy: FetchPolicy = { ...DEFAULT_POLICY, ...definedOnly(opts) };
  const gate = new HostGate(opts.delayMs ?? DEFAULT_DELAY_MS, opts.perHost ?? 1);
  const journal = new Journal(join(opts.out, 'crawl-journal.jsonl'));
  const sink = new DirSink(opts.out);
  const sum: CrawlSummary = { sites: 0, found: 0, fetched: 0, saved: 0, notModified: 0, rejects: [], skipped: {} };
  const requested = new Set<string>();
  const net = connector(opts.allowPrivate ?? false, opts.publicAddress);
  const allowHosts = opts.allowHosts ?? [];
  const skip = (rule: string) => (sum.skipped[rule] = (sum.skipped[rule] ?? 0) + 1);
  const record = (url: string, rule: string, message: string): Reject => {
    const r = { url, rule, message };
    sum.rejects.push(r);
    sink.saveReject(r);
    return r;
  };
  const reject = (url: string, e: unknown): Reject => {
    const err = e instanceof KhabarError ? e : khabarError('KHB_FETCH_FAILED', url, (e as Error).message);
    return record(url, err.code, err.message);
  };
  /** robots.txt of each origin a request goes to, read once a run (a redirect to www. reads www.'s). */
  const robotsByOrigin = new Map<string, Promise<SiteRules>>();
  const rulesFor = (url: string): Promise<SiteRules> => {
    const origin = new URL(url).origin;
    let r = robotsByOrigin.get(origin);
    if (!r) robotsByOrigin.set(origin, (r = loadRobots(origin, policy.userAgent, (u) => get(u, null))));
    return r;
  };
  /** Every request goes through here: once per URL per run, under the host gate. With a
   *  scope, each redirect hop must stay on the site and be allowed by its origin's robots.txt. */
  const get = (url: string, scope: string | null): Promise<Fetched> => {
    if (requested.has(url)) throw khabarError('KHB_BAD_INPUT', `${url} was already fetched in this run`);
    requested.add(url);
    return fetchPolite(
      url,
      policy,
      {
        gate: (u, fn) => gate.run(u, fn),
        net,
        beforeHop: async (next) => {
          if (requested.has(next)) throw khabarError('KHB_TOO_MANY_REDIRECTS', url, policy.maxRedirects);
          const on = scope ?? siteScope(url);
          if (!inScope(next, on, allowHosts)) throw khabarError('KHB_OFF_SITE', next, on);
          requested.add(next);
          if (scope !== null && !(await rulesFor(next)).allowed(next)) throw khabarError('KHB_ROBOTS_DISALLOWED', next);
        },
      },
      journal.validators.get(url),
    );
  };

  const queue: { url: string; rules: SiteRules; scope: string }[][] = [];
  for (const site of opts.sites) {
    sum.sites++;
    const origin = new URL(site).origin;
    const host = new URL(site).host;
    const scope = siteScope(site);
    // 1. robots (refused outright when the site is on a private address: guard.ts)
    let rules: SiteRules;
    try {
      rules = await rulesFor(site);
    } catch (e) {
      reject(`${origin}/robots.txt`, e);
      continue;
    }
    if (rules.status === 'unavailable') {
      reject(
        `${origin}/robots.txt`,
        khabarError(
          'KHB_FETCH_FAILED',
          `${origin}/robots.txt`,
          'robots.txt unavailable (5xx or unreachable): site skipped (RFC 9309)',
        ),
      );
      continue;
    }
    if (rules.crawlDelay) gate.setCrawlDelay(host, rules.crawlDelay);
    // 2. feeds announced on the home page
    const sources = [...rules.sitemaps];
    if (rules.allowed(site)) {
      try {
        const home = await get(site, scope);
        if (home.status < 300) sources.push(...feedLinks(Buffer.from(home.bytes).toString('utf8'), home.url));
      } catch (e) {
        reject(site, e);
      }
    }
    if (sources.length === 0) sources.push(`${origin}/sitemap.xml`, `${origin}/feed`);
    // 3. feeds and sitemaps
    const seenFeeds = new Set<string>();
    const todo = [...new Set(sources)].map((url) => ({ url, depth: 0 }));
    let reads = 0;
    while (todo.length > 0 && reads < MAX_FEEDS_PER_SITE) {
      const { url, depth } = todo.shift()!;
      if (seenFeeds.has(url)) continue;
      seenFeeds.add(url);
      reads++;
      try {
        // a Sitemap: line or a feed link may name any host: only the site's are read
        if (!inScope(url, scope, allowHosts)) throw khabarError('KHB_OFF_SITE', url, scope);
        if (!(await rulesFor(url)).allowed(url)) throw khabarError('KHB_ROBOTS_DISALLOWED', url);
        const res = await get(url, scope);
        if (res.status === 304) {
          skip('ingest/feed-not-modified');
          continue;
        }
        if (res.status >= 300) throw khabarError('KHB_FETCH_FAILED', url, `HTTP ${res.status}`);
        rememberValidators(journal, url, res);
        const doc = parseFeed(
          feedText(res.bytes, { source: res.url, contentType: res.headers['content-type'] }),
          res.url,
        );
        if (doc.kind === 'sitemapindex') {
          for (const s of doc.sitemaps) {
            if (seenFeeds.has(s.url))
              reject(
                s.url,
                khabarError('KHB_FEED_MALFORMED', s.url, `sitemap loop: ${url} lists an already-read sitemap`),
              );
            else if (depth + 1 > MAX_SITEMAP_DEPTH)
              reject(
                s.url,
                khabarError('KHB_FEED_MALFORMED', s.url, `sitemap nesting deeper than ${MAX_SITEMAP_DEPTH}`),
              );
            else if (!opts.since || !s.date || s.date >= opts.since) todo.push({ url: s.url, depth: depth + 1 });
          }
          continue;
        }
        // 4. article URLs
        for (const e of doc.entries) {
          if (journal.found.has(e.url)) continue;
          if (new URL(e.url).host !== host) skip('ingest/off-site');
          else if (opts.since && e.date && e.date < opts.since) skip('ingest/older-than-since');
          else if (!rules.allowed(e.url)) reject(e.url, khabarError('KHB_ROBOTS_DISALLOWED', e.url));
          else {
            journal.append({ t: 'found', url: e.url, site: host, date: e.date });
            sum.found++;
          }
        }
      } catch (e) {
        reject(url, e);
      }
    }
    if (todo.length > 0) skip('ingest/feed-limit');
    const pending = journal.pending(host).slice(0, opts.maxPages ?? Infinity);
    queue.push(pending.map((url) => ({ url, rules, scope })));
  }

  // 5. pages: interleave sites so every host's gate is busy
  const jobs = interleave(queue);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const { url, rules, scope } = jobs[next++];
      const got = await fetchPage(url, rules, scope); // not inside onPage?.(…): that would skip the fetch without a hook
      opts.onPage?.(url, got?.page ?? null, got?.article ?? null);
    }
  };
  const fetchPage = async (
    url: string,
    rules: SiteRules,
    scope: string,
  ): Promise<{ page: string; article: Article } | null> => {
    try {
      if (!rules.allowed(url)) throw khabarError('KHB_ROBOTS_DISALLOWED', url);
      const saved = sink.loadSaved(url);
      const res = saved ? { ...saved, chain: [url], attempts: 0 } : await get(url, scope);
      if (saved) skip('ingest/resumed-from-disk');
      else sum.fetched++;
      if (res.status === 304) {
        sum.notModified++;
        journal.append({ t: 'done', url, status: 304 });
        return null;
      }
      if (res.status >= 300) throw khabarError('KHB_FETCH_FAILED', url, `HTTP ${res.status}`);
      const type = res.headers['content-type'] ?? '';
      if (!HTML_TYPE.test(type)) throw khabarError('KHB_NOT_HTML', url, `Content-Type ${type || 'missing'}`);
      const sha1 = saved ? urlSha1(res.url) : sink.savePage(res.url, res.status, res.headers, res.bytes);
      rememberValidators(journal, url, res);
      const a = opts.cleaner.article(
        pageArticle({
          source: res.url,
          url: res.url,
          bytes: res.bytes,
          contentType: type,
          meta: { crawled_from: url },
        }),
      );
      if (a.rejected) record(url, a.rejected.rule, `${url}: ${a.rejected.message}`);
      else {
        sink.saveArticle(opts.cleaner.record(a));
        sum.saved++;
      }
      journal.append({ t: 'done', url, status: res.status, sha1 });
      for (const hop of res.chain.slice(1)) journal.append({ t: 'done', url: hop, status: res.status, sha1 });
      return a.rejected ? null : { page: join(sink.pages, `${sha1}.html`), article: a };
    } catch (e) {
      const rec = reject(url, e);
      journal.append({ t: 'failed', url, code: rec.rule, message: rec.message });
      return null;
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 4) }, worker));
  } finally {
    await net.dispatcher.close();
  }
  return sum;
}

function rememberValidators(journal: Journal, url: string, res: Fetched): void {
  const etag = res.headers['etag'] ?? null;
  const lastModified = res.headers['last-modified'] ?? null;
  if (etag || lastModified) journal.append({ t: 'validators', url, etag, lastModified });
}

function interleave<T>(lists: T[][]): T[] {
  const out: T[] = [];
  for (let i = 0; lists.some((l) => i < l.length); i++) for (const l of lists) if (i < l.length) out.push(l[i]);
  return out;
}

function definedOnly(o: CrawlOptions): Partial<FetchPolicy> {
  const keys: (keyof FetchPolicy)[] = ['userAgent', 'timeoutMs', 'maxBytes', 'maxRedirects', 'retries', 'backoffMs'];
  return Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
}
