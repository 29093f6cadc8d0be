import { describe, expect, it } from 'vitest';
import { happeningOf, happeningConflict, tallyAdd } from '../../src/stories/happening.js';
import { resolveEventDate } from '../../src/stories/index.js';
import { normalize } from '../../src/text/normalize.js';
import { findDates } from '../../src/text/dates.js';
import { Clusterer } from '../../src/stories/index.js';
import { article } from './helpers.js';

const NOW = '2030-01-01';
const hap = (title: string, lede = '') => happeningOf(normalize(title), normalize(lede));
const days = (text: string, published: string | null) => resolveEventDate({ text, published, now: NOW });
const iso = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);

describe('dates: every day a text names', () => {
  it('should keep the weekdays a text names when no published date anchors them ("اليوم الأربعاء" → 3)', () => {
    expect(days('التقى رئيس مجلس الوزراء، اليوم الأربعاء، الأمين العام', null)).toMatchObject({
      date: null,
      source: 'none',
      weekdays: [3],
    });
  });

  it('should let a night reach into the next day and a dawn back into the day before', () => {
    // "مساء السبت" and "فجر اليوم الأحد" are the same night
    expect(days('نجا من محاولة اغتيال في ساعات متأخرة من مساء السبت', null).weekdays).toEqual([0, 6]);
    expect(days('تعرض رئيس الوزراء، فجر اليوم الأحد، لمحاولة اغتيال', '2021-11-07').days.map(iso)).toEqual([
      '2021-11-06',
      '2021-11-07',
    ]);
  });

  it('should let "مساء أمس" reach into today, as any night does', () => {
    expect(days('اندلعت حرائق كبيرة مساء أمس في غابات تيزي وزو', '2021-08-10').days.map(iso)).toEqual([
      '2021-08-09',
      '2021-08-10',
    ]);
    expect(days('اندلعت حرائق كبيرة أمس في غابات تيزي وزو', '2021-08-10').days.map(iso)).toEqual(['2021-08-09']);
  });

  it('should not take what is announced ("غدا", "السبت المقبل") as a day of the report', () => {
    expect(days('تبدأ الحملة غدا الأحد', '2021-02-13').days.map(iso)).toEqual([]);
  });

  it('should read every explicit date in every month family, Hijri too', () => {
    const found = findDates(normalize('في 18 دجنبر 2021 ثم 5 جانفي 2022 و12 كانون الثاني 2022 و14 ذو القعدة 1442 هـ'));
    expect(found.map((f) => f.iso)).toEqual([
      '2021-12-18',
      '2022-01-05',
      '2022-01-12',
      expect.stringMatching(/^2021-06-2/),
    ]);
  });

  it('should date a report by the day its text calls today, not by a page date long after (stories/stale-published)', () => {
    // a site header's date (the crawl) on a report of 16 December 2023
    const d = days('نعى الديوان الأميري، اليوم السبت الموافق 16 ديسمبر 2023، الأمتين العربية والإسلامية', '2024-11-23');
    expect(d).toMatchObject({ date: '2023-12-16', stalePublished: '2024-11-23' });
    // a weekday that is not the date's weekday is no evidence; a page date a day later is the report's
    expect(days('أعلن اليوم الأحد 16 ديسمبر 2023 عن', '2024-11-23')).toMatchObject({ date: '2024-11-23' });
    expect(days('أعلن اليوم السبت 16 ديسمبر 2023 عن', '2023-12-17').stalePublished).toBeUndefined();
    const c = new Clusterer({ now: NOW });
    const a = c.add(
      article('a', 'نعى الديوان الأميري، اليوم السبت الموافق 16 ديسمبر 2023، الأمتين', { published: '2024-11-23' }),
    );
    expect(a.trace.map((r) => r.rule)).toContain('stories/stale-published');
  });

  it('should not date an undated report by a day a verb in the future announces (stories/future-clause)', () => {
    // a result of July that says when the winner takes office
    const text = 'أعلن المجلس الدستوري رسميا فوز الغزواني بولاية ثانية. وسيتولى الغزواني منصبه في 2 آب 2024.';
    expect(days(text, null)).toMatchObject({ date: null, source: 'none', days: [], futureClause: '2024-08-02' });
    // the same date as the report's own, or words that only begin like a future verb, still date it
    expect(days('تولى الغزواني منصبه في 2 آب 2024.', null)).toMatchObject({ date: '2024-08-02' });
    expect(days('أكدت السياسة الجديدة في 2 آب 2024 أن', null)).toMatchObject({ date: '2024-08-02' });
    // with a published date the day after it is skipped anyway; the rule is not needed
    expect(days(text, '2024-07-04').futureClause).toBeUndefined();
    const c = new Clusterer({ now: NOW });
    const a = c.add(article('a', text));
    expect(a.eventDate).toBeNull();
    expect(a.trace.find((r) => r.rule === 'stories/future-clause')?.evidence).toMatchObject({
      announced: '2024-08-02',
    });
  });

  it('should date a report by the weekday it calls today when the page is a day late (stories/today-weekday)', () => {
    // Friday 19 May 2023's summit, on a page of Saturday the 20th: Friday, and not Saturday too
    const d = days('انطلقت أعمال القمة العربية في دورتها الثانية والثلاثين اليوم (الجمعة) في مدينة جدة', '2023-05-20');
    expect(d).toMatchObject({ date: '2023-05-19', source: 'relative', todayWeekday: 'الجمعه' });
    expect(d.days.map(iso)).toEqual(['2023-05-19']);
    // the page's own weekday, or none, is read as before
    expect(days('انطلقت أعمال القمة العربية اليوم السبت في جدة', '2023-05-20')).toMatchObject({ date: '2023-05-20' });
    expect(days('انطلقت أعمال القمة العربية اليوم في جدة', '2023-05-20').todayWeekday).toBeUndefined();
    const c = new Clusterer({ now: NOW });
    const a = c.add(article('a', 'انطلقت أعمال القمة العربية اليوم (الجمعة) في جدة', { published: '2023-05-20' }));
    expect(a.eventDate).toBe('2023-05-19');
    expect(a.trace.find((r) => r.rule === 'stories/today-weekday')?.evidence).toMatchObject({ today: 'الجمعه' });
  });

  it('should take an explicit date a month or more before publication as background, not the event date', () => {
    // an explainer of 2022 that opens on the port blast of 4 August 2020
    const d = days('في 4 آب / أغسطس 2020، أشعل مخبأ يضم نترات الأمونيوم انفجارا هائلا', '2022-06-13');
    expect(d).toMatchObject({ date: '2022-06-13', source: 'published', days: [] });
  });
});

