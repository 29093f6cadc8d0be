/**
 * Gzip input inflated with a bomb guard. A legitimate .warc.gz inflates 3–10× (HTML ~5×,
 * images ~1×); a file of zeros inflates 1000×, so 1 GB of zeros is 1 MB on disk and would
 * be parsed as one endless header line. Past MIN_INFLATED bytes, a running ratio above
 * MAX_INFLATE_RATIO stops the read with KHB_TOO_LARGE (memory stays at a chunk or two).
 */
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { khabarError } from '../../core/errors.js';

/** HTML compresses at most ~20× (repetitive markup); 100× leaves a margin no real archive reaches. */
export const MAX_INFLATE_RATIO = 100;
/** The ratio is judged only past 16 MiB inflated: small files of repeated markup may briefly exceed it. */
export const MIN_INFLATED = 16 * 2 ** 20;

export async function* inflateGuarded(input: Readable, source: string): AsyncIterable<Uint8Array> {
  let packed = 0;
  let inflated = 0;
  input.on('data', (c: Buffer) => (packed += c.length));
  const gunzip = createGunzip();
  input.on('error', (e) => gunzip.destroy(e));
  input.pipe(gunzip);
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      inflated += chunk.length;
      if (inflated > MIN_INFLATED && inflated > MAX_INFLATE_RATIO * Math.max(packed, 1))
        throw khabarError(
          'KHB_TOO_LARGE',
          `${source} (inflated ${inflated} bytes from ${packed}: a gzip bomb?)`,
          inflated,
          MAX_INFLATE_RATIO * packed,
        );
      yield chunk;
    }
  } finally {
    input.destroy();
    gunzip.destroy();
  }
}
