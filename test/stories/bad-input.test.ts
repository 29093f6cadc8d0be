import { describe, expect, it } from 'vitest';
import { Clusterer } from '../../src/stories/index.js';
import { article } from './helpers.js';

const NOW = '2024-06-01';
const rules = (a: { trace: { rule: string }[] }) => a.trace.map((r) => r.rule);

describe('stories: bad input gets a decision and a reason', () => {
  it('should cluster an article with no date on content alone (stories/no-date)', () => {
    const c = new Clusterer({ now: NOW });
    const first = c.add(
      article(
        'a',
        'استقبل رئيس الوزراء العراقي محمد شياع السوداني في بغداد وزير الخارجية الإيراني لبحث أمن الحدود وملف الغاز',
        { published: '2024-03-09' },
      ),
    );
    const undated = c.add(
      article(
        'b',
        'بحث رئيس الوزراء العراقي محمد شياع السوداني في بغداد مع وزير الخارجية الإيراني أمن الحدود وديون الغاز',
      ),
    );
    expect(rules(undated)).toContain('stories/no-date');
    expect(undated.why?.reasons?.map((r) => r.rule)).toContain('stories/no-date');
    expect(undated.eventDate).toBe('2024-03-09'); // the event's date
    expect(undated.event).toBe(first.event);
    expect(undated.why?.decision).toBe('joined-event');
  });

  it('should ignore a published date in the future and say so (stories/future-date)', () => {
    const c = new Clusterer({ now: NOW });
    const a = c.add(article('f', 'أعلن البنك المركزي المصري اليوم رفع سعر الفائدة', { published: '2031-01-01' }));
    expect(rules(a)).toContain('stories/future-date');
    expect(rules(a)).toContain('stories/no-date');
    expect(a.eventDate).toBeNull();
  });

  it('should cluster an article without entities on its terms (stories/no-entities)', () => {
    const c = new Clusterer({ now: NOW });
    const a = c.add(
      article('n1', 'ارتفعت أسعار الطماطم والبصل في الأسواق الشعبية بنسبة كبيرة هذا الأسبوع بسبب موجة البرد', {
        published: '2024-03-09',
      }),
    );
    const b = c.add(
      article('n2', 'موجة البرد ترفع أسعار الطماطم والبصل في الأسواق الشعبية هذا الأسبوع', { published: '2024-03-09' }),
    );
    expect(rules(a)).toContain('stories/no-entities');
    expect(a.entities).toEqual([]);
    expect(b.event).toBe(a.event);
  });

  it('should give a non-Arabic article an event and story of its own (stories/not-arabic)', () => {
    const c = new Clusterer({ now: NOW });
    const en = c.add(
      article(
        'en',
        'NATO Secretary General Jens Stoltenberg met Iraqi Prime Minister Mustafa al-Kadhimi in Brussels on Wednesday.',
        { published: '2021-06-30' },
      ),
    );
    expect(rules(en)).toContain('stories/not-arabic');
    expect(en.event).toBe('ev_en');
    expect(en.story).toBe('st_en');
    expect(en.why?.decision).toBe('not-arabic');
    expect(c.activeEvents).toBe(0);
  });

  it("should put a duplicate in its canonical article's event, and note an unknown canonical", () => {
    const c = new Clusterer({ now: NOW });
    const canon = c.add(
      article('c1', 'أعلنت المديرية العامة للأرصاد الجوية نشرة إنذارية من المستوى البرتقالي في طنجة', {
        published: '2024-03-05',
      }),
    );
    const dup = c.add(
      article('c2', 'نص مختلف تماما عن حفل موسيقي في مراكش', { published: '2024-03-05', duplicateOf: 'c1' }),
    );
    expect(dup.event).toBe(canon.event);
    expect(dup.why?.decision).toBe('duplicate-of-canonical');
    const orphan = c.add(
      article('c3', 'نص آخر عن حفل موسيقي في مراكش', { published: '2024-03-05', meta: { duplicate_of: 'nope' } }),
    );
    expect(rules(orphan)).toContain('stories/duplicate-canonical-unknown');
  });
});
