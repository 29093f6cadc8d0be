/**
 * Title and dateline: the headline line and the "where/who filed it" marker are
 * metadata, not body. Works on the lines the boilerplate rules kept, in order.
 *
 *   title:     "رئيس مجلس الوزراء مصطفى الكاظمي يلتقي الأمين العام لحلف شمال الأطلسي( الناتو) في بروكسل"
 *   dateline:  "بغداد 24 ـ بروكسل" (own line), or at the head of the first paragraph:
 *              "القاهرة - وكالات: أكد …", "بغداد (رويترز) - قال …", "(رويترز) - قال …"
 */
import { normalize, normalizeWithOffsets, type NormalizeOptions } from '../text/normalize.js';
import { isStopword } from '../text/stopwords.js';
import { namesSite } from './site-name.js';
import { alt } from './vocab/alt.js';
import { AGENCIES, DATELINE_CITIES, OUTLET_WORDS, PUBLISHED_CLAUSES } from './vocab/datelines.ar.js';

/** A headline has 3–25 words (the longest Arabic wire headlines run ~22). */
export const TITLE_MIN_WORDS = 3;
export const TITLE_MAX_WORDS = 25;
/** A dateline line is short: "القاهرة - وكالات" is 3 words, "بغداد 24 ـ بروكسل" 4. */
export const DATELINE_MAX_WORDS = 6;
/** …and at most this many characters with a publish clause ("كشـ24 | و.م.ع نشر في: 9 مارس 2023" is 33). */
export const DATELINE_MAX_CHARS = 80;

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

/** NO_DELETE with harakat dropped ("عمّان" → "عمان"), offsets kept for the rest. */
const NO_DELETE_HARAKAT: NormalizeOptions = { ...NO_DELETE, harakat: true };
/** An inline credit is at most this long, closer included ("الدار البيضاء \"مغارب كم\": "). */
const INLINE_MAX_CHARS = 45;
const INLINE_CLOSER = /[-–—ـ:/|()"«»“”_]/;

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
  `^((?:${PLACE})\\s*(?:\\([^()]{2,25}\\)\\s*${DASH}|[-–—ـ/]\\s*(?!(?:قال|اعلن|اكد|ذكر|افاد|كشف|اوضح|اشار)\\s)[\\p{L}]+(?:\\s[\\p{L}]+){0,2}\\s*(?::|\\s?[-–—ـ]\\s)))\\s*`,
  'u',
);
/** A place and a full date, with or without a source in brackets, closed by a dash or colon: "الفاشر 1 أكتوبر
 *  2025 ــ قال …", "بنغازي 03 يوليو 2024 (الأنباء الليبية) – أعطى …", "كسلا 24-3-2021 (سونا) – اعلن …", "رام الله 21-10-2020 وفا- …". A day, a month and a year in front of the
 *  lead are a dateline whatever the place is called. */
const INLINE_DATED = new RegExp(
  `^([\\p{L}]+(?:\\s[\\p{L}]+){0,2}\\s*[،,]?\\s+(?:\\d{1,2}\\s+[\\p{L}]+(?:\\s+[\\p{L}]+)?\\s+\\d{4}م?|\\d{1,2}[-/.]\\d{1,2}[-/.]\\d{2,4})\\s*(?:\\([^()]{2,30}\\)|\\s(?:${AGENCY}))?)\\s*[-–—ـ:]+\\s*`,
  'u',
);
/**
 * A credit's second part, after its first: a reporter, a city, a date or the site ("العالم الآن – منير حرب – ألحق …",
 * "الكوفية:عمان: سجلت …", "طرابلس - 10 سبتمبر 2025 - في خطوة …", "الخرطوم - تانا 4 ميديا - رفع …",
 * "الوحدة نيوز/ متابعات: دشنت …"): one to four words of letters or digits, closed by a colon, a slash, a bar or a
 * dash with a space beside it (a hyphen inside a word is not a closer); or up to three words glued between dashes
 * ("رام الله-أخبار والأعمال-تفقد …"); or a quoted outlet ('دبي:«الخليج» اعتمدت …'); or a bracketed agency
 * ("محمد اسماعيل - القاهرة - (د ب ا) …").
 */
