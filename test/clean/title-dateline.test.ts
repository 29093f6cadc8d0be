/**
 * Titles and datelines on pages shaped like real ones (text written for this test): the forms
 * issue 10 names, each checked with the rule ids the cleaner leaves.
 */
import { describe, expect, it } from 'vitest';
import { lineOf } from '../../src/core/trace.js';
import { newArticle } from '../../src/core/article.js';
import { cleanArticle, listingUrl } from '../../src/clean/index.js';
import { datelineOf, splitInlineDateline } from '../../src/clean/title-dateline.js';
import { slugWords } from '../../src/clean/title.js';

const LEAD = 'أعلنت وزارة الصحة اليوم تسجيل ثلاث إصابات جديدة بالفيروس في العاصمة، وشفاء خمس حالات.';
const MORE = 'وأوضحت الوزارة في بيان أن الحالات الجديدة لمسافرين قادمين من الخارج، وأنها تخضع للحجر الصحي.';
const clean = (raw: string, url: string | null = null) => cleanArticle(newArticle({ id: 't', source: 't', raw, url }));
const rules = (a: ReturnType<typeof clean>) => a.removed.map((r) => `${lineOf(r)}:${r.rule}`);

describe('datelines', () => {
  it('should read the agency and place credits on their own line', () => {
    const own: [string, string][] = [
      ['الرياض-واس', 'الرياض-واس'],
      ['الدوحة - قنا', 'الدوحة - قنا'],
      ['الكويت (كونا)', 'الكويت (كونا)'],
      ['المنامة / بنا', 'المنامة / بنا'],
      ['بكين - شينخوا', 'بكين - شينخوا'],
      ['بغداد- (د ب أ)', 'بغداد- (د ب أ)'],
      ['باريس (أ ف ب)', 'باريس (أ ف ب)'],
      ['أنقرة - الأناضول', 'أنقرة - الأناضول'],
      ['بيروت - وكالات', 'بيروت - وكالات'],
      ['القاهرة/', 'القاهرة'],
      ['شفق نيوز- ذي قار', 'شفق نيوز- ذي قار'],
      ['مسقط - عمان اليوم', 'مسقط - عمان اليوم'],
      ['صوت المدينة _ البصرة', 'صوت المدينة _ البصرة'],
      ['الرياض 15 مارس (واس) -', 'الرياض 15 مارس (واس)'],
      ['عمّان 5 آذار (بترا) -', 'عمّان 5 آذار (بترا)'],
      ['تونس (وات)-', 'تونس (وات)'],
      ['الرياض:', 'الرياض'],
      ['عمّان - الرأي -', 'عمّان - الرأي'],
      ['أربيل (كوردستان24)-', 'أربيل (كوردستان24)'],
      ['تونس 15 جانفي (وات) -', 'تونس 15 جانفي (وات)'],
      ['كشـ24 | و.م.ع نشر في: 9 مارس 2023', 'كشـ24 | و.م.ع'],
      ['الراي الكويتية-', 'الراي الكويتية'],
      ['النهارالاخباريه رام الله', 'النهارالاخباريه رام الله'],
    ];
    for (const [line, want] of own) expect(datelineOf(line), line).toBe(want);
  });
  it('should not take a site name with a date, a masthead or a headline for a dateline', () => {
    for (const line of [
      'مدار الساعة ـ نشر في 2023/01/16 الساعة 03:54',
      'بلد نيوز - أخبار الأردن',
      'الكاظمي يصل إلى بروكسل',
    ])
      expect(datelineOf(line), line).toBeNull();
  });
  it('should split credits glued to the lead, and leave sentences whole', () => {
    const inline: [string, string][] = [
      ['وطنا اليوم:أجرى وزير الصحة اليوم زيارة تفقدية إلى مستشفى جرش', 'وطنا اليوم'],
      ['عروبة الإخباري – قالت أمين عام وزارة الصحة اليوم إن هناك دراسة', 'عروبة الإخباري'],
      ['أبوظبي في 17 سبتمبر / وام / أعلنت وزارة الصحة تسجيل إصابات جديدة', 'أبوظبي في 17 سبتمبر / وام'],
      ['الخرطوم 5 يناير (سونا)- أعلنت وزارة الصحة تسجيل حالات جديدة', 'الخرطوم 5 يناير (سونا)'],
      ['مسقط.شؤون عمانية:تحت رعاية وزير الدولة تدشن وزارة الصحة حملة جديدة', 'مسقط.شؤون عمانية'],
    ];
    for (const [p, want] of inline) expect(splitInlineDateline(p)?.dateline, p).toBe(want);
    for (const p of ['قال الوزير: إن المشروع سيكتمل قريبا جدا', 'في الأثناء - أعلنت الحكومة أن الاجتماع سيعقد غدا'])
      expect(splitInlineDateline(p), p).toBeNull();
  });
  it('should take the credit line above the lead out of the body, and keep a glued credit’s lead as body', () => {
    const a = clean(['وزارة الصحة تسجل ثلاث إصابات جديدة', 'رام الله - وكالة سند للأنباء', LEAD, MORE].join('\n'));
    expect(a.dateline).toBe('رام الله - وكالة سند للأنباء');
    expect(a.trace.find((r) => r.rule === 'clean/dateline')?.place).toEqual({ line: 2 });
    expect(a.paragraphs).toEqual([LEAD, MORE]);
    const b = clean(['وطنا اليوم:' + LEAD, MORE].join('\n'));
    expect(b.dateline).toBe('وطنا اليوم');
    expect(b.paragraphs[0]).toBe(LEAD);
  });
});

