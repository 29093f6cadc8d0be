/**
 * Streaming dedup: items go through the index in batches, signatures of the
 * next batch are computed (on the worker pool) while the previous one is
 * decided, and each item comes back with its decision as of its batch. Memory is
 * the index plus PIPELINE_DEPTH batches of texts.
 */
import type { AddResult, DedupDecision, DedupIndex, DedupItem } from './index.js';
import type { SignBatch } from './sign.js';
import { signTexts } from './sign.js';

/** Documents per batch: large enough to amortize a postMessage, small enough to keep texts few. */
export const BATCH_SIZE = 2048;
/** Batches in flight: one being signed while one is decided. */
export const PIPELINE_DEPTH = 2;

export interface Signer {
  sign(texts: string[]): Promise<SignBatch>;
}

export interface StreamOptions {
  pool?: Signer | null;
  batchSize?: number;
  /** Called after each batch with its regroup events (earlier canonicals superseded). */
  onBatch?: (result: AddResult) => void;
}

export async function* dedupStream<T extends DedupItem>(
  items: AsyncIterable<T> | Iterable<T>,
  index: DedupIndex,
  opts: StreamOptions = {},
): AsyncIterable<{ item: T; decision: DedupDecision }> {
  const size = opts.batchSize ?? BATCH_SIZE;
  const params = { shingles: index.opts.shingles, minhash: index.opts.minhash };
  const inflight: { items: T[]; signed: Promise<SignBatch> }[] = [];
  const start = (batch: T[]) => {
    const texts = batch.map((x) => x.text);
    const signed = opts.pool ? opts.pool.sign(texts) : Promise.resolve(signTexts(texts, params));
    signed.catch(() => {}); // handled when awaited below
    inflight.push({ items: batch, signed });
  };
  async function* finish() {
    const { items: batch, signed } = inflight.shift()!;
    const result = index.addSigned(batch, await signed);
    opts.onBatch?.(result);
    for (let i = 0; i < batch.length; i++) yield { item: batch[i], decision: result.decisions[i] };
  }
  let batch: T[] = [];
  for await (const item of items) {
    batch.push(item);
    if (batch.length < size) continue;
    start(batch);
    batch = [];
    if (inflight.length >= PIPELINE_DEPTH) yield* finish();
  }
  if (batch.length) start(batch);
  while (inflight.length) yield* finish();
}
