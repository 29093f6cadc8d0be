/**
 * The worker_threads side of clean-pool.ts: cleans the batches of articles it is sent with the run's
 * cross-document index (sent once, first) and sends them back cleaned. Plain ESM with `.js` imports, so
 * it runs as compiled dist/ JS and, with tsx, as TypeScript.
 */
import { parentPort } from 'node:worker_threads';
import { cleanArticle, SiteLineIndex } from '../clean/index.js';
import type { SiteLineSnapshot } from '../clean/site-lines.js';
import type { Article } from '../core/article.js';

export type CleanWorkerMessage =
  | { kind: 'init'; index: SiteLineSnapshot | null; keepNonArabic: boolean }
  | { kind: 'batch'; job: number; articles: Article[] };

let index: SiteLineIndex | undefined;
let keepNonArabic = false;

parentPort?.on('message', (m: CleanWorkerMessage) => {
  if (m.kind === 'init') {
    index = m.index ? new SiteLineIndex(m.index) : undefined;
    keepNonArabic = m.keepNonArabic;
    return;
  }
  try {
    // the raw text and bytes go back without: cleaning never changes them, and the main thread keeps its
    // own (the clean stage assigns what comes back onto the article it sent); half the reply's bytes
    for (const a of m.articles) {
      cleanArticle(a, { siteLines: index, keepNonArabic });
      delete (a as Partial<Article>).raw;
      delete a.bytes;
    }
    parentPort!.postMessage({ job: m.job, articles: m.articles });
  } catch (e) {
    parentPort!.postMessage({ job: m.job, error: e instanceof Error ? e.message : String(e) });
  }
});
