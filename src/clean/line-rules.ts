/**
 * Per-line boilerplate rules. Each rule has a stable id and looks at one line
 * (already normalized for matching; the line shown to people is never changed
 * here). Rules that target page chrome only fire on short lines: a body
 * paragraph that happens to mention "فيسبوك" or "التعليقات" is never dropped.
 */
import { normalize } from '../text/normalize.js';
import { stemNormalized } from '../text/stem.js';
import {
  AD_LABELS,
  BACK_TO_TOP,
  BYLINE_PREFIXES,
  COMMENT_HEADINGS,
  CONTACT_PATTERN,
  IMAGE_REPORT_NOTICE,
  COMMENT_PATTERNS,
  CREDIT_PATTERNS,
  DISCLAIMER_PATTERNS,
  SOCIAL_NETWORKS,
  FOLLOW_PATTERNS,
  ABOUT_SITE,
  FOOTER_PATTERNS,
  MENU_WORDS,
  META_PATTERNS,
  NOTICE_PATTERNS,
  PROMO_PATTERNS,
  READ_MORE,
  RELATED_HEADINGS,
  SHARE_WORDS,
  TAG_PREFIXES,
} from './vocab/boilerplate.ar.js';
import { BODY_LONG_WORDS, looksLikeDateline } from './title-dateline.js';
import { closedByPhotoCredit } from './title.js';
import { alt } from './vocab/alt.js';

export interface Line {
  /** As written (trimmed). */
  text: string;
  /** 1-based line number in the decoded input. */
  line: number;
  /** normalize(text) with whitespace collapsed. */
  norm: string;
  words: number;
}

export interface LineRule {
  rule: string;
  /** The rule never fires on a longer line: the cleaner skips it there without calling test(). */
  maxWords: number;
  /** A message when the rule drops the line, else null. */
  test(l: Line): string | null;
}

/** Chrome lines are short: Jannah's longest share bar or comment notice is ~12 words. */
export const MAX_CHROME_WORDS = 14;
/** Cookie and consent notices run longer than other chrome (~25 words), never beyond 30. */
export const NOTICE_MAX_WORDS = 30;
/** A menu run may be long when glued ("رئيسيسياسةعربي ودولي…"), but after removing
 *  the section names at most this share of its letters may remain. */
export const MENU_RESIDUE_MAX = 0.25;
/** A lone section name ("الصفحة الرئيسية", "أخبار مصر") is a breadcrumb or section header. */
export const MENU_SINGLE_MAX_WORDS = 3;

const n = (xs: readonly string[]) => xs.map((x) => normalize(x));
const SENTENCE_END = /[.!?…]["'”»)]*$/;
const isLetter = (c: number) =>
  (c >= 0x0621 && c <= 0x064a) || (c >= 0x0671 && c <= 0x06d3) || ((c | 32) >= 97 && (c | 32) <= 122);

export function hasLetter(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (isLetter(s.charCodeAt(i))) return true;
  return false;
}

/** Letters (Arabic block letters, Latin), counted without allocating: this runs on every line. */
export function letterCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (isLetter(s.charCodeAt(i))) n++;
  return n;
}

/** The most letters in a token between sentence ends (?, ؟, !), without allocating. */
export function longestLetterRun(s: string): number {
  let best = 0;
  let run = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x061f || c === 63 || c === 33) run = 0;
    else if (isLetter(c)) run++;
    if (run > best) best = run;
  }
  return best;
}

