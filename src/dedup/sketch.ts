/**
 * A small, dense first look at a candidate pair before its full signature is read.
 *
 * With containment on, LSH uses 2-row bands (lsh.ts), so most candidates are articles that
 * merely share vocabulary (Jaccard 0.05–0.15 on `gen:dups`, ~150 of them a document at 100 000
 * documents) and only one in a few hundred is a copy. Reading each candidate's 256-byte signature
 * row from a 25 MB array was most of `DedupIndex`'s time: a cache miss and 32–64 compares each.
 *
 * The sketch keeps the low byte of the first SKETCH_VALUES signature values (b-bit minwise
 * hashing with b = 8, Li & König 2010): 64 bytes a document, a dense array that stays in cache,
 * compared four values at a time. verify.ts applies to it the same sequential test it applies to
 * the full signature after 64 values. Equal 16-bit values have equal low bytes, so the sketch
 * agrees at least as often as the signature: a pair the sketch drops would have been dropped at
 * that checkpoint anyway, and decisions are exactly those of the full check, only sooner.
 */

/** Signature values kept in the sketch: the second checkpoint of verify.ts's sequential test. */
export const SKETCH_VALUES = 64;
const WORDS = SKETCH_VALUES / 4;

/** The sketch of `n` documents: 16 words each, four value bytes a word. */
export function allocateSketch(n: number, from?: Uint32Array): Uint32Array {
  const out = new Uint32Array(n * WORDS);
  if (from) out.set(from.subarray(0, Math.min(from.length, out.length)));
  return out;
}

/** Writes document `doc`'s sketch from its signature row in `sigs` (`perms` values a row). */
export function writeSketch(sketch: Uint32Array, doc: number, sigs: Uint16Array, row: number, perms: number): void {
  const o = row * perms;
  for (let w = 0; w < WORDS; w++) {
    const v = o + 4 * w;
    sketch[doc * WORDS + w] =
      ((sigs[v] & 0xff) | ((sigs[v + 1] & 0xff) << 8) | ((sigs[v + 2] & 0xff) << 16) | ((sigs[v + 3] & 0xff) << 24)) >>>
      0;
  }
}

/** Equal bytes in two 32-bit words (SWAR: a zero byte of a ^ b). */
function equalBytes(x: number): number {
  const t = ~(((x & 0x7f7f7f7f) + 0x7f7f7f7f) | x | 0x7f7f7f7f);
  return Math.imul((t >>> 7) & 0x01010101, 0x01010101) >>> 24;
}

/** Agreements of documents a and b over the sketch's values. */
export function sketchAgreements(sketch: Uint32Array, a: number, b: number): number {
  const oa = a * WORDS;
  const ob = b * WORDS;
  let same = 0;
  for (let w = 0; w < WORDS; w++) same += equalBytes(sketch[oa + w] ^ sketch[ob + w]);
  return same;
}
