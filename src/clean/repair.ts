/**
 * Paragraph repairs: the body keeps every sentence, but scrapers break them.
 *   stray period:   a line that starts ". من جانبه رحب…" (seed 000) — the period
 *                   closes the previous paragraph; it moves there.
 *   missing space:  "مع الحكومة.وبين الكاظمي" → "مع الحكومة. وبين الكاظمي" (seed 000).
 *   glued word:     "مع حلف الناتوفي دعم" → "مع حلف الناتو في دعم" (seed 000), only when
 *                   "الناتو" stands alone elsewhere in the same document.
 * Each repair returns what it changed, so the cleaner can record a Reason.
 */
import { normalize } from '../text/normalize.js';

/** ". من جانبه" / "، وأضاف" at the head of a line. */
const STRAY_HEAD = /^\s*([.،,؛;])\s+(?=\S)/;

export function strayPunctuation(line: string): { punct: string; rest: string } | null {
  const m = STRAY_HEAD.exec(line);
  return m ? { punct: m[1], rest: line.slice(m[0].length) } : null;
}

const AR = '\\u0621-\\u064A';
/** Arabic letter, sentence punctuation, Arabic letter — but not abbreviations such as
 *  "أ.ف.ب" or "د.ب.أ", where the letter before the dot stands alone. */
const MISSING_SPACE = new RegExp(`(?<=[${AR}]{2})([.!؟،؛:])(?=[${AR}])`, 'g');

const MISSING_SPACE_HINT = new RegExp(`[.!؟،؛:][${AR}]`);

export function fixMissingSpace(line: string): { text: string; count: number } {
  if (!MISSING_SPACE_HINT.test(line)) return { text: line, count: 0 };
  let count = 0;
  const text = line.replace(MISSING_SPACE, (p) => {
    count++;
    return p + ' ';
  });
  return { text, count };
}

/** Prepositions that scrapers glue to the word before: في من على عن الى. */
const GLUED_TAILS = ['في', 'من', 'على', 'عن', 'الى', 'إلى'];
/** The head must be at least 4 letters, so "الأمن" (ال + أ + من) or "الكافي" never split. */
export const GLUED_MIN_HEAD = 4;

const WORD = new RegExp(`[${AR}\\u0671-\\u06D3]+`, 'g');
/** Words of ≥ 6 letters ending in a glued tail: the only ones worth a look. */
const GLUED_CANDIDATE = new RegExp(`[${AR}\\u0671-\\u06D3]{4,}(?:${GLUED_TAILS.join('|')})(?![${AR}])`, 'g');
const isArLetter = (c: number) => c >= 0x0621 && c <= 0x064a;

/** Does any word of ≥ 6 letters end in في/من/على/عن/الى? A code-unit scan: regexes
 *  with lookbehind cost more than the whole rest of the cleaner on long texts. */
function hasGluedCandidate(p: string): boolean {
  let run = 0;
  for (let i = 0; i <= p.length; i++) {
    const c = i < p.length ? p.charCodeAt(i) : 32;
    if (isArLetter(c)) {
      run++;
      continue;
    }
    if (run >= GLUED_MIN_HEAD + 2) {
      const word = p.slice(i - run, i);
      if (GLUED_TAILS.some((t) => word.endsWith(t))) return true;
    }
    run = 0;
  }
  return false;
}

/**
 * Splits words like "الناتوفي" into "الناتو في" when the head ("الناتو") appears as a
 * word of its own elsewhere in the document and the glued form appears nowhere else.
 */
export function splitGluedWords(paragraphs: string[]): { paragraphs: string[]; splits: string[] } {
  const splits: string[] = [];
  if (!paragraphs.some(hasGluedCandidate)) return { paragraphs, splits };
  // Count normalized words once per paragraph (one normalize() call each, not one per word).
  const counts = new Map<string, number>();
  for (const p of paragraphs) for (const k of normalize(p).match(WORD) ?? []) counts.set(k, (counts.get(k) ?? 0) + 1);
  const out = paragraphs.map((p) => {
    if (!hasGluedCandidate(p)) return p;
    return p.replace(GLUED_CANDIDATE, (w) => {
      const k = normalize(w);
      if ((counts.get(k) ?? 0) > 1) return w;
      for (const tail of GLUED_TAILS) {
        if (!w.endsWith(tail) || w.length - tail.length < GLUED_MIN_HEAD) continue;
        const head = w.slice(0, -tail.length);
        if ((counts.get(normalize(head)) ?? 0) >= 1) {
          splits.push(`${w} → ${head} ${tail}`);
          return `${head} ${tail}`;
        }
      }
      return w;
    });
  });
  return { paragraphs: out, splits };
}
