/**
 * The two seeds are golden cases. The goldens hold line numbers, rule ids and a
 * hash of the clean body — not the seed text, which is not ours to ship.
 */
import { lineOf } from '../../src/core/trace.js';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { newArticle } from '../../src/core/article.js';
import { cleanArticle, splitLines } from '../../src/clean/index.js';
import { expectGolden } from '../support/golden.js';
import { readSeed, SEED_THURSDAY, SEED_WEDNESDAY } from '../support/seeds.js';

const clean = (name: string) =>
  cleanArticle(newArticle({ id: name, source: name, raw: readSeed(name), site: 'seeds' }));
const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');

function golden(name: string) {
  const a = clean(name);
  return {
    title_sha1: a.title === null ? null : sha1(a.title),
    dateline: a.dateline,
    paragraphs: a.paragraphs.length,
    body_sha1: sha1(a.paragraphs.join('\n\n')),
    removed: a.removed.map((r) => ({ line: lineOf(r) ?? undefined, reason: r.rule })),
    edits: a.trace.map((r) => r.rule),
    lang: a.lang,
  };
}

describe('seed 003 (template leak, repeated paragraphs)', () => {
  const raw = readSeed(SEED_THURSDAY);
  const lines = splitLines(raw);
  const a = clean(SEED_THURSDAY);

  it('should keep exactly its six distinct paragraphs, in order, as written', () => {
    expect(a.paragraphs).toEqual(lines.slice(0, 6).map((l) => l.text));
  });
  it('should have no title line (its first line is a sentence)', () => {
    expect(a.title).toBeNull();
  });
  it('should drop the template leak with clean/template-leak', () => {
    const leak = a.removed.find((r) => r.text?.includes('{{'));
    expect(leak?.rule).toBe('clean/template-leak');
    expect(leak && lineOf(leak)).toBe(7);
  });
  it('should drop each repeated copy with clean/repeated-paragraph', () => {
    const repeats = a.removed.filter((r) => r.rule === 'clean/repeated-paragraph');
    expect(repeats.map(lineOf)).toEqual([8, 9, 10, 11, 12]);
  });
  it('should match its golden', () =>
    expectGolden('test/fixtures/clean/seeds/003.expected.json', golden(SEED_THURSDAY)));
});

describe('seed 000 (menu, comment form, Adblock, glued word)', () => {
  const a = clean(SEED_WEDNESDAY);
  const body = a.paragraphs.join('\n');

  it('should take the headline line as title', () => {
    expect(a.title).toMatch(/^رئيس مجلس الوزراء مصطفى الكاظمي يلتقي الأمين العام/);
  });
  it('should take "بغداد 24 ـ بروكسل" as dateline', () => {
    expect(a.dateline).toBe('بغداد 24 ـ بروكسل');
  });
  it('should keep only the article paragraphs: no menu, no comment form, no Adblock text', () => {
    expect(a.paragraphs).toHaveLength(8);
    expect(a.paragraphs[0]).toMatch(/^التقى رئيس مجلس الوزراء/);
    expect(a.paragraphs.at(-1)).toMatch(/^واعرب الأمين العام/);
    for (const junk of [
      'رئيسيسياسة',
      'اترك تعليق',
      'بريدك الإلكتروني',
      'Adblock',
      'الموقع محمي',
      'زر الذهاب',
      'ذات صلة',
    ])
      expect(body).not.toContain(junk);
  });
  it('should give every removed line a reason', () => {
    expect(a.removed.length).toBe(7);
    const byReason = Object.fromEntries(a.removed.map((r) => [r.text!.slice(0, 12), r.rule]));
    expect(Object.values(byReason)).toEqual([
      'clean/navigation',
      'clean/related',
      'clean/comment-form',
      'clean/comment-form',
      'clean/back-to-top',
      'clean/notice',
      'clean/notice',
    ]);
  });
  it('should repair the stray period, the missing space and the glued word', () => {
    expect(body).toContain('والبنى التحتية.\nمن جانبه رحب');
    expect(body).toContain('مع الحكومة. وبين الكاظمي');
    expect(body).toContain('حلف الناتو في دعم');
    expect(a.trace.map((r) => r.rule)).toEqual(
      expect.arrayContaining(['clean/stray-punctuation', 'clean/missing-space', 'clean/glued-word']),
    );
  });
  it('should keep every sentence, quotes included', () => {
    expect(body).toContain('“بامكان العراق الاعتماد على دعم حلف الناتو ودوله لحكومتكم والنهج الذي تعمل عليه”');
  });
  it('should match its golden', () =>
    expectGolden('test/fixtures/clean/seeds/000.expected.json', golden(SEED_WEDNESDAY)));
});
