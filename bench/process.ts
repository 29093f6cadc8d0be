/**
 * End-to-end benchmark: `khabar process` on 100 000 generated documents (scale 1)
 * into a fresh SQLite file, then search latency on that database under load:
 * autocannon with CONNECTIONS concurrent clients for SEARCH_SECONDS over a mix
 * of queries, against the real fastify app (logger off).
 */
import autocannon from 'autocannon';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processPaths } from '../src/pipeline/run.js';
import { buildApp } from '../src/server/app.js';
import { openStore } from '../src/store/index.js';
import { generateRawDocs } from './gen-raw.js';
import { measure, rng, type BenchOptions, type BenchResult } from './lib.js';

/** Concurrent HTTP clients: a busy newsroom's worth of searchers. */
export const CONNECTIONS = 32;
export const SEARCH_SECONDS = 10;
/** Generated documents spread over this many days, so events and stories have dates. */
const DAYS = 60;
/** Queries: common and rare words, a phrase, OR, a prefix and a spelling variant. */
export const QUERIES = [
  'الحكومة',
  'رئيس الوزراء',
  '"مجلس النواب"',
  'الاقتصاد OR النفط',
  'الانتخابات',
  'وزير*',
  'الاطلسي',
  'بغداد الأمن',
];

export async function run(opts: BenchOptions): Promise<BenchResult[]> {
  const n = Math.max(200, Math.round(100_000 * opts.scale));
  const dir = await mkdtemp(join(tmpdir(), 'khabar-bench-process-'));
  const input = join(dir, 'raw.jsonl');
  const r = rng(opts.seed + 1);
  await new Promise<void>((done) => {
    const w = createWriteStream(input);
    for (const d of generateRawDocs(n, opts.seed)) {
      const day = new Date(Date.UTC(2021, 5, 1) + Math.floor(r() * DAYS) * 86_400_000).toISOString().slice(0, 10);
      w.write(JSON.stringify({ ...d, published: day, url: `https://${d.site}.example/${d.id}` }) + '\n');
    }
    w.end(done);
  });
  const bytes = (await stat(input)).size;
  const db = join(dir, 'khabar.db');

  // 1. khabar process, end to end
  const store = await openStore(db);
  const processed = await measure(() => processPaths([input], { store, runsDir: null }));
  const o = processed.value.outcomes;

  // 2. search under load
  const app = await buildApp({ store, logger: false, webRoot: null });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  const load = await measure(
    () =>
      autocannon({
        url: `http://127.0.0.1:${port}`,
        connections: CONNECTIONS,
        duration: SEARCH_SECONDS,
        requests: QUERIES.map((q) => ({ method: 'GET', path: `/api/search?q=${encodeURIComponent(q)}&limit=20` })),
      }) as Promise<autocannon.Result>,
  );
  await app.close();
  await store.close();
  const dbBytes = (await stat(db)).size;
  await rm(dir, { recursive: true, force: true });
  const l = load.value.latency;
  return [
    {
      stage: 'process',
      corpus: `khabar process ${n.toLocaleString('en-US')} generated docs → SQLite`,
      docs: n,
      bytes,
      seconds: processed.seconds,
      peakRssMB: processed.peakRssMB,
      extra: { stored: o.stored, duplicate: o.duplicate, rejected: o.rejected, db_MB: (dbBytes / 2 ** 20).toFixed(0) },
    },
    {
      stage: 'search',
      corpus: `/api/search, ${CONNECTIONS} connections, ${SEARCH_SECONDS} s`,
      docs: load.value.requests.total,
      bytes: load.value.throughput.total,
      seconds: load.seconds,
      peakRssMB: load.peakRssMB,
      extra: {
        p50_ms: l.p50,
        p99_ms: l.p99,
        req_s: Math.round(load.value.requests.average),
        non2xx: load.value.non2xx,
        errors: load.value.errors,
      },
    },
  ];
}
