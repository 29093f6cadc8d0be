/**
 * Generates raw scraped Arabic news documents in the style of the seeds: a site's
 * menu, headline, dateline, body paragraphs built from sentence templates with
 * name/place/number slots, then the site's chrome (share bar, related box, comment
 * form, footer), some template leaks and repeated paragraphs. Deterministic per seed.
 * `tsx bench/gen-raw.ts --docs N --seed S > raw.jsonl` writes {id, site, text} lines.
 */
import { pick, rng } from './lib.js';

const PEOPLE = [
  'الوزير أحمد الساعدي',
  'رئيس الوزراء',
  'وزير الخارجية',
  'المتحدث باسم الحكومة',
  'محافظ البنك المركزي',
  'رئيس البرلمان',
  'الأمين العام للجامعة العربية',
  'وزيرة الصحة',
  'قائد الشرطة',
  'رئيس اللجنة الأولمبية',
];
const PLACES = [
  'بغداد',
  'القاهرة',
  'بيروت',
  'عمّان',
  'الرياض',
  'الدوحة',
  'تونس',
  'الرباط',
  'الجزائر',
  'الخرطوم',
  'دمشق',
  'صنعاء',
  'أربيل',
  'البصرة',
  'مسقط',
];
const TOPICS = [
  'مشروع الطاقة الشمسية',
  'خطة إعادة الإعمار',
  'اتفاقية التجارة الحرة',
  'موازنة العام المقبل',
  'حملة التطعيم الوطنية',
  'قانون الاستثمار الجديد',
  'مفاوضات الحدود',
  'برنامج دعم الشباب',
  'مشروع سكة الحديد',
  'إصلاح نظام التقاعد',
];
const VERBS = ['أعلن', 'أكد', 'كشف', 'أوضح', 'نفى', 'بحث', 'ناقش', 'وقّع', 'افتتح', 'دعا'];
const DAYS = ['السبت', 'الأحد', 'الاثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة'];
const TEMPLATES = [
  (r: () => number) =>
    `${pick(r, VERBS)} ${pick(r, PEOPLE)}، اليوم ${pick(r, DAYS)}، أن ${pick(r, TOPICS)} سيدخل حيز التنفيذ خلال ${2 + Math.floor(r() * 10)} أشهر في ${pick(r, PLACES)}.`,
  (r: () => number) =>
    `وقال ${pick(r, PEOPLE)} في مؤتمر صحفي عقده في ${pick(r, PLACES)} إن "الحكومة ماضية في ${pick(r, TOPICS)} رغم التحديات الاقتصادية".`,
  (r: () => number) =>
    `وأضاف أن كلفة ${pick(r, TOPICS)} تبلغ نحو ${10 + Math.floor(r() * 900)} مليون دولار، تمول الدولة ${20 + Math.floor(r() * 60)} في المئة منها.`,
  (r: () => number) =>
    `من جانبه، ${pick(r, VERBS)} ${pick(r, PEOPLE)} أهمية التنسيق مع الدول المجاورة لضمان نجاح ${pick(r, TOPICS)}.`,
  (r: () => number) =>
    `وكانت ${pick(r, PLACES)} قد شهدت الأسبوع الماضي اجتماعا موسعا لبحث ${pick(r, TOPICS)} بمشاركة ممثلين عن ${3 + Math.floor(r() * 20)} جهة حكومية.`,
  (r: () => number) =>
    `ويرى مراقبون أن ${pick(r, TOPICS)} قد يغير المشهد الاقتصادي في ${pick(r, PLACES)} إذا ما توفر التمويل اللازم في الوقت المناسب.`,
];
const SITES = [
  {
    name: 'bghd24',
    menu: 'رئيسيسياسةعربي ودوليرياضةاقتصاد',
    tail: [
      'مقالات ذات صلة',
      'اترك تعليقاً',
      'لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *',
      'زر الذهاب إلى الأعلى',
    ],
  },
  {
    name: 'nile-news',
    menu: 'الرئيسية » أخبار » سياسة',
    tail: ['شارك على: فيسبوك تويتر واتساب', 'الوسوم: أخبار مصر اقتصاد', '© 2024 جميع الحقوق محفوظة'],
  },
  {
    name: 'gulf-daily',
    menu: 'محليات | اقتصاد | رياضة | منوعات',
    tail: [
      'تابعونا على تلغرام',
      'يستخدم هذا الموقع ملفات تعريف الارتباط لتحسين تجربتك. موافق',
      '{{ article.visit_count }}',
    ],
  },
  {
    name: 'maghreb-press',
    menu: 'الرئيسية سياسة مجتمع ثقافة رياضة',
    tail: ['اقرأ أيضا', 'أخبار ذات صلة', 'أنت تستخدم إضافة Adblock'],
  },
];

export interface RawDoc {
  id: string;
  site: string;
  text: string;
}

export interface RawOptions {
  /** Share of documents that re-publish a recent document's body on another site
   *  (syndicated wire copy: other chrome, other headline, a paragraph dropped). */
  copyShare?: number;
}

/** Syndicated copies pick their original among this many latest documents. */
const COPY_WINDOW = 50;

export function* generateRawDocs(n: number, seed: number, opts: RawOptions = {}): Generator<RawDoc> {
  const r = rng(seed);
  const recent: string[][] = [];
  for (let i = 0; i < n; i++) {
    const site = SITES[i % SITES.length];
    let paras: string[];
    if (recent.length > 0 && r() < (opts.copyShare ?? 0)) {
      paras = [...pick(r, recent)];
      if (paras.length > 5) paras.splice(Math.floor(r() * paras.length), 1);
    } else {
      paras = Array.from({ length: 5 + Math.floor(r() * 8) }, () => pick(r, TEMPLATES)(r));
      recent.push(paras);
      if (recent.length > COPY_WINDOW) recent.shift();
    }
    const body = r() < 0.2 ? [...paras, ...paras.slice(0, 3)] : paras; // repeated paragraphs, as in seed 003
    const lines = [
      site.menu,
      `${pick(r, PEOPLE)} ${pick(r, VERBS)} ${pick(r, TOPICS)} في ${pick(r, PLACES)}`,
      `${pick(r, PLACES)} ـ ${site.name === 'bghd24' ? 'خاص' : 'وكالات'}`,
      ...body,
      ...site.tail,
    ];
    yield { id: `raw-${seed}-${i}`, site: site.name, text: lines.join('\n\n') };
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (k: string, d: number) => Number(process.argv[process.argv.indexOf(k) + 1] ?? d) || d;
  for (const d of generateRawDocs(arg('--docs', 1000), arg('--seed', 1)))
    process.stdout.write(JSON.stringify(d) + '\n');
}
