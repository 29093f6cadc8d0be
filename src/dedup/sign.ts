/**
 * Texts → signatures, exact keys and word counts for a batch. The same function
 * runs on the main thread and inside the worker_threads pool (workers.ts), so
 * both paths give identical bytes.
 */
import { DEFAULT_MINHASH, MinHasher, type MinHashOptions } from './minhash.js';
import { DEFAULT_SHINGLES, ShingleScratch, shingle, type ShingleOptions } from './shingles.js';

export interface SignParams {
  shingles: ShingleOptions;
  minhash: MinHashOptions;
}

export const DEFAULT_SIGN: SignParams = { shingles: DEFAULT_SHINGLES, minhash: DEFAULT_MINHASH };

/** Per-batch columns (typed arrays, transferable between threads). */
export interface SignBatch {
  n: number;
  /** n × perms 16-bit MinHash values. */
  sigs: Uint16Array;
  /** n × 2: the 64-bit exact key as [hi, lo]. */
  exact: Uint32Array;
  /** Words in the whole text (normalized). */
  words: Uint32Array;
  /** Shingles taken (0 = fewer words than a shingle, or empty). */
  shingles: Uint32Array;
  /** 1 when only the first MAX_SHINGLE_CHARS were shingled. */
  truncated: Uint8Array;
}

const hashers = new Map<string, MinHasher>();
const scratch = new ShingleScratch();

function hasherFor(o: MinHashOptions): MinHasher {
  const key = `${o.scheme}:${o.perms}:${o.seed}`;
  let h = hashers.get(key);
  if (!h) hashers.set(key, (h = new MinHasher(o)));
  return h;
}

/** An empty batch of `n` texts' columns, `perms` MinHash values each. */
export function newSignBatch(n: number, perms: number): SignBatch {
  return {
    n,
    sigs: new Uint16Array(n * perms),
    exact: new Uint32Array(n * 2),
    words: new Uint32Array(n),
    shingles: new Uint32Array(n),
    truncated: new Uint8Array(n),
  };
}

export function signTexts(texts: readonly string[], params: SignParams = DEFAULT_SIGN): SignBatch {
  const n = texts.length;
  const k = params.minhash.perms;
  const hasher = hasherFor(params.minhash);
  const out = newSignBatch(n, k);
  for (let i = 0; i < n; i++) {
    const s = shingle(texts[i] ?? '', params.shingles, scratch);
    hasher.sign(s.shingles, out.sigs, i * k);
    out.exact[2 * i] = s.exactHi;
    out.exact[2 * i + 1] = s.exactLo;
    out.words[i] = s.words;
    out.shingles[i] = s.shingles.length;
    out.truncated[i] = s.truncated ? 1 : 0;
  }
  return out;
}

/** Buffers to hand to postMessage's transfer list. */
export function transferables(b: SignBatch): ArrayBuffer[] {
  return [b.sigs.buffer, b.exact.buffer, b.words.buffer, b.shingles.buffer, b.truncated.buffer] as ArrayBuffer[];
}

/** Concatenates batches signed in parts (in order). */
export function concatBatches(parts: SignBatch[], perms: number): SignBatch {
  if (parts.length === 1) return parts[0];
  const out = newSignBatch(
    parts.reduce((s, p) => s + p.n, 0),
    perms,
  );
  let at = 0;
  for (const p of parts) {
    out.sigs.set(p.sigs, at * perms);
    out.exact.set(p.exact, at * 2);
    out.words.set(p.words, at);
    out.shingles.set(p.shingles, at);
    out.truncated.set(p.truncated, at);
    at += p.n;
  }
  return out;
}

/** One text's columns of a SignBatch: carried with its article from the thread that signed it to its window. */
export interface SignRow {
  sig: Uint16Array;
  exactHi: number;
  exactLo: number;
  words: number;
  shingles: number;
  truncated: number;
}

/** A batch's rows, each a view of the batch's own arrays (no copy). */
export function rowsOf(b: SignBatch): SignRow[] {
  const k = b.n ? b.sigs.length / b.n : 0;
  return Array.from({ length: b.n }, (_, i) => ({
    sig: b.sigs.subarray(i * k, (i + 1) * k),
    exactHi: b.exact[2 * i],
    exactLo: b.exact[2 * i + 1],
    words: b.words[i],
    shingles: b.shingles[i],
    truncated: b.truncated[i],
  }));
}

/** Rows back into one batch, in the order given: what signTexts of their texts in that order gives. */
export function batchOf(rows: readonly SignRow[], perms: number): SignBatch {
  const out = newSignBatch(rows.length, perms);
  rows.forEach((r, i) => {
    out.sigs.set(r.sig, i * perms);
    out.exact[2 * i] = r.exactHi;
    out.exact[2 * i + 1] = r.exactLo;
    out.words[i] = r.words;
    out.shingles[i] = r.shingles;
    out.truncated[i] = r.truncated;
  });
  return out;
}
