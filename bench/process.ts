/**
 * End-to-end benchmark: `khabar process` on 100 000 generated documents (scale 1)
 * into a fresh SQLite file, then search latency on that database under load:
 * autocannon with CONNECTIONS concurrent clients for SEARCH_SECONDS over a mix
 * of queries, against the real fastify app (logger off). Every request is a query
 * not asked for a while (more distinct queries than the result cache holds), so
 * the figure is the cost of searching, not of the cache.
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
import { measure, type BenchOptions, type BenchResult } from './lib.js';

/** Concurrent HTTP clients: a busy newsroom's worth of searchers (issue 13 asks for p99 < 50 ms at 8). */
export const CONNECTIONS = 8;
export const SEARCH_SECONDS = 10;
/** Generated documents spread over this many days in input order, so events and stories have dates. */
const DAYS = 60;
/** A fifth of the documents are syndicated copies of a recent one (bench/gen-raw.ts). */
const COPY_SHARE = 0.2;
/** Queries on the generated vocabulary: very common and rarer words, phrases, OR, a prefix, hamza left out. */
export const QUERIES = [
  'الحكومة',
  'رئيس الوزراء',
  '"مشروع الطاقة الشمسية"',
  'البصرة OR أربيل',
  'الساعدي',
  'وزير*',
  'التقاعد',
  'بغداد التطعيم',
  'اعادة الاعمار',
  '"مليون دولار" الرباط',
];

/**
 * The load's queries, all distinct: place × topic words, place OR place, phrase + place, person × topic
 * and prefixes; 311 of them, more than the result cache's 256, taken in turn by every request.
 */
export function loadQueries(): string[] {
  const places = ['بغداد', 'القاهرة', 'بيروت', 'عمّان', 'الرياض', 'الدوحة', 'تونس', 'الرباط'];
  places.push('الجزائر', 'الخرطوم', 'دمشق', 'صنعاء', 'أربيل', 'البصرة', 'مسقط');
  const topics = [
    'الطاقة',
    'الإعمار',
    'التجارة',
    'موازنة',
    'التطعيم',
    'الاستثمار',
    'الحدود',
    'الشباب',
    'سكة',
    'التقاعد',
  ];
  const phrases = ['"مشروع الطاقة الشمسية"', '"خطة إعادة الإعمار"', '"اتفاقية التجارة الحرة"', '"مليون دولار"'];
  phrases.push('"حملة التطعيم الوطنية"', '"رئيس الوزراء"', '"وزير الخارجية"', '"قائد الشرطة"');
  const people = ['الساعدي', 'البرلمان', 'المركزي', 'الأولمبية', 'الشرطة', 'الصحة'];
  const q: string[] = [];
  for (const p of places) for (const t of topics) q.push(`${p} ${t}`);
  places.forEach((p, i) => q.push(`${p} OR ${places[(i + 3) % places.length]}`));
  for (const ph of phrases) for (const p of places.slice(0, 8)) q.push(`${ph} ${p}`);
  for (const p of people) for (const t of topics) q.push(`${p} ${t}`);
  for (const w of [...places, ...topics]) q.push(`${w.slice(0, 3)}*`);
  return [...new Set(q)];
}

export async function run(opts: BenchOptions): Promise<BenchResult[]> {
  const n = Math.max(200, Math.round(100_000 * opts.scale));
  const dir = await mkdtemp(join(tmpdir(), 'khabar-bench-process-'));
  const input = join(dir, 'raw.jsonl');
  await new Promise<void>((done) => {
    const w = createWriteStream(input);
    let i = 0;
    for (const d of generateRawDocs(n, opts.seed, { copyShare: COPY_SHARE })) {
      const day = new Date(Date.UTC(2021, 5, 1) + Math.floor((i++ * DAYS) / n) * 86_400_000).toISOString().slice(0, 10);
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

  // 2. each query once on a cold result cache: the cost of a query itself (the reader threads started first)
  await store.search('البرلمان الموازنة');
  const cold: number[] = [];
  const coldRun = await measure(async () => {
    for (const q of QUERIES) {
      const t = performance.now();
      await store.search(q, { limit: 20 });
      cold.push(performance.now() - t);
    }
  });
  const sorted = [...cold].sort((a, b) => a - b);

  // 3. search under load, every request the next of the distinct queries (the cache never answers)
  const app = await buildApp({ store, logger: false, webRoot: null });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  const queries = loadQueries();
  let next = 0;
  const loadOnce = () =>
    measure(
      () =>
        autocannon({
          url: `http://127.0.0.1:${port}`,
          connections: CONNECTIONS,
          duration: SEARCH_SECONDS,
          requests: [
            {
              method: 'GET',
              setupRequest: (req) => ({
                ...req,
                path: `/api/search?q=${encodeURIComponent(queries[next++ % queries.length])}&limit=20`,
              }),
            },
          ],
        }) as Promise<autocannon.Result>,
    );
  // the first pass: every phrase's row count taken for the first time (src/store/sqlite/rank.ts) and every page
  // read from disk; then the same load again, as a server that has been answering for a while
  const loads = [await loadOnce(), await loadOnce()];
  await app.close();
  await store.close();
  const dbBytes = (await stat(db)).size;
  await rm(dir, { recursive: true, force: true });
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
      corpus: `${QUERIES.length} queries once each, cold cache`,
      docs: QUERIES.length,
      bytes: 0,
      seconds: coldRun.seconds,
      peakRssMB: coldRun.peakRssMB,
      extra: {
        p50_ms: sorted[Math.floor(sorted.length / 2)].toFixed(1),
        max_ms: sorted[sorted.length - 1].toFixed(1),
        slowest: QUERIES[cold.indexOf(sorted[sorted.length - 1])],
      },
    },
    ...loads.map(({ value: r, seconds, peakRssMB }, i) => ({
      stage: 'search',
      corpus: `/api/search, ${CONNECTIONS} connections, ${SEARCH_SECONDS} s, ${queries.length} distinct queries in turn, ${i === 0 ? 'first' : 'second'} pass`,
      docs: r.requests.total,
      bytes: r.throughput.total,
      seconds,
      peakRssMB,
      extra: {
        p50_ms: r.latency.p50,
        p99_ms: r.latency.p99,
        req_s: Math.round(r.requests.average),
        non2xx: r.non2xx,
        errors: r.errors,
      },
    })),
  ];
}
