/**
 * Counters and timers a run gathers as it goes. Keys follow `<stage>/<outcome>/<rule>`
 * (src/core/stage.ts: `clean/drop-line/navigation`); src/pipeline/summary.ts prints them.
 */
export class Stats {
  readonly counts = new Map<string, number>();
  readonly timings = new Map<string, number>();

  inc(key: string, by = 1): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + by);
  }

  get(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  /** Adds the milliseconds spent in `fn` to the `stage` timer. */
  time<T>(stage: string, fn: () => T): T {
    const t0 = performance.now();
    try {
      return fn();
    } finally {
      this.timings.set(stage, (this.timings.get(stage) ?? 0) + performance.now() - t0);
    }
  }

  /**
   * Counts under any of `prefixes` (`clean/drop-article`, `ingest/error`: see src/core/stage.ts), keyed
   * by what follows the prefix (the rule), most first; equal counts keep the order first counted in.
   */
  byRule(prefixes: readonly string[]): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [k, v] of this.counts) {
      const p = prefixes.find((x) => k.startsWith(`${x}/`));
      if (p === undefined) continue;
      const rule = k.slice(p.length + 1);
      out[rule] = (out[rule] ?? 0) + v;
    }
    return Object.fromEntries(Object.entries(out).sort((a, b) => b[1] - a[1]));
  }

  toJSON(): { counts: Record<string, number>; timings_ms: Record<string, number> } {
    return {
      counts: Object.fromEntries(this.counts),
      timings_ms: Object.fromEntries([...this.timings].map(([k, v]) => [k, Math.round(v)])),
    };
  }
}

export function fmtInt(n: number): string {
  return n.toLocaleString('en-US').replace(/,/g, ' ');
}
