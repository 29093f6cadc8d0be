/** Each line rule on its own: the rule id it fires with, and body sentences it must leave alone. */
import { describe, expect, it } from 'vitest';
import { LINE_RULES, type Line } from '../../src/clean/line-rules.js';
import { splitLines } from '../../src/clean/index.js';
import { findTemplateLeaks } from '../../src/clean/template-leak.js';
import { fixMissingSpace, splitGluedWords, strayPunctuation } from '../../src/clean/repair.js';
import { looksLikeDateline, looksLikeTitle, splitInlineDateline } from '../../src/clean/title-dateline.js';
import { SiteLineIndex, SITE_MIN_DOCS } from '../../src/clean/site-lines.js';

const line = (t: string): Line => splitLines(t)[0];
const ruleFor = (t: string) => LINE_RULES.find((r) => r.test(line(t)) !== null)?.rule ?? null;

describe('line rules', () => {
  const cases: [string, string][] = [
    ['رئيسيسياسةعربي ودولي', 'clean/navigation'],
    ['تخطي إلى المحتوى', 'clean/navigation'],
    ['Skip to content', 'clean/navigation'],
    ['الرئيسية » أخبار » اقتصاد', 'clean/navigation'],
    ['موبايلات | إنترنت | ذكاء اصطناعي | شركات ناشئة', 'clean/navigation'],
    ['الرئيسية سياسي أمني اقتصادي رياضي تقارير', 'clean/navigation'],
    ['شارك على: فيسبوك تويتر واتساب', 'clean/share'],
    ['طباعة', 'clean/share'],
    ['تابعونا على تلغرام', 'clean/follow'],
    ['أرز نيوز على واتساب', 'clean/follow'],
    ['اترك تعليقاً', 'clean/comment-form'],
    ['لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *', 'clean/comment-form'],
    ['زر الذهاب إلى الأعلى', 'clean/back-to-top'],
    ['أنت تستخدم إضافة Adblock', 'clean/notice'],
    ['يرجى ازالة ايقاق الاضافة لاستخدام الموقع ، الموقع محمي', 'clean/notice'],
    ['يستخدم هذا الموقع ملفات تعريف الارتباط لتحسين تجربتك. موافق', 'clean/notice'],
    ['© 2024 جميع الحقوق محفوظة لموقع نخيل نيوز', 'clean/footer'],
    ['الوسوم: العراق الناتو بروكسل', 'clean/tags'],
    ['#العراق #الناتو #بروكسل', 'clean/tags'],
    ['إعلان', 'clean/ad'],
    ['كتب: محمود عبد الرحيم', 'clean/byline'],
    ['بقلم سارة الحسيني', 'clean/byline'],
    ['آخر تحديث: 30 يونيو 2021', 'clean/timestamp'],
    ['منذ 3 ساعات', 'clean/timestamp'],
    ['نشر في: الأحد 3 مارس 2024 - 10:15 ص | آخر تحديث: الأحد 3 مارس 2024 - 11:40 ص', 'clean/timestamp'],
    ['عدد المشاهدات: 1,245', 'clean/timestamp'],
    ['* المقالات المنشورة تعبر عن آراء كتابها ولا تعبر بالضرورة عن رأي الموقع', 'clean/disclaimer'],
    ['(إعداد ليلى بسام للنشرة العربية - تحرير سها جادو)', 'clean/credit'],
    ['(صورة أرشيفية)', 'clean/credit'],
    ['•••', 'clean/no-text'],
    ['وزير الخارجية يتحدث إلى الصحفيين في العاصمة / Getty Images', 'clean/caption'],
    ['سيتم حجب هذه الصورة تلقائيا عندما يتم الإبلاغ عنها من طرف عدة أشخاص.', 'clean/notice'],
    ['قم بكتابة اول تعليق', 'clean/comment-form'],
    ['لمتابعة الخبر اضغط على الرابط التالي', 'clean/promo'],
    ['عذراً التعليقات مغلقة', 'clean/comment-form'],
    ['اكتب تعليق', 'clean/comment-form'],
    ['نشر بتاريخ:', 'clean/timestamp'],
    ['أكمل القراءة »', 'clean/read-more'],
    ['منذ يوم و 6 ساعات و 59 دقيقه', 'clean/timestamp'],
    ['2021/04/13 المشاهدات : 905', 'clean/timestamp'],
    ['لسماع المقالة صوتيا اضغط هنا', 'clean/promo'],
    ['إضافة تعليق جديد', 'clean/comment-form'],
    [
      'حقائق أون لاين مشروع اعلامي تونسي مستقل يطمح لأن يكون أحد المنصات الصحفية المتميزة على مستوى دقة الخبر',
      'clean/footer',
    ],
    [
      'افتتاح معرض الكتاب في الرباط بمشاركة واسعة    ارتفاع أسعار الذهب مع تراجع الدولار الأمريكي    المنتخب يستعد لمواجهة ودية أمام ضيفه    وزير الصحة يتفقد مستشفى جديدا في الجنوب    أمطار غزيرة متوقعة على',
      'clean/ticker',
    ],
  ];
  for (const [text, rule] of cases) it(`should drop "${text}" with ${rule}`, () => expect(ruleFor(text)).toBe(rule));

  it('should take 120 words or more with no comma for headlines run together, and keep prose with commas', () => {
    const headlines = [
      'وزير الخارجية يبحث هاتفيا التطورات في المنطقة',
      'ارتفاع أسعار الذهب في الأسواق المحلية اليوم',
      'المنتخب يستعد لمواجهة ودية أمام ضيفه الأسبوع المقبل',
      'أمطار غزيرة متوقعة على المرتفعات الجنوبية',
      'افتتاح معرض الكتاب الدولي بمشاركة مئة دار نشر',
      'البنك المركزي يرفع سعر الفائدة ربع نقطة مئوية',
      'تدشين مشروع لتحلية مياه البحر شمال البلاد',
      'الشرطة تضبط شبكة لتهريب المخدرات عبر الحدود',
      'جامعة العاصمة تعلن نتائج القبول للعام الجديد',
      'وفد برلماني يزور المستشفى الجامعي ويتفقد أقسامه',
    ];
    const ticker = Array.from({ length: 2 }, () => headlines.join(' ')).join(' ');
    expect(ticker.split(' ').length).toBeGreaterThanOrEqual(120);
    expect(ruleFor(ticker)).toBe('clean/ticker');
    const prose = Array.from({ length: 2 }, () => headlines.join('، ')).join('، ');
    expect(ruleFor(prose)).toBeNull();
    // one word over and over is a degenerate document, left to clean/degenerate
    expect(ruleFor(Array.from({ length: 200 }, () => 'الخبر').join(' '))).toBeNull();
  });

  const body = [
    // a credit of short parts between dashes is no menu
    'محمد اسماعيل - القاهرة - (د ب ا)',
    // a media project in the news is not the site describing itself
    'أطلق رجل الأعمال اليوم مشروع إعلامي جديد في العاصمة يضم عشرات الصحفيين الشباب',
    'وقالت الشركة إن الحسابات نشرت التعليقات نفسها على آلاف المنشورات في فيسبوك وتويتر بهدف التأثير في النقاش العام.',
    'وأكد وزير الاقتصاد أن السياسة المالية للحكومة ستبقى كما هي حتى نهاية العام.',
    'وأضاف: "نحن نستخدم كل الوسائل المتاحة لحماية الموقع الأثري من التعديات".',
    'كما أعلنت الشركة عن إطلاق تطبيق جديد متوفر على متاجر الهواتف الذكية.',
    'وقال المتحدث إن الصورة التي نشرت على الإنترنت مزيفة وسيتم حجبها بعد الإبلاغ عنها من المستخدمين.',
    // a standings table scraped with wide gaps is not a ticker: its cells are short
    'الهلال   30 نقطة   النصر   28 نقطة   الأهلي   25 نقطة',
    'وبحث اللقاء علاقات التعاون والشراكة بين العراق ودول حلف شمال الأطلسي في المجالات المختلفة، السياسية والاقتصادية والأمنية والتجارية،',
  ];
  for (const text of body)
    it(`should keep the body sentence "${text.slice(0, 40)}…"`, () => expect(ruleFor(text)).toBeNull());
});

