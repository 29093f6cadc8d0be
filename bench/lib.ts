/**
 * Shared benchmark helpers. Each stage's bench file exports `run(opts)` returning
 * BenchResult rows; bench/run.ts prints them as one table.
 */
export interface BenchResult {
  stage: string;
  /** What was measured, e.g. 'clean 100 000 generated text docs'. */
  corpus: string;
  docs: number;
  bytes: number;
  seconds: number;
  peakRssMB: number;
  extra?: Record<string, string | number>;
}

export interface BenchOptions {
  /** Scale factor: 1 = the stated sizes; smaller for a quick smoke run (BENCH_SCALE=0.01). */
  scale: number;
  seed: number;
}

/**
 * Peak RSS while `fn` runs. A timer samples every 20 ms, but a synchronous loop never
 * lets it fire, so the kernel's high-water mark (getrusage maxRSS) decides too: when it
 * rose during `fn`, the new mark was reached during `fn`.
 */
export async function measure<T>(fn: () => Promise<T> | T): Promise<{ value: T; seconds: number; peakRssMB: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  const maxBefore = process.resourceUsage().maxRSS * 1024;
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const t0 = performance.now();
  try {
    const value = await fn();
    const seconds = (performance.now() - t0) / 1000;
    peak = Math.max(peak, process.memoryUsage().rss);
    const maxAfter = process.resourceUsage().maxRSS * 1024;
    if (maxAfter > maxBefore) peak = Math.max(peak, maxAfter);
    return { value, seconds, peakRssMB: peak / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

/** Deterministic PRNG (mulberry32) so generated corpora are the same for a seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)];
}

export function formatRow(r: BenchResult): string {
  const dps = r.docs / r.seconds;
  const mbs = r.bytes / 2 ** 20 / r.seconds;
  const extra = r.extra
    ? ' ' +
      Object.entries(r.extra)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')
    : '';
  return `${r.stage.padEnd(14)} ${r.corpus.padEnd(44)} ${dps.toFixed(0).padStart(9)} docs/s ${mbs
    .toFixed(1)
    .padStart(7)} MB/s  peak ${r.peakRssMB.toFixed(0).padStart(5)} MB  (${r.seconds.toFixed(2)} s)${extra}`;
}
