import { describe, it, expect } from 'vitest';
import { bandsFor, candidateBands, candidateProbability, LSH_BANDS, LSH_ROWS } from '../../src/dedup/lsh.js';
import { resolveOptions } from '../../src/dedup/index.js';
import { MinHasher, estimateJaccardRows, NUM_PERMS } from '../../src/dedup/minhash.js';
import { exactJaccard, parseShingleSpec, shingle } from '../../src/dedup/shingles.js';
import { murmur3 } from '../../src/dedup/hash.js';
import { DEFAULT_THRESHOLD } from '../../src/dedup/verify.js';
import { BASE, NEAR_COPY, HARD_NEGATIVE } from './fixtures.js';

describe('hashing, shingles and MinHash', () => {
  it('should hash with murmur3 x86_32: the published reference vectors, read as UTF-16LE code units', () => {
    // SMHasher's vectors for byte strings; bytes b0 b1 are the code unit b0 | b1 << 8.
    expect(murmur3('', 0)).toBe(0);
    expect(murmur3('', 1)).toBe(0x514e28b7);
    expect(murmur3('', 0xffffffff)).toBe(0x81f16f39);
    expect(murmur3('\uffff\uffff', 0)).toBe(0x76293b50); // ff ff ff ff
    expect(murmur3('\u4321\u8765', 0)).toBe(0xf55b516b); // 21 43 65 87
    expect(murmur3('\u4321\u8765', 0x5082edee)).toBe(0x2362f9de);
    expect(murmur3('\u4321', 0)).toBe(0xa0f7b07a); // 21 43: the tail path
    expect(murmur3('\0\0', 0)).toBe(0x2362f9de); // 00 00 00 00
    // Arabic words, checked against an independent byte-wise implementation over their UTF-16LE bytes
    expect(murmur3('الناتو')).toBe(4215436280);
    expect(murmur3('خبر')).toBe(2118981201);
    // a range of a string hashes as the substring does
    expect(murmur3('حلف الناتو', 0, 4)).toBe(murmur3('الناتو'));
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
  it('should choose 40 bands × 2 rows with containment on, so that copies cut to the lead (J ≈ 0.25) are candidates', () => {
    expect(candidateBands(0.25, 128)).toBe(40);
    expect(candidateProbability(0.25, 40, 2)).toBeGreaterThanOrEqual(0.92);
    expect(resolveOptions()).toMatchObject({ bands: 40, rows: 2, containment: 0.65 });
    expect(resolveOptions({ containment: 0 })).toMatchObject({ bands: LSH_BANDS, rows: LSH_ROWS });
  });
});
