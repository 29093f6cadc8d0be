/**
 * robots.txt per origin (robots-parser), fetched once a run through the same
 * polite fetcher. RFC 9309: a 4xx means no rules (allow all); a 5xx or an
 * unreachable server means assume full disallow, and the site is skipped.
 */
import robotsModule from 'robots-parser';

// robots-parser is CommonJS (`module.exports = fn`) with an ESM-style .d.ts: the default import is the function.
const robotsParser = robotsModule as unknown as typeof robotsModule.default;
import { KhabarError } from '../../core/errors.js';
import type { Fetched } from './fetch.js';

export interface SiteRules {
  allowed(url: string): boolean;
  sitemaps: string[];
  crawlDelay: number | null;
  /** 'ok' | 'none' (4xx) | 'unavailable' (5xx, network): the last disallows everything. */
  status: 'ok' | 'none' | 'unavailable';
}

export async function loadRobots(
  origin: string,
  userAgent: string,
  get: (url: string) => Promise<Fetched>,
): Promise<SiteRules> {
  const url = `${origin}/robots.txt`;
  let res: Fetched;
  try {
    res = await get(url);
  } catch (e) {
    if (e instanceof KhabarError && e.code !== 'KHB_FETCH_FAILED' && e.code !== 'KHB_TOO_MANY_REDIRECTS') throw e;
    return { allowed: () => false, sitemaps: [], crawlDelay: null, status: 'unavailable' };
  }
  if (res.status >= 500) return { allowed: () => false, sitemaps: [], crawlDelay: null, status: 'unavailable' };
  if (res.status >= 400) return { allowed: () => true, sitemaps: [], crawlDelay: null, status: 'none' };
  const robots = robotsParser(url, Buffer.from(res.bytes).toString('utf8'));
  const agent = userAgent.split('/')[0];
  return {
    // robots-parser answers undefined for another origin's URL: that is not a yes
    allowed: (u) => robots.isAllowed(u, agent) === true,
    sitemaps: robots.getSitemaps(),
    crawlDelay: robots.getCrawlDelay(agent) ?? null,
    status: 'ok',
  };
}