describe('template leaks', () => {
  it('should find a placeholder-only line and leave nothing', () => {
    expect(findTemplateLeaks('{{ article.visit_count }}')).toEqual({
      rest: '',
      placeholders: ['{{ article.visit_count }}'],
    });
  });
  it('should cut a placeholder out of a sentence and keep the sentence', () => {
    expect(findTemplateLeaks('يستفيد منه ${beneficiaries} مواطن خلال السنوات المقبلة')?.rest).toBe(
      'يستفيد منه مواطن خلال السنوات المقبلة',
    );
  });
  it('should recognise each template language', () => {
    for (const p of [
      '{% endif %}',
      '[[caption]]',
      '<%= views %>',
      '%%TITLE%%',
      '{$author}',
      '__PLACEHOLDER__',
      'undefined',
    ])
      expect(findTemplateLeaks(p)?.rest, p).toBe('');
  });
  it('should leave ordinary brackets alone', () => {
    expect(findTemplateLeaks('وقال (في بيان) إن [المصدر] لم يكشف عن اسمه')).toBeNull();
  });
});

describe('repairs', () => {
  it('should move a stray leading period', () => {
    expect(strayPunctuation('. من جانبه رحب الأمين العام')).toEqual({ punct: '.', rest: 'من جانبه رحب الأمين العام' });
  });
  it('should add the missing space after sentence punctuation but not inside abbreviations', () => {
    expect(fixMissingSpace('مع الحكومة.وبين الكاظمي').text).toBe('مع الحكومة. وبين الكاظمي');
    expect(fixMissingSpace('نقلت أ.ف.ب عن مصدر').count).toBe(0);
    expect(fixMissingSpace('نما 3.5 بالمئة').count).toBe(0);
  });
  it('should split a glued word only when its head stands alone elsewhere in the document', () => {
    const doc = ['بعثة الناتو في العراق', 'التعاون مع حلف الناتوفي دعم القوات'];
    expect(splitGluedWords(doc).paragraphs[1]).toBe('التعاون مع حلف الناتو في دعم القوات');
    expect(splitGluedWords(['المهرجان الثقافي الكبير']).splits).toEqual([]);
  });
});

