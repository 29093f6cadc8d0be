/**
 * Explicit dates in Arabic news text, on normalized input (digits already ASCII,
 * أ/إ/آ→ا, ة→ه, ى→ي). Month names come in three families:
 *   Egyptian/Gulf:  يناير فبراير مارس ابريل مايو يونيو يوليو اغسطس سبتمبر اكتوبر نوفمبر ديسمبر
 *   Levantine/Iraqi: كانون الثاني شباط اذار نيسان ايار حزيران تموز اب ايلول تشرين الاول تشرين الثاني كانون الاول
 *   Maghrebi: ماي يوليوز غشت شتنبر نونبر دجنبر (Morocco); جانفي فيفري افريل جوان جويليه اوت (Algeria, Tunisia)
 * Hijri months (محرم … ذو الحجه) are converted with the tabular Islamic calendar.
 */
import { normalize } from './normalize.js';

const GREGORIAN: Record<string, number> = {};
const add = (names: string[], month: number) => names.forEach((n) => (GREGORIAN[normalize(n)] = month));
add(['يناير', 'كانون الثاني', 'جانفي', 'January'], 1);
add(['فبراير', 'شباط', 'فيفري', 'February'], 2);
add(['مارس', 'آذار', 'أذار', 'March'], 3);
add(['أبريل', 'إبريل', 'نيسان', 'أفريل', 'April'], 4);
add(['مايو', 'أيار', 'ماي', 'May'], 5);
add(['يونيو', 'يونيه', 'حزيران', 'جوان', 'June'], 6);
add(['يوليو', 'يوليه', 'تموز', 'يوليوز', 'جويلية', 'July'], 7);
add(['أغسطس', 'آب', 'غشت', 'أوت', 'August'], 8);
add(['سبتمبر', 'أيلول', 'شتنبر', 'September'], 9);
add(['أكتوبر', 'تشرين الأول', 'October'], 10);
add(['نوفمبر', 'تشرين الثاني', 'نونبر', 'November'], 11);
add(['ديسمبر', 'كانون الأول', 'دجنبر', 'December'], 12);

const HIJRI: Record<string, number> = {};
[
  ['محرم'],
  ['صفر'],
  ['ربيع الأول', 'ربيع الاول'],
  ['ربيع الآخر', 'ربيع الثاني'],
  ['جمادى الأولى', 'جمادى الاولى', 'جمادى الأول'],
  ['جمادى الآخرة', 'جمادى الثانية', 'جمادى الآخر'],
  ['رجب'],
  ['شعبان'],
  ['رمضان'],
  ['شوال'],
  ['ذو القعدة', 'ذي القعدة'],
  ['ذو الحجة', 'ذي الحجة'],
].forEach((names, i) => names.forEach((n) => (HIJRI[normalize(n)] = i + 1)));

const byLength = (o: Record<string, number>) =>
  Object.keys(o)
    .sort((a, b) => b.length - a.length)
    .join('|');
const G_NAMES = byLength(GREGORIAN);
const H_NAMES = byLength(HIJRI);

// "30 يونيو 2021", "30 حزيران/يونيو 2021", "الأربعاء 30 حزيران 2021"
const DAY_MONTH_YEAR = new RegExp(
  `(?<![\\d])(\\d{1,2})\\s+(${G_NAMES})(?:\\s*[/-]\\s*(?:${G_NAMES}))?\\s*[,،]?\\s+(\\d{4})(?!\\d)`,
  'i',
);
// "07/يوليو/2024" (Egyptian portals)
const DAY_SLASH_MONTH = new RegExp(`(?<![\\d])(\\d{1,2})\\s*/\\s*(${G_NAMES})\\s*/\\s*(\\d{4})(?!\\d)`, 'i');
// "14 ذو القعده 1442 هـ"
const HIJRI_DATE = new RegExp(`(?<![\\d])(\\d{1,2})\\s+(${H_NAMES})\\s+(\\d{4})(?!\\d)`);
// "2021-06-30", "2021/06/30", "2021.06.30"
const YMD = /(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/;
// "30/06/2021", "30-6-2021" (day first, as Arab sites write)
const DMY = /(?<!\d)(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?!\d)/;

export function isoDate(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1) return null; // 31 حزيران does not exist
  return dt.toISOString().slice(0, 10);
}

