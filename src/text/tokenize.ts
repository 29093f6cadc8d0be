/**
 * Tokens for Arabic and Latin script words and numbers, with offsets into the
 * input. Arabic words keep their internal hamza forms (ء آ أ ؤ إ ئ) and marks:
 * unlike orama's tokenizer we never split رئيس at ئ or آليات at آ.
 */
export type TokenKind = 'arabic' | 'latin' | 'number';

export interface Token {
  text: string;
  start: number;
  end: number;
  kind: TokenKind;
}

// Arabic letters (incl. hamza carriers, Persian letters, presentation forms), plus
// harakat, tatweel and Quranic marks inside the word.
const AR_LETTER =
  '\\u0621-\\u063A\\u0641-\\u064A\\u066E\\u066F\\u0671-\\u06D3\\u06D5\\u06EE\\u06EF\\u06FA-\\u06FC\\u06FF\\uFB50-\\uFDFB\\uFE70-\\uFEFC';
const AR_MARK = '\\u0610-\\u061A\\u0640\\u064B-\\u065F\\u0670\\u06D6-\\u06ED';
const DIGIT = '0-9\\u0660-\\u0669\\u06F0-\\u06F9';
const LATIN = 'A-Za-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u024F';

const TOKEN_RE = new RegExp(
  `([${AR_LETTER}][${AR_LETTER}${AR_MARK}]*)|([${DIGIT}]+(?:[.,\\u066B\\u066C][${DIGIT}]+)*)|([${LATIN}][${LATIN}0-9]*(?:['’][${LATIN}]+)?)`,
  'g',
);

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m; m = TOKEN_RE.exec(text)) {
    const kind: TokenKind = m[1] ? 'arabic' : m[2] ? 'number' : 'latin';
    out.push({ text: m[0], start: m.index, end: m.index + m[0].length, kind });
  }
  return out;
}

/** Just the token strings (the hot path for dedup and clustering). */
export function words(text: string): string[] {
  return text.match(TOKEN_RE) ?? [];
}

/** Share of Arabic letters among all letters in `text` (0..1), and the letter count.
 *  A code-unit loop, not a regex: it runs over every document. */
export function arabicShare(text: string): { share: number; letters: number } {
  let ar = 0;
  let la = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x41) continue;
    if (
      (c >= 0x0621 && c <= 0x063a) ||
      (c >= 0x0641 && c <= 0x064a) ||
      (c >= 0x0671 && c <= 0x06d3) ||
      (c >= 0xfb50 && c <= 0xfefc)
    )
      ar++;
    else if (
      (c >= 0x41 && c <= 0x5a) ||
      (c >= 0x61 && c <= 0x7a) ||
      (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7)
    )
      la++;
  }
  const letters = ar + la;
  return { share: letters === 0 ? 0 : ar / letters, letters };
}