describe('titles', () => {
  it('should decode an Arabic URL slug into its words', () =>
    expect(
      slugWords(
        'https://example.com/news/12-%D9%88%D8%B2%D8%A7%D8%B1%D8%A9-%D8%A7%D9%84%D8%B5%D8%AD%D8%A9-%D8%AA%D8%B3%D8%AC%D9%84',
      ),
    ).toEqual(['وزاره', 'الصحه', 'تسجل']));
  it('should keep the words of a slug whose URL was cut inside a letter or carries a stray "%"', () => {
    // "وزارة-الصحة-تسجل" cut after the first byte of "ل"; a literal "%" before the Arabic words
    expect(
      slugWords(
        'https://example.com/news/12-%D9%88%D8%B2%D8%A7%D8%B1%D8%A9-%D8%A7%D9%84%D8%B5%D8%AD%D8%A9-%D8%AA%D8%B3%D8%AC%D9',
      ),
    ).toEqual(['وزاره', 'الصحه', 'تسج']);
    expect(
      slugWords(
        'https://example.com/50%-%D8%AE%D8%B5%D9%85-%D8%B9%D9%84%D9%89-%D8%A7%D9%84%D8%AA%D8%B0%D8%A7%D9%83%D8%B1',
      ),
    ).toEqual(['50', 'خصم', 'التذاكر']);
  });
  it('should never take a byline, a date line or a caption for the headline', () => {
    const a = clean(
      [
        'بقلم / د. أحمد عبد الله',
        'الجمعة, 05 فبراير, 2021 - 08:01 مساءً',
        'وزارة الصحة تسجل ثلاث إصابات جديدة',
        'جانب من المؤتمر',
        LEAD,
        MORE,
      ].join('\n'),
    );
    expect(a.title).toBe('وزارة الصحة تسجل ثلاث إصابات جديدة');
    expect(rules(a)).toEqual(['1:clean/byline', '2:clean/timestamp', '4:clean/header']);
  });
  it('should prefer the headline the URL slug names over teasers of other articles above it', () => {
    const a = clean(
      [
        'الأكثر رواجا',
        'انقطاع المياه عن أحياء واسعة في المدينة منذ يومين',
        'وزارة الصحة تسجل ثلاث إصابات جديدة',
        LEAD,
      ].join('\n'),
      'https://example.com/post/1/وزارة-الصحة-تسجل-ثلاث-إصابات',
    );
    expect(a.title).toBe('وزارة الصحة تسجل ثلاث إصابات جديدة');
    expect(a.trace.find((r) => r.rule === 'clean/title')?.evidence).toMatchObject({ slug: '5/5' });
  });
  it('should drop every copy of the headline, also with the site name glued on', () => {
    const t = 'وزارة الصحة تسجل ثلاث إصابات جديدة';
    const a = clean([t, 'المغرب الرياضي - ' + t, t, LEAD, MORE].join('\n'));
    expect(a.title).toBe(t);
    // the third copy is already a repeat of the first line
    expect(rules(a)).toEqual(['2:clean/title-copy', '3:clean/repeated-paragraph']);
    expect(a.paragraphs).toEqual([LEAD, MORE]);
  });
  it('should take a headline ending in "!" or "?" and keep a page with no headline untitled', () => {
    expect(clean(['هل تتأجل مباراة القمة في الدوري المصري؟', LEAD].join('\n')).title).toBe(
      'هل تتأجل مباراة القمة في الدوري المصري؟',
    );
    expect(clean([LEAD, MORE].join('\n')).title).toBeNull();
  });
});