const MENU_RE = new RegExp(`(${alt(n(MENU_WORDS))})`, 'gi');
const SHARE_RE = new RegExp(`(${alt(n(SHARE_WORDS))})`, 'gi');
const FOLLOW_RE = new RegExp(`^(${alt(n(FOLLOW_PATTERNS))})`, 'i');
const RELATED_RE = new RegExp(`^(${alt(n(RELATED_HEADINGS))})\\s*[:：.»>-]*\\s*`, 'i');
const COMMENT_RE = new RegExp(`^(\\d+\\s*)?(${alt(n(COMMENT_PATTERNS))})`, 'i');
const COMMENT_HEADING_RE = new RegExp(
  `^(\\d+\\s*)?(${alt(n(COMMENT_HEADINGS))})(\\s*\\(?\\d+\\)?)?\\s*[:：.…*]*$`,
  'i',
);
const TOP_RE = new RegExp(`^[↑^⬆\\s]*(${alt(n(BACK_TO_TOP))})[\\s↑^⬆]*$`, 'i');
const TAG_RE = new RegExp(`^(${alt(n(TAG_PREFIXES))})\\s*[:：]`, 'i');
const AD_RE = new RegExp(`^[-–—\\s]*(${alt(n(AD_LABELS))})[-–—\\s]*$`, 'i');
const BYLINE_RE = new RegExp(`^(${alt(n(BYLINE_PREFIXES))})\\s*[:：\\-–—/]\\s*\\S`, 'i');
/** "بواسطة مراسل المدونة", "بقلم سارة الحسيني": these two openers need no colon. */
const BYLINE_BARE_RE = /^(بواسطه|بقلم)\s+\S/;
// (normalized text writes guillemets as straight quotes: "أكمل القراءة »" → 'اكمل القراءه "')
const READ_MORE_RE = new RegExp(`^[\\s.…»«">|-]*(${alt(n(READ_MORE))})[\\s.…»«"<|-]*$`, 'i');
/** A teaser cut off and closed by its link: "… يقع بين دولتين كبيرتين … اقرأ المزيد", "… The post …". */
const TEASER_TAIL_RE = new RegExp(`(…|\\.\\.\\.)\\s*((${alt(n(READ_MORE))})\\s*[.…]*|the post\\b.*)$`, 'i');
/**
 * A line this long with no comma is headlines run together, not prose: on our development pages and eval-dev the
 * longest body paragraph without a comma has 100 words, while 14 tickers of 120–180 words have none.
 */
