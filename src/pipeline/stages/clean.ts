/**
 * The cleaner as a stage (src/clean): boilerplate lines out, title, dateline, date and author
 * pulled out. Its first pass counts each site's lines for cross-document boilerplate
 * (clean/site-boilerplate). Every Reason the cleaner gave is counted once here; a rejected
 * article goes to the rejects sink and not further.
 */
import type { Article } from '../../core/article.js';
import type { Stage, StageContext } from '../../core/stage.js';
import { cleanArticle, lineKeys, SiteLineIndex } from '../../clean/index.js';

export interface CleanStageOptions {
  keepNonArabic?: boolean;
  /** Cross-document site boilerplate (default on). */
  siteLines?: boolean;
  /** Counts made elsewhere (the store's documents of a site, src/pipeline/pipeline.ts), added to. */
  index?: SiteLineIndex;
  /** Count the input's site lines in a first pass (default: when there is an index). */
  firstPass?: boolean;
  /** After the first pass, with the number of documents of each site (src/pipeline/pipeline.ts primes
   *  the sites the input has few of with their stored documents). */
  prime?: (sites: Map<string, number>) => Promise<void>;
  /** The articles come cleaned already (the crawler cleaned each page as it fetched it, for its
   *  articles.jsonl): they are counted, never cleaned a second time. */
  cleanedUpstream?: boolean;
}

export function cleanStage(opts: CleanStageOptions = {}): Stage & { index: SiteLineIndex | undefined } {
  const index = opts.siteLines === false ? undefined : (opts.index ?? new SiteLineIndex());
  return {
    name: 'clean',
    index,
    prepare:
      index && opts.firstPass !== false
        ? async (articles, ctx) => {
            const sites = new Map<string, number>();
            for await (const a of articles) {
              if (a.site) sites.set(a.site, (sites.get(a.site) ?? 0) + 1);
              ctx.stats.time('observe', () => index.observe(a.site, lineKeys(a)));
            }
            await opts.prime?.(sites);
          }
        : undefined,
    async *run(articles, ctx) {
      for await (const a of articles) if (cleanOne(a, ctx, { ...opts, index })) yield a;
    },
  };
}

/** Cleans one article and counts its Reasons; false when it was rejected (and sent to the sink). */
export function cleanOne(
  a: Article,
  ctx: StageContext,
  opts: { index?: SiteLineIndex; keepNonArabic?: boolean; cleanedUpstream?: boolean } = {},
): boolean {
  ctx.inc('in');
  ctx.stats.inc('clean/chars-in', a.raw.length);
  // cleaned upstream: every Reason it carries is the cleaner's (and the reader's notes), counted here once
  const from = opts.cleanedUpstream ? 0 : a.trace.length;
  // an article may come rejected already (the API's clean/too-complex, src/server/clean-probe.ts)
  if (a.rejected) ctx.count(a, a.rejected);
  else {
    if (!opts.cleanedUpstream)
      ctx.stats.time('clean', () => cleanArticle(a, { siteLines: opts.index, keepNonArabic: opts.keepNonArabic }));
    for (const r of a.removed) ctx.count(a, r);
    for (const r of a.trace.slice(from)) ctx.count(a, r);
  }
  if (a.rejected) return false;
  ctx.inc('out');
  return true;
}
