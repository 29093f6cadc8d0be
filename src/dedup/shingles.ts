/**
 * Shingles of the normalized text: hashed word n-grams by default, or character
 * n-grams. Matching always goes through `normalize(text, ARABIC_MATCH)` and
 * `words()` from src/text, so أ/إ/آ, ة/ه, ى/ي, tatweel, harakat, Arabic-Indic
 * digits, punctuation and whitespace differences vanish before hashing.
 *
 * The same pass yields the exact-duplicate key (64-bit hash of the normalized
 * word sequence) and the word count used to pick the most complete body.
 */
import { khabarError } from '../core/errors.js';
import { normalize } from '../text/normalize.js';
import { words } from '../text/tokenize.js';
import { ExactKey, hashSeq, murmur3 } from './hash.js';

export type ShingleKind = 'word' | 'char';

export interface ShingleOptions {
  kind: ShingleKind;
  /** Words per shingle (kind 'word') or characters per shingle (kind 'char'). */
  size: number;
}

/**
 * Word 3-grams. Exact Jaccard on `npm run gen:dups -- --docs 20000 --seed 1`
 * (`npm run eval:dedup -- <file> --jaccard --shingle …`), true copy pairs p5 / hard-negative pairs p99:
 *   word:2 0.69 / 0.36   word:3 0.64 / 0.27   word:4 0.59 / 0.22   word:5 0.54 / 0.11   char:5 0.74 / 0.46
 * 3- and 4-grams leave the widest gap between copies and same-subject articles sharing
 * names; 3-grams keep copies above the 0.7–0.8 threshold range more often
 * (each replaced word breaks `size` shingles). At threshold 0.7 (`--sweep`): word:3 F1 0.976,
 * word:4 0.940, word:5 0.892; no hard negative merged by any of them.
 */
export const DEFAULT_SHINGLES: ShingleOptions = { kind: 'word', size: 3 };

/**
 * Only the first 200 000 characters (~35 000 words, ten times a long feature) are
 * shingled; a longer text is a dump, not an article. Its exact key and word count
 * still cover the whole text, read in chunks so a 50 MB text never becomes one
 * 8-million-entry array.
 */
export const MAX_SHINGLE_CHARS = 200_000;
/** Text is normalized and tokenized in chunks of this many characters (cut at whitespace). */
const CHUNK_CHARS = 1 << 16;

const WORD_SEED = 0x2f0e1d3c;
const SHINGLE_SEED = 0x61c88647;

export interface Shingled {
  /** Shingle hashes (may repeat; MinHash ignores repeats). A view into scratch space: use before the next call. */
  shingles: Uint32Array;
  /** Every word in the whole text. */
  words: number;
  exactHi: number;
  exactLo: number;
  /** The text was longer than MAX_SHINGLE_CHARS and only its start was shingled. */
  truncated: boolean;
}

/** Reusable buffers, one per thread. */
export class ShingleScratch {
  wordHashes = new Uint32Array(4096);
  shingles = new Uint32Array(4096);
  grow(which: 'wordHashes' | 'shingles', need: number): Uint32Array {
    let a = this[which];
    if (a.length < need) {
      const b = new Uint32Array(Math.max(need, a.length * 2));
      b.set(a);
      this[which] = a = b;
    }
    return a;
  }
}

const defaultScratch = new ShingleScratch();

/** End of the chunk starting at `from`: CHUNK_CHARS on, moved forward to the next whitespace. */
function chunkEnd(text: string, from: number): number {
  let end = Math.min(text.length, from + CHUNK_CHARS);
  while (end < text.length && !/\s/.test(text[end])) end++;
  return end;
}

export function shingle(text: string, opts: ShingleOptions = DEFAULT_SHINGLES, scratch = defaultScratch): Shingled {
  const exact = new ExactKey();
  let nWords = 0; // words inside the shingled prefix
  const charParts: string[] = [];
  // 1. normalize + tokenize chunk by chunk; every word feeds the exact key
  for (let from = 0; from < text.length;) {
    const end = text.length <= CHUNK_CHARS ? text.length : chunkEnd(text, from);
    const inPrefix = from < MAX_SHINGLE_CHARS;
    const ws = words(normalize(from === 0 && end === text.length ? text : text.slice(from, end)));
    const wh = inPrefix ? scratch.grow('wordHashes', nWords + ws.length) : null;
    for (let i = 0; i < ws.length; i++) {
      const h = murmur3(ws[i], WORD_SEED);
      exact.push(h);
      if (wh) wh[nWords + i] = h;
    }
    if (inPrefix) {
      nWords += ws.length;
      if (opts.kind === 'char') charParts.push(ws.join(' '));
    }
    from = end;
  }
  const [exactHi, exactLo] = exact.digest();
  const truncated = text.length > MAX_SHINGLE_CHARS;
  // 2. shingles over the prefix
  let n: number;
  if (opts.kind === 'word') {
    const wh = scratch.wordHashes;
    n = Math.max(0, nWords - opts.size + 1);
    const out = scratch.grow('shingles', n);
    for (let i = 0; i < n; i++) out[i] = hashSeq(wh, i, i + opts.size, SHINGLE_SEED);
  } else {
    const s = charParts.join(' ');
    n = Math.max(0, s.length - opts.size + 1);
    const out = scratch.grow('shingles', n);
    for (let i = 0; i < n; i++) out[i] = murmur3(s, SHINGLE_SEED, i, i + opts.size);
  }
  return { shingles: scratch.shingles.subarray(0, n), words: exact.count, exactHi, exactLo, truncated };
}

/** Exact Jaccard of two shingle multisets (as sets): for tests and for measuring estimate error. */
export function exactJaccard(a: Uint32Array, b: Uint32Array): number {
  const sa = new Set(a);
  const sb = new Set(b);
  if (sa.size === 0 && sb.size === 0) return 1;
  let inter = 0;
  for (const x of sa) if (sb.has(x)) inter++;
  return inter / (sa.size + sb.size - inter);
}

/** 'word:4' → {kind: 'word', size: 4}; used by the CLI and the eval. */
export function parseShingleSpec(spec: string): ShingleOptions {
  const m = /^(word|char):(\d+)$/.exec(spec.trim());
  if (!m || +m[2] < 1 || +m[2] > 32)
    throw khabarError('KHB_BAD_INPUT', `shingle spec "${spec}" is not word:N or char:N (1 ≤ N ≤ 32)`);
  return { kind: m[1] as ShingleKind, size: +m[2] };
}