const SECOND_PART =
  /^([\p{L}\d]+(?:\s[\p{L}\d]+){0,3})(?:\s*[:/|]|\s[-–—ـ]|[-–—ـ]\s)\s*|^([\p{L}\d]+(?:\s[\p{L}\d]+){0,2})[-–—](?=\p{L})|^([«"“][\p{L}\d]+(?:\s[\p{L}\d]+){0,2}[»"”])\s*(?:[-–—ـ:/|]\s*)?|^(\([\p{L} .]{1,20}\))\s*(?:[-–—ـ:]\s*)?/u;
/** A credit with its second part runs to ~45 characters ("جراءة نيوز - اخبار الاردن-الزرقاء" is 34). */
const CREDIT_MAX_CHARS = 60;
/** A reporter's name and the place: "أحمد جودة - القاهرة - أعلن …". */
const INLINE_REPORTER_PLACE = new RegExp(`^([\\p{L}]+(?:\\s[\\p{L}]+){0,2}\\s[-–—ـ]\\s(?:${PLACE}))\\s[-–—ـ]\\s`, 'u');
/** An outlet and its city after a slash, in brackets or in quotes: "أمد/ رام الله: نفى …", "التيار (نواكشوط) ـ واصل …",
 *  'الضمير"نواكشوط" أعلن …'. */
const INLINE_OUTLET_PLACE = new RegExp(
  `^([\\p{L}]+(?:\\s[\\p{L}]+){0,2}\\s*(?:/\\s*(?:${PLACE})\\s*(?=:)|\\(\\s*(?:${PLACE})\\s*\\)\\s*(?=[-–—ـ])|(?<=\\p{L})["«“](?:${PLACE})["»”]))\\s*[-–—ـ:]*\\s*`,
  'u',
);
/** A place and its country, closed by a colon: "أبوظبي، الإمارات العربية المتحدة: أعلن …". */
const INLINE_PLACE_COUNTRY = new RegExp(`^((?:${PLACE})\\s*[،,]\\s*[\\p{L}]+(?:\\s[\\p{L}]+){0,3})\\s*:\\s*`, 'u');
/** An agency named with its city in brackets: "وكالة السواحل للأنباء(نواكشوط)- قال …". */
const INLINE_AGENCY_PLACE = new RegExp(
  // the word وكالة names an agency: the city in brackets need not be known
  `^(وكاله\\s[\\p{L}]+(?:\\s[\\p{L}]+){0,2}\\s*\\(\\s*[\\p{L}]+(?:\\s[\\p{L}]+)?\\s*\\))\\s*[-–—ـ:]?\\s*`,
  'u',
);
/** A place with its source glued on or quoted: "مسقط.شؤون عمانية:" (shuoon.om), 'الدار البيضاء "مغارب كم": ' (maghress.com). */
const INLINE_PLACE_SOURCE = new RegExp(
  `^((?:${PLACE})\\s*(?:\\.\\s*[\\p{L}]+(?:\\s[\\p{L}]+){0,2}|"[^"]{2,25}"))\\s*:\\s*`,
  'u',
);
/** An outlet's own credit opening the lead: "عروبة الإخباري – قالت …", "هاي كورة – إذا نجح …",
 *  "وطنا اليوم:أجرى …". One to three words, closed by a spaced dash, or by a colon when the
 *  name carries an outlet word or the colon is glued to the lead. */
const INLINE_OUTLET =
  /^([\p{L}\d]+(?:\s[\p{L}\d]+){0,2})(\s[-–—]\s|\s*:(?=\p{L})|\s*:\s|\/\s|\s_\s?(?=\p{L})|\s\|\s|[-–—](?=\p{L}))/u;
/** A site's name in quotes opening the lead: "“المدارنت”/ استشهد …", "«الخليج»: قال …". The quotes mark a
 *  name, so no outlet word is needed. */
const INLINE_QUOTED_OUTLET = /^([“"«][\p{L}\d]+(?:\s[\p{L}\d]+){0,2}[”"»])\s*(?:[-–—/:])\s*/u;
const OUTLET = alt(n(OUTLET_WORDS));
/** A credit's side names a place, an agency (as a word) or an outlet ("شفق نيوز", "وكالة سند للأنباء"). */
const PLACE_AGENCY_WORD = new RegExp(`(^|[\\s(«"|/])(${PLACE}|${AGENCY})($|[\\s)»"|/:.،-])`, 'iu');
const CREDIT_WORD = new RegExp(`${PLACE_AGENCY_WORD.source}|${OUTLET}`, 'iu');
/** "نشر في: 9 مارس 2023" after a credit: cut before the credit is read. */
const PUBLISHED_TAIL = new RegExp(`\\s*(${alt(n(PUBLISHED_CLAUSES))})\\s*:?.*$`, 'u');
/** A credit closed by a dash and nothing else: "الراي الكويتية-" (gulfobserver.org). */
const DASH_CLOSED = /^([\p{L}\d ]{2,30}?)\s*[-–—ـ]$/u;
/** A place closed by a slash or a colon, or with its agency in brackets, a dash after it or not:
 *  "القاهرة/", "الرياض:", "واشنطن (رويترز)", "الكويت (كونا)", "تونس (وات)-". */
