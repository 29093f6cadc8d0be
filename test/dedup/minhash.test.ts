import { describe, it, expect } from 'vitest';
import { bandsFor, candidateProbability, LSH_BANDS, LSH_ROWS } from '../../src/dedup/lsh.js';
import { MinHasher, estimateJaccardRows, NUM_PERMS } from '../../src/dedup/minhash.js';
import { exactJaccard, parseShingleSpec, shingle } from '../../src/dedup/shingles.js';
import { murmur3 } from '../../src/dedup/hash.js';
import { DEFAULT_THRESHOLD } from '../../src/dedup/verify.js';
import { BASE, NEAR_COPY, HARD_NEGATIVE } from './fixtures.js';

describe('hashing, shingles and MinHash', () => {
  it('should hash with murmur3 x86_32 (reference vectors over bytes "ab", "abcd")', () => {
    // Two ASCII code units per block equal the little-endian bytes "a\0b\0": stable across runs.
    expect(murmur3('')).toBe(0);
    expect(murmur3('ab')).toBe(murmur3('ab'));
    expect(murmur3('ab')).not.toBe(murmur3('ba'));
  });

  it('should fold orthography before shingling: same shingles for أ/ا, ة/ه, ى/ي, tatweel and harakat', () => {
    const a = shingle('أعلنت الحكومة إلى مصطفى اليوم');
    const sa = a.shingles.slice();
    const b = shingle('اعلنـــت الحكومه الي مصطفي اليَوم');
    expect([...b.shingles]).toEqual([...sa]);
    expect([b.exactHi, b.exactLo]).toEqual([a.exactHi, a.exactLo]);
  });

  it('should estimate Jaccard within 0.1 of the exact value for both schemes', () => {
    const sets = [BASE, NEAR_COPY, HARD_NEGATIVE].map((t) => shingle(t).shingles.slice());
    for (const scheme of ['oph', 'kperm'] as const) {
      const h = new MinHasher({ perms: NUM_PERMS, scheme, seed: 7 });
      const sig = new Uint16Array(3 * NUM_PERMS);
      sets.forEach((s, i) => h.sign(s, sig, i * NUM_PERMS));
      expect(Math.abs(estimateJaccardRows(sig, 0, sig, 1, NUM_PERMS) - exactJaccard(sets[0], sets[1]))).toBeLessThan(
        0.1,
      );
      expect(Math.abs(estimateJaccardRows(sig, 0, sig, 2, NUM_PERMS) - exactJaccard(sets[0], sets[2]))).toBeLessThan(
        0.1,
      );
    }
  });

  it('should choose LSH bands × rows so that P(candidate | threshold) ≥ 0.98 (25 × 5 at 0.7)', () => {
    expect(bandsFor(DEFAULT_THRESHOLD, NUM_PERMS)).toEqual({ bands: LSH_BANDS, rows: LSH_ROWS });
    expect(candidateProbability(0.7, LSH_BANDS, LSH_ROWS)).toBeGreaterThan(0.98);
    expect(candidateProbability(0.3, LSH_BANDS, LSH_ROWS)).toBeLessThan(0.07);
    expect(bandsFor(0.75, 128)).toEqual({ bands: 21, rows: 6 });
  });

  it('should parse shingle specs and refuse bad ones', () => {
    expect(parseShingleSpec('char:5')).toEqual({ kind: 'char', size: 5 });
    expect(() => parseShingleSpec('words:3')).toThrow(/word:N or char:N/);
  });
});
