/**
 * Two document-level guards around the cleaner (issue 15), each a reason, never a crash:
 *   - clean/too-complex, before cleaning: a page whose markup is far beyond any news page
 *     (a million nested <div>s, 200 000 tags) would hold the thread for seconds to minutes
 *     in the DOM parser and the extractor. The scan is one regex pass over the raw HTML.
 *   - clean/degenerate, after cleaning: a body that is one word (or a handful) repeated,
 *     "خبر خبر خبر …" a megabyte long, is not an article, and would join a real story.
 */
import { reason, type Reason } from '../core/trace.js';

/** Tags in one page: a long live blog is ~15 000; 60 000 is four times that. */
export const MAX_TAGS = 60_000;
/** Open-element depth: real pages stay under ~60; browsers' parsers stop nesting at 512. */
export const MAX_DEPTH = 512;
/** Character references in one page: a 5 000-word article with every letter written as
 *  &#1575; (some old CMSs do) has ~30 000; each costs the parser ~20 µs, so 100 000 is ~2 s. */
export const MAX_ENTITIES = 100_000;
/** Characters without a space: the longest real tokens (URLs, hashes) stay under 2 000; a
 *  100 000-letter "word" is stored as an article otherwise, and costs seconds per 1 MB. */
export const MAX_TOKEN_CHARS = 10_000;
const LONG_TOKEN = new RegExp(`\\S{${MAX_TOKEN_CHARS + 1}}`);
/** Where a text has a run of more than MAX_TOKEN_CHARS non-space characters, or -1. A text no longer than
 *  that has none: the regex, as costly as splitting the text into words, runs only on longer ones. */
function longTokenAt(text: string): number {
  return text.length <= MAX_TOKEN_CHARS ? -1 : (LONG_TOKEN.exec(text)?.index ?? -1);
}
/** Spaces and punctuation between words: ASCII's and Arabic's (a spelled-out class is ~30 % faster than
 *  \p{P}, and the degenerate test only counts words). */
const WORD_BREAK = /[\s!-/:-@[-`{-~،؛؟٪٫٬«»“”‘’…–—﴾﴿·•]+/;

/** Elements a parser closes by itself (an unclosed <p> or <li> does not nest), and void ones. */
const NO_NEST = new Set(
  'p li dt dd tr td th option optgroup rb rt rp thead tbody tfoot colgroup area base br col embed hr img input link meta source track wbr'.split(
    ' ',
  ),
);

/** clean/too-complex for an HTML page over MAX_TAGS tags, MAX_DEPTH open elements deep or
 *  MAX_ENTITIES character references; clean/degenerate for a "word" over MAX_TOKEN_CHARS. */
export function tooComplex(raw: string, rawKind: 'text' | 'html'): Reason | null {
  // plain text only: markup has long runs without spaces (<div><div>…); a page's text is checked after cleaning
  const at = rawKind === 'text' ? longTokenAt(raw) : -1;
  if (at >= 0)
    return reason('clean/degenerate', 'drop-article', `a "word" of more than ${MAX_TOKEN_CHARS} characters: not text`, {
      evidence: { at },
    });
  if (rawKind !== 'html') return null;
  let entities = 0;
  for (let i = raw.indexOf('&'); i >= 0; i = raw.indexOf('&', i + 1)) entities++;
  if (entities > MAX_ENTITIES)
    return reason(
      'clean/too-complex',
      'drop-article',
      `the page has more than ${MAX_ENTITIES} "&"s (character references)`,
      {
        evidence: { entities },
      },
    );
  const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*?(\/?)>/g;
  let tags = 0;
  let depth = 0;
  let deepest = 0;
  for (let m = tag.exec(raw); m; m = tag.exec(raw)) {
    tags++;
    const name = m[2].toLowerCase();
    if (NO_NEST.has(name) || m[3] === '/') continue;
    if (m[1] === '/') depth = Math.max(0, depth - 1);
    else if (++depth > deepest) deepest = depth;
    if (tags > MAX_TAGS || deepest > MAX_DEPTH) {
      const what = tags > MAX_TAGS ? `more than ${MAX_TAGS} tags` : `elements nested more than ${MAX_DEPTH} deep`;
      return reason('clean/too-complex', 'drop-article', `the page has ${what}: not a news page`, {
        evidence: { tags, depth: deepest, at: m.index },
      });
    }
  }
  return null;
}

/** Below this many words a body is too short to call degenerate ("عاجل عاجل عاجل" is a brief). */
export const DEGENERATE_MIN_WORDS = 40;
/** The commonest word of real Arabic news ("في") is 3–5% of its words; above 30% is a repeat. */
export const DEGENERATE_TOP_SHARE = 0.3;
/** Distinct words per word: ~0.5 for a 500-word article, ~0.25 at 10 000 words; 0.05 is a loop. */
export const DEGENERATE_MIN_DISTINCT = 0.05;

/** clean/degenerate when one word dominates the body, or it has almost no distinct words. */
export function degenerate(paragraphs: string[]): Reason | null {
  const counts = new Map<string, number>();
  let words = 0;
  for (const p of paragraphs)
    for (const w of p.split(WORD_BREAK)) {
      if (w === '') continue;
      words++;
      counts.set(w, (counts.get(w) ?? 0) + 1);
    }
  const long = paragraphs.find((p) => longTokenAt(p) >= 0);
  if (long !== undefined)
    return reason('clean/degenerate', 'drop-article', `a "word" of more than ${MAX_TOKEN_CHARS} characters: not text`);
  if (words < DEGENERATE_MIN_WORDS) return null;
  let top = '';
  let topCount = 0;
  for (const [w, n] of counts) if (n > topCount) [top, topCount] = [w, n];
  const share = topCount / words;
  const distinct = counts.size / words;
  if (share <= DEGENERATE_TOP_SHARE && distinct >= DEGENERATE_MIN_DISTINCT) return null;
  return reason(
    'clean/degenerate',
    'drop-article',
    share > DEGENERATE_TOP_SHARE
      ? `"${top.slice(0, 40)}" is ${Math.round(share * 100)}% of the body's ${words} words: a repeat, not an article`
      : `${counts.size} distinct words in ${words}: a loop, not an article`,
    { evidence: { words, distinct: counts.size, top: top.slice(0, 40), share: Math.round(share * 1000) / 1000 } },
  );
}