describe('teasers of other articles', () => {
  it('should drop an excerpt and its "Read More" link, and a teaser cut with "… اقرأ المزيد"', () => {
    const a = clean(
      [
        LEAD,
        MORE,
        'يقول الكاتب في مقاله الأخير إن المدينة تغيرت كثيرا خلال السنوات الماضية ولم تعد كما',
        'Read More',
      ].join('\n'),
    );
    expect(rules(a)).toEqual(['3:clean/teaser', '4:clean/read-more']);
    const b = clean([LEAD, 'الجزء الثاني من المقال يتناول تاريخ المدينة وأسواقها القديمة … اقرأ المزيد'].join('\n'));
    expect(rules(b)).toEqual(['2:clean/teaser']);
  });
});

describe('pages that are not one article', () => {
  it('should reject a tag, category or section listing by its URL', () => {
    expect(listingUrl('https://example.com/tag/%D8%A7%D9%84%D8%B9%D8%B1%D8%A7%D9%82')).toBe('tag');
    expect(listingUrl('https://example.com/Arab-and-world?page=1262')).toBe('page 1262 of a section');
    expect(listingUrl('https://example.com/category/sport/page/3/')).toBe('category');
    expect(listingUrl('https://example.com/2024/05/01/tag-line-of-a-story')).toBeNull();
    expect(listingUrl('https://example.com/news/12345/category-winners-announced')).toBeNull();
    // a page parameter after an article's headline slug is not a section's page
    expect(listingUrl('https://example.com/وزير-الخارجية-يستقبل-سفير-بعثة-الحلف-في-بغداد/أخبار?page=1')).toBeNull();
    expect(listingUrl('https://example.com/اخبار-محلية?page=3')).toBe('page 3 of a section');
    const a = clean([LEAD, MORE].join('\n'), 'https://example.com/tag/الصحة');
    expect(a.rejected?.rule).toBe('clean/index-page');
  });
  it('should drop a later paragraph that opens with the site’s own credit: the next story’s teaser', () => {
    const a = clean(
      [
        'صوت المدينة - البصرة',
        LEAD,
        MORE,
        'صوت المدينة – متابعة أكد وزير الخارجية اليوم أن المحادثات ستستأنف الأسبوع المقبل في جنيف',
      ].join('\n'),
    );
    expect(a.dateline).toBe('صوت المدينة - البصرة');
    expect(rules(a)).toEqual(['4:clean/teaser']);
    expect(a.paragraphs).toEqual([LEAD, MORE]);
  });
  it('should cut a scraper\'s "date 2025-09-17" leak off the line it opens and keep the date', () => {
    const a = clean([' date 2025-09-17 افتتاح معرض الفنون الطلابي في دبي بمشاركة واسعة', '', LEAD, MORE].join('\n'));
    expect(a.title).toBe('افتتاح معرض الفنون الطلابي في دبي بمشاركة واسعة');
    expect(a.published).toBe('2025-09-17');
    expect(a.trace.some((r) => r.rule === 'clean/date-leak')).toBe(true);
    const b = clean([' date 2025-09-17 الدوحة-قنا', LEAD, MORE].join('\n'));
    expect(b.dateline).toBe('الدوحة-قنا');
    expect(b.paragraphs).toEqual([LEAD, MORE]);
  });
  it('should not take a photo caption closed by "- رويترز", a "label: number" line or a linked headline ending " .." for the title', () => {
    const a = clean(
      [
        'رمز الخبر: 48213',
        'وزارة النقل تعلن خطة جديدة لتوسعة الطرق الدولية ..',
        'الحكومة تقر موازنة العام المقبل بعجز أقل من المتوقع',
        'وزير المالية يتحدث إلى الصحفيين في العاصمة يوم 3 مارس آذار 2024 - رويترز',
        LEAD,
        MORE,
      ].join('\n'),
    );
    expect(a.title).toBe('الحكومة تقر موازنة العام المقبل بعجز أقل من المتوقع');
    expect(a.paragraphs).toEqual([LEAD, MORE]);
  });
  it('should read a question run into the next sentence as a headline, not as glued menu words', () => {
    const a = clean(['ما الذي يجري في الميناء؟وزارة النقل تتحرك سريعاً', 'أكتوبر 5, 2025', LEAD, MORE].join('\n'));
    expect(a.title).toBe('ما الذي يجري في الميناء؟وزارة النقل تتحرك سريعاً');
  });
  it('should take the title out of a leaked JSON wrapper line and drop the line', () => {
    const a = clean(
      ['{ "ar": { "title": "حملة تبرعات تجمع مليون دولار في يومها الأول", "content": "', LEAD, MORE].join('\n'),
    );
    expect(a.title).toBe('حملة تبرعات تجمع مليون دولار في يومها الأول');
    expect(rules(a)).toEqual(['1:clean/template-leak']);
    expect(a.paragraphs).toEqual([LEAD, MORE]);
  });
  it('should take a page of menus only, with no paragraph, for navigation, unknown labels and all', () => {
    const menu = ['الصفحة الرئيسية', 'سياسة', 'محليات', 'رياضة', 'أمن', 'اقتصاد', 'تكنولوجيا', 'منوعات'];
    const raw = [...menu, 'ركن المرأة', 'حكايات الأجداد', ...menu, 'مهرجان الصيف الدولي 2026'].join('\n');
    const a = clean(raw);
    expect(a.title).toBeNull();
    expect(a.paragraphs).toEqual([]);
    expect(a.removed.find((r) => r.text === 'ركن المرأة')?.rule).toBe('clean/navigation');
  });
  it('should drop a bulleted headline of another story between the headline and the lead', () => {
    const a = clean(
      [
        'الحكومة تقر موازنة العام المقبل بعجز أقل من المتوقع',
        '* وزارة النقل تعلن افتتاح الطريق الدولي الجديد بين المحافظتين الجنوبيتين',
        LEAD,
        MORE,
      ].join('\n'),
    );
    expect(rules(a)).toEqual(['2:clean/header']);
    expect(a.paragraphs).toEqual([LEAD, MORE]);
  });
  it('should leave a site name or an "عاجل" tag after a dash out of the title, and keep other dashes', () => {
    expect(clean(['الحكومة تقر موازنة العام المقبل بعجز أقل من المتوقع - عاجل', LEAD, MORE].join('\n')).title).toBe(
      'الحكومة تقر موازنة العام المقبل بعجز أقل من المتوقع',
    );
    expect(clean(['الحكومة تقر موازنة العام المقبل - صحيفة المدينة', LEAD, MORE].join('\n')).title).toBe(
      'الحكومة تقر موازنة العام المقبل',
    );
    expect(clean(['قمة ثلاثية تجمع مصر والأردن - العراق', LEAD, MORE].join('\n')).title).toBe(
      'قمة ثلاثية تجمع مصر والأردن - العراق',
    );
  });
});
