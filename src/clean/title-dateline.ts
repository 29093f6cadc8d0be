/**
 * Title and dateline: the headline line and the "where/who filed it" marker are
 * metadata, not body. Works on the lines the boilerplate rules kept, in order.
 *
 *   title:     "رئيس مجلس الوزراء مصطفى الكاظمي يلتقي الأمين العام لحلف شمال الأطلسي( الناتو) في بروكسل"
 *   dateline:  "بغداد 24 ـ بروكسل" (own line), or at the head of the first paragraph:
 *              "القاهرة - وكالات: أكد …", "بغداد (رويترز) - قال …", "(رويترز) - قال …"
 */
import { normalize, normalizeWithOffsets, type NormalizeOptions } from '../text/normalize.js';
import { alt } from './vocab/alt.js';
import { AGENCIES, DATELINE_CITIES } from './vocab/datelines.ar.js';

/** A headline has 3–25 words (the longest Arabic wire headlines run ~22). */
export const TITLE_MIN_WORDS = 3;
export const TITLE_MAX_WORDS = 25;
/** A dateline line is short: "القاهرة - وكالات" is 3 words, "بغداد 24 ـ بروكسل" 4. */
export const DATELINE_MAX_WORDS = 6;

/** Normalization that never deletes code points (tatweel ـ is a dateline dash here), so offsets line up with the original. */
const NO_DELETE: NormalizeOptions = {
  nfkc: false,
  alef: true,
  ya: true,
  taMarbuta: true,
  tatweel: false,
  harakat: false,
  persian: true,
  digits: true,
  punctuation: true,
  invisible: false,
  latinCase: true,
};

const n = (xs: string[]) => xs.map((x) => normalize(x));
const PLACE = alt(n(DATELINE_CITIES));
const AGENCY = alt(n(AGENCIES));
const DASH = '[-–—ـ:/|]';

/** Standalone dateline: "بغداد 24 ـ بروكسل", "القاهرة - وكالات", "واشنطن / أ ف ب", "(رويترز)". */
const DATELINE_LINE = new RegExp(
  `^[(«"]?[\\p{L}\\d ]{2,30}?[)»"]?\\s*${DASH}+\\s*[(«"]?[\\p{L}\\d .]{2,30}[)»"]?\\s*${DASH}?$|^\\(?(${AGENCY})\\)?\\s*${DASH}?$`,
  'u',
);
/** Inline dateline at the head of the first paragraph: "القاهرة - وكالات: ", "بغداد (رويترز) - ", "(أ ف ب) - ". */
const INLINE_DATELINE = new RegExp(
  `^((?:(?:${PLACE})(?:\\s*[/،,]\\s*(?:${PLACE}))?\\s*)?(?:\\(\\s*(?:${AGENCY})\\s*\\)|${DASH}\\s*(?:${AGENCY}))?)\\s*${DASH}\\s*`,
  'u',
);
/** A place with an agency or paper we do not know: "الخرطوم (سونا) - ", "الرباط - ماب: ",
 *  "البصرة - صدى الرافدين: ", "بورتسودان - الخرطوم بوست - ". The unknown name is one to three
 *  words not opening with a reporting verb, closed by a colon or a second dash, so
 *  "البصرة - قال المحافظ: …" is never cut after the verb. */
const INLINE_DATELINE_OPEN = new RegExp(
  `^((?:${PLACE})\\s*(?:\\([^()]{2,25}\\)\\s*${DASH}|[-–—ـ/]\\s*(?!(?:قال|اعلن|اكد|ذكر|افاد|كشف|اوضح|اشار)\\s)[\\p{L}]+(?:\\s[\\p{L}]+){0,2}\\s*(?::|\\s[-–—ـ]\\s)))\\s*`,
  'u',
);
const PLACE_OR_AGENCY = new RegExp(`(${PLACE}|${AGENCY})`, 'u');
const SENTENCE_END = /[.!?؟…،,:;]["'”»)]*$/;

const wordsOf = (s: string) => s.split(/\s+/).filter(Boolean).length;

export function looksLikeTitle(line: string): boolean {
  const w = wordsOf(line);
  return w >= TITLE_MIN_WORDS && w <= TITLE_MAX_WORDS && !SENTENCE_END.test(line.trim()) && !looksLikeMasthead(line);
}

/**
 * A site's name and tagline, not a headline: "صوت الخرطوم | أخبار السودان على مدار الساعة",
 * "بلد نيوز - أخبار الأردن", "أخبار التكنولوجيا والاتصالات". Scraped text keeps no
 * " | " inside headlines (that is the <title> separator), and a section name opens with أخبار.
 */
const MASTHEAD = /\s\|\s|على مدار الساعه|^(اخبار|موقع|بوابه)\s\S+(\s\S+)?$|\s[-–—]\s(اخبار|موقع|بوابه|صوت)\s/;
export function looksLikeMasthead(line: string): boolean {
  return MASTHEAD.test(normalize(line));
}

/** A body paragraph: a finished sentence of some length, or a long line. */
export const BODY_MIN_WORDS = 8;
export const BODY_LONG_WORDS = 20;
// A finished sentence ends in . ! ? … or : (optionally inside quotes). A bare closing quote
// does not count: headlines end in quotes ("…: \"أضرّ عمداً بالمال العام\"").
const BODY_END = /[.!?؟…:]["'”»)]*$/;

export function looksLikeBody(l: { text: string; words: number }): boolean {
  return l.words >= BODY_LONG_WORDS || (l.words >= BODY_MIN_WORDS && BODY_END.test(l.text.trim()));
}

export function looksLikeDateline(line: string): boolean {
  const norm = normalize(line, NO_DELETE).trim();
  if (wordsOf(norm) > DATELINE_MAX_WORDS || /[.!?]$/.test(norm)) return false;
  if (!DATELINE_LINE.test(norm)) return false;
  // One side must name a place or an agency ("بغداد 24 ـ بروكسل").
  return PLACE_OR_AGENCY.test(norm);
}

/**
 * Splits an inline dateline off a paragraph. Returns null unless the prefix names a
 * place or an agency and a real sentence follows. The match runs on normalized
 * text ("عمّان" → "عمان") and is mapped back to the text as written.
 */
export function splitInlineDateline(paragraph: string): { dateline: string; rest: string } | null {
  const { text: norm, offsets } = normalizeWithOffsets(paragraph, { ...NO_DELETE, harakat: true });
  const m = INLINE_DATELINE_OPEN.exec(norm) ?? INLINE_DATELINE.exec(norm);
  if (!m || m[1].trim() === '' || m[0].length > 45) return null;
  const cut = offsets[m[0].length];
  const dateline = paragraph
    .slice(0, cut)
    .replace(new RegExp(`\\s*${DASH}\\s*$`, 'u'), '')
    .trim();
  const rest = paragraph.slice(cut).trim();
  if (wordsOf(rest) < 4) return null;
  return { dateline, rest };
}
