/**
 * The headline of a page of raw text lines: a headline-shaped line near the top, scored on
 * evidence real pages give (eval-dev clean_real.jsonl, 49 pages from 48 sites):
 *   1. shape: 3–25 words, no final full stop or comma ("?" and "!" are headline ends:
 *      "هل يؤجَل ديربي الأهلي والزمالك بالدوري المصري؟"), not a byline, date, caption, credit
 *   2. the URL's slug: many Arabic sites put the headline there ("/أيها-العرب-لا-تتركوا")
 *   3. repeats: themes print the headline two or three times (breadcrumb, <h1>, image alt)
 *   4. position: the last headline-shaped line above the first paragraph, and length (a
 *      two-word caption "كورونا في السعودية" under the headline loses to the headline)
 * Bylines, timestamps and captions are never titles: "بقلم / د. أحمد", "58 ثانية ago",
 * "مدار الساعة ـ نشر في 2023/01/16", "جانب من الجولة".
 */
import { findDate } from '../text/dates.js';
import { normalize } from '../text/normalize.js';
import { isStopword } from '../text/stopwords.js';
import type { Line } from './line-rules.js';
import { looksLikeDateline, MASTHEAD_RE, TITLE_MAX_WORDS, TITLE_MIN_WORDS } from './title-dateline.js';
import { alt } from './vocab/alt.js';
import { CAPTION_OPENERS } from './vocab/boilerplate.ar.js';
import { OUTLET_WORDS } from './vocab/datelines.ar.js';

/** Without a first paragraph to stop at, a headline is looked for in this many lines. */
export const TITLE_SEARCH_LINES = 8;
/**
 * Evidence weights: a slug match alone beats a repeat alone; either beats position and length.
 * Chosen on eval-dev; `npm run eval:clean-cv` refits them by grid search on four fifths of
 * eval-dev's sites and scores the fifth it did not see (title accuracy 0.98 fitted, 0.94 on the
 * held-out folds; the folds pick slug 0, as eval-dev's titles are found without the slug too).
 */
export interface TitleWeights {
  slug: number;
  repeat: number;
  last: number;
  long: number;
}
export const TITLE_WEIGHTS: TitleWeights = { slug: 3, repeat: 2, last: 1, long: 1 };
/** With no paragraph to stand above, a headline needs this much evidence (a repeat or the slug). */
export const REPEAT_WEIGHT = TITLE_WEIGHTS.repeat;
/** A headline of 5+ words beats a 3–4-word label or caption ("الفجر الفني", "صورة الخبر"). */
export const LONG_HEADLINE_WORDS = 5;
/** Share of the slug's content words a line must carry to match it (slugs are often cut). */
export const SLUG_MIN_SHARE = 0.6;

const n = (xs: readonly string[]) => xs.map((x) => normalize(x));
const CAPTION_RE = new RegExp(`^(${alt(n(CAPTION_OPENERS))})(\\s|$)`);
/** A caption closed by its photo credit: "… لاحقاً العام الجاري (AFP)". */
const CREDIT_CLOSE = /\((afp|reuters|getty|ap|ا ف ب|رويترز|الاناضول|ارشيفيه|صوره ارشيفيه|وكالات)\)$/i;
/** …or by a dash or slash and the agency: "فايز السراج يحضر مؤتمرا صحفيا في تونس يوم 8 يناير 2016 - رويترز",
 *  "قائد قوات الدعم السريع محمد حمدان دقلو / Gettyimages.ru". */
const CREDIT_DASH = /\s[-–—/]\s*(afp|reuters|getty ?images(\.[a-z]+)?|ا ف ب|رويترز|الاناضول)$/i;
/** A field label and its number: "رمز الخبر: 211060", "رقم العدد: 5120". */
const LABEL_NUMBER = /^[^:：\d]{2,30}[:：]\s*[\d\s/.-]+$/;
const TITLE_END_BAD = /[.،,:؛;]["'”»)]*$|(\.\.|…)$/;
const BYLINE_OPEN = /^(بقلم|كتب|كتبت|بواسطه|تحرير|اعداد|متابعه)(\s|$|[:/\-–])/;
const TIME = /\d{1,2}:\d{2}|\b(ago|gmt|eet|am|pm)\b/i;

const keyTokens = (s: string) =>
  normalize(s)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((t) => t !== '' && !isStopword(t));

/**
 * One path segment, percent-decoded even when part of it is broken: a stored URL cut inside a
 * letter ("…-%D8%A7%D9") or carrying a stray "%" ("50%-خصم") made decodeURIComponent throw
 * on the whole path, and the slug was lost. Each run of %XX escapes is decoded on its own; a run
 * that is not valid UTF-8 keeps its whole letters and drops the broken bytes.
 */
export function decodeSegment(seg: string): string {
  if (!seg.includes('%')) return seg;
  try {
    return decodeURIComponent(seg);
  } catch {
    return seg.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
      // drop broken bytes from the end, up to one UTF-8 letter's worth (3 bytes), then give up
      for (let cut = run.length; cut > 0 && run.length - cut <= MAX_BROKEN_BYTES * 3; cut -= 3) {
        try {
          return decodeURIComponent(run.slice(0, cut));
        } catch {
          // a broken byte at the end: try without it
        }
      }
      return ' ';
    });
  }
}
/** A cut UTF-8 letter leaves at most 3 of its 4 bytes. */
const MAX_BROKEN_BYTES = 3;

