/**
 * Snippets in the original text. The index holds normalize(text); hits are marked in
 * that normalized copy (highlight.ts, or PostgreSQL's ts_headline). normalize() maps each code point of the
 * original to zero or more code units (a fold, a deletion, or an NFKC expansion
 * such as ﻻ → لا), so normalizing one code point at a time gives an offset map
 * from every normalized unit back to the original.
 */
import { needsNfkc, normalize, normalizeWithOffsets } from '../../text/normalize.js';
import type { SnippetPart } from '../store.js';
import { hitRangesOf, type Phrase } from './highlight.js';

/** Markers of a hit in highlighted text (ts_headline); private-use code points never occur in news text. */
export const HIT_OPEN = '\uE000';
export const HIT_CLOSE = '\uE001';
/** Characters of context around the first hit; a snippet is about two lines. */
export const SNIPPET_CHARS = 260;
const CONTEXT_BEFORE = 80;

const cache = new Map<string, string>();
function normChar(ch: string): string {
  let n = cache.get(ch);
  if (n === undefined) {
    n = normalize(ch);
    if (cache.size < 10_000) cache.set(ch, n);
  }
  return n;
}

/** normalize(text) with, for each normalized code unit, its original start offset. */
export function normalizeWithMap(text: string): { norm: string; map: Int32Array } {
  // Text NFKC leaves alone (Arabic, ASCII, Latin-1: nearly all news) goes through the table a code unit at a
  // time, as normalize() does (a search's snippets: 1.34 → 1.10 ms on 100 000 articles).
  if (!needsNfkc(text)) {
    const { text: norm, offsets } = normalizeWithOffsets(text);
    return { norm, map: offsets };
  }
  const map = new Int32Array(text.length * 3 + 1);
  let norm = '';
  let k = 0;
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i)!;
    const w = cp > 0xffff ? 2 : 1;
    const n = normChar(text.slice(i, i + w));
    for (let j = 0; j < n.length; j++) map[k++] = i;
    norm += n;
    i += w;
  }
  map[k] = text.length;
  return { norm, map: map.subarray(0, k + 1) };
}

/** Match ranges [start, end) in the normalized text, from highlighted text. */
export function hitRanges(highlighted: string): [number, number][] {
  const out: [number, number][] = [];
  let pos = 0;
  let open = -1;
  for (const ch of highlighted) {
    if (ch === HIT_OPEN) open = pos;
    else if (ch === HIT_CLOSE) {
      if (open >= 0) out.push([open, pos]);
      open = -1;
    } else pos += ch.length;
  }
  return out;
}

/** Splits `text` into parts with the given original ranges marked. */
function parts(text: string, from: number, to: number, ranges: [number, number][]): SnippetPart[] {
  const out: SnippetPart[] = [];
  let at = from;
  for (const [s, e] of ranges) {
    if (e <= from || s >= to) continue;
    const a = Math.max(s, from);
    const b = Math.min(e, to);
    if (a > at) out.push({ text: text.slice(at, a) });
    out.push({ text: text.slice(a, b), hit: true });
    at = b;
  }
  if (at < to) out.push({ text: text.slice(at, to) });
  return out;
}

/**
 * Maps the hits of `highlighted` (normalize(original) with markers: PostgreSQL's ts_headline) onto
 * `original` and cuts a window around the first hit. With `whole`, returns the whole text (titles).
 */
export function snippetFromHighlight(original: string, highlighted: string, whole = false): SnippetPart[] {
  const { norm, map } = normalizeWithMap(original);
  // The index held normalize(original); if a composed sequence normalized differently
  // one code point at a time, the offsets would drift: show the text without marks.
  const plain = highlighted.replaceAll(HIT_OPEN, '').replaceAll(HIT_CLOSE, '');
  return snippetOf(original, map, plain === norm ? hitRanges(highlighted) : [], whole);
}

/** The same for the phrases of an FTS5 query (highlight.ts), found in the normalized text here. */
export function snippetFromPhrases(original: string, phrases: Phrase[], whole = false): SnippetPart[] {
  const nfkc = needsNfkc(original);
  const { norm, map } = normalizeWithMap(original);
  // A window ends within SNIPPET_CHARS of its first hit. Outside NFKC a code unit normalizes to at most one,
  // so hits further than that in the normalized text are further in the original too: left unread.
  const span = whole || nfkc ? Infinity : SNIPPET_CHARS;
  return snippetOf(original, map, hitRangesOf(norm, phrases, span), whole);
}

/** `normRanges` (offsets in the normalized text) mapped onto `original`, whole or a window around the first. */
function snippetOf(original: string, map: Int32Array, normRanges: [number, number][], whole: boolean): SnippetPart[] {
  const ranges = normRanges.map(([s, e]) => [map[s], e > 0 ? map[e - 1] + 1 : 0] as [number, number]);
  // extend each end over the rest of a surrogate pair or a deleted trailing mark
  for (const r of ranges)
    while (r[1] < original.length && normChar(original[r[1]]) === '' && !/\s/.test(original[r[1]])) r[1]++;
  if (whole) return parts(original, 0, original.length, ranges);
  const first = ranges[0]?.[0] ?? 0;
  let from = Math.max(0, first - CONTEXT_BEFORE);
  if (from > 0) {
    const sp = original.indexOf(' ', from);
    from = sp >= 0 && sp < first ? sp + 1 : from;
  }
  let to = Math.min(original.length, from + SNIPPET_CHARS);
  if (to < original.length) {
    const sp = original.lastIndexOf(' ', to);
    to = sp > first ? sp : to;
  }
  const out = parts(original, from, to, ranges);
  if (from > 0) out.unshift({ text: '… ' });
  if (to < original.length) out.push({ text: ' …' });
  return out;
}

/** A snippet as one string with the hits in [brackets] (the CLI). */
export function snippetText(p: SnippetPart[], open = '[', close = ']'): string {
  return p
    .map((x) => (x.hit ? open + x.text + close : x.text))
    .join('')
    .replace(/\s+/g, ' ');
}
