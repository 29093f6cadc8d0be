/**
 * The library entry point the pipeline calls: `dedupArticles(articles, opts)`
 * sets `dupGroup`, `duplicateOf` and `similarity` on every article, appends the
 * decision to `article.trace` (a duplicate id also sets `article.rejected`), and
 * counts rules in `stats`. Pass `index` to check against (and grow) a loaded
 * index; the final canonical of each group is applied after the whole batch.
 */
import { bodyText, type Article } from '../core/article.js';
import { statKey } from '../core/stage.js';
import type { Stats } from '../core/stats.js';
import { DedupIndex, type DedupDecision, type DedupOptions } from './index.js';
import { dedupStream } from './stream.js';
import { SignPool, WORKER_MIN_DOCS } from './workers.js';

export interface DedupArticlesOptions extends Partial<DedupOptions> {
  index?: DedupIndex;
  stats?: Stats;
  /** Worker threads for signatures; 0 = this thread. Default: all cores for ≥ WORKER_MIN_DOCS articles. */
  workers?: number;
}

/** The text dedup reads: the clean body, or the raw text when nothing was cleaned yet. */
export function dedupText(a: Article): string {
  const body = bodyText(a);
  return body || (a.rawKind === 'text' ? a.raw : '');
}

export async function dedupArticles(articles: Article[], opts: DedupArticlesOptions = {}): Promise<Article[]> {
  const index = opts.index ?? new DedupIndex(opts, articles.length + 16);
  const workers = opts.workers ?? (articles.length >= WORKER_MIN_DOCS ? undefined : 0);
  const pool =
    workers === 0 ? null : new SignPool(workers, { shingles: index.opts.shingles, minhash: index.opts.minhash });
  const decided: DedupDecision[] = [];
  try {
    const items = articles.map((a) => ({
      id: a.id,
      text: dedupText(a),
      published: a.published,
      source: a.site ?? a.source,
    }));
    const t0 = performance.now();
    for await (const { decision } of dedupStream(items, index, { pool })) decided.push(decision);
    opts.stats?.timings.set('dedup', (opts.stats.timings.get('dedup') ?? 0) + performance.now() - t0);
  } finally {
    await pool?.close();
  }
  // apply first: `stats?.inc(applyDecision(…))` would skip the decision itself when there are no stats
  articles.forEach((a, i) => {
    const d = applyDecision(a, index, decided[i]);
    opts.stats?.inc(statKey('dedup', 'decided', d.rule));
  });
  return articles;
}

/**
 * Puts a decision on its article: the reasons in its trace, and dupGroup, duplicateOf and
 * similarity (a duplicate id sets `rejected`). The slot is read again, because a later
 * article of the batch may have become its group's canonical. Returns the final decision.
 */
export function applyDecision(a: Article, index: DedupIndex, decided: DedupDecision): DedupDecision {
  const d = decided.slot >= 0 ? index.decision(decided.slot) : decided;
  a.trace.push(...d.reasons);
  if (d.slot < 0) a.rejected = d.reasons.at(-1)!;
  else {
    a.dupGroup = d.dupGroup!;
    a.duplicateOf = d.duplicateOf;
    a.similarity = d.similarity;
  }
  return d;
}
