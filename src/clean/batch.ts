/**
 * Cleaning many documents together, in two passes over the inputs:
 *   pass 1 counts each site's line keys (SiteLineIndex) and the documents;
 *   pass 2 reads again and cleans each document against those counts.
 * Reading twice keeps memory flat (only 32-bit line hashes are held), where
 * holding every document for the cross-document rule would not.
 */
import type { Stats } from '../core/stats.js';
import { readDocuments, type IngestItem, type ReadOptions } from '../ingest/index.js';
import { cleanArticle, lineKeys, SiteLineIndex } from './index.js';

export interface CleanBatchOptions extends ReadOptions {
  stats: Stats;
  keepNonArabic?: boolean;
  /** Cross-document site boilerplate (default on). */
  siteLines?: boolean;
  /** Called after pass 1 with the number of items pass 2 will yield. */
  onTotal?: (n: number) => void;
}

export async function* cleanDocuments(paths: string[], opts: CleanBatchOptions): AsyncIterable<IngestItem> {
  const { stats } = opts;
  let index: SiteLineIndex | undefined;
  if (opts.siteLines !== false) {
    index = new SiteLineIndex();
    let total = 0;
    for await (const item of readDocuments(paths, opts)) {
      total++;
      if (item.ok) index.observe(item.article.site, lineKeys(item.article));
    }
    opts.onTotal?.(total);
  }
  for await (const item of readDocuments(paths, opts)) {
    stats.inc('documents/in');
    if (!item.ok) {
      stats.inc(`rejected/${item.error.code}`);
      yield item;
      continue;
    }
    stats.inc('bytes/in', item.article.raw.length);
    const a = stats.time('clean', () =>
      cleanArticle(item.article, { siteLines: index, keepNonArabic: opts.keepNonArabic, stats }),
    );
    stats.inc(a.rejected ? 'documents/rejected' : 'documents/kept');
    yield { ok: true, article: a };
  }
}