describe('happening: what makes one happening', () => {
  it('should tell a match preview from its result', () => {
    expect(hap('تعرف على موعد نهائي دوري أبطال إفريقيا بين الأهلي وكايزر تشيفز').phase).toBe('preview');
    expect(hap('الأهلي يتوج بطلا لدوري أبطال إفريقيا للمرة الـ 12').phase).toBe('result');
    // the final is tonight: "يواجه" says so before "التتويج" names what is at stake
    expect(hap('المغرب يواجه الأردن في تتويج كأس العرب 2025 على ملعب لوسيل').phase).toBe('preview');
  });

  it("should tell a third party's reaction from the happening it reacts to", () => {
    const t = {};
    tallyAdd(t, hap('وفاة رئيس دولة الإمارات الشيخ خليفة بن زايد', 'أعلنت وزارة شؤون الرئاسة اليوم وفاة الشيخ خليفة'));
    const pope = hap(
      '',
      'حرص قداسة البابا تواضروس الثاني، بابا الإسكندرية، على تقديم التعازى في وفاة الشيخ خليفة بن زايد',
    );
    expect(pope.reaction).toBe(true);
    expect(happeningConflict(pope, t)).toBe('a reaction to the happening, not the happening');
    // "تعزيز" is not "تعزية", even cut at the edge of the lede's opening
    expect(hap('', 'عقد مجلس حلف شمال الأطلسي اجتماعا لمناقشة سبل تعزيز التعاون').reaction).toBe(false);
  });

  it('should keep every score of a report: a final on penalties is 3-3, 4-2 and 4-3 in three reports', () => {
    const t = {};
    tallyAdd(t, hap('الأرجنتين بطلة كأس العالم', 'بعد تعادلهما 3-3 في الوقتين الأصلي والاضافي'));
    expect(hap('الأرجنتين تتوج بعد الفوز علي فرنسا 4-3', 'بنتيجة 4-2 وكانت انتهت 3-3').scores).toEqual([
      '3-4',
      '2-4',
      '3-3',
    ]);
    expect(
      happeningConflict(hap('الأرجنتين تتوج بعد الفوز علي فرنسا 4-3', 'بنتيجة 4-2 وكانت انتهت 3-3'), t),
    ).toBeNull();
    expect(happeningConflict(hap('المغرب يفوز على كندا', 'بنتيجة 2-1'), t)).toBe('score: 1-2 ≠ 3-3');
  });

  it('should read the edition and the year of a recurring happening', () => {
    expect(hap('اختتام أعمال القمة الخليجية الـ44 في الدوحة').ordinals).toEqual({ edition: 44 });
    expect(hap('', 'افتتح الأمير أعمال الدورة الحادية والأربعين للمجلس').ordinals).toEqual({ edition: 41 });
    expect(hap('انطلاق القمة الخليجية الرابعة والأربعون').ordinals).toEqual({ edition: 44 });
    expect(hap('', 'وافقت الوفود في ختام كوب 29 على تمويل المناخ').ordinals).toEqual({ edition: 29 });
    expect(hap('', 'فاز المرشح في الدورة الثانية من الجلسة').ordinals).toEqual({});
    expect(hap('الكويت تقر ميزانية الدولة للعام المالي 2025').ordinals).toEqual({ year: 2025 });
    const t = {};
    tallyAdd(t, hap('الحكومة تقر ميزانية لعام 2024'));
    expect(happeningConflict(hap('الحكومة تقر ميزانية لعام 2025'), t)).toBe('year ordinal: 2025 ≠ 2024');
  });

  it('should read a score that ends a sentence, and not a date', () => {
    expect(hap('', 'تعادل الفريقان بنتيجة 3-3. ثم حسمت ركلات الترجيح اللقب').scores).toEqual(['3-3']);
    expect(hap('', 'صدر القرار في 3-3.2020 عن المحكمة').scores).toEqual([]);
  });

  it('should not read a clause that follows a name as the name ("الأمير حمزة والوضع")', () => {
    const c = new Clusterer({ now: NOW });
    const a = c.add(article('a', 'قال الوزير إن الأمير حمزة والوضع تحت السيطرة بعد اعتقال المقربين منه'));
    expect((a.entities ?? []).map((e) => e.name).join('|')).not.toMatch(/والوضع/);
  });

  it('should read ordinals in words and digits ("الشحنة العاشرة", "أول دفعة", "للمرة الـ 11")', () => {
    expect(hap('وصول الشحنة العاشرة من لقاح فايزر').ordinals).toEqual({ shipment: 10 });
    expect(hap('وصول أول دفعة من لقاح فايزر الى لبنان').ordinals).toEqual({ shipment: 1 });
    expect(hap('للمرة 11 بتاريخه .. الأهلي يتوج بطلا').ordinals).toEqual({ title: 11 });
  });

  it('should read a score and the act the headline names', () => {
    expect(hap('السنغال تقصي مصر', 'بالفوز (1-0) على مصر').score).toBe('0-1');
    expect(hap('الكاظمي يتلقى اتصالًا هاتفيًا من نظيره البريطاني').act).toBe('call');
    expect(hap('الكاظمي يستقبل الأمين العام للناتو').act).toBe('meeting');
  });

  it("should tell a leader's death from his successor's election and oath, and an election from its oath", () => {
    expect(hap('الإمارات: وفاة رئيس الدولة الشيخ خليفة بن زايد').act).toBe('death');
    expect(hap('محمد بن زايد رئيس الإمارات بإجماع المجلس الأعلى للاتحاد').act).toBe('vote');
    expect(hap('الشيخ مشعل الأحمد الجابر الصباح يؤدي اليمين الدستوري').act).toBe('oath');
    // a toll's count is not a death
    expect(hap('ارتفاع حصيلة الزلزال المدمر إلى 45 ألف وفاة').act).toBeNull();
    expect(hap('تسجيل 12 وفاة جديدة بفيروس كورونا').act).toBeNull();
    const death = {};
    tallyAdd(death, hap('الديوان الأميري يعلن وفاة أمير الكويت'));
    expect(happeningConflict(hap('انتخاب محمد بن زايد رئيسا للإمارات'), death)).toBe('act: vote ≠ death');
    expect(happeningConflict(hap('مشعل الأحمد يؤدي اليمين الدستوري'), death)).toBe('act: oath ≠ death');
    // an undated report must name the event's act (strict), but a parliament elects and swears in at one sitting
    const vote = {};
    tallyAdd(vote, hap('انتخاب قائد الجيش جوزيف عون رئيسا للبنان'));
    expect(happeningConflict(hap('جوزيف عون يؤدي اليمين الدستورية'), vote, true)).toBeNull();
  });

  it('should say why two happenings conflict, and not when they agree', () => {
    const t = {};
    tallyAdd(t, hap('وصول أول شحنة من لقاح فايزر'));
    expect(happeningConflict(hap('وصول الشحنة العاشرة من لقاح فايزر'), t)).toBe('shipment ordinal: 10 ≠ 1');
    expect(happeningConflict(hap('وصول الدفعة الأولى من لقاح فايزر'), t)).toBeNull();
  });
});

