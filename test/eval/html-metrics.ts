/**
 * Body-token precision/recall/F1 on the HTML fixtures (test/fixtures/html/<case>),
 * for khabar (decode → extractFromHtml → the cleaner's Arabic line rules) and,
 * in the same run on the same decoded text, for @mozilla/readability alone
 * (its textContent). Tokens are normalized words counted as a multiset, so a
 * kept menu word or a lost sentence both show. Index pages expect no body: every
 * token either system returns there counts against its precision.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { cleanArticle } from '../../src/clean/index.js';
import { pageArticle } from '../../src/ingest/html/reader.js';
import { normalize } from '../../src/text/normalize.js';
import { words } from '../../src/text/tokenize.js';

export const FIXTURES = new URL('../fixtures/html/', import.meta.url).pathname;

export interface Expected {
  title: string | null;
  published: string | null;
  author: string | null;
  body: string[];
  charset?: string;
}

export interface Prf {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface HtmlEval {
  cases: number;
  khabar: Prf;
  readability: Prf;
  meta: { title: number; published: number; author: number };
  perCase: { case: string; khabar: Prf; readability: Prf; misses: string[]; published: string | null }[];
}

const bag = (text: string): Map<string, number> => {
  const m = new Map<string, number>();
  for (const w of words(normalize(text))) m.set(w, (m.get(w) ?? 0) + 1);
  return m;
};

function overlap(got: string, want: string): Prf {
  const g = bag(got);
  const w = bag(want);
  let tp = 0;
  let nG = 0;
  let nW = 0;
  for (const [k, c] of g) {
    nG += c;
    tp += Math.min(c, w.get(k) ?? 0);
  }
  for (const c of w.values()) nW += c;
  return prf(tp, nG - tp, nW - tp);
}

export function prf(tp: number, fp: number, fn: number): Prf {
  // An empty prediction on an empty gold body is perfect.
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1 };
}

const sum = (xs: Prf[]): Prf =>
  prf(
    xs.reduce((s, x) => s + x.tp, 0),
    xs.reduce((s, x) => s + x.fp, 0),
    xs.reduce((s, x) => s + x.fn, 0),
  );

/** Pages written apart from the extractor, never used to tune it (see its README line). */
export const HELDOUT = new URL('../fixtures/html-heldout/', import.meta.url).pathname;

export function fixtureCases(root = FIXTURES): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'expected.json')))
    .map((d) => d.name)
    .sort();
}

export function readabilityText(html: string): string {
  const { document } = parseHTML(html);
  const r = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0]).parse();
  return r?.textContent ?? '';
}

export function evaluateHtml(root = FIXTURES): HtmlEval {
  const perCase: HtmlEval['perCase'] = [];
  const hits = { title: 0, published: 0, author: 0 };
  let articles = 0;
  for (const name of fixtureCases(root)) {
    const dir = join(root, name);
    const want = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;
    const bytes = readFileSync(join(dir, 'input.html'));
    const page = pageArticle({ source: join(dir, 'input.html'), bytes });
    const html = page.raw;
    const a = cleanArticle(page);
    const got = [a.dateline ?? '', ...(a.rejected ? [] : a.paragraphs)].join('\n');
    const wantText = want.body.join('\n');
    const k = overlap(got, wantText);
    const r = overlap(readabilityText(html), wantText);
    const misses: string[] = [];
    if (want.body.length > 0) {
      articles++;
      if (a.title === want.title) hits.title++;
      else misses.push(`title: ${a.title}`);
      if (a.published === want.published) hits.published++;
      else misses.push(`published: ${a.published}`);
      if (a.author === want.author) hits.author++;
      else misses.push(`author: ${a.author}`);
    }
    perCase.push({ case: name, khabar: k, readability: r, misses, published: a.published });
  }
  return {
    cases: perCase.length,
    khabar: sum(perCase.map((c) => c.khabar)),
    readability: sum(perCase.map((c) => c.readability)),
    meta: {
      title: hits.title / articles,
      published: hits.published / articles,
      author: hits.author / articles,
    },
    perCase,
  };
}
