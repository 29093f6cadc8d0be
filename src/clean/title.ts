/**
 * What can be a headline: its shape (3–25 words, no final full stop or comma; "?" and "!" are
 * headline ends: "هل يؤجَل ديربي الأهلي والزمالك بالدوري المصري؟"), never a byline, date, caption or
 * credit ("بقلم / د. أحمد", "58 ثانية ago", "مدار الساعة ـ نشر في 2023/01/16", "جانب من الجولة");
 * the URL's slug, where many Arabic sites put the headline ("/أيها-العرب-لا-تتركوا"); and what
 * follows a headline but is not part of it (" - عاجل", a site's name, a breadcrumb before it).
 * Which candidate is the headline is the learned choice of title-model.ts.
 */
import { findDate } from '../text/dates.js';
import { normalize } from '../text/normalize.js';
import { isStopword } from '../text/stopwords.js';
import type { Line } from './line-rules.js';
import {
  looksLikeDateline,
  MASTHEAD_RE,
  opensWithDatedCredit,
  opensWithWireCredit,
  TITLE_MAX_WORDS,
  TITLE_MIN_WORDS,
} from './title-dateline.js';
import { alt } from './vocab/alt.js';
import { CAPTION_OPENERS } from './vocab/boilerplate.ar.js';
import { OUTLET_WORDS } from './vocab/datelines.ar.js';

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
/** The masthead's credits: "رئيس مجلسي الإدارة والتحرير أحمد عامر", "رئيس التحرير: …", "المدير العام …". */
const MASTHEAD_CREDIT =
  /^(رئيس (مجلس|مجلسي) الاداره|رئيس التحرير|مدير التحرير|المدير العام|رئيسه التحرير)(\s|$|[:/\-–])/;
const TIME = /\d{1,2}:\d{2}|\b(ago|gmt|eet|am|pm)\b/i;

/** Content words of an already normalized text (a Line's `norm`). */
export const normTokens = (norm: string) =>
  norm
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((t) => t !== '' && !isStopword(t));
export const keyTokens = (s: string) => normTokens(normalize(s));

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
/** "عاجل" glued to its dash: "… إلى إقليم- عاجل", or before a bar: "عاجل| تسجيل 62 إصابة …". */
const URGENT_SUFFIX = /\s*[-–—|]\s*عاجل\s*$/u;
const URGENT_PREFIX = /^\s*عاجل\s*[|:\-–—]\s*/u;
// a media tag ("… لمعرض الكتاب 2018 | صور") stays: eval-dev's titles keep it
/** A breadcrumb printed on the headline's line: "الرئيسية / دولي / الحوثيون يفرضون …" (the headline is
 *  the last part), "الرئيسية أخبار كارثة البطالة في مصر" (the home link and a section word). */
const CRUMB_SEPARATOR = /\s*[/»>›]\s*/u;
const HOME_SECTION = /^(الرئيسي[ةه])\s+((أ|ا)خبار\s+)?/u;
/** Arrows only (a slash also sits inside headlines: "24/7"), and each crumb is a name of at most four words. */
const CRUMB_ARROW = /\s*[»>›]\s*/u;
const CRUMB_MAX_WORDS = 4;

/** The headline without a breadcrumb before it or a site's name or an "عاجل" tag after a dash; at least
 *  TITLE_MIN_WORDS stay. */
export function stripTitleSuffix(title: string): string {
  const enough = (s: string) => s.split(/\s+/).length >= TITLE_MIN_WORDS;
  let t = title;
  if (HOME_SECTION.test(t)) {
    const parts = t.split(CRUMB_SEPARATOR);
    const head = parts.length > 1 ? parts[parts.length - 1] : t.replace(HOME_SECTION, '');
    if (enough(head)) t = head.trim();
  }
  // "جريدة المدى > اخبار وتقارير > مكتب السوداني يعلن …": any breadcrumb of two or more short parts and arrows
  const crumbs = t.split(CRUMB_ARROW);
  if (crumbs.length >= 3 && crumbs.slice(0, -1).every((p) => p.trim().split(/\s+/).length <= CRUMB_MAX_WORDS)) {
    const head = crumbs[crumbs.length - 1].trim();
    if (enough(head)) t = head;
  }
  const cut = t.replace(URGENT_PREFIX, '').trim();
  if (cut !== t && enough(cut)) t = cut;
  const urgent = URGENT_SUFFIX.exec(t);
  if (urgent && enough(t.slice(0, urgent.index))) t = t.slice(0, urgent.index).trim();
  const m = SUFFIX.exec(t);
  if (!m || !SITE_WORD.test(normalize(m[1]).trim())) return t;
  const head = t.slice(0, m.index).trim();
  return enough(head) ? head : t;
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
  // "+ الخط -": a font-size widget counts three words, but only one is a word
  if (l.text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length < TITLE_MIN_WORDS) return 'length';
  if (TITLE_END_BAD.test(l.text.trim())) return 'ends like a sentence or a teaser';
  if (!/[\u0621-\u064a]/.test(l.norm)) return 'no Arabic';
  if (BYLINE_OPEN.test(l.norm) || MASTHEAD_CREDIT.test(l.norm)) return 'byline';
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
  if (opensWithWireCredit(l.text) || opensWithDatedCredit(l.text)) return 'a credit with a date or agency';
  return null;
}
