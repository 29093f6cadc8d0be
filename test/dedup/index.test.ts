import { describe, it, expect } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DedupIndex, type DedupItem } from '../../src/dedup/index.js';
import { dedupArticles } from '../../src/dedup/articles.js';
import { newArticle } from '../../src/core/article.js';
import { Stats } from '../../src/core/stats.js';
import { generateDups } from '../../bench/gen-dups.js';
import { BASE, HARD_NEGATIVE, NEAR_COPY, ORTHO_VARIANT } from './fixtures.js';

const add = (items: DedupItem[], index = new DedupIndex()) => ({ index, ...index.addSync(items) });

describe('DedupIndex decisions', () => {
  it('should group orthographic variants (hamza, ة/ه, ى/ي, tatweel, harakat, spacing) as exact duplicates of the normalized body', () => {
    const { decisions } = add([
      { id: 'a', text: BASE },
      { id: 'b', text: ORTHO_VARIANT },
    ]);
    expect(decisions[1].rule).toBe('dedup/exact-duplicate');
    expect(decisions[1].duplicateOf).toBe('a');
    expect(decisions[1].dupGroup).toBe('a');
    expect(decisions[1].similarity).toBe(1);
    expect(decisions[0].rule).toBe('dedup/canonical');
  });

  it('should find a copy with a new headline, a menu line, a dropped sentence and replaced words as a near duplicate', () => {
    const { decisions } = add([
      { id: 'a', text: BASE },
      { id: 'c', text: NEAR_COPY },
    ]);
    expect(decisions[1].rule).toBe('dedup/near-duplicate');
    expect(decisions[1].duplicateOf).toBe('a');
    expect(decisions[1].similarity).toBeGreaterThanOrEqual(0.6);
    expect(decisions[1].similarity).toBeLessThan(1);
    expect(decisions[1].reasons.at(-1)?.evidence?.canonical).toBe('a');
    expect(decisions[1].reasons.at(-1)?.evidence?.match).toBe('jaccard');
  });

  it('should find a copy cut to its lead by containment, and say so, where Jaccard alone misses it', () => {
    // the headline and the first two sentences of seven: ~40 % of the words
    const lead = BASE.split('\n').slice(0, 3).join('\n');
    const items = [
      { id: 'a', text: BASE },
      { id: 't', text: `عاجل | ${lead}` },
    ];
    const d = add(items).decisions[1];
    const r = d.reasons.at(-1)!;
    expect(d.rule).toBe('dedup/near-duplicate');
    expect(d.duplicateOf).toBe('a');
    expect(r.evidence?.match).toBe('containment');
    expect(r.evidence?.jaccard).toBeLessThan(0.7);
    expect(r.evidence?.containment).toBeGreaterThanOrEqual(0.65);
    expect(r.message).toMatch(/by containment: this copy lies ≈ \d+ % inside the other/);
    const jaccardOnly = new DedupIndex({ containment: 0 }).addSync(items).decisions[1];
    expect(jaccardOnly.rule).toBe('dedup/unique');
  });

  it('should not merge a different article on the same subject sharing the same names (hard negative)', () => {
    const { decisions } = add([
      { id: 'a', text: BASE },
      { id: 'n', text: HARD_NEGATIVE },
    ]);
    expect(decisions.map((d) => d.rule)).toEqual(['dedup/unique', 'dedup/unique']);
    expect(decisions[1].duplicateOf).toBeNull();
    expect(decisions[1].dupGroup).toBe('n');
  });

  it('should keep generated hard negatives apart and merge generated copies', () => {
    const docs = [...generateDups({ docs: 3000, seed: 11 })];
    const { index, decisions } = add(docs.map((d) => ({ id: d.id, text: d.text, published: d.published })));
    const clusterOfCanonical = new Map(docs.map((d) => [d.id, d.cluster]));
    let wrong = 0;
    decisions.forEach((d, i) => d.duplicateOf && clusterOfCanonical.get(d.duplicateOf) !== docs[i].cluster && wrong++);
    expect(wrong).toBe(0);
    expect(decisions.filter((d) => d.rule === 'dedup/near-duplicate').length).toBeGreaterThan(500);
    expect(index.memory().sigLshBytesPerDoc).toBeLessThan(1024);
  });

  it('should choose the canonical by earliest published, then most complete body, then source priority, then first seen', () => {
    const longer = BASE + '\nوأكد العبيدي في ختام المؤتمر أن الحكومة ملتزمة بكل ما تم الاتفاق عليه.';
    // 1. earliest published wins over a longer body and first position
    let { decisions } = add([
      { id: 'late', text: longer, published: '2024-03-02' },
      { id: 'early', text: BASE, published: '2024-03-01' },
    ]);
    expect(decisions.map((d) => d.dupGroup)).toEqual(['early', 'early']);
    expect(decisions[0].reasons.at(-1)?.evidence?.why).toBe('earliest published');
    // 2. same day: the more complete body wins
    ({ decisions } = add([
      { id: 'short', text: BASE, published: '2024-03-01' },
      { id: 'long', text: longer, published: '2024-03-01' },
    ]));
    expect(decisions[0].duplicateOf).toBe('long');
    expect(decisions[0].reasons.at(-1)?.evidence?.why).toBe('most complete body');
    // 3. same date and body: source priority
    const index = new DedupIndex({ sourcePriority: ['wire.example', 'paper.example'] });
    ({ decisions } = index.addSync([
      { id: 'paper', text: BASE, source: 'paper.example' },
      { id: 'wire', text: ORTHO_VARIANT, source: 'wire.example' },
    ]));
    expect(decisions[0].duplicateOf).toBe('wire');
    expect(decisions[0].reasons.at(-1)?.evidence?.why).toBe('source priority');
    // 4. nothing differs: first seen; undated sorts after dated
    ({ decisions } = add([
      { id: 'first', text: BASE },
      { id: 'second', text: ORTHO_VARIANT },
      { id: 'dated', text: BASE, published: '2030-01-01' },
    ]));
    expect(decisions.map((d) => d.dupGroup)).toEqual(['dated', 'dated', 'dated']);
    ({ decisions } = add([
      { id: 'first', text: BASE },
      { id: 'second', text: ORTHO_VARIANT },
    ]));
    expect(decisions[1].reasons.at(-1)?.evidence?.why).toBe('first seen');
  });

  it('should report an earlier canonical superseded by a later, earlier-published copy', () => {
    const index = new DedupIndex();
    index.addSync([{ id: 'x', text: BASE, published: '2024-05-02' }]);
    const r = index.addSync([{ id: 'y', text: NEAR_COPY, published: '2024-05-01' }]);
    expect(r.regrouped).toEqual([{ from: 'x', to: 'y' }]);
    expect(index.decision(index.slotOf('x')).duplicateOf).toBe('y');
  });
});

