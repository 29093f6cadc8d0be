import { existsSync, readFileSync } from 'node:fs';
import { newArticle, type Article } from '../../src/core/article.js';
import { seedPath, SEED_THURSDAY, SEED_WEDNESDAY } from '../support/seeds.js';

export const SEED_000 = seedPath(SEED_WEDNESDAY);
export const SEED_003 = seedPath(SEED_THURSDAY);

/** Obvious boilerplate in the seeds (site menu, comment form, adblock notice, a template leak). */
const BOILERPLATE = [
  'رئيسيسياسةعربي ودولي',
  'مقالات ذات صلة',
  'اترك تعليقاً',
  'لن يتم نشر',
  'زر الذهاب إلى الأعلى',
  'أنت تستخدم إضافة',
  'يرجى ازالة',
  '{{',
];

/** A seed's lines minus boilerplate and repeated paragraphs (src/clean does this properly; the test stays independent of it). */
export function seedLines(path: string): string[] {
  if (!existsSync(path)) throw new Error(`seed ${path} is missing: the seeds must be present to run this test`);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of readFileSync(path, 'utf8').split('\n')) {
    const l = raw.trim();
    if (!l || BOILERPLATE.some((b) => l.startsWith(b)) || seen.has(l)) continue;
    seen.add(l);
    out.push(l);
  }
  return out;
}

/** The two seeds as articles, published on the real event days (Wednesday 30 June, Thursday 1 July 2021). */
export function seedArticles(): [Article, Article] {
  const s0 = seedLines(SEED_000);
  const s3 = seedLines(SEED_003);
  return [
    newArticle({ id: '000', source: SEED_000, raw: s0.slice(1).join('\n'), title: s0[0], published: '2021-06-30' }),
    newArticle({ id: '003', source: SEED_003, raw: s3.join('\n'), published: '2021-07-01' }),
  ];
}

export const article = (id: string, text: string, extra: Partial<Article> = {}): Article =>
  newArticle({ id, source: 'test', raw: text, ...extra });