describe('events: evidence in proportion to uncertainty', () => {
  const lede = (day: string) =>
    `التقى وزير الخارجية الأردني أيمن الصفدي ${day} في عمان نظيره المصري سامح شكري وبحث الجانبان التعاون الثنائي والأوضاع الإقليمية وتطورات القضية الفلسطينية`;

  it('should never join an event whose day the text contradicts (stories/different-day)', () => {
    const c = new Clusterer({ now: NOW });
    const [a, b] = [article('a', lede('اليوم الأربعاء')), article('b', lede('الخميس'))].map((x) => c.add(x));
    expect(b.event).not.toBe(a.event);
    expect(b.story).toBe(a.story);
    expect(b.trace.map((r) => r.rule)).toContain('stories/different-day');
  });

  it('should not join an undated article to a dated event on another day of the year it names (no year)', () => {
    const quake = (day: string) =>
      `ضرب زلزال مدمر مساء يومه الإثنين ${day} المنطقة الحدودية بين تركيا وسوريا وأفادت إدارة الكوارث التركية بانهيار مبان في هاتاي وحلب`;
    const c = new Clusterer({ now: NOW });
    const a = c.add(article('a', quake('6 فبراير 2023'), { published: '2023-02-06' }));
    const b = c.add(article('b', quake('20 فبراير')));
    const same = c.add(article('c', quake('6 فبراير')));
    expect(b.event).not.toBe(a.event);
    expect(b.trace.map((r) => r.rule)).toContain('stories/different-day');
    expect(same.event).toBe(a.event);
  });

  it('should join on the same named weekday, and say so (stories/date-weekday)', () => {
    const c = new Clusterer({ now: NOW });
    const [a, b] = [article('a', lede('اليوم الأربعاء')), article('b', lede('الأربعاء'))].map((x) => c.add(x));
    expect(b.event).toBe(a.event);
    expect(b.trace.map((r) => r.rule)).toContain('stories/date-weekday');
  });

  it('should ask an undated article for a stronger match than a dated one (stories/date-undated)', () => {
    // the same pair of texts joins when both are dated, not when one has no date at all
    const weak = 'الصفدي يبحث مع شكري في عمان التعاون الثنائي';
    const dated = new Clusterer({ now: NOW });
    const d1 = dated.add(article('a', lede('اليوم الأربعاء'), { published: '2021-06-30' }));
    const d2 = dated.add(article('b', weak, { published: '2021-06-30' }));
    const undated = new Clusterer({ now: NOW });
    const u1 = undated.add(article('a', lede('اليوم الأربعاء'), { published: '2021-06-30' }));
    const u2 = undated.add(article('b', weak));
    expect(d2.event).toBe(d1.event);
    expect(d2.trace.map((r) => r.rule)).toContain('stories/date-same-day');
    expect(u2.event).not.toBe(u1.event);
    expect(u2.trace.map((r) => r.rule)).toContain('stories/no-date');
  });

  it("should take an undated report's lead actor from its headline or opening only (stories/different-actor)", () => {
    const meeting =
      'التقى وزير الخارجية الأردني أيمن الصفدي في عمان نظيره المصري سامح شكري وبحث الجانبان التعاون الثنائي والأوضاع الإقليمية وتطورات القضية الفلسطينية وسبل دعم الاستقرار في المنطقة';
    const report = (opening: string) =>
      `${opening} في عمان وبحث الجانبان التعاون الثنائي والأوضاع الإقليمية وتطورات القضية الفلسطينية وسبل دعم الاستقرار في المنطقة وأكد الجانبان أهمية التنسيق المستمر. وقال رئيس مجلس النواب الأردني عبد المنعم العودات إن اللقاء مهم`;
    const run = (opening: string) => {
      const c = new Clusterer({ now: NOW });
      const a = c.add(article('a', meeting, { published: '2021-06-30' }));
      return [a, c.add(article('b', report(opening)))];
    };
    // the speaker of parliament is first named past the opening: a by-stander, not the report's lead
    const [a, b] = run('التقى وزيرا خارجية الأردن ومصر');
    expect(b.event).toBe(a.event);
    // named in the opening, he is its lead, and not among the event's people
    const [x, y] = run('التقى رئيس مجلس النواب الأردني عبد المنعم العودات وزيري خارجية الأردن ومصر');
    expect(y.event).not.toBe(x.event);
    expect(y.trace.map((r) => r.rule)).toContain('stories/different-actor');
  });

  it('should not guess between two happenings an undated article is as close to (stories/ambiguous-undated)', () => {
    const toll = (n: string) =>
      `ارتفعت حصيلة ضحايا الزلزال المدمر في تركيا وسوريا إلى ${n} قتيل وفق إدارة الكوارث التركية ووزارة الصحة السورية وتتواصل عمليات البحث تحت الأنقاض في هاتاي وحلب`;
    const c = new Clusterer({ now: NOW });
    // tolls in hundreds: two tolls in thousands this far apart would conflict (stories/toll-conflict)
    const a = c.add(article('a', toll('300'), { published: '2023-02-07' }));
    const b = c.add(article('b', toll('900'), { published: '2023-02-24' }));
    const u = c.add(article('u', toll('600')));
    expect(b.event).not.toBe(a.event);
    expect(u.event).not.toBe(a.event);
    expect(u.event).not.toBe(b.event);
    const amb = u.trace.find((r) => r.rule === 'stories/ambiguous-undated');
    expect(amb?.evidence).toMatchObject({ event: expect.any(String), runner_up: expect.any(String) });
    // with one such happening in the window, the same report joins it on its words
    const one = new Clusterer({ now: NOW });
    const x = one.add(article('a', toll('300'), { published: '2023-02-07' }));
    const y = one.add(article('u', toll('600')));
    expect(y.event).toBe(x.event);
    expect(y.trace.map((r) => r.rule)).toContain('stories/date-undated');
  });

  it('should read the first death toll of a report ("45 ألف وفاة" → 45000)', () => {
    const toll = (title: string, lede = '') => hap(title, lede).toll;
    expect(toll('ارتفاع حصيلة ضحايا الزلزال إلى 45 ألف وفاة')).toBe(45000);
    expect(toll('53 قتيلا على الأقل في حصيلة مؤقتة')).toBe(53);
    expect(toll('', 'أسفر الانفجار عن مقتل 76 شخصا وإصابة 440 آخرين')).toBe(76);
    expect(toll('', 'ذكر مكتب الأمم المتحدة أن 11300 على الأقل لقوا حتفهم')).toBe(11300);
    expect(toll('', 'ارتفع عدد قتلى الفيضانات في المدينة إلى أكثر من 50 ألفا، وفق إحصاء رسمي')).toBe(50000);
    expect(toll('', 'وصل عدد القتلى إلى 10.000 قتيل')).toBe(10000);
    // a number that counts something else is no toll
    expect(toll('30 ألف مشرد إثر العاصفة', 'وفاة الملكة عن 96 عاما')).toBeNull();
  });

  it("should not let an undated report of a toll in thousands join another update's event (stories/toll-conflict)", () => {
    const report = (n: string) =>
      `ارتفعت حصيلة ضحايا الزلزال المدمر الذي ضرب جنوب البلاد إلى ${n} قتيل وفق إدارة الكوارث والطوارئ وتتواصل عمليات البحث عن ناجين تحت أنقاض المباني المنهارة في المدن المنكوبة`;
    const run = (n: string) => {
      const c = new Clusterer({ now: NOW });
      const a = c.add(article('a', report('13 ألف'), { published: '2023-02-08' }));
      return [a, c.add(article('u', report(n)))];
    };
    // the update of two weeks on shares every word but its toll
    const [a, u] = run('45 ألف');
    expect(u.event).not.toBe(a.event);
    const r = u.trace.find((x) => x.rule === 'stories/toll-conflict');
    expect(r?.evidence).toMatchObject({ event: a.event, basis: 'toll-conflict' });
    expect(r?.message).toContain('toll: 45000 ≠ 13000');
    // the next morning's count (within TOLL_RATIO) is the same update; so is a count in hundreds (the first hours)
    for (const n of ['15 ألف', '800']) {
      const [x, y] = run(n);
      expect(y.event).toBe(x.event);
      expect(y.trace.map((t) => t.rule)).toContain('stories/date-undated');
    }
  });

  it('should look for a toll past the lede when the headline and lede name none (TOLL_CHARS)', () => {
    const opening =
      'انتشرت مقاطع مصورة تظهر كيف تحولت شوارع المدينة الساحلية إلى أنهار جارفة في غضون دقائق بسبب العاصفة التي ضربت الساحل الشرقي للبلاد وجرفت السيول المنازل والسيارات إلى البحر وسط صعوبات كبيرة تواجهها فرق الإنقاذ في الوصول إلى الأحياء المنكوبة بعد انهيار الجسور وانقطاع الطرق والاتصالات عن أجزاء واسعة من المدينة ';
    const report = (n: string) => `${opening.repeat(2)}وحذر مسؤولون من أن حصيلة ضحايا الفيضانات قد تصل إلى ${n} قتيل.`;
    expect(report('20 ألف').indexOf('حصيلة')).toBeGreaterThan(400);
    const c = new Clusterer({ now: NOW });
    const a = c.add(article('a', report('2000'), { published: '2023-09-11' }));
    const u = c.add(article('u', report('20 ألف')));
    expect(u.event).not.toBe(a.event);
    expect(u.trace.find((x) => x.rule === 'stories/toll-conflict')?.message).toContain('toll: 20000 ≠ 2000');
  });

  it('should read a score written in words ("بهدف نظيف" → 0-1), as a winner\'s tally is written', () => {
    const words = (lede: string) => hap('', lede).wordScores;
    expect(words('تأهل المغرب بعد فوزه على البرتغال بهدف دون رد')).toEqual(['0-1']);
    expect(words('فاز المنتخب السعودي على الأرجنتين بهدفين لهدف')).toEqual(['1-2']);
    expect(words('توج الأهلي بفوزه على كايزر تشيفز بثلاثية نظيفة')).toEqual(['0-3']);
    expect(words('انتهى الشوط الأول بالتعادل السلبي')).toEqual(['0-0']);
    // not a tally: "بهدف" as "with the aim of"
    expect(words('عقد الوزيران اجتماعا بهدف تعزيز التعاون الثنائي')).toEqual([]);
  });

  it('should let an undated report that names the match score in words join as a day apart would (stories/date-word-score)', () => {
    const match =
      'تأهل المنتخب المغربي إلى نصف نهائي كأس العالم بعد فوزه على نظيره البرتغالي بهدف دون رد في مباراة ربع النهائي التي أقيمت على ملعب الثمامة في الدوحة';
    const run = (score: string) => {
      const c = new Clusterer({ now: NOW });
      const a = c.add(article('a', match, { published: '2022-12-10' }));
      const b = c.add(
        article(
          'b',
          `واصل المنتخب المغربي كتابة التاريخ بالتأهل إلى المربع الذهبي للمونديال بعد الفوز على البرتغال ${score} سجله يوسف النصيري برأسية في الشوط الأول`,
        ),
      );
      return [a, b];
    };
    // about 0.35 cosine: short of content alone (0.36), but the same result in other words
    const [a, b] = run('بهدف نظيف');
    expect(b.event).toBe(a.event);
    expect(b.trace.find((r) => r.rule === 'stories/date-word-score')?.message).toContain('score 0-1 (in words)');
    // another result is not that match: content alone decides, and it is too little
    const [x, y] = run('بثلاثية نظيفة');
    expect(y.event).not.toBe(x.event);
  });

  it('should keep an undated report of a phone call out of an event that names no act (stories/solitary-act)', () => {
    const decision =
      'أعلن حلف شمال الأطلسي اليوم الثلاثاء أن وزراء دفاع الحلف سيبحثون زيادة عدد قوات بعثة الناتو في العراق وتوسيع مهامها التدريبية بطلب من الحكومة العراقية';
    const run = (what: string) => {
      const c = new Clusterer({ now: NOW });
      const a = c.add(article('a', decision, { published: '2021-02-16' }));
      const b = c.add(
        article(
          'b',
          `${what} رئيس مجلس الوزراء العراقي اليوم الثلاثاء من الأمين العام لحلف شمال الأطلسي ينس ستولتنبرغ، بحثا خلاله زيادة عدد قوات بعثة الناتو في العراق وتوسيع مهامها التدريبية`,
        ),
      );
      return [a, b];
    };
    const [a, b] = run('تلقى اتصالا هاتفيا');
    expect(b.event).not.toBe(a.event);
    const r = b.trace.find((x) => x.rule === 'stories/solitary-act');
    expect(r?.evidence).toMatchObject({ event: a.event, basis: 'solitary-act' });
    // the same words without a call: one more report of the Tuesday's news
    const [x, y] = run('تلقى رسالة');
    expect(y.event).toBe(x.event);
  });

  it("should let an undated report that names the event's edition join as a day apart would (stories/date-same-happening)", () => {
    const summit =
      'اختتمت في الجزائر أعمال الدورة الحادية والثلاثين للقمة العربية بمشاركة القادة العرب وأقر القادة إعلان الجزائر الذي أكد مركزية القضية الفلسطينية ودعم العمل العربي المشترك';
    const run = (edition: string) => {
      const c = new Clusterer({ now: NOW });
      const a = c.add(article('a', summit, { published: '2022-11-02' }));
      return [a, c.add(article('b', `شدد القادة في ختام الدورة ${edition} على دعم العمل المشترك`))];
    };
    // too few shared words to join on content alone (cosine about 0.34), but it names the summit's own edition
    const [a, b] = run('الحادية والثلاثين');
    expect(b.event).toBe(a.event);
    const why = b.trace.find((r) => r.rule === 'stories/date-same-happening');
    expect(why?.evidence).toMatchObject({ event: a.event, factor: 0.75 });
    // another edition is another summit
    const [x, y] = run('الثانية والثلاثين');
    expect(y.event).not.toBe(x.event);
  });

  it('should ask an undated article for the same kind of happening as the event (an arrival is not a meeting)', () => {
    const arrival =
      'وصل وزير الخارجية الأردني أيمن الصفدي اليوم الأربعاء إلى القاهرة في زيارة رسمية يبحث خلالها مع نظيره المصري سامح شكري التعاون الثنائي والأوضاع الإقليمية';
    const meeting =
      'التقى وزير الخارجية الأردني أيمن الصفدي نظيره المصري سامح شكري في القاهرة وبحث الجانبان التعاون الثنائي والأوضاع الإقليمية';
    const c = new Clusterer({ now: NOW });
    const a = c.add(article('a', arrival, { published: '2021-06-30' }));
    const b = c.add(article('b', meeting));
    expect(b.event).not.toBe(a.event);
    expect(b.trace.map((r) => r.rule)).toContain('stories/happening-conflict');
    // dated the same day, the meeting is one more report of the visit
    const d = new Clusterer({ now: NOW });
    const x = d.add(article('a', arrival, { published: '2021-06-30' }));
    const y = d.add(article('b', meeting, { published: '2021-06-30' }));
    expect(y.event).toBe(x.event);
  });
});

