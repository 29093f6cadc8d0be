/**
 * Fast 32-bit non-cryptographic hashing for dedup: MurmurHash3 (x86_32, Austin
 * Appleby, public domain) over UTF-16 code units, two units per 32-bit block, so
 * a word hashes without encoding it to bytes. All arithmetic is Math.imul and
 * `>>> 0`: no BigInt, no allocation.
 *
 * (src/text/hash.ts has FNV-1a for line keys; murmur3 mixes better on short
 * Arabic words, whose code units all share the high byte 0x06.)
 */
const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

/** MurmurHash3's finalizer: a bijection on 32 bits with full avalanche. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** One murmur3 block step: mixes the 32-bit `k` into the running hash `h`. */
export function mixBlock(h: number, k: number): number {
  k = Math.imul(k, C1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, C2);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** MurmurHash3 x86_32 of `s[start, end)` read as UTF-16 code units (two per block). */
export function murmur3(s: string, seed = 0, start = 0, end = s.length): number {
  let h = seed | 0;
  let i = start;
  for (; i + 1 < end; i += 2) h = mixBlock(h, s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16));
  if (i < end) {
    let k = Math.imul(s.charCodeAt(i), C1);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, C2);
  }
  return fmix32(h ^ ((end - start) * 2));
}

/** Hash of a sequence of 32-bit values (a shingle of word hashes, a band of a signature). */
export function hashSeq(xs: ArrayLike<number>, start: number, end: number, seed: number): number {
  let h = seed | 0;
  for (let i = start; i < end; i++) h = mixBlock(h, xs[i]);
  return fmix32(h ^ ((end - start) * 4));
}

/** Seeds for the two halves of the 64-bit exact-duplicate key. */
export const EXACT_SEED_HI = 0x5bd1e995;
export const EXACT_SEED_LO = 0x27d4eb2f;

/**
 * A running 64-bit key over a word-hash stream: two murmur3 states with
 * independent seeds. 64 bits make a false exact duplicate among 10^7 documents
 * a 1-in-370 000 event (birthday bound n²/2^65).
 */
export class ExactKey {
  private hi = EXACT_SEED_HI;
  private lo = EXACT_SEED_LO;
  count = 0;

  push(wordHash: number): void {
    this.hi = mixBlock(this.hi, wordHash);
    this.lo = mixBlock(this.lo, wordHash ^ 0x9e3779b9);
    this.count++;
  }

  digest(): [number, number] {
    return [fmix32(this.hi ^ this.count), fmix32(this.lo ^ Math.imul(this.count, 0x01000193))];
  }
}

/** Hex form of the exact key, for evidence in reasons and for tests. */
export function exactKeyHex(hi: number, lo: number): string {
  return (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');
}
