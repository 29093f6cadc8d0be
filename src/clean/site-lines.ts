/**
 * Cross-document boilerplate: when several documents of one site are cleaned
 * together, a line that recurs on many of them is the site's chrome (a slogan,
 * a newsletter box, a footer no rule knows), not news.
 *
 * Pass 1 `observe()`s every document (line keys only, as 32-bit hashes); pass 2
 * asks `isBoilerplate()`. Memory is one Map entry per distinct line per site.
 */
import { fnv1a32 } from '../text/hash.js';

/** Below this many documents a site gives no evidence: two articles of one site
 *  legitimately share a background paragraph. */
export const SITE_MIN_DOCS = 4;
/** A line on at least half of a site's documents is chrome. Follow-up articles of
 *  one story repeat a background paragraph in two or three of them, far below half
 *  of a site's output; menus and footers sit on every page (share ≈ 1). */
export const SITE_LINE_MIN_SHARE = 0.5;
/** …and on at least this many documents, so four documents need a line on three. */
export const SITE_LINE_MIN_DOCS = 3;

/** What a SiteLineIndex knows, as plain Maps: posted to a worker thread (structured clone) and back. */
export interface SiteLineSnapshot {
  docs: Map<string, number>;
  lines: Map<string, Map<number, number>>;
}

export class SiteLineIndex {
  private readonly docs: Map<string, number>;
  private readonly lines: Map<string, Map<number, number>>;

  constructor(from?: SiteLineSnapshot) {
    this.docs = from?.docs ?? new Map();
    this.lines = from?.lines ?? new Map();
  }

  /** The counts, to build the same index in another thread (`new SiteLineIndex(snapshot)`). */
  snapshot(): SiteLineSnapshot {
    return { docs: this.docs, lines: this.lines };
  }

  /** Counts each distinct line key of one document of `site`. */
  observe(site: string | null, lineKeys: Iterable<string>): void {
    const s = site ?? '';
    this.docs.set(s, (this.docs.get(s) ?? 0) + 1);
    let m = this.lines.get(s);
    if (!m) this.lines.set(s, (m = new Map()));
    const seen = new Set<number>();
    for (const k of lineKeys) {
      if (k === '') continue;
      const h = fnv1a32(k);
      if (seen.has(h)) continue;
      seen.add(h);
      m.set(h, (m.get(h) ?? 0) + 1);
    }
  }

  /** How many of the site's documents carry this line, and out of how many. */
  frequency(site: string | null, lineKey: string): { docs: number; siteDocs: number } {
    const s = site ?? '';
    return { docs: this.lines.get(s)?.get(fnv1a32(lineKey)) ?? 0, siteDocs: this.docs.get(s) ?? 0 };
  }

  isBoilerplate(site: string | null, lineKey: string): { docs: number; siteDocs: number } | null {
    const f = this.frequency(site, lineKey);
    if (f.siteDocs < SITE_MIN_DOCS) return null;
    return f.docs >= SITE_LINE_MIN_DOCS && f.docs / f.siteDocs >= SITE_LINE_MIN_SHARE ? f : null;
  }
}