describe('events: a day apart, one side dated by its page alone', () => {
  const vote =
    'انتخب مجلس النواب اللبناني اليوم الخميس قائد الجيش العماد جوزيف عون رئيسا للجمهورية في الدورة الثانية من جلسة انتخاب الرئيس في بيروت';
  const run = (next: string) => {
    const c = new Clusterer({ now: NOW });
    const a = c.add(article('a', vote, { published: '2025-01-09' }));
    return [a, c.add(article('b', next, { published: '2025-01-10' }))];
  };

  it("should not take the next day's report that names no day for the event's write-up (stories/next-day-unnamed)", () => {
    const [a, b] = run(
      'قالت عضو مجلس النواب اللبناني إن انتخاب قائد الجيش العماد جوزيف عون رئيسا للجمهورية في جلسة مجلس النواب خطوة مهمة لإعادة بناء لبنان',
    );
    expect(b.event).not.toBe(a.event);
    const r = b.trace.find((x) => x.rule === 'stories/next-day-unnamed');
    expect(r?.evidence).toMatchObject({ event: a.event, basis: 'next-day-unnamed' });
  });

  it('should let the write-up join when it names the day, recalls it or says "البارحة"', () => {
    for (const when of ['أمس الخميس', 'البارحة']) {
      const [a, b] = run(
        `انتخب مجلس النواب اللبناني ${when} قائد الجيش العماد جوزيف عون رئيسا للجمهورية في جلسة انتخاب الرئيس`,
      );
      expect(b.event).toBe(a.event);
      expect(b.trace.map((r) => r.rule)).toContain('stories/date-named-day');
    }
    // "في الجلسة التي عقدت أمس الخميس": a recalled day does not date the report, but it is the event's day
    const [a, b] = run(
      'أدى العماد جوزيف عون اليمين الدستورية رئيسا للجمهورية في جلسة انتخاب الرئيس التي عقدها مجلس النواب اللبناني أمس الخميس',
    );
    expect(b.eventDate).toBe(a.eventDate);
    expect(b.trace.map((r) => r.rule)).toContain('stories/date-next-day');
  });
});

