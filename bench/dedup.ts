/**
 * Dedup benchmark: `npm run bench -- dedup` (BENCH_SCALE=0.01 for a smoke run).
 *  - library: DedupIndex fed 100 000 and 1 000 000 generated documents (bench/gen-dups.ts)
 *    in chunks of 100 000; only dedup time is counted, generation is not. Each row
 *    reports docs/s, peak RSS, index bytes a document, and docs/s of the first and
 *    last chunk: near-linear growth means the last chunk is about as fast as the first.
 *  - cli: `khabar dedup` end to end (read, parse, sign, LSH, write) on 20 000 documents of the
 *    synthetic generator and, when eval-dev is there (../shared/eval-dev or $KHABAR_EVAL_DEV),
 *    20 000 of the real-text generator (`gen:dups --real`), then on a 100 000-document file.
 */
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../src/cli/main.js';
import { memoryIO } from '../src/cli/io.js';
import { DedupIndex } from '../src/dedup/index.js';
import { dedupStream } from '../src/dedup/stream.js';
import { SignPool } from '../src/dedup/workers.js';
import { EVAL_DEV } from '../test/real/eval-dev.js';
import { generateRealDups } from './gen-dups-real.js';
import { generateDups, type DupDoc } from './gen-dups.js';
import { measure, type BenchOptions, type BenchResult } from './lib.js';

const CHUNK = 100_000;

async function library(docs: number, seed: number, workers: number): Promise<BenchResult> {
  const index = new DedupIndex({}, docs + 16);
  const pool = workers > 0 ? new SignPool(workers) : null;
  let seconds = 0;
  let bytes = 0;
  const chunkRates: number[] = [];
  const gen = generateDups({ docs, seed });
  const r = await measure(async () => {
    for (let done = 0; done < docs;) {
      const chunk: DupDoc[] = [];
      for (let i = 0; i < Math.min(CHUNK, docs - done); i++) chunk.push(gen.next().value as DupDoc);
      for (const d of chunk) bytes += d.text.length * 2;
      const t0 = performance.now();
      const items = chunk.map((d) => ({ id: d.id, text: d.text, published: d.published, source: d.site }));
      for await (const _ of dedupStream(items, index, { pool })) void _;
      const dt = (performance.now() - t0) / 1000;
      seconds += dt;
      chunkRates.push(chunk.length / dt);
      done += chunk.length;
    }
  });
  await pool?.close();
  const m = index.memory();
  return {
    stage: 'dedup',
    corpus: `DedupIndex ${docs.toLocaleString('en-US')} gen:dups docs, ${workers} worker(s)`,
    docs,
    bytes,
    seconds,
    peakRssMB: r.peakRssMB,
    extra: {
      index_B_per_doc: m.bytesPerDoc,
      sig_lsh_B_per_doc: m.sigLshBytesPerDoc,
      first_chunk_docs_s: Math.round(chunkRates[0]),
      last_chunk_docs_s: Math.round(chunkRates.at(-1)!),
    },
  };
}

async function cli(docs: number, seed: number, workers: number | null, real = false): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'khabar-dedup-bench-'));
  try {
    const input = join(dir, 'in.jsonl');
    let text = '';
    const corpus = real ? generateRealDups({ docs, seed, evalDev: EVAL_DEV }) : generateDups({ docs, seed });
    for (const d of corpus) text += JSON.stringify(d) + '\n';
    writeFileSync(input, text);
    text = '';
    const io = memoryIO();
    // workers null: the CLI's own default (cores − 1 from WORKER_MIN_DOCS documents on)
    const w = workers === null ? [] : ['--workers', String(workers)];
    const r = await measure(() => main(['dedup', input, '-o', join(dir, 'out.jsonl'), ...w], io));
    if (r.value !== 0) throw new Error(`khabar dedup failed: ${io.err()}`);
    return {
      stage: 'dedup',
      corpus: `khabar dedup CLI ${docs.toLocaleString('en-US')} ${real ? 'real-text' : 'gen:dups'} docs, ${
        workers === null ? 'default' : workers
      } worker(s)`,
      docs,
      bytes: statSync(input).size,
      seconds: r.seconds,
      peakRssMB: r.peakRssMB,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(opts: BenchOptions): Promise<BenchResult[]> {
  const n = (x: number) => Math.max(1000, Math.round(x * opts.scale));
  const workers = Math.max(0, availableParallelism() - 1);
  const rows: BenchResult[] = [];
  rows.push(await cli(n(20_000), opts.seed, null));
  if (existsSync(join(EVAL_DEV, 'clean_real.jsonl'))) rows.push(await cli(n(20_000), opts.seed, null, true));
  rows.push(await cli(n(100_000), opts.seed, 0));
  rows.push(await cli(n(100_000), opts.seed, workers));
  rows.push(await library(n(100_000), opts.seed, 0));
  rows.push(await library(n(1_000_000), opts.seed, 0));
  return rows;
}
