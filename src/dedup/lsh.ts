/**
 * Locality-sensitive hashing over MinHash signatures: b bands of r rows; two
 * documents are candidates when all r values of at least one band agree, which
 * happens with probability P(J) = 1 − (1 − J^r)^b.
 *
 * With 128 values and the default threshold 0.7 (verify.ts):
 *   25 bands × 5 rows: P(cand | J=0.70) ≈ 0.990, J=0.60 ≈ 0.87, J=0.50 ≈ 0.55, J=0.30 ≈ 0.06, J=0.20 ≈ 0.008
 *   21 bands × 6 rows: P(cand | J=0.70) ≈ 0.928 — loses one true pair in 14 at the threshold
 *   32 bands × 4 rows: P(cand | J=0.70) ≈ 1.000 but J=0.30 ≈ 0.23: four times the chance candidates
 * (at threshold 0.75 bandsFor gives 21 × 6: P ≈ 0.984; at 0.8, 18 × 7: P ≈ 0.986)
 * Candidates are verified (verify.ts), so LSH only has to not miss: `bandsFor`
 * takes the most rows (fewest chance candidates) that still give P ≥ LSH_TARGET_RECALL
 * at the threshold.
 *
 * Storage is typed arrays only, no Map: one open-addressing table of chain heads
 * for all bands (4 bytes a slot, load ≤ 0.7) and a `next` link per (doc, band).
 * Slots hold no key: a head entry's band values are read back from its
 * signature. About 25 × (4 + 4/0.7) ≈ 240 bytes a document at most.
 */
import { hashSeq } from './hash.js';

export const LSH_TARGET_RECALL = 0.98;
/** Jaccard-only bands for NUM_PERMS = 128 at threshold 0.7 (bandsFor(0.7, 128) gives the same). */
export const LSH_BANDS = 25;
export const LSH_ROWS = 5;

/**
 * With containment on (verify.ts), candidates must include copies cut to the lead, whose
 * Jaccard against the full article is 0.23 (p1) … 0.42 (median) on the real-text corpus.
 * Two rows a band, and the fewest bands that give P(candidate | J = CANDIDATE_JACCARD) ≥
 * CANDIDATE_RECALL: 40 × 2 gives P(0.25) ≈ 0.92, P(0.3) ≈ 0.98, P(0.4) ≈ 0.9999, while a pair
 * sharing one sentence in ten (J ≈ 0.05) is a candidate 10 % of the time and is verified away.
 * 40 bands cost ~400 bytes a document of buckets (25 × 5: ~250).
 */
export const CANDIDATE_JACCARD = 0.25;
export const CANDIDATE_RECALL = 0.92;
export const CANDIDATE_ROWS = 2;

/** Fewest bands of `rows` rows (within `perms` values) with P(candidate | j) ≥ target. */
export function candidateBands(j: number, perms: number, rows = CANDIDATE_ROWS, target = CANDIDATE_RECALL): number {
  const b = Math.ceil(Math.log(1 - target) / Math.log(1 - Math.pow(j, rows)));
  return Math.min(Math.floor(perms / rows), b);
}
/**
 * A bucket longer than this is only read this far (newest first): bounded time when many texts
 * share a phrase (a template, a stock sentence). With 2-row bands a common phrase's bucket is
 * long, and walking it is a cache miss a step: on 100 000 `gen:dups` documents, 8 instead of 16
 * cuts the index's time by about a third and groups exactly the same copies; on `gen:dups --real
 * --docs 20000 --seed 1` it groups 19 885 of 19 902 copies instead of 19 887 (F1 0.996 both).
 * A copy shares many bands with its source, so one long bucket read short rarely loses it.
 */
export const MAX_CHAIN_SCAN = 8;
const MAX_LOAD = 0.7;

export function candidateProbability(j: number, bands: number, rows: number): number {
  return 1 - Math.pow(1 - Math.pow(j, rows), bands);
}

/** The most rows r (with b = ⌊perms / r⌋ bands) whose P(candidate | threshold) ≥ LSH_TARGET_RECALL. */
export function bandsFor(threshold: number, perms: number): { bands: number; rows: number } {
  let best = { bands: perms, rows: 1 };
  for (let r = 1; r <= perms; r++) {
    const b = Math.floor(perms / r);
    if (candidateProbability(threshold, b, r) >= LSH_TARGET_RECALL) best = { bands: b, rows: r };
  }
  return best;
}

