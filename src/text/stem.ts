/**
 * A light Arabic stemmer after Light10 (Larkey, Ballesteros & Connell 2007):
 * strip one conjunction و, one definite-article prefix, then common suffixes.
 * It works on normalized words (ة already folded to ه, أ/إ/آ to ا).
 *
 *   والحكومه → حكوم   بالعاصمه → عاصم   للتعاون → تعاون   المفاوضات → مفاوض
 */
import { normalize } from './normalize.js';

/** Definite-article prefixes, longest first:  وال بال كال فال لل ال */
export const PREFIXES = ['وال', 'بال', 'كال', 'فال', 'لل', 'ال'];
/** Suffixes, longest first (Light10's list with ة folded to ه): ها ان ات ون ين يه ه ي */
export const SUFFIXES = ['ها', 'ان', 'ات', 'ون', 'ين', 'يه', 'ه', 'ي'];

/** A stem never goes below this many letters (Light10 keeps ≥ 2 after prefixes). */
const MIN_STEM = 2;

/** Stem an already-normalized word. Latin words and numbers come back unchanged. */
export function stemNormalized(word: string): string {
  let w = word;
  if (!/^[\u0621-\u064a]/.test(w)) return w;
  // 1. conjunction و when the word is long enough to carry it (وبين → بين, but ورد stays)
  if (w.length > 3 && w.startsWith('و')) w = w.slice(1);
  // 2. one definite-article prefix (الناتو → ناتو, بالعاصمه → عاصمه)
  for (const p of PREFIXES) {
    if (w.startsWith(p) && w.length - p.length >= MIN_STEM) {
      w = w.slice(p.length);
      break;
    }
  }
  // 3. suffixes, each at most once, longest first (المفاوضات → مفاوض)
  if (w.length > 3) {
    for (const s of SUFFIXES) {
      if (w.endsWith(s) && w.length - s.length >= MIN_STEM) w = w.slice(0, -s.length);
      if (w.length <= 3) break;
    }
  }
  return w;
}

/** Normalize then stem: stem('والحكومة') === 'حكوم'. */
export function stem(word: string): string {
  return stemNormalized(normalize(word));
}
