import { describe, it, expect } from 'vitest';
import { SKETCH_VALUES, allocateSketch, sketchAgreements, writeSketch } from '../../src/dedup/sketch.js';
import { NUM_PERMS } from '../../src/dedup/minhash.js';
import { CONTAINMENT_THRESHOLD, DEFAULT_THRESHOLD, matchPair } from '../../src/dedup/verify.js';

/** Rows of 16-bit values where row r agrees with row 0 on a share `r / rows` of its values. */
function rows(n: number, seed: number): Uint16Array {
  let s = seed >>> 0;
  const rnd = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const sigs = new Uint16Array(n * NUM_PERMS);
  for (let t = 0; t < NUM_PERMS; t++) sigs[t] = (rnd() * 65536) | 0;
  for (let r = 1; r < n; r++)
    for (let t = 0; t < NUM_PERMS; t++) {
      // some values differ only in the high byte: the sketch sees them as equal, the row does not
      const v = sigs[t];
      const u = rnd();
      sigs[r * NUM_PERMS + t] = u < r / n ? v : u < (r / n + 1) / 2 ? (v ^ 0x0100) & 0xffff : (rnd() * 65536) | 0;
    }
  return sigs;
}

describe('the signature sketch', () => {
  it('should count equal low bytes over the first values exactly as a plain loop does', () => {
    const n = 40;
    const sigs = rows(n, 3);
    const sketch = allocateSketch(n);
    for (let r = 0; r < n; r++) writeSketch(sketch, r, sigs, r, NUM_PERMS);
    for (let r = 1; r < n; r++) {
      let same = 0;
      for (let t = 0; t < SKETCH_VALUES; t++) if ((sigs[t] & 0xff) === (sigs[r * NUM_PERMS + t] & 0xff)) same++;
      expect(sketchAgreements(sketch, 0, r)).toBe(same);
    }
  });

  it('should never change a decision: matchPair gives the same answer with and without it', () => {
    const n = 200;
    const sigs = rows(n, 11);
    const sketch = allocateSketch(n);
    for (let r = 0; r < n; r++) writeSketch(sketch, r, sigs, r, NUM_PERMS);
    let matched = 0;
    let dropped = 0;
    for (let r = 1; r < n; r++)
      for (const [na, nb] of [
        [300, 300],
        [120, 400],
        [400, 90],
      ]) {
        const plain = matchPair(sigs, 0, r, NUM_PERMS, na, nb, DEFAULT_THRESHOLD, CONTAINMENT_THRESHOLD);
        const fast = matchPair(sigs, 0, r, NUM_PERMS, na, nb, DEFAULT_THRESHOLD, CONTAINMENT_THRESHOLD, sketch);
        expect(fast).toEqual(plain);
        if (plain) matched++;
        else dropped++;
      }
    // both outcomes occur, so the equality above means something
    expect(matched).toBeGreaterThan(50);
    expect(dropped).toBeGreaterThan(50);
  });
});
