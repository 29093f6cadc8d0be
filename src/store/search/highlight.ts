/**
 * The hits of a query in a text, found in JS as FTS5's highlight() finds them, without asking FTS5 again
 * for every hit shown: highlight() re-ran the query on the hit's row and read its text back through the
 * normalizing view, ~190 µs a hit, a fifth of a query's cost on 100 000 articles.
 *
 * It follows FTS5 exactly where that matters: tokens as the index's tokenizer cuts them (migration 004:
 * unicode61 with categories 'L* N* Co Mn Mc', case folded, diacritics kept), each instance of a phrase of
 * the query (a prefix phrase's last token by prefix) marked, overlapping instances marked as one, and
 * excluded terms (NOT) never marked. test/store/search-highlight.test.ts checks it against highlight().
 */

/** A token as unicode61 with those categories cuts it: a run of letters, numbers, private-use code points and marks. */
const FTS_TOKEN = /[\p{L}\p{N}\p{Co}\p{Mn}\p{Mc}]+/gu;

/** One token as the index cuts it, lowercased as it folds case: the index's own term for it; else null. */
export function indexTerm(word: string): string | null {
  return /^[\p{L}\p{N}\p{Co}\p{Mn}\p{Mc}]+$/u.test(word) ? word.toLowerCase() : null;
}

export interface Phrase {
  tokens: string[];
  prefix: boolean;
}

/**
 * The phrases a `toFtsQuery` expression marks: every quoted phrase before ` NOT (` (toFtsQuery puts the
 * excluded terms last). "الطاقة الشمسية"* is the phrase الطاقة + a token starting with الشمسية.
 */
export function phrasesOf(match: string): Phrase[] {
  const notAt = match.indexOf(' NOT (');
  const positive = notAt < 0 ? match : match.slice(0, notAt);
  const out: Phrase[] = [];
  for (const m of positive.matchAll(/"((?:[^"]|"")*)"(\*?)/g)) {
    const tokens = (m[1].replaceAll('""', '"').match(FTS_TOKEN) ?? []).map((t) => t.toLowerCase());
    if (tokens.length) out.push({ tokens, prefix: m[2] === '*' });
  }
  return out;
}

/**
 * Ranges [start, end) of `text` (normalized, as indexed) that the phrases mark, in order. With `span`, the
 * ranges that start within `span` code units of the first one (a snippet's window): the rest of the text is
 * not read.
 */
export function hitRangesOf(text: string, phrases: Phrase[], span = Infinity): [number, number][] {
  const longest = Math.max(0, ...phrases.map((p) => p.tokens.length));
  const toks: { t: string; start: number; end: number }[] = [];
  const cut = new RegExp(FTS_TOKEN.source, 'gu');
  let more = true;
  /** Tokens up to index `i` cut (fewer at the text's end). */
  const cutTo = (i: number) => {
    while (more && toks.length <= i) {
      const m = cut.exec(text);
      if (m) toks.push({ t: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length });
      else more = false;
    }
  };
  const out: [number, number][] = [];
  let open = -1;
  let last = -1; // the token where the current mark ends
  let first = -1; // where the first mark starts
  for (let i = 0; cutTo(i + longest - 1), i < toks.length; i++) {
    if (first >= 0 && toks[i].start - first >= span) break;
    for (const p of phrases) {
      const n = p.tokens.length;
      if (i + n > toks.length) continue;
      let k = 0;
      while (k < n - 1 && toks[i + k].t === p.tokens[k]) k++;
      if (k < n - 1) continue;
      const end = toks[i + n - 1].t;
      if (p.prefix ? !end.startsWith(p.tokens[n - 1]) : end !== p.tokens[n - 1]) continue;
      // an instance from token i to i+n-1: it extends the open mark when it overlaps it
      if (open >= 0 && i <= last) last = Math.max(last, i + n - 1);
      else {
        if (open >= 0) out.push([toks[open].start, toks[last].end]);
        if (first < 0) first = toks[i].start;
        open = i;
        last = i + n - 1;
      }
    }
  }
  if (open >= 0) out.push([toks[open].start, toks[last].end]);
  return out;
}
