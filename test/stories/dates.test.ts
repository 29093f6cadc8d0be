import { describe, expect, it } from 'vitest';
import { announcedDate, resolveEventDate } from '../../src/stories/index.js';

const NOW = '2030-01-01';
const when = (text: string, published: string | null, title = '') =>
  resolveEventDate({ text, title, published, now: NOW });

describe('dates: relative expressions against the published date', () => {
  it('should resolve "اليوم الأربعاء" to the published day (seed 000)', () => {
    expect(when('التقى رئيس مجلس الوزراء مصطفى الكاظمي، اليوم الأربعاء، الأمين العام', '2021-06-30')).toMatchObject({
      date: '2021-06-30',
      source: 'relative',
    });
  });

  it('should resolve a bare weekday to the latest such day on or before publication (seed 003)', () => {
    expect(when('أكد رئيس الوزراء العراقي مصطفى الكاظمي الخميس، رفض', '2021-07-01').date).toBe('2021-07-01');
    expect(when('أكد الوزير الأربعاء أن', '2021-07-02').date).toBe('2021-06-30');
  });

  it('should resolve أمس, أول أمس and "الخميس الماضي"', () => {
    expect(when('أعلنت الوزارة أمس أن', '2021-07-01').date).toBe('2021-06-30');
    expect(when('وقع الحادث أول أمس في', '2021-07-01').date).toBe('2021-06-29');
    expect(when('اجتمع الوزراء الخميس الماضي', '2021-06-27').date).toBe('2021-06-24');
    // a week back is background (BACKGROUND_DAYS): the report is about something later, dated by its page
    expect(when('اجتمع الوزراء الخميس الماضي', '2021-07-01')).toMatchObject({ date: '2021-07-01', days: [] });
  });

  it('should skip forward-looking expressions: the report is dated, not what it announces', () => {
    // "غدا الاثنين أول أيام رمضان" announced on Sunday
    expect(when('أعلنت المحكمة أن غدا الاثنين أول أيام رمضان', '2024-03-10')).toMatchObject({
      date: '2024-03-10',
      source: 'published',
    });
    expect(when('قرر الرئيس تنظيم انتخابات يوم 7 سبتمبر 2024', '2024-03-14').date).toBe('2024-03-14');
  });

  it('should not read a weekday written before a full date as a relative day (a site header above the lede)', () => {
    // the header's crawl date is after publication: neither it nor its weekday dates the report
    expect(
      when('الخميس 31 يوليو 2025 10:05 م\nنجح المنتخب الأرجنتيني في التتويج بكأس العالم', '2022-12-18'),
    ).toMatchObject({
      date: '2022-12-18',
      source: 'published',
      days: [],
    });
  });

  it('should keep a weekday written before a day and month with no year ("الجمعة 19 من أيار")', () => {
    expect(when('اختتمت القمة العربية في جدة أعمالها اليوم، الجمعة 19 من أيار، بموافقة الوفود', null).weekdays).toEqual(
      [5],
    );
  });

  it('should read the lede before the headline', () => {
    expect(when('ثبتت مساء الأحد رؤية الهلال', '2024-03-10', 'والاثنين أول أيام الصيام').date).toBe('2024-03-10');
  });
});

describe('dates: explicit dates in their regional month names', () => {
  it('should read Levantine/Iraqi months (حزيران, آذار, تشرين الأول)', () => {
    expect(when('بغداد في 30 حزيران 2021 أعلن', '2021-07-02').date).toBe('2021-06-30');
    expect(when('في 5 آذار 2024 أعلن', '2024-03-06').date).toBe('2024-03-05');
    expect(when('في 12 تشرين الأول 2023 أعلن', '2023-10-13').date).toBe('2023-10-12');
  });

  it('should read Egyptian/Gulf months (يونيو, أغسطس)', () => {
    expect(when('القاهرة في 28 يونيو 2021', '2021-07-01').date).toBe('2021-06-28');
    expect(when('في 3 أغسطس 2022', '2022-08-04').date).toBe('2022-08-03');
  });

  it('should read Maghrebi months (شتنبر, غشت, جويلية, أوت, ماي)', () => {
    expect(when('الرباط في 12 شتنبر 2023', '2023-09-13').date).toBe('2023-09-12');
    expect(when('في 3 غشت 2021', '2021-08-04').date).toBe('2021-08-03');
    expect(when('تونس في 5 جويلية 2022', '2022-07-06').date).toBe('2022-07-05');
    expect(when('الجزائر في 15 أوت 2022', '2022-08-16').date).toBe('2022-08-15');
    expect(when('في 2 ماي 2023', '2023-05-03').date).toBe('2023-05-02');
  });

  it('should take a day and month without a year from the published year', () => {
    expect(when('في 28 يونيو قال', '2021-07-01').date).toBe('2021-06-28');
    expect(when('في 29 ديسمبر قال', '2022-01-01').date).toBe('2021-12-29');
  });

  it('should convert a Hijri date ("29 شعبان 1445 هـ" is 10 March 2024)', () => {
    expect(when('مساء 29 شعبان 1445 هـ ثبتت رؤية الهلال', '2024-03-11')).toMatchObject({
      date: '2024-03-10',
      source: 'explicit',
    });
  });
});

