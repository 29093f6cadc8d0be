/**
 * The canonical article of a duplicate group: earliest published, then the most
 * complete body (most normalized words), then source priority (earlier in
 * `sourcePriority` wins), then first seen. Documents without a date sort after
 * dated ones: an undated copy cannot claim to be the original.
 */
/** Minutes since the epoch for a date or date-time string; unknown dates sort last. */
export const UNKNOWN_PUBLISHED = 0x7fffffff;
export const UNRANKED_SOURCE = 0xffff;

export function publishedMinutes(published: string | null | undefined): number {
  if (!published) return UNKNOWN_PUBLISHED;
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(published) ? `${published}T00:00:00Z` : published);
  if (!Number.isFinite(ms)) return UNKNOWN_PUBLISHED;
  return Math.max(-0x7ffffffe, Math.min(UNKNOWN_PUBLISHED - 1, Math.floor(ms / 60000)));
}

export function minutesToIso(m: number): string {
  return m === UNKNOWN_PUBLISHED ? 'unknown' : new Date(m * 60000).toISOString().slice(0, 16).replace('T00:00', '');
}

/** Rank of a source (site or path) in the priority list: exact match, or the list entry as a suffix of a host. */
export function sourceRanker(priority: readonly string[]): (source: string | null | undefined) => number {
  const exact = new Map(priority.map((s, i) => [s.toLowerCase(), i]));
  return (source) => {
    if (!source) return UNRANKED_SOURCE;
    const s = source.toLowerCase();
    const hit = exact.get(s);
    if (hit !== undefined) return hit;
    for (let i = 0; i < priority.length; i++) if (s.includes(priority[i].toLowerCase())) return i;
    return UNRANKED_SOURCE;
  };
}

/** The columns canonical choice reads, indexed by document slot. */
export interface CanonicalColumns {
  published: Int32Array;
  words: Uint32Array;
  sourceRank: Uint16Array;
}

export type CanonicalWhy = 'earliest published' | 'most complete body' | 'source priority' | 'first seen';

/** Which criterion makes slot `a` the better canonical than `b` (a must be better). */
export function whyBetter(c: CanonicalColumns, a: number, b: number): CanonicalWhy {
  if (c.published[a] !== c.published[b]) return 'earliest published';
  if (c.words[a] !== c.words[b]) return 'most complete body';
  if (c.sourceRank[a] !== c.sourceRank[b]) return 'source priority';
  return 'first seen';
}

/** True when slot `a` makes a better canonical than slot `b`. */
export function isBetter(c: CanonicalColumns, a: number, b: number): boolean {
  if (c.published[a] !== c.published[b]) return c.published[a] < c.published[b];
  if (c.words[a] !== c.words[b]) return c.words[a] > c.words[b];
  if (c.sourceRank[a] !== c.sourceRank[b]) return c.sourceRank[a] < c.sourceRank[b];
  return a < b;
}
