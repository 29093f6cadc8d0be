/**
 * Per-host politeness: at most `perHost` requests in flight to one host; request
 * starts to one host at least `delayMs` apart, and the next start at least `delayMs`
 * after the last response ended (a busy client may send a request late, so spacing
 * by starts alone can reach the server as a burst). A robots.txt Crawl-delay raises
 * the delay for that host. The slot is reserved before sleeping, so concurrent
 * workers queue up one delay apart instead of bursting.
 */
export interface HostState {
  active: number;
  next: number;
  delayMs: number;
  waiters: (() => void)[];
}

/** A Crawl-delay above this is capped: some sites ask for 60 s, which would stall a crawl for hours. */
export const MAX_CRAWL_DELAY_MS = 10_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class HostGate {
  private readonly hosts = new Map<string, HostState>();

  constructor(
    private readonly delayMs: number,
    private readonly perHost: number,
  ) {}

  private state(host: string): HostState {
    let h = this.hosts.get(host);
    if (!h) this.hosts.set(host, (h = { active: 0, next: 0, delayMs: this.delayMs, waiters: [] }));
    return h;
  }

  /** Raises a host's delay (robots.txt Crawl-delay, in seconds), never below the crawl's own. */
  setCrawlDelay(host: string, seconds: number): void {
    const h = this.state(host);
    h.delayMs = Math.max(this.delayMs, Math.min(seconds * 1000, MAX_CRAWL_DELAY_MS));
  }

  async run<T>(url: string, fn: () => Promise<T>): Promise<T> {
    const h = this.state(new URL(url).host);
    while (h.active >= this.perHost) await new Promise<void>((r) => h.waiters.push(r));
    h.active++;
    const now = Date.now();
    const start = Math.max(now, h.next);
    h.next = start + h.delayMs;
    try {
      if (start > now) await sleep(start - now);
      return await fn();
    } finally {
      h.next = Math.max(h.next, Date.now() + h.delayMs);
      h.active--;
      h.waiters.shift()?.();
    }
  }
}