describe('title and dateline', () => {
  it('should tell headlines from sentences and mastheads', () => {
    expect(looksLikeTitle('الكاظمي يلتقي الأمين العام لحلف شمال الأطلسي في بروكسل')).toBe(true);
    expect(looksLikeTitle('أكد رئيس الوزراء رفض بلاده استخدام أراضيه.')).toBe(false);
    expect(looksLikeTitle('صوت الخرطوم | أخبار السودان على مدار الساعة')).toBe(false);
  });
  it('should recognise standalone datelines', () => {
    for (const d of ['بغداد 24 ـ بروكسل', 'القاهرة - وكالات', 'واشنطن / أ ف ب', '(رويترز)'])
      expect(looksLikeDateline(d), d).toBe(true);
    expect(looksLikeDateline('الكاظمي يصل إلى بروكسل')).toBe(false);
  });
  it('should split inline datelines, harakat included, and not split sentences', () => {
    expect(splitInlineDateline('عمّان - وكالات: أطلقت الحكومة الأردنية مشروعا جديدا للمياه')?.dateline).toBe(
      'عمّان - وكالات',
    );
    expect(splitInlineDateline('الخرطوم (سونا) - أعلنت وزارة الصحة تسجيل إصابات جديدة')?.dateline).toBe(
      'الخرطوم (سونا)',
    );
    expect(splitInlineDateline('(رويترز) - قال مسؤولون إن المحادثات ستستأنف')?.dateline).toBe('(رويترز)');
    // The place is the dateline; "قال المحافظ" is the sentence, not an agency name.
    expect(splitInlineDateline('البصرة - قال المحافظ: إن المشروع سيكتمل قريبا')).toEqual({
      dateline: 'البصرة',
      rest: 'قال المحافظ: إن المشروع سيكتمل قريبا',
    });
    expect(splitInlineDateline('أعلنت الحكومة في بغداد أن الاجتماع سيعقد غدا')).toBeNull();
    // a known agency ends the credit with no closing dash
    expect(splitInlineDateline('القاهرة - أ ش أ أعلنت وزارة النقل افتتاح الطريق الجديد')?.dateline).toBe(
      'القاهرة - أ ش أ',
    );
    // an outlet's credit closed by a slash; a slash after other words is not a credit
    expect(splitInlineDateline('وكالة الرافدين/ أعلنت وزارة النقل افتتاح الطريق الجديد')?.dateline).toBe(
      'وكالة الرافدين',
    );
    expect(splitInlineDateline('الحكومة/ أعلنت وزارة النقل افتتاح الطريق الجديد')).toBeNull();
  });
});

describe('site line index', () => {
  it('should flag a line only when it recurs on at least half of a site’s documents', () => {
    const idx = new SiteLineIndex();
    for (let i = 0; i < SITE_MIN_DOCS; i++) idx.observe('s', ['شعار الموقع', `سطر ${i}`]);
    idx.observe('s', ['خبر آخر']);
    expect(idx.isBoilerplate('s', 'شعار الموقع')).toEqual({ docs: 4, siteDocs: 5 });
    expect(idx.isBoilerplate('s', 'سطر 1')).toBeNull();
    expect(idx.isBoilerplate('other', 'شعار الموقع')).toBeNull();
  });
});