describe('stories: people learned from the stream', () => {
  it('should not learn what follows a person after a title as their name (stories/not-learned)', () => {
    const c = new Clusterer({ now: NOW });
    const rules = (text: string) =>
      c
        .add(article(String(c.seq), text))
        .trace.filter((r) => r.rule.endsWith('-learned') || r.rule.endsWith('learned-person'));
    // the accusative of what he was made, with tanween or a title's without it
    const emir = rules('بايع مجلس الأمة بالإجماع الشيخ مشعل أميراً للبلاد في جلسة خاصة عقدها المجلس');
    expect(emir.map((r) => r.rule)).toEqual(['stories/not-learned']);
    expect(emir[0].message).toContain('أميراً is an accusative (tanween)');
    const president = rules('أعلن مجلس النواب انتخاب العميد سمير حداد رئيسا للجمهورية بأغلبية الأصوات');
    expect(president[0]?.message).toContain("رئيسا is a title's accusative");
    // an office to fill is no person's title: "a president for the republic"
    const office = rules('فشل مجلس النواب في انتخاب رئيس للجمهورية وسط فراغ رئاسي مستمر منذ أشهر');
    expect(office[0]?.message).toContain('للجمهورية');
    expect(c.learned).toEqual([]);
    // a name after its title is still learned
    expect(rules('وصل وزير الخارجية العراقي فؤاد حسين إلى عمان في زيارة رسمية').map((r) => r.rule)).toEqual([
      'stories/learned-person',
    ]);
    expect(c.learned.map((e) => e.name)).toEqual(['فؤاد حسين']);
  });
});

