/**
 * MinHash signatures, stored as 16-bit values (b-bit minwise hashing, Li & König
 * 2010): the low 16 bits of each minimum. Two different minima agree by chance
 * with probability 2^-16, which `estimateJaccard` corrects; a 128-value signature
 * takes 256 bytes instead of 512.
 *
 * Two schemes, both over the 32-bit murmur3 shingle hashes:
 *  - 'oph'   one-permutation hashing (Li, Owen & Zhang 2012) with optimal
 *            densification (Shrivastava 2017): each shingle is hashed once, its top
 *            7 bits pick one of 128 bins, the rest compete for that bin's minimum;
 *            empty bins borrow from a pseudo-randomly chosen full bin. O(n + K).
 *  - 'kperm' K universal permutations π_i(h) = a_i·h + b_i mod 2^32 (a_i odd),
 *            the textbook scheme datasketch uses (with mod 2^61-1). O(n·K).
 * Measured (`npm run eval:dedup -- --scheme kperm`): equal F1 and estimate error,
 * 'oph' several times faster, so it is the default.
 */
import { fmix32 } from './hash.js';

export type MinHashScheme = 'oph' | 'kperm';

/** 128 values: the estimate's standard error at J = 0.75 is √(J(1−J)/128) ≈ 0.038. */
export const NUM_PERMS = 128;
export const DEFAULT_SCHEME: MinHashScheme = 'oph';
export const MINHASH_SEED = 0x1234abcd;

export interface MinHashOptions {
  perms: number;
  scheme: MinHashScheme;
  seed: number;
}

export const DEFAULT_MINHASH: MinHashOptions = { perms: NUM_PERMS, scheme: DEFAULT_SCHEME, seed: MINHASH_SEED };

/** splitmix32: deterministic parameters for a seed. */
function splitmix(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    return fmix32(s);
  };
}

export class MinHasher {
  readonly perms: number;
  private readonly a: Uint32Array;
  private readonly b: Uint32Array;
  private readonly mins: Uint32Array;
  private readonly shift: number;
  private readonly borrow: Uint16Array;

  constructor(readonly opts: MinHashOptions = DEFAULT_MINHASH) {
    const k = opts.perms;
    this.perms = k;
    const next = splitmix(opts.seed);
    this.a = new Uint32Array(k).map(() => next() | 1);
    this.b = new Uint32Array(k).map(() => next());
    this.mins = new Uint32Array(k);
    if (opts.scheme === 'oph' && (k & (k - 1)) !== 0) throw new Error(`oph needs a power-of-two perms, got ${k}`);
    this.shift = 32 - Math.log2(k);
    // Densification probe sequence: bin j's t-th choice is borrow[(j·K + t) mod K²] (fixed per seed).
    this.borrow = new Uint16Array(opts.scheme === 'oph' ? k * k : 0).map(() => next() & (k - 1));
  }

  /** Writes the signature of `shingles` into `out[offset, offset + perms)`. No shingles → all zeros. */
  sign(shingles: Uint32Array, out: Uint16Array, offset: number): void {
    const k = this.perms;
    if (shingles.length === 0) {
      out.fill(0, offset, offset + k);
      return;
    }
    const mins = this.mins;
    mins.fill(0xffffffff);
    if (this.opts.scheme === 'kperm') {
      const a = this.a;
      const b = this.b;
      for (let i = 0; i < shingles.length; i++) {
        const h = shingles[i];
        for (let j = 0; j < k; j++) {
          const v = (Math.imul(a[j], h) + b[j]) >>> 0;
          if (v < mins[j]) mins[j] = v;
        }
      }
    } else {
      const shift = this.shift;
      const low = (1 << shift) - 1;
      const seed = this.opts.seed;
      for (let i = 0; i < shingles.length; i++) {
        const x = fmix32(shingles[i] ^ seed);
        const bin = x >>> shift;
        const v = x & low;
        if (v < mins[bin]) mins[bin] = v;
      }
      this.densify(mins);
    }
    for (let j = 0; j < k; j++) out[offset + j] = mins[j] & 0xffff;
  }

  /** Optimal densification: an empty bin takes the value of the first full bin on its own probe sequence. */
  private densify(mins: Uint32Array): void {
    const k = this.perms;
    const full = new Uint8Array(k);
    let empty = 0;
    for (let j = 0; j < k; j++) {
      full[j] = mins[j] !== 0xffffffff ? 1 : 0;
      if (!full[j]) empty++;
    }
    if (empty === 0) return;
    for (let j = 0; j < k; j++) {
      if (full[j]) continue;
      let src = -1;
      for (let t = 0; t < k && src < 0; t++) {
        const c = this.borrow[j * k + t];
        if (full[c]) src = c;
      }
      // Probe sequence exhausted (almost never: needs ≤ a few full bins): next full bin clockwise.
      for (let c = (j + 1) % k; src < 0; c = (c + 1) % k) if (full[c]) src = c;
      mins[j] = mins[src];
    }
  }
}

/** Jaccard estimate from two b-bit (16) signatures, corrected for chance agreement of 2^-16. */
export function estimateJaccard(sigs: Uint16Array, i: number, j: number, k: number): number {
  let same = 0;
  const oi = i * k;
  const oj = j * k;
  for (let t = 0; t < k; t++) if (sigs[oi + t] === sigs[oj + t]) same++;
  const c = 1 / 65536;
  return Math.max(0, (same / k - c) / (1 - c));
}

/** The same, between rows of two different signature arrays. */
export function estimateJaccardRows(a: Uint16Array, ai: number, b: Uint16Array, bi: number, k: number): number {
  let same = 0;
  for (let t = 0; t < k; t++) if (a[ai * k + t] === b[bi * k + t]) same++;
  const c = 1 / 65536;
  return Math.max(0, (same / k - c) / (1 - c));
}