/** Content words of the URL's headline slug ("/article/3206508-السعودية-تُسجل-498-إصابة"), or []. */
export function slugWords(url: string | null | undefined): string[] {
  if (!url) return [];
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return [];
  }
  // the segment with the most Arabic letters is the headline's
  let best = '';
  let most = 0;
  for (const raw of path.split('/')) {
    const seg = decodeSegment(raw);
    const ar = (seg.match(/[\u0621-\u064a]/g) ?? []).length;
    if (ar > most) [best, most] = [seg, ar];
  }
  // "3206508-السعودية-تسجل-498-إصابة": the leading number is the article's id, not a headline word
  return most < 6 ? [] : keyTokens(best.replace(/^\d+[-_]/, '').replace(/[-_+.]/g, ' '));
}

/** What a headline may carry after a dash: " - عاجل", or the site's name (" - الشرق الأوسط نيوز",
 *  " - صحيفة الخليج", " - almasryalyoum.com"): not part of the headline. */
const SUFFIX = /\s+[-–—]\s+([^-–—|]{2,40})$/u;
const SITE_WORD = new RegExp(
  `(^|\\s)(عاجل|صحيفه|جريده|موقع|بوابه|قناه|شبكه|${alt(n(OUTLET_WORDS))})($|\\s)|^[a-z0-9-]+\\.[a-z]{2,}$`,
  'iu',
);
/** The headline without a site's name or an "عاجل" tag after a dash; at least TITLE_MIN_WORDS stay. */
export function stripTitleSuffix(title: string): string {
  const m = SUFFIX.exec(title);
  if (!m || !SITE_WORD.test(normalize(m[1]).trim())) return title;
  const head = title.slice(0, m.index).trim();
  return head.split(/\s+/).length >= TITLE_MIN_WORDS ? head : title;
}

/** A caption closed by a dash or slash and the photo agency, wherever it stands ("… دقلو / Gettyimages.ru"). */
export function closedByPhotoCredit(l: Line): boolean {
  // the credit is the line's last ~20 characters: the regex need not scan a long line
  const tail = l.norm.slice(-CREDIT_TAIL_CHARS);
  if (!tail.includes('-') && !tail.includes('/') && !tail.includes('–') && !tail.includes('—')) return false;
  return CREDIT_DASH.test(tail);
}
/** " / gettyimages.com" is the longest credit tail: 18 characters. */
const CREDIT_TAIL_CHARS = 24;

/** A photo caption by its opener or its closing credit: "صورة أرشيفية …", "… (AFP)", "… - رويترز". */
export function isCaption(l: Line): boolean {
  return CAPTION_RE.test(l.norm) || CREDIT_CLOSE.test(l.norm) || CREDIT_DASH.test(l.norm);
}

/** Why a line can never be a title, or null when it has a headline's shape. */
export function notATitle(l: Line): string | null {
  // cheap tests first: this runs on every line above the first paragraph
  if (l.words < TITLE_MIN_WORDS || l.words > TITLE_MAX_WORDS) return 'length';
  if (TITLE_END_BAD.test(l.text.trim())) return 'ends like a sentence or a teaser';
  if (!/[\u0621-\u064a]/.test(l.norm)) return 'no Arabic';
  if (BYLINE_OPEN.test(l.norm)) return 'byline';
  if (TIME.test(l.norm)) return 'time';
  if (isCaption(l)) return 'caption';
  if (LABEL_NUMBER.test(l.norm)) return 'label and number';
  // "* وزارتا التجارة والثقافة تعززان …", "• خطة أمريكية للتسوية": a list item, another story's link
  if (/^[*•▪■●]\s/.test(l.text)) return 'bullet';
  if (MASTHEAD_RE.test(l.norm)) return 'masthead';
  // "الجمعة, 05 فبراير, 2021" is a date line; "حظك اليوم برج العقرب الجمعة 8 نوفمبر 2024" a headline with a date
  const d = /\d/.test(l.norm) ? findDate(l.norm) : null;
  if (d && l.words - d.length / 4 < TITLE_MIN_WORDS) return 'date';
  if (looksLikeDateline(l.text)) return 'dateline';
  return null;
}

export interface TitlePick {
  /** Index into the lines given. */
  index: number;
  score: number;
  evidence: Record<string, string | number>;
}

/**
 * Picks the headline among `lines[0 .. end)` (the lines above the first paragraph).
 * `count(key)` tells how often a line key occurs on the page (kept or dropped lines alike).
 */
export function pickTitle(
  lines: Line[],
  end: number,
  count: (key: string) => number,
  url: string | null | undefined,
  w: TitleWeights = TITLE_WEIGHTS,
): TitlePick | null {
  const slug = slugWords(url);
  const last = end >= 0 ? end : Math.min(lines.length, TITLE_SEARCH_LINES);
  let best: TitlePick | null = null;
  const shaped: number[] = [];
  for (let i = 0; i < last; i++) if (!notATitle(lines[i])) shaped.push(i);
  const lastShaped = shaped.at(-1) ?? -1;
  for (const i of shaped) {
    const l = lines[i];
    const evidence: Record<string, string | number> = { words: l.words };
    let score = l.words >= LONG_HEADLINE_WORDS ? w.long : 0;
    const repeats = count(l.norm);
    // a caption printed twice ("كورونا في السعودية") repeats too: three words prove nothing
    if (repeats >= 2 && l.words > TITLE_MIN_WORDS) {
      score += w.repeat;
      evidence.repeats = repeats;
    }
    if (slug.length) {
      const mine = new Set(keyTokens(l.text));
      const shared = slug.filter((t) => mine.has(t)).length;
      if (shared >= 2 && shared / slug.length >= SLUG_MIN_SHARE) {
        score += w.slug;
        evidence.slug = `${shared}/${slug.length}`;
      }
    }
    if (i === lastShaped && end > 0) {
      score += w.last;
      evidence.position = 'last headline above the first paragraph';
    }
    if (!best || score > best.score) best = { index: i, score, evidence };
  }
  return best;
}
