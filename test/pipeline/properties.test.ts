/**
 * Properties that hold for any input (fast-check; issue 15): normalize is idempotent; the
 * cleaner never throws and never writes a character its input did not have (edits only add
 * spaces, move punctuation or cut); a dedup partition does not depend on the order of the
 * window; every input document ends in exactly one outcome.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanArticle } from '../../src/clean/index.js';
import { newArticle, type Article } from '../../src/core/article.js';
import { khabarError } from '../../src/core/errors.js';
import { dedupArticles } from '../../src/dedup/articles.js';
import type { IngestItem } from '../../src/ingest/index.js';
import { itemsStage, Pipeline, type Outcome } from '../../src/pipeline/pipeline.js';
import { openStore } from '../../src/store/index.js';
import { normalize } from '../../src/text/normalize.js';

/** Runs per property: enough to find a counter-example of the kinds below in a few seconds. */
const RUNS = 60;

const LETTERS = [...'ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأؤإئىةـًٌٍَُِّْ٠١٢٣٤٥٦٧٨٩0123456789'];
const WORDS = [
  'قال',
  'الوزير',
  'إن',
  'الحكومة',
  'ستعقد',
  'اجتماعاً',
  'في',
  'بغداد',
  'يوم',
  'الأربعاء',
  'لمناقشة',
  'الموازنة',
  'العامة',
  'للدولة',
  'مؤكداً',
  'أهمية',
  'الإصلاح',
  'الاقتصادي',
  'اقرأ أيضا',
  'شارك على فيسبوك',
  'جميع الحقوق محفوظة',
  '{{ article.title }}',
  '،',
  '.',
  '؟',
  '!',
  '٢٠٢١',
  'https://example.com/x',
  'The',
  'minister',
  '\u200f',
  '🙂',
];
const word = fc.oneof(fc.constantFrom(...WORDS), fc.string({ unit: fc.constantFrom(...LETTERS), maxLength: 8 }));
const line = fc.array(word, { minLength: 0, maxLength: 30 }).map((ws) => ws.join(' '));
const text = fc.array(line, { minLength: 0, maxLength: 25 }).map((ls) => ls.join('\n'));

/** Non-space characters and how often each occurs. */
function chars(s: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const c of s) if (!/\s/u.test(c)) m.set(c, (m.get(c) ?? 0) + 1);
  return m;
}

describe('properties', () => {
  it('normalize should be idempotent', () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.string(), fc.string({ unit: 'grapheme' })), (s) => {
        const once = normalize(s);
        expect(normalize(once)).toBe(once);
      }),
      { numRuns: 300 },
    );
  });

  it('cleanArticle should never throw nor write a character its input lacks', () => {
    fc.assert(
      fc.property(text, fc.boolean(), (raw, asHtml) => {
        const input = asHtml
          ? `<html><body><article>${raw
              .split('\n')
              .map((l) => `<p>${l}</p>`)
              .join('')}</article></body></html>`
          : raw;
        const a = cleanArticle(newArticle({ id: 'p', source: 'p', raw: input, rawKind: asHtml ? 'html' : 'text' }));
        const have = chars(raw);
        const out = [...a.paragraphs, a.title ?? '', a.dateline ?? ''].join('\n');
        for (const [c, n] of chars(out))
          expect(n, `"${c}" in ${JSON.stringify(out).slice(0, 200)}`).toBeLessThanOrEqual(have.get(c) ?? 0);
        // exactly one verdict: kept with a body, or rejected with a rule
        if (a.rejected) expect(a.rejected.rule).toMatch(/^clean\//);
        else expect(a.paragraphs.length).toBeGreaterThan(0);
      }),
      { numRuns: RUNS },
    );
  });

  it('a dedup partition should not depend on the order of the window', async () => {
    // bases share little; copies are exact, or differ in one word
    const base = fc
      .array(fc.constantFrom(...LETTERS.slice(0, 28)), { minLength: 3, maxLength: 6 })
      .map((l) => l.join(''));
    const doc = fc.array(base, { minLength: 60, maxLength: 90 });
    const corpus = fc
      .tuple(
        fc.array(doc, { minLength: 2, maxLength: 5 }),
        fc.array(fc.tuple(fc.nat(), fc.boolean(), fc.nat()), { maxLength: 10 }),
      )
      .map(([bases, copies]) => {
        const texts = bases.map((b) => b.join(' '));
        for (const [k, edit, at] of copies) {
          const words = bases[k % bases.length].slice();
          if (edit) words[at % words.length] = 'تعديل';
          texts.push(words.join(' '));
        }
        return texts;
      });
    await fc.assert(
      fc.asyncProperty(corpus, fc.nat(), async (texts, seed) => {
        const make = (order: number[]) =>
          order.map((i) =>
            newArticle({ id: `d${i}`, source: `s${i}`, raw: texts[i], site: `site${i}`, published: '2021-07-01' }),
          );
        const partition = (as: Article[]) => {
          const groups = new Map<string, string[]>();
          for (const a of as) groups.set(a.dupGroup ?? a.id, [...(groups.get(a.dupGroup ?? a.id) ?? []), a.id]);
          return [...groups.values()].map((g) => g.sort().join(' ')).sort();
        };
        const ids = texts.map((_, i) => i);
        const shuffled = ids.slice().sort((x, y) => ((x * 7919 + seed) % 101) - ((y * 7919 + seed) % 101) || x - y);
        const first = partition(await dedupArticles(make(ids), { workers: 0 }));
        const second = partition(await dedupArticles(make(shuffled), { workers: 0 }));
        expect(second).toEqual(first);
      }),
      { numRuns: 30 },
    );
  });

  it('every input document should end in exactly one outcome', async () => {
    const item = fc.oneof(
      text.map((raw) => ({ kind: 'text' as const, raw })),
      fc.constant({ kind: 'error' as const, raw: '' }),
      fc.nat({ max: 3 }).map((k) => ({ kind: 'copy' as const, raw: String(k) })),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(item, { minLength: 1, maxLength: 15 }), async (items) => {
        const store = await openStore(':memory:');
        const p = await Pipeline.open(store, { runId: 'prop' });
        const sources = items.map((_, i) => `in${i}`);
        const outcomes: Outcome[] = [];
        const entries: IngestItem[] = [];
        for (const [i, it] of items.entries()) {
          const raw = it.kind === 'copy' ? (items.find((x) => x.kind === 'text')?.raw ?? 'نص') : it.raw;
          const entry: IngestItem =
            it.kind === 'error'
              ? { ok: false, source: sources[i], error: khabarError('KHB_EMPTY', sources[i]) }
              : {
                  ok: true,
                  article: newArticle({ id: `a${i}`, source: sources[i], raw: raw || ' ', site: `s${i % 3}` }),
                };
          entries.push(entry);
        }
        await p.run(itemsStage(entries), { onOutcome: (o) => outcomes.push(o) });
        await p.finish();
        expect(outcomes.map((o) => o.source).sort()).toEqual(sources.slice().sort());
        for (const o of outcomes) expect(['stored', 'duplicate', 'rejected', 'unchanged', 'error']).toContain(o.status);
        await store.close();
      }),
      { numRuns: 25 },
    );
  });
});