describe('dates: missing and future', () => {
  it('should give no date when there is neither a published date nor one in the text', () => {
    expect(when('التقى الوزير نظيره', null)).toMatchObject({ date: null, source: 'none' });
  });

  it('should not trust a published date in the future, but keep an explicit one from the text', () => {
    expect(when('قال اليوم', '2031-05-05')).toMatchObject({ date: null, futurePublished: true });
    expect(when('في 30 حزيران 2021 قال', '2031-05-05')).toMatchObject({ date: '2021-06-30', futurePublished: true });
  });
});

describe('dates: the day a preview announces', () => {
  const ann = (text: string, published: string | null, title = '') =>
    announcedDate({ text, title, published, now: NOW });

  it('should date a preview by its fixture, not by its page stamp', () => {
    // published on a Tuesday, a timestamp first, the final on Thursday
    const a = ann(
      'الرباط في الثلاثاء 3 مارس 2026 10:15 صباحا - ينتظر الجمهور مباراة الوداد والرجاء التي تقام يوم الخميس 5 مارس 2026 على ملعب المدينة.',
      '2026-03-03',
    );
    expect(a).toMatchObject({ date: '2026-03-05' });
  });

  it('should read "غدا", "الخميس المقبل" and a bare weekday forward, and "اليوم" as the published day', () => {
    expect(ann('يلتقي الفريقان غدا في الملعب الكبير', '2026-03-03')?.date).toBe('2026-03-04');
    expect(ann('يستعد المنتخب لمواجهة منافسه، الخميس، في نصف النهائي', '2026-03-02')?.date).toBe('2026-03-05');
    expect(ann('تقام المباراة الخميس المقبل', '2026-03-05')?.date).toBe('2026-03-12');
    expect(ann('يحتضن الملعب مساء اليوم المباراة النهائية', '2026-03-05')?.date).toBe('2026-03-05');
  });

  it('should skip past days, "حتى" and days beyond PREVIEW_AHEAD_DAYS', () => {
    expect(ann('فاز الفريق أمس على منافسه ويلتقي غدا بطل المجموعة', '2026-03-03')?.date).toBe('2026-03-04');
    expect(ann('البطولة مستمرة حتى 20 مارس ويلعب الفريق الخميس', '2026-03-03')?.date).toBe('2026-03-05');
    expect(ann('تنطلق البطولة في 30 أبريل 2026', '2026-03-03')).toBeNull();
  });

  it('should give only the weekday when nothing anchors it', () => {
    expect(ann('يلتقي الفريقان الخميس المقبل في الدوحة', null)).toMatchObject({ date: null, weekdays: [4] });
  });
});

describe('dates: a day recalled in a relative clause', () => {
  it('should not date a report by the day of what it follows up ("الزلزال الذي ضرب الاثنين")', () => {
    // a toll published on Thursday for the storm "that struck on Monday": the report is Thursday's
    const d = when('ارتفعت حصيلة ضحايا العاصفة التي ضربت الاثنين المدن الساحلية إلى 300 قتيل', '2026-03-05');
    expect(d).toMatchObject({ date: '2026-03-05', source: 'published', days: [] });
    // with no published date, a full date in the clause is not the report's day either
    expect(when('ارتفعت حصيلة الفيضان الذي ضرب المدينة في 2 مارس 2026 إلى 300 قتيل', null).days).toEqual([]);
  });

  it('should keep a day in a relative clause that is the published day, and a day after a comma', () => {
    expect(when('أعلنت الهيئة نتائج الانتخابات التي جرت اليوم', '2026-03-05').date).toBe('2026-03-05');
    expect(when('الجلسة التي عقدها المجلس في القصر، أمس الأربعاء', '2026-03-05').date).toBe('2026-03-04');
  });
});