const PLACE_CLOSED = new RegExp(
  `^(${PLACE})\\s*(/|:|\\([\\p{L}\\d .]{2,25}\\)\\s*(?:خاص|متابعات|متابعه|وكالات)?\\s*[-–—ـ:]?)$`,
  'u',
);
/** Wire copy with the day: "أبوظبي في 17 سبتمبر / وام / أعلنت …", "بكين، 3 مارس (شينخوا) أعلنت …",
 *  "برلين- (د ب أ) - قالت …", "الخرطوم 5 يناير (سونا)- أعلنت …", a month in two calendars and a year
 *  ("واشنطن 13 مارس آذار (رويترز) – قال …", "الشهيد الحافظ ، 02 ديسمبر 2024 (واص) - مرت …"). A known
 *  agency in brackets or between slashes is the evidence, so the place before it may be any one to three
 *  words: no list names every camp, town and district a story is filed from. */
const INLINE_WIRE = new RegExp(
  `^((?:${PLACE}|[\\p{L}]+(?:\\s[\\p{L}]+){0,2})\\s*(?:[،,–—-]?\\s*(?:في\\s+)?(?:\\d{1,2}|اول)\\s+[\\p{L}]+(?:\\s+[\\p{L}]+){0,2}(?:\\s+\\d{4}م?)?)?\\s*[-–—]?\\s*(?:\\(\\s*(?:${AGENCY})\\s*\\)|/\\s*(?:${AGENCY})\\s*/))\\s*(?:${DASH}\\s*)?`,
  'u',
);
const BARE_AGENCY = alt(
  n(['رويترز', 'أ ف ب', 'ا ف ب', 'فرانس برس', 'د ب أ', 'واس', 'وام', 'قنا', 'كونا', 'سانا', 'بترا', 'واع', 'وفا']),
  n(['الأناضول', 'شينخوا', 'واج', 'سبأ', 'أ ش أ', 'بنا', 'سونا', 'ماب', 'صفا', 'وكالات']),
);
const INLINE_PLACE_AGENCY = new RegExp(
  `^((?:${PLACE})\\s*[-–—ـ/]\\s*(?:${BARE_AGENCY}))\\s*(?:[:\\-–—]\\s*)?(?=\\p{L})`,
  'u',
);
const HARAKAT = /[\u064b-\u0652]/;
const TRAILING_DASH = new RegExp(`(?:\\s*${DASH})+\\s*$`, 'u');
/** A place after an outlet name, no dash: "النهارالاخباريه رام الله" (alnaharnews.uk). */
const OUTLET_THEN_PLACE = new RegExp(`^\\S*(${OUTLET})\\S*\\s+(${PLACE})$`, 'iu');
const SENTENCE_END = /[.!?؟…،,:;]["'”»)]*$/;

/** Words with a letter or a digit: a spaced dash is no word ("محمد اسماعيل - القاهرة - (د ب ا)" has six). */
const wordsOf = (s: string) => s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

export function looksLikeTitle(line: string): boolean {
  const w = wordsOf(line);
  return w >= TITLE_MIN_WORDS && w <= TITLE_MAX_WORDS && !SENTENCE_END.test(line.trim()) && !looksLikeMasthead(line);
}

/**
 * A site's name and tagline, not a headline: "صوت الخرطوم | أخبار السودان على مدار الساعة",
 * "بلد نيوز - أخبار الأردن", "أخبار التكنولوجيا والاتصالات". Scraped text keeps no
 * " | " inside headlines (that is the <title> separator), and a section name opens with أخبار.
 */
export const MASTHEAD_RE = /\s\|\s|على مدار الساعه|^(اخبار|موقع|بوابه)\s\S+(\s\S+)?$|\s[-–—]\s(اخبار|موقع|بوابه|صوت)\s/;
export function looksLikeMasthead(line: string): boolean {
  return MASTHEAD_RE.test(normalize(line));
}

/** A body paragraph: a finished sentence of some length, or a long line. */
export const BODY_MIN_WORDS = 8;
export const BODY_LONG_WORDS = 20;
// A finished sentence ends in . ! ? … or : (optionally inside quotes). A bare closing quote
// does not count: headlines end in quotes ("…: \"أضرّ عمداً بالمال العام\"").
const BODY_END = /[.!?؟…:]["'”»)]*-?$/;
/** A line this long with a comma inside reads as prose even without a final stop (pages cut
 *  off mid-paragraph, sites that drop full stops: "اقتحمت قوات …، في وقت متأخر …، مدينة جنين"). */
export const BODY_COMMA_WORDS = 14;
/** Headlines ending in "!" or "?" run to ~11 words on eval-dev; a question in the body is longer or has a full stop near. */
export const BODY_QUESTION_WORDS = 12;

export function looksLikeBody(l: { text: string; words: number }): boolean {
  if (l.words >= BODY_LONG_WORDS) return true;
  if (l.words < BODY_MIN_WORDS) return false;
  const t = l.text.trim();
  // a headline may end in "!" or "?" ("خطوة تفصل الهلال عن الإطاحة بـ النصر !"): those ends need a longer line
  if (/[!?؟]["'”»)]*$/.test(t) && l.words < BODY_QUESTION_WORDS) return false;
  // two dots after a space close a headline link, not a sentence: "مفوضية الانتخابات تستبعد عدداً من المرشحين .."
  if (t.endsWith(' ..')) return false;
  return BODY_END.test(t) || (l.words >= BODY_COMMA_WORDS && /[،,]/.test(t));
}

/** Separators between a credit's parts: dashes, bars, slashes, a colon; a tatweel only with a space beside it;
 *  an underscore between spaces ("بغداد اليوم _ البصرة", baghdadtoday.news). */
const CREDIT_SEPARATOR = /\s*[-–—|/:]\s*|\s+ـ\s*|\s*ـ\s+|\s+_\s+/u;
/** Two or three parts of one to four words each: "كشـ24 | و.م.ع", "رام الله - وكالة سند للأنباء". */
function creditParts(norm: string): boolean {
  const parts = norm.split(CREDIT_SEPARATOR).map((p) => p.trim());
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === '')) return false;
  return parts.every((p) => wordsOf(p) <= 4 && /^[(«"]?[\p{L}\d .]+[)»"]?$/u.test(p));
}

const CAPTION_WORD = /(^|\s)(صوره|ارشيفيه|تصوير|الصوره)($|\s)/u;
/** A news desk's credit and its outlet in brackets: "متابعات (ملفات سوريا)", "خاص (الأيام)". */
const DESK_CREDIT = /^(متابعات|متابعه|خاص)\s*\([\p{L}\d ]{2,30}\)$/u;
/** A publish stamp's opening: "منذ سنتين - Sunday 07 November 2021", "نشر في …". */
const STAMP_OPEN = /^(منذ|نشر|تاريخ النشر|اخر تحديث)\s/u;
/** A list bullet some themes print before the credit line: "• الوحدوي نت - مارب:". */
const LEADING_BULLET = /^[•·▪●■>]\s*/u;
const PLACE_ALONE = new RegExp(`^(${PLACE})$`, 'u');
/** A name of one to four words closed by a colon or a slash: "الدرر الشامية:", "اسرار بريس:", "الثورة/". */
const COLON_CLOSED_NAME = /^[(«"“]?[\p{L}\d]+(?:\s[\p{L}\d]+){0,3}[)»"”]?\s*[:/]$/u;

/**
 * A credit the header gives on its own line with no dash, where a dateline stands (between the headline
 * and the lead): a known place alone ("رام الله" above the reporter's name), or, right above the lead, a
 * name closed by a colon ("الدرر الشامية:"). Elsewhere these are a tag and a label.
 */
export function headerCreditOf(line: string, aboveLead: boolean, url?: string | null): string | null {
  const text = line.trim().replace(LEADING_BULLET, '');
  if (PLACE_ALONE.test(normalize(text, NO_DELETE_HARAKAT).trim())) return text;
  if (!aboveLead) return null;
  if (siteCredit(text, url)) return text.replace(TRAILING_CLOSERS, '').trim();
  if (COLON_CLOSED_NAME.test(text)) return text.replace(/\s*[:/]$/, '').trim();
  // right above the lead, a site or place and a reporter's name: "صحيفة عسير – مها القحطاني :",
  // "موند بريس : ريفي مفيد محمد", "ساهرة رشيد/ العراق"
  if (text.length <= HEADER_CREDIT_MAX_CHARS && creditShape(text)) return text.replace(TRAILING_DASH, '').trim();
  return null;
}
/** Between a credit's parts: a dash, bar, slash or colon; tatweels with a space beside them ("الثورة ـ لبنان"). */
const CREDIT_PART_SEPARATOR = /\s*[-–—|/:]\s*|\s+ـ+\s*|\s*ـ+\s+/u;
/** What closes a credit line: dashes, colons, dots after a quoted name ('صيدا - "الإتجاه".'). */
const TRAILING_CLOSERS = /(?:\s*[-–—ـ:/|.])+\s*$/u;
/** A credit's parts, quotes and brackets aside: "صيدا - \"الإتجاه\"." → ["صيدا", "الإتجاه"]. */
const creditPartsOf = (text: string) =>
  text
    .replace(TRAILING_CLOSERS, '')
    .split(CREDIT_PART_SEPARATOR)
    .map((p) => p.replace(/[«»"“”()]/g, '').trim());

/**
 * A line right above the lead that names the site it is on ("الجنوب اليمني | المهرة" on aljanub.net, 'صيدا -
 * "الإتجاه".' on alitijah.com): one to four parts of one to four words, split or closed by a separator (a bare
 * name with nothing else is the masthead's logo text), one part spelling the host (site-name.ts).
 */
function siteCredit(text: string, url: string | null | undefined): boolean {
  if (!url || text.length > HEADER_CREDIT_MAX_CHARS) return false;
  const parts = creditPartsOf(text);
  const closed = parts.length > 1 || TRAILING_CLOSERS.test(text);
  return (
    closed &&
    parts.length <= 4 &&
    parts.every((p) => /^[\p{L}\p{M}\d .]+$/u.test(p) && wordsOf(p) <= 4 && !isStopword(normalize(p).split(' ')[0])) &&
    parts.some((p) => namesSite(p, url))
  );
}

/** A site-and-reporter credit runs to ~35 characters ("الشاملة بريس بالمغرب وأوروبا- مراسلة: أنوار العسري" is 50). */
const HEADER_CREDIT_MAX_CHARS = 55;
/** Two or three parts of one to four words of letters, split by a dash, colon, slash or bar, closed by one or not:
 *  the shape of a site-or-place-and-reporter credit ("وادي الدواسر – مبارك الدوسري"). */
export function creditShape(text: string): boolean {
  const parts = text
    .replace(TRAILING_DASH, '')
    .split(CREDIT_PART_SEPARATOR)
    .map((p) => p.trim());
  return (
    parts.length >= 2 &&
    parts.length <= 3 &&
    parts.every((p) => p !== '' && wordsOf(p) <= 4 && /^[«"“]?[\p{L}\p{M} .]+[»"”]?$/u.test(p)) &&
    // "نشر في: آخر تحديث" is a stamp's labels, "… - صورة أرشيفية" a caption's credit: names and places carry
    // no function words and no photo words
    !parts.some((p) =>
      normalize(p)
        .split(' ')
        .some((w) => isStopword(w)),
    ) &&
    !CAPTION_WORD.test(normalize(text)) &&
    // "بلد نيوز - أخبار الأردن" is the site's masthead
    !MASTHEAD_RE.test(normalize(text))
  );
}

/** A credit that names a known place or agency ("أبوظبي", "أمد/ الجزائر", "الرباط (و.م.ع)"). */
export function namesPlaceOrAgency(credit: string): boolean {
  return PLACE_AGENCY_WORD.test(normalize(credit, NO_DELETE_HARAKAT));
}

/** …or the site it is printed on ("لبانة: عبدالله الرحبي" on lubanh.com). */
export function namesPlaceAgencyOrSite(credit: string, url: string | null | undefined): boolean {
  return namesPlaceOrAgency(credit) || creditPartsOf(credit).some((p) => namesSite(p, url));
}

/** A line opening with a place and a full date closed by a dash: "رام الله 21-10-2020 وفا- لورين زيداني". */
export function opensWithDatedCredit(line: string): boolean {
  return /\d/.test(line) && INLINE_DATED.test(normalize(line, NO_DELETE_HARAKAT));
}

/** A lead opening with a wire credit, cut short or not: "واشنطن أول أكتوبر تشرين الأول (رويترز) – قال البيت الأبيض". */
export function opensWithWireCredit(line: string): boolean {
  if (!/[(/]/.test(line.slice(0, INLINE_MAX_CHARS))) return false;
  const wire = INLINE_WIRE.exec(normalize(line, NO_DELETE_HARAKAT));
  return wire !== null && wire[0].length < line.length;
}

export function looksLikeDateline(line: string): boolean {
  return datelineOf(line) !== null;
}

/**
 * The credit a standalone line gives, as written, or null. Forms: "بغداد 24 ـ بروكسل",
 * "القاهرة - وكالات", "(رويترز)", "شفق نيوز- ذي قار" (outlet - place), "مسقط - عمان اليوم"
 * (place - outlet), "كشـ24 | و.م.ع نشر في: 9 مارس 2023" (the publish clause cut),
 * "الراي الكويتية-" (closed by a dash), "النهارالاخباريه رام الله" (outlet then place).
 * A site name with a date and no place or agency ("مدار الساعة ـ نشر في 2023/01/16") is a byline.
 */
export function datelineOf(line: string): string | null {
  const text = line.trim().replace(LEADING_BULLET, '');
  if (text.length > DATELINE_MAX_CHARS) return null;
  // harakat would hide a place ("عمّان - الرأي -"): dropped then, with offsets back to the text as written
  const marked = HARAKAT.test(text) ? normalizeWithOffsets(text, NO_DELETE_HARAKAT) : null;
  const full = marked ? marked.text : normalize(text, NO_DELETE).trim();
  const norm = full.replace(PUBLISHED_TAIL, '').trim();
  const at = (i: number) => (marked ? marked.offsets[i] : i);
  const cut = norm.length < full.length;
  // wire copy's credit alone on its line: "الرياض 15 مارس (واس) -", "المنامة في 5 مايو / بنا /", "تونس (وات)-"
  // (the agency is in brackets or between slashes: one scan spares the regex on other lines)
  if (/[(/]/.test(text)) {
    const wireNorm = normalize(text, NO_DELETE_HARAKAT);
    const wire = INLINE_WIRE.exec(wireNorm);
    if (wire && wire[0].length >= wireNorm.length) return text.replace(TRAILING_DASH, '').trim();
  }
  // "بلد نيوز - أخبار الأردن" is the site's masthead; "كشـ24 | و.م.ع" names an agency
  if (MASTHEAD_RE.test(norm) && !PLACE_AGENCY_WORD.test(norm)) return null;
  if (norm === '' || wordsOf(norm) > DATELINE_MAX_WORDS || /[.!?]$/.test(norm) || /\d{1,2}:\d{2}/.test(norm))
    return null;
  // a caption's credit is no dateline: "انتخابات تركيا المحلية. - صورة أرشيفية"; nor is a stamp: "منذ سنتين - Sunday …"
  if (CAPTION_WORD.test(norm) || STAMP_OPEN.test(norm)) return null;
  const asWritten = () =>
    text
      .slice(0, at(norm.length))
      .replace(new RegExp(`\\s*${DASH}\\s*$`, 'u'), '')
      .trim();
  if (DATELINE_LINE.test(norm) || creditParts(norm)) return CREDIT_WORD.test(norm) ? asWritten() : null;
  // a place, a full date and an agency, then the reporter: "رام الله 21-10-2020 وفا- لورين زيداني"; a desk and
  // its outlet in brackets: "متابعات (ملفات سوريا)"
  const dated = /\d/.test(norm) ? INLINE_DATED.exec(norm) : null;
  if (dated && wordsOf(norm.slice(dated[0].length)) <= 3 && !/[.!?]/.test(norm.slice(dated[0].length)))
    return asWritten();
  if (DESK_CREDIT.test(norm)) return asWritten();
  if (!cut && DASH_CLOSED.test(norm) && wordsOf(norm) <= 3) return asWritten();
  if (OUTLET_THEN_PLACE.test(norm) || PLACE_CLOSED.test(norm)) return asWritten();
  return null;
}

/** One to four words closed by a colon, a slash, a bar or a spaced dash at the lead's start: a credit when they spell
 *  the site's host ("مباشر: أظهرت المراجعة …" on mubasher.info, "مرآة البحرين: رحبت الحكومة …"). */
const INLINE_NAME = /^([«"“]?[\p{L}\d]+(?:\s[\p{L}\d]+){0,3}[»"”]?)(?:\s*[:/|]|\s[-–—ـ]|[-–—ـ]\s)\s*/u;
function inlineSiteCredit(norm: string, url: string | null | undefined): RegExpExecArray | null {
  if (!url) return null;
  const m = INLINE_NAME.exec(norm);
  return m && !isStopword(m[1].split(' ')[0]) && namesSite(m[1], url) ? m : null;
}

function outletCredit(norm: string): RegExpExecArray | null {
  const m = INLINE_OUTLET.exec(norm);
  if (!m) return null;
  const words = m[1].split(' ');
  const outlet = new RegExp(OUTLET, 'iu').test(m[1]);
  // "قال الوزير: …", "في الأثناء - …" are sentences: no function word unless it is the outlet's ("وطنا اليوم")
  if (words.some((w) => isStopword(w) && !new RegExp(`^(${OUTLET})$`, 'iu').test(w))) return null;
  if (m[2].includes(':') && !outlet && !/:(?=\p{L})/u.test(m[2] + norm.charAt(m[0].length))) return null;
  // "وكالة نون/ أكد …": a slash closes an outlet's credit only, and so does a dash glued to the lead ("صراحة نيوز-ارتفعت …")
  if ((m[2].startsWith('/') || /^[-–—]$/.test(m[2])) && !outlet) return null;
  return m;
}

/**
 * Splits an inline dateline off a paragraph. Returns null unless the prefix names a
 * place or an agency and a real sentence follows. The match runs on normalized
 * text ("عمّان" → "عمان") and is mapped back to the text as written.
 */
export function splitInlineDateline(paragraph: string, url?: string | null): { dateline: string; rest: string } | null {
  // a credit is closed within its first ~45 characters by a dash, colon, slash or bracket: one scan
  // spares the regexes on most paragraphs
  if (!INLINE_CLOSER.test(paragraph.slice(0, INLINE_MAX_CHARS + 2))) return null;
  const { text: norm, offsets } = normalizeWithOffsets(paragraph, NO_DELETE_HARAKAT);
  const m =
    INLINE_WIRE.exec(norm) ??
    INLINE_PLACE_AGENCY.exec(norm) ??
    INLINE_DATELINE_OPEN.exec(norm) ??
    INLINE_PLACE_SOURCE.exec(norm) ??
    INLINE_DATED.exec(norm) ??
    INLINE_REPORTER_PLACE.exec(norm) ??
    INLINE_OUTLET_PLACE.exec(norm) ??
    INLINE_PLACE_COUNTRY.exec(norm) ??
    INLINE_AGENCY_PLACE.exec(norm) ??
    INLINE_DATELINE.exec(norm) ??
    INLINE_QUOTED_OUTLET.exec(norm) ??
    outletCredit(norm) ??
    inlineSiteCredit(norm, url);
  if (!m || m[1].trim() === '' || m[0].length > INLINE_MAX_CHARS) return null;
  // a second part after the credit ("العالم الآن – منير حرب – ألحق …"): a name, not the lead's first words, so it
  // does not open with a function word or a verb of saying ("الرياض - قال الوزير: …" keeps "الرياض")
  const after = /[-–—ـ:/|]\s*$/.test(m[0]) ? SECOND_PART.exec(norm.slice(m[0].length)) : null;
  const part = after ? (after[1] ?? after[2] ?? after[3] ?? after[4]).replace(/^[«"“(]/, '') : '';
  const second =
    after && !isStopword(part.split(' ')[0]) && m[0].length + after[0].length <= CREDIT_MAX_CHARS ? after : null;
  const end = m[0].length + (second ? second[0].length : 0);
  const cut = offsets[end];
  const dateline = paragraph
    .slice(0, cut)
    .replace(new RegExp(`(?:\\s*(?:${DASH}|_))+\\s*$`, 'u'), '')
    .trim();
  const rest = paragraph.slice(cut).trim();
  if (wordsOf(rest) < 4) return null;
  return { dateline, rest };
}
