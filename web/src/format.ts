/** Numbers and dates as an Arabic reader expects them: ٣٠ يونيو ٢٠٢١, ١٬٢٠٤. */
const num = new Intl.NumberFormat('ar-EG');
const day = new Intl.DateTimeFormat('ar-EG', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const short = new Intl.DateTimeFormat('ar-EG', { day: 'numeric', month: 'short', timeZone: 'UTC' });

export const fmtNum = (n: number): string => num.format(n);
export function fmtDate(iso: string | null | undefined): string {
  if (!iso) return 'بلا تاريخ';
  const d = new Date(iso.slice(0, 10) + 'T00:00:00Z');
  return Number.isNaN(d.getTime()) ? iso : day.format(d);
}
export function fmtShort(iso: string): string {
  const d = new Date(iso.slice(0, 10) + 'T00:00:00Z');
  return Number.isNaN(d.getTime()) ? iso : short.format(d);
}
export function fmtRange(a: string | null, b: string | null): string {
  if (!a || !b || a === b) return fmtDate(a ?? b);
  return `${fmtDate(a)} – ${fmtDate(b)}`;
}
/** Counted nouns: 1 حدث, 2 حدثان, 3–10 أحداث, 11+ حدثًا — kept simple: number + plural word. */
export const count = (n: number, one: string, many: string): string => `${fmtNum(n)} ${n === 1 ? one : many}`;

/** Rule ids → Arabic labels (the id stays visible beside it). */
export const RULE_LABELS: Record<string, string> = {
  'clean/navigation': 'قائمة تنقل',
  'clean/share': 'أزرار مشاركة',
  'clean/follow': 'دعوة للمتابعة',
  'clean/footer': 'تذييل الموقع',
  'clean/comment-form': 'نموذج تعليق',
  'clean/related': 'اقرأ أيضا / مقالات ذات صلة',
  'clean/notice': 'إشعار الموقع',
  'clean/template-leak': 'تسرب قالب',
  'clean/site-boilerplate': 'نص متكرر في الموقع',
  'clean/repeated-paragraph': 'فقرة مكررة',
  'clean/timestamp': 'سطر التاريخ',
  'clean/byline': 'اسم الكاتب',
  'clean/no-text': 'سطر بلا نص',
  'clean/empty-body': 'لا نص بعد التنظيف',
  'clean/not-arabic': 'ليست بالعربية',
  'clean/too-short': 'نص أقصر من مقال',
  'clean/unparseable': 'صفحة تعذر تحليلها',
  'clean/tags': 'وسوم',
  'clean/ad': 'إعلان',
  'clean/back-to-top': 'زر العودة للأعلى',
  'clean/disclaimer': 'تنويه تحريري',
  'clean/credit': 'مصدر أو تعليق صورة',
  'clean/masthead': 'اسم الموقع والقسم',
  'clean/trailing-links': 'روابط بعد نهاية المقال',
  'stories/different-day': 'حدث مشابه في يوم آخر',
  'stories/no-date': 'بلا تاريخ',
  'stories/future-date': 'تاريخ نشر في المستقبل',
  'stories/no-entities': 'بلا أسماء أعلام',
  'stories/not-arabic': 'ليست بالعربية',
  'stories/duplicate-canonical-unknown': 'الأصل خارج نافذة الأحداث',
};
export const ruleLabel = (rule: string): string => RULE_LABELS[rule] ?? rule;