describe('bad input', () => {
  it('should keep an empty or punctuation-only text as its own group with dedup/empty, never matched', () => {
    const { decisions } = add([
      { id: 'e1', text: '' },
      { id: 'e2', text: '  ...  ،؟ \n' },
    ]);
    expect(decisions.map((d) => d.rule)).toEqual(['dedup/empty', 'dedup/empty']);
    expect(decisions[1].dupGroup).toBe('e2');
  });

  it('should mark texts shorter than one shingle dedup/too-short and still catch their exact duplicates', () => {
    const { decisions } = add([
      { id: 's1', text: 'عاجل: انفجار' },
      { id: 's2', text: 'عاجل انفجار!' },
      { id: 's3', text: 'خبر آخر' },
    ]);
    expect(decisions[0].rule).toBe('dedup/canonical');
    expect(decisions[1].rule).toBe('dedup/exact-duplicate');
    expect(decisions[2].rule).toBe('dedup/too-short');
  });

  it('should skip a document whose id is already indexed with dedup/duplicate-id', () => {
    const { decisions, index } = add([
      { id: 'a', text: BASE },
      { id: 'a', text: HARD_NEGATIVE },
    ]);
    expect(decisions[1].rule).toBe('dedup/duplicate-id');
    expect(decisions[1].slot).toBe(-1);
    expect(decisions[1].reasons[0].action).toBe('drop-article');
    expect(index.size).toBe(1);
  });

  it('should handle a 50 MB text in bounded time, shingling only its start (dedup/truncated)', () => {
    const para = BASE + '\n';
    const big = para.repeat(Math.ceil((50 * 2 ** 20) / para.length));
    const t0 = performance.now();
    const { decisions } = add([
      { id: 'big', text: big },
      { id: 'small', text: BASE },
    ]);
    expect(performance.now() - t0).toBeLessThan(30_000);
    expect(decisions[0].reasons.map((r) => r.rule)).toContain('dedup/truncated');
    expect(decisions[1].rule).not.toBe('dedup/exact-duplicate');
  });
});

describe('save, load and incremental add', () => {
  const docs = [...generateDups({ docs: 1200, seed: 5 })].map((d) => ({
    id: d.id,
    text: d.text,
    published: d.published,
    source: d.site,
  }));
  const today = docs.slice(0, 800);
  const tomorrow = docs.slice(800);

  it('should give the same decisions after a save/load round trip', () => {
    const dir = mkdtempSync(join(tmpdir(), 'khabar-dedup-'));
    try {
      const a = new DedupIndex();
      a.addSync(today);
      const path = join(dir, 'today.khdx');
      a.save(path);
      const b = DedupIndex.load(path);
      expect(b.size).toBe(a.size);
      expect(b.opts).toEqual(a.opts);
      for (let s = 0; s < a.size; s++) expect(b.decision(s)).toEqual(a.decision(s));
      // incremental: tomorrow against the loaded index decides as one uninterrupted index does
      const fresh = new DedupIndex();
      fresh.addSync(today);
      const expected = fresh.addSync(tomorrow);
      const got = b.addSync(tomorrow);
      expect(got).toEqual(expected);
      expect(got.decisions.some((d) => d.duplicateOf !== null && today.some((t) => t.id === d.duplicateOf))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('should refuse a file that is not an index with KHB_BAD_INPUT', () => {
    expect(() => DedupIndex.load(new URL(import.meta.url).pathname)).toThrow(/not a khabar dedup index/);
  });
});

describe('dedupArticles', () => {
  it('should set dupGroup, duplicateOf and similarity on Articles, append the reason and count rules', async () => {
    const arts = [
      newArticle({ id: 'a', source: 'x', raw: BASE, paragraphs: BASE.split('\n'), published: '2024-01-01' }),
      newArticle({ id: 'b', source: 'y', raw: NEAR_COPY, paragraphs: NEAR_COPY.split('\n'), published: '2024-01-02' }),
      newArticle({ id: 'a', source: 'z', raw: HARD_NEGATIVE }),
    ];
    const stats = new Stats();
    await dedupArticles(arts, { stats });
    expect(arts[0]).toMatchObject({ dupGroup: 'a', duplicateOf: null, similarity: 1 });
    expect(arts[1]).toMatchObject({ dupGroup: 'a', duplicateOf: 'a' });
    expect(arts[1].trace.at(-1)?.rule).toBe('dedup/near-duplicate');
    expect(arts[2].rejected?.rule).toBe('dedup/duplicate-id');
    expect(stats.get('dedup/decided/near-duplicate')).toBe(1); // <stage>/<outcome>/<rule>, src/core/stage.ts
  });
});
