/**
 * The worker_threads side of clean-pool.ts: cleans the batches of articles it is sent with the run's
 * cross-document index (sent once, first) and sends them back cleaned; with sign parameters (khabar
 * process), it also signs each cleaned text for dedup, so the main thread does not. Plain ESM with `.js` imports, so
 * it runs as compiled dist/ JS and, with tsx, as TypeScript.
 */
import { parentPort } from 'node:worker_threads';
import { cleanArticle, SiteLineIndex } from '../clean/index.js';
import type { SiteLineSnapshot } from '../clean/site-lines.js';
import type { Article } from '../core/article.js';
import { dedupText } from '../dedup/articles.js';
import { signTexts, transferables, type SignBatch, type SignParams } from '../dedup/sign.js';

export type CleanWorkerMessage =
  | { kind: 'init'; index: SiteLineSnapshot | null; keepNonArabic: boolean; sign: SignParams | null }
  | { kind: 'batch'; job: number; articles: Article[] };
export type CleanWorkerReply = {
  job: number;
  articles?: Omit<Article, 'raw' | 'bytes'>[];
  signed?: SignBatch;
  error?: string;
};

let index: SiteLineIndex | undefined;
let keepNonArabic = false;
let sign: SignParams | null = null;

parentPort?.on('message', (m: CleanWorkerMessage) => {
  if (m.kind === 'init') {
    index = m.index ? new SiteLineIndex(m.index) : undefined;
    keepNonArabic = m.keepNonArabic;
    sign = m.sign;
    return;
  }
  try {
    for (const a of m.articles) cleanArticle(a, { siteLines: index, keepNonArabic });
    // signed as the dedup stage would sign them (a rejected article's text is '')
    const signed = sign
      ? signTexts(
          m.articles.map((a) => (a.rejected ? '' : dedupText(a))),
          sign,
        )
      : undefined;
    // the raw text and bytes go back without: cleaning never changes them, and the main thread keeps its
    // own (the clean stage assigns what comes back onto the article it sent); half the reply's bytes
    for (const a of m.articles) {
      delete (a as Partial<Article>).raw;
      delete a.bytes;
    }
    const reply: CleanWorkerReply = { job: m.job, articles: m.articles, signed };
    parentPort!.postMessage(reply, signed ? transferables(signed) : []);
  } catch (e) {
    parentPort!.postMessage({ job: m.job, error: e instanceof Error ? e.message : String(e) });
  }
});
