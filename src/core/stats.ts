/**
 * Counters and timers a run gathers as it goes (`ctx.stats.inc('clean/navigation')`).
 * `table()` renders the closing summary.
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

  /** Keys under a prefix, e.g. byPrefix('removed/') → {'clean/navigation': 3}. */
  byPrefix(prefix: string): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [k, v] of [...this.counts].sort((a, b) => b[1] - a[1])) {
      if (k.startsWith(prefix)) out[k.slice(prefix.length)] = v;
    }
    return out;
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
