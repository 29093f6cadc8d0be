/**
 * Never drop a real sentence: body sentences written for this test that carry the words of
 * boilerplate rules (test/fixtures/clean/negatives/sentences.txt, each with the rule that once
 * took it) must survive when cleaned alone, while the boilerplate forms themselves still go
 * with their rule ids. The same test on every body line of the real labelled pages is the gate
 * in test/real/clean.test.ts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { newArticle } from '../../src/core/article.js';
import { cleanArticle } from '../../src/clean/index.js';

const clean = (raw: string) => cleanArticle(newArticle({ id: 't', source: 't', raw }));

const sentences = readFileSync('test/fixtures/clean/negatives/sentences.txt', 'utf8')
  .split('\n')
  .filter((l) => l.trim() && !l.startsWith('#'))
  .map((l) => {
    const [text, rule] = l.split('  # ');
    return { text: text.trim(), rule: rule.trim() };
  });

describe('body sentences that carry boilerplate words', () => {
  it('should have at least 30 pinned sentences', () => expect(sentences.length).toBeGreaterThanOrEqual(30));
  for (const { text, rule } of sentences)
    it(`should keep "${text}" (once taken by ${rule})`, () => {
      const a = clean(text);
      expect(a.removed).toEqual([]);
      expect(a.paragraphs).toEqual([text]);
      expect(a.title).toBeNull();
    });
});

describe('the boilerplate forms themselves', () => {
  const forms: [string, string][] = [
    ['* المقالات المنشورة تعبر عن آراء كتابها ولا تعبر بالضرورة عن رأي الموقع', 'clean/disclaimer'],
    ['هذه المادة لا تعبر بالضرورة عن رأي الموقع', 'clean/disclaimer'],
    ['تابعونا على تلغرام', 'clean/follow'],
    ['تابعوا قناتنا عبر واتساب', 'clean/follow'],
    ['اشترك الآن', 'clean/follow'],
    ['منذ 3 ساعات', 'clean/timestamp'],
    ['آخر تحديث: 30 يونيو 2021', 'clean/timestamp'],
    ['© 2021 جميع الحقوق محفوظة لموقع بغداد 24', 'clean/footer'],
    ['جميع الحقوق محفوظة', 'clean/footer'],
    ['تصميم وتطوير: شركة الأفق للحلول الرقمية', 'clean/footer'],
    ['The post بدء خطة لمعالجة أزمة النفايات في المدينة appeared first on Example News.', 'clean/footer'],
    ['#وزارة_الثقافة #مسرح_الطفل يقدم مسرحية #الملك_فانوس #عرض_جديد', 'clean/tags'],
    ['لا توجد تعليقات', 'clean/comment-form'],
    ['لا يوجد تعليقات بعد...', 'clean/comment-form'],
    ['الموقع الإلكتروني *', 'clean/comment-form'],
    ['عنوان التعليق *', 'clean/comment-form'],
    [
      'شروط النشر: عدم الإساءة للكاتب أو للأشخاص أو مهاجمة الأديان. والابتعاد عن التحريض والشتائم.',
      'clean/comment-form',
    ],
    ['مقالات ذات صلة', 'clean/related'],
    ['اقرأ أيضا: الكاظمي يصل إلى بروكسل', 'clean/related'],
    ['المزيد ...', 'clean/read-more'],
    ['Read More', 'clean/read-more'],
    ['جرب ميزات الذكاء الاصطناعي لدينا', 'clean/promo'],
    ['Orange background', 'clean/latin-label'],
    ['تقرير: أحمد محمد عبد الله', 'clean/byline'],
    ['A A', 'clean/share'],
    ['18 حجم الخط', 'clean/share'],
    ['[caption id="attachment_12" align="alignnone" width="300"]', 'clean/template-leak'],
    ['<img src="/uploads/photo.jpg" alt="">', 'clean/template-leak'],
  ];
  for (const [text, rule] of forms)
    it(`should drop "${text}" as ${rule}`, () => expect(clean(text).removed[0]?.rule).toBe(rule));
});