describe('stories: a thread taken up again past the window', () => {
  const summit = (n: string, city: string, day: string) =>
    `انطلقت ${day} أعمال القمة العربية ${n} في ${city} بمشاركة القادة العرب وأمين عام جامعة الدول العربية أحمد أبو الغيط لبحث القضية الفلسطينية والأزمة السورية والأمن الغذائي العربي`;

  it('should reopen a story past STORY_WINDOW_DAYS on a close match, and say so (stories/story-reopened)', () => {
    const c = new Clusterer({ now: NOW });
    const a = c.add(
      article('a', summit('الحادية والثلاثين', 'الجزائر', 'اليوم الثلاثاء'), { published: '2022-11-01' }),
    );
    const b = c.add(article('b', summit('الثانية والثلاثين', 'جدة', 'اليوم الجمعة'), { published: '2023-05-19' }));
    expect(b.event).not.toBe(a.event);
    expect(b.story).toBe(a.story);
    expect(b.trace.find((r) => r.rule === 'stories/story-reopened')?.evidence).toMatchObject({ story: a.story });
    // a report that only shares a few words with it starts a story of its own
    const x = c.add(
      article(
        'x',
        'أعلن البنك المركزي المصري اليوم الخميس رفع أسعار الفائدة بمقدار نقطتين مئويتين في اجتماع استثنائي للجنة السياسة النقدية',
        {
          published: '2023-05-25',
        },
      ),
    );
    expect(x.story).not.toBe(a.story);
    expect(x.trace.map((r) => r.rule)).not.toContain('stories/story-reopened');
  });
});