export const TICKER_MIN_WORDS = 120;
/** …made of different words: the 17 real tickers on our pages have 81–97 % distinct words; a word repeated is `clean/degenerate`'s. */
const TICKER_MIN_DISTINCT = 0.3;
/** A form field's label: "عنوان التعليق *", "إلزامي *", "Security Code*". */
const FORM_LABEL_RE = /^[^.!?]{1,30}\*$/;
/** A chrome label in Latin letters on an Arabic page: "Read More", "search", "Orange background". */
export const LATIN_LABEL_MAX_WORDS = 4;
/** An Arabic letter (hamza to ya). */
export const ARABIC_LETTER = /[\u0621-\u064a]/;
/** The rules of a comment form, however long: "شروط النشر: عدم الإساءة للكاتب …" (moroccosports.net). */
const COMMENT_RULES_RE = /^(شروط (النشر|التعليق)|قواعد التعليق)\s*:/;
const PROMO_RE = new RegExp(PROMO_PATTERNS.map((re) => re.source).join('|'));
/** The font-size buttons "A A", "A+ A-" (algomhor.com). */
const FONT_WIDGET = /^(a[+-]?\s*){2,3}$/i;
const HASHTAGS = /^(#[\p{L}\p{N}_]+[\s,،]*){2,}$/u;
/** A line of hashtags with a few words between them: at least three tags, and tags for at least 60 % of its
 *  words (prose that names a hashtag or two stays). */
const HASHTAG_LINE_MAX_WORDS = 40;
const HASHTAG_LINE_MIN_TAGS = 3;
const HASHTAG_LINE_MIN_SHARE = 0.6;
function hashtagLine(text: string): boolean {
  if (!text.includes('#')) return false;
  const words = text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
  const tags = words.filter((w) => w.startsWith('#')).length;
  return tags >= HASHTAG_LINE_MIN_TAGS && tags / words.length >= HASHTAG_LINE_MIN_SHARE;
}

const short = (l: Line) => l.words <= MAX_CHROME_WORDS;
/** "تابعونا", "اشترك الآن": a call alone. Longer, it must name the channel ("تابعونا على تلغرام",
 *  "اشترك في النشرة البريدية"): "تابعوا المباراة من المدرجات" is a sentence. */
export const FOLLOW_BARE_MAX_WORDS = 3;
const FOLLOW_CHANNEL = new RegExp(
  `\\S{2,}نا(\\s|$)|${alt(n(SOCIAL_NETWORKS))}|النشره|نشره|الاشعارات|التنبيهات|app store|google play|القناه|الصفحه|rss|atom|^\\S+( في)?\\s*:`,
  'i',
);
const SOCIAL_RE = new RegExp(`(${alt(n(['على', 'عبر', 'في']))}) (${alt(n(SOCIAL_NETWORKS))})`, 'i');
/** Menu vocabulary by stem, so adjective forms match too: سياسي/سياسة → سياس, أمني/أمن → امن. */
const MENU_STEMS = new Set(
  n(MENU_WORDS)
    .flatMap((w) => w.split(' '))
    .map(stemNormalized),
);
/** Separators menus and breadcrumbs are printed with: "محليات • اقتصاد • برلمان", "الرئيسية / أخبار / صحة". */
const MENU_SEPARATOR = /\s*[|•·»«/>]\s*|\s+-\s+/;
/** Menu items are one to three words: "ذكاء اصطناعي", "شركات ناشئة". */
export const MENU_ITEM_MAX_WORDS = 3;
/** "تقرير: أحمد محمد عبد الله" is 5 words; "تقرير: ارتفاع أسعار الخبز في الأسواق المحلية" (7) is a headline. */
export const BYLINE_MAX_WORDS = 6;
/** Arabic words run to about 11 letters (الاستراتيجية is 12); a token of 13+ letters is words glued together. */
export const GLUED_TOKEN_LETTERS = 13;
// Cheap gates run before the pattern lists, so long body lines pay one scan each.
const NOTICE_GATE =
  /adblock|blocker|اعلان|الاضاف|محمي|الارتباط|كوكيز|cookie|تجربتك|اوافق|موافق|قبول|رفض|accept|agree|سكربت|javascript|browser/i;
const FOOTER_GATE =
  /©|\(c\)|copyright|حقوق|powered|تصميم|برمجه|بواسطه|ووردبريس|wordpress|الخصوصيه|الاستخدام|اتصل|نحن|اعلن|خريطه/i;

/** A ticker prints other stories' headlines on one line, three or more spaces apart. */
const TICKER_GAP = /\s{3,}/;
/** Four headlines in a row make a ticker: two or three gaps can be a scraped table or a pull quote. */
export const TICKER_MIN_ITEMS = 4;
/** A ticker item is a headline (4+ words), not a cell of a standings table ("الهلال   30"). */
export const TICKER_ITEM_MIN_WORDS = 4;
/** …and not a paragraph: the longest headline run into a ticker on the real pages was 16 words. */
export const TICKER_ITEM_MAX_WORDS = 25;

/** The headlines of a ticker line, or null: "«طرد مشبوه» يثير الفزع …    شقيقة صالح كامل.. …    هل يعاقب …". */
export function tickerItems(text: string): number | null {
  if (!text.includes('   ')) return null;
  const items = text.split(TICKER_GAP).filter((x) => x !== '');
  if (items.length < TICKER_MIN_ITEMS) return null;
  const words = items.map((x) => x.split(/\s+/).length);
  // the last item may be cut mid-headline
  const full = words.slice(0, -1);
  if (full.some((w) => w > TICKER_ITEM_MAX_WORDS)) return null;
  return full.filter((w) => w >= TICKER_ITEM_MIN_WORDS).length >= TICKER_MIN_ITEMS - 1 ? items.length : null;
}

export const LINE_RULES: LineRule[] = [
  {
    // "رئيسيسياسةعربي ودولي": section names glued together (seed 000); "الرئيسية سياسي أمني اقتصادي";
    // "موبايلات | إنترنت | ذكاء اصطناعي | شركات ناشئة".
    rule: 'clean/navigation',
    maxWords: 20,
    test(l) {
      if (SENTENCE_END.test(l.norm) || l.words > 20) return null;
      const total = letterCount(l.norm);
      if (total === 0) return null;
      // 1. known section names, glued or spaced
      const residue = letterCount(l.norm.replace(MENU_RE, ' ').replace(/[|•»«>/\\-]/g, ' '));
      const hits = l.norm.match(MENU_RE)?.length ?? 0;
      const enough = hits >= 2 || (hits === 1 && l.words <= MENU_SINGLE_MAX_WORDS);
      if (enough && residue / total <= MENU_RESIDUE_MAX) return `menu run of ${hits} section names`;
      // 2. section names by stem (adjective forms)
      const tokens = l.norm.split(' ');
      if (tokens.length >= 3 && tokens.every((t) => MENU_STEMS.has(stemNormalized(t)))) return 'menu of section names';
      // 3. three or more short items between separators
      const items = l.norm.split(MENU_SEPARATOR).filter((x) => x.trim() !== '');
      // (a credit is short parts between dashes too: "محمد اسماعيل - القاهرة - (د ب ا)" names a place and an agency)
      if (
        items.length >= 3 &&
        items.every((x) => x.trim().split(' ').length <= MENU_ITEM_MAX_WORDS) &&
        !looksLikeDateline(l.text)
      )
        return `menu of ${items.length} separated items`;
      // 4. words glued into over-long tokens, as scraped menus lose their separators
      // ("بورتسودان؟وزارة" is a question and the next sentence with a space lost, not a glued menu;
      // "مدار الساعة,أخبار اقتصادية" is a keyword list and stays glued)
      const glued = tokens.filter((t) => longestLetterRun(t) >= GLUED_TOKEN_LETTERS).length;
      // "النهارالاخباريه رام الله" is an outlet's name run together before a place: a dateline
      return glued >= 1 && hits >= 1 && !looksLikeDateline(l.text) ? `${glued} glued menu token(s)` : null;
    },
  },
  {
    // "رئيس الوزراء يتابع جهود توطين صناعة الحرير في مصر    الأهلي يعلن أسماء الجهاز المعاون …    …":
    // a news ticker of other stories' headlines on one line (masress, maghress, sauress, djazairess).
    rule: 'clean/ticker',
    maxWords: Infinity,
    test(l) {
      const items = tickerItems(l.text);
      if (items !== null) return `ticker of ${items} headlines`;
      // …or run together with single spaces ("نفقة مليونية وقصر فاخر.. تفاصيل طلاق … ضخ تريليونات اليوروهات …"):
      // headlines carry no commas, prose of this length always does
      // (a word repeated over and over is a degenerate document, not a ticker: headlines have many distinct words)
      if (l.words < TICKER_MIN_WORDS || /[،,]/.test(l.text)) return null;
      return new Set(l.norm.split(' ')).size >= TICKER_MIN_DISTINCT * l.words
        ? `${l.words} words of headlines, no comma`
        : null;
    },
  },
  {
    // "شارك على: فيسبوك تويتر واتساب", "طباعة", "نسخ الرابط".
    rule: 'clean/share',
    maxWords: MAX_CHROME_WORDS,
    test(l) {
      if (l.words <= 3 && FONT_WIDGET.test(l.norm)) return 'font-size widget';
      if (!short(l) || SENTENCE_END.test(l.norm)) return null;
      const total = letterCount(l.norm);
      const residue = letterCount(l.norm.replace(SHARE_RE, ' '));
      return total > 0 && residue / total <= MENU_RESIDUE_MAX ? 'share/print bar' : null;
    },
  },
  {
    // "تابعونا على تلغرام", "اشترك في النشرة البريدية".
    rule: 'clean/follow',
    maxWords: MAX_CHROME_WORDS,
    test: (l) =>
      short(l) &&
      ((FOLLOW_RE.test(l.norm) && (l.words <= FOLLOW_BARE_MAX_WORDS || FOLLOW_CHANNEL.test(l.norm))) ||
        (l.words <= 8 && SOCIAL_RE.test(l.norm)))
        ? 'follow/subscribe call'
        : null,
  },
  {
    // "اترك تعليقاً", "لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *" (seed 000).
    rule: 'clean/comment-form',
    maxWords: Infinity, // the rules of a comment form run long
    test: (l) =>
      (short(l) && (COMMENT_RE.test(l.norm) || COMMENT_HEADING_RE.test(l.norm))) || COMMENT_RULES_RE.test(l.norm)
        ? 'comment form'
        : null,
  },
  {
    // "زر الذهاب إلى الأعلى" (Jannah theme, seed 000).
    rule: 'clean/back-to-top',
    maxWords: MAX_CHROME_WORDS,
    test: (l) => (short(l) && TOP_RE.test(l.norm) ? 'back-to-top button' : null),
  },
  {
    // "أنت تستخدم إضافة Adblock", "يستخدم هذا الموقع ملفات تعريف الارتباط".
    rule: 'clean/notice',
    maxWords: NOTICE_MAX_WORDS,
    test: (l) =>
      l.words <= NOTICE_MAX_WORDS &&
      ((NOTICE_GATE.test(l.norm) && NOTICE_PATTERNS.some((re) => re.test(l.norm))) || IMAGE_REPORT_NOTICE.test(l.norm))
        ? 'adblock/cookie notice'
        : null,
  },
  {
    // "حقائق أون لاين مشروع اعلامي تونسي مستقل يطمح لأن يكون …": the site describing itself, however long
    rule: 'clean/footer',
    maxWords: Infinity,
    test: (l) => (ABOUT_SITE.test(l.norm) ? 'the site describing itself' : null),
  },
  {
    // "© 2021 جميع الحقوق محفوظة لموقع بغداد 24", "تصميم وتطوير …".
    rule: 'clean/footer',
    maxWords: 25,
    test: (l) =>
      l.words <= 25 &&
      ((FOOTER_GATE.test(l.norm) && FOOTER_PATTERNS.some((re) => re.test(l.norm))) ||
        (l.words <= BYLINE_MAX_WORDS && CONTACT_PATTERN.test(l.norm)))
        ? 'copyright/footer line'
        : null,
  },
  {
    // "الوسوم: العراق الناتو بروكسل", "#العراق #الناتو", and a longer line made of hashtags with a few words
    // between them: "#وزارة_الثقافة #مديرية_المسارح تقدم مسرحية #مسخ_كافكا نص وإخراج : #فيصل_الراشد".
    rule: 'clean/tags',
    maxWords: HASHTAG_LINE_MAX_WORDS,
    test: (l) =>
      (short(l) && (TAG_RE.test(l.norm) || HASHTAGS.test(l.norm))) || hashtagLine(l.text) ? 'tag list' : null,
  },
  {
    // WordPress's feed footer: "The post بدء خطة لمعالجة أزمة النفايات appeared first on LebanonFiles."
    rule: 'clean/footer',
    maxWords: 40,
    test: (l) => (/^the post .+ appeared first on /i.test(l.text) ? "a feed's footer" : null),
  },
  {
    // "إعلان", "Advertisement": an empty ad slot's label.
    rule: 'clean/ad',
    maxWords: 4,
    test: (l) => (l.words <= 4 && AD_RE.test(l.norm) ? 'advertisement label' : null),
  },
  {
    // "كتب: محمد علي", "بقلم - سارة الحسيني".
    rule: 'clean/byline',
    maxWords: BYLINE_MAX_WORDS,
    test: (l) =>
      l.words <= BYLINE_MAX_WORDS &&
      !SENTENCE_END.test(l.norm) &&
      (BYLINE_RE.test(l.norm) || (l.words <= 5 && BYLINE_BARE_RE.test(l.norm)))
        ? 'byline'
        : null,
  },
  {
    // "آخر تحديث: 30 يونيو 2021", "منذ 3 ساعات", "عدد المشاهدات: 120".
    rule: 'clean/timestamp',
    maxWords: 2 * MAX_CHROME_WORDS,
    test(l) {
      if (short(l)) return META_PATTERNS.some((re) => re.test(l.norm)) ? 'timestamp/counter' : null;
      // "نشر في: السبت 9 سبتمبر 2017 - 9:00 م | آخر تحديث: السبت 9 سبتمبر 2017 - 9:00 م": two stamps side by side
      if (!l.norm.includes('|')) return null;
      const parts = l.norm.split('|').map((p) => p.trim());
      return parts.every((p) => META_PATTERNS.some((re) => re.test(p))) ? 'timestamps side by side' : null;
    },
  },
  {
    // "* المقالات المنشورة تعبر عن آراء كتابها ولا تعبر بالضرورة عن رأي الموقع".
    rule: 'clean/disclaimer',
    maxWords: 40,
    test: (l) => (l.words <= 40 && DISCLAIMER_PATTERNS.some((re) => re.test(l.norm)) ? 'editorial disclaimer' : null),
  },
  {
    // "(إعداد ليلى بسام للنشرة العربية - تحرير سها جادو)", "(صورة أرشيفية)", "المصدر: وكالة الأنباء".
    rule: 'clean/credit',
    maxWords: 16,
    test: (l) => (l.words <= 16 && CREDIT_PATTERNS.some((re) => re.test(l.norm)) ? 'credit/caption/source line' : null),
  },
  {
    // "قائد قوات الدعم السريع السودانية محمد حمدان دقلو / Gettyimages.ru": a caption closed by its photo
    // credit, between paragraphs (arabic.rt.com); a paragraph is longer or ends its sentence first
    rule: 'clean/caption',
    maxWords: BODY_LONG_WORDS - 1,
    test: (l) =>
      l.words < BODY_LONG_WORDS && !SENTENCE_END.test(l.norm) && closedByPhotoCredit(l)
        ? 'caption with its credit'
        : null,
  },
  {
    // "المزيد ...", "Read More": the link under a teaser of another article.
    rule: 'clean/read-more',
    maxWords: 4,
    test: (l) => (READ_MORE_RE.test(l.norm) ? 'read-more link' : null),
  },
  {
    // "الجزء الثاني ذكرنا في … كبيرتين … اقرأ المزيد": an excerpt of another article, cut and linked.
    rule: 'clean/teaser',
    maxWords: Infinity,
    test: (l) =>
      (l.norm.includes('…') || l.norm.includes('...')) && TEASER_TAIL_RE.test(l.norm)
        ? 'teaser cut off and linked'
        : null,
  },
  {
    // "عنوان التعليق *", "إلزامي *": comment-form field labels (moroccosports.net).
    rule: 'clean/comment-form',
    maxWords: 4,
    test: (l) => (l.norm.endsWith('*') && FORM_LABEL_RE.test(l.norm) ? 'form field label' : null),
  },
  {
    // "جرب ميزات الذكاء الاصطناعي لدينا", "اشترك الآن في شاهد واستمتع بمشاهدة مباريات دوري روشن".
    rule: 'clean/promo',
    maxWords: MAX_CHROME_WORDS,
    test: (l) => (short(l) && PROMO_RE.test(l.norm) ? 'promotion' : null),
  },
  {
    // "Read More", "search", "[email protected]", "almaghribtoday": short Latin-only chrome on an Arabic page.
    rule: 'clean/latin-label',
    maxWords: LATIN_LABEL_MAX_WORDS,
    test: (l) =>
      l.words <= LATIN_LABEL_MAX_WORDS && !ARABIC_LETTER.test(l.norm) && /[a-z]/.test(l.norm) ? 'Latin label' : null,
  },
  {
    // A line with no letters at all: "|", "•••", "»", "12".
    rule: 'clean/no-text',
    maxWords: Infinity,
    test: (l) => (hasLetter(l.norm) ? null : 'no letters'),
  },
];

/**
 * The first line rule that drops `l`, with its own message ('share bar', 'no letters'): first
 * match wins. `applies` says whether a rule may judge this line at all (HTML link evidence).
 */
export function firstLineRule(l: Line, applies: (rule: string) => boolean): { rule: string; message: string } | null {
  for (const r of LINE_RULES) {
    if (l.words > r.maxWords || !applies(r.rule)) continue;
    const message = r.test(l);
    if (message !== null) return { rule: r.rule, message };
  }
  return null;
}

/** A tag heading on its own line ("الوسوم", "وسوم"): the short lines under it are tags. */
const TAG_HEADING_RE = new RegExp(`^(${alt(n(TAG_PREFIXES))})\\s*[:：]?$`, 'i');
export function tagHeading(l: Line): boolean {
  return TAG_HEADING_RE.test(l.norm);
}

/** Related-articles heading ("مقالات ذات صلة", "اقرأ أيضا: …"): returns what follows the heading. */
export function relatedHeading(l: Line): { rest: string } | null {
  if (!short(l) && !/^(اقرا|إقرا)/.test(l.norm)) return null;
  const m = RELATED_RE.exec(l.norm);
  if (!m) return null;
  const rest = l.norm.slice(m[0].length);
  // "الأكثر قراءة بين الشباب …", "المزيد من الشهداء سقطوا …" are sentences: with words after it,
  // a heading needs its separator ("اقرأ أيضا" is followed by the headline it links, colon or not)
  if (rest !== '' && !/[:：»>-]\s*$/.test(m[0]) && !READ_ALSO.test(m[0])) return null;
  return { rest };
}

const READ_ALSO = /^(اقرا|إقرا) (ايضا|كذلك)/;
/** A headline-like line: short, no sentence end. Under a "related" heading such lines are links. */
export function headlineLike(l: Line): boolean {
  return l.words <= 18 && !SENTENCE_END.test(l.norm);
}

/** Does the line end like a finished sentence? */
export function endsSentence(l: Line): boolean {
  return SENTENCE_END.test(l.norm);
}

/** Byline author: "كتب: محمد علي" → "محمد علي" (from the line as written). */
export function bylineAuthor(text: string): string | null {
  const m = /^[^:：\-–—]+[:：\-–—]\s*(.+)$/.exec(text) ?? /^(?:بواسطة|بقلم)\s+(.+)$/.exec(text);
  return m ? m[1].trim() : null;
}
