/**
 * `npm run eval:html -- --benchmark <folder>`: khabar on the pages of
 * scrapinghub/article-extraction-benchmark (181 real article pages from 181 sites,
 * mostly English, hand-checked bodies), checked out outside the repository. Its
 * pages never enter the repository; this reads them from the folder it is given.
 *
 * Each page goes through what `khabar clean --keep-non-arabic` does to it
 * (decode → extract → clean, with the cross-document index of pass 1), and the
 * body (dateline and paragraphs) is written to `<folder>/output/khabar.json` in the
 * benchmark's format. The figures to quote come from its own `evaluate.py`; the
 * scorer below is a port of its shingle matching for a quick look per page.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { cleanArticle, SiteLineIndex, lineKeys } from '../../src/clean/index.js';
import { pageArticle } from '../../src/ingest/html/reader.js';

export interface BenchmarkPage {
  key: string;
  url: string;
  truth: string;
  got: string;
  rejected: string | null;
  /** tp, fp, fn over 4-token shingles, normalized to sum 1 (evaluate.py's string_shingle_matching). */
  tpFpFn: [number, number, number];
}

/** evaluate.py tokenizes with Python's `\w+` (Unicode letters, digits, underscore). */
const TOKEN = /[\p{L}\p{N}_]+/gu;
const SHINGLE = 4;

function shingles(text: string): Map<string, number> {
  const t = text.match(TOKEN) ?? [];
  const m = new Map<string, number>();
  for (let i = 0; i < Math.max(1, t.length - SHINGLE + 1); i++) {
    const s = t.slice(i, i + SHINGLE);
    if (s.length === 0) continue;
    const k = s.join('\u0001');
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}

export function shingleMatch(truth: string, pred: string): [number, number, number] {
  const a = shingles(truth);
  const b = shingles(pred);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const k of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(k) ?? 0;
    const y = b.get(k) ?? 0;
    tp += Math.min(x, y);
    fp += Math.max(0, y - x);
    fn += Math.max(0, x - y);
  }
  const s = tp + fp + fn;
  return s > 0 ? [tp / s, fp / s, fn / s] : [0, 0, 0];
}

/** evaluate.py's metrics_from_tp_fp_fns: per-page precision and recall, averaged, then F1. */
export function benchmarkScore(pages: { tpFpFn: [number, number, number] }[]): {
  f1: number;
  precision: number;
  recall: number;
} {
  const ps: number[] = [];
  const rs: number[] = [];
  for (const {
    tpFpFn: [tp, fp, fn],
  } of pages) {
    const same = fp === 0 && fn === 0;
    if (tp + fp > 0) ps.push(same ? 1 : tp / (tp + fp));
    if (tp + fn > 0) rs.push(same ? 1 : tp / (tp + fn));
  }
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const precision = mean(ps);
  const recall = mean(rs);
  return { precision, recall, f1: (2 * precision * recall) / (precision + recall) };
}

export function runBenchmark(folder: string): { pages: BenchmarkPage[]; seconds: number } {
  const truth = JSON.parse(readFileSync(join(folder, 'ground-truth.json'), 'utf8')) as Record<
    string,
    { articleBody: string; url: string }
  >;
  const keys = Object.keys(truth);
  const bytesOf = (k: string) => gunzipSync(readFileSync(join(folder, 'html', `${k}.html.gz`)));
  const t0 = performance.now();
  const load = (k: string) =>
    pageArticle({ source: `${k}.html`, bytes: bytesOf(k), url: truth[k].url, id: k, site: null });
  // pass 1 of `khabar clean`: the cross-document line index (181 sites, so it rarely fires)
  const index = new SiteLineIndex();
  for (const k of keys) {
    const a = load(k);
    index.observe(a.site, lineKeys(a));
  }
  const pages: BenchmarkPage[] = [];
  for (const k of keys) {
    const a = cleanArticle(load(k), { siteLines: index, keepNonArabic: true });
    const got = a.rejected ? '' : [a.dateline ?? '', ...a.paragraphs].filter(Boolean).join('\n\n');
    pages.push({
      key: k,
      url: truth[k].url,
      truth: truth[k].articleBody,
      got,
      rejected: a.rejected?.rule ?? null,
      tpFpFn: shingleMatch(truth[k].articleBody, got),
    });
  }
  const seconds = (performance.now() - t0) / 1000;
  const output = Object.fromEntries(pages.map((p) => [p.key, { articleBody: p.got, url: p.url }]));
  writeFileSync(join(folder, 'output', 'khabar.json'), JSON.stringify({ version: 'khabar', output }, null, 1));
  return { pages, seconds };
}
