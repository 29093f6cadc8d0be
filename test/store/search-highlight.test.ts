import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hitRangesOf, phrasesOf } from '../../src/store/search/highlight.js';
import { toFtsQuery } from '../../src/store/search/query.js';
import { HIT_CLOSE, HIT_OPEN, snippetFromHighlight } from '../../src/store/search/snippet.js';
import type { SqliteStore } from '../../src/store/sqlite/index.js';
import { buildSampleDb } from '../support/sample-db.js';

const marked = (text: string, query: string) =>
  hitRangesOf(text, phrasesOf(toFtsQuery(query))).map(([s, e]) => text.slice(s, e));

describe('hits found in JS', () => {
  it('should mark each instance of each phrase, a prefix by prefix, and never an excluded term', () => {
    expect(marked('حلف شمال الاطلسي يجتمع في بروكسل', 'شمال بروكسل')).toEqual(['شمال', 'بروكسل']);
    expect(marked('حلف شمال الاطلسي وشمال افريقيا', '"حلف شمال"')).toEqual(['حلف شمال']);
    expect(marked('الكاظمي يلتقي ستولتنبرغ والكاظمي يعود', 'الكاظ*')).toEqual(['الكاظمي']);
    expect(marked('بغداد ثم الموصل ثم البصرة', 'بغداد OR الموصل')).toEqual(['بغداد', 'الموصل']);
    expect(marked('بغداد والبصرة بغداد', 'بغداد -البصرة')).toEqual(['بغداد', 'بغداد']);
  });

  it('should mark overlapping instances as one, and adjacent ones apart, as highlight() does', () => {
    expect(marked('حلف شمال الاطلسي', '"حلف شمال" "شمال الاطلسي"')).toEqual(['حلف شمال الاطلسي']);
    expect(marked('حلف شمال الاطلسي', 'حلف شمال')).toEqual(['حلف', 'شمال']);
  });

  it('should cut tokens as the index does: case folded, marks kept, punctuation splitting', () => {
    expect(marked('NATO summit, nato-led', 'nato')).toEqual(['NATO', 'nato']);
    expect(marked('نمو 3.5 في المئة', '"3.5"')).toEqual(['3.5']);
  });
});

describe('hits found in JS against FTS5 highlight() on the sample corpus', () => {
  let store: SqliteStore;
  beforeAll(async () => {
    store = (await buildSampleDb()).store as SqliteStore;
  });
  afterAll(() => store.close());

  it('should give the same title and snippet parts for every hit of words, phrases, OR, prefix and NOT queries', async () => {
    const highlight = store.db.prepare(
      `SELECT highlight(articles_fts, 0, '${HIT_OPEN}', '${HIT_CLOSE}') AS ht,
              highlight(articles_fts, 1, '${HIT_OPEN}', '${HIT_CLOSE}') AS hb, a.title, a.text
       FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid
       WHERE articles_fts MATCH ? AND a.id = ?`,
    );
    const queries = [
      'حلف شمال الاطلسي',
      '"حلف شمال الأطلسي"',
      'الناتو OR بروكسل',
      'الكاظ*',
      'العراق -الناتو',
      'باغرام',
      '"ماجد مهدي" حنتوش',
      'الحكومة العراقية',
      'وزير*',
    ];
    let compared = 0;
    let withMarks = 0;
    for (const q of queries) {
      const r = await store.search(q, { limit: 100 });
      for (const hit of r.hits) {
        const h = highlight.get(r.match, hit.id) as { ht: string; hb: string; title: string | null; text: string };
        if (h.title) expect(hit.titleParts, `${q}: ${hit.id} title`).toEqual(snippetFromHighlight(h.title, h.ht, true));
        expect(hit.snippet, `${q}: ${hit.id}`).toEqual(snippetFromHighlight(h.text, h.hb));
        compared++;
        if (hit.snippet.some((p) => p.hit)) withMarks++;
      }
    }
    expect(compared).toBeGreaterThan(30);
    expect(withMarks).toBeGreaterThan(20);
  });
});