/** Tabular Islamic calendar (civil epoch 622-07-16): accurate to ±1 day, enough for clustering windows. */
export function hijriToIso(y: number, m: number, d: number): string | null {
  if (y < 1300 || y > 1600 || m < 1 || m > 12 || d < 1 || d > 30) return null;
  const days = d + Math.ceil(29.5 * (m - 1)) + (y - 1) * 354 + Math.floor((3 + 11 * y) / 30) + 1948439;
  const ms = (days - 2440588) * 86400000; // Julian day → Unix epoch
  return new Date(ms).toISOString().slice(0, 10);
}

export interface FoundDate {
  iso: string;
  /** Index and length in the searched (normalized) text. */
  index: number;
  length: number;
  calendar: 'gregorian' | 'hijri';
}

const PATTERNS: [RegExp, (m: RegExpExecArray) => string | null, FoundDate['calendar']][] = [
  [DAY_MONTH_YEAR, (m) => isoDate(+m[3], GREGORIAN[m[2].toLowerCase()] ?? GREGORIAN[m[2]], +m[1]), 'gregorian'],
  [DAY_SLASH_MONTH, (m) => isoDate(+m[3], GREGORIAN[m[2].toLowerCase()] ?? GREGORIAN[m[2]], +m[1]), 'gregorian'],
  [HIJRI_DATE, (m) => hijriToIso(+m[3], HIJRI[m[2]], +m[1]), 'hijri'],
  [YMD, (m) => isoDate(+m[1], +m[2], +m[3]), 'gregorian'],
  [DMY, (m) => isoDate(+m[3], +m[2], +m[1]), 'gregorian'],
];
const GLOBAL = PATTERNS.map(([re, f, c]) => [new RegExp(re.source, re.flags + 'g'), f, c] as const);

/** Every explicit date in `text` (any form above), by position. */
export function findDates(text: string): FoundDate[] {
  const s = normalize(text);
  const found: FoundDate[] = [];
  for (const [re, toIso, calendar] of GLOBAL) {
    re.lastIndex = 0;
    for (let m = re.exec(s); m; m = re.exec(s)) {
      const iso = toIso(m);
      if (iso) found.push({ iso, index: m.index, length: m[0].length, calendar });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/** The first explicit date in `text` (any form above), or null. */
export function findDate(text: string): FoundDate | null {
  const s = normalize(text);
  const found: FoundDate[] = [];
  for (const [re, toIso, calendar] of PATTERNS) {
    const m = re.exec(s);
    const iso = m && toIso(m);
    if (m && iso) found.push({ iso, index: m.index, length: m[0].length, calendar });
  }
  // Prefer Gregorian when a line gives both ("14 ذو القعدة 1442 هـ الموافق 24 حزيران 2021").
  found.sort((a, b) => (a.calendar === b.calendar ? a.index - b.index : a.calendar === 'gregorian' ? -1 : 1));
  return found[0] ?? null;
}

/** Date.parse is asked only about dates written with an English month name and a four-digit year
 *  (RFC 822 from feeds and HTTP: "Wed, 30 Jun 2021 09:00:00 GMT", "June 30, 2021"). On anything else
 *  V8 guesses: "34" is 2034-01-01, "الخميس 2029" is 2029-01-01, "5/6/38" is 2038-05-06. That is how
 *  pages of 2020–2025 came out dated 2029, 2034 and 2038. */
const RFC_DATE =
  /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\b.*\b\d{4}\b|\b\d{4}\b.*\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i;

/** 'YYYY-MM-DD' from an ISO-like timestamp, keeping the site's own calendar day
 *  ("2021-06-30T23:30:00+03:00" is 30 June in Baghdad, whatever UTC says). */
export function isoDay(s: string | null | undefined): string | null {
  const m = s ? /^(\d{4})-(\d{2})-(\d{2})/.exec(s.trim()) : null;
  if (m) return isoDate(+m[1], +m[2], +m[3]);
  if (!s || !RFC_DATE.test(s)) return null;
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : new Date(t).toISOString().slice(0, 10);
}
