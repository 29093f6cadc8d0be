/**
 * The cleaner as a stage (src/clean): boilerplate lines out, title, dateline, date and author
 * pulled out. Its first pass counts each site's lines for cross-document boilerplate
 * (clean/site-boilerplate). Every Reason the cleaner gave is counted once here; a rejected
 * article goes to the rejects sink and not further.
 */
import type { Article } from '../../core/article.js';
import type { Stage, StageContext } from '../../core/stage.js';
import { cleanArticle, lineKeys, SiteLineIndex } from '../../clean/index.js';
import { rowsOf, type SignParams, type SignRow } from '../../dedup/sign.js';
import { CLEAN_BATCH, CLEAN_IN_FLIGHT, CLEAN_POOL_MIN_DOCS, CleanPool, DEFAULT_CLEAN_WORKERS } from '../clean-pool.js';

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
  /** Worker threads to clean in (src/pipeline/clean-pool.ts); 0 cleans on the main thread. Default
   *  DEFAULT_CLEAN_WORKERS; a run of fewer than CLEAN_POOL_MIN_DOCS articles never starts them. */
  workers?: number;
  /** Articles to keep sent ahead to the workers (at least CLEAN_IN_FLIGHT batches a worker). A caller
   *  that then works synchronously on a block of articles (the process pipeline's dedup, cluster and
   *  store window) passes that block's size, so the workers clean the next block meanwhile. */
  ahead?: number;
  /** Sign each cleaned text for dedup where it is cleaned, with the dedup index's parameters; each
   *  article's row goes to `onSigned` (khabar process: its dedup stage then signs nothing again). */
  sign?: { params: SignParams; onSigned: (a: Article, row: SignRow) => void };
}

export function cleanStage(opts: CleanStageOptions = {}): Stage & { index: SiteLineIndex | undefined } {
  const index = opts.siteLines === false ? undefined : (opts.index ?? new SiteLineIndex());
  // articles the first pass counted: a run known to be long starts its workers at once
  let counted = 0;
  return {
    name: 'clean',
    index,
    prepare:
      index && opts.firstPass !== false
        ? async (articles, ctx) => {
            const sites = new Map<string, number>();
            for await (const a of articles) {
              counted++;
              if (a.site) sites.set(a.site, (sites.get(a.site) ?? 0) + 1);
              ctx.stats.time('observe', () => index.observe(a.site, lineKeys(a)));
            }
            await opts.prime?.(sites);
          }
        : undefined,
    async *run(articles, ctx) {
      const workers = opts.cleanedUpstream ? 0 : (opts.workers ?? DEFAULT_CLEAN_WORKERS);
      if (workers <= 0) {
        for await (const a of articles) if (cleanOne(a, ctx, { ...opts, index })) yield a;
        return;
      }
      const here = counted >= CLEAN_POOL_MIN_DOCS ? 0 : CLEAN_POOL_MIN_DOCS;
      yield* cleanInPool(articles, ctx, { ...opts, index }, workers, here);
    },
  };
}

/**
 * The same cleaning as cleanOne, the plain-text articles of each batch in a worker thread: batches go
 * out ahead, come back in input order, and are counted here as cleanOne counts them. The first `here`
 * articles are cleaned on the main thread while the pool might not pay for itself: CLEAN_POOL_MIN_DOCS,
 * or none when the first pass counted at least that many.
 */
async function* cleanInPool(
  articles: AsyncIterable<Article>,
  ctx: StageContext,
  opts: Pick<CleanStageOptions, 'index' | 'keepNonArabic' | 'ahead' | 'sign'>,
  workers: number,
  here = CLEAN_POOL_MIN_DOCS,
): AsyncGenerator<Article> {
  let pool: CleanPool | null = null;
  const inFlight: Promise<Done[]>[] = [];
  let batch: Article[] = [];
  let seen = 0;
  // a batch: its text articles cleaned in a worker, the others (HTML, rejected already) here, in order
  const send = (b: Article[]): Promise<Done[]> => {
    const pooled = (a: Article) => a.rawKind === 'text' && !a.rejected;
    const from = b.map((a) => a.trace.length);
    return pool!.clean(b.filter(pooled)).then(({ articles: cleaned, signed }) => {
      const rows = signed ? rowsOf(signed) : [];
      let k = 0;
      // the cleaned fields go back onto the article itself: later stages may know it by identity
      // (the process pipeline keys its idempotency check by the object)
      return b.map((a, i) => {
        if (!pooled(a)) return { a, from: -1 };
        if (rows.length) opts.sign?.onSigned(a, rows[k]);
        return { a: Object.assign(a, cleaned[k++]), from: from[i] };
      });
    });
  };
  const take = function* (done: Done[]) {
    for (const { a, from } of done) if (from < 0 ? cleanOne(a, ctx, opts) : countCleaned(a, ctx, from)) yield a;
  };
  try {
    for await (const a of articles) {
      if (!pool) {
        if (++seen <= here) {
          if (cleanOne(a, ctx, opts)) yield a;
          continue;
        }
        pool = new CleanPool(
          workers,
          opts.index?.snapshot() ?? null,
          opts.keepNonArabic ?? false,
          opts.sign?.params ?? null,
        );
      }
      batch.push(a);
      if (batch.length < CLEAN_BATCH) continue;
      inFlight.push(send(batch));
      batch = [];
      while (inFlight.length >= Math.max(CLEAN_IN_FLIGHT * pool.size, Math.ceil((opts.ahead ?? 0) / CLEAN_BATCH)))
        yield* take(await inFlight.shift()!);
    }
    if (batch.length) inFlight.push(send(batch));
    while (inFlight.length) yield* take(await inFlight.shift()!);
  } finally {
    await pool?.close();
  }
}

/** An article back from the pool, with its trace's length before cleaning (-1: not sent, cleaned here). */
type Done = { a: Article; from: number };

/** Counts an article a worker cleaned, as cleanOne counts the one it cleans: its new Reasons, once. */
function countCleaned(a: Article, ctx: StageContext, from: number): boolean {
  ctx.inc('in');
  ctx.stats.inc('clean/chars-in', a.raw.length);
  for (const r of a.removed) ctx.count(a, r);
  for (const r of a.trace.slice(from)) ctx.count(a, r);
  if (a.rejected) return false;
  ctx.inc('out');
  return true;
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