describe('events: a death and the succession (stories/happening-conflict)', () => {
  it("should not join the successor's election to the death it follows, though the report names the death's day", () => {
    const death =
      'أعلنت وزارة شؤون الرئاسة اليوم الجمعة وفاة رئيس دولة الإمارات الشيخ خليفة بن زايد آل نهيان وإعلان الحداد الرسمي في الإمارات';
    const election =
      'انتخب المجلس الأعلى للاتحاد في الإمارات الشيخ محمد بن زايد آل نهيان رئيسا للدولة بعد وفاة الشيخ خليفة بن زايد آل نهيان أمس الجمعة';
    const c = new Clusterer({ now: NOW });
    const a = c.add(article('a', death, { published: '2022-05-13', title: 'وفاة رئيس دولة الإمارات' }));
    const b = c.add(article('b', election, { published: '2022-05-14', title: 'انتخاب محمد بن زايد رئيسا للإمارات' }));
    expect(b.event).not.toBe(a.event);
    expect(b.trace.find((r) => r.rule === 'stories/happening-conflict')?.message).toContain('act: vote ≠ death');
  });
});

describe('gazetteer: data packages and the stream', () => {
  it('should know every country by its Arabic name from i18n-iso-countries, and keep the hand adjectives', () => {
    const c = new Clusterer({ now: NOW });
    const a = c.add(
      article('a', 'وصل وفد من الأوروغواي إلى بوتان في زيارة رسمية، وقال الوزير العراقي إن الوضع المالي صعب'),
    );
    const keys = a.entities!.map((e) => e.key);
    expect(keys).toEqual(expect.arrayContaining(['country:uy', 'country:bt', 'country:iq']));
    expect(keys).not.toContain('country:ml'); // "المالي" is "financial"
  });

  it('should learn a person named after a title and find them later without it (stories/learned-person)', () => {
    const c = new Clusterer({ now: NOW });
    const a = c.add(article('a', 'التقى وزير الخارجية العراقي فؤاد حسين اليوم نظيره في بغداد لبحث التعاون'));
    expect(a.trace.map((r) => r.rule)).toContain('stories/learned-person');
    const b = c.add(article('b', 'وصل فؤاد حسين إلى واشنطن للمشاركة في قمة الحلف'));
    expect(b.entities!.filter((e) => e.type === 'person').map((e) => e.name)).toEqual(['فؤاد حسين']);
    // a fresh clusterer has not learned it: the built-in gazetteer is not changed
    const fresh = new Clusterer({ now: NOW }).add(article('b', 'وصل فؤاد حسين إلى واشنطن للمشاركة في قمة الحلف'));
    expect(fresh.entities!.some((e) => e.type === 'person')).toBe(false);
  });

  it('should not take "لأول مرة" after a title for a name, nor learn it', () => {
    const c = new Clusterer({ now: NOW });
    const a = c.add(article('a', 'يزور الأمير لأول مرة مدينة البصرة اليوم لافتتاح مشروع الميناء'));
    expect(a.entities!.filter((e) => e.type === 'person')).toEqual([]);
    expect(a.trace.map((r) => r.rule)).not.toContain('stories/learned-person');
  });
});
