/**
 * The library entry point the pipeline calls: `dedupArticles(articles, opts)`
 * sets `dupGroup`, `duplicateOf` and `similarity` on every article, appends the
 * decision to `article.trace` (a duplicate id also sets `article.rejected`), and
 * counts rules in `stats`. Pass `index` to check against (and grow) a loaded
 * index; the final canonical of each group is applied after the whole batch.
 */
import { bodyText, type Article } from '../core/article.js';
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
  for (let i = 0; i < articles.length; i++) {
    const a = articles[i];
    // Re-read slots: a later article may have become its group's canonical.
    const d = decided[i].slot >= 0 ? index.decision(decided[i].slot) : decided[i];
    a.trace.push(...d.reasons);
    opts.stats?.inc(d.rule);
    if (d.slot < 0) {
      a.rejected = d.reasons.at(-1)!;
      continue;
    }
    a.dupGroup = d.dupGroup!;
    a.duplicateOf = d.duplicateOf;
    a.similarity = d.similarity;
  }
  return articles;
}
