/**
 * The worker_threads side of search-pool.ts: a read-only connection, configured as every khabar connection
 * (openConnection), and SearchQueries on it.
 */
import { parentPort } from 'node:worker_threads';
import { openConnection } from './index.js';
import { errorReply, type SearchThreadMessage, type SearchThreadReply } from './search-pool.js';
import { SearchQueries } from './search.js';

let queries: SearchQueries | undefined;

parentPort?.on('message', (m: SearchThreadMessage) => {
  if (m.kind === 'open') {
    queries = new SearchQueries(openConnection(m.path, true), { rankWindow: m.rankWindow, shareCounts: true });
    return;
  }
  if (m.kind === 'counts') {
    queries?.counts?.keep(...m.counts);
    return;
  }
  let reply: SearchThreadReply;
  try {
    const result = queries!.run(m.query, m.match, m.limit);
    reply = { job: m.job, result, counted: queries!.counts?.drain() ?? [] };
  } catch (e) {
    reply = errorReply(m.job, e);
  }
  parentPort!.postMessage(reply);
});