export class LshTable {
  heads: Int32Array;
  next: Int32Array;
  private occupied = 0;
  /**
   * The bucket slots the last `query` found, one a band, for `insert` of the same document to
   * reuse: each slot lookup hashes the band and reads a random head's signature, and on 100 000
   * documents those cache misses are a large share of the index's time.
   */
  private found: Int32Array;
  private foundDoc = -1;
  private foundSize = 0;

  constructor(
    readonly bands: number,
    readonly rows: number,
    readonly perms: number,
    docCapacity = 1024,
  ) {
    if (bands * rows > perms) throw new Error(`${bands} bands × ${rows} rows needs ${bands * rows} > ${perms} values`);
    this.heads = new Int32Array(1 << 12).fill(-1);
    this.next = new Int32Array(docCapacity * bands).fill(-1);
    this.found = new Int32Array(bands);
  }

  private bandHash(sigs: Uint16Array, doc: number, band: number): number {
    const o = doc * this.perms + band * this.rows;
    return hashSeq(sigs, o, o + this.rows, band + 1);
  }

  private sameBand(sigs: Uint16Array, a: number, b: number, band: number): boolean {
    const oa = a * this.perms + band * this.rows;
    const ob = b * this.perms + band * this.rows;
    for (let t = 0; t < this.rows; t++) if (sigs[oa + t] !== sigs[ob + t]) return false;
    return true;
  }

  /** Slot of `doc`'s bucket in `band`: the slot holding a head with equal band values, or the empty slot to claim. */
  private slotOf(sigs: Uint16Array, doc: number, band: number): number {
    const mask = this.heads.length - 1;
    const B = this.bands;
    for (let s = this.bandHash(sigs, doc, band) & mask; ; s = (s + 1) & mask) {
      const e = this.heads[s];
      if (e < 0) return s;
      if (e % B === band && this.sameBand(sigs, (e / B) | 0, doc, band)) return s;
    }
  }

  /** Calls `visit` for every document sharing a band with `doc` (may repeat across bands). */
  query(sigs: Uint16Array, doc: number, visit: (other: number) => void): void {
    const B = this.bands;
    this.foundDoc = doc;
    this.foundSize = this.heads.length;
    for (let band = 0; band < B; band++) {
      const slot = this.slotOf(sigs, doc, band);
      this.found[band] = slot;
      let e = this.heads[slot];
      for (let seen = 0; e >= 0 && seen < MAX_CHAIN_SCAN; seen++, e = this.next[e]) visit((e / B) | 0);
    }
  }

  insert(sigs: Uint16Array, doc: number): void {
    const B = this.bands;
    if (this.next.length < (doc + 1) * B) {
      const grown = new Int32Array(Math.max((doc + 1) * B, this.next.length * 2)).fill(-1);
      grown.set(this.next);
      this.next = grown;
    }
    for (let band = 0; band < B; band++) {
      if ((this.occupied + 1) / this.heads.length > MAX_LOAD) this.rehash(sigs, this.heads.length * 2);
      const s = this.insertSlot(sigs, doc, band);
      const e = doc * B + band;
      if (this.heads[s] < 0) this.occupied++;
      this.next[e] = this.heads[s];
      this.heads[s] = e;
    }
  }

  /**
   * `doc`'s slot in `band`, from the last query when it still holds: the table has not grown since,
   * and the slot is still empty or still the head of this band's bucket (an earlier band of the same
   * document may have claimed it; then look again).
   */
  private insertSlot(sigs: Uint16Array, doc: number, band: number): number {
    if (this.foundDoc === doc && this.foundSize === this.heads.length) {
      const s = this.found[band];
      const e = this.heads[s];
      if (e < 0 || e % this.bands === band) return s;
    }
    return this.slotOf(sigs, doc, band);
  }

  /** Grow the head table; chains keep their links, only heads move. */
  private rehash(sigs: Uint16Array, size: number): void {
    const old = this.heads;
    this.heads = new Int32Array(size).fill(-1);
    const mask = size - 1;
    const B = this.bands;
    for (let i = 0; i < old.length; i++) {
      const e = old[i];
      if (e < 0) continue;
      let s = this.bandHash(sigs, (e / B) | 0, e % B) & mask;
      while (this.heads[s] >= 0) s = (s + 1) & mask;
      this.heads[s] = e;
    }
  }

  bytes(): number {
    return this.heads.byteLength + this.next.byteLength;
  }
}
