/**
 * The worker_threads side of clean-probe.ts: cleans the document it is sent and says how long
 * it took. Plain ESM with `.js` imports, so it runs as compiled dist/ JS and, with tsx, as TypeScript.
 */
import { parentPort } from 'node:worker_threads';
import { cleanArticle } from '../clean/index.js';
import { newArticle } from '../core/article.js';

export interface ProbeRequest {
  job: number;
  raw: string;
  rawKind: 'text' | 'html';
  url: string | null;
}

parentPort?.on('message', (m: ProbeRequest) => {
  const t0 = performance.now();
  try {
    const a = cleanArticle(newArticle({ id: 'probe', source: 'api', raw: m.raw, rawKind: m.rawKind, url: m.url }));
    parentPort!.postMessage({ job: m.job, ms: performance.now() - t0, rule: a.rejected?.rule ?? null });
  } catch (e) {
    parentPort!.postMessage({
      job: m.job,
      ms: performance.now() - t0,
      error: e instanceof Error ? e.message : String(e),
    });
  }
});
