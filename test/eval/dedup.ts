/**
 * `npm run eval:dedup -- <labelled.jsonl> [--threshold 0.7] [--containment 0.65] [--shingle word:3] [--scheme oph|kperm] [--workers N]`
 * (`--containment 0`: Jaccard evidence only, as khabar was before the real-text corpus)
 * Pairwise precision, recall and F1 of the duplicate groups against the `cluster`
 * labels, the share of hard-negative pairs (same `family`, other `cluster`) that
 * were merged, and documents/s. `--sweep` runs the shingle × threshold grid that
 * chose the defaults; `--jaccard` prints exact-Jaccard distributions of true and
 * hard-negative pairs and each MinHash scheme's estimate error and speed.
 */
import { readFileSync } from 'node:fs';
import { DedupIndex, type DedupOptions } from '../../src/dedup/index.js';
import {
  DEFAULT_MINHASH,
  DEFAULT_SCHEME,
  MinHasher,
  estimateJaccardRows,
  type MinHashScheme,
} from '../../src/dedup/minhash.js';
import {
  DEFAULT_SHINGLES,
  exactJaccard,
  parseShingleSpec,
  shingle,
  type ShingleOptions,
} from '../../src/dedup/shingles.js';
import { CONTAINMENT_THRESHOLD, DEFAULT_THRESHOLD, matchPair } from '../../src/dedup/verify.js';
import { dedupStream } from '../../src/dedup/stream.js';
import { DEFAULT_WORKERS, SignPool, WORKER_MIN_DOCS } from '../../src/dedup/workers.js';

export interface Labelled {
  id: string;
  text: string;
  cluster: string;
  family?: string;
  published?: string;
  site?: string;
  /** Edit kinds of a copy (gen:dups --real); [] or absent for a source. */
  edits?: string[];
}

export interface KindRecall {
  kind: string;
  copies: number;
  found: number;
  recall: number;
  /** Copies that match their source on their own: share an LSH band and pass verification (no help from other copies). */
  direct: number;
}

/** True when slots a and b share an LSH band and verify as copies: the pair alone, no transitive help. */
export function directMatch(index: DedupIndex, a: number, b: number): boolean {
  const { bands, rows, threshold, containment } = index.opts;
  const K = index.perms;
  const c = index.cols;
  if (c.exactHi[a] === c.exactHi[b] && c.exactLo[a] === c.exactLo[b]) return true;
  let band = false;
  for (let t = 0; t < bands && !band; t++) {
    let same = true;
    for (let k = t * rows; k < (t + 1) * rows && same; k++) same = c.sigs[a * K + k] === c.sigs[b * K + k];
    band = same;
  }
  return band && matchPair(c.sigs, a, b, K, c.shingles[a], c.shingles[b], threshold, containment) !== null;
}

/**
 * Per edit kind, the share of copies put in the same group as their cluster's source (the
 * cluster's document without edits). A copy counts for every kind it carries; `alone:<kind>`
 * rows count copies with that edit only.
 */
export function recallByKind(docs: Labelled[], group: string[], index?: DedupIndex): KindRecall[] {
  const source = new Map<string, number>();
  docs.forEach((d, i) => {
    if (d.edits && d.edits.length === 0) source.set(d.cluster, i);
  });
  const tally = new Map<string, { copies: number; found: number; direct: number }>();
  const add = (k: string, ok: boolean, direct: boolean) => {
    const t = tally.get(k) ?? { copies: 0, found: 0, direct: 0 };
    t.copies++;
    if (ok) t.found++;
    if (direct) t.direct++;
    tally.set(k, t);
  };
  docs.forEach((d, i) => {
    const s = source.get(d.cluster);
    if (!d.edits?.length || s === undefined) return;
    const ok = group[s] === group[i];
    const a = index?.slotOf(d.id) ?? -1;
    const b = index?.slotOf(docs[s].id) ?? -1;
    const direct = a >= 0 && b >= 0 && directMatch(index!, a, b);
    add('all copies', ok, direct);
    for (const k of d.edits) add(k, ok, direct);
    if (d.edits.length === 1) add(`alone:${d.edits[0]}`, ok, direct);
  });
  return [...tally]
    .map(([kind, t]) => ({ kind, copies: t.copies, found: t.found, recall: t.found / t.copies, direct: t.direct }))
    .sort((a, b) => a.kind.localeCompare(b.kind));
}

