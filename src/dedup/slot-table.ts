/**
 * An open-addressing hash set of document slots (Int32Array, linear probing,
 * load ≤ 0.7). It stores no keys: equality is asked of the caller, who reads
 * them from its own columns (ids, exact keys). 4–8 bytes a document.
 */
const MAX_LOAD = 0.7;

export class SlotTable {
  private heads: Int32Array;
  private count = 0;

  constructor(private readonly hashOf: (slot: number) => number) {
    this.heads = new Int32Array(1 << 10).fill(-1);
  }

  /** The stored slot whose key equals the query (`eq(slot)`), or -1. */
  find(hash: number, eq: (slot: number) => boolean): number {
    const mask = this.heads.length - 1;
    for (let s = hash & mask; ; s = (s + 1) & mask) {
      const e = this.heads[s];
      if (e < 0) return -1;
      if (eq(e)) return e;
    }
  }

  /** Adds `slot` (the caller has checked it is not there yet). */
  insert(hash: number, slot: number): void {
    if ((this.count + 1) / this.heads.length > MAX_LOAD) this.rehash(this.heads.length * 2);
    const mask = this.heads.length - 1;
    let s = hash & mask;
    while (this.heads[s] >= 0) s = (s + 1) & mask;
    this.heads[s] = slot;
    this.count++;
  }

  private rehash(size: number): void {
    const old = this.heads;
    this.heads = new Int32Array(size).fill(-1);
    const mask = size - 1;
    for (let i = 0; i < old.length; i++) {
      const e = old[i];
      if (e < 0) continue;
      let s = this.hashOf(e) & mask;
      while (this.heads[s] >= 0) s = (s + 1) & mask;
      this.heads[s] = e;
    }
  }

  bytes(): number {
    return this.heads.byteLength;
  }
}
