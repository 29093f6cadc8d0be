/**
 * Tokens for entity and term matching: each word as written (for display), its
 * normalized form (for matching), and whether punctuation separates it from the
 * word before (a name never runs across "،" or a quote).
 */
import { memoWord } from '../core/memo.js';
import { normalize } from '../text/normalize.js';
import { tokenize, type TokenKind } from '../text/tokenize.js';

export interface Tok {
  raw: string;
  norm: string;
  start: number;
  end: number;
  kind: TokenKind;
  /** Something other than spaces sits between this token and the previous one. */
  brk: boolean;
}

const ONLY_SPACES = /^[ \t]*$/;
/** normalize() of one token (remembered: see core/memo.ts). */
const normalizeWord = memoWord((w) => normalize(w));

export function toks(text: string): Tok[] {
  const out: Tok[] = [];
  let prevEnd = 0;
  for (const t of tokenize(text)) {
    const gap = text.slice(prevEnd, t.start);
    out.push({
      raw: t.text,
      norm: normalizeWord(t.text),
      start: t.start,
      end: t.end,
      kind: t.kind,
      brk: out.length === 0 || !ONLY_SPACES.test(gap),
    });
    prevEnd = t.end;
  }
  return out;
}

/**
 * Clitic prefixes a name can carry, longest first (normalized):
 * وال بال فال كال ولل لل ال وب ول فب فل و ب ل ف ك
 *   "لحلف" → حلف, "بالعاصمه" → عاصمه, "وبروكسل" → بروكسل, "للامم" → امم
 */
const CLITICS = ['وال', 'بال', 'فال', 'كال', 'ولل', 'لل', 'ال', 'وب', 'ول', 'فب', 'فل', 'و', 'ب', 'ل', 'ف', 'ك'];
/** What must remain after a clitic: 3 letters ("بمصر" → مصر), so 2-letter words are never stripped to 1. */
const MIN_REST = 3;

/** The word itself, then each form with one clitic prefix removed (remembered; callers never change the list). */
export const cliticForms: (w: string) => readonly string[] = memoWord((w) => {
  const out = [w];
  for (const p of CLITICS) {
    if (w.length - p.length >= MIN_REST && w.startsWith(p)) out.push(w.slice(p.length));
  }
  return out;
});

/** The word without a leading ال (الناتو → ناتو); other words unchanged. */
export function dropAl(w: string): string {
  return w.length > 4 && w.startsWith('ال') ? w.slice(2) : w;
}

/**
 * A spelling skeleton for foreign and Arabic names: normalized, no ال, no long
 * vowels after the first letter, غ/ج/ك/ق (all used for "g") folded to ج.
 *   ستولتنبرغ = ستولتينبرغ = ستولتنبرج → ستلتنبرج;  أردوغان = اردوجان → اردجن
 */
export const skeleton: (word: string) => string = memoWord((word) => {
  const w = dropAl(normalize(word));
  let out = w[0] ?? '';
  for (let i = 1; i < w.length; i++) {
    const c = w[i];
    if (c === 'ا' || c === 'و' || c === 'ي') continue;
    out += c === 'غ' || c === 'ك' || c === 'ق' ? 'ج' : c;
  }
  return out;
});