export interface PairScores {
  precision: number;
  recall: number;
  f1: number;
  truePairs: number;
  predictedPairs: number;
  hardNegativePairs: number;
  hardNegativesMerged: number;
  hardNegativeMergeRate: number;
}

const pairs = (n: number) => (n * (n - 1)) / 2;

function countPairs(keys: string[]): number {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  let s = 0;
  for (const v of m.values()) s += pairs(v);
  return s;
}

/** Pairwise scores of predicted groups against cluster (and family) labels. */
export function scorePairs(docs: Labelled[], group: string[]): PairScores {
  const cluster = docs.map((d) => d.cluster);
  const family = docs.map((d) => d.family ?? d.cluster);
  const truePairs = countPairs(cluster);
  const predictedPairs = countPairs(group);
  const tp = countPairs(group.map((g, i) => `${g}\u0000${cluster[i]}`));
  const sameFamily = countPairs(family);
  const hardNegativePairs = sameFamily - truePairs;
  const mergedFamily = countPairs(group.map((g, i) => `${g}\u0000${family[i]}`));
  const hardNegativesMerged = mergedFamily - tp;
  const precision = predictedPairs ? tp / predictedPairs : 1;
  const recall = truePairs ? tp / truePairs : 1;
  return {
    precision,
    recall,
    f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
    truePairs,
    predictedPairs,
    hardNegativePairs,
    hardNegativesMerged,
    hardNegativeMergeRate: hardNegativePairs ? hardNegativesMerged / hardNegativePairs : 0,
  };
}

export async function runDedup(
  docs: Labelled[],
  opts: Partial<DedupOptions>,
  workers: number,
): Promise<{ group: string[]; seconds: number; index: DedupIndex }> {
  const index = new DedupIndex(opts, docs.length + 16);
  const pool =
    workers > 0 ? new SignPool(workers, { shingles: index.opts.shingles, minhash: index.opts.minhash }) : null;
  const t0 = performance.now();
  const slots: number[] = [];
  try {
    const items = docs.map((d) => ({ id: d.id, text: d.text, published: d.published, source: d.site }));
    for await (const { decision } of dedupStream(items, index, { pool })) slots.push(decision.slot);
  } finally {
    await pool?.close();
  }
  const seconds = (performance.now() - t0) / 1000;
  const group = slots.map((s, i) => (s >= 0 ? index.decision(s).dupGroup! : `dupid:${docs[i].id}`));
  return { group, seconds, index };
}

export function readLabelled(path: string): Labelled[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Labelled);
}

const f3 = (x: number) => x.toFixed(3);
const pct = (x: number) => (100 * x).toFixed(2) + '%';

function report(label: string, s: PairScores, docs: number, seconds: number): string {
  return `${label.padEnd(28)} P ${f3(s.precision)}  R ${f3(s.recall)}  F1 ${f3(s.f1)}  hard-neg merged ${s.hardNegativesMerged}/${s.hardNegativePairs} (${pct(s.hardNegativeMergeRate)})  ${(docs / seconds).toFixed(0)} docs/s`;
}

/** The grid behind DEFAULT_SHINGLES and DEFAULT_THRESHOLD. */
export const SHINGLE_SWEEP = ['word:2', 'word:3', 'word:4', 'word:5', 'word:6', 'char:5', 'char:8'];
const THRESHOLD_SWEEP = [0.6, 0.7, 0.75, 0.8, 0.85];

