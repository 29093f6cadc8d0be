/**
 * One folder per case: test/fixtures/clean/cases/<case>/{input.txt, expected.json}.
 * expected.json holds title, dateline, published, author, the body paragraphs and
 * every removed line with its rule id (UPDATE_GOLDENS=1 rewrites them; review the diff).
 */
import { lineOf } from '../../src/core/trace.js';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { newArticle } from '../../src/core/article.js';
import { cleanArticle } from '../../src/clean/index.js';
import { expectGolden } from '../support/golden.js';

const ROOT = 'test/fixtures/clean/cases';

describe('clean fixture cases', () => {
  for (const name of readdirSync(ROOT).sort()) {
    it(`should clean ${name} as its golden says`, () => {
      const raw = readFileSync(join(ROOT, name, 'input.txt'), 'utf8');
      const a = cleanArticle(newArticle({ id: name, source: name, raw }));
      expectGolden(join(ROOT, name, 'expected.json'), {
        title: a.title,
        dateline: a.dateline,
        published: a.published,
        author: a.author,
        lang: a.lang,
        rejected: a.rejected?.rule ?? null,
        body: a.paragraphs,
        removed: a.removed.map((r) => `${lineOf(r)}: ${r.rule}: ${r.text}`),
        edits: a.trace.map((r) => `${r.rule}: ${r.message}`),
      });
    });
  }
});