/** Exact-Jaccard distributions and MinHash estimate error per scheme, on sampled pairs. */
function jaccardStudy(docs: Labelled[], sh: ShingleOptions): void {
  const byCluster = new Map<string, number[]>();
  const byFamily = new Map<string, number[]>();
  docs.forEach((d, i) => {
    byCluster.set(d.cluster, [...(byCluster.get(d.cluster) ?? []), i]);
    if (d.family) byFamily.set(d.family, [...(byFamily.get(d.family) ?? []), i]);
  });
  const pos: [number, number][] = [];
  const neg: [number, number][] = [];
  for (const m of byCluster.values()) for (let a = 1; a < m.length && pos.length < 3000; a++) pos.push([m[0], m[a]]);
  for (const m of byFamily.values())
    for (let a = 0; a < m.length && neg.length < 3000; a++)
      for (let b = a + 1; b < m.length; b++) if (docs[m[a]].cluster !== docs[m[b]].cluster) neg.push([m[a], m[b]]);
  const sets = new Map<number, Uint32Array>();
  const setOf = (i: number) => sets.get(i) ?? sets.set(i, shingle(docs[i].text, sh).shingles.slice()).get(i)!;
  const quant = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99]
      .map((q) => `p${q * 100}=${f3(s[Math.floor(q * (s.length - 1))])}`)
      .join(' ');
  };
  const jp = pos.map(([a, b]) => exactJaccard(setOf(a), setOf(b)));
  const jn = neg.map(([a, b]) => exactJaccard(setOf(a), setOf(b)));
  console.log(`exact Jaccard, ${sh.kind}:${sh.size}`);
  console.log(`  true pairs (${jp.length}):          ${quant(jp)}`);
  console.log(`  hard-negative pairs (${jn.length}): ${quant(jn)}`);
  for (const scheme of ['oph', 'kperm'] as MinHashScheme[]) {
    const h = new MinHasher({ perms: 128, scheme, seed: 0x1234abcd });
    const all = [...pos, ...neg];
    const ids = [...new Set(all.flat())];
    const sig = new Uint16Array(docs.length * 128);
    const t0 = performance.now();
    for (let rep = 0; rep < 5; rep++) for (const i of ids) h.sign(setOf(i), sig, i * 128);
    const us = ((performance.now() - t0) * 1000) / (5 * ids.length);
    let se = 0;
    let ae = 0;
    all.forEach(([a, b], k) => {
      const e = estimateJaccardRows(sig, a, sig, b, 128) - (k < jp.length ? jp[k] : jn[k - jp.length]);
      se += e * e;
      ae += Math.abs(e);
    });
    console.log(
      `  ${scheme.padEnd(5)} estimate error: RMSE ${f3(Math.sqrt(se / all.length))}, mean |e| ${f3(ae / all.length)}; signing ${us.toFixed(1)} µs/doc (shingles given)`,
    );
  }
}

async function cli(argv: string[]): Promise<void> {
  const get = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const path = argv.find((a, i) => !a.startsWith('--') && (i === 0 || !argv[i - 1].startsWith('--')));
  if (!path)
    throw new Error(
      'usage: npm run eval:dedup -- <labelled.jsonl> [--threshold t] [--shingle word:4] [--scheme oph|kperm] [--workers n] [--sweep] [--jaccard]',
    );
  const docs = readLabelled(path);
  const shingles = get('--shingle') ? parseShingleSpec(get('--shingle')!) : DEFAULT_SHINGLES;
  const scheme = (get('--scheme') ?? DEFAULT_SCHEME) as MinHashScheme;
  const threshold = Number(get('--threshold') ?? DEFAULT_THRESHOLD);
  const containment = Number(get('--containment') ?? CONTAINMENT_THRESHOLD);
  const workers = Number(get('--workers') ?? (docs.length >= WORKER_MIN_DOCS ? DEFAULT_WORKERS : 0));
  console.log(`eval:dedup ${path}: ${docs.length} documents, ${new Set(docs.map((d) => d.cluster)).size} clusters`);
  if (argv.includes('--jaccard')) return jaccardStudy(docs, shingles);
  if (argv.includes('--sweep')) {
    for (const spec of SHINGLE_SWEEP)
      for (const t of THRESHOLD_SWEEP) {
        const { group, seconds } = await runDedup(docs, { threshold: t, shingles: parseShingleSpec(spec) }, workers);
        console.log(report(`${spec} t=${t}`, scorePairs(docs, group), docs.length, seconds));
      }
    return;
  }
  const minhash = { ...DEFAULT_MINHASH, scheme };
  const { group, seconds, index } = await runDedup(docs, { threshold, containment, shingles, minhash }, workers);
  const s = scorePairs(docs, group);
  console.log(
    report(`${shingles.kind}:${shingles.size} ${scheme} t=${threshold} c=${containment}`, s, docs.length, seconds),
  );
  if (docs.some((d) => d.edits)) {
    console.log('  recall by edit kind: copies grouped with their source; direct = the copy matches its source alone');
    for (const k of recallByKind(docs, group, index))
      console.log(
        `    ${k.kind.padEnd(24)} ${f3(k.recall)}  (${k.found}/${k.copies})   direct ${f3(k.direct / k.copies)}`,
      );
  }
  const m = index.memory();
  console.log(
    `  true pairs ${s.truePairs}, predicted ${s.predictedPairs}; index ${m.bytesPerDoc} B/doc (signatures + LSH ${m.sigLshBytesPerDoc} B/doc); ${workers} worker(s)`,
  );
}

if (process.argv[1] && /eval[\\/]dedup\.ts$/.test(process.argv[1])) await cli(process.argv.slice(2));
